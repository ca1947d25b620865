"""Use cases of the formal models: list, parameters, solve, cases, export, map, robustness, tree."""
from __future__ import annotations

from typing import Annotated, Any, ClassVar, Optional, Union

from pydantic import Field, RootModel

from umbrella.errors import request_problem, unknown
from umbrella.lab.base import Document, LabBase, Number, Request, Text

Finite = Annotated[float, Field(strict=True, allow_inf_nan=False)]


# ---- requests ----------------------------------------------------------------------------------

class GameRequest(Request):
    game: str = Field(description="game id (see `game list`)")


class GameSettings(Request):
    """Parameter values: a documented case's, then `set` on top; the declared defaults elsewhere."""
    set: dict[str, Finite] = Field(default_factory=dict, description="parameter name -> value (any finite number; "
                                                                     "outside the declared range: used with a warning)")
    case: Optional[str] = Field(None, description="start from a documented case's parameters")


class GameSolveRequest(GameSettings, GameRequest):
    pass


class GameGrid(GameSettings):
    """A grid of two parameters, the others as in `GameSettings`."""
    x: str = Field(description="NAME:LO:HI:N")
    y: str = Field(description="NAME:LO:HI:N")
    show: str = Field("outcome", description="outcome, or an information set (e.g. ally:challenged) to map the "
                                             "equilibrium action there")


class GameMapRequest(GameGrid, GameRequest):
    pass


class GameRobustnessRequest(GameRequest):
    set: dict[str, Finite] = Field(default_factory=dict, description="parameters held fixed instead of drawn")
    samples: int = Field(2000, ge=1, le=1_000_000, strict=True, description="random draws in the box")
    seed: int = Field(1, ge=0, strict=True)


# ---- results -----------------------------------------------------------------------------------

class GameRow(Document):
    id: str
    title: Text
    players: list[str]
    parameters: list[str]
    cases: list[str]


class GameList(RootModel[list[GameRow]]):
    """`game list`."""


class GameParameter(Document):
    """A declared parameter (SYSTEM.md §3.6); `values` for a parameter restricted to a finite set."""
    _omit: ClassVar[tuple[str, ...]] = ("values",)
    name: str
    default: Number
    low: Number
    high: Number
    unit: str
    description: str
    description_zh: str
    sources: list[dict[str, str]]
    values: Optional[list[Number]] = None


class GameParameters(RootModel[list[GameParameter]]):
    """`game params ID`."""


class Equilibrium(Document):
    path: list[str]
    outcome: str
    payoffs: dict[str, Number]
    outcome_probabilities: dict[str, Number]
    strategy: dict[str, str]
    beliefs: dict[str, dict[str, Number]]
    ties: list[str]
    solution_concept: str


class GameSolution(Document):
    """`game solve` (SYSTEM.md §3.6); `analysis` where the game computes more (credibility, thresholds)."""
    _omit: ClassVar[tuple[str, ...]] = ("analysis",)
    game: str
    params: dict[str, Number]
    equilibrium: Equilibrium
    analysis: Optional[dict[str, Any]] = None


class GameCase(Document):
    id: str
    title: Text
    params: dict[str, Number]
    observed: str
    model: str
    agrees: bool
    why: Text
    sources: list[dict[str, str]]


class GameCases(RootModel[list[GameCase]]):
    """`game cases ID`: observed strategies against the model's equilibrium outcomes."""


class GameExport(Document):
    game: str
    efg: str


class Axis(Document):
    name: str
    values: list[float]


class GameMap(Document):
    """`game map`: the outcome (or an action) over a grid, and where the game's prediction holds."""
    _omit: ClassVar[tuple[str, ...]] = ("prediction_holds", "share_holds")
    game: str
    params: dict[str, Number]
    show: str
    x: Axis
    y: Axis
    outcomes: list[list[Union[str, bool]]]      # bool where the map shows whether a region holds
    prediction_holds: Optional[list[list[Optional[bool]]]] = None
    share_holds: Optional[float] = None


class PredictionShare(Document):
    samples: int
    share_holds: float
    outcomes: dict[str, float]


class Robustness(Document):
    """`game robustness`: the share of the declared box where the game's prediction holds
    (`share_holds`, `by_prediction`), or, for a game that declares regions instead, the share each
    region covers and each equilibrium outcome's share (`regions`, `outcomes`)."""
    _omit: ClassVar[tuple[str, ...]] = ("share_holds", "by_prediction", "regions", "outcomes")
    game: str
    samples: int
    seed: int
    fixed: dict[str, Number]
    share_holds: Optional[float] = None
    by_prediction: Optional[dict[str, PredictionShare]] = None
    regions: Optional[dict[str, float]] = None
    outcomes: Optional[dict[str, float]] = None


