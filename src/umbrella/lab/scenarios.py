"""Use cases of the regional model: the scenario library, the declared vocabulary, ensembles and
paired comparisons."""
from __future__ import annotations

import dataclasses
import pathlib
from typing import Any, Literal, Optional, Union

from pydantic import Field, RootModel

from umbrella.lab.base import ClusterRequest, Document, LabBase, Request, Text, pick
from umbrella.limits import OptionalWholeNumber
from umbrella.progress import Progress

Method = Literal["lhs", "mc", "sobol"]
#: a library scenario's id, or a scenario document (the mapping a scenario file holds, e.g. a variant
#: built in the dashboard), validated by the same rules as a file
ScenarioRef = Union[str, dict[str, Any]]
#: observed units a model variable's unit is a plain rescaling of (observed × factor = model)
RESCALE = {("percent", "share [0,1]"): 0.01, ("warheads", "warheads"): 1.0}


# ---- requests ----------------------------------------------------------------------------------

class EnsembleRequest(Request):
    """Ensemble settings; unset ones come from the scenario's `ensemble:` block."""
    samples: OptionalWholeNumber = Field(None, ge=1, description="ensemble size")
    seed: OptionalWholeNumber = Field(None, ge=0, description="random seed")
    method: Optional[Method] = Field(None, description="sampling of the prior: lhs (default), mc or sobol "
                                                      "(posterior rows do not depend on it)")
    prior: bool = Field(False, strict=True,
                        description="sample the declared ranges instead of the calibrated posterior")


class RunRequest(EnsembleRequest, ClusterRequest):
    scenario: str = Field(description="scenario id (or, where allowed, a scenario file)")


class CompareRequest(EnsembleRequest, ClusterRequest):
    a: ScenarioRef = Field(description="scenario A: an id, or a scenario document")
    b: ScenarioRef = Field(description="scenario B: an id, or a scenario document")
    variable: str = "proliferation_probability"
    actor: Optional[str] = Field(None, description="default: the first actor the variable is reported for")
    year: OptionalWholeNumber = Field(None, description="default: the last year common to A and B")


class ScenarioRequest(Request):
    scenario: str = Field(description="scenario id")


class ScenarioCheckRequest(Request):
    scenario: dict[str, Any] = Field(description="a scenario document: what a scenario file holds")


class ObservedRequest(Request):
    variable: str = Field(description="a model output variable")
    actor: Optional[str] = Field(None, description="default: the first actor the variable is reported for")


# ---- results -----------------------------------------------------------------------------------

class ScenarioRow(Document):
    id: str
    title: Text
    start: int
    end: int
    ensemble: dict[str, Any]
    sources: list[dict[str, Any]]


class ScenarioList(RootModel[list[ScenarioRow]]):
    """`scenarios`: the scenario library."""


class ParameterRow(Document):
    """An uncertain parameter of the regional model, as declared."""
    name: str
    low: float
    high: float
    default: float
    unit: str
    description: str
    mechanism: int
    role: str
    neutral: Optional[float]
    source: dict[str, Any]


class ParameterList(RootModel[list[ParameterRow]]):
    """`params`."""


class LeverRow(Document):
    name: str
    label: Text
    per_ally: bool
    default: Any
    options: Optional[list[str]]
    range: Optional[list[float]]
    unit: str
    description: str


class ShockRow(Document):
    name: str
    label: Text
    continuous: bool
    description: str


class Vocabulary(Document):
    """`params --vocabulary`: parameters, levers and shocks."""
    parameters: list[ParameterRow]
    levers: list[LeverRow]
    shocks: list[ShockRow]


class VariableRow(Document):
    name: str
    label: Text
    unit: str
    actors: list[str]
    description: str


class VariableList(RootModel[list[VariableRow]]):
    """The model's output variables."""


class Bands(Document):
    """Mean and, with at least 20 distinct draws, the 5/50/95 % quantiles per year."""
    _omit = ("q05", "q50", "q95")
    mean: list[Optional[float]]
    q05: Optional[list[Optional[float]]] = None
    q50: Optional[list[Optional[float]]] = None
    q95: Optional[list[Optional[float]]] = None


