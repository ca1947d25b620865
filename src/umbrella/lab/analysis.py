"""Use cases over many runs of the regional model: calibration, global sensitivity, scenario discovery."""
from __future__ import annotations

import pathlib
import warnings
from typing import Any, Literal, Optional

from pydantic import Field

from umbrella.errors import UmbrellaWarning, request_problem
from umbrella.lab.base import ClusterRequest, Document, LabBase, Request
from umbrella.limits import MAX_MAGNITUDE, FiniteNumber, OptionalWholeNumber
from umbrella.progress import Progress


# ---- requests ----------------------------------------------------------------------------------

class CalibrateRequest(ClusterRequest):
    particles: Optional[int] = Field(None, strict=True, description="SMC particles = posterior draws (default 10240)")
    seed: Optional[int] = Field(None, strict=True, description="random seed of the sampler")
    holdout: Optional[str] = Field(None, description="points dated from this year on are kept out of the fit: "
                                                     "since:YEAR | none (default since:2023)")
    leave_one_out: bool = Field(False, description="also fit once without each series and report its error (slow)")
    loso_particles: Optional[int] = Field(None, strict=True, description="particles of each leave-one-out fit")
    out: pathlib.Path = Field(pathlib.Path("out"), description="directory for the posterior (northeast-asia.json and .npz)")
    write_committed: bool = Field(False, description="developers: replace the lab's posterior (the committed one), "
                                                     "which every later ensemble uses")


class OutputRequest(Request):
    """One output of a scenario: a variable of an actor in a year."""
    scenario: str
    variable: str
    actor: Optional[str] = Field(None, description="default: KOR for ally variables, else PRK or region")
    year: OptionalWholeNumber = Field(None, description="default: the scenario's last year")


class SensitivityRequest(OutputRequest, ClusterRequest):
    method: Literal["rbd_fast", "sobol", "morris"] = Field(
        "rbd_fast", description="rbd_fast: first-order indices from given draws (the posterior, or the prior with "
                                "`prior`); sobol | morris: designs over the prior box (need `prior`)")
    samples: Optional[int] = Field(None, strict=True, description="RBD-FAST draws (default 4096), Sobol' base samples N "
                                                                  "(a power of two; N·(D+2) runs) or Morris "
                                                                  "trajectories ((D+1)·N runs)")
    prior: bool = Field(False, description="the declared prior ranges instead of the calibrated posterior")
    seed: int = Field(1, ge=0, strict=True)
    parameters: Optional[list[str]] = Field(None, description="parameters to vary (default: all; others at their defaults)")


