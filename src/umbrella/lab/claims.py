"""The use case of the claims ledger: every claim of a ledger checked against the models, with what
each is worth (its basis: corroborated / recorded / derived / assumed / definition)."""
from __future__ import annotations

import pathlib
from typing import Any, ClassVar, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel

from umbrella.errors import request_problem
from umbrella.lab.base import ClusterRequest, Document, LabBase, Text
from umbrella.limits import WholeNumber
from umbrella.progress import Progress


class ClaimsRequest(ClusterRequest):
    ledger: Optional[pathlib.Path] = Field(None, description="ledger YAML (default: the project's ledger)")
    samples: WholeNumber = Field(1000, ge=2, description="parameter draws of the regional model")
    seed: WholeNumber = Field(1, ge=0, description="random seed (same seed, same numbers)")
    prior: bool = Field(False, strict=True, description="model checks over the declared prior ranges only "
                                                        "(default: the calibrated posterior, with the prior's share "
                                                        "beside it)")
    ablate: bool = Field(True, strict=True, description="re-evaluate every model check with its claim's own seed's "
                         "effect parameters at their neutral values (its basis; without it model checks have none)")


class _Part(BaseModel):
    model_config = ConfigDict(extra="allow")


class CarryingRecord(_Part):
    """A record a claim's evidence or theory check matched; `independent`: it has a bib source."""
    id: str
    kind: Optional[str] = None
    independent: Optional[bool] = None
    sources: list[str] = []


class CarryingParameter(_Part):
    """A parameter of the claim's own seed whose ablation alone lowers the claim's share (on the
    reduced sample of the attribution); `flips`: without it the claim no longer holds."""
    parameter: str
    model: str
    description: str = ""
    share_without: float
    share_reduced: float
    flips: bool


class CarriedBy(_Part):
    records: list[CarryingRecord] = []
    parameters: list[CarryingParameter] = []


class ClaimRow(Document):
    """One claim (SYSTEM.md §3.8): its status, the share of the uncertain space where it holds (of the
    calibrated posterior's draws, `parameters_from`), the same under the prior box (`share_holds_prior`,
    `status_prior`), the box where a conditional claim fails, why a claim is not modelled; its `basis`
    (MODELS.md §5) and, for a model check, `share_holds_without_own_seed` (on the same draws as
    `share_holds`); what carries it (`carried_by`); `error` where a valid check could not be evaluated,
    `ablation_error` where its ablation could not be."""
    _omit: ClassVar[tuple[str, ...]] = ("n_points", "error", "ablation_error")
    id: str
    status: str
    share_holds: Optional[float]
    fails_when: Optional[dict[str, list[float]]]
    reason: Optional[str]
    basis: Optional[str] = None
    share_holds_without_own_seed: Optional[float] = None
    carried_by: Optional[CarriedBy] = None
    seed: str
    type: Optional[str]
    check: Optional[str]
    claim_en: str
    share_holds_prior: Optional[float] = None
    status_prior: Optional[str] = None
    parameters_from: Optional[str] = None
    n_points: Optional[int] = None
    error: Optional[bool] = None
    ablation_error: Optional[str] = None


class SeedTable(Document):
    """The ledger's headline table: per seed (and `total`), how many claims are corroborated, recorded,
    derived, assumed (among those that hold), conditional, failing, not modelled and definitions;
    `found` = derived + corroborated, `given` = recorded + assumed. `ablated`: every evaluated model
    check got a basis (else holding model checks are counted as `holds`)."""
    columns: list[str] = []
    seeds: list[dict[str, Union[str, int]]] = []
    total: dict[str, Union[str, int]] = {}
    found: int = 0
    given: int = 0
    definitions: int = 0
    ablated: bool = False


class ClaimsSummary(Document):
    n: int
    counts: dict[str, int]
    modelled_share: float
    basis_counts: dict[str, int] = {}
    table: SeedTable = SeedTable()


class ClaimsResult(Document):
    """`claims`: one row per ledger claim, the tally with the per-seed table of bases, the sentence
    the report leads with (`headline`, en/zh), and the run's samples and seed."""
    claims: list[ClaimRow]
    summary: ClaimsSummary
    headline: Text = {}
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
        """Check every claim of a ledger: holds / fails / conditional / not modelled, and its basis."""
        from umbrella.claims import run_ledger, summary
        from umbrella.views.claims_views import headline
        ledger = request.ledger or self.ledger_path
        if not ledger.is_file():
            raise request_problem("ledger", f"{str(ledger)!r} is not a file")
        with self.cluster(request):
            rows = run_ledger(ledger, samples=request.samples, seed=request.seed, evidence=self.evidence,
                              theories=self.theories, scenarios=self.scenarios,
                              posterior=self.draws_for(request.prior), progress=progress, ablate=request.ablate)
        tally = summary(rows)
        return ClaimsResult.of({"claims": rows, "summary": tally, "samples": request.samples, "seed": request.seed,
                                "headline": {lang: headline(tally["table"], lang) for lang in ("en", "zh")}})
