"""The regional model `northeast-asia`, version 2 (MODELS.md §4): one yearly step for all samples at once.

`simulate(params, inputs, years)` is pure: parameter arrays of shape (n,) and lever/shock series
in, variable arrays out. The equations are stated once, in `step`, in the order they are computed;
docs/model/dynamics.md gives each with its seed passage. Every sample advances together (NumPy over
the sample axis); the only Python loop is over years.

Layout: ally quantities are (3, n) arrays for (KOR, JPN, AUS), so that every NumPy loop runs along
the long sample axis; per-ally levers are (3, 1) columns. Notation: sig(z) = 1 / (1 + exp(-z));
"noisy or" 1 - (1-a)(1-b)... stays in [0, 1] and rises in every argument.

Speed: the parts of an equation that depend only on parameters and this year's levers and shocks
are marked `u.once(name, ...)`: computed once and reused while the levers and shocks stay the same.
The marking changes no number (a test compares with a scalar reference written from the docs).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Callable, Mapping, Optional, Sequence

import numpy as np

from umbrella.dynamics.inputs import Inputs
from umbrella.dynamics.parameters import NAMES
from umbrella.dynamics.vocabulary import ALLIES, TRILATERAL, VARIABLES

#: bumped when the equations change: the committed calibration records it (a stale posterior fails a test)
MODEL_VERSION = 2
SHARING_LEVEL = 2 / 3   # consultation level of `ncg`; above it the ally has a nuclear-sharing role
MEMBER = np.array([[1.0 if a in TRILATERAL else 0.0] for a in ALLIES])   # (3, 1): in the Japan–ROK–US trilateral
KOR, JPN = ALLIES.index("KOR"), ALLIES.index("JPN")


def _sig(z: np.ndarray) -> np.ndarray:
    """Logistic function, in place: `z` must be a temporary the caller does not keep. (Traced to
    generate the compiled kernel, `z` is a symbol: the same function in its own array namespace.)"""
    if not isinstance(z, np.ndarray):
        return 1.0 / (1.0 + z.__array_namespace__().exp(-z))
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.reciprocal(z, out=z)


def _mix(fearing_abandonment: np.ndarray, fearing_entrapment: np.ndarray, share: np.ndarray) -> np.ndarray:
    """(1 - share)·a + share·b, the two publics weighted by the entrapment-driven share; in `a`."""
    fearing_entrapment -= fearing_abandonment
    fearing_entrapment *= share
    fearing_abandonment += fearing_entrapment
    return fearing_abandonment


def _peninsula(v: np.ndarray) -> np.ndarray:
    """Mean over the allies facing the DPRK (KOR, JPN) of a (3, n) array."""
    return (v[KOR] + v[JPN]) * 0.5


def _adjust(previous: Optional[np.ndarray], target: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Partial adjustment X_t = X_{t-1} + k (X*_t - X_{t-1}); in the first simulated year X_0 = X*_0.
    Computed in `target`, which must be a temporary the caller does not keep."""
    if previous is None:
        return target
    target -= previous
    target *= rate
    target += previous
    return target


# ---- inputs of one year ------------------------------------------------------------------------

@dataclass
class Year:
    """This year's levers and shocks as the equations use them (docs/model/dynamics.md §2).

    Scalars for region-wide inputs, (3, 1) columns for per-ally ones. `withdrawal` and
    `redeployment` are the US behaviour observed this year (changes against last year's levers).
    The memo of `once` holds parameter-dependent terms: a Year serves one parameter set only.
    """
    ns: float; vis: float; ci: float; bsp: float; dr: float; mm: float; pm: float; sanc: float; npp: float
    war: float; test: float; align: float; retr: float
    fd: np.ndarray; cons: np.ndarray; tp: np.ndarray; host: np.ndarray
    tri: float                   # trilateral cooperation: none 0, conventional ½, nuclear planning 1
    withdrawal: float
    redeployment: float
    memo: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tri_nuc = max(2.0 * self.tri - 1.0, 0.0)                      # trilateral nuclear planning ...
        self.tri_n = self.tri_nuc * MEMBER                                  # ... for its members
        self.tri_c = min(2.0 * self.tri, 1.0) * MEMBER                      # trilateral conventional cooperation
        # information and voice (dialogue ½, NCG, sharing or trilateral nuclear planning 1)
        self.voice = np.maximum(np.minimum(1.5 * self.cons, 1.0), self.tri_n)
        self.share = np.maximum(self.cons - SHARING_LEVEL, 0.0) * 3.0       # control: 1 under nuclear sharing
        self.planning = np.maximum(self.share, self.tri_n)                  # a role in nuclear planning
        self.hosted = np.maximum(self.host, self.fd)                        # hosts US strategic assets
        self.conv_base = (self.ci + self.tp) / 2.0                          # US and allied conventional forces
        self.commit = self.tp + self.voice + self.ci                        # durable political commitment
        # US strengthening the DPRK sees, apart from nuclear salience (which responds to threat)
        self.strengthening = (self.vis + float(_peninsula(self.fd)[0]) + float(_peninsula(self.cons)[0])
                              + float(_peninsula(self.host)[0]) + self.tri_nuc)

    def once(self, name: str, compute: Callable[[], np.ndarray]) -> np.ndarray:
        """A term that depends only on parameters and this year's inputs, computed once per input set."""
        value = self.memo.get(name)
        if value is None:
            value = self.memo[name] = compute()
        return value


