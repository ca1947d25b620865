"""Use cases of the results store (experiments/store.py): run an ensemble into a store, list its runs,
show a stored run's summary, query it with SQL (DuckDB)."""
from __future__ import annotations

import pathlib
from typing import Any, Optional

from pydantic import Field, field_validator

from umbrella.lab.base import Document, LabBase, Request, pick
from umbrella.lab.scenarios import RunRequest, RunSummary
from umbrella.progress import Progress


class StoreRequest(Request):
    store: pathlib.Path = Field(description="results store folder")


class StoreRunRequest(RunRequest):
    store: pathlib.Path = Field(description="results store folder (created if absent; a rerun skips finished blocks)")
    variables: Optional[list[str]] = Field(None, min_length=1, description="variables to store (default: all)")

    @field_validator("variables")
    @classmethod
    def _known(cls, names: Optional[list[str]]) -> Optional[list[str]]:
        from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
        unknown = [n for n in names or [] if n not in VARIABLE_BY_NAME]
        if unknown:
            raise ValueError(f"unknown variable(s) {', '.join(unknown)} (known: {', '.join(VARIABLE_BY_NAME)})")
        return names


class ShowRequest(StoreRequest):
    scenario: str = Field(description="scenario id of a run in the store")


class QueryRequest(StoreRequest):
    sql: str = Field(description="SQL over the views `results` (scenario, sample, year, variable, actor, value) "
                                 "and `draws` (scenario, sample, one column per parameter)")


class StoredRun(Document):
    """One run recorded in a store's manifest, with how many of its blocks are finished."""
    scenario: str
    samples: int
    seed: Optional[int]
    sampler: str
    parameters_from: str
    model_version: int
    blocks: int
    blocks_finished: int
    complete: bool
    variables: Optional[list[str]] = Field(None, description="the variables stored (None: all)")
    git_commit: Optional[str] = Field(None, description="the commit of the umbrella source that wrote the run")


class StoreListing(Document):
    """`results list`."""
    store: str
    format: str
    runs: list[StoredRun]


class StoreReport(Document):
    """`results report`: the store's runs and the summary of each run with a finished block."""
    listing: StoreListing
    runs: dict[str, RunSummary]


class QueryResult(Document):
    """`results query`: column names and rows."""
    columns: list[str]
    rows: list[list[Any]]


class ResultsUseCases(LabBase):

    def run_to_store(self, request: StoreRunRequest, progress: Optional[Progress] = None) -> RunSummary:
        """A scenario's ensemble written block by block into a results store (memory bounded by the
        block), and its summary computed from the store."""
        from umbrella.experiments import store
        from umbrella.experiments.ensemble import run_to_store
        sc = self.prepare_run(request)[0]
        with self.cluster(request):
            receipt = run_to_store(sc, request.store, request.samples, request.seed, request.method, history=self.history,
                                   posterior=self.draws_for(request.prior), variables=request.variables,
                                   progress=progress)
        return RunSummary.of(store.summary(request.store, sc.id),
                             notes=[f"{receipt['written']} block(s) written to {request.store}, "
                                    f"{receipt['skipped']} already there"])

    def results_list(self, request: StoreRequest) -> StoreListing:
        from umbrella.experiments.store import describe
        return StoreListing.of(describe(request.store))

    def results_show(self, request: ShowRequest) -> RunSummary:
        from umbrella.experiments.store import read_manifest, summary
        pick(read_manifest(request.store)["runs"], request.scenario, "scenario", "run of scenario")
        return RunSummary.of(summary(request.store, request.scenario))

    def results_report(self, request: StoreRequest) -> StoreReport:
        from umbrella.experiments.store import describe, summary
        listing = describe(request.store)
        return StoreReport.of({"listing": listing, "runs": {r["scenario"]: summary(request.store, r["scenario"])
                                                            for r in listing["runs"] if r["blocks_finished"]}})

    def results_query(self, request: QueryRequest) -> QueryResult:
        from umbrella.experiments.store import query
        return QueryResult.of(query(request.store, request.sql))
