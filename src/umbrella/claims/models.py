"""The bridge from the check language to the project's models: names a ledger may use (`refs`),
declaration texts for vocabulary checks (`describe`), the theory engine, and the regional model
run over one set of parameter draws shared by every dynamic check of a ledger run.
"""
from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any, Optional

import numpy as np

from umbrella.claims.language import RECORD_KINDS, Refs


def _text(*parts: Any) -> str:
    out = []
    for part in parts:
        if isinstance(part, dict):
            out.extend(str(v) for v in part.values())
        elif part is not None:
            out.append(str(part))
    return " | ".join(out)


class Models:
    """The models of one ledger run over loaded resources (the evidence base, the theories, the
    scenario library); it caches solved games and ensembles. Nothing here reads a file."""

    def __init__(self, samples: int, seed: int, *, evidence: Any, theories: dict, scenarios: dict,
                 posterior: Optional[dict] = None):
        self.samples, self.seed, self.posterior = samples, seed, posterior
        self._evidence, self.theories, self.scenarios = evidence, dict(theories), dict(scenarios)
        self._dynamics: Optional[Dynamics] = None
        self._theory: Optional[Theory] = None

    # ---- evidence ----
    def evidence(self) -> Any:
        return self._evidence

    # ---- games ----
    @property
    def games(self) -> dict:
        from umbrella.games import GAMES
        return dict(GAMES)

    # ---- theory ----
    @property
    def theory(self) -> Optional["Theory"]:
        if self._theory is None:
            self._theory = Theory(self)
        return self._theory

    # ---- dynamics ----
    @property
    def dynamics(self) -> Optional["Dynamics"]:
        if self._dynamics is None:
            self._dynamics = Dynamics(self.samples, self.seed, self._evidence, self.scenarios, self.posterior)
        return self._dynamics

    def refs(self) -> Refs:
        from umbrella.evidence.schema import KINDS as RECORD_MODELS
        ev = self.evidence()
        refs = Refs(games=self.games, game_result=self.game_result)
        refs.records = {kind: set(ev.kind(kind)) for kind in RECORD_KINDS}
        refs.record_models = dict(RECORD_MODELS)
        from umbrella.dynamics.parameters import PARAMETER_BY_NAME
        from umbrella.dynamics.vocabulary import ALLIES, LEVER_BY_NAME, SHOCK_BY_NAME, VARIABLES
        refs.variables = {v.name: v.actors for v in VARIABLES}
        refs.levers, refs.shocks, refs.allies = dict(LEVER_BY_NAME), dict(SHOCK_BY_NAME), tuple(ALLIES)
        refs.parameters = dict(PARAMETER_BY_NAME)
        refs.scenarios = set(self.scenarios)
        refs.scenario_years = {k: (sc.start, sc.end) for k, sc in self.scenarios.items()}
        refs.theories = set(self.theory.ids())
        return refs

    def game_result(self, game_id: str, fixed: dict) -> dict:
        """The solved game at its defaults and `fixed` (cached): result paths are validated on it."""
        from umbrella.claims.evaluate import result_dict
        key = (game_id, tuple(sorted(fixed.items())))
        cache = self.__dict__.setdefault("_game_results", {})
        if key not in cache:
            cache[key] = result_dict(self.games[game_id], fixed)
        return cache[key]

    def describe(self, kind: str, name: str) -> Optional[str]:
        """The declaration text of a model name (labels, description, unit), None if undeclared."""
        if kind in ("variable", "lever", "shock", "parameter"):
            from umbrella.dynamics.parameters import PARAMETER_BY_NAME
            from umbrella.dynamics.vocabulary import LEVER_BY_NAME, SHOCK_BY_NAME, VARIABLE_BY_NAME
            table = {"variable": VARIABLE_BY_NAME, "lever": LEVER_BY_NAME, "shock": SHOCK_BY_NAME,
                     "parameter": PARAMETER_BY_NAME}[kind]
            decl = table.get(name)
            if decl is None:
                return None
            return _text(name, getattr(decl, "label", None), decl.description, getattr(decl, "unit", None),
                         " ".join(getattr(decl, "options", None) or {}))
        if kind == "game":
            game = self.games.get(name)
            return None if game is None else _text(game.id, game.title, game.description,
                                                    " ".join(game.outcomes), " ".join(game.actions))
        if kind in ("game_parameter", "game_outcome"):
            game_id, _, sub = name.partition(".")
            game = self.games.get(game_id)
            if game is None:
                return None
            if kind == "game_outcome":
                return _text(sub, game.outcomes[sub]) if sub in game.outcomes else None
            param = next((p for p in game.parameters if p.name == sub), None)
            return None if param is None else _text(param.name, param.description, param.unit)
        if kind == "theory":
            return self.theory.describe(name) if self.theory is not None else None
        if kind == "record":
            try:
                record_kind, record = self.evidence().get(name)
            except KeyError:
                return None
            return _text(record_kind, *(plain_fields(record)))
        if kind == "record_kind":
            return name if name in RECORD_KINDS else None
        return None


def plain_fields(record: Any) -> list[Any]:
    data = record.model_dump(mode="json", exclude={"sources"})
    return [v if isinstance(v, (dict, str)) else str(v) for v in data.values()]


class Theory:
    """The theory engine as the checks need it: `test(id)` in the `theory test` JSON shape,
    `predict(id, conditions)` for a condition cell, `describe(id)`."""

    def __init__(self, models: Models):
        self.models = models

    def _theories(self) -> dict:
        return self.models.theories

    def ids(self) -> list[str]:
        return list(self._theories())

    def describe(self, theory_id: str) -> Optional[str]:
        t = self._theories().get(theory_id)
        if t is None:
            return None
        data = t.model_dump(mode="json")
        return _text(t.id, data.get("name"), data.get("description"))

    def test(self, theory_id: str) -> dict:
        from umbrella.theory.scoring import test_theory
        return test_theory(self._theories()[theory_id], self.models.evidence().disputes)

    def predict(self, theory_id: str, conditions: dict) -> Any:
        from umbrella.theory.scoring import predict
        return predict(self._theories()[theory_id], dict(conditions))[0]


