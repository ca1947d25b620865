"""The pieces every use case of the application layer shares: request and result base models, the
conversion of a request's validation errors into `PATH:LINE: FIELD: message` problems, and the
`LabBase` that loads the laboratory's resources once.
"""
from __future__ import annotations

import enum
import math
import pathlib
import threading
import warnings
from typing import Any, Callable, ClassVar, Iterable, Mapping, Optional, Sequence, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_serializer

from umbrella.errors import REQUEST, InputError, Problem, UmbrellaWarning, UnknownName, request_problem, unknown

Number = Union[int, float]       # as the models emit it: 1 stays 1, 0.5 stays 0.5
Text = dict[str, str]            # {"en": ..., "zh": ...}
R = TypeVar("R", bound=BaseModel)
D = TypeVar("D", bound="Document")


class Request(BaseModel):
    """What a use case is asked: every field checked on construction (numbers are not coerced from
    strings); a problem names the field (`samples`, `set.c_alt`)."""
    # defer_build: a model's validator is built when first used, not when its module is imported, so a
    # command does not build those of the other use cases (issue 18, cold start)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ClusterRequest(Request):
    """Where the ensemble blocks run: in process (default), a local Dask cluster of `workers` processes,
    or an existing cluster at `scheduler`; the numbers are the same bits on any of them."""
    scheduler: Optional[str] = Field(None, description="address of a dask.distributed scheduler, e.g. tcp://HOST:8786")
    workers: int = Field(1, ge=1, strict=True, description="worker processes of a local Dask cluster (1: in process)")


class Document(BaseModel):
    """A result: its `model_dump(mode="json")` is the JSON document of SYSTEM.md §3 (NaN and
    infinities as null). Fields named in `_omit` are left out of the document when they are None,
    as the documents have always done; keys a layer adds beyond the declared fields are kept."""
    model_config = ConfigDict(extra="allow", defer_build=True)     # built when first used, as `Request`
    _omit: ClassVar[tuple[str, ...]] = ()
    _warnings: list[str] = []

    @model_serializer(mode="wrap")
    def _leave_out_empty(self, handler: Callable[[Any], dict]) -> Any:
        out = handler(self)
        if isinstance(out, dict):
            for key in self._omit:
                if out.get(key) is None:
                    out.pop(key, None)
        return out

    def __eq__(self, other: object) -> bool:
        """Results are equal when their documents are (what they were computed from is not compared)."""
        return type(self) is type(other) and self.model_dump(mode="json") == other.model_dump(mode="json")

    __hash__ = None  # type: ignore[assignment]

    @property
    def warnings(self) -> list[str]:
        """Diagnostics of this result (a value used as given, ...), not part of the document; the
        lab also emits each as an `UmbrellaWarning`."""
        return list(self._warnings)

    @classmethod
    def of(cls: type[D], data: Any, notes: Iterable[str] = ()) -> D:
        """The result from what a science layer returned (numpy scalars and NaN made JSON-plain)."""
        doc = cls.model_validate(plain(data))
        doc._warnings = list(notes)
        for note in doc._warnings:
            warnings.warn(note, UmbrellaWarning, stacklevel=3)
        return doc


def plain(obj: Any) -> Any:
    """Plain JSON types: numpy scalars/arrays to Python, NaN/inf to None, tuples and sets to lists."""
    import numpy as np
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, dict):
        return {(k.value if isinstance(k, enum.Enum) else k if isinstance(k, (str, int)) else str(k)): plain(v)
                for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [plain(v) for v in (sorted(obj) if isinstance(obj, set) else obj)]
    if isinstance(obj, np.ndarray):
        return plain(obj.tolist())
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        obj = float(obj)
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, pathlib.PurePath):
        return str(obj)
    return obj


# ---- requests ----------------------------------------------------------------------------------

def field_name(loc: Sequence[Any]) -> str:
    """A validation location as the request field it names: `set.c_alt`, `samples`."""
    return ".".join(str(part) for part in loc) or "-"


def one_line(message: str) -> str:
    return " ".join(str(message).replace("Value error, ", "").split())


def request_problems(errors: Iterable[Mapping[str, Any]], where: str = REQUEST) -> list[Problem]:
    """pydantic's errors of a request (or an HTTP body) as one problem per field."""
    return [Problem(where, 0, field_name(e.get("loc", ())), one_line(e.get("msg", "invalid"))) for e in errors]


def build(model: type[R], **values: Any) -> R:
    """The request `model(**values)` (None values left to the defaults), or InputError naming the fields."""
    try:
        return model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        raise InputError(request_problems(exc.errors(include_url=False))) from None


def pick(table: Mapping[str, Any], name: str, field: str, what: str) -> Any:
    """`table[name]`, or `UnknownName` with the closest names and what is known."""
    if name not in table:
        raise request_problem(field, unknown(what, name, table), UnknownName)
    return table[name]


# ---- resources ---------------------------------------------------------------------------------