def year_inputs(inputs: Inputs, t: int) -> tuple:
    """The values that define year t's `Year` (a hashable key: equal keys give equal years)."""
    lev, shk = inputs.levers, inputs.shocks
    prev = max(t - 1, 0)
    tp, fd = lev["troop_presence"], lev["forward_deployment"]
    withdrawal = float(np.maximum(tp[prev] - tp[t], 0.0).sum() + np.maximum(fd[prev] - fd[t], 0.0).sum())
    redeployment = float(np.maximum(fd[t] - fd[prev], 0.0).sum())
    return tuple(float(lev[k][t]) for k in ("nuclear_salience", "strategic_asset_visibility", "conventional_integration",
                                             "burden_sharing_pressure", "declaratory_restraint", "multilateral_mechanism",
                                             "peace_mechanism", "sanctions", "nonproliferation_pressure")) + tuple(
        float(shk[k][t]) for k in ("second_theater_war", "prk_nuclear_test", "adversary_alignment", "us_retrenchment")) + tuple(
        tuple(lev[k][t].tolist()) for k in ("forward_deployment", "consultation", "troop_presence", "strategic_asset_hosting")) + (
        float(lev["trilateral_cooperation"][t]), withdrawal, redeployment)


def make_year(key: tuple) -> Year:
    *scalars, fd, cons, tp, host, tri, withdrawal, redeployment = key
    col = lambda v: np.asarray(v, dtype=np.float64)[:, None]   # noqa: E731
    return Year(*scalars, col(fd), col(cons), col(tp), col(host), tri, withdrawal, redeployment)


# ---- parameters and state ----------------------------------------------------------------------

def prepare(params: Mapping[str, np.ndarray], xp=np) -> SimpleNamespace:
    """Parameter arrays (n,) by name, plus the per-ally parameters stacked as (3, n). `xp`: the array
    namespace (NumPy; `jax.numpy` when the compiled kernel traces the step)."""
    missing = [name for name in NAMES if name not in params]
    if missing:
        raise KeyError(f"missing parameters: {', '.join(missing)}")
    p = SimpleNamespace(**{name: xp.asarray(params[name], dtype=np.float64) for name in NAMES})
    one = xp.ones_like(p.threat_exposure_jpn)
    p.dprk_exposure = xp.stack([one, p.threat_exposure_jpn, p.threat_exposure_aus])
    p.china_exposure = xp.stack([one, one, p.china_exposure_aus])
    p.support_intercept = xp.stack([p.support_intercept_kor, p.support_intercept_jpn, p.support_intercept_aus])
    return p


@dataclass
class State:
    """What a year hands to the next: the partially adjusting states, the arsenal, last year's
    peninsula means of threat and hedging, and the cumulative proliferation probability."""
    arsenal: np.ndarray
    cumulative: np.ndarray
    threat_peninsula: np.ndarray
    hedging_peninsula: np.ndarray
    cooperation: Optional[np.ndarray] = None
    counter_pressure: Optional[np.ndarray] = None
    reputation: Optional[np.ndarray] = None
    abandonment: Optional[np.ndarray] = None
    entrapment: Optional[np.ndarray] = None
    support: Optional[np.ndarray] = None
    hedging: Optional[np.ndarray] = None


def initial_state(p: SimpleNamespace, xp=np) -> State:
    n = p.prk_arsenal_initial.shape[0]
    return State(p.prk_arsenal_initial.copy(), xp.zeros((len(ALLIES), n)), xp.zeros(n), xp.zeros(n))


# ---- the yearly step: every equation once ------------------------------------------------------

