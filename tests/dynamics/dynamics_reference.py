"""An independent plain-Python (scalar, `math`) implementation of the equations in docs/model/dynamics.md §2-3.

Used by the trajectory tests and as the per-experiment model of the ema_workbench benchmark. It is
written from the documented equations, one sample at a time, without NumPy and without importing
umbrella.dynamics.model.
"""
from __future__ import annotations

import math

KOR, JPN, AUS = 0, 1, 2
ALLY = (KOR, JPN, AUS)
MEMBER = (1.0, 1.0, 0.0)          # in the Japan–ROK–US trilateral
VARIABLES = ("threat", "abandonment_fear", "entrapment_fear", "assurance", "public_nuclear_support",
             "proliferation_hazard", "proliferation_probability", "hedging", "prk_arsenal", "prk_provocation",
             "deterrence_credibility", "crisis_probability", "escalation_probability", "chn_counter_pressure",
             "chn_cooperation")
REGIONAL = ("prk_arsenal", "prk_provocation", "crisis_probability", "escalation_probability", "chn_cooperation")


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def either(*xs: float) -> float:
    keep = 1.0
    for x in xs:
        keep *= 1.0 - x
    return 1.0 - keep


def pen(v: list) -> float:
    return (v[KOR] + v[JPN]) / 2


def adjust(previous, target: float, rate: float, k: int) -> float:
    return target if previous is None else previous[k] + rate * (target - previous[k])


