"""Ablation by seed: the same checks on the same points with a seed's mechanisms switched off.

A parameter belongs to a seed when its `source` (the regional model: a mapping) or one of its
`sources` (a game: Source objects) names that seed file; it is switched off by setting it to its
`neutral` value, which every `effect` parameter declares (umbrella.roles). Nothing else about a
model is read here, so any ledger, any seed and any model that declares its parameters this way
gets its basis without further annotation.

For a seed S, `Ablator.context(S)` is the evaluation context with every effect parameter of S at
its neutral value: the regional model runs one more ensemble per scenario over the same draws
(common random numbers), the games are solved at the same points of their box with those
parameters pinned (also where a check sets or varies them: the mechanism is off whatever its
value). Checks of the claims of S are evaluated once more in it.

Attribution (`Ablator.attribute_all`): for a claim whose own-seed ablation flips it, each of that
seed's effect parameters in the models the check uses is switched off alone, on a reduced sample
(the first ATTRIBUTION_DRAWS draws of the regional model, the first ATTRIBUTION_GAME_POINTS points
of each game's box), and the parameters whose removal lowers the share by at least
ATTRIBUTION_DROP are reported, with the share left. For the regional model this is vectorised: the
reduced draws are repeated once per parameter (block k with parameter k off) and simulated as one
ensemble per scenario. It is an approximation: a claim carried
jointly by several parameters (each one alone leaving it standing) shows none or only some.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Iterable, Mapping, Optional

import numpy as np

from umbrella.claims.evaluate import Context, Outcome

REGIONAL = "northeast-asia"           # the name under which the regional model's parameters are reported
ATTRIBUTION_DRAWS = 200
ATTRIBUTION_GAME_POINTS = 25
ATTRIBUTION_DROP = 0.1
STACK = 10                            # regional parameters switched off per stacked ensemble (bounds its memory)


def parameter_seeds(parameter: Any) -> set[str]:
    """The seed files a parameter's source(s) name (empty for an assumption or a published model)."""
    source = getattr(parameter, "source", None)
    if isinstance(source, Mapping):
        return {source["seed"]} if source.get("seed") else set()
    return {s.seed for s in getattr(parameter, "sources", None) or () if getattr(s, "seed", None)}


def neutral_values(parameters: Iterable[Any], seed: str, only: Optional[str] = None) -> dict[str, float]:
    """{name: neutral} of the `effect` parameters of `seed` (just `only`, if given)."""
    return {p.name: float(p.neutral) for p in parameters
            if getattr(p, "role", None) == "effect" and seed in parameter_seeds(p) and only in (None, p.name)}


def models_used(check: dict) -> tuple[set[str], bool]:
    """(game ids, whether the regional model is used) of a check and its parts."""
    if check["kind"] in ("all", "any"):
        games: set[str] = set()
        regional = False
        for sub in check["checks"]:
            g, r = models_used(sub)
            games |= g
            regional = regional or r
        return games, regional
    if check["kind"] in ("game", "game_statics"):
        return {check["game"]}, False
    return set(), check["kind"] in ("scenario_compare", "scenario_value", "lever_sweep")