def step(p: SimpleNamespace, s: State, u: Year, first: bool, counted: bool, full: bool) -> dict:
    """Advance `s` by one year under inputs `u`; return this year's variables (by MODELS.md name).

    `first`: the first simulated year (states start at their targets, the arsenal at its initial
    size). `counted`: the year counts towards cumulative proliferation. `full`: also compute the
    variables that feed no state (assurance, hazard, crisis, escalation; skipped in unreported history).
    """
    # 2. the 000 §3 loop: allied threat calls for more US commitment (last year's threat)
    lam = p.feedback_strength
    ns_eff = 1.0 - (1.0 - u.ns) * (1.0 - lam * p.us_response_gain * s.threat_peninsula)
    strengthening = (ns_eff + u.strengthening) / 6.0           # US strengthening as the DPRK sees it (E)

    # 10. China: cooperation in restraining the DPRK falls with US nuclear salience; counter-pressure on hosts
    target = _sig(u.once("cooperation", lambda: p.cooperation_intercept - p.cooperation_alignment * u.align)
                  - p.cooperation_salience * ns_eff)
    cooperation = s.cooperation = _adjust(s.cooperation, target, p.china_adjustment)
    target = u.once("counter_pressure", lambda: p.counter_pressure_hosting * u.hosted).copy()
    counter_pressure = s.counter_pressure = _adjust(s.counter_pressure, target, p.china_adjustment)
    mechanism = 1.0 - (1.0 - u.mm) * (1.0 - u.pm * cooperation)    # a China-backed peace mechanism adds to it
    security = (mechanism + u.dr) * 0.5                             # the DPRK's external sense of security

    # 2. DPRK arsenal: logistic growth, sped by US strengthening and allied hedging, slowed by sanctions
    #    (as far as China cooperates) and by the DPRK's external security
    if not first:
        growth = (p.prk_arsenal_growth
                  * (1.0 + lam * (p.ed_arsenal_gain * strengthening + p.hedging_arsenal_gain * s.hedging_peninsula))
                  * (1.0 - p.sanctions_efficacy * u.sanc * (1.0 - p.sanctions_china_dependence * (1.0 - cooperation)))
                  * (1.0 - p.dprk_reassurance * security))
        s.arsenal = s.arsenal + growth * s.arsenal * (1.0 - s.arsenal / p.prk_arsenal_ceiling)
    arsenal_weight = s.arsenal / (s.arsenal + p.arsenal_half_threat)

    # 9. reputation: a record of observed US behaviour
    target = u.once("reputation", lambda: _sig(
        p.reputation_intercept - p.reputation_retrenchment * u.retr - p.reputation_distraction * u.war
        - p.reputation_withdrawal * u.withdrawal + p.reputation_redeployment * u.redeployment)).copy()
    reputation = s.reputation = _adjust(s.reputation, target, p.reputation_adjustment)

    # 2. deterrence credibility as the adversary sees it: capability × (reputation, resolve)
    conventional = u.once("conventional", lambda: 1.0 - (1.0 - u.conv_base) * (1.0 - p.trilateral_conventional * u.tri_c))
    capability = u.once("capability", lambda: 1.0 - (
        (1.0 - p.us_capability) * (1.0 - p.capability_conventional * conventional)
        * (1.0 - p.capability_forward * u.fd) * (1.0 - p.capability_visibility * u.vis)))
    z = u.once("resolve", lambda: p.resolve_intercept + p.resolve_commitment * (u.tp + u.voice)
               - p.resolve_distraction * u.war - p.resolve_retrenchment * u.retr - p.resolve_burden * u.bsp)
    z = z + (p.resolve_salience * ns_eff - p.resolve_homeland_risk * arsenal_weight)
    resolve = _sig(z)
    credibility = capability * (p.reputation_weight * reputation + (1.0 - p.reputation_weight) * resolve)
    credibility_peninsula = _peninsula(credibility)
    conventional_peninsula = _peninsula(conventional)

    # 2./1. DPRK provocation: arsenal, the spiral (US strengthening), tests; deterred by conventional
    #       deterrence and by credibility; calmed by its external security. Then allied threat.
    provocation = (
        (1.0 - (1.0 - p.provocation_base) * (1.0 - p.provocation_arsenal * arsenal_weight)
         * (1.0 - p.provocation_pressure * strengthening) * (1.0 - p.provocation_test * u.test))
        * (1.0 - p.conventional_deterrence_effect * conventional_peninsula)
        * (1.0 - p.provocation_deterrence * credibility_peninsula)
        * (1.0 - p.provocation_reassurance * security))
    threat = 1.0 - ((1.0 - p.dprk_exposure * (p.threat_arsenal * arsenal_weight))
                    * (1.0 - p.dprk_exposure * (p.threat_provocation * provocation))
                    * u.once("threat_alignment", lambda: 1.0 - p.china_exposure * (p.threat_alignment * u.align)))

    # 3. abandonment fear: durable commitment, forward deployment (004) and sharing (004) lower it;
    #    burden-sharing pressure, retrenchment, distraction, threat, a poor record and trilateral
    #    nuclear planning (fear of being deprioritised) raise it; nuclear salience does little
    z = u.once("abandonment", lambda: (
        p.abandonment_intercept + p.abandonment_burden * u.bsp + p.abandonment_retrenchment * u.retr
        + p.abandonment_distraction * u.war + p.trilateral_deprioritisation * u.tri_n
        - p.abandonment_commitment * u.commit - p.forward_assurance * u.fd - p.sharing_abandonment * u.share))
    z = z + p.abandonment_threat * threat
    z += p.abandonment_reputation * (1.0 - reputation) - p.abandonment_salience * ns_eff
    target = _sig(z)
    abandonment = s.abandonment = _adjust(s.abandonment, target, p.fear_adjustment)

    # 4. entrapment fear: salience, visible operations, forward deployment (002), trilateral nuclear
    #    planning, China's counter-pressure raise it; declaratory restraint lowers it
    z = u.once("entrapment", lambda: (
        p.entrapment_intercept + p.entrapment_visibility * u.vis + p.forward_entrapment * u.fd
        + p.trilateral_entrapment * u.tri_n - p.entrapment_restraint * u.dr))
    z = z + p.entrapment_counter_pressure * counter_pressure
    z += p.entrapment_sensitivity * ns_eff
    target = _sig(z)
    entrapment = s.entrapment = _adjust(s.entrapment, target, p.fear_adjustment)

    # 6. public support for own nuclear weapons: two publics in an uncertain mix
    share = p.entrapment_public_share
    common = p.support_threat * threat
    common += p.support_intercept
    common += u.once("utility", lambda: p.planning_utility * u.planning)
    fearing_abandonment = common + p.support_abandonment * abandonment
    fearing_abandonment -= p.support_guarantee * credibility
    fearing_abandonment -= u.once("redeployment", lambda: p.redeployment_support_effect * u.fd)
    fearing_entrapment = common + p.support_entrapment * entrapment
    target = _mix(_sig(fearing_abandonment), _sig(fearing_entrapment), share)
    support = s.support = _adjust(s.support, target, p.fear_adjustment)

    # 7. hedging (independent strike and latent capability)
    z = p.hedging_abandonment * abandonment
    z += u.once("hedging", lambda: p.hedging_intercept - p.hedging_nonproliferation * u.npp)
    z += p.hedging_entrapment * entrapment
    z += p.hedging_threat * threat
    target = _sig(z)
    hedging = s.hedging = _adjust(s.hedging, target, p.hedging_adjustment)
    s.threat_peninsula, s.hedging_peninsula = _peninsula(threat), _peninsula(hedging)

    out = {"threat": threat, "abandonment_fear": abandonment, "entrapment_fear": entrapment,
           "public_nuclear_support": support, "hedging": hedging, "deterrence_credibility": credibility,
           "prk_arsenal": s.arsenal, "prk_provocation": provocation, "chn_counter_pressure": counter_pressure,
           "chn_cooperation": cooperation}
    if not full:
        return out

    # 5./6. assurance: voice, control, trilateral cooperation and credibility for everyone; the nuclear
    #       guarantee against abandonment fear for one public, entrapment fear for the other
    base = p.assurance_credibility * credibility
    base += u.once("assurance", lambda: (
        p.assurance_intercept + p.assurance_consultation * u.voice + p.assurance_control * u.share
        + p.assurance_trilateral * u.tri_c))
    fearing_abandonment = base + p.assurance_guarantee * credibility
    fearing_abandonment -= p.assurance_abandonment * abandonment
    fearing_entrapment = base - p.assurance_entrapment * entrapment
    assurance = _mix(_sig(fearing_abandonment), _sig(fearing_entrapment), share)

    # 7. the government's proliferation hazard: abandonment as driver, a conditional threat of
    #    abandonment (non-proliferation pressure × military dependence) as restraint
    dependence = conventional * (1.0 - hedging)
    z = p.hazard_support * support
    z += u.once("hazard", lambda: p.hazard_intercept - p.hazard_nonproliferation * u.npp
                + p.sharing_pretext * u.share - p.sharing_renunciation * u.share)
    z += p.hazard_threat * threat
    z += p.hazard_abandonment * abandonment
    z += p.hazard_latent * hedging
    z -= p.hazard_assurance * assurance
    z -= (p.conditional_abandonment * u.npp) * dependence
    hazard = _sig(z)
    hazard *= p.hazard_ceiling
    if counted:
        s.cumulative = 1.0 - (1.0 - s.cumulative) * (1.0 - hazard)

    # 8. crisis and escalation (region)
    crisis = _sig(u.once("crisis", lambda: (
        p.crisis_intercept + p.crisis_opportunism * u.war - p.crisis_conventional * conventional_peninsula
        - p.crisis_restraint * u.dr))
        - p.crisis_multilateral * mechanism + p.crisis_provocation * provocation
        + p.crisis_miscalculation * strengthening - p.crisis_deterrence * credibility_peninsula)
    escalation = _sig(u.once("escalation", lambda: (
        p.escalation_intercept + p.escalation_alignment * u.align - p.escalation_restraint * u.dr))
        + p.escalation_arsenal * arsenal_weight + p.escalation_salience * ns_eff
        - p.escalation_credibility * credibility_peninsula)
    out.update({"assurance": assurance, "proliferation_hazard": hazard, "proliferation_probability": s.cumulative,
                "crisis_probability": crisis, "escalation_probability": escalation})
    return out