class RunSummary(Document):
    """`run` (SYSTEM.md §3.7): mean and quantile bands per variable, actor and year; `distinct_draws`
    says how many different parameter sets the samples hold (bands need 20: `note`)."""
    _omit = ("note",)
    scenario: str
    samples: int
    distinct_draws: int
    seed: int
    method: str
    parameters_from: str
    years: list[int]
    variables: dict[str, dict[str, Bands]]
    note: Optional[str] = None
    _arrays: Any = None
    _dataset: Any = None

    @property
    def dataset(self) -> Any:
        """The whole ensemble (`xarray.Dataset`, dims sample × year × actor), for files and analysis;
        labelled on first use, so a run that only prints its summary never imports xarray."""
        if self._dataset is None and self._arrays is not None:
            from umbrella.experiments.arrays import to_dataset
            self._dataset = to_dataset(self._arrays)
        return self._dataset

    def without_dataset(self) -> "RunSummary":
        """This summary without the ensemble it came from (to keep many in memory)."""
        self._arrays = self._dataset = None
        return self


class Difference(Document):
    mean: float
    q05: float
    q50: float
    q95: float


class Comparison(Document):
    """`compare` (SYSTEM.md §3.7): B − A over paired samples, and P(B > A)."""
    a: str
    b: str
    variable: str
    actor: str
    year: int
    samples: int
    distinct_draws: int
    parameters_from: str
    seed: int
    diff: Difference
    p_b_greater: float


class ScenarioDocument(Document):
    """A library scenario as its file states it (SYSTEM.md §3.7), to start a variant from."""
    id: str
    title: Text
    start: int
    end: int


class ScenarioCheck(Document):
    """A scenario document that passed the rules of scenario files, and the same as YAML."""
    id: str
    start: int
    end: int
    levers: int
    shocks: int
    yaml: str


class ObservedPoint(Document):
    year: int
    month: Optional[int]
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]


class ObservedSeries(Document):
    """A series of the evidence base that bears on the variable (`informs`), for the same actor;
    `factor` rescales its values to the variable's unit, null where its unit is not a rescaling of
    the variable's (then it is listed, not drawn)."""
    id: str
    title: Text
    producer: str
    unit: str
    factor: Optional[float]
    points: list[ObservedPoint]


class Observed(Document):
    variable: str
    actor: str
    unit: str
    series: list[ObservedSeries]


class ComparisonSeries(Document):
    """Two scenarios run on the same parameter draws (common random numbers): each run's bands, and
    year by year for every variable and actor the bands of B − A and P(B > A)."""
    a: str
    b: str
    samples: int
    seed: int
    method: str
    runs: dict[str, RunSummary]
    years: list[int]
    diff: dict[str, dict[str, Bands]]
    p_b_greater: dict[str, dict[str, list[Optional[float]]]]


class ScenarioRun(Document):
    title: Text
    run: RunSummary


class ScenariosReport(Document):
    """The report's scenario section: every library scenario, and paired differences from baseline."""
    samples: int
    seed: int
    focus: list[tuple[str, str]]
    runs: dict[str, ScenarioRun]
    diffs: dict[str, list[Comparison]]


# ---- use cases ---------------------------------------------------------------------------------