class Dynamics:
    """The regional model over one set of parameter draws, shared by every scenario a ledger run
    simulates (comparisons are paired, with common random numbers): distinct draws of the calibrated
    posterior, so `share_holds` is a share of what the observed series allow; with `prior`, uniform LHS
    over the declared ranges (a share of the declared uncertain space).

    `variant(overrides, limit)` is the same model on the same draws (the first `limit` of them)
    with some parameters pinned (an ablation's neutral values): one more ensemble per scenario.
    Ensembles are kept in one cache of bounded size shared by a model and its variants (the checks
    keep the few series they read; an ensemble of 1000 draws is cheap to rerun but not to keep by
    hundreds), the least recently used dropped first."""
    KEEP_BYTES = 300 * 2 ** 20

    def __init__(self, samples: int, seed: int, evidence: Any, scenarios: dict, posterior: Optional[dict] = None,
                 overrides: Optional[dict[str, float]] = None, limit: Optional[int] = None, parent: "Dynamics" = None):
        self.samples, self.seed, self.evidence, self.scenarios = samples, seed, evidence, scenarios
        self.posterior = posterior
        self.overrides, self.limit, self.parent = dict(overrides or {}), limit, parent
        self._draws: Optional[dict[str, np.ndarray]] = None
        self._runs: "OrderedDict[tuple, Any]" = OrderedDict()    # used on the root only
        self._kept = 0                                          # their bytes (root only)
        self._history = None

    def parameters(self) -> tuple:
        """The declared uncertain parameters (name, role, neutral, source)."""
        from umbrella.dynamics.parameters import PARAMETERS
        return PARAMETERS

    def is_index(self, variable: str) -> bool:
        """Is the variable an index, share or probability in [0, 1] (not a count such as warheads)?"""
        from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
        unit = VARIABLE_BY_NAME[variable].unit
        return "[0,1]" in unit or unit.startswith(("probability", "share"))

    def variant(self, overrides: dict[str, float], limit: Optional[int] = None,
                blocks: Optional[list[dict[str, float]]] = None) -> "Dynamics":
        """The root's draws (the first `limit`) with `overrides` pinned; with `blocks`, those draws
        repeated once per block, each block with its own overrides too (one ensemble for many
        ablations: block k's points are k*limit ... (k+1)*limit - 1)."""
        root = self.parent or self
        out = Dynamics(root.samples, root.seed, root.evidence, root.scenarios, root.posterior, overrides, limit, root)
        out.blocks = [dict(b) for b in blocks] if blocks is not None else None
        return out

    blocks: Optional[list[dict[str, float]]] = None

    def draws(self) -> dict[str, np.ndarray]:
        if self._draws is None:
            if self.parent is not None:
                base = self.parent.draws()
                n = len(next(iter(base.values())))
                n = n if self.limit is None else min(n, self.limit)

                def pinned(extra: dict[str, float]) -> dict[str, np.ndarray]:
                    over = {**self.overrides, **extra}
                    return {k: (np.full(n, float(over[k])) if k in over else v[:n]) for k, v in base.items()}
                if self.blocks is None:
                    self._draws = pinned({})
                else:
                    parts = [pinned(b) for b in self.blocks]
                    self._draws = {k: np.concatenate([part[k] for part in parts]) for k in base}
            else:
                from umbrella.experiments.sampling import sample
                self._draws = sample(self.parameters(), self.samples, self.seed, "lhs", posterior=self.posterior)
        return self._draws

    def scenario(self, spec: tuple) -> Any:
        from umbrella.dynamics.inputs import Setting
        base_id, settings = spec
        sc = self.scenarios[base_id]
        levers, shocks = list(sc.levers), list(sc.shocks)
        for kind, name, value, ally, start, end in settings:
            start = sc.start if start is None else start
            setting = Setting(kind, name, float(value) if kind == "shock" else value, start, end, ally)
            (levers if kind == "lever" else shocks).append(setting)   # later settings win (build_inputs)
        return dataclasses.replace(sc, levers=levers, shocks=shocks)

    def last_year(self, spec: tuple) -> int:
        return self.scenarios[spec[0]].end

    def history(self) -> Any:
        if self.parent is not None:
            return self.parent.history()
        if self._history is None:
            from umbrella.dynamics.history import inputs_from_evidence
            self._history = inputs_from_evidence(self.evidence)
        return self._history

    def run(self, spec: tuple) -> Any:
        runs = (self.parent or self)._runs
        blocks = None if self.blocks is None else tuple(tuple(sorted(b.items())) for b in self.blocks)
        key = (tuple(sorted(self.overrides.items())), self.limit, blocks, spec)
        if key in runs:
            runs.move_to_end(key)
        else:
            from umbrella.experiments.ensemble import run_ensemble
            root = self.parent or self
            runs[key] = run_ensemble(self.scenario(spec), draws=self.draws(), history=self.history())
            root._kept += runs[key].nbytes
            while len(runs) > 1 and root._kept > self.KEEP_BYTES:
                root._kept -= runs.popitem(last=False)[1].nbytes
        return runs[key]

    def series(self, spec: tuple, variable: str, actor: str, year: Optional[int]) -> np.ndarray:
        ds = self.run(spec)
        year = int(ds["year"].values[-1]) if year is None else year
        return ds[variable].sel(actor=actor, year=year).values
