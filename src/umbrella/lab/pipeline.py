"""The whole laboratory run (`make run`): every part computed with the settings declared in
`run_all.yaml`, the results kept as one `LabRun`, written as `OUT/lab.json` and the bilingual report
`OUT/report.html`. The calibration shown is the lab's posterior, the one every ensemble of the run uses
(no refit; `make posterior` refits it)."""
from __future__ import annotations

import importlib.resources
import logging
import pathlib
import time
from typing import Literal, Optional

from pydantic import Field

from umbrella.lab.analysis import AnalysisReport, DiscoverRequest, Rivals, RivalsRequest, SensitivityRequest
from umbrella.lab.base import Document, LabBase, Number
from umbrella.lab.claims import ClaimsRequest, ClaimsResult
from umbrella.lab.evidence import SUMMARY_YEARS, EvidenceReport
from umbrella.lab.games import GamesReport
from umbrella.lab.scenarios import ScenariosReport
from umbrella.lab.theory import TheoryReport
from umbrella.progress import Progress
from umbrella.validation import Strict

log = logging.getLogger("umbrella.lab")


# ---- the declaration ---------------------------------------------------------------------------

class EvidenceSettings(Strict):
    summary_years: list[int] = list(SUMMARY_YEARS)


class GameMapSettings(Strict):
    set: dict[str, Number] = {}
    x: str = Field(description="NAME:LO:HI:N")
    y: str = Field(description="NAME:LO:HI:N")


class GameSettings(Strict):
    maps: list[GameMapSettings] = []


class ScenarioSettings(Strict):
    focus: list[tuple[str, str]] = Field(min_length=1)
    fan_charts: list[str] = []
    fan_scenarios: list[str] = []


class SensitivitySettings(Strict):
    scenario: str
    variable: str
    actor: Optional[str] = None
    year: Optional[int] = None
    method: Literal["rbd_fast", "sobol", "morris"] = "rbd_fast"
    samples: int
    prior: bool = False


class DiscoverySettings(Strict):
    scenario: str
    variable: str
    actor: Optional[str] = None
    year: Optional[int] = None
    above: Optional[float] = None
    below: Optional[float] = None


class RivalsSettings(Strict):
    scenario: str = "baseline"


class ClaimsSettings(Strict):
    samples: int = Field(ge=2)
    ablate: bool = True


class QuickSettings(Strict):
    """Smaller sizes for a first look (`umbrella lab --quick`): every part still runs."""
    samples: int = Field(ge=20)
    sensitivity_samples: int = Field(ge=1)
    claims_samples: int = Field(ge=2)


class LabSettings(Strict):
    """What the main job computes (the bundled declaration is `run_all.yaml`)."""
    samples: int = Field(ge=20)
    seed: int = Field(ge=0)
    method: Literal["lhs", "mc", "sobol"] = "lhs"
    evidence: EvidenceSettings = EvidenceSettings()
    games: GameSettings = GameSettings()
    scenarios: ScenarioSettings
    rivals: RivalsSettings = RivalsSettings()
    sensitivity: SensitivitySettings
    discovery: DiscoverySettings
    claims: ClaimsSettings
    quick: Optional[QuickSettings] = None

    def quicker(self) -> "LabSettings":
        """These settings at the sizes of `quick` (unchanged where the declaration has none)."""
        if self.quick is None:
            return self
        q = self.quick
        return self.model_copy(update={
            "samples": q.samples,
            "sensitivity": self.sensitivity.model_copy(update={"samples": q.sensitivity_samples}),
            "claims": ClaimsSettings(samples=q.claims_samples)})

    @classmethod
    def read(cls, path: Optional[pathlib.Path] = None) -> "LabSettings":
        """The declaration in `path` (default: the bundled `run_all.yaml`); problems as PATH:LINE lines."""
        from umbrella.validation import validate
        from umbrella.yamlio import load_yaml
        if path is None:
            path = pathlib.Path(str(importlib.resources.files("umbrella.lab").joinpath("run_all.yaml")))
        data, lines = load_yaml(pathlib.Path(path))
        return validate(cls, data, str(path), lines)


