"""The declaration of a game: players, parameters, constraints, tree, payoffs, sources.

A game is declared once (`Game`); its parameter listing, solver input, Gambit export, tree
drawing and parameter maps are all derived from that one declaration. Payoffs are functions of
named parameters: `Game.build(params)` returns the tree for one parameter point.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional, Union

from umbrella.errors import REQUEST, InputError, Problem, unknown
from umbrella.roles import role_problem

Text = Mapping[str, str]  # {"en": ..., "zh": ...}


@dataclass(frozen=True)
class Source:
    """Where a mechanism or number comes from: a seed passage (file, section, verbatim quote) or a
    bibliographic reference (`ref`) for published models outside the seeds."""
    seed: Optional[str] = None
    section: str = ""
    quote: Optional[str] = None
    ref: Optional[str] = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("seed", self.seed), ("section", self.section), ("quote", self.quote),
                                  ("ref", self.ref)) if v}


@dataclass(frozen=True)
class Parameter:
    """One parameter, declared once. `values` restricts it to a finite set (e.g. {0, 1}).

    `role` says what kind of quantity it is (umbrella.roles: `effect`, `intercept`, `rate`,
    `initial`); an `effect` (the strength of one mechanism) names the `neutral` value that switches
    that mechanism off, so ablation can read it without knowing the model."""
    name: str
    default: float
    low: float
    high: float
    unit: str
    description: Text
    sources: tuple[Source, ...] = ()
    values: Optional[tuple[float, ...]] = None
    role: Optional[str] = None
    neutral: Optional[float] = None

    def __post_init__(self) -> None:
        # numbers are floats wherever they are shown: a default declared `1` printed as 1 beside a set 0.0
        for name in ("default", "low", "high", "neutral"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, float(getattr(self, name)))
        if self.values is not None:
            object.__setattr__(self, "values", tuple(float(v) for v in self.values))
        if self.role is None:
            if self.neutral is not None:
                raise ValueError(f"{self.name}: an effect, and only an effect, declares its neutral value")
            return
        problem = role_problem(self.role, self.neutral)
        if problem:
            raise ValueError(f"{self.name}: {problem}")

    def to_dict(self) -> dict[str, Any]:
        out = {"name": self.name, "default": self.default, "low": self.low, "high": self.high,
               "unit": self.unit, "description": self.description["en"],
               "description_zh": self.description["zh"],
               "sources": [s.to_dict() for s in self.sources]}
        if self.values is not None:
            out["values"] = list(self.values)
        if self.role is not None:
            out["role"] = self.role
            out["neutral"] = self.neutral
        return out


@dataclass(frozen=True)
class Constraint:
    """A relation parameters must satisfy for the tree to be the game it claims to be."""
    expression: str
    names: tuple[str, ...]
    holds: Callable[[Mapping[str, float]], bool]


# ---- the tree ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Terminal:
    outcome: str
    payoffs: Mapping[str, float]


@dataclass(frozen=True)
class Decision:
    """A move of `player`. Decision nodes of one player with the same `infoset` label form one
    information set: the player does not know which of them it is at."""
    player: str
    infoset: str
    actions: tuple[tuple[str, "Node"], ...]


@dataclass(frozen=True)
class Chance:
    """A move of nature (e.g. the defender's private type), with its probabilities.

    `beliefs` lets a player hold its own, commonly known probabilities of nature's move
    (player -> one probability per branch): heterogeneous priors, e.g. a challenger and a protégé
    that judge the defender's resolve differently. Players not named use `branches`' probabilities,
    which are also what actually happens (outcome probabilities)."""
    label: str
    branches: tuple[tuple[str, float, "Node"], ...]
    beliefs: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    def probabilities(self, player: Optional[str] = None) -> tuple[float, ...]:
        if player is not None and player in self.beliefs:
            return tuple(self.beliefs[player])
        return tuple(p for _, p, _ in self.branches)


Node = Union[Terminal, Decision, Chance]


@dataclass(frozen=True)
class Player:
    name: str
    label: Text


@dataclass(frozen=True)
class Case:
    """A documented parameterisation of a historical case and the strategy observed in it."""
    id: str
    title: Text
    params: Mapping[str, float]
    observed: str
    why: Text
    sources: tuple[Source, ...] = ()


class Deferred:
    """An analysis entry computed when first read: a game's `analyse` wraps its costly entries (a
    threshold found by bisection, dozens of solves) in it. `Game.solve` computes them unless asked to
    `defer`, so every reader of a `GameResult` sees plain values; a caller that reads few entries of
    many solutions (the claims ledger) defers them and calls `value()` on the ones it reads."""
    __slots__ = ("_compute", "_value", "_done")

    def __init__(self, compute: Callable[[], Any]):
        self._compute, self._value, self._done = compute, None, False

    def value(self) -> Any:
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


@dataclass(frozen=True)
class Region:
    """A named region of the parameter space: where `analysis[name]` is true (e.g. entrapment)."""
    name: str
    label: Text
    meaning: Text


@dataclass(frozen=True)
class Game:
    id: str
    title: Text
    description: Text
    players: tuple[Player, ...]
    parameters: tuple[Parameter, ...]
    build: Callable[[Mapping[str, float]], Node]
    outcomes: Mapping[str, Text]
    actions: Mapping[str, Text]
    solution_concept: Text
    sources: tuple[Source, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    cases: Mapping[str, Case] = field(default_factory=dict)
    # Extra results computed from the solved game (credibility, thresholds, ...): (game, params, solution) -> dict
    analyse: Optional[Callable[["Game", Mapping[str, float], Any], dict]] = None
    # What a theory predicts at a parameter point (e.g. 004's Table 1), to map where it holds.
    prediction: Optional[Callable[[Mapping[str, float]], Optional[str]]] = None
    # Regions of the parameter space the analysis marks (true/false per point): mapped and counted.
    regions: tuple[Region, ...] = ()

    # ---- parameters ----
    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise InputError([Problem(REQUEST, 0, f"set.{name}", unknown("parameter", name, [p.name for p in self.parameters],
                                                                      of=f"of game {self.id!r}"))])

    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.parameters}

    def resolve(self, overrides: Optional[Mapping[str, float]] = None) -> tuple[dict[str, float], list[str]]:
        """Defaults updated by `overrides`; returns (params, warnings). Unknown names, non-finite
        values, values outside a finite set and broken constraints raise `InputError`; values
        outside the declared range are used as given, with a warning."""
        params = self.defaults()
        warnings: list[str] = []
        problems: list[Problem] = []
        for name, value in (overrides or {}).items():
            try:
                p = self.parameter(name)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            value = float(value)
            if not math.isfinite(value):
                problems.append(Problem(REQUEST, 0, f"set.{name}", f"{value} is not a finite number"))
                continue
            if p.values is not None and value not in p.values:
                problems.append(Problem(REQUEST, 0, f"set.{name}",
                                        f"{value:g} is not one of {', '.join(f'{v:g}' for v in p.values)}"))
                continue
            if not p.low <= value <= p.high:
                warnings.append(f"{self.id}: {name}={value:g} is outside its declared range "
                                f"[{p.low:g}, {p.high:g}]; used as given")
            params[name] = value
        if not problems:
            for c in self.constraints:
                if not c.holds(params):
                    values = ", ".join(f"{n}={params[n]:g}" for n in c.names)
                    problems.append(Problem(REQUEST, 0, "set",
                                            f"game {self.id!r} requires {c.expression} (got {values})"))
        if problems:
            raise InputError(problems)
        return params, warnings

    # ---- derived capabilities ----
    def tree(self, params: Optional[Mapping[str, float]] = None) -> Node:
        resolved, _ = self.resolve(params)
        root = self.build(resolved)
        self._check_finite(root)
        return root

    def _check_finite(self, root: Node) -> None:
        """Huge `set` values can overflow a payoff to inf/nan: a bad input, not an internal error."""
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, Terminal):
                if not all(math.isfinite(float(v)) for v in node.payoffs.values()):
                    raise InputError([Problem(REQUEST, 0, "set", f"game {self.id!r}: these values make "
                                              f"a payoff of {node.outcome!r} non-finite")])
            elif isinstance(node, Decision):
                stack.extend(child for _, child in node.actions)
            else:
                stack.extend(child for _, _, child in node.branches)

    def solve(self, params: Optional[Mapping[str, float]] = None, analyse: bool = True, defer: bool = False):
        """Solve at `params` (defaults for the rest); returns a `GameResult`. With `defer`, costly
        analysis entries stay `Deferred` until read."""
        from umbrella.games.solver import solve_tree
        resolved, warnings = self.resolve(params)
        solution = solve_tree(self.tree(resolved), [p.name for p in self.players])
        extra = self.analyse(self, resolved, solution) if (analyse and self.analyse) else {}
        if not defer:
            extra = {k: v.value() if isinstance(v, Deferred) else v for k, v in extra.items()}
        return GameResult.from_solution(self, resolved, solution, extra, warnings)

    def to_efg(self, params: Optional[Mapping[str, float]] = None) -> str:
        from umbrella.games.efg import to_efg
        return to_efg(self.tree(params), [p.name for p in self.players], f"{self.id}")

    def params_listing(self) -> list[dict[str, Any]]:
        return [p.to_dict() for p in self.parameters]


@dataclass
class GameResult:
    """The solved game: the equilibrium path, its (modal) outcome and expected payoffs, the full
    strategy profile and beliefs, plus game-specific analysis (credibility, thresholds, ...)."""
    game: str
    params: dict[str, float]
    path: list[str]
    outcome: str
    payoffs: dict[str, float]
    outcomes: dict[str, float]
    strategy: dict[str, str]
    beliefs: dict[str, dict[str, float]]
    ties: list[str]
    solution_concept: str
    analysis: dict[str, Any]
    warnings: list[str]

    @classmethod
    def from_solution(cls, game: Game, params, solution, analysis, warnings) -> "GameResult":
        return cls(game=game.id, params=dict(params), path=list(solution.path), outcome=solution.outcome,
                   payoffs=dict(solution.payoffs), outcomes=dict(solution.outcomes),
                   strategy=dict(solution.strategy), beliefs=dict(solution.beliefs), ties=list(solution.ties),
                   solution_concept=game.solution_concept["en"], analysis=analysis, warnings=warnings)

    def to_dict(self) -> dict[str, Any]:
        out = {"game": self.game, "params": self.params,
               "equilibrium": {"path": self.path, "outcome": self.outcome, "payoffs": self.payoffs,
                               "outcome_probabilities": self.outcomes, "strategy": self.strategy,
                               "beliefs": self.beliefs, "ties": self.ties,
                               "solution_concept": self.solution_concept}}
        if self.analysis:
            out["analysis"] = self.analysis
        return out
