"""umbrella.games: small game-theoretic models, each declared once, solved exactly.

    >>> from umbrella import games
    >>> g = games.get("deployment-bargaining")
    >>> g.solve({"alt": 0, "multilateral": 0}).outcome
    'pressure'

Every game offers `parameters`, `solve(params)` (a `GameResult` with `.outcome`, `.path`,
`.payoffs`, `.to_dict()`), `to_efg(params)` and `tree(params)`.
"""
from __future__ import annotations

from umbrella.errors import UnknownName, request_problem, unknown
from umbrella.games.core import Game, GameResult
from umbrella.games.deployment import DEPLOYMENT
from umbrella.games.deterrence import EXTENDED, UNILATERAL
from umbrella.games.tripartite import TRIPARTITE

GAMES: dict[str, Game] = {g.id: g for g in (DEPLOYMENT, EXTENDED, UNILATERAL, TRIPARTITE)}


def ids() -> list[str]:
    return list(GAMES)


def get(game_id: str) -> Game:
    """The game with this id; unknown ids raise `UnknownName`."""
    try:
        return GAMES[game_id]
    except KeyError:
        raise request_problem("game", unknown("game", game_id, GAMES), UnknownName) from None


__all__ = ["GAMES", "Game", "GameResult", "get", "ids"]