# ---- the result --------------------------------------------------------------------------------

class LabRun(Document):
    """Every result of the main job; `report` and `files` say where it was written."""
    settings: LabSettings
    evidence: EvidenceReport
    theory: TheoryReport
    games: GamesReport
    scenarios: ScenariosReport
    rivals: Rivals
    analysis: AnalysisReport
    claims: ClaimsResult
    seconds: float
    files: list[str]


# ---- the run -----------------------------------------------------------------------------------

STEPS = ("evidence base / 证据库", "theories / 理论检验", "games / 博弈模型", "scenario library / 情景库",
         "the seeds' disagreements / 种子文献的分歧", "calibration, sensitivity, discovery / 校准、敏感性与情景发现", "claims ledger, ablated by seed / 论断检验(按文献消融)", "report / 报告")


class PipelineUseCases(LabBase):

    def run_all(self, out: pathlib.Path, settings: Optional[LabSettings] = None,
                progress: Optional[Progress] = None) -> LabRun:
        """Run the laboratory end to end and write `out/report.html` and `out/lab.json` (every result);
        the calibration reported is the lab's posterior, which every ensemble of the run uses.
        Steps are logged (logger `umbrella.lab`), each with its wall and CPU seconds when it ends;
        `progress(done, total)` counts them."""
        from umbrella.views.report import write_report
        from umbrella.outputs import atomic_write, ensure_dir
        s = settings or LabSettings.read()
        out = ensure_dir(pathlib.Path(out))
        started = time.perf_counter()
        step = iter(range(len(STEPS)))
        current: list = []    # the step under way: (name, wall clock, CPU clock at its start)

        def end() -> None:
            if current:
                name, wall, cpu = current.pop()
                log.info("  %s: %.1fs (CPU %.1fs)", name, time.perf_counter() - wall, time.process_time() - cpu)

        def begin(name: str) -> None:
            end()
            done = next(step)
            log.info("%s (%.0fs)", name, time.perf_counter() - started)
            current.append((name, time.perf_counter(), time.process_time()))
            if progress is not None:
                progress(done, len(STEPS))

        begin(STEPS[0])
        evidence = self.evidence_report(years=s.evidence.summary_years)
        begin(STEPS[1])
        theory = self.theory_report()
        begin(STEPS[2])
        games = self.games_report([(m.set, m.x, m.y) for m in s.games.maps], samples=s.samples, seed=s.seed)
        begin(STEPS[3])
        scenarios = self.scenarios_report(s.samples, s.seed, s.scenarios.focus, method=s.method,
                                          progress=lambda done, total: log.info("  %d/%d scenarios", done, total))
        begin(STEPS[4])
        rivals = self.rivals(RivalsRequest(scenario=s.rivals.scenario, samples=s.samples, seed=s.seed))
        begin(STEPS[5])
        calibration = self.calibration()
        sensitivity = self.sensitivity(SensitivityRequest(seed=s.seed, **s.sensitivity.model_dump()))
        discovery = self.discover(DiscoverRequest(samples=s.samples, seed=s.seed, **s.discovery.model_dump()))
        begin(STEPS[6])
        claims = self.claims(ClaimsRequest(samples=s.claims.samples, seed=s.seed, ablate=s.claims.ablate))
        begin(STEPS[7])
        files = [out / "lab.json", out / "report.html"]
        run = LabRun(settings=s, evidence=evidence, theory=theory, games=games, scenarios=scenarios, rivals=rivals,
                     analysis=AnalysisReport(calibration=calibration, sensitivity=sensitivity, discovery=discovery),
                     claims=claims, seconds=0.0, files=[str(f) for f in files])
        atomic_write(out / "report.html", write_report(run))
        end()
        run.seconds = round(time.perf_counter() - started, 1)
        atomic_write(out / "lab.json", run.model_dump_json(indent=1))
        if progress is not None:
            progress(len(STEPS), len(STEPS))
        log.info("wrote %s in %.0fs", out / "report.html", run.seconds)
        return run
