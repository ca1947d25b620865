"""An independent plain-Python (scalar, `math`) implementation of the equations in docs/model/dynamics.md.

Used by the hand-computed trajectory test and as the per-experiment model of the ema_workbench
benchmark. It is written from the documented equations, one sample at a time, without NumPy and
without importing umbrella.dynamics.model.
"""
from __future__ import annotations

import math

KOR, JPN = 0, 1


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def either(*xs: float) -> float:
    keep = 1.0
    for x in xs:
        keep *= 1.0 - x
    return 1.0 - keep


def run(p: dict, years: list[int], lev: dict, shk: dict, report_from: int) -> dict:
    """`lev[name][t]` is a number (global lever) or a pair (KOR, JPN); `shk[name][t]` a number.

    Returns {variable: [[value per actor] per year]} for every simulated year.
    """
    out: dict = {k: [] for k in ("threat", "abandonment_fear", "entrapment_fear", "assurance",
                                 "public_nuclear_support", "proliferation_hazard", "proliferation_probability",
                                 "hedging", "deterrence_credibility", "prk_arsenal", "prk_provocation",
                                 "crisis_probability", "escalation_probability")}
    lam = p["feedback_strength"]
    phi = p["forward_deployment_effect"]
    arsenal = p["prk_arsenal_initial"]
    threat_prev = hedge_prev = 0.0
    af = ef = sup = hed = rep = None
    cum = [0.0, 0.0]
    for t, year in enumerate(years):
        ns, vis = lev["nuclear_salience"][t], lev["strategic_asset_visibility"][t]
        ci, bsp = lev["conventional_integration"][t], lev["burden_sharing_pressure"][t]
        dr, mm = lev["declaratory_restraint"][t], lev["multilateral_mechanism"][t]
        sanc, npp = lev["sanctions"][t], lev["nonproliferation_pressure"][t]
        fd, cons, tp = lev["forward_deployment"][t], lev["consultation"][t], lev["troop_presence"][t]
        war, test = shk["second_theater_war"][t], shk["prk_nuclear_test"][t]
        align, retr = shk["adversary_alignment"][t], shk["us_retrenchment"][t]

        ns_eff = 1 - (1 - ns) * (1 - lam * p["us_response_gain"] * threat_prev)
        E = (ns_eff + vis + (fd[0] + fd[1]) / 2 + (cons[0] + cons[1]) / 2) / 4
        if t > 0:
            g = p["prk_arsenal_growth"] * (1 + lam * (p["ed_arsenal_gain"] * E + p["hedging_arsenal_gain"] * hedge_prev))
            g *= (1 - p["sanctions_efficacy"] * sanc) * (1 - p["dprk_reassurance"] * (mm + dr) / 2)
            arsenal = arsenal + g * arsenal * (1 - arsenal / p["prk_arsenal_ceiling"])
        a = arsenal / (arsenal + p["arsenal_half_threat"])
        conv = [(ci + tp[k]) / 2 for k in (KOR, JPN)]
        conv_r = (conv[0] + conv[1]) / 2
        prov = either(p["provocation_base"], p["provocation_arsenal"] * a, p["provocation_pressure"] * E,
                      p["provocation_test"] * test) * (1 - p["conventional_deterrence_effect"] * conv_r)
        expo = [1.0, p["threat_exposure_jpn"]]
        threat = [either(p["threat_arsenal"] * a, p["threat_provocation"] * prov, p["threat_alignment"] * align) * expo[k]
                  for k in (KOR, JPN)]
        new_af, new_ef, new_sup, new_hed, new_rep = [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]
        cred, ass, haz = [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]
        k_adj = p["fear_adjustment"]
        for k in (KOR, JPN):
            share = max(cons[k] - 2 / 3, 0.0) * 3
            commit = tp[k] + cons[k] + ci
            af_t = sig(p["abandonment_intercept"] + p["abandonment_burden"] * bsp + p["abandonment_retrenchment"] * retr
                       + p["abandonment_distraction"] * war + p["abandonment_threat"] * threat[k]
                       - p["abandonment_commitment"] * commit - p["abandonment_salience"] * ns_eff
                       - max(-phi, 0.0) * fd[k])
            new_af[k] = af_t if t == 0 else af[k] + k_adj * (af_t - af[k])
            ef_t = sig(p["entrapment_intercept"] + p["entrapment_sensitivity"] * (ns_eff + share)
                       + p["entrapment_visibility"] * vis + max(phi, 0.0) * fd[k] - p["entrapment_restraint"] * dr)
            new_ef[k] = ef_t if t == 0 else ef[k] + k_adj * (ef_t - ef[k])
            cap = either(p["us_capability"], p["capability_conventional"] * conv[k], p["capability_forward"] * fd[k],
                         p["capability_visibility"] * vis)
            res = sig(p["resolve_intercept"] + p["resolve_commitment"] * (tp[k] + cons[k]) + p["resolve_salience"] * ns_eff
                      - p["resolve_distraction"] * war - p["resolve_retrenchment"] * retr - p["resolve_burden"] * bsp
                      - p["resolve_homeland_risk"] * a)
            new_rep[k] = res if t == 0 else rep[k] + p["reputation_adjustment"] * (res - rep[k])
            w = p["reputation_weight"]
            cred[k] = cap * (w * new_rep[k] + (1 - w) * res)
            ass[k] = sig(p["assurance_intercept"] + p["assurance_credibility"] * cred[k] + p["assurance_consultation"] * cons[k]
                         - p["assurance_abandonment"] * new_af[k] - p["assurance_entrapment"] * new_ef[k])
            intercept = p["support_intercept_kor"] if k == KOR else p["support_intercept_jpn"]
            s_t = sig(intercept + p["support_threat"] * threat[k] + p["support_abandonment"] * new_af[k]
                      + p["support_entrapment"] * new_ef[k] - p["redeployment_support_effect"] * fd[k])
            new_sup[k] = s_t if t == 0 else sup[k] + k_adj * (s_t - sup[k])
            h_t = sig(p["hedging_intercept"] + p["hedging_abandonment"] * new_af[k] + p["hedging_entrapment"] * new_ef[k]
                      + p["hedging_threat"] * threat[k] - p["hedging_nonproliferation"] * npp)
            new_hed[k] = h_t if t == 0 else hed[k] + p["hedging_adjustment"] * (h_t - hed[k])
            haz[k] = p["hazard_ceiling"] * sig(
                p["hazard_intercept"] + p["hazard_support"] * new_sup[k] + p["hazard_threat"] * threat[k]
                + p["hazard_abandonment"] * new_af[k] + p["hazard_latent"] * new_hed[k]
                - p["hazard_nonproliferation"] * npp - p["hazard_assurance"] * ass[k] + p["sharing_pretext"] * share)
            if year >= report_from:
                cum[k] = 1 - (1 - cum[k]) * (1 - haz[k])
        af, ef, sup, hed, rep = new_af, new_ef, new_sup, new_hed, new_rep
        crisis = sig(p["crisis_intercept"] + p["crisis_provocation"] * prov + p["crisis_miscalculation"] * E
                     + p["crisis_opportunism"] * war - p["crisis_conventional"] * conv_r
                     - p["crisis_multilateral"] * mm - p["crisis_restraint"] * dr)
        esc = sig(p["escalation_intercept"] + p["escalation_arsenal"] * a + p["escalation_salience"] * ns_eff
                  + p["escalation_alignment"] * align - p["escalation_restraint"] * dr
                  - p["escalation_credibility"] * (cred[0] + cred[1]) / 2)
        threat_prev = (threat[0] + threat[1]) / 2
        hedge_prev = (hed[0] + hed[1]) / 2
        for name, value in (("threat", threat), ("abandonment_fear", af), ("entrapment_fear", ef), ("assurance", ass),
                            ("public_nuclear_support", sup), ("proliferation_hazard", haz),
                            ("proliferation_probability", list(cum)), ("hedging", hed),
                            ("deterrence_credibility", cred)):
            out[name].append(list(value))
        out["prk_arsenal"].append([arsenal])
        out["prk_provocation"].append([prov])
        out["crisis_probability"].append([crisis])
        out["escalation_probability"].append([esc])
    return out
