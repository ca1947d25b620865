"""The FastAPI app: JSON endpoints under /api and the dashboard at /.

Every endpoint is `request model -> umbrella.lab -> result model` (`response_model` set, so
/openapi.json describes every request, response and error). Bad input of any kind is answered 4xx
with `{"errors": ["PATH:LINE: FIELD: message", ...]}` (the `ErrorBody` of the schema). In front of
the app, `Guard` checks the token and caps bodies; computations go through one bounded queue
(`Jobs`); the claims cache is bounded by size (`SizedLRU`); the limits are `ServerLimits`."""
from __future__ import annotations

import pathlib
from typing import Annotated, Any, Literal, Optional, Union

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from umbrella.api.cache import ReadCache
from umbrella.api.claims_store import ClaimsStore
from umbrella.api.dashboard import page
from umbrella.api.guard import Guard
from umbrella.api.jobs import Busy, JobRecord, Jobs
from umbrella.api.workbench import workbench
from umbrella.limits import OptionalWholeNumber, ServerLimits, WholeNumber
from umbrella.errors import REQUEST, InputError, Problem, UnknownName
from umbrella.lab import (ClaimsRequest, ClaimsResult, CompareRequest, Comparison, GameList, GameParameters,
                          GameRequest, GameSettings, GameSolution, GameSolveRequest, Lab, ParameterList, RecordDocument,
                          RecordList, RecordRequest, RecordsRequest, RunRequest, RunSummary, ScenarioList, ShowRequest,
                          StoreListing, StoreRequest, TheoryList, TheoryRequest, TheoryTest, VariableList, Vocabulary,
                          build)
from umbrella.lab.base import one_line, request_problems

MAX_SAMPLES = 20_000        # ensembles run inside the request; larger ones belong to `umbrella run --out`
MAX_CLAIMS_SAMPLES = 5_000  # the claims ledger at 1000 draws takes ~20 s


class ErrorBody(BaseModel):
    """Every 4xx answer: one line per problem, `PATH:LINE: FIELD: message` (PATH is `<request body>`,
    `<query>` or `<url>` for what the client sent)."""
    errors: list[str]


class ServerInfo(BaseModel):
    """`GET /api/server`: what this server was started with, for the page to ask before it asks for more."""
    results_store: bool = Field(description="whether a results store is served (`umbrella serve --store DIR`): "
                                            "/api/results answers 404 without one")


class RunBody(RunRequest):
    """`POST /api/run`: a library scenario's ensemble (ensemble settings default to its `ensemble:` block)."""
    samples: OptionalWholeNumber = Field(None, ge=1, le=MAX_SAMPLES, description="ensemble size")
    workers: Literal[1] = 1                 # the server runs ensembles in its own process, never on a cluster
    scheduler: Literal[None] = None


class CompareBody(CompareRequest):
    """`POST /api/compare`: paired comparison of two library scenarios."""
    samples: OptionalWholeNumber = Field(None, ge=1, le=MAX_SAMPLES, description="ensemble size")
    workers: Literal[1] = 1
    scheduler: Literal[None] = None


class ClaimsBody(ClaimsRequest):
    """`POST /api/jobs/claims`: the project's claims ledger."""
    ledger: Literal[None] = None
    samples: WholeNumber = Field(1000, ge=2, le=MAX_CLAIMS_SAMPLES)
    workers: Literal[1] = 1
    scheduler: Literal[None] = None