#: the bounds of every FiniteNumber, said in the JSON schema too (schemathesis sent 1.5e16 for a number)
BOUNDS = {"minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE}


class DiscoverRequest(OutputRequest):
    above: Optional[FiniteNumber] = Field(None, json_schema_extra=BOUNDS,
                                          description="the question: is the output above this value?")
    below: Optional[FiniteNumber] = Field(None, json_schema_extra=BOUNDS,
                                          description="the question: is the output below this value?")
    samples: OptionalWholeNumber = Field(None, ge=20, description="ensemble size (PRIM needs at least 20)")
    seed: OptionalWholeNumber = Field(None, ge=0)
    threshold: FiniteNumber = Field(0.8, ge=0, le=1, description="density the selected box must reach")
    peel_alpha: FiniteNumber = Field(0.05, gt=0, lt=1, description="share of the points each peel removes (also the "
                                                           "share each paste takes in)")
    mass_min: FiniteNumber = Field(0.05, gt=0, lt=1, description="smallest share of the points a box may hold")
    prune: float = Field(0.05, gt=0, le=1, description="drop box limits whose quasi-p value exceeds this "
                                                       "(1 keeps every limit PRIM found)")
    prior: bool = Field(False, description="explore the declared ranges instead of the calibrated draws")


class RivalsRequest(Request):
    scenario: str = Field("baseline", description="the scenario every intervention is laid on")
    samples: int = Field(2000, ge=20, strict=True, description="draws of the declared parameter box (prior)")
    seed: int = Field(1, ge=0, strict=True)


# ---- results -----------------------------------------------------------------------------------

class SeriesFit(Document):
    """One observed series: its link to the model and its error in sample, held out and of the prior, on
    the series' own scale (`scale`); `role` says why a series is not fitted (`reason`)."""
    id: str
    title: dict[str, str]
    variable: Optional[str]
    actor: Optional[str]
    role: str
    family: str
    scale: str
    n_in_sample: int
    n_held_out: int
    rmse_in_sample: Optional[float]
    rmse_held_out: Optional[float]
    rmse_prior_in_sample: Optional[float]
    rmse_prior_held_out: Optional[float]
    points: list[dict[str, Any]]


class ParameterPosterior(Document):
    """A parameter's prior and posterior 5–95 % interval, shrinkage and the series that inform it."""
    name: str
    kind: str
    low: float
    high: float
    mean: float
    q05: float
    q95: float
    prior_q05: float
    prior_q95: float
    shrinkage: float
    informed_by: list[dict[str, Any]]
    inert: bool


class Calibration(Document):
    """`calibrate`: the joint fit to every observed series (tempering SMC), each series' errors, each
    parameter's posterior, the seeds' rival sides under prior and posterior, and where it was written."""
    model: str
    fingerprint: str
    method: str
    particles: int
    seed: int
    holdout: str
    distinct_draws: int
    diagnostics: dict[str, Any]
    series: list[SeriesFit]
    parameters: list[ParameterPosterior]
    rivals: Optional[dict[str, Any]] = None
    inert: list[str]
    written: Optional[str] = None


class Sensitivity(Document):
    """`sensitivity`: RBD-FAST first-order (S1) indices over given draws, Sobol' (S1, ST) or Morris
    (mu_star, sigma) indices of one output; `parameters_from` and `distinct_draws` say over what."""
    scenario: str
    variable: str
    actor: str
    year: int
    method: str
    samples: int
    runs: int
    seed: int
    parameters_from: str
    distinct_draws: int
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
    distinct_draws: int
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
    calibration: Calibration          # the committed posterior's manifest: the calibration every run uses
    sensitivity: Sensitivity
    discovery: Discovery


# ---- use cases ---------------------------------------------------------------------------------

class AnalysisUseCases(LabBase):

    def calibrate(self, request: CalibrateRequest = CalibrateRequest(), progress: Optional[Progress] = None) -> Calibration:
        """Fit the regional model to every observed series of the evidence base (tempering SMC), compare
        the seeds' rival sides under prior and posterior, and write the posterior to `out` (a directory),
        or with `write_committed` over the lab's posterior, which later runs of this lab then use."""
        from umbrella.experiments import calibration as cal
        settings = cal.Settings.checked(particles=request.particles, seed=request.seed, holdout=request.holdout,
                                        leave_one_out=request.leave_one_out, loso_particles=request.loso_particles)
        if request.write_committed:
            path = self.posterior_path
        else:
            if request.out.exists() and not request.out.is_dir():
                raise request_problem("out", f"{request.out} is not a directory")
            path = request.out / f"{cal.MODEL}.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise request_problem("out", f"{path.parent}: cannot write ({exc.strerror or exc})") from None
        with self.cluster(request):
            result = cal.calibrate(self.evidence, self.history, settings, rival_scenario=self.scenario("baseline"),
                                   progress=progress)
        try:
            cal.write_posterior(result, path)
        except OSError as exc:
            raise request_problem("out", f"{path}: cannot write ({exc.strerror or exc})") from None
        if request.write_committed:
            self._loaded.pop("posterior", None)      # later runs of this lab use the new posterior
        return Calibration.of({**{k: v for k, v in result.items() if k != "draws"}, "written": str(path)})

    def calibration(self) -> Calibration:
        """The calibration every ensemble of this lab uses: the manifest of its posterior (no refit)."""
        from umbrella.experiments.calibration import read_manifest
        return Calibration.of(read_manifest(self.posterior_path))

    def sensitivity(self, request: SensitivityRequest, progress: Optional[Progress] = None) -> Sensitivity:
        """Global sensitivity of one output of a scenario: first-order indices over the calibrated
        posterior (RBD-FAST on given draws), or over the prior (also Sobol' and Morris designs)."""
        from umbrella.experiments.sensitivity import scenario_sensitivity
        with self.cluster(request):
            result = scenario_sensitivity(
                self.scenario(request.scenario), request.variable, history=self.history, actor=request.actor,
                year=request.year, method=request.method, samples=request.samples, seed=request.seed,
                parameters=request.parameters, posterior=self.draws_for(request.prior), progress=progress)
        # a share of variance outside [0, 1] (beyond rounding) is sampling noise: too few samples
        odd = sorted(name for name, ix in result["indices"].items()
                     if any(ix.get(k) is not None and not -0.05 <= ix[k] <= 1.05 for k in ("S1", "ST")))
        notes = [f"indices outside [0, 1] ({', '.join(odd)}): {result['samples']} samples are too few for "
                 f"these estimates; use more"] if odd and result["method"] != "morris" else []
        return Sensitivity.of(result, notes=notes)

    def discover(self, request: DiscoverRequest, progress: Optional[Progress] = None) -> Discovery:
        """Scenario discovery (PRIM) over the scenario's ensemble; a threshold outside the variable's
        range (no sample or every sample says yes) is warned about before the ensemble runs."""
        from umbrella.experiments.discovery import scenario_discovery
        self._warn_outside_range(request)
        result = scenario_discovery(
            self.scenario(request.scenario), request.variable, history=self.history,
            posterior=self.draws_for(request.prior), actor=request.actor, year=request.year, above=request.above,
            below=request.below, samples=request.samples, seed=request.seed, threshold=request.threshold,
            peel_alpha=request.peel_alpha, mass_min=request.mass_min, prune=request.prune, progress=progress)
        box = result["box"]
        short = [] if box["meets_threshold"] else [
            f"the box reported has density {box['density']:.3g}, below the threshold {box['threshold']:g}"
            + (f" (pruning dropped {len(box['dropped'])} limit(s))" if box["dropped"] else "")]
        return Discovery.of(result, notes=short)

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
