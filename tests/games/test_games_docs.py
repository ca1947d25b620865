"""docs/model/games.md lists every declared parameter with its declared default and range."""
from __future__ import annotations

import pathlib

from umbrella import games

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "model" / "games.md"


def test_parameter_tables_match_declarations():
    text = DOC.read_text(encoding="utf-8")
    for game in games.GAMES.values():
        assert f"#### Parameters of `{game.id}`" in text
        for p in game.parameters:
            rng = ("{" + ", ".join(f"{v:g}" for v in p.values) + "}") if p.values else f"[{p.low:g}, {p.high:g}]"
            assert f"| `{p.name}` | {p.default:g} | {rng} | {p.unit} |" in text, (game.id, p.name)
