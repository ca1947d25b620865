"""Use cases over many runs of the regional model: calibration, global sensitivity, scenario discovery."""
from __future__ import annotations

import pathlib
import warnings
from typing import Any, Literal, Optional

from pydantic import Field

from umbrella.errors import UmbrellaWarning, request_problem
from umbrella.lab.base import Document, LabBase, Request
from umbrella.progress import Progress


# ---- requests ----------------------------------------------------------------------------------

class CalibrateRequest(Request):
    samples: Optional[int] = Field(None, strict=True, description="prior draws run through the historical simulation")
    seed: Optional[int] = Field(None, strict=True, description="random seed of the prior draws")
    holdout: Optional[str] = Field(None, description="survey years kept out of the fit: last:N | every:K | none")
    accepted: Optional[int] = Field(None, strict=True, description="draws kept as the posterior (default: 1 % of samples)")
    out: Optional[pathlib.Path] = Field(None, description="where to write the posterior (default: the lab's posterior)")


class OutputRequest(Request):
    """One output of a scenario: a variable of an actor in a year."""
    scenario: str
    variable: str
    actor: Optional[str] = Field(None, description="default: KOR for ally variables, else PRK or region")
    year: Optional[int] = Field(None, strict=True, description="default: the scenario's last year")


class SensitivityRequest(OutputRequest):
    method: Literal["sobol", "morris"] = "sobol"
    samples: Optional[int] = Field(None, strict=True, description="Sobol' base samples N (a power of two; N·(D+2) runs) "
                                                                  "or Morris trajectories ((D+1)·N runs)")
    seed: int = Field(1, ge=0, strict=True)
    parameters: Optional[list[str]] = Field(None, description="parameters to vary (default: all; others at their defaults)")


class DiscoverRequest(OutputRequest):
    above: Optional[float] = Field(None, description="the question: is the output above this value?")
    below: Optional[float] = Field(None, description="the question: is the output below this value?")
    samples: Optional[int] = Field(None, ge=20, strict=True, description="ensemble size (PRIM needs at least 20)")
    seed: Optional[int] = Field(None, ge=0, strict=True)
    threshold: float = Field(0.8, description="density the selected box must reach")
    peel_alpha: float = 0.05
    mass_min: float = 0.05
    prune: float = Field(0.05, gt=0, le=1, description="drop box limits whose quasi-p value exceeds this "
                                                       "(1 keeps every limit PRIM found)")
    prior: bool = Field(False, description="explore the declared ranges instead of the calibrated draws")


class RivalsRequest(Request):
    scenario: str = Field("baseline", description="the scenario every intervention is laid on")
    samples: int = Field(2000, ge=20, strict=True, description="draws of the declared parameter box (prior)")
    seed: int = Field(1, ge=0, strict=True)


# ---- results -----------------------------------------------------------------------------------

class FitPoint(Document):
    year: int
    observed: float
    in_sample: bool
    predicted_mean: float
    predicted_q05: float
    predicted_q95: float
    prior_mean: float


class Fit(Document):
    rmse_in_sample: Optional[float]
    rmse_held_out: Optional[float]
    rmse_prior_in_sample: Optional[float]
    rmse_prior_held_out: Optional[float]
    n_in_sample: int
    n_held_out: int
    points: list[FitPoint]
    pollster_noise: Optional[float]
    tolerance: float


class ParameterPosterior(Document):
    mean: float
    q05: float
    q95: float
    prior_low: float
    prior_high: float
    shrinkage: float


class Calibration(Document):
    """`calibrate`: the fit in and out of sample, each parameter's posterior, and where it was written."""
    model: str
    fingerprint: str
    method: str
    samples: int
    accepted: int
    seed: int
    sampling: str
    holdout: str
    series: dict[str, Any]
    fit: Fit
    posterior: dict[str, ParameterPosterior]
    notes: list[str]
    written: str


class Sensitivity(Document):
    """`sensitivity`: Sobol' (S1, ST) or Morris (mu_star, sigma) indices of one output."""
    scenario: str
    variable: str
    actor: str
    year: int
    method: str
    samples: int
    runs: int
    seed: int
    conf_level: float
    output_mean: float
    output_std: float
    indices: dict[str, dict[str, Optional[float]]]
    fixed: dict[str, float]


class Discovery(Document):
    """`discover`: the PRIM box where a yes/no question about an output is 'yes'."""
    scenario: str
    variable: str
    actor: str
    year: int
    question: str
    above: Optional[float]
    below: Optional[float]
    samples: int
    seed: int
    prior: bool
    calibrated: bool
    prune: Optional[float]
    threshold: float
    share_yes: float
    box: dict[str, Any]
    ranges: dict[str, list[float]]


