"""The JSON documents of the API: the same calls and the same shapes as the CLI's `--format json`.

Views never compute science: each function calls a layer exactly as `src/umbrella/cli/<area>.py`
does and returns what the CLI would print, made JSON-plain by `umbrella.cli.common.jsonable`.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Optional

from umbrella.cli.common import jsonable
from umbrella.errors import InputError, Problem


class NotFound(InputError):
    """An unknown id in the URL path: answered with 404 instead of 400."""


def _not_found(field: str, message: str) -> NotFound:
    return NotFound([Problem("<url>", 0, field, message)])


def _evidence():
    from umbrella.evidence import load
    return load()


# --- evidence (cli/data.py) -------------------------------------------------------------------

def data_kind(kind: str) -> list[dict]:
    from umbrella.evidence import KINDS
    from umbrella.evidence.records import as_dict
    if kind not in KINDS:
        raise _not_found("kind", f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
    ev = _evidence()
    return jsonable([as_dict(kind, r) for r in ev.kind(kind).values()])


def data_record(record_id: str) -> dict:
    from umbrella.views.documents import record_document
    try:
        return jsonable(record_document(_evidence(), record_id))
    except KeyError:
        raise _not_found("ID", f"no record with id {record_id!r}") from None


# --- theories (cli/theory.py) -----------------------------------------------------------------

def _theories(ev):
    from umbrella.theory import load_theories
    return load_theories(extra_dirs=[], bib=ev.bib)


def theories() -> list[dict]:
    from umbrella.views.documents import theory_rows
    return jsonable(theory_rows(_theories(_evidence())))


def theory_test(theory_id: str) -> dict:
    from umbrella.theory import test_theory
    ev = _evidence()
    theories_ = _theories(ev)
    if theory_id not in theories_:
        raise _not_found("theory", f"unknown theory {theory_id!r} (known: {', '.join(sorted(theories_))})")
    return jsonable(test_theory(theories_[theory_id], ev.disputes))


# --- games (cli/game.py) ----------------------------------------------------------------------

def _game(game_id: str):
    from umbrella import games
    if game_id not in games.GAMES:
        raise _not_found("ID", f"unknown game {game_id!r} (known: {', '.join(games.GAMES)})")
    return games.GAMES[game_id]


def games_list() -> list[dict]:
    from umbrella.views.documents import game_rows
    return jsonable(game_rows())


def game_params(game_id: str) -> list[dict]:
    return jsonable(_game(game_id).params_listing())


def game_solve(game_id: str, sets: dict[str, float], case: Optional[str] = None) -> tuple[dict, list[str]]:
    """The `game solve [--case C] [--set ...] --format json` document and the warnings the CLI prints
    on stderr. As on the CLI, `set` overrides the documented case's parameters."""
    game = _game(game_id)
    params: dict[str, float] = {}
    if case is not None:
        if case not in game.cases:
            raise InputError([Problem("<request body>", 0, "case", f"unknown case {case!r} of game {game.id!r} "
                                      f"(known: {', '.join(game.cases) or 'none'})")])
        params.update(game.cases[case].params)
    params.update(sets)
    result = game.solve(params)
    return jsonable(result.to_dict()), [str(w) for w in result.warnings]


# --- scenarios and ensembles (cli/ensemble.py) ------------------------------------------------

def _scenario_id(value: str, field: str) -> str:
    """Only bundled scenario ids: a path on the server's disk is not for HTTP clients to name."""
    from umbrella.dynamics.scenario import library
    known = library()
    if value not in known:
        raise InputError([Problem("<request body>", 0, field,
                                  f"unknown scenario {value!r} (known: {', '.join(known)})")])
    return value


def scenarios() -> list[dict]:
    from umbrella.views.documents import scenario_rows
    return jsonable(scenario_rows())


def params(vocabulary: bool = False) -> Any:
    from umbrella.views.ensemble_views import params_rows, vocabulary_rows
    rows = params_rows()
    return jsonable({"parameters": rows, **vocabulary_rows()} if vocabulary else rows)


def variables() -> list[dict]:
    """The model's output variables as declared (name, bilingual label, unit, actors)."""
    from umbrella.dynamics.vocabulary import VARIABLES
    return jsonable([{"name": v.name, "label": v.label, "unit": v.unit, "actors": list(v.actors),
                      "description": v.description} for v in VARIABLES])


def prepare_run(scenario: str, samples: Optional[int], seed: Optional[int], method: Optional[str]) -> tuple:
    """The scenario and its ensemble settings, every input problem raised before any work starts."""
    from umbrella.experiments.ensemble import resolve_run
    return resolve_run(_scenario_id(scenario, "scenario"), samples, seed, method)


def run_prepared(prepared: tuple, progress: Optional[Callable[[int, int], None]] = None) -> dict:
    """The `umbrella run --format json` document; `progress(done, total)` after each chunk of samples."""
    from umbrella.experiments.ensemble import run_ensemble, summarise
    sc, n, s, m = prepared
    done = [0]

    def advance(k: int) -> None:
        done[0] += k
        if progress is not None:
            progress(done[0], n)

    return jsonable(summarise(run_ensemble(sc, n, s, m, progress=advance)))


def run(scenario: str, samples: Optional[int], seed: Optional[int], method: Optional[str]) -> dict:
    return run_prepared(prepare_run(scenario, samples, seed, method))


def compare(a: str, b: str, variable: str, actor: Optional[str], year: Optional[int], samples: Optional[int],
            seed: Optional[int], method: Optional[str]) -> dict:
    from umbrella.experiments.ensemble import compare as compare_runs
    return jsonable(compare_runs(_scenario_id(a, "a"), _scenario_id(b, "b"), variable, actor, year, samples,
                                 seed, method))


# --- claims (cli/claims.py) -------------------------------------------------------------------

_claims_cache: dict[tuple[int, int], dict] = {}
_claims_lock = threading.Lock()


def claims(samples: int, seed: int, progress: Optional[Callable[[int, int], None]] = None) -> dict:
    """The `umbrella claims --format json` document, computed once per (samples, seed) per process;
    `progress(done, total)` after each claim."""
    key = (samples, seed)
    with _claims_lock:  # one computation at a time; a second request for the same key waits and reuses it
        if key not in _claims_cache:
            from umbrella.claims import run_ledger, summary
            from umbrella.views.claims_views import headline
            rows = run_ledger(None, samples=samples, seed=seed, data_dirs=(), progress=progress)
            tally = summary(rows)
            _claims_cache[key] = jsonable({"claims": rows, "summary": tally, "samples": samples, "seed": seed,
                                           "headline": {lang: headline(tally["table"], lang) for lang in ("en", "zh")}})
        return _claims_cache[key]
