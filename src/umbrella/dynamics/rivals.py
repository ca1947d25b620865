"""The seeds' disagreements, declared once: for each, an intervention, the outcome it moves, and the
parameters that carry each side's path (MODELS.md §4: every side's path is in the model at once).

A side's `parameters` are the coefficients through which the intervention moves the outcome in that
side's direction; setting them to their neutral values (`Parameter.neutral`, 0) leaves only the other
side's direction, in every draw of the declared box (tested in tests/dynamics). Which side wins in a
draw is a result; `umbrella.experiments.rivals` measures the shares and the PRIM box of each side.
"""
from __future__ import annotations

from dataclasses import dataclass

from umbrella.dynamics.inputs import Setting

#: the 000 §3 / 002 §06 spiral of US strengthening: provocation, arsenal growth (directly and through
#: China's falling cooperation and allied hedging), and crisis initiation by miscalculation
SPIRAL = ("provocation_pressure", "ed_arsenal_gain", "hedging_arsenal_gain", "cooperation_salience")


@dataclass(frozen=True)
class Side:
    seeds: tuple[str, ...]             # the seeds (file prefixes) that argue this side
    direction: str                     # "increase" | "decrease" of the outcome
    parameters: tuple[str, ...]        # the coefficients of this side's path
    argument: dict                     # what the side argues, {en, zh}


@dataclass(frozen=True)
class Rivalry:
    id: str
    title: dict
    base: tuple[Setting, ...]          # settings laid on the baseline scenario for the comparison point A
    change: tuple[Setting, ...]        # B = A plus these settings
    variable: str
    actor: str
    sides: tuple[Side, Side]           # (raises the outcome, lowers it)


def _lever(name: str, value, ally=None, start: int = 2023) -> Setting:
    return Setting("lever", name, value, start, None, ally)


RIVALRIES: tuple[Rivalry, ...] = (
    Rivalry(
        "strengthening-crisis",
        {"en": "Does US strengthening of extended deterrence raise or lower the risk of a crisis?",
         "zh": "美国强化延伸威慑是提高还是降低危机风险？"},
        (),
        (_lever("nuclear_salience", 1.0), _lever("strategic_asset_visibility", 1.0),
         _lever("forward_deployment", "fixed", "KOR"), _lever("consultation", "ncg", "KOR")),
        "crisis_probability", "region",
        (Side(("000", "002"), "increase", SPIRAL + ("crisis_miscalculation",),
              {"en": "the structural dilemma and the deterrence spiral: US strengthening speeds the DPRK's arsenal "
                     "and provocations and drags the region to the brink (000 §3; 002 §06)",
               "zh": "结构性困境与威慑螺旋：美国强化延伸威慑加快朝鲜核研发与挑衅，把地区拖向战争边缘（000 §3；002 §06）"}),
         Side(("001", "003"), "decrease", ("provocation_deterrence", "crisis_deterrence"),
              {"en": "deterrence: a more credible commitment raises the challenger's cost and prevents attacks on "
                     "allies (001; 003 §3)",
               "zh": "威慑：更可信的承诺提高挑战方的成本，防止对盟友的攻击（001；003 §3）"}))),
    Rivalry(
        "deployment-proliferation",
        {"en": "Does forward nuclear deployment in the ROK raise or lower its proliferation?",
         "zh": "在韩国前沿部署核武器是提高还是降低其核扩散风险？"},
        (),
        (_lever("forward_deployment", "fixed", "KOR"),),
        "proliferation_probability", "KOR",
        (Side(("002", "000"), "increase",
              ("forward_entrapment", "counter_pressure_hosting", "entrapment_counter_pressure", "ed_arsenal_gain",
               "provocation_pressure"),
              {"en": "entrapment: forward nuclear deployment may raise the ally's drive for its own weapons "
                     "(002 §03), invites China's punishment of the host (002 §06) and feeds the spiral (000 §3)",
               "zh": "被牵连：前沿核部署或许提高盟国独立拥核的可能（002 §03），招致中国对东道国的惩罚（002 §06），并加剧螺旋（000 §3）"}),
         Side(("004", "002"), "decrease",
              ("forward_assurance", "capability_forward", "redeployment_support_effect", "reputation_redeployment"),
              {"en": "assurance: forward deployment is the most effective way to ease the ally's fear of abandonment "
                     "(004, Reiter), the strongest signal to the adversary (004), and some of the public accept "
                     "redeployment instead of own weapons (002's 2016 poll: fewer than for own weapons)",
               "zh": "安抚：境外核部署是缓解盟友被抛弃疑虑最有效的手段（004引赖特），是向对手展示决心的最有力信号（004）；部分民众接受重新部署以代替自主核武（002引2016年民调）"}))),
    Rivalry(
        "sharing-proliferation",
        {"en": "Does NATO-type nuclear sharing with the ROK (beyond the NCG) raise or lower its proliferation?",
         "zh": "与韩国建立北约式核共享（超越核磋商小组）是提高还是降低其核扩散风险？"},
        (_lever("consultation", "ncg", "KOR"),),
        (_lever("consultation", "nuclear_sharing", "KOR"),),
        "proliferation_probability", "KOR",
        (Side(("002", "000"), "increase", ("planning_utility", "sharing_pretext", "ed_arsenal_gain", "provocation_pressure"),
              {"en": "a planning body that raises the perceived utility of nuclear weapons spurs own arsenals "
                     "(002 §04); sharing may become a pretext for an own deterrent (002 §03); it feeds the spiral (000 §3)",
               "zh": "增强核武器效用认识的核规划组织会促进盟国建立独立核武库（002 §04）；核共享可能成为借口（002 §03）；并加剧螺旋（000 §3）"}),
         Side(("004",), "decrease", ("assurance_control", "sharing_abandonment", "sharing_renunciation"),
              {"en": "control: with sharing rights allies trust extended deterrence more, fear abandonment less and "
                     "are more willing to give up their own programmes (004, Jiang)",
               "zh": "控制权：获得核共享权力的盟友更信赖延伸威慑、更少担心被抛弃、更愿意放弃自身核计划（004引江天骄）"}))),
)

RIVALRY_BY_ID = {r.id: r for r in RIVALRIES}