class Ablator:
    """Evaluation contexts with a seed's mechanisms off, built once per (seed, parameter, sample)
    and shared by every claim of the run, so that each scenario is simulated once per ablation."""

    def __init__(self, ctx: Context, evaluate: Callable[[dict, Context], Outcome]):
        self.ctx, self.evaluate = ctx, evaluate
        self._contexts: dict[tuple, Context] = {}

    def _dynamics(self) -> Optional[Any]:
        d = self.ctx.dynamics
        return d if d is not None and hasattr(d, "variant") else None

    def context(self, seed: Optional[str], only: Optional[tuple[str, str]] = None, reduced: bool = False) -> Context:
        """The context with `seed`'s effects neutral (only the parameter `only` = (model, name), if
        given; none if `seed` is None), on the full or the reduced sample."""
        key = (seed, only, reduced)
        if key not in self._contexts:
            dynamics = self._dynamics()
            if dynamics is not None:
                name = only[1] if only and only[0] == REGIONAL else None
                over = {} if seed is None or (only and only[0] != REGIONAL) else \
                    neutral_values(dynamics.parameters(), seed, name)
                dynamics = dynamics.variant(over, ATTRIBUTION_DRAWS if reduced else None)
            else:
                dynamics = self.ctx.dynamics

            def overrides(game: Any) -> dict[str, float]:
                if seed is None or (only and only[0] != game.id):
                    return {}
                return neutral_values(game.parameters, seed, only[1] if only else None)
            self._contexts[key] = dataclasses.replace(
                self.ctx, dynamics=dynamics, overrides=overrides,
                point_limit=ATTRIBUTION_GAME_POINTS if reduced else None, _cache={})
        return self._contexts[key]

    def without(self, check: dict, seed: str) -> Outcome:
        """The check evaluated with every effect of `seed` at its neutral value, on the same points."""
        return self.evaluate(check, self.context(seed))

    def candidates(self, check: dict, seed: str) -> list[tuple[str, str]]:
        """(model, parameter) of every effect of `seed` in the models the check uses."""
        games, regional = models_used(check)
        out = []
        dynamics = self._dynamics()
        if regional and dynamics is not None:
            out += [(REGIONAL, name) for name in neutral_values(dynamics.parameters(), seed)]
        for game_id in sorted(games):
            out += [(game_id, name) for name in neutral_values(self.ctx.games[game_id].parameters, seed)]
        return out

    def _description(self, model: str, name: str) -> str:
        params = self._dynamics().parameters() if model == REGIONAL else self.ctx.games[model].parameters
        text = next(p.description for p in params if p.name == name)
        return text.get("en", "") if isinstance(text, Mapping) else str(text)

    def _stacked(self, seed: str, names: list[str]) -> Context:
        """The regional model on the reduced draws repeated once per parameter of `names`, block k
        with only that parameter of `seed` switched off: one ensemble per scenario for them all."""
        key = ("stacked", seed, tuple(names))
        if key not in self._contexts:
            params = self._dynamics().parameters()
            blocks = [neutral_values(params, seed, name) for name in names]
            self._contexts[key] = dataclasses.replace(
                self.ctx, dynamics=self._dynamics().variant({}, ATTRIBUTION_DRAWS, blocks),
                overrides=lambda game: {}, point_limit=ATTRIBUTION_GAME_POINTS, _cache={})
        return self._contexts[key]

    def attribute_all(self, checks: list[dict], seed: str) -> list[list[dict[str, Any]]]:
        """For each check of `seed`: the parameters of `seed` whose removal alone lowers its share by
        ATTRIBUTION_DROP or more on the reduced sample, lowest remaining share first (`flips`: it no
        longer holds). The regional model's parameters are switched off all at once, one block of
        draws each (a check that also reads a game falls back to one context per parameter); each
        game parameter gets its own context, read by every check that uses that game."""
        from umbrella.claims.basis import ASSUMED_AT
        base = [self.evaluate(check, self.context(None, reduced=True)).share for check in checks]
        wanted = [set(self.candidates(check, seed)) for check in checks]
        shares: list[dict[tuple[str, str], float]] = [{} for _ in checks]
        names = sorted({name for w in wanted for model, name in w if model == REGIONAL})
        stacked = [i for i, check in enumerate(checks) if names and not models_used(check)[0]]
        for start in range(0, len(names) if stacked else 0, STACK):
            group = names[start:start + STACK]
            ctx = self._stacked(seed, group)
            for i in stacked:
                holds = np.asarray(self.evaluate(checks[i], ctx).holds)
                per_block = holds.reshape(len(group), -1).mean(axis=1)
                shares[i].update({(REGIONAL, name): float(v) for name, v in zip(group, per_block)
                                  if (REGIONAL, name) in wanted[i]})
        for model, name in sorted(set().union(*wanted)) if wanted else ():
            todo = [i for i in range(len(checks)) if (model, name) in wanted[i] and (model, name) not in shares[i]]
            if todo:
                ctx = self.context(seed, (model, name), reduced=True)
                shares_here = {i: self.evaluate(checks[i], ctx).share for i in todo}
                for i, v in shares_here.items():
                    shares[i][(model, name)] = v
        found = []
        for i, by_param in enumerate(shares):
            rows = [{"parameter": name, "model": model, "description": self._description(model, name),
                     "share_without": round(v, 6), "share_reduced": round(base[i], 6), "flips": v <= ASSUMED_AT}
                    for (model, name), v in by_param.items() if base[i] - v >= ATTRIBUTION_DROP]
            found.append(sorted(rows, key=lambda x: (x["share_without"], x["model"], x["parameter"])))
        return found


def effects_by_seed(models: Iterable[tuple[str, Iterable[Any]]]) -> dict[str, list[dict[str, Any]]]:
    """What an ablation switches off, per seed file: every effect parameter of the given models
    ((model name, parameters) pairs) with its neutral value; parameters of no seed are never ablated."""
    out: dict[str, list[dict[str, Any]]] = {}
    for model, parameters in models:
        for p in parameters:
            if getattr(p, "role", None) != "effect":
                continue
            for seed in sorted(parameter_seeds(p)):
                out.setdefault(seed, []).append({"model": model, "parameter": p.name, "neutral": float(p.neutral)})
    return {seed: out[seed] for seed in sorted(out)}
