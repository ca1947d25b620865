"""The use case of the claims ledger: every claim of a ledger checked against the models."""
from __future__ import annotations

import pathlib
from typing import ClassVar, Optional

from pydantic import Field

from umbrella.errors import request_problem
from umbrella.lab.base import ClusterRequest, Document, LabBase
from umbrella.limits import WholeNumber
from umbrella.progress import Progress


class ClaimsRequest(ClusterRequest):
    ledger: Optional[pathlib.Path] = Field(None, description="ledger YAML (default: the project's ledger)")
    samples: WholeNumber = Field(1000, ge=2, description="parameter draws of the regional model")
    seed: WholeNumber = Field(1, ge=0, description="random seed (same seed, same numbers)")
    prior: bool = Field(False, strict=True, description="model checks over the declared prior ranges only "
                                                        "(default: the calibrated posterior, with the prior's share "
                                                        "beside it)")


class ClaimRow(Document):
    """One claim (SYSTEM.md §3.8): its status, the share of the uncertain space where it holds (of the
    calibrated posterior's draws, `parameters_from`), the same under the prior box (`share_holds_prior`,
    `status_prior`), the box where a conditional claim fails, why a claim is not modelled; `error` where
    a valid check could not be evaluated."""
    _omit: ClassVar[tuple[str, ...]] = ("n_points", "error")
    id: str
    status: str
    share_holds: Optional[float]
    fails_when: Optional[dict[str, list[float]]]
    reason: Optional[str]
    seed: str
    type: Optional[str]
    check: Optional[str]
    claim_en: str
    share_holds_prior: Optional[float] = None
    status_prior: Optional[str] = None
    parameters_from: Optional[str] = None
    n_points: Optional[int] = None
    error: Optional[bool] = None


class ClaimsSummary(Document):
    n: int
    counts: dict[str, int]
    modelled_share: float


class ClaimsResult(Document):
    """`claims`: one row per ledger claim, the tally, and the run's samples and seed."""
    claims: list[ClaimRow]
    summary: ClaimsSummary
    samples: int
    seed: int


class ClaimsUseCases(LabBase):

    def claims(self, request: ClaimsRequest = ClaimsRequest(), progress: Optional[Progress] = None) -> ClaimsResult:
        """Check every claim of a ledger: holds / fails / conditional / not modelled."""
        from umbrella.claims import run_ledger, summary
        ledger = request.ledger or self.ledger_path
        if not ledger.is_file():
            raise request_problem("ledger", f"{str(ledger)!r} is not a file")
        with self.cluster(request):
            rows = run_ledger(ledger, samples=request.samples, seed=request.seed, evidence=self.evidence,
                              theories=self.theories, scenarios=self.scenarios,
                              posterior=self.draws_for(request.prior), progress=progress)
        return ClaimsResult.of({"claims": rows, "summary": summary(rows), "samples": request.samples,
                                "seed": request.seed})
