"""The reads and jobs the dashboard's workbench needs, beyond the core endpoints of `app.py`.

Each endpoint is `request model -> umbrella.lab -> result model`, like the others: the year's
system (`World.at`), a record's sources, Table 1, the theories ranked, QCA on the coded cases, a
game's declaration, cases, tree and parameter map, a scenario's document, the check of a variant,
the observed series of an output, a paired comparison year by year, sensitivity, discovery, the
claims ledger as written and the last finished ledger. Long work (comparison, sensitivity,
discovery) runs as a job with progress.
"""

import re
from typing import Any, Callable, Literal, Optional

from fastapi import APIRouter
from pydantic import Field, field_validator

from umbrella.api.claims_store import ClaimsStore
from umbrella.api.jobs import JobRecord, Jobs
from umbrella.lab import (ClaimsResult, CompareRequest, DiscoverRequest, Facets, FacetsRequest, GameCases, GameGrid,
                          GameInfo, GameMap, GameMapRequest, GameRequest, GameSettings, GameSolveRequest, GameTree,
                          Lab, LedgerEntries, Minimization, MinimizeRequest, Observed, ObservedRequest, QcaColumns,
                          RecordList, RecordRequest, RecordSources, ScenarioCheck, ScenarioCheckRequest,
                          ScenarioDocument, ScenarioRequest, SensitivityRequest, TheoryComparison, TheoryRequest,
                          TimelineRequest, TypologyTable, WorldRequest, WorldSnapshot, build)
from umbrella.limits import OptionalWholeNumber

MAX_GRID = 61                 # points per axis of a game map (61 × 61 solves take a few seconds)
MAX_SOBOL = 4096              # Sobol' base samples N (N · (D + 2) runs)
MAX_MORRIS = 1000             # Morris trajectories
MAX_DISCOVER = 20_000         # PRIM's ensemble
AXIS = re.compile(r"^[^:]*:[^:]*:[^:]*:\s*(\d+)\s*$")


class QcaBody(MinimizeRequest):
    """`POST /api/qca/minimize`: QCA on the coded cases (`qca minimize --cases`); no files over HTTP."""
    file: Literal[None] = None
    cases: Literal[True] = True


class GameMapBody(GameGrid):
    """`POST /api/games/{game}/map`: at most MAX_GRID points per axis."""

    @field_validator("x", "y")
    @classmethod
    def _bounded(cls, value: str) -> str:
        m = AXIS.match(value)
        if m and int(m.group(1)) > MAX_GRID:
            raise ValueError(f"at most {MAX_GRID} points per axis over HTTP (got {m.group(1)})")
        return value


class SensitivityBody(SensitivityRequest):
    """`POST /api/jobs/sensitivity`."""
    workers: Literal[1] = 1                 # in the server's own process, never on a cluster
    scheduler: Literal[None] = None
    samples: Optional[int] = Field(None, ge=2, le=MAX_SOBOL, strict=True,
                                   description=f"Sobol' base samples (≤ {MAX_SOBOL}) or Morris trajectories "
                                               f"(≤ {MAX_MORRIS})")

    @field_validator("samples")
    @classmethod
    def _morris(cls, value: Optional[int], info: Any) -> Optional[int]:
        if value is not None and info.data.get("method") == "morris" and value > MAX_MORRIS:
            raise ValueError(f"at most {MAX_MORRIS} Morris trajectories over HTTP")
        return value


class DiscoverBody(DiscoverRequest):
    """`POST /api/jobs/discover`."""
    samples: OptionalWholeNumber = Field(None, ge=20, le=MAX_DISCOVER, description="ensemble size")