class ScenarioUseCases(LabBase):

    def scenario_list(self) -> ScenarioList:
        return ScenarioList.model_validate([
            {"id": sc.id, "title": sc.title, "start": sc.start, "end": sc.end, "ensemble": sc.ensemble,
             "sources": sc.sources} for sc in self.scenarios.values()])

    def parameters(self) -> ParameterList:
        """Every uncertain parameter as declared (`umbrella.dynamics.parameters.PARAMETERS`)."""
        from umbrella.dynamics.parameters import PARAMETERS
        return ParameterList.model_validate([dataclasses.asdict(p) for p in PARAMETERS])

    def vocabulary(self) -> Vocabulary:
        """Parameters, levers and shocks as declared (`umbrella.dynamics.vocabulary`)."""
        from umbrella.dynamics.vocabulary import LEVERS, SHOCKS
        return Vocabulary.of({
            "parameters": self.parameters(),
            "levers": [{"name": lv.name, "label": lv.label, "per_ally": lv.per_ally, "default": lv.default,
                        "options": list(lv.options) if lv.categorical else None,
                        "range": None if lv.categorical else [lv.low, lv.high], "unit": lv.unit,
                        "description": lv.description} for lv in LEVERS],
            "shocks": [{"name": s.name, "label": s.label, "continuous": s.continuous, "description": s.description}
                       for s in SHOCKS]})

    def variables(self) -> VariableList:
        from umbrella.dynamics.vocabulary import VARIABLES
        return VariableList.model_validate([{"name": v.name, "label": v.label, "unit": v.unit,
                                             "actors": list(v.actors), "description": v.description}
                                            for v in VARIABLES])

    def variable(self, name: str, field: str = "variable") -> Any:
        from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
        return pick(VARIABLE_BY_NAME, name, field, "variable")

    def prepare_run(self, request: RunRequest) -> tuple[Any, int, int, str]:
        """The scenario and its ensemble settings, every input problem raised before any work."""
        from umbrella.experiments.arrays import run_design
        sc = self.scenario(request.scenario)
        # more samples than the posterior's distinct draws: refused here, not mid-run, at the flag or at the
        # scenario file's ensemble.samples, whichever set the size
        n, seed, method, _, _ = run_design(sc, request.samples, request.seed, request.method,
                                           posterior=self.draws_for(request.prior))
        return sc, n, seed, method

    def run(self, request: RunRequest, progress: Optional[Progress] = None) -> RunSummary:
        """A scenario's ensemble: quantile bands per variable, actor and year (the dataset attached)."""
        from umbrella.experiments.arrays import run_arrays, summarise_arrays
        sc = self.prepare_run(request)[0]
        posterior = self.draws_for(request.prior)
        with self.cluster(request):      # the request's own settings: an error names the flag or the file's line
            ens = run_arrays(sc, request.samples, request.seed, request.method, history=self.history,
                             posterior=posterior, progress=progress)
        summary = RunSummary.of(summarise_arrays(ens))
        summary._arrays = ens
        return summary

    def write_run(self, summary: RunSummary, out: pathlib.Path, file_format: Literal["netcdf", "parquet"] = "netcdf"
                  ) -> list[pathlib.Path]:
        """The whole ensemble (`ensemble.nc`, or `ensemble.parquet` + `parameters.parquet`) and
        `summary.json` into `out`, each file written atomically."""
        from umbrella.outputs import atomic_path, atomic_write, ensure_dir
        ds, out = summary.dataset, ensure_dir(pathlib.Path(out))

        def write(path: pathlib.Path, save: Any) -> pathlib.Path:
            with atomic_path(path) as tmp:
                save(tmp)
            return path
        if file_format == "netcdf":
            written = [write(out / "ensemble.nc", lambda tmp: ds.to_netcdf(tmp, engine="h5netcdf"))]
        else:
            outputs = [v for v in ds.data_vars if not v.startswith("param_")]
            params = [v for v in ds.data_vars if v.startswith("param_")]
            frame = ds[outputs].to_dataframe().dropna(how="all").reset_index()
            pframe = ds[params].to_dataframe().reset_index()
            written = [write(out / "ensemble.parquet", lambda tmp: frame.to_parquet(tmp, index=False)),
                       write(out / "parameters.parquet", lambda tmp: pframe.to_parquet(tmp, index=False))]
        atomic_write(out / "summary.json", summary.model_dump_json(indent=2))
        return written + [out / "summary.json"]

    def scenario_document(self, request: ScenarioRequest) -> ScenarioDocument:
        """A library scenario's file as data."""
        from umbrella.yamlio import load_yaml
        sc = self.scenario(request.scenario)
        data, _ = load_yaml(pathlib.Path(sc.path), sc.path)
        return ScenarioDocument.of(data)

    def scenario_check(self, request: ScenarioCheckRequest) -> ScenarioCheck:
        """Validate a scenario document by the rules of scenario files; its YAML when it passes."""
        import yaml
        sc = self.scenario(request.scenario)
        order = ("id", "title", "description", "start", "end", "levers", "shocks", "parameters", "ensemble",
                 "sources", "notes")
        doc = {k: request.scenario[k] for k in sorted(request.scenario, key=lambda k: (order + (k,)).index(k))}
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110)
        return ScenarioCheck.of({"id": sc.id, "start": sc.start, "end": sc.end, "levers": len(sc.levers),
                                 "shocks": len(sc.shocks), "yaml": text})

    def observed(self, request: ObservedRequest) -> Observed:
        """The evidence base's observed series of a model variable and actor (`informs`)."""
        var = self.variable(request.variable)
        actor = var.actors[0] if request.actor is None else request.actor
        if actor not in var.actors:
            pick({a: a for a in var.actors}, actor, "actor", f"actor of {var.name}")
        series = [s for s in self.evidence.series.values() if var.name in s.informs and s.subject == actor]
        return Observed.of({"variable": var.name, "actor": actor, "unit": var.unit, "series": [
            {"id": s.id, "title": s.title.model_dump(), "producer": s.producer, "unit": s.unit,
             "factor": RESCALE.get((s.unit, var.unit)),
             "points": [{"year": p.year, "month": p.month, "value": p.value, "low": p.low, "high": p.high}
                        for p in s.points if p.year is not None]} for s in series]})

    def compare_series(self, request: CompareRequest, progress: Optional[Progress] = None) -> ComparisonSeries:
        """Both scenarios' ensembles on the same draws (A's settings) and B − A year by year for every
        output; at the year of `compare` the numbers are `compare`'s."""
        from umbrella.experiments.ensemble import comparison_target, ensemble_settings, paired_bands, run_ensemble
        a, b = self.scenario(request.a, "a"), self.scenario(request.b, "b")
        comparison_target(a, b, request.variable, request.actor, request.year)     # input problems before work
        samples, seed, method = ensemble_settings(a, request.samples, request.seed, request.method)
        done = {"a": 0, "b": 0}

        def part(key: str) -> Optional[Progress]:
            if progress is None:
                return None

            def report(n: int, _total: int) -> None:
                done[key] = n
                progress(done["a"] + done["b"], 2 * samples)
            return report
        with self.cluster(request):
            runs = {key: run_ensemble(sc, samples, seed, method, history=self.history,
                                      posterior=self.draws_for(request.prior), progress=part(key))
                    for key, sc in (("a", a), ("b", b))}
        from umbrella.experiments.ensemble import summarise
        return ComparisonSeries.of({"a": a.id, "b": b.id, "samples": samples, "seed": seed,
                                    "method": runs["a"].attrs["method"],     # posterior-rows over the posterior
                                    "runs": {k: summarise(ds) for k, ds in runs.items()},
                                    **paired_bands(runs["a"], runs["b"])})

    def compare(self, request: CompareRequest) -> Comparison:
        """Paired comparison B − A with common random numbers (the same parameter draws in both)."""
        from umbrella.experiments.ensemble import compare
        a, b = self.scenario(request.a, "a"), self.scenario(request.b, "b")
        with self.cluster(request):
            return Comparison.of(compare(a, b, request.variable, request.actor, request.year, request.samples,
                                         request.seed, request.method, history=self.history,
                                         posterior=self.draws_for(request.prior)))

    def scenarios_report(self, samples: int, seed: int, focus: list[tuple[str, str]], method: str = "lhs",
                         progress: Optional[Progress] = None) -> ScenariosReport:
        """Every library scenario run once with the same samples, seed and method (so the same
        parameter draws), and its paired difference from `baseline` in each (variable, actor) of
        `focus`, at the last year common to both."""
        from umbrella.experiments.ensemble import comparison_target, paired_difference
        runs = {}
        for i, sid in enumerate(self.scenarios):
            runs[sid] = self.run(RunRequest(scenario=sid, samples=samples, seed=seed, method=method))
            if progress is not None:
                progress(i + 1, len(self.scenarios))
        base = self.scenarios["baseline"]
        diffs = {}
        for sid, summary in runs.items():
            if sid == "baseline":
                continue
            diffs[sid] = [paired_difference(runs["baseline"].dataset, summary.dataset,
                                            *comparison_target(base, self.scenarios[sid], var, actor))
                          for var, actor in focus]
        return ScenariosReport.of({
            "samples": samples, "seed": seed, "focus": focus, "diffs": diffs,
            "runs": {sid: {"title": self.scenarios[sid].title, "run": r} for sid, r in runs.items()}})
