"""Every seed quote declared by the games is a verbatim passage of its seed (whitespace ignored)."""
from __future__ import annotations

import re

import pytest

from tests.support import SEEDS
from umbrella import games
from umbrella.resources import data_dir


def _sources():
    for game in games.GAMES.values():
        for s in game.sources:
            yield game.id, s
        for p in game.parameters:
            assert p.sources, f"{game.id}.{p.name} has no source"
            for s in p.sources:
                yield f"{game.id}.{p.name}", s
        for c in game.cases.values():
            for s in c.sources:
                yield f"{game.id}:{c.id}", s


def test_seed_quotes_are_verbatim():
    if not SEEDS.is_dir():
        pytest.skip("seeds not available")
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    seeds = {p.name: squash(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    checked = 0
    for where, s in _sources():
        if s.seed is None:
            assert s.ref, where
            continue
        assert s.seed in seeds, (where, s.seed)
        assert s.quote and squash(s.quote) in seeds[s.seed], (where, s.quote)
        checked += 1
    assert checked > 30


def test_bracketed_references_are_entries_of_the_bibliography():
    """A reference to published work names its entry of data/sources.bib in brackets, e.g.
    `[kilgour1994pawn]`; every such key exists there."""
    bib = (data_dir() / "sources.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\{([^,]+),", bib))
    cited = {key for _, s in _sources() if s.ref for key in re.findall(r"\[([a-z0-9]+)\]", s.ref)}
    assert cited and cited <= keys, cited - keys


def test_declared_roles():
    """PARALLEL.md's interface: every effect names the value that switches its mechanism off."""
    for game in games.GAMES.values():
        for p in game.parameters:
            assert (p.role == "effect") == (p.neutral is not None), (game.id, p.name)
    assert all(p.role is not None for p in games.get("tripartite-crisis").parameters)


def test_bilingual_labels():
    for game in games.GAMES.values():
        texts = [game.title, game.description, game.solution_concept, *game.outcomes.values(),
                 *game.actions.values(), *(p.label for p in game.players), *(p.description for p in game.parameters),
                 *(r.label for r in game.regions), *(r.meaning for r in game.regions)]
        for text in texts:
            assert text["en"] and text["zh"]
