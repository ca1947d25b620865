"""The FastAPI app: JSON endpoints under /api (bodies = the CLI's `--format json` documents) and the
dashboard at /. Bad input of any kind is answered 4xx with `{"errors": ["PATH:LINE: FIELD: message"]}`."""
from __future__ import annotations

import math
from typing import Annotated, Optional

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from umbrella.api import documents as docs
from umbrella.api.dashboard import page
from umbrella.api.jobs import Jobs
from umbrella.errors import InputError, Problem

MAX_SAMPLES = 20_000        # ensembles run inside the request; larger ones belong to `umbrella run`
MAX_CLAIMS_SAMPLES = 5_000  # the claims ledger at 1000 draws takes ~20 s

Samples = Annotated[Optional[int], Field(default=None, ge=1, le=MAX_SAMPLES, strict=True)]
Seed = Annotated[Optional[int], Field(default=None, ge=0, strict=True)]
Method = Optional[str]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SolveBody(_Body):
    set: dict[str, Annotated[float, Field(strict=True)]] = Field(default_factory=dict)  # numbers, not strings
    case: Optional[str] = None  # start from a documented case's parameters, as `--case`


class RunBody(_Body):
    scenario: str
    samples: Samples = None
    seed: Seed = None
    method: Method = None


class ClaimsBody(_Body):
    samples: Annotated[int, Field(ge=2, le=MAX_CLAIMS_SAMPLES, strict=True)] = 1000
    seed: Annotated[int, Field(ge=0, strict=True)] = 1


class CompareBody(_Body):
    a: str
    b: str
    variable: str = "proliferation_probability"
    actor: Optional[str] = None
    year: Optional[Annotated[int, Field(strict=True)]] = None
    samples: Samples = None
    seed: Seed = None
    method: Method = None


def _errors(status: int, problems: list[Problem], headers: Optional[dict] = None) -> JSONResponse:
    return JSONResponse({"errors": [str(p) for p in problems]}, status_code=status, headers=headers)


def _field(loc: tuple) -> str:
    parts = [str(x) for x in loc if x not in ("body", "query", "path")]
    return ".".join(parts) or "-"


def _where(loc: tuple) -> str:
    return {"body": "<request body>", "query": "<query>", "path": "<url>"}.get(loc[0] if loc else "", "<request>")


def _from_cli(problem: Problem) -> Problem:
    """The layers phrase argument problems for the command line (`--set NAME`, `--samples`);
    over HTTP the same value is a field of the request body (`set.NAME`, `samples`)."""
    if problem.path != "<command line>":
        return problem
    field = problem.field.removeprefix("--")
    if field.startswith("set "):
        field = "set." + field[4:]
    return Problem("<request body>", 0, field, problem.message)


def _one_line(message: str) -> str:
    return " ".join(message.replace("Value error, ", "").split())


def create_app() -> FastAPI:
    """The API and dashboard. Serve it with `umbrella serve` (127.0.0.1:8765 by default)."""
    app = FastAPI(title="umbrella", description="Extended nuclear deterrence laboratory / 美国延伸核威慑计算实验室",
                  docs_url=None, redoc_url=None)  # the Swagger page loads from a CDN: not here

    @app.exception_handler(InputError)
    async def input_error(_: Request, exc: InputError) -> JSONResponse:
        return _errors(404 if isinstance(exc, docs.NotFound) else 400, [_from_cli(p) for p in exc.problems])

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [Problem(_where(tuple(e.get("loc", ()))), 0, _field(tuple(e.get("loc", ()))),
                            _one_line(e.get("msg", "invalid")))
                    for e in exc.errors()]
        return _errors(422, problems or [Problem("<request>", 0, "-", "invalid request")])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _errors(exc.status_code, [Problem("<url>", 0, request.url.path, _one_line(str(exc.detail)))],
                       getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def internal_error(_: Request, exc: Exception) -> JSONResponse:  # one line, never a traceback
        return _errors(500, [Problem("<server>", 0, "-", f"internal error: {type(exc).__name__}: {exc}")])

    @app.get("/", response_class=HTMLResponse)
    def dashboard() -> str:
        return page()

    @app.get("/api/data/record/{record_id}")
    def data_record(record_id: str):
        return docs.data_record(record_id)

    @app.get("/api/data/{kind}")
    def data_kind(kind: str):
        return docs.data_kind(kind)

    @app.get("/api/theories")
    def theories():
        return docs.theories()

    @app.get("/api/theory/{theory_id}/test")
    def theory_test(theory_id: str):
        return docs.theory_test(theory_id)

    @app.get("/api/games")
    def games():
        return docs.games_list()

    @app.get("/api/games/{game_id}/params")
    def game_params(game_id: str):
        return docs.game_params(game_id)

    @app.post("/api/games/{game_id}/solve")
    def game_solve(game_id: str, body: SolveBody):
        bad = [Problem("<request body>", 0, f"set.{k}", f"{v!r} is not a finite number")
               for k, v in body.set.items() if not math.isfinite(v)]
        if bad:
            raise InputError(bad)
        result, warnings = docs.game_solve(game_id, body.set, body.case)
        # The CLI prints warnings on stderr and the document on stdout; here: the body and a header.
        headers = {"X-Umbrella-Warnings": " | ".join(warnings).encode("ascii", "replace").decode()} if warnings else None
        return JSONResponse(result, headers=headers)

    @app.get("/api/scenarios")
    def scenarios():
        return docs.scenarios()

    @app.get("/api/params")
    def params(vocabulary: bool = False):
        return docs.params(vocabulary)

    @app.get("/api/variables")
    def variables():
        return docs.variables()

    @app.post("/api/run")
    def run(body: RunBody):
        return docs.run(body.scenario, body.samples, body.seed, body.method)

    @app.post("/api/compare")
    def compare(body: CompareBody):
        return docs.compare(body.a, body.b, body.variable, body.actor, body.year, body.samples, body.seed,
                            body.method)

    # Jobs: the same work in a background thread, with progress for the dashboard (poll /api/jobs/{id}).
    jobs = Jobs(describe=_from_cli)

    @app.post("/api/jobs/run", status_code=202)
    def run_job(body: RunBody):
        prepared = docs.prepare_run(body.scenario, body.samples, body.seed, body.method)  # bad input: 4xx now
        return jobs.start("run", prepared[1], lambda progress: docs.run_prepared(prepared, progress))

    @app.post("/api/jobs/claims", status_code=202)
    def claims_job(body: ClaimsBody):
        return jobs.start("claims", 0, lambda progress: docs.claims(body.samples, body.seed, progress))

    @app.get("/api/jobs/{job_id}")
    def job(job_id: str):
        try:
            return jobs.get(job_id)
        except InputError as exc:
            raise docs.NotFound(exc.problems) from None

    @app.get("/api/claims")
    def claims(samples: Annotated[int, Query(ge=2, le=MAX_CLAIMS_SAMPLES)] = 1000,
               seed: Annotated[int, Query(ge=0)] = 1):
        return docs.claims(samples, seed)

    return app
