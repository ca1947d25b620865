"""The use case of the claims ledger: every claim of a ledger checked against the models."""
from __future__ import annotations

import pathlib
from typing import Any, ClassVar, Optional

from pydantic import Field, RootModel

from umbrella.errors import request_problem
from umbrella.lab.base import ClusterRequest, Document, LabBase
from umbrella.progress import Progress


class ClaimsRequest(ClusterRequest):
    ledger: Optional[pathlib.Path] = Field(None, description="ledger YAML (default: the project's ledger)")
    samples: int = Field(1000, ge=2, strict=True, description="parameter draws of the regional model")
    seed: int = Field(1, ge=0, strict=True, description="random seed (same seed, same numbers)")
    prior: bool = Field(False, description="model checks over the declared prior ranges only (default: the "
                                           "calibrated posterior, with the prior's share beside it)")


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


class LedgerEntryView(Document):
    """A claim of the ledger as written: its seed passage (Chinese quote, section), English text, and
    its check (the check language, docs/model/claims.md) or why it is not modelled."""
    _omit: ClassVar[tuple[str, ...]] = ("check", "not_modelled")
    id: str
    seed: str
    section: Optional[str]
    type: Optional[str]
    stance: Optional[str]
    quote: str
    claim_en: str
    check: Optional[dict[str, Any]] = None
    not_modelled: Optional[str] = None


class LedgerEntries(RootModel[list[LedgerEntryView]]):
    """The lab's claims ledger, entry by entry (what `claims` evaluates)."""


class ClaimsUseCases(LabBase):

    def ledger(self) -> LedgerEntries:
        """The lab's ledger as written (its checks are validated when `claims` runs it)."""
        from umbrella.yamlio import load_yaml
        from umbrella.evidence.loader import display
        data, _ = self._once("ledger_entries", lambda: load_yaml(self.ledger_path, display(self.ledger_path)))
        if not isinstance(data, list):
            raise request_problem("ledger", f"{self.ledger_path} is not a list of claim entries")
        keys = tuple(LedgerEntryView.model_fields)
        return LedgerEntries.model_validate([{k: e.get(k) for k in keys} for e in data if isinstance(e, dict)])

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
