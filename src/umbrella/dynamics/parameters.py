"""Uncertain parameters of the regional model, declared once (name, range, default, unit, meaning, source).

Samplers, `umbrella params`, the docs and the dashboard all read `PARAMETERS`. Coefficients marked
`logit` are weights inside a logistic function (one unit moves a share from 0.5 to 0.73). No seed
gives numerical values: the ranges are assumptions that encode only the *direction* a seed passage
states (every range is on one side of zero), except `forward_deployment_effect`, whose range spans
both readings of forward deployment (002 vs 004/Reiter).

Each parameter also declares its `role` (umbrella.roles: `effect`, `intercept`, `rate`, `initial`);
every `effect` carries the `neutral` value that switches its mechanism off. All effects of this
model are additive logit terms or factors of the form (1 - c x), so 0 switches each off. In v1
`forward_deployment_effect` carries both readings in one signed term (its seed is 004): at its
neutral value both paths are off.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from umbrella.roles import role_problem

S000 = "000_45274ff425d7892b.txt"
S001 = "001_9089bd46b2be49ef.txt"
S002 = "002_db48c3f1337cf981.txt"
S003 = "003_5739a4f523f7a1d3.txt"
S004 = "004_a9c63d3a1281ba4d.txt"


@dataclass(frozen=True)
class Parameter:
    name: str
    low: float
    high: float
    default: float
    unit: str
    description: str
    source: dict            # {seed, section, quote} or {note} for an assumption without a seed passage
    mechanism: int = 0      # the MODELS.md §4 mechanism (1-8) the parameter belongs to; 0 = initial state
    role: str = ""          # effect | intercept | rate | initial (umbrella.roles)
    neutral: Optional[float] = None   # effects only: the value that switches the mechanism off

    def __post_init__(self) -> None:
        problem = role_problem(self.role, self.neutral)
        if problem:
            raise ValueError(f"parameter {self.name}: {problem}")

    def source_label(self) -> str:
        if "seed" in self.source:
            return f"{self.source['seed'][:3]} {self.source.get('section', '')}".strip()
        return self.source.get("note", "assumption")


def _seed(seed: str, section: str, quote: str) -> dict:
    return {"seed": seed, "section": section, "quote": quote}


def _note(text: str) -> dict:
    return {"note": text}


# seed passages, each quoted verbatim (checked by tests/dynamics against the seed files)
LOOP = _seed(S000, "§3 三、如何看待美国强化半岛延伸威慑力度", "三者互为发展前提，并形成结构性困境")
DPRK_BALANCE = _seed(S000, "§2 二、美国为何强化对朝鲜半岛的延伸威慑力度", "朝鲜经过六次核试验与几十次的核导弹试射，使得朝鲜半岛包括东北亚地区的军事力量对比趋于失衡")
PRESSURE = _seed(S000, "§3 三、如何看待美国强化半岛延伸威慑力度", "在承受延伸威慑压力和国际社会制裁的状态下，朝核问题将持续复杂化")
DPRK_SECURITY = _seed(S000, "§3 三、如何看待美国强化半岛延伸威慑力度", "通过多种方式增强朝鲜的外部安全感，为朝核问题的持续性解决方案提供探讨框架和可行性路径")
NFU = _seed(S000, "§3 三、如何看待美国强化半岛延伸威慑力度", "以不首先使用核武器（NFU）机制为基础的复合型多边安全协商机制")
CREDIBILITY = _seed(S001, "扩展威慑理论&核保护伞", "防御国使用核武器的决心、对手的实力、以及防御国的声誉与行为等，都决定了实施威慑的可信性程度")
UMBRELLA_CONVENTIONAL = _seed(S001, "核保护伞下的韩国安全考量", "美国的核保护伞让韩国敢于使用常规武器应对侵略，而不用担心朝鲜会将常规冲突升级为核冲突")
BURDEN = _seed(S002, "01 加强核信誉以强化联盟", "特朗普执政时不间断地威胁盟国支付更多防御费用")
DURABILITY = _seed(S002, "02 评估信用问题", "这确切地表明了严重的信誉问题反映了人们对美国政治承诺持久性的忧虑，而这种情绪与核能力并不相关")
CONVENTIONAL = _seed(S002, "02 评估信用问题", "在联盟框架下进行分工安排，继续在东北亚部署常规军事力量，仍然是证明美国安全承诺可靠性最重要的方式")
ENTRAPMENT = _seed(S002, "03 增加核重要性的反作用", "因为盟国不仅希望得到美国在核安全上的保护，还希望确保美国不会轻易使用核能力，避免在冲突中被牵连")
VISIBILITY = _seed(S002, "03 增加核重要性的反作用", "两种现象的结合意味着，美国过去十年中提高核操作可见度的行动产生了反作用")
SELF_STRENGTHEN = _seed(S002, "03 增加核重要性的反作用", "首先，各国担心被卷入由盟友挑起的冲突中，因此寻求自身实力的增强以避免这种情况的发生")
OWN_WEAPONS = _seed(S002, "03 增加核重要性的反作用", "其次，对于美国可能轻易使用核武器的担忧，会促使盟国寻求更大程度上的军事独立，包括发展自己的核武器")
POLL_2016 = _seed(S002, "03 增加核重要性的反作用", "韩国2016年的一项民意调查发现，与美国在朝鲜半岛重新部署战术核武器相比，支持独立核能力的占比高出6%")
SHARING_PRETEXT = _seed(S002, "03 增加核重要性的反作用", "美国要求核共享可能成为韩国实现独立核威慑力量的借口")
PROCUREMENT = _seed(S002, "01 加强核信誉以强化联盟", "近年来两国均启动了国防采购计划以提高独立的军事能力，包括射程不断扩大的精准导弹能力")
PROVOCATION_COST = _seed(S002, "04 实现可信度的最佳方式", "通过提高朝鲜挑衅的成本，减少朝鲜使用核武器以实现政治军事目标的可能性来应对威慑挑战")
NONNUCLEAR = _seed(S002, "04 实现可信度的最佳方式", "联盟的非核能力，特别是建立在三边协作基础上的能力越强大、越容易被使用、越具有凝聚力，就能够发挥更大的威慑作用")
RESTRAINT_PLANNING = _seed(S002, "04 实现可信度的最佳方式", "如果联盟的核规划功能主要用于通过澄清美国的核武器只在极少情况下使用，从而实现更强的常规威慑，那么就可以在增强美国信誉的同时避免与盟友之间的问题")
MISCALCULATION = _seed(S003, "二、延伸威慑面临的挑战", "朝鲜半岛误判的可能性不断增加")
ALIGNMENT = _seed(S003, "二、延伸威慑面临的挑战", "但最近它增加了与C国和俄罗斯建立战略伙伴关系的合作姿态")
HOMELAND = _seed(S003, "三、保障挑战", "“美国会为了东京而牺牲旧金山,还是为了布拉格而牺牲波士顿?”")
OPPORTUNISM = _seed(S003, "三、保障挑战", "在美国全力参与另一战区的同时,遏制一个战区的机会主义侵略,将对延伸威慑构成挑战,加剧盟国的焦虑,降低他们对延伸威慑满足其安全需求的信心")
CONFIDENCE = _seed(S003, "四、防扩散议程面临的风险", "如果核保护伞下的盟国对延伸威慑失去信心,并确定美国的保障不再满足其安全需求,则可能会给盟国施加压力,要求其发展自己的核武器,从而破坏核不扩散制度")
ROK_MOST = _seed(S003, "四、防扩散议程面临的风险", "日本和澳大利亚政府历来坚决反对建立自己的核能力,但至少更公开地讨论了核共享协议的优点")
POLITICAL_RESTRAINT = _seed(S003, "四、防扩散议程面临的风险", "这些国家不仅在技术上有能力发展核武器,而且政治考虑也起到了限制作用")
ASSURANCE_FAIL = _seed(S003, "六、结论", "如果不能解决保障方面的挑战,就会增加盟国核扩散的风险")
FORCES = _seed(S003, "五、降低保障风险", "为了满足扩展威慑的军事和政治要求,常规能力和核能力的结合是必要的")
REITER = _seed(S004, "三(一) 核大国境外部署核武器的两种目的", "境外核部署就成了核大国最有效提升对盟友安全保障、缓解其被抛弃疑虑的手段")
ASSUMED = _note("assumption: no source gives a value; range chosen wide, to be narrowed by calibration")

_P = Parameter
PARAMETERS: tuple[Parameter, ...] = (
    # initial state and scales
    _P("prk_arsenal_initial", 2.0, 10.0, 5.0, "warheads", "DPRK warheads in 2006, the first simulated year (first test).", ASSUMED, 0, "initial"),
    _P("prk_arsenal_ceiling", 150.0, 400.0, 250.0, "warheads", "Level at which DPRK arsenal growth saturates (logistic growth).", ASSUMED, 0, "intercept"),
    _P("arsenal_half_threat", 20.0, 100.0, 50.0, "warheads", "Arsenal size at which the arsenal's normalised weight a = A/(A+h) is 1/2.", ASSUMED, 1, "intercept"),
    _P("fear_adjustment", 0.3, 0.9, 0.6, "share per year", "Share of the gap to the target closed each year by the fears and public support.", ASSUMED, 0, "rate"),
    # 1 threat
    _P("threat_arsenal", 0.3, 0.8, 0.6, "probability weight", "Weight of the (normalised) DPRK arsenal in allied threat perception.", DPRK_BALANCE, 1, "effect", 0.0),
    _P("threat_provocation", 0.2, 0.6, 0.4, "probability weight", "Weight of DPRK provocation in allied threat perception.", MISCALCULATION, 1, "effect", 0.0),
    _P("threat_alignment", 0.1, 0.5, 0.3, "probability weight", "Weight of DPRK–China–Russia alignment in allied threat perception.", ALIGNMENT, 1, "effect", 0.0),
    _P("threat_exposure_jpn", 0.5, 1.0, 0.8, "ratio", "Japan's exposure to the peninsula threat relative to the ROK's.", ASSUMED, 1, "intercept"),
    _P("provocation_base", 0.1, 0.3, 0.2, "index", "DPRK provocation without arsenal, pressure or tests.", ASSUMED, 1, "intercept"),
    _P("provocation_arsenal", 0.1, 0.5, 0.3, "probability weight", "Provocation driven by the arsenal (coercive leverage).", DPRK_BALANCE, 1, "effect", 0.0),
    _P("provocation_pressure", 0.05, 0.4, 0.2, "probability weight", "Provocation in response to US extended-deterrence pressure.", PRESSURE, 1, "effect", 0.0),
    _P("provocation_test", 0.2, 0.6, 0.4, "probability weight", "Provocation added in a year with a DPRK nuclear test.", DPRK_BALANCE, 1, "effect", 0.0),
    _P("conventional_deterrence_effect", 0.1, 0.5, 0.3, "share", "Share of provocation removed by full conventional deterrence (raising its cost).", PROVOCATION_COST, 1, "effect", 0.0),
    # 2 the structural dilemma of 000 §3
    _P("feedback_strength", 0.0, 1.0, 0.5, "multiplier", "Strength of the 000 §3 loop: scales threat→US strengthening and US strengthening/allied hedging→DPRK arsenal growth.", LOOP, 2, "effect", 0.0),
    _P("us_response_gain", 0.2, 1.0, 0.5, "probability weight", "US nuclear-salience response to allied threat (calls for more commitment).", LOOP, 2, "effect", 0.0),
    _P("ed_arsenal_gain", 0.5, 2.0, 1.0, "multiplier", "Extra DPRK arsenal growth per unit of US extended-deterrence strengthening.", LOOP, 2, "effect", 0.0),
    _P("hedging_arsenal_gain", 0.5, 2.0, 1.0, "multiplier", "Extra DPRK arsenal growth per unit of allied hedging.", LOOP, 2, "effect", 0.0),
    _P("prk_arsenal_growth", 0.05, 0.20, 0.12, "1/year", "Intrinsic DPRK arsenal growth rate.", ASSUMED, 2, "rate"),
    _P("sanctions_efficacy", 0.0, 0.5, 0.2, "share", "Share of arsenal growth removed by full sanctions.", PRESSURE, 2, "effect", 0.0),
    _P("dprk_reassurance", 0.0, 0.6, 0.3, "share", "Share of arsenal growth removed by a full multilateral mechanism with NFU (DPRK external security).", DPRK_SECURITY, 2, "effect", 0.0),
    # 3 abandonment fear
    _P("abandonment_intercept", -1.5, -0.5, -1.0, "logit", "Abandonment fear with no drivers.", ASSUMED, 3, "intercept"),
    _P("abandonment_burden", 0.5, 1.5, 1.0, "logit", "Rise of abandonment fear with burden-sharing pressure.", BURDEN, 3, "effect", 0.0),
    _P("abandonment_retrenchment", 0.5, 2.0, 1.0, "logit", "Rise of abandonment fear with US retrenchment.", DURABILITY, 3, "effect", 0.0),
    _P("abandonment_distraction", 0.5, 1.5, 1.0, "logit", "Rise of abandonment fear while the US fights in another theater.", OPPORTUNISM, 3, "effect", 0.0),
    _P("abandonment_threat", 0.5, 1.5, 1.0, "logit", "Rise of abandonment fear with threat (more is at stake).", HOMELAND, 3, "effect", 0.0),
    _P("abandonment_commitment", 0.3, 1.0, 0.7, "logit", "Fall of abandonment fear per unit of each durable commitment: troops, consultation, conventional integration.", CONVENTIONAL, 3, "effect", 0.0),
    _P("abandonment_salience", 0.0, 0.5, 0.1, "logit", "Fall of abandonment fear with nuclear salience (little: 002 §02).", DURABILITY, 3, "effect", 0.0),
    _P("forward_deployment_effect", -1.5, 1.5, 0.0, "logit", "Signed effect of forward nuclear deployment: > 0 raises entrapment fear (002 §03), < 0 lowers abandonment fear (004 citing Reiter).", REITER, 3, "effect", 0.0),
    # 4 entrapment fear
    _P("entrapment_intercept", -2.0, -1.0, -1.5, "logit", "Entrapment fear with no drivers.", ASSUMED, 4, "intercept"),
    _P("entrapment_sensitivity", 0.2, 2.0, 1.0, "logit", "Rise of entrapment fear with (effective) nuclear salience and a nuclear-sharing role.", ENTRAPMENT, 4, "effect", 0.0),
    _P("entrapment_visibility", 0.2, 1.0, 0.5, "logit", "Rise of entrapment fear with visible nuclear operations.", VISIBILITY, 4, "effect", 0.0),
    _P("entrapment_restraint", 0.2, 1.0, 0.5, "logit", "Fall of entrapment fear with declaratory restraint (rare-use framing).", RESTRAINT_PLANNING, 4, "effect", 0.0),
    # 5 public support
    _P("support_intercept_kor", -1.0, 0.5, -0.3, "logit", "ROK public support for own nuclear weapons with no drivers.", ROK_MOST, 5, "intercept"),
    _P("support_intercept_jpn", -3.0, -1.5, -2.2, "logit", "Japanese public support for own nuclear weapons with no drivers (below the ROK's).", ROK_MOST, 5, "intercept"),
    _P("support_threat", 0.5, 2.0, 1.0, "logit", "Rise of public support with threat.", DPRK_BALANCE, 5, "effect", 0.0),
    _P("support_abandonment", 0.5, 2.0, 1.0, "logit", "Rise of public support with abandonment fear.", CONFIDENCE, 5, "effect", 0.0),
    _P("support_entrapment", 0.3, 1.5, 0.8, "logit", "Rise of public support with entrapment fear.", OWN_WEAPONS, 5, "effect", 0.0),
    _P("redeployment_support_effect", 0.0, 0.3, 0.15, "logit", "Fall of public support with US forward deployment (small: 2016 poll, independent capability 6 points above redeployment).", POLL_2016, 5, "effect", 0.0),
    # 6 proliferation and hedging
    _P("hazard_ceiling", 0.02, 0.10, 0.05, "probability per year", "Largest annual probability of a decision to go nuclear.", ASSUMED, 6, "intercept"),
    _P("hazard_intercept", -4.0, -2.0, -3.0, "logit", "Proliferation hazard with no drivers.", POLITICAL_RESTRAINT, 6, "intercept"),
    _P("hazard_support", 1.0, 3.0, 2.0, "logit", "Rise of the hazard with public support.", CONFIDENCE, 6, "effect", 0.0),
    _P("hazard_threat", 0.5, 2.0, 1.0, "logit", "Rise of the hazard with threat (willingness).", CONFIDENCE, 6, "effect", 0.0),
    _P("hazard_abandonment", 0.5, 2.0, 1.0, "logit", "Rise of the hazard with abandonment fear.", CONFIDENCE, 6, "effect", 0.0),
    _P("hazard_latent", 0.5, 2.0, 1.0, "logit", "Rise of the hazard with latent capability (opportunity).", PROCUREMENT, 6, "effect", 0.0),
    _P("hazard_nonproliferation", 0.5, 2.0, 1.0, "logit", "Fall of the hazard with non-proliferation pressure.", POLITICAL_RESTRAINT, 6, "effect", 0.0),
    _P("hazard_assurance", 0.5, 2.0, 1.0, "logit", "Fall of the hazard with assurance.", ASSURANCE_FAIL, 6, "effect", 0.0),
    _P("sharing_pretext", 0.0, 1.0, 0.4, "logit", "Rise of the hazard with a nuclear-sharing role (a pretext for an own deterrent).", SHARING_PRETEXT, 6, "effect", 0.0),
    _P("hedging_intercept", -1.5, -0.5, -1.0, "logit", "Hedging with no drivers.", ASSUMED, 6, "intercept"),
    _P("hedging_abandonment", 0.5, 2.0, 1.0, "logit", "Rise of hedging with abandonment fear (independent procurement).", PROCUREMENT, 6, "effect", 0.0),
    _P("hedging_entrapment", 0.2, 1.0, 0.5, "logit", "Rise of hedging with entrapment fear (self-strengthening).", SELF_STRENGTHEN, 6, "effect", 0.0),
    _P("hedging_threat", 0.5, 1.5, 1.0, "logit", "Rise of hedging with threat.", LOOP, 6, "effect", 0.0),
    _P("hedging_nonproliferation", 0.3, 1.5, 0.8, "logit", "Fall of hedging with non-proliferation pressure.", POLITICAL_RESTRAINT, 6, "effect", 0.0),
    _P("hedging_adjustment", 0.05, 0.3, 0.15, "share per year", "Share of the gap to the hedging target closed each year (capability is slow).", ASSUMED, 6, "rate"),
    # assurance (ally's view; feeds 6)
    _P("assurance_intercept", -0.5, 0.5, 0.0, "logit", "Assurance with no drivers.", ASSUMED, 6, "intercept"),
    _P("assurance_credibility", 0.5, 2.0, 1.0, "logit", "Rise of assurance with deterrence credibility.", CONFIDENCE, 6, "effect", 0.0),
    _P("assurance_consultation", 0.2, 1.0, 0.5, "logit", "Rise of assurance with depth of consultation.", FORCES, 6, "effect", 0.0),
    _P("assurance_abandonment", 1.0, 3.0, 2.0, "logit", "Fall of assurance with abandonment fear.", OPPORTUNISM, 6, "effect", 0.0),
    _P("assurance_entrapment", 0.3, 1.5, 0.8, "logit", "Fall of assurance with entrapment fear.", ENTRAPMENT, 6, "effect", 0.0),
    # 7 crisis and escalation
    _P("crisis_intercept", -3.0, -2.0, -2.5, "logit", "Annual crisis probability with no drivers.", ASSUMED, 7, "intercept"),
    _P("crisis_provocation", 1.0, 3.0, 2.0, "logit", "Rise of crisis probability with provocation.", MISCALCULATION, 7, "effect", 0.0),
    _P("crisis_miscalculation", 0.3, 1.5, 0.8, "logit", "Rise of crisis probability with US extended-deterrence pressure (miscalculation).", PRESSURE, 7, "effect", 0.0),
    _P("crisis_opportunism", 0.5, 2.0, 1.0, "logit", "Rise of crisis probability while the US is engaged in another theater.", OPPORTUNISM, 7, "effect", 0.0),
    _P("crisis_conventional", 0.3, 1.5, 0.8, "logit", "Fall of crisis probability with conventional deterrence.", NONNUCLEAR, 7, "effect", 0.0),
    _P("crisis_multilateral", 0.3, 1.5, 0.8, "logit", "Fall of crisis probability with a multilateral security mechanism.", NFU, 7, "effect", 0.0),
    _P("crisis_restraint", 0.2, 1.0, 0.5, "logit", "Fall of crisis probability with declaratory restraint.", NFU, 7, "effect", 0.0),
    _P("escalation_intercept", -3.5, -2.0, -2.75, "logit", "Probability of nuclear use in a crisis with no drivers.", ASSUMED, 7, "intercept"),
    _P("escalation_arsenal", 0.5, 2.0, 1.0, "logit", "Rise of escalation with the DPRK arsenal.", DPRK_BALANCE, 7, "effect", 0.0),
    _P("escalation_salience", 0.2, 1.0, 0.5, "logit", "Rise of escalation with nuclear salience.", ENTRAPMENT, 7, "effect", 0.0),
    _P("escalation_alignment", 0.2, 1.0, 0.5, "logit", "Rise of escalation with adversary alignment.", ALIGNMENT, 7, "effect", 0.0),
    _P("escalation_restraint", 0.3, 1.5, 0.8, "logit", "Fall of escalation with declaratory restraint.", NFU, 7, "effect", 0.0),
    _P("escalation_credibility", 0.3, 1.5, 0.8, "logit", "Fall of escalation with deterrence credibility (the umbrella deters escalation).", UMBRELLA_CONVENTIONAL, 7, "effect", 0.0),
    # 8 deterrence credibility: capability, resolve, reputation
    _P("us_capability", 0.5, 0.8, 0.65, "probability weight", "US capability as the adversary sees it, before theater additions.", CREDIBILITY, 8, "intercept"),
    _P("capability_conventional", 0.1, 0.5, 0.3, "probability weight", "Capability added by conventional deterrence.", NONNUCLEAR, 8, "effect", 0.0),
    _P("capability_forward", 0.1, 0.5, 0.3, "probability weight", "Capability added by forward nuclear deployment.", FORCES, 8, "effect", 0.0),
    _P("capability_visibility", 0.05, 0.3, 0.15, "probability weight", "Capability added by visible strategic assets.", FORCES, 8, "effect", 0.0),
    _P("resolve_intercept", -0.5, 0.5, 0.0, "logit", "US resolve with no drivers.", ASSUMED, 8, "intercept"),
    _P("resolve_commitment", 0.3, 1.2, 0.7, "logit", "Rise of resolve per unit of troop presence and of consultation.", CREDIBILITY, 8, "effect", 0.0),
    _P("resolve_salience", 0.2, 1.0, 0.5, "logit", "Rise of resolve with nuclear salience.", CREDIBILITY, 8, "effect", 0.0),
    _P("resolve_distraction", 0.5, 1.5, 1.0, "logit", "Fall of resolve while the US fights in another theater.", OPPORTUNISM, 8, "effect", 0.0),
    _P("resolve_retrenchment", 0.5, 2.0, 1.0, "logit", "Fall of resolve with US retrenchment.", DURABILITY, 8, "effect", 0.0),
    _P("resolve_burden", 0.2, 1.0, 0.5, "logit", "Fall of resolve with burden-sharing pressure (a conditional commitment).", BURDEN, 8, "effect", 0.0),
    _P("resolve_homeland_risk", 0.3, 1.5, 0.8, "logit", "Fall of resolve as the DPRK arsenal holds the US homeland at risk.", HOMELAND, 8, "effect", 0.0),
    _P("reputation_adjustment", 0.1, 0.5, 0.25, "share per year", "Share of the gap between reputation and current resolve closed each year.", CREDIBILITY, 8, "rate"),
    _P("reputation_weight", 0.2, 0.6, 0.4, "share", "Weight of reputation (vs current resolve) in credibility.", CREDIBILITY, 8, "effect", 0.0),
)

PARAMETER_BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
NAMES: tuple[str, ...] = tuple(p.name for p in PARAMETERS)


def defaults() -> dict[str, float]:
    return {p.name: p.default for p in PARAMETERS}


def get(name: str) -> Optional[Parameter]:
    return PARAMETER_BY_NAME.get(name)