def run(p: dict, years: list[int], lev: dict, shk: dict, report_from: int) -> dict:
    """`lev[name][t]` is a number (global lever) or a triple (KOR, JPN, AUS); `shk[name][t]` a number.

    Returns {variable: [[value per actor] per year]} for every simulated year.
    """
    out: dict = {k: [] for k in VARIABLES}
    lam = p["feedback_strength"]
    x_exp = (1.0, p["threat_exposure_jpn"], p["threat_exposure_aus"])
    z_exp = (1.0, 1.0, p["china_exposure_aus"])
    intercept = (p["support_intercept_kor"], p["support_intercept_jpn"], p["support_intercept_aus"])
    mu = p["entrapment_public_share"]
    arsenal = p["prk_arsenal_initial"]
    threat_prev = hedge_prev = 0.0
    coop = rep = None
    cp = af = ef = sup = hed = None
    cum = [0.0, 0.0, 0.0]
    for t, year in enumerate(years):
        ns, vis = lev["nuclear_salience"][t], lev["strategic_asset_visibility"][t]
        ci, bsp = lev["conventional_integration"][t], lev["burden_sharing_pressure"][t]
        dr, mm, pm = lev["declaratory_restraint"][t], lev["multilateral_mechanism"][t], lev["peace_mechanism"][t]
        sanc, npp, tri = lev["sanctions"][t], lev["nonproliferation_pressure"][t], lev["trilateral_cooperation"][t]
        fd, cons, tp = lev["forward_deployment"][t], lev["consultation"][t], lev["troop_presence"][t]
        host = lev["strategic_asset_hosting"][t]
        war, test = shk["second_theater_war"][t], shk["prk_nuclear_test"][t]
        align, retr = shk["adversary_alignment"][t], shk["us_retrenchment"][t]
        s = max(t - 1, 0)
        fd0, tp0 = lev["forward_deployment"][s], lev["troop_presence"][s]
        withdrawal = sum(max(tp0[k] - tp[k], 0.0) + max(fd0[k] - fd[k], 0.0) for k in ALLY)
        redeployment = sum(max(fd[k] - fd0[k], 0.0) for k in ALLY)

        # derived inputs (docs §2)
        tn = max(2 * tri - 1, 0.0)
        tn_a = [tn * MEMBER[k] for k in ALLY]
        tc_a = [min(2 * tri, 1.0) * MEMBER[k] for k in ALLY]
        voice = [max(min(1.5 * cons[k], 1.0), tn_a[k]) for k in ALLY]
        share = [max(cons[k] - 2 / 3, 0.0) * 3 for k in ALLY]
        planning = [max(share[k], tn_a[k]) for k in ALLY]
        hosted = [max(host[k], fd[k]) for k in ALLY]
        conv = [either((ci + tp[k]) / 2, p["trilateral_conventional"] * tc_a[k]) for k in ALLY]
        commit = [tp[k] + voice[k] + ci for k in ALLY]
        G = vis + pen(fd) + pen(cons) + pen(host) + tn

        # 3.1
        ns_eff = either(ns, lam * p["us_response_gain"] * threat_prev)
        E = (ns_eff + G) / 6
        # 3.2 China
        c_t = sig(p["cooperation_intercept"] - p["cooperation_salience"] * ns_eff - p["cooperation_alignment"] * align)
        coop = c_t if coop is None else coop + p["china_adjustment"] * (c_t - coop)
        cp = [adjust(cp, p["counter_pressure_hosting"] * hosted[k], p["china_adjustment"], k) for k in ALLY]
        M = either(mm, pm * coop)
        X = (M + dr) / 2
        # 3.3 arsenal
        if t > 0:
            g = p["prk_arsenal_growth"] * (1 + lam * (p["ed_arsenal_gain"] * E + p["hedging_arsenal_gain"] * hedge_prev))
            g *= 1 - p["sanctions_efficacy"] * sanc * (1 - p["sanctions_china_dependence"] * (1 - coop))
            g *= 1 - p["dprk_reassurance"] * X
            arsenal = arsenal + g * arsenal * (1 - arsenal / p["prk_arsenal_ceiling"])
        w = arsenal / (arsenal + p["arsenal_half_threat"])
        # 3.4 reputation
        r_t = sig(p["reputation_intercept"] - p["reputation_retrenchment"] * retr - p["reputation_distraction"] * war
                  - p["reputation_withdrawal"] * withdrawal + p["reputation_redeployment"] * redeployment)
        rep = r_t if rep is None else rep + p["reputation_adjustment"] * (r_t - rep)
        # 3.5 credibility
        rho = p["reputation_weight"]
        cred = []
        for k in ALLY:
            cap = either(p["us_capability"], p["capability_conventional"] * conv[k], p["capability_forward"] * fd[k],
                         p["capability_visibility"] * vis)
            res = sig(p["resolve_intercept"] + p["resolve_commitment"] * (tp[k] + voice[k]) + p["resolve_salience"] * ns_eff
                      - p["resolve_distraction"] * war - p["resolve_retrenchment"] * retr - p["resolve_burden"] * bsp
                      - p["resolve_homeland_risk"] * w)
            cred.append(cap * (rho * rep + (1 - rho) * res))
        # 3.6 provocation and threat
        prov = (either(p["provocation_base"], p["provocation_arsenal"] * w, p["provocation_pressure"] * E,
                       p["provocation_test"] * test)
                * (1 - p["conventional_deterrence_effect"] * pen(conv)) * (1 - p["provocation_deterrence"] * pen(cred))
                * (1 - p["provocation_reassurance"] * X))
        threat = [either(x_exp[k] * p["threat_arsenal"] * w, x_exp[k] * p["threat_provocation"] * prov,
                         z_exp[k] * p["threat_alignment"] * align) for k in ALLY]
        new_af, new_ef, new_sup, new_hed = [], [], [], []
        ass, haz = [], []
        for k in ALLY:
            # 3.7 abandonment fear
            a_t = sig(p["abandonment_intercept"] + p["abandonment_burden"] * bsp + p["abandonment_retrenchment"] * retr
                      + p["abandonment_distraction"] * war + p["trilateral_deprioritisation"] * tn_a[k]
                      - p["abandonment_commitment"] * commit[k] - p["forward_assurance"] * fd[k]
                      - p["sharing_abandonment"] * share[k] + p["abandonment_threat"] * threat[k]
                      + p["abandonment_reputation"] * (1 - rep) - p["abandonment_salience"] * ns_eff)
            new_af.append(adjust(af, a_t, p["fear_adjustment"], k))
            # 3.8 entrapment fear
            e_t = sig(p["entrapment_intercept"] + p["entrapment_visibility"] * vis + p["forward_entrapment"] * fd[k]
                      + p["trilateral_entrapment"] * tn_a[k] - p["entrapment_restraint"] * dr
                      + p["entrapment_counter_pressure"] * cp[k] + p["entrapment_sensitivity"] * ns_eff)
            new_ef.append(adjust(ef, e_t, p["fear_adjustment"], k))
            # 3.9 two publics
            common = intercept[k] + p["support_threat"] * threat[k] + p["planning_utility"] * planning[k]
            s_t = ((1 - mu) * sig(common + p["support_abandonment"] * new_af[k] - p["support_guarantee"] * cred[k]
                                  - p["redeployment_support_effect"] * fd[k])
                   + mu * sig(common + p["support_entrapment"] * new_ef[k]))
            new_sup.append(adjust(sup, s_t, p["fear_adjustment"], k))
            # 3.10 hedging
            h_t = sig(p["hedging_intercept"] - p["hedging_nonproliferation"] * npp + p["hedging_abandonment"] * new_af[k]
                      + p["hedging_entrapment"] * new_ef[k] + p["hedging_threat"] * threat[k])
            new_hed.append(adjust(hed, h_t, p["hedging_adjustment"], k))
            # 3.11 assurance
            base = (p["assurance_intercept"] + p["assurance_credibility"] * cred[k] + p["assurance_consultation"] * voice[k]
                    + p["assurance_control"] * share[k] + p["assurance_trilateral"] * tc_a[k])
            ass.append((1 - mu) * sig(base + p["assurance_guarantee"] * cred[k] - p["assurance_abandonment"] * new_af[k])
                       + mu * sig(base - p["assurance_entrapment"] * new_ef[k]))
            # 3.12 hazard
            dependence = conv[k] * (1 - new_hed[k])
            haz.append(p["hazard_ceiling"] * sig(
                p["hazard_intercept"] - p["hazard_nonproliferation"] * npp + p["sharing_pretext"] * share[k]
                - p["sharing_renunciation"] * share[k] + p["hazard_support"] * new_sup[k] + p["hazard_threat"] * threat[k]
                + p["hazard_abandonment"] * new_af[k] + p["hazard_latent"] * new_hed[k] - p["hazard_assurance"] * ass[k]
                - p["conditional_abandonment"] * npp * dependence))
            if year >= report_from:
                cum[k] = 1 - (1 - cum[k]) * (1 - haz[k])
        af, ef, sup, hed = new_af, new_ef, new_sup, new_hed
        # 3.13 crisis and escalation
        crisis = sig(p["crisis_intercept"] + p["crisis_opportunism"] * war - p["crisis_conventional"] * pen(conv)
                     - p["crisis_restraint"] * dr - p["crisis_multilateral"] * M + p["crisis_provocation"] * prov
                     + p["crisis_miscalculation"] * E - p["crisis_deterrence"] * pen(cred))
        esc = sig(p["escalation_intercept"] + p["escalation_alignment"] * align - p["escalation_restraint"] * dr
                  + p["escalation_arsenal"] * w + p["escalation_salience"] * ns_eff - p["escalation_credibility"] * pen(cred))
        threat_prev, hedge_prev = pen(threat), pen(hed)
        for name, value in (("threat", threat), ("abandonment_fear", af), ("entrapment_fear", ef), ("assurance", ass),
                            ("public_nuclear_support", sup), ("proliferation_hazard", haz),
                            ("proliferation_probability", list(cum)), ("hedging", hed),
                            ("deterrence_credibility", cred), ("chn_counter_pressure", cp)):
            out[name].append(list(value))
        for name, value in (("prk_arsenal", arsenal), ("prk_provocation", prov), ("crisis_probability", crisis),
                            ("escalation_probability", esc), ("chn_cooperation", coop)):
            out[name].append([value])
    return out