def workbench(lab: Lab, jobs: Jobs, claims: ClaimsStore, compare_body: type[CompareRequest],
              busy: dict) -> APIRouter:
    """The dashboard's workbench endpoints over `lab`; those that compute go through the server's bounded
    queue (`jobs`) and declare its 429 (`busy`), finished ledgers come from `claims`."""
    api = APIRouter()

    @api.get("/api/data/{kind}/facets", response_model=Facets)
    def data_facets(kind: str) -> Facets:
        return lab.facets(FacetsRequest(kind=kind))

    @api.get("/api/data/record/{id}/sources", response_model=RecordSources)
    def record_sources(id: str) -> RecordSources:
        return lab.record_sources(RecordRequest(id=id))

    @api.get("/api/world/{year}", response_model=WorldSnapshot)
    def world(year: int) -> WorldSnapshot:
        return lab.world(build(WorldRequest, year=year))

    @api.get("/api/timeline", response_model=RecordList)
    def timeline(actor: Optional[str] = None, start: Optional[int] = None, end: Optional[int] = None) -> RecordList:
        return lab.timeline(build(TimelineRequest, actor=actor, start=start, end=end))

    @api.get("/api/theories/compare", response_model=TheoryComparison)
    def theories_compare() -> TheoryComparison:
        return lab.theory_compare()

    @api.get("/api/theory/{theory}/table", response_model=TypologyTable)
    def theory_table(theory: str) -> TypologyTable:
        return lab.theory_table(TheoryRequest(theory=theory))

    @api.get("/api/qca/columns", response_model=QcaColumns)
    def qca_columns() -> QcaColumns:
        return lab.qca_columns()

    @api.post("/api/qca/minimize", response_model=Minimization)
    def qca_minimize(body: QcaBody) -> Minimization:
        return lab.qca_minimize(body)

    @api.get("/api/games/{game}", response_model=GameInfo)
    def game_info(game: str) -> GameInfo:
        return lab.game_info(GameRequest(game=game))

    @api.get("/api/games/{game}/cases", response_model=GameCases)
    def game_cases(game: str) -> GameCases:
        return lab.game_cases(GameRequest(game=game))

    @api.post("/api/games/{game}/tree", response_model=GameTree)
    def game_tree(game: str, body: GameSettings) -> GameTree:
        return lab.game_tree(GameSolveRequest(game=game, **body.model_dump()))

    @api.post("/api/games/{game}/map", response_model=GameMap, responses=busy)
    def game_map(game: str, body: GameMapBody) -> GameMap:
        request = GameMapRequest(game=game, **body.model_dump())
        return jobs.run(lambda: lab.game_map(request))

    @api.get("/api/scenarios/{scenario}", response_model=ScenarioDocument)
    def scenario_document(scenario: str) -> ScenarioDocument:
        return lab.scenario_document(ScenarioRequest(scenario=scenario))

    @api.post("/api/scenarios/check", response_model=ScenarioCheck)
    def scenario_check(body: ScenarioCheckRequest) -> ScenarioCheck:
        return lab.scenario_check(body)

    @api.get("/api/observed", response_model=Observed)
    def observed(variable: str, actor: Optional[str] = None) -> Observed:
        return lab.observed(build(ObservedRequest, variable=variable, actor=actor))

    def job(kind: str, total: int, work: Callable[[Any], Any]) -> JobRecord:
        return jobs.start(kind, total, work)

    @api.post("/api/jobs/compare", status_code=202, response_model=JobRecord, responses=busy)
    def compare_job(body: compare_body) -> JobRecord:  # type: ignore[valid-type]
        from umbrella.experiments.ensemble import comparison_target, ensemble_settings
        a, b = lab.scenario(body.a, "a"), lab.scenario(body.b, "b")      # bad input: 4xx now, not in the job
        comparison_target(a, b, body.variable, body.actor, body.year)
        samples = ensemble_settings(a, body.samples, body.seed, body.method)[0]
        return job("compare", 2 * samples, lambda progress: lab.compare_series(body, progress=progress))

    @api.post("/api/jobs/sensitivity", status_code=202, response_model=JobRecord, responses=busy)
    def sensitivity_job(body: SensitivityBody) -> JobRecord:
        lab.scenario(body.scenario)
        lab.variable(body.variable)
        return job("sensitivity", 0, lambda progress: lab.sensitivity(body, progress=progress))

    @api.post("/api/jobs/discover", status_code=202, response_model=JobRecord, responses=busy)
    def discover_job(body: DiscoverBody) -> JobRecord:
        lab.scenario(body.scenario)
        lab.variable(body.variable)
        return job("discover", 0, lambda progress: lab.discover(body, progress=progress))

    @api.get("/api/claims/ledger", response_model=LedgerEntries)
    def claims_ledger() -> LedgerEntries:
        return lab.ledger()

    @api.get("/api/claims/latest", response_model=Optional[ClaimsResult],
             responses={200: {"description": "the newest finished ledger, or null before any has finished"}})
    def claims_latest() -> Optional[ClaimsResult]:
        return claims.latest()

    return api
