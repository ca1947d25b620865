"""The regional model `northeast-asia` (MODELS.md §4): one yearly step for all samples at once.

`simulate(params, inputs, years)` is pure: parameter arrays of shape (n,) and lever/shock series
in, variable arrays out. Every sample advances together (NumPy over the sample axis); the only
Python loop is over years. Each numbered block below is one mechanism of MODELS.md §4; the
equations, their parameters and seed passages are in docs/model/dynamics.md.

Notation: sig(z) = 1 / (1 + exp(-z)); "noisy or" either(a, b, ...) = 1 - (1-a)(1-b)... (stays in
[0, 1] and rises in every argument). Ally quantities have shape (2, n) for (KOR, JPN) inside the
loop, so that every NumPy operation runs over the long sample axis (an (n, 2) layout would make
broadcast loops two elements long).
"""
from __future__ import annotations

from typing import Mapping, Optional, Sequence

import numpy as np

from umbrella.dynamics.inputs import Inputs
from umbrella.dynamics.parameters import NAMES
from umbrella.dynamics.vocabulary import ALLIES, VARIABLES

SHARING_LEVEL = 2 / 3   # consultation level of `ncg`; above it the ally has a nuclear-sharing role


def _sig(z: np.ndarray) -> np.ndarray:
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.reciprocal(z, out=z)


def _fixed_terms(p: Mapping[str, np.ndarray], col: Mapping[str, np.ndarray], lev: Mapping, shk: Mapping) -> dict:
    """The parts of each equation that depend only on parameters and this year's levers and shocks."""
    ns, vis = float(lev["nuclear_salience"]), float(lev["strategic_asset_visibility"])
    ci, bsp = float(lev["conventional_integration"]), float(lev["burden_sharing_pressure"])
    dr, mm = float(lev["declaratory_restraint"]), float(lev["multilateral_mechanism"])
    sanc, npp = float(lev["sanctions"]), float(lev["nonproliferation_pressure"])
    fd, cons, tp = (np.asarray(lev[k], dtype=np.float64)[:, None] for k in ("forward_deployment", "consultation",
                                                                             "troop_presence"))
    war, test = float(shk["second_theater_war"]), float(shk["prk_nuclear_test"])
    align, retr = float(shk["adversary_alignment"]), float(shk["us_retrenchment"])
    sharing = np.maximum(cons - SHARING_LEVEL, 0.0) * 3.0           # 1 under nuclear sharing, else 0
    conv = (ci + tp) / 2.0                                          # conventional deterrence per ally
    conv_region = float(conv.mean())
    commitment = tp + cons + ci                                     # durable political commitment
    phi = col["forward_deployment_effect"]
    support_intercept = np.stack([col["support_intercept_kor"], col["support_intercept_jpn"]])
    return {
        "ns_keep": 1.0 - ns,
        "strengthening_fixed": vis + float(fd.mean()) + float(cons.mean()),
        "growth": (p["prk_arsenal_growth"] * (1.0 - p["sanctions_efficacy"] * sanc)
                   * (1.0 - p["dprk_reassurance"] * (mm + dr) / 2.0)),
        "provocation_keep": (1.0 - p["provocation_base"]) * (1.0 - p["provocation_test"] * test),
        "provocation_factor": 1.0 - p["conventional_deterrence_effect"] * conv_region,
        "threat_keep": 1.0 - p["threat_alignment"] * align,
        "abandonment": (col["abandonment_intercept"] + col["abandonment_burden"] * bsp
                        + col["abandonment_retrenchment"] * retr + col["abandonment_distraction"] * war
                        - col["abandonment_commitment"] * commitment - np.maximum(-phi, 0.0) * fd),
        "entrapment": (col["entrapment_intercept"] + col["entrapment_sensitivity"] * sharing
                       + col["entrapment_visibility"] * vis + np.maximum(phi, 0.0) * fd - col["entrapment_restraint"] * dr),
        "capability": 1.0 - ((1.0 - col["us_capability"]) * (1.0 - col["capability_conventional"] * conv)
                             * (1.0 - col["capability_forward"] * fd) * (1.0 - col["capability_visibility"] * vis)),
        "resolve": (col["resolve_intercept"] + col["resolve_commitment"] * (tp + cons) - col["resolve_distraction"] * war
                    - col["resolve_retrenchment"] * retr - col["resolve_burden"] * bsp),
        "assurance": col["assurance_intercept"] + col["assurance_consultation"] * cons,
        "support": support_intercept - col["redeployment_support_effect"] * fd,
        "hedging": col["hedging_intercept"] - col["hedging_nonproliferation"] * npp,
        "hazard": col["hazard_intercept"] - col["hazard_nonproliferation"] * npp + col["sharing_pretext"] * sharing,
        "crisis": (p["crisis_intercept"] + p["crisis_opportunism"] * war - p["crisis_conventional"] * conv_region
                   - p["crisis_multilateral"] * mm - p["crisis_restraint"] * dr),
        "escalation": p["escalation_intercept"] + p["escalation_alignment"] * align - p["escalation_restraint"] * dr,
    }