ERRORS: dict[Union[int, str], dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "bad input (a value the models reject)"},
    404: {"model": ErrorBody, "description": "an unknown id in the URL, or an unknown route"},
    401: {"model": ErrorBody, "description": "the server has a token and the request does not carry it "
                                             "(`Authorization: Bearer TOKEN`); only servers started with a token"},
    413: {"model": ErrorBody, "description": "the request body is too large"},
    422: {"model": ErrorBody, "description": "the request does not match its schema"},
}
#: the read endpoints: their answers depend only on the URL and the resources loaded once (kept by
#: `ReadCache`); not jobs, not claims, nothing that computes
READS = ("/api/data/", "/api/theories", "/api/theory/", "/api/games", "/api/scenarios", "/api/params", "/api/variables")
#: the endpoints that compute: their work waits in the server's one bounded queue
BUSY: dict[Union[int, str], dict[str, Any]] = {
    429: {"model": ErrorBody, "description": "the queue of computations is full: retry after the seconds of the "
                                             "Retry-After header, or cancel a job",
          "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}},
}


def _errors(status: int, problems: list[Problem], headers: Optional[dict] = None) -> JSONResponse:
    return JSONResponse(ErrorBody(errors=[str(p) for p in problems]).model_dump(), status_code=status, headers=headers)


def _where(loc: tuple) -> str:
    return {"body": "<request body>", "query": "<query>", "path": "<url>"}.get(loc[0] if loc else "", "<request>")


def _over_http(problem: Problem, request: Request) -> Problem:
    """A problem with a request field, located where the client sent it (URL or body)."""
    if problem.path != REQUEST:
        return problem
    top = problem.field.split(".")[0]
    where = ("<url>" if top in request.path_params else "<query>" if top in request.query_params
             else "<request body>")
    return Problem(where, 0, problem.field, problem.message)


def _flat(routes: list) -> list:
    """The routes with a path, those of included routers too (FastAPI wraps an included router)."""
    out = []
    for r in routes:
        inner = getattr(getattr(r, "original_router", None), "routes", None)
        out.extend(_flat(inner) if inner is not None else [r] if hasattr(r, "path") else [])
    return out


def create_app(lab: Optional[Lab] = None, store: Optional[pathlib.Path] = None,
               claims_cache: Optional[pathlib.Path] = None, *, token: Optional[str] = None,
               limits: ServerLimits = ServerLimits()) -> FastAPI:
    """The API and dashboard over one `Lab` (default: the bundled resources, library scenarios only:
    an HTTP client must not make the server read files of its choosing) and, read-only, the results
    store the server was started with (`store`; a client cannot name another). With a `token`, every
    /api request must carry `Authorization: Bearer <token>`. Serve it with `umbrella serve [--store DIR]`
    (127.0.0.1:8765 by default). `claims_cache`: a folder that keeps the last finished claims ledger
    across restarts (`umbrella serve` uses the user cache folder); None keeps it in memory."""
    lab = lab or Lab(scenario_files=False)
    app = FastAPI(title="umbrella", description="Extended nuclear deterrence laboratory / 美国延伸核威慑计算实验室",
                  docs_url=None, redoc_url=None, responses=ERRORS)  # the Swagger page loads from a CDN: not here
    app.add_middleware(ReadCache, paths=READS, max_bytes=limits.read_cache_bytes)
    app.add_middleware(Guard, token=token, max_body=limits.body_bytes)   # added last: runs first

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        in_url = isinstance(exc, UnknownName) and all(p.field in request.path_params for p in exc.problems)
        return _errors(404 if in_url else 400, [_over_http(p, request) for p in exc.problems])

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [Problem(_where(tuple(e.get("loc", ()))), 0, p.field, p.message)
                    for e, p in zip(exc.errors(), request_problems(
                        [{**e, "loc": tuple(x for x in e.get("loc", ()) if x not in ("body", "query", "path"))}
                         for e in exc.errors()]))]
        return _errors(422, problems or [Problem("<request>", 0, "-", "invalid request")])

    @app.exception_handler(Busy)
    async def busy(_: Request, exc: Busy) -> JSONResponse:
        return _errors(429, [exc.problem], {"Retry-After": str(exc.retry_after_s)})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.__cause__ is not None:   # FastAPI could not parse the body (JSON nested past Python's limit)
            return _errors(422, [Problem("<request body>", 0, "-", "cannot be read as JSON: "
                                         f"{type(exc.__cause__).__name__}: {one_line(str(exc.__cause__))}")])
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:   # starlette names the methods of one route; the path may have several
            routes = sorted((r for r in _flat(request.app.router.routes) if r.matches(request.scope)[0] != Match.NONE),
                            key=lambda r: r.path.count("{"))    # the most specific path: /api/jobs/compare, not {job}
            headers = {"Allow": ", ".join(sorted({m for r in routes if r.path == routes[0].path
                                                  for m in getattr(r, "methods", ())}))}
        return _errors(exc.status_code, [Problem("<url>", 0, request.url.path, one_line(str(exc.detail)))], headers)

    @app.exception_handler(Exception)
    async def internal_error(_: Request, exc: Exception) -> JSONResponse:  # one line, never a traceback
        return _errors(500, [Problem("<server>", 0, "-", f"internal error: {type(exc).__name__}: {exc}")])

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)   # the page, not an API endpoint
    def dashboard() -> str:
        return page()

    @app.get("/api/data/record/{id}", response_model=RecordDocument)
    def data_record(id: str) -> RecordDocument:
        return lab.record(RecordRequest(id=id))

    @app.get("/api/data/{kind}", response_model=RecordList)
    def data_kind(kind: str, actor: Optional[str] = None, start: Optional[int] = None, end: Optional[int] = None,
                  type: Optional[str] = None, text: Annotated[Optional[str], Query(max_length=200)] = None
                  ) -> RecordList:
        return lab.records(build(RecordsRequest, kind=kind, actor=actor, start=start, end=end, type=type, text=text))

    @app.get("/api/theories", response_model=TheoryList)
    def theories() -> TheoryList:
        return lab.theory_list()

    @app.get("/api/theory/{theory}/test", response_model=TheoryTest)
    def theory_test(theory: str) -> TheoryTest:
        return lab.theory_test(TheoryRequest(theory=theory))

    @app.get("/api/games", response_model=GameList)
    def games() -> GameList:
        return lab.games()

    @app.get("/api/games/{game}/params", response_model=GameParameters)
    def game_params(game: str) -> GameParameters:
        return lab.game_params(GameRequest(game=game))

    @app.post("/api/games/{game}/solve", response_model=GameSolution,
              responses={200: {"description": "the solution; values used outside their declared range are named "
                                              "in the X-Umbrella-Warnings header"}})
    def game_solve(game: str, body: GameSettings) -> JSONResponse:
        result = lab.game_solve(GameSolveRequest(game=game, **body.model_dump()))
        # The CLI prints warnings on stderr and the document on stdout; here: the body and a header.
        headers = ({"X-Umbrella-Warnings": " | ".join(result.warnings).encode("ascii", "replace").decode()}
                   if result.warnings else None)
        return JSONResponse(result.model_dump(mode="json"), headers=headers)

    @app.get("/api/scenarios", response_model=ScenarioList)
    def scenarios() -> ScenarioList:
        return lab.scenario_list()

    @app.get("/api/params", response_model=Union[ParameterList, Vocabulary])
    def params(vocabulary: bool = False) -> Union[ParameterList, Vocabulary]:
        return lab.vocabulary() if vocabulary else lab.parameters()

    @app.get("/api/variables", response_model=VariableList)
    def variables() -> VariableList:
        return lab.variables()

    # Every computation goes through one bounded queue: synchronous ones wait in the request, jobs run
    # in the background with progress for the dashboard (poll /api/jobs/{job}, cancel with DELETE).
    jobs = Jobs(limits, describe=lambda p: Problem("<request body>", 0, p.field, p.message) if p.path == REQUEST else p)

    @app.post("/api/run", response_model=RunSummary, responses=BUSY)
    def run(body: RunBody) -> RunSummary:
        lab.prepare_run(body)                       # bad input: 4xx now, without waiting in the queue
        return jobs.run(lambda: lab.run(body).without_dataset())

    @app.post("/api/compare", response_model=Comparison, responses=BUSY)
    def compare(body: CompareBody) -> Comparison:
        return jobs.run(lambda: lab.compare(body))

    def the_store() -> pathlib.Path:
        if store is None:
            raise StarletteHTTPException(404, "no results store: start the server with `umbrella serve --store DIR`")
        return store

    @app.get("/api/server", response_model=ServerInfo)
    def server() -> ServerInfo:
        return ServerInfo(results_store=store is not None)

    @app.get("/api/results", response_model=StoreListing)
    def results() -> StoreListing:
        return lab.results_list(StoreRequest(store=the_store()))

    @app.get("/api/results/{scenario}", response_model=RunSummary, responses=BUSY)
    def results_show(scenario: str) -> RunSummary:
        request = ShowRequest(store=the_store(), scenario=scenario)
        return jobs.run(lambda: lab.results_show(request))     # summarising a stored run reads all its rows

    @app.post("/api/jobs/run", status_code=202, response_model=JobRecord, responses=BUSY)
    def run_job(body: RunBody) -> JobRecord:
        total = lab.prepare_run(body)[1]            # bad input: 4xx now, not in the job
        return jobs.start("run", total, lambda progress: lab.run(body, progress=progress).without_dataset())

    @app.post("/api/jobs/claims", status_code=202, response_model=JobRecord, responses=BUSY)
    def claims_job(body: ClaimsBody) -> JobRecord:
        return jobs.start("claims", 0, lambda progress: claims_of(body, progress))

    @app.get("/api/jobs/{job}", response_model=JobRecord)
    def job(job: str) -> JobRecord:
        return jobs.get(job)

    @app.delete("/api/jobs/{job}", response_model=JobRecord)
    def cancel_job(job: str) -> JobRecord:
        """Cancel a queued or running job (a running one stops at its next progress tick: `cancelling`,
        then `cancelled`); forget a finished one. Answers the job as it is now."""
        return jobs.cancel(job)

    # The claims ledger takes minutes: results kept per (samples, seed, prior, ablate), least recently
    # used first out once their size passes the cap; one computation per key (a second request waits and
    # reuses it); the newest posterior ledger is kept on disk.
    finished = ClaimsStore(lab, claims_cache, limits.cache_bytes)
    app.state.claims_cache, app.state.jobs = finished.results, jobs

    def claims_of(body: ClaimsRequest, progress: Any = None) -> ClaimsResult:
        return finished.get(ClaimsRequest(samples=body.samples, seed=body.seed, prior=body.prior, ablate=body.ablate),
                            progress)

    @app.get("/api/claims", response_model=ClaimsResult, responses=BUSY)
    def claims(samples: Annotated[int, Query(ge=2, le=MAX_CLAIMS_SAMPLES)] = 1000,
               seed: Annotated[int, Query(ge=0)] = 1, prior: bool = False) -> ClaimsResult:
        request = ClaimsRequest(samples=samples, seed=seed, prior=prior)
        cached = finished.cached(request)  # a cached result needs no place in the queue
        return cached if cached is not None else jobs.run(lambda: claims_of(request))

    app.include_router(workbench(lab, jobs, finished, CompareBody, BUSY), responses=ERRORS)
    return app