class RivalSide(Document):
    seeds: list[str]
    direction: str
    argument: dict[str, str]
    parameters: list[str]
    share: float
    box: Optional[dict[str, Any]]


class Rivalry(Document):
    id: str
    title: dict[str, str]
    variable: str
    actor: str
    year: int
    mean_change: float
    sides: list[RivalSide]


class Rivals(Document):
    """Where in the declared parameter box each side of each disagreement between the seeds wins
    (`umbrella.experiments.rivals`), and the share of the box with 002's interior optimum."""
    samples: int
    seed: int
    scenario: str
    parameters_from: str
    rivalries: list[Rivalry]
    tipping_point: dict[str, Any]


class AnalysisReport(Document):
    calibration: Calibration
    sensitivity: Sensitivity
    discovery: Discovery


# ---- use cases ---------------------------------------------------------------------------------

class AnalysisUseCases(LabBase):

    def calibrate(self, request: CalibrateRequest = CalibrateRequest(), progress: Optional[Progress] = None) -> Calibration:
        """Fit the regional model to the ROK polls of the evidence base (rejection ABC) and write the
        posterior (by default over the lab's posterior, which later runs then use)."""
        from umbrella.experiments import calibration as cal
        settings = cal.Settings.checked(samples=request.samples, seed=request.seed, holdout=request.holdout,
                                        accepted=request.accepted)
        path = request.out or self.posterior_path
        if path.is_dir():
            raise request_problem("out", f"{path} is a directory; name the posterior file")
        result = cal.calibrate(self.evidence, settings, progress=progress)
        try:
            cal.write_posterior(result, path)
        except OSError as exc:
            raise request_problem("out", f"{path}: cannot write ({exc.strerror or exc})") from None
        if path.resolve() == self.posterior_path.resolve():
            self._loaded.pop("posterior", None)      # later runs of this lab use the new posterior
        return Calibration.of({**{k: v for k, v in result.items() if k != "draws"}, "written": str(path)})

    def sensitivity(self, request: SensitivityRequest, progress: Optional[Progress] = None) -> Sensitivity:
        """Global sensitivity (SALib Sobol' or Morris) of one output of a scenario."""
        from umbrella.experiments.sensitivity import scenario_sensitivity
        return Sensitivity.of(scenario_sensitivity(
            self.scenario(request.scenario), request.variable, history=self.history, actor=request.actor,
            year=request.year, method=request.method, samples=request.samples, seed=request.seed,
            parameters=request.parameters, progress=progress))

    def discover(self, request: DiscoverRequest, progress: Optional[Progress] = None) -> Discovery:
        """Scenario discovery (PRIM) over the scenario's ensemble; a threshold outside the variable's
        range (no sample or every sample says yes) is warned about before the ensemble runs."""
        from umbrella.experiments.discovery import scenario_discovery
        self._warn_outside_range(request)
        return Discovery.of(scenario_discovery(
            self.scenario(request.scenario), request.variable, history=self.history,
            posterior=self.draws_for(request.prior), actor=request.actor, year=request.year, above=request.above,
            below=request.below, samples=request.samples, seed=request.seed, threshold=request.threshold,
            peel_alpha=request.peel_alpha, mass_min=request.mass_min, prune=request.prune, progress=progress))

    @staticmethod
    def _warn_outside_range(request: DiscoverRequest) -> None:
        from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
        var = VARIABLE_BY_NAME.get(request.variable)
        if var is None:
            return                       # the science layer names the unknown variable
        low, high = var.bounds
        for field, value in (("above", request.above), ("below", request.below)):
            if value is None:
                continue
            never = value >= high if field == "above" else value <= low
            always = value < low if field == "above" else value > high
            if never or always:
                answer = "no sample" if never else "every sample"
                warnings.warn(f"`{field}` {value:g} is outside the range of {var.name} [{low:g}, {high:g}]: "
                              f"{answer} can be {field} it, so there is no box to find", UmbrellaWarning, stacklevel=3)

    def rivals(self, request: RivalsRequest = RivalsRequest(), progress: Optional[Progress] = None) -> Rivals:
        """The seeds' disagreements side by side: each side's share of the declared box and its PRIM box."""
        from umbrella.experiments.rivals import rival_study
        return Rivals.of(rival_study(self.scenario(request.scenario), history=self.history, samples=request.samples,
                                     seed=request.seed).to_dict())