def simulate(params: Mapping[str, np.ndarray], inputs: Inputs, years: Optional[Sequence[int]] = None,
             out: Optional[dict[str, np.ndarray]] = None) -> dict[str, np.ndarray]:
    """Run all samples through `inputs.years`; return each variable for `years` (default: from `inputs.report_from`).

    Result: `{variable: array (n, len(years), n_actors_of_variable)}` — allies (KOR, JPN) for ally
    variables, one column (PRK or region) for the others. `out` may supply these arrays (or views
    of larger ones) to be filled in place.
    """
    missing = [name for name in NAMES if name not in params]
    if missing:
        raise KeyError(f"missing parameters: {', '.join(missing)}")
    p = {name: np.asarray(params[name], dtype=np.float64) for name in NAMES}
    n = p[NAMES[0]].shape[0]
    all_years = np.asarray(inputs.years)
    wanted = np.asarray(years if years is not None else all_years[all_years >= inputs.report_from])
    out_index = {int(y): i for i, y in enumerate(wanted)}
    if any(int(y) not in set(all_years.tolist()) for y in wanted):
        raise ValueError("requested years outside the simulated window")
    n_out, n_allies = len(wanted), len(ALLIES)
    if out is None:
        out = {v.name: np.empty((n, n_out, len(v.actors))) for v in VARIABLES}

    col = p                                                     # (n,): broadcasts over the (2, n) ally arrays
    exposure = np.stack([np.ones(n), col["threat_exposure_jpn"]])
    lam = p["feedback_strength"]
    response = lam * p["us_response_gain"]
    reputation_rest = 1.0 - col["reputation_weight"]
    lev, shk = inputs.levers, inputs.shocks

    arsenal = p["prk_arsenal_initial"].copy()
    threat_prev = np.zeros(n)
    hedging_prev = np.zeros(n)
    abandonment = entrapment = support = hedging = reputation = None
    cumulative = np.zeros((n_allies, n))
    key, fixed = None, {}

    for t, year in enumerate(all_years):
        # the terms that depend on parameters and levers/shocks only are recomputed when a lever or shock changes
        now = tuple(float(v[t]) if v.ndim == 1 else tuple(v[t].tolist()) for v in (*lev.values(), *shk.values()))
        if now != key:
            key, fixed = now, _fixed_terms(p, col, {k: v[t] for k, v in lev.items()}, {k: v[t] for k, v in shk.items()})
        f = fixed

        # 2. structural dilemma (000 §3): allied threat calls for more US commitment ...
        ns_eff = 1.0 - f["ns_keep"] * (1.0 - response * threat_prev)
        nse = ns_eff
        strengthening = (ns_eff + f["strengthening_fixed"]) / 4.0
        # ... and US strengthening and allied hedging speed DPRK arsenal growth
        if t > 0:
            growth = f["growth"] * (1.0 + lam * (p["ed_arsenal_gain"] * strengthening + p["hedging_arsenal_gain"] * hedging_prev))
            arsenal = arsenal + growth * arsenal * (1.0 - arsenal / p["prk_arsenal_ceiling"])
        arsenal_w = arsenal / (arsenal + p["arsenal_half_threat"])

        # 1. threat: DPRK arsenal and provocation, adversary alignment
        provocation = (1.0 - f["provocation_keep"] * (1.0 - p["provocation_arsenal"] * arsenal_w)
                       * (1.0 - p["provocation_pressure"] * strengthening)) * f["provocation_factor"]
        threat = (1.0 - (1.0 - p["threat_arsenal"] * arsenal_w) * (1.0 - p["threat_provocation"] * provocation)
                  * f["threat_keep"]) * exposure

        # 3. abandonment fear: durable commitment vs burden-sharing pressure, retrenchment, distraction
        target = _sig(f["abandonment"] + col["abandonment_threat"] * threat - col["abandonment_salience"] * nse)
        abandonment = target if t == 0 else abandonment + col["fear_adjustment"] * (target - abandonment)

        # 4. entrapment fear: nuclear salience, visible operations, forward deployment
        target = _sig(f["entrapment"] + col["entrapment_sensitivity"] * nse)
        entrapment = target if t == 0 else entrapment + col["fear_adjustment"] * (target - entrapment)

        # 8. deterrence credibility (adversary's view): capability x (resolve, reputation)
        resolve = _sig(f["resolve"] + col["resolve_salience"] * nse - col["resolve_homeland_risk"] * arsenal_w)
        reputation = resolve.copy() if t == 0 else reputation + col["reputation_adjustment"] * (resolve - reputation)

        # 5. public support for own nuclear weapons
        target = _sig(f["support"] + col["support_threat"] * threat + col["support_abandonment"] * abandonment
                      + col["support_entrapment"] * entrapment)
        support = target if t == 0 else support + col["fear_adjustment"] * (target - support)

        # 6. hedging (latent capability) ...
        target = _sig(f["hedging"] + col["hedging_abandonment"] * abandonment
                      + col["hedging_entrapment"] * entrapment + col["hedging_threat"] * threat)
        hedging = target if t == 0 else hedging + col["hedging_adjustment"] * (target - hedging)
        threat_prev = (threat[0] + threat[1]) * 0.5       # mean over the two allies
        hedging_prev = (hedging[0] + hedging[1]) * 0.5
        i = out_index.get(int(year))
        if i is None and year < inputs.report_from:
            continue    # what follows feeds no state: needed only in reported years

        credibility = f["capability"] * (col["reputation_weight"] * reputation + reputation_rest * resolve)
        assurance = _sig(f["assurance"] + col["assurance_credibility"] * credibility
                         - col["assurance_abandonment"] * abandonment - col["assurance_entrapment"] * entrapment)
        # ... and the government's proliferation hazard (cumulated from the first reported year)
        hazard = col["hazard_ceiling"] * _sig(
            f["hazard"] + col["hazard_support"] * support + col["hazard_threat"] * threat
            + col["hazard_abandonment"] * abandonment + col["hazard_latent"] * hedging - col["hazard_assurance"] * assurance)
        if year >= inputs.report_from:
            cumulative = 1.0 - (1.0 - cumulative) * (1.0 - hazard)

        # 7. crisis and escalation (region)
        crisis = _sig(f["crisis"] + p["crisis_provocation"] * provocation + p["crisis_miscalculation"] * strengthening)
        escalation = _sig(f["escalation"] + p["escalation_arsenal"] * arsenal_w + p["escalation_salience"] * ns_eff
                          - p["escalation_credibility"] * ((credibility[0] + credibility[1]) * 0.5))
        if i is None:
            continue
        for name, value in (("threat", threat), ("abandonment_fear", abandonment), ("entrapment_fear", entrapment),
                            ("assurance", assurance), ("public_nuclear_support", support),
                            ("proliferation_hazard", hazard), ("proliferation_probability", cumulative),
                            ("hedging", hedging), ("deterrence_credibility", credibility)):
            out[name][:, i, :] = value.T
        out["prk_arsenal"][:, i, 0] = arsenal
        out["prk_provocation"][:, i, 0] = provocation
        out["crisis_probability"][:, i, 0] = crisis
        out["escalation_probability"][:, i, 0] = escalation
    return out