class Estimate(Document):
    name: str
    value: float
    std_error: Optional[float]


class CaseFit(Document):
    id: str
    covariates: dict[str, Number]
    observed: str
    probability: float
    probabilities: dict[str, float]
    loo_probability: float


class GameEstimate(Document):
    """`game estimate`: the game's free payoffs fitted to the coded cases (logit agent-QRE maximum
    likelihood), with standard errors, the fit in and out of sample, and each case's fitted probability."""
    game: str
    method: str
    estimates: list[Estimate]
    loglik: float
    loglik_loo: float
    loglik_uniform: float
    n_cases: int
    converged: bool
    hessian_eigenvalues: list[Optional[float]]
    fixed: dict[str, Number]
    cases: list[CaseFit]


class GameInfo(Document):
    """A game's declaration in words, both languages: what its players, actions, outcomes, regions and
    solution concept are called, and its parameters (SYSTEM.md §3.6 listing)."""
    id: str
    title: Text
    description: Text
    solution_concept: Text
    players: dict[str, Text]
    actions: dict[str, Text]
    outcomes: dict[str, Text]
    regions: dict[str, Text]
    constraints: list[str]
    has_prediction: bool
    parameters: list[GameParameter]
    sources: list[dict[str, str]]


class GameTree(Document):
    """The solved tree at the requested parameters: `tree` nests decision, chance and terminal nodes;
    each decision's actions carry `chosen` (the equilibrium strategy's action at that information
    set) and every node `reached` (on the equilibrium path, with positive probability)."""
    game: str
    params: dict[str, Number]
    strategy: dict[str, str]
    tree: dict[str, Any]
    _root: Any = None

    @property
    def root(self) -> Any:
        return self._root


class TypologyCell(Document):
    alt: int
    multilateral: int
    outcome: str
    predicted: Optional[str]
    path: list[str]


class GamesReport(Document):
    """What the report shows of the games."""
    cells: list[TypologyCell]
    cases: GameCases
    robustness: Robustness
    maps: list[GameMap]
    unilateral: GameSolution
    extended: GameSolution
    primary: GameSolution


# ---- use cases ---------------------------------------------------------------------------------