# ---- the run -----------------------------------------------------------------------------------

def simulate(params: Mapping[str, np.ndarray], inputs: Inputs, years: Optional[Sequence[int]] = None,
             out: Optional[dict[str, np.ndarray]] = None, kernel: Optional[bool] = None) -> dict[str, np.ndarray]:
    """Run all samples through `inputs.years`; return each variable for `years` (default: from `inputs.report_from`).

    Result: `{variable: array (n, len(years), n_actors_of_variable)}` — allies (KOR, JPN, AUS) for
    ally variables, one column (PRK, CHN or region) for the others. `out` may supply these arrays
    (or views of larger ones) to be filled in place. `kernel`: run the compiled kernel
    (`dynamics.kernel`, this `step` compiled by Numba) — by default whenever it is available — or,
    with False, the NumPy path (the same `step` on NumPy arrays, the fallback and test reference).
    """
    from umbrella.dynamics import kernel as compiled
    missing = [name for name in NAMES if name not in params]
    if missing:
        raise KeyError(f"missing parameters: {', '.join(missing)}")
    n = np.asarray(params["prk_arsenal_initial"]).shape[0]
    all_years = np.asarray(inputs.years)
    wanted = np.asarray(years if years is not None else all_years[all_years >= inputs.report_from])
    if any(int(y) not in set(all_years.tolist()) for y in wanted):
        raise ValueError("requested years outside the simulated window")
    if out is None:
        out = output_arrays(n, len(wanted))
    if kernel is None:
        kernel = compiled.available()
    if kernel:
        return compiled.simulate(params, inputs, wanted, out)
    return _simulate_numpy(params, inputs, wanted, out)


def output_arrays(n: int, years: int) -> dict[str, np.ndarray]:
    """Empty result arrays of `simulate`: (n, years, actors) per variable, as views of actor-major
    memory (actors, years, n) — samples contiguous, the layout the compiled kernel writes in place."""
    return {v.name: np.empty((len(v.actors), years, n)).transpose(2, 1, 0) for v in VARIABLES}


def _simulate_numpy(params: Mapping[str, np.ndarray], inputs: Inputs, wanted: np.ndarray,
                    out: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The NumPy path: every sample advanced together by `step`, year by year."""
    p = prepare(params)
    all_years = np.asarray(inputs.years)
    out_index = {int(y): i for i, y in enumerate(wanted)}
    state = initial_state(p)
    key, year = None, None
    for t, calendar_year in enumerate(all_years):
        now = year_inputs(inputs, t)
        if now != key:
            key, year = now, make_year(now)
        i = out_index.get(int(calendar_year))
        counted = calendar_year >= inputs.report_from
        values = step(p, state, year, t == 0, counted, full=i is not None or counted)
        if i is None:
            continue
        for name, value in values.items():
            if value.ndim == 2:
                out[name][:, i, :] = value.T
            else:
                out[name][:, i, 0] = value
    return out