class LabBase:
    """The laboratory's resources, each loaded once, when first needed: the evidence base (the
    bundled one plus `data` folders), the theories (built-in plus `theories` folders), the scenario
    library, the history of levers and shocks recorded in the evidence, the posterior, the ledger.
    Paths default to the resources bundled with the package (`umbrella.resources`)."""

    def __init__(self, data: Sequence[pathlib.Path] = (), theories: Sequence[pathlib.Path] = (), *,
                 evidence_base: Optional[pathlib.Path] = None, scenarios: Optional[pathlib.Path] = None,
                 posterior: Optional[pathlib.Path] = None, ledger: Optional[pathlib.Path] = None,
                 scenario_files: bool = True):
        from umbrella import resources
        self.data_dirs = tuple(pathlib.Path(d) for d in data)
        self.theory_dirs = tuple(pathlib.Path(d) for d in theories)
        self.evidence_base = pathlib.Path(evidence_base) if evidence_base else resources.data_dir()
        self.scenarios_dir = pathlib.Path(scenarios) if scenarios else resources.scenarios_dir()
        self.posterior_path = pathlib.Path(posterior) if posterior else resources.posterior_file()
        self.posterior_given = posterior is not None
        self.ledger_path = pathlib.Path(ledger) if ledger else resources.ledger_file()
        self.scenario_files = scenario_files   # may a request name a scenario file (not only a library id)?
        self._loaded: dict[str, Any] = {}
        self._lock = threading.RLock()

    def _once(self, name: str, load: Callable[[], Any]) -> Any:
        with self._lock:                  # the API serves requests from several threads
            if name not in self._loaded:
                self._loaded[name] = load()
            return self._loaded[name]

    @property
    def evidence(self) -> Any:
        """The validated, merged evidence base (`umbrella.evidence.Evidence`)."""
        def load() -> Any:
            from umbrella.evidence import load as load_evidence
            ev = load_evidence(self.data_dirs, base=self.evidence_base, cached=True)
            for message in ev.warnings:
                warnings.warn(message, UmbrellaWarning, stacklevel=4)
            return ev
        return self._once("evidence", load)

    @property
    def theories(self) -> dict:
        """Declared theories by id."""
        from umbrella.theory import load_theories
        return self._once("theories", lambda: load_theories(self.theory_dirs, bib=self.evidence.bib))

    @property
    def scenarios(self) -> dict:
        """The scenario library by id."""
        from umbrella.dynamics.scenario import read_library
        return self._once("scenarios", lambda: read_library(self.scenarios_dir))

    @property
    def history(self) -> list:
        """Lever and shock settings recorded by the evidence base's events (the past of every run)."""
        from umbrella.dynamics.history import inputs_from_evidence
        return self._once("history", lambda: inputs_from_evidence(self.evidence))

    @property
    def posterior(self) -> dict:
        """The calibrated draws ensembles use unless a request asks for the prior; a file that cannot
        be read is an error, never a silent fall-back to the prior."""
        from umbrella.experiments.calibration import load_posterior
        return self._once("posterior", lambda: self._warn_if_stale(load_posterior(self.posterior_path)))

    def _warn_if_stale(self, draws: dict) -> dict:
        """A posterior given by the user whose fingerprint is not today's: used, with a warning (the
        bundled one is kept current by a test)."""
        if self.posterior_given:
            from umbrella.experiments.calibration import Settings, current_fingerprint, read_manifest
            head = read_manifest(self.posterior_path)
            settings = Settings(particles=head.get("particles"), seed=head.get("seed"), holdout=head.get("holdout"))
            if head.get("fingerprint") != current_fingerprint(self.evidence, settings):
                warnings.warn(f"{self.posterior_path}: its fingerprint does not match today's model and evidence "
                              f"(a stale calibration); re-run `umbrella calibrate`", UmbrellaWarning, stacklevel=2)
        return draws

    def cluster(self, request: "ClusterRequest") -> Any:
        """The executor of a request's ensemble blocks (experiments/blocks.py), as a context manager:
        it is the current executor while open, so every ensemble of the use case runs there."""
        from umbrella.experiments.blocks import executor
        if request.scheduler and request.workers > 1:
            raise request_problem("workers", "give scheduler or workers, not both")
        return executor(request.scheduler, request.workers)

    def draws_for(self, prior: bool) -> Optional[dict]:
        return None if prior else self.posterior

    def scenario(self, ref: Union[str, Mapping[str, Any]], field: str = "scenario") -> Any:
        """A library scenario by id, a scenario document (validated as a file would be; its problems
        name `FIELD.levers.0.value`), or (where allowed) a scenario file."""
        from umbrella.dynamics.scenario import parse_scenario, read_scenario
        if isinstance(ref, Mapping):
            try:
                return parse_scenario(dict(ref), {}, REQUEST)
            except InputError as exc:
                raise InputError([Problem(REQUEST, 0, field if p.field == "-" else f"{field}.{p.field}", p.message)
                                  for p in exc.problems]) from None
        path = pathlib.Path(ref)
        if self.scenario_files and path.is_file():
            from umbrella.evidence.loader import display
            return read_scenario(path, display(path))
        if ref not in self.scenarios:
            nor_file = "(nor a scenario file)" if self.scenario_files else ""
            raise request_problem(field, unknown("scenario", ref, self.scenarios, of=nor_file), UnknownName)
        return self.scenarios[ref]