class GameUseCases(LabBase):

    def game(self, game_id: str) -> Any:
        from umbrella import games
        return games.get(game_id)

    def game_params_of(self, game: Any, request: GameSettings) -> dict[str, float]:
        params: dict[str, float] = {}
        if request.case is not None:
            if request.case not in game.cases:
                raise request_problem("case", unknown("case", request.case, game.cases, of=f"of game {game.id!r}"))
            params.update(game.cases[request.case].params)
        params.update(request.set)
        return params

    def games(self) -> GameList:
        from umbrella import games
        return GameList.model_validate([
            {"id": g.id, "title": g.title, "players": [p.name for p in g.players],
             "parameters": [p.name for p in g.parameters], "cases": list(g.cases)} for g in games.GAMES.values()])

    def game_params(self, request: GameRequest) -> GameParameters:
        return GameParameters.model_validate(self.game(request.game).params_listing())

    def game_solve(self, request: GameSolveRequest) -> GameSolution:
        """The game solved exactly at the requested parameters (subgame-perfect / sequential equilibrium)."""
        game = self.game(request.game)
        result = game.solve(self.game_params_of(game, request))
        return GameSolution.of(result.to_dict(), result.warnings)

    def game_cases(self, request: GameRequest) -> GameCases:
        game = self.game(request.game)
        rows = []
        for c in game.cases.values():
            model = game.solve(c.params, analyse=False).outcome
            rows.append({"id": c.id, "title": c.title, "params": dict(c.params), "observed": c.observed,
                         "model": model, "agrees": model == c.observed, "why": c.why,
                         "sources": [s.to_dict() for s in c.sources]})
        return GameCases.model_validate(rows)

    def game_export(self, request: GameSolveRequest) -> GameExport:
        """The game in Gambit's .efg format at the requested parameters."""
        game = self.game(request.game)
        params, notes = game.resolve(self.game_params_of(game, request))
        return GameExport.of({"game": game.id, "efg": game.to_efg(params)}, notes)

    def game_map(self, request: GameMapRequest, progress: Optional[Any] = None) -> GameMap:
        """The equilibrium outcome (or action) over a grid of two parameters."""
        from umbrella.games.analysis import outcome_map, parse_axis
        game = self.game(request.game)
        x, y = parse_axis(game, request.x, "x"), parse_axis(game, request.y, "y")
        result = outcome_map(game, x, y, self.game_params_of(game, request), show=request.show, progress=progress)
        notes = result.pop("warnings")
        return GameMap.of(result, notes)

    def game_robustness(self, request: GameRobustnessRequest, progress: Optional[Any] = None) -> Robustness:
        """Share of the declared parameter box where the game's prediction (004's Table 1) holds, or
        the share each of its declared regions covers."""
        from umbrella.games.analysis import robustness
        game = self.game(request.game)
        _, notes = game.resolve(request.set)          # unknown names, bad values, constraints: errors now
        return Robustness.of(robustness(game, request.samples, request.seed, request.set, progress=progress), notes)

    def game_estimate(self, request: GameRequest) -> GameEstimate:
        """The game's free payoffs fitted to the coded dispute cases of the evidence base."""
        from umbrella.games.estimation import dispute_observations, estimate, spec_for
        game = self.game(request.game)
        spec = spec_for(game)
        return GameEstimate.of(estimate(game, dispute_observations(self.evidence.disputes.values()), spec))

    def game_info(self, request: GameRequest) -> GameInfo:
        game = self.game(request.game)
        return GameInfo.of({
            "id": game.id, "title": game.title, "description": game.description,
            "solution_concept": game.solution_concept, "players": {p.name: p.label for p in game.players},
            "actions": game.actions, "outcomes": game.outcomes, "regions": {r.name: r.label for r in game.regions},
            "constraints": [c.expression for c in game.constraints], "has_prediction": game.prediction is not None,
            "parameters": game.params_listing(), "sources": [s.to_dict() for s in game.sources]})

    def game_tree(self, request: GameSolveRequest) -> GameTree:
        """The game tree at the requested parameters with the equilibrium marked on it."""
        game = self.game(request.game)
        result = game.solve(self.game_params_of(game, request), analyse=False)
        root = game.tree(result.params)
        tree = GameTree.of({"game": game.id, "params": result.params, "strategy": result.strategy,
                            "tree": _tree_document(root, result.strategy, True)}, result.warnings)
        tree._root = root
        return tree

    def games_report(self, maps: list[tuple[dict, str, str]], samples: int, seed: int) -> GamesReport:
        """The report's games section: Table 1 at the defaults of each cell, the four seed cases, the
        share of the box where Table 1 holds, the given maps, and deterrence credibility."""
        bargaining = self.game("deployment-bargaining")
        cells = []
        for alt, mult in ((1, 1), (1, 0), (0, 1), (0, 0)):
            result = bargaining.solve({"alt": alt, "multilateral": mult}, analyse=False)
            cells.append({"alt": alt, "multilateral": mult, "outcome": result.outcome,
                          "predicted": bargaining.prediction(result.params) if bargaining.prediction else None,
                          "path": list(result.path)})
        solve = self.game_solve
        return GamesReport.of({
            "cells": cells,
            "cases": self.game_cases(GameRequest(game=bargaining.id)),
            "robustness": self.game_robustness(GameRobustnessRequest(game=bargaining.id, samples=samples, seed=seed)),
            "maps": [self.game_map(GameMapRequest(game=bargaining.id, set=fixed, x=x, y=y)) for fixed, x, y in maps],
            "unilateral": solve(GameSolveRequest(game="unilateral-deterrence")),
            "extended": solve(GameSolveRequest(game="extended-deterrence")),
            "primary": solve(GameSolveRequest(game="extended-deterrence", set={"extended": 0}))})


def _tree_document(node: Any, strategy: dict[str, str], reached: bool) -> dict[str, Any]:
    """A node as JSON, with the equilibrium strategy's choices and the equilibrium path marked."""
    from umbrella.games.core import Decision, Terminal
    from umbrella.games.solver import infoset_key
    if isinstance(node, Terminal):
        return {"type": "terminal", "outcome": node.outcome, "payoffs": dict(node.payoffs), "reached": reached}
    if isinstance(node, Decision):
        key = infoset_key(node)
        return {"type": "decision", "player": node.player, "infoset": node.infoset, "key": key, "reached": reached,
                "actions": [{"action": a, "chosen": strategy.get(key) == a,
                             "child": _tree_document(child, strategy, reached and strategy.get(key) == a)}
                            for a, child in node.actions]}
    return {"type": "chance", "label": node.label, "reached": reached,
            "branches": [{"action": a, "probability": p, "child": _tree_document(child, strategy, reached and p > 0)}
                         for a, p, child in node.branches]}
