"""umbrella.lab — the application layer: one `Lab` between the science packages and the front ends.

    from umbrella.lab import Lab, RunRequest
    lab = Lab()                                   # bundled evidence, theories, scenarios, posterior, ledger
    result = lab.run(RunRequest(scenario="baseline", samples=500, seed=1))
    result.variables["public_nuclear_support"]["KOR"].mean
    result.model_dump(mode="json")                # the `umbrella run --format json` document

A `Lab` loads each resource once, when first needed: the evidence base (bundled, plus `data`
folders), the theories (built-in, plus `theories` folders), the scenario library, the posterior
and the claims ledger; paths default to the resources bundled with the package. It has one method
per use case; each takes a request model and returns a result model whose
`model_dump(mode="json")` is the JSON document of SYSTEM.md §3. Bad input raises
`umbrella.errors.InputError` whose problems name the request's fields (`samples`, `set.c_alt`).
The CLI (`umbrella.cli`), the HTTP API (`umbrella.api`) and the report (`umbrella.views.report`)
are thin front ends over it. Long work takes `progress(done, total)`; diagnostics are
`UmbrellaWarning`s; the main job's steps are logged to `umbrella.lab`.
"""
from __future__ import annotations

from umbrella.lab.analysis import (AnalysisUseCases, CalibrateRequest, Calibration, DiscoverRequest, Discovery,
                                   Rivals, RivalsRequest, Sensitivity, SensitivityRequest)
from umbrella.lab.base import Document, Request, build
from umbrella.lab.claims import ClaimRow, ClaimsRequest, ClaimsResult, ClaimsUseCases, LedgerEntries
from umbrella.lab.evidence import (DataCheck, EvidenceSummary, EvidenceUseCases, ExportRequest, ExportResult, Facets,
                                   FacetsRequest, Record, RecordDocument, RecordList, RecordRequest, RecordSources,
                                   RecordsRequest, SummaryRequest, TimelineRequest, WorldRequest, WorldSnapshot)
from umbrella.lab.games import (GameCases, GameEstimate, GameExport, GameGrid, GameInfo, GameList, GameMap, GameMapRequest,
                                GameParameters, GameRequest, GameRobustnessRequest, GameSettings, GameSolution,
                                GameSolveRequest, GameTree, GameUseCases, Robustness)
from umbrella.lab.pipeline import LabRun, LabSettings, PipelineUseCases
from umbrella.lab.results import (QueryRequest, QueryResult, ResultsUseCases, ShowRequest, StoreListing, StoreReport,
                                  StoreRequest, StoreRunRequest)
from umbrella.lab.scenarios import (CompareRequest, Comparison, ComparisonSeries, Observed, ObservedRequest,
                                    ParameterList, RunRequest, RunSummary, ScenarioCheck, ScenarioCheckRequest,
                                    ScenarioDocument, ScenarioList, ScenarioRequest, ScenarioUseCases, VariableList,
                                    Vocabulary)
from umbrella.lab.theory import (CalibrateColumnRequest, Calibrated, ExpressionFit, FitRequest, ForecastRequest,
                                 Forecasts, Minimization, MinimizeRequest, QcaColumns, TheoryComparison, TheoryList,
                                 TheoryRequest, TheoryTest, TheoryUseCases, TruthTable, TruthTableRequest,
                                 TypologyTable)


class Lab(EvidenceUseCases, TheoryUseCases, GameUseCases, ScenarioUseCases, ResultsUseCases, AnalysisUseCases,
          ClaimsUseCases, PipelineUseCases):
    """The laboratory: its resources, loaded once, and one method per use case (see the module doc)."""


__all__ = [
    "Lab", "Request", "Document", "build",
    "DataCheck", "RecordsRequest", "RecordList", "Record", "RecordRequest", "RecordDocument", "SummaryRequest",
    "EvidenceSummary", "TimelineRequest", "ExportRequest", "ExportResult", "FacetsRequest", "Facets", "WorldRequest",
    "WorldSnapshot", "RecordSources",
    "TheoryRequest", "TheoryList", "TheoryTest", "TheoryComparison", "TypologyTable", "ForecastRequest", "Forecasts",
    "TruthTableRequest", "TruthTable", "MinimizeRequest", "Minimization", "FitRequest", "ExpressionFit",
    "CalibrateColumnRequest", "Calibrated", "QcaColumns",
    "GameRequest", "GameSettings", "GameSolveRequest", "GameGrid", "GameMapRequest", "GameRobustnessRequest", "GameList",
    "GameParameters", "GameSolution", "GameCases", "GameExport", "GameMap", "Robustness", "GameTree", "GameEstimate",
    "GameInfo",
    "RunRequest", "RunSummary", "CompareRequest", "Comparison", "ScenarioList", "ParameterList", "Vocabulary",
    "VariableList", "ScenarioRequest", "ScenarioDocument", "ScenarioCheckRequest", "ScenarioCheck", "ObservedRequest",
    "Observed", "ComparisonSeries",
    "CalibrateRequest", "Calibration", "SensitivityRequest", "Sensitivity", "DiscoverRequest", "Discovery",
    "RivalsRequest", "Rivals",
    "ClaimsRequest", "ClaimsResult", "ClaimRow", "LedgerEntries",
    "StoreRunRequest", "StoreRequest", "ShowRequest", "QueryRequest", "StoreListing", "StoreReport", "QueryResult",
    "LabSettings", "LabRun",
]
