"""Uncertain parameters of the regional model, declared once (name, range, default, unit, meaning, source, role).

Samplers, `umbrella params`, the docs and the dashboard all read `PARAMETERS`. Coefficients marked
`logit` are weights inside a logistic function (one unit moves a share from 0.5 to 0.73). No seed
gives numerical values: the ranges are assumptions. Every `effect` coefficient is non-negative and
enters its equation with the sign its own source states; where the seeds disagree, each side's path
is its own coefficient (MODELS.md §4), so no range decides a disagreement by its sign.

`role` (issue 10's ablation interface): `effect` — a mechanism's coefficient, with `neutral` the
value that switches the mechanism off; `intercept` — a level or scale; `rate` — a speed of growth
or adjustment; `initial` — a state in the first simulated year. A parameter's seed is
`source["seed"]`; an assumption or an outside source (`source["bib"]`) has none.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from umbrella.roles import ROLES

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
    source: dict            # {seed, section, quote}, {bib, also, note} for outside sources, or {note} for an assumption
    mechanism: int = 0      # the MODELS.md §4 mechanism (1-11) the parameter belongs to; 0 = initial state and scales
    role: str = "intercept"
    neutral: Optional[float] = None   # the value that switches an `effect` off

    def __post_init__(self) -> None:
        if self.role not in ROLES or (self.role == "effect") != (self.neutral is not None):
            raise ValueError(f"{self.name}: role {self.role!r} with neutral {self.neutral!r}")

    def source_label(self) -> str:
        if "seed" in self.source:
            return f"{self.source['seed'][:3]} {self.source.get('section', '')}".strip()
        if "bib" in self.source:
            return f"[{'; '.join([self.source['bib'], *self.source.get('also', [])])}]"
        return self.source.get("note", "assumption")


def _seed(seed: str, section: str, quote: str) -> dict:
    return {"seed": seed, "section": section, "quote": quote}


def _note(text: str) -> dict:
    return {"note": text}


# seed passages, each quoted verbatim and each about the term that cites it (tests check the quotes)
S000_2 = "§2 二、美国为何强化对朝鲜半岛的延伸威慑力度"
S000_3 = "§3 三、如何看待美国强化半岛延伸威慑力度"
LOOP = _seed(S000, S000_3, "三者互为发展前提，并形成结构性困境")
DPRK_FASTER = _seed(S000, S000_3, "朝鲜加快核研发进程")
ALLIES_HEDGE = _seed(S000, S000_3, "日韩加快拥核和安全自主化进程")
US_RESPONSE = _seed(S000, S000_3, "美国继续加强在该地区延伸威慑力度")
DPRK_BALANCE = _seed(S000, S000_2, "朝鲜经过六次核试验与几十次的核导弹试射，使得朝鲜半岛包括东北亚地区的军事力量对比趋于失衡")
CALLS_FOR_NUKES = _seed(S000, S000_2, "在朝鲜放弃以弃核换和平的路线，以及日本、韩国拥核呼声高涨的情况下")
PRESSURE = _seed(S000, S000_3, "在承受延伸威慑压力和国际社会制裁的状态下，朝核问题将持续复杂化")
BRINK = _seed(S000, S000_3, "东北亚地区将被拖入“恐怖平衡”和“战争边缘”的复杂状态")
DPRK_SECURITY = _seed(S000, S000_3, "通过多种方式增强朝鲜的外部安全感，为朝核问题的持续性解决方案提供探讨框架和可行性路径")
NFU = _seed(S000, S000_3, "以不首先使用核武器（NFU）机制为基础的复合型多边安全协商机制")
SIX_PARTY = _seed(S000, S000_3, "倡导重启六方会谈，探索共同安全利益，为地区紧张局势降温")
SELF_RESTRAINT = _seed(S000, S000_3, "以降温、促和、自我约束和机制约束的理念")
DETERRENCE_PRINCIPLE = _seed(S001, "扩展威慑理论&核保护伞", "威慑的核心原则即是防御国向挑战国发出威胁，增加挑战国的挑战成本，以避免挑战方采取行动")
CREDIBILITY = _seed(S001, "扩展威慑理论&核保护伞", "防御国使用核武器的决心、对手的实力、以及防御国的声誉与行为等，都决定了实施威慑的可信性程度")
POLITICAL_LEVERAGE = _seed(S001, "核保护伞下的韩国安全考量", "核保护伞的价值并不在于实际的战争当中，更多的是抵消朝鲜方面借用核武器获得的政治影响力")
UMBRELLA_CONVENTIONAL = _seed(S001, "核保护伞下的韩国安全考量", "美国的核保护伞让韩国敢于使用常规武器应对侵略，而不用担心朝鲜会将常规冲突升级为核冲突")
BURDEN = _seed(S002, "01 加强核信誉以强化联盟", "特朗普执政时不间断地威胁盟国支付更多防御费用")
PROCUREMENT = _seed(S002, "01 加强核信誉以强化联盟", "近年来两国均启动了国防采购计划以提高独立的军事能力，包括射程不断扩大的精准导弹能力")
HEDGING = _seed(S002, "01 加强核信誉以强化联盟", "这些发展常规军事力量的举措可能有助于缓解被美国抛弃的直接担忧，同时也反映了一种安全对冲（security hedging），即如果任何一个国家选择扩散核武器，这些常规军事力量都可以作为运载核武器的平台进行运用")
POLL_2020 = _seed(S002, "02 评估信用问题", "2020年韩国民调显示，特朗普威胁进行部分撤军等举动降低了公众对美韩联盟互惠性质的认可度，同时也降低了人们对美国核安全保障的信心")
DURABILITY = _seed(S002, "02 评估信用问题", "这确切地表明了严重的信誉问题反映了人们对美国政治承诺持久性的忧虑，而这种情绪与核能力并不相关")
CONVENTIONAL = _seed(S002, "02 评估信用问题", "在联盟框架下进行分工安排，继续在东北亚部署常规军事力量，仍然是证明美国安全承诺可靠性最重要的方式")
ENTRAPMENT = _seed(S002, "03 增加核重要性的反作用", "因为盟国不仅希望得到美国在核安全上的保护，还希望确保美国不会轻易使用核能力，避免在冲突中被牵连")
VISIBILITY = _seed(S002, "03 增加核重要性的反作用", "两种现象的结合意味着，美国过去十年中提高核操作可见度的行动产生了反作用")
ESCALATION_FEAR = _seed(S002, "03 增加核重要性的反作用", "反而加剧了人们对危机升级的担忧")
SELF_STRENGTHEN = _seed(S002, "03 增加核重要性的反作用", "首先，各国担心被卷入由盟友挑起的冲突中，因此寻求自身实力的增强以避免这种情况的发生")
OWN_WEAPONS = _seed(S002, "03 增加核重要性的反作用", "其次，对于美国可能轻易使用核武器的担忧，会促使盟国寻求更大程度上的军事独立，包括发展自己的核武器")
FORWARD_BACKFIRE = _seed(S002, "03 增加核重要性的反作用", "有证据表明，增加前沿部署核能力的举措或许会提高盟国独立拥核的可能性")
POLL_2016 = _seed(S002, "03 增加核重要性的反作用", "韩国2016年的一项民意调查发现，与美国在朝鲜半岛重新部署战术核武器相比，支持独立核能力的占比高出6%")
SHARING_PRETEXT = _seed(S002, "03 增加核重要性的反作用", "美国要求核共享可能成为韩国实现独立核威慑力量的借口")
GUARANTEE_OFFSETS = _seed(S002, "04 实现可信度的最佳方式", "对于想要对朝鲜使用核武器的部分韩国民众而言，足够可信的核安全保障可以抵消韩国对核扩散的追求")
UNRELIABLE = _seed(S002, "04 实现可信度的最佳方式", "同时当认为美国的安全保障不可靠时，支持以更高速度发展独立核武库")
TIPPING_POINT = _seed(S002, "04 实现可信度的最佳方式", "这表明，要找到核威慑扩散的最佳临界点，需要考虑部分人对美国安全承诺持久性和核能力的担忧")
OTHERS_ENTRAPMENT = _seed(S002, "04 实现可信度的最佳方式", "同时要认识到，美国高度可信的核安全保障可能会加剧其他国家对被纠缠的恐惧，从而转而发展独立核武库")
PROVOCATION_COST = _seed(S002, "04 实现可信度的最佳方式", "通过提高朝鲜挑衅的成本，减少朝鲜使用核武器以实现政治军事目标的可能性来应对威慑挑战")
NONNUCLEAR = _seed(S002, "04 实现可信度的最佳方式", "联盟的非核能力，特别是建立在三边协作基础上的能力越强大、越容易被使用、越具有凝聚力，就能够发挥更大的威慑作用")
RESTRAINT_PLANNING = _seed(S002, "04 实现可信度的最佳方式", "如果联盟的核规划功能主要用于通过澄清美国的核武器只在极少情况下使用，从而实现更强的常规威慑，那么就可以在增强美国信誉的同时避免与盟友之间的问题")
PLANNING_UTILITY = _seed(S002, "04 实现可信度的最佳方式", "但如果核规划组织增强了人们对核武器的效用和必要性的认识，那么同时也会促进盟国建立独立的核武库")
DEPRIORITISED = _seed(S002, "05 在不断变化的安全环境中保持可信度", "每一个盟国都担心，如果与朝鲜或中国的冲突只涉及一方，美国将如何对优先级别进行评判")
OVERREACH = _seed(S002, "05 在不断变化的安全环境中保持可信度", "建立美日韩核规划结构等加强三边核威慑的努力可能是过犹不及的")
TRILATERAL_CONVENTIONAL = _seed(S002, "05 在不断变化的安全环境中保持可信度", "在两个联盟之间建立更大规模的常规军事联合，将会更迅速有效，更有利于联盟可信度的长期可持续性")
THAAD = _seed(S002, "06 联盟的核政策可能阻碍更广泛的政策议程", "避免被牵连的不利后果（如中国对美国2017年在韩国部署萨德导弹防御系统的惩罚性反应）")
CHINA_FOCUS = _seed(S002, "06 联盟的核政策可能阻碍更广泛的政策议程", "核武器重要性的提高，也可能影响中国在军备控制和遏制朝鲜发展核武器等重要政策上的关注点")
AUSTRALIA_DSR = _seed(S003, "一、美国的延伸威慑政策", "在我们当前的战略环境下,必须将核升级的风险视为真实存在")
PROVOCATION_HISTORY = _seed(S003, "二、延伸威慑面临的挑战", "再加上朝鲜的挑衅历史,朝鲜半岛误判的可能性不断增加")
DPRK_DOCTRINE = _seed(S003, "二、延伸威慑面临的挑战", "朝鲜的核学说呼吁“先发制人、进攻性核打击”,并拥有能够进行先发制人攻击和核战争的可靠核力量")
ALIGNMENT = _seed(S003, "二、延伸威慑面临的挑战", "但最近它增加了与C国和俄罗斯建立战略伙伴关系的合作姿态")
DETERRENCE_PURPOSE = _seed(S003, "三、保障挑战", "延伸威慑的目的是影响对手,防止对盟友的攻击")
HOMELAND = _seed(S003, "三、保障挑战", "“美国会为了东京而牺牲旧金山,还是为了布拉格而牺牲波士顿?”")
OPPORTUNISM = _seed(S003, "三、保障挑战", "在美国全力参与另一战区的同时,遏制一个战区的机会主义侵略,将对延伸威慑构成挑战,加剧盟国的焦虑,降低他们对延伸威慑满足其安全需求的信心")
CONFIDENCE = _seed(S003, "四、防扩散议程面临的风险", "如果核保护伞下的盟国对延伸威慑失去信心,并确定美国的保障不再满足其安全需求,则可能会给盟国施加压力,要求其发展自己的核武器,从而破坏核不扩散制度")
WORSENING = _seed(S003, "四、防扩散议程面临的风险", "韩国总统尹锡烈在2023年表示,韩国可能不得不考虑建造自己的核武器,以应对日益恶化的安全环境")
ROK_MOST = _seed(S003, "四、防扩散议程面临的风险", "尽管韩国对发展核能力拥有最多的公众支持,但它并不是核保护伞下唯一考虑采取这一举措的国家")
POLITICAL_RESTRAINT = _seed(S003, "四、防扩散议程面临的风险", "这些国家不仅在技术上有能力发展核武器,而且政治考虑也起到了限制作用")
VISIBLE_FORCES = _seed(S003, "五、降低保障风险", "从战略上讲,部队必须持久存在,让对手可见,同时也为盟友所接受,并有可能提供分担负担的选择")
CONSULTATION = _seed(S003, "五、降低保障风险", "这将通过确保盟友感到他们积极参与影响其安全的决策来增加保障")
ASSURANCE_FAIL = _seed(S003, "六、结论", "如果不能解决保障方面的挑战,就会增加盟国核扩散的风险")
S004_3 = "三(一) 核大国境外部署核武器的两种目的"
STRONGEST_SIGNAL = _seed(S004, S004_3, "在诸多手段中,境外核部署被认为是向敌人展示保护盟友的能力和决心的最有力信号")
COSTLY_COMMITMENT = _seed(S004, S004_3, "认为境外核部署是核大国在和平时期所能投入的“最昂贵的成本”,其不仅可以展现核大国坚决守护盟友的能力和决心")
REITER = _seed(S004, S004_3, "境外核部署就成了核大国最有效提升对盟友安全保障、缓解其被抛弃疑虑的手段")
UNILATERAL_WITHDRAWAL = _seed(S004, S004_3, "如果核大国在没有与盟友磋商的状况下单边撤出相关军事部署,就很可能导致盟友对延伸威慑丧失信心,从而选择独自发展核武器")
SHARING_TRUST = _seed(S004, S004_3, "如果盟友能够获得上述涉及核共享的权力,则对延伸威慑的信赖度会更高")
SHARING_LESS_FEAR = _seed(S004, S004_3, "对于被抛弃的恐惧感会更低")
SHARING_RENOUNCE = _seed(S004, S004_3, "因而更愿意放弃自身的核武器计划")
ANTIPODES = _seed(S004, "五(二) 美国对盟友反对立场的报复: 惩罚新西兰", "澳新不仅彼此邻近,而且由于远离地缘冲突焦点,两国的安全环境极为一致,都不存在重大安全威胁")
ASSUMED = _note("assumption: no source gives a value; range chosen wide, to be narrowed by calibration")
NO_SANCTIONS_SEED = _note("assumption: no seed passage says sanctions slow the DPRK arsenal (000 §3 says only that under "
                          "pressure and sanctions the issue grows more complex); the range includes no effect")
GERZHOY = {"bib": "gerzhoy2015alliance", "also": ["monteiro2014strategic"],
           "note": "outside the seeds: a conditional threat of abandonment restrains a militarily dependent ally "
                   "(Gerzhoy 2015); willingness requires a threat not covered by a reliable ally (Monteiro & Debs 2014)"}


def _effect(name, low, high, default, unit, description, source, mechanism, neutral=0.0):
    return Parameter(name, low, high, default, unit, description, source, mechanism, "effect", neutral)


def _level(name, low, high, default, unit, description, source, mechanism):
    return Parameter(name, low, high, default, unit, description, source, mechanism, "intercept")


def _rate(name, low, high, default, unit, description, source, mechanism):
    return Parameter(name, low, high, default, unit, description, source, mechanism, "rate")


_E, _L, _R = _effect, _level, _rate
PARAMETERS: tuple[Parameter, ...] = (
    # initial state and scales
    Parameter("prk_arsenal_initial", 2.0, 10.0, 5.0, "warheads", "DPRK warheads in 2006, the first simulated year (first test).",
              ASSUMED, 0, "initial"),
    _L("prk_arsenal_ceiling", 150.0, 400.0, 250.0, "warheads", "Level at which DPRK arsenal growth saturates (logistic growth).", ASSUMED, 0),
    _R("fear_adjustment", 0.3, 0.9, 0.6, "share per year", "Share of the gap to the target closed each year by the fears and public support.", ASSUMED, 0),
    # 1 threat
    _L("arsenal_half_threat", 20.0, 100.0, 50.0, "warheads", "Arsenal size at which the arsenal's normalised weight a = A/(A+h) is 1/2.", ASSUMED, 1),
    _E("threat_arsenal", 0.3, 0.8, 0.6, "probability weight", "Weight of the (normalised) DPRK arsenal in allied threat perception.", DPRK_BALANCE, 1),
    _E("threat_provocation", 0.2, 0.6, 0.4, "probability weight", "Weight of DPRK provocation in allied threat perception.", PROVOCATION_HISTORY, 1),
    _E("threat_alignment", 0.1, 0.5, 0.3, "probability weight", "Weight of DPRK–China–Russia alignment in allied threat perception.", ALIGNMENT, 1),
    _L("threat_exposure_jpn", 0.5, 1.0, 0.8, "ratio", "Japan's exposure to the DPRK threat relative to the ROK's.", ASSUMED, 1),
    _L("threat_exposure_aus", 0.05, 0.3, 0.15, "ratio", "Australia's exposure to the DPRK threat relative to the ROK's (far from the peninsula).", ANTIPODES, 11),
    _L("china_exposure_aus", 1.0, 2.0, 1.5, "ratio", "Australia's exposure to the China-backed alignment relative to the ROK's and Japan's.", AUSTRALIA_DSR, 11),
    # 2 deterrence against the spiral: DPRK provocation and arsenal, the 000 §3 loop, the adversary's view of credibility
    _L("provocation_base", 0.1, 0.3, 0.2, "index", "DPRK provocation without arsenal, pressure or tests.", ASSUMED, 2),
    _E("provocation_arsenal", 0.1, 0.5, 0.3, "probability weight", "Provocation driven by the arsenal (coercive political leverage).", POLITICAL_LEVERAGE, 2),
    _E("provocation_pressure", 0.05, 0.4, 0.2, "probability weight", "Spiral: provocation in response to US extended-deterrence strengthening.", PRESSURE, 2),
    _E("provocation_test", 0.2, 0.6, 0.4, "probability weight", "Provocation added in a year with a DPRK nuclear test.", DPRK_BALANCE, 2),
    _E("conventional_deterrence_effect", 0.1, 0.5, 0.3, "share", "Share of provocation removed by full conventional deterrence (raising its cost).", PROVOCATION_COST, 2),
    _E("provocation_deterrence", 0.1, 0.6, 0.3, "share", "Deterrence: share of provocation removed by full deterrence credibility (the adversary's view).", DETERRENCE_PRINCIPLE, 2),
    _E("provocation_reassurance", 0.05, 0.5, 0.2, "share", "Share of provocation removed by full DPRK external security (a multilateral mechanism and restraint).", DPRK_SECURITY, 10),
    _E("feedback_strength", 0.0, 1.0, 0.5, "multiplier", "Strength of the 000 §3 loop: scales threat→US strengthening and US strengthening/allied hedging→DPRK arsenal growth.", LOOP, 2),
    _E("us_response_gain", 0.2, 1.0, 0.5, "probability weight", "US nuclear-salience response to allied threat (calls for more commitment).", US_RESPONSE, 2),
    _E("ed_arsenal_gain", 0.5, 2.0, 1.0, "multiplier", "Spiral: extra DPRK arsenal growth per unit of US extended-deterrence strengthening.", DPRK_FASTER, 2),
    _E("hedging_arsenal_gain", 0.5, 2.0, 1.0, "multiplier", "Extra DPRK arsenal growth per unit of allied hedging.", ALLIES_HEDGE, 2),
    _R("prk_arsenal_growth", 0.05, 0.20, 0.12, "1/year", "Intrinsic DPRK arsenal growth rate.", ASSUMED, 2),
    _E("sanctions_efficacy", 0.0, 0.5, 0.2, "share", "Share of arsenal growth removed by full sanctions with China fully cooperating.", NO_SANCTIONS_SEED, 2),
    _E("dprk_reassurance", 0.05, 0.6, 0.3, "share", "Share of arsenal growth removed by full DPRK external security (a multilateral mechanism and restraint).", DPRK_SECURITY, 10),
    _L("us_capability", 0.5, 0.8, 0.65, "probability weight", "US capability as the adversary sees it, before theater additions.", CREDIBILITY, 2),
    _E("capability_conventional", 0.1, 0.5, 0.3, "probability weight", "Capability added by conventional deterrence.", NONNUCLEAR, 2),
    _E("capability_forward", 0.1, 0.5, 0.3, "probability weight", "Capability added by forward nuclear deployment (the strongest signal to the adversary).", STRONGEST_SIGNAL, 2),
    _E("capability_visibility", 0.05, 0.3, 0.15, "probability weight", "Capability added by strategic assets visible to the adversary.", VISIBLE_FORCES, 2),
    _L("resolve_intercept", -0.5, 0.5, 0.0, "logit", "US resolve with no drivers.", ASSUMED, 2),
    _E("resolve_commitment", 0.3, 1.2, 0.7, "logit", "Rise of resolve per unit of troop presence and of consultation (voice).", CREDIBILITY, 2),
    _E("resolve_salience", 0.2, 1.0, 0.5, "logit", "Rise of resolve with nuclear salience (resolve to use nuclear weapons).", CREDIBILITY, 2),
    _E("resolve_distraction", 0.5, 1.5, 1.0, "logit", "Fall of resolve while the US fights in another theater.", OPPORTUNISM, 2),
    _E("resolve_retrenchment", 0.5, 2.0, 1.0, "logit", "Fall of resolve with US retrenchment.", DURABILITY, 2),
    _E("resolve_burden", 0.2, 1.0, 0.5, "logit", "Fall of resolve with burden-sharing pressure (a conditional commitment).", BURDEN, 2),
    _E("resolve_homeland_risk", 0.3, 1.5, 0.8, "logit", "Fall of resolve as the DPRK arsenal holds the US homeland at risk.", HOMELAND, 2),
    _E("reputation_weight", 0.2, 0.6, 0.4, "share", "Weight of reputation (the record of behaviour) against current resolve in credibility.", CREDIBILITY, 2),
    # 3 abandonment fear
    _L("abandonment_intercept", -1.5, -0.5, -1.0, "logit", "Abandonment fear with no drivers.", ASSUMED, 3),
    _E("abandonment_burden", 0.5, 1.5, 1.0, "logit", "Rise of abandonment fear with burden-sharing pressure.", BURDEN, 3),
    _E("abandonment_retrenchment", 0.5, 2.0, 1.0, "logit", "Rise of abandonment fear with US retrenchment.", DURABILITY, 3),
    _E("abandonment_distraction", 0.5, 1.5, 1.0, "logit", "Rise of abandonment fear while the US fights in another theater.", OPPORTUNISM, 3),
    _E("abandonment_threat", 0.5, 1.5, 1.0, "logit", "Rise of abandonment fear with threat (more is at stake).", HOMELAND, 3),
    _E("abandonment_commitment", 0.3, 1.0, 0.7, "logit", "Fall of abandonment fear per unit of each durable commitment: troops, consultation (voice), conventional integration.", CONVENTIONAL, 3),
    _E("abandonment_salience", 0.0, 0.5, 0.1, "logit", "Fall of abandonment fear with nuclear salience (little: 002 §02).", DURABILITY, 3),
    _E("abandonment_reputation", 0.3, 1.5, 0.8, "logit", "Rise of abandonment fear as the US record of behaviour (reputation) falls.", UNILATERAL_WITHDRAWAL, 3),
    _E("forward_assurance", 0.2, 1.5, 0.8, "logit", "004 (Reiter): fall of abandonment fear with forward nuclear deployment on the ally's soil.", REITER, 3),
    # 4 entrapment fear
    _L("entrapment_intercept", -2.0, -1.0, -1.5, "logit", "Entrapment fear with no drivers.", ASSUMED, 4),
    _E("entrapment_sensitivity", 0.2, 2.0, 1.0, "logit", "Rise of entrapment fear with (effective) nuclear salience.", ENTRAPMENT, 4),
    _E("entrapment_visibility", 0.2, 1.0, 0.5, "logit", "Rise of entrapment fear with visible nuclear operations.", VISIBILITY, 4),
    _E("entrapment_restraint", 0.2, 1.0, 0.5, "logit", "Fall of entrapment fear with declaratory restraint (rare-use framing).", RESTRAINT_PLANNING, 4),
    _E("forward_entrapment", 0.2, 1.5, 0.8, "logit", "002 §03: rise of entrapment fear with forward nuclear deployment on the ally's soil.", FORWARD_BACKFIRE, 4),
    _E("entrapment_counter_pressure", 0.2, 1.5, 0.8, "logit", "Rise of the host's entrapment fear with China's counter-pressure (the cost of being entangled).", THAAD, 10),
    # 5 consultation: voice against control; trilateral cooperation
    _E("assurance_consultation", 0.2, 1.0, 0.5, "logit", "Voice: rise of assurance with information and voice in consultation (EDSCG, NCG).", CONSULTATION, 5),
    _E("assurance_control", 0.2, 1.5, 0.8, "logit", "Control (004, Jiang): rise of assurance with a nuclear-sharing role.", SHARING_TRUST, 5),
    _E("sharing_abandonment", 0.2, 1.5, 0.8, "logit", "Control (004, Jiang): fall of abandonment fear with a nuclear-sharing role.", SHARING_LESS_FEAR, 5),
    _E("sharing_renunciation", 0.2, 1.0, 0.5, "logit", "Control (004, Jiang): fall of the hazard with a nuclear-sharing role (more willing to give up an own programme).", SHARING_RENOUNCE, 5),
    _E("planning_utility", 0.2, 1.5, 0.8, "logit", "002 §04: rise of public support for own weapons with a nuclear-planning role (sharing, trilateral planning): their perceived utility.", PLANNING_UTILITY, 5),
    _E("sharing_pretext", 0.2, 1.0, 0.5, "logit", "002 §03: rise of the hazard with a nuclear-sharing role (a pretext for an own deterrent).", SHARING_PRETEXT, 5),
    _E("trilateral_conventional", 0.1, 0.4, 0.25, "probability weight", "Conventional deterrence added by Japan–ROK–US trilateral cooperation.", NONNUCLEAR, 5),
    _E("assurance_trilateral", 0.1, 1.0, 0.5, "logit", "Rise of assurance with trilateral conventional cooperation.", TRILATERAL_CONVENTIONAL, 5),
    _E("trilateral_deprioritisation", 0.2, 1.5, 0.8, "logit", "Rise of abandonment fear with trilateral nuclear planning (fear of being deprioritised).", DEPRIORITISED, 5),
    _E("trilateral_entrapment", 0.2, 1.5, 0.8, "logit", "Rise of entrapment fear with trilateral nuclear planning (overreach, 过犹不及).", OVERREACH, 5),
    # 6 two publics; assurance
    _E("entrapment_public_share", 0.1, 0.9, 0.5, "share", "Share of the public driven by entrapment fear (the rest is driven by abandonment fear).", OTHERS_ENTRAPMENT, 6),
    _L("support_intercept_kor", -1.0, 0.5, -0.3, "logit", "ROK public support for own nuclear weapons with no drivers.", ROK_MOST, 6),
    _L("support_intercept_jpn", -3.0, -1.5, -2.2, "logit", "Japanese public support for own nuclear weapons with no drivers (below the ROK's).", ROK_MOST, 6),
    _L("support_intercept_aus", -3.0, -1.5, -2.2, "logit", "Australian public support for own nuclear weapons with no drivers (below the ROK's).", ROK_MOST, 11),
    _E("support_threat", 0.5, 2.0, 1.0, "logit", "Rise of public support with threat.", CALLS_FOR_NUKES, 6),
    _E("support_abandonment", 0.5, 2.0, 1.0, "logit", "Abandonment-driven public: rise of support with abandonment fear.", UNRELIABLE, 6),
    _E("support_guarantee", 0.5, 2.5, 1.2, "logit", "Abandonment-driven public: fall of support with the credibility of the US nuclear guarantee (deterrence credibility).", GUARANTEE_OFFSETS, 6),
    _E("support_entrapment", 0.3, 1.5, 0.8, "logit", "Entrapment-driven public: rise of support with entrapment fear.", OWN_WEAPONS, 6),
    _E("redeployment_support_effect", 0.05, 0.3, 0.15, "logit", "Abandonment-driven public: fall of support with US forward deployment (small: 2016 poll, independent capability 6 points above redeployment).", POLL_2016, 6),
    _L("assurance_intercept", -0.5, 0.5, 0.0, "logit", "Assurance with no drivers.", ASSUMED, 6),
    _E("assurance_credibility", 0.5, 2.0, 1.0, "logit", "Rise of assurance with deterrence credibility.", CONFIDENCE, 6),
    _E("assurance_guarantee", 0.5, 2.5, 1.2, "logit", "Abandonment-driven public: rise of assurance with the credibility of the US guarantee (its durability and nuclear capability).", TIPPING_POINT, 6),
    _E("assurance_abandonment", 1.0, 3.0, 2.0, "logit", "Abandonment-driven public: fall of assurance with abandonment fear.", OPPORTUNISM, 6),
    _E("assurance_entrapment", 0.3, 1.5, 0.8, "logit", "Entrapment-driven public: fall of assurance with entrapment fear.", ENTRAPMENT, 6),
    # 7 proliferation hazard and hedging
    _L("hazard_ceiling", 0.02, 0.10, 0.05, "probability per year", "Largest annual probability of a decision to go nuclear.", ASSUMED, 7),
    _L("hazard_intercept", -4.0, -2.0, -3.0, "logit", "Proliferation hazard with no drivers.", ASSUMED, 7),
    _E("hazard_support", 1.0, 3.0, 2.0, "logit", "Rise of the hazard with public support (pressure on the government).", CONFIDENCE, 7),
    _E("hazard_threat", 0.5, 2.0, 1.0, "logit", "Rise of the hazard with threat (willingness).", WORSENING, 7),
    _E("hazard_abandonment", 0.5, 2.0, 1.0, "logit", "Abandonment as driver: rise of the hazard with abandonment fear.", CONFIDENCE, 7),
    _E("hazard_latent", 0.5, 2.0, 1.0, "logit", "Rise of the hazard with latent capability (opportunity).", HEDGING, 7),
    _E("hazard_nonproliferation", 0.5, 2.0, 1.0, "logit", "Fall of the hazard with non-proliferation pressure (political restraint).", POLITICAL_RESTRAINT, 7),
    _E("hazard_assurance", 0.5, 2.0, 1.0, "logit", "Fall of the hazard with assurance.", ASSURANCE_FAIL, 7),
    _E("conditional_abandonment", 0.5, 3.0, 1.5, "logit", "Abandonment as restraint: fall of the hazard with a conditional threat of abandonment (non-proliferation pressure × military dependence).", GERZHOY, 7),
    _L("hedging_intercept", -1.5, -0.5, -1.0, "logit", "Hedging with no drivers.", ASSUMED, 7),
    _E("hedging_abandonment", 0.5, 2.0, 1.0, "logit", "Rise of hedging with abandonment fear (independent procurement).", PROCUREMENT, 7),
    _E("hedging_entrapment", 0.2, 1.0, 0.5, "logit", "Rise of hedging with entrapment fear (self-strengthening).", SELF_STRENGTHEN, 7),
    _E("hedging_threat", 0.5, 1.5, 1.0, "logit", "Rise of hedging with threat.", ALLIES_HEDGE, 7),
    _E("hedging_nonproliferation", 0.3, 1.5, 0.8, "logit", "Fall of hedging with non-proliferation pressure.", POLITICAL_RESTRAINT, 7),
    _R("hedging_adjustment", 0.05, 0.3, 0.15, "share per year", "Share of the gap to the hedging target closed each year (capability is slow).", ASSUMED, 7),
    # 8 crisis and escalation
    _L("crisis_intercept", -3.0, -2.0, -2.5, "logit", "Annual crisis probability with no drivers.", ASSUMED, 8),
    _E("crisis_provocation", 1.0, 3.0, 2.0, "logit", "Rise of crisis probability with provocation (miscalculation).", PROVOCATION_HISTORY, 8),
    _E("crisis_miscalculation", 0.3, 1.5, 0.8, "logit", "Spiral: rise of crisis probability with US extended-deterrence strengthening.", BRINK, 8),
    _E("crisis_deterrence", 0.5, 3.0, 1.5, "logit", "Deterrence: fall of crisis probability with deterrence credibility (the adversary's view).", DETERRENCE_PURPOSE, 8),
    _E("crisis_opportunism", 0.5, 2.0, 1.0, "logit", "Rise of crisis probability while the US is engaged in another theater.", OPPORTUNISM, 8),
    _E("crisis_conventional", 0.3, 1.5, 0.8, "logit", "Fall of crisis probability with conventional deterrence.", NONNUCLEAR, 8),
    _E("crisis_multilateral", 0.3, 1.5, 0.8, "logit", "Fall of crisis probability with a multilateral security mechanism (dialogue).", SIX_PARTY, 8),
    _E("crisis_restraint", 0.2, 1.0, 0.5, "logit", "Fall of crisis probability with declaratory restraint.", SELF_RESTRAINT, 8),
    _L("escalation_intercept", -3.5, -2.0, -2.75, "logit", "Probability of nuclear use in a crisis with no drivers.", ASSUMED, 8),
    _E("escalation_arsenal", 0.5, 2.0, 1.0, "logit", "Rise of escalation with the DPRK arsenal (pre-emptive doctrine).", DPRK_DOCTRINE, 8),
    _E("escalation_salience", 0.2, 1.0, 0.5, "logit", "Rise of escalation with nuclear salience.", ESCALATION_FEAR, 8),
    _E("escalation_alignment", 0.2, 1.0, 0.5, "logit", "Rise of escalation with adversary alignment.", ALIGNMENT, 8),
    _E("escalation_restraint", 0.3, 1.5, 0.8, "logit", "Fall of escalation with declaratory restraint.", NFU, 8),
    _E("escalation_credibility", 0.3, 1.5, 0.8, "logit", "Fall of escalation with deterrence credibility (the umbrella deters escalation).", UMBRELLA_CONVENTIONAL, 8),
    # 9 reputation: a record of observed US behaviour
    _L("reputation_intercept", -0.5, 1.0, 0.25, "logit", "Reputation of a US that neither retrenches, fights elsewhere, withdraws nor redeploys.", ASSUMED, 9),
    _E("reputation_retrenchment", 0.5, 2.0, 1.0, "logit", "Fall of reputation in a year of observed US retrenchment.", POLL_2020, 9),
    _E("reputation_distraction", 0.2, 1.0, 0.5, "logit", "Fall of reputation in a year the US fights in another theater.", OPPORTUNISM, 9),
    _E("reputation_withdrawal", 0.5, 2.0, 1.0, "logit", "Fall of reputation per unit of presence withdrawn that year (troops, forward deployment; all allies).", UNILATERAL_WITHDRAWAL, 9),
    _E("reputation_redeployment", 0.2, 1.0, 0.5, "logit", "Rise of reputation per unit of forward deployment added that year (a costly commitment).", COSTLY_COMMITMENT, 9),
    _R("reputation_adjustment", 0.1, 0.5, 0.25, "share per year", "Share of the gap to the current record closed each year (the memory of behaviour).", ASSUMED, 9),
    # 10 China
    _L("cooperation_intercept", -0.5, 1.5, 0.5, "logit", "China's cooperation in restraining the DPRK with no drivers.", ASSUMED, 10),
    _E("cooperation_salience", 0.3, 2.0, 1.0, "logit", "Fall of China's cooperation with US nuclear salience in the region.", CHINA_FOCUS, 10),
    _E("cooperation_alignment", 0.5, 2.0, 1.0, "logit", "Fall of China's cooperation with DPRK–China–Russia alignment.", ALIGNMENT, 10),
    _E("sanctions_china_dependence", 0.2, 0.8, 0.5, "share", "Share of sanctions efficacy lost when China does not cooperate.", CHINA_FOCUS, 10),
    _E("counter_pressure_hosting", 0.3, 0.9, 0.6, "probability weight", "China's counter-pressure on an ally hosting US strategic assets (THAAD-type or nuclear), at full hosting.", THAAD, 10),
    _R("china_adjustment", 0.3, 0.9, 0.6, "share per year", "Share of the gap to the target closed each year by China's cooperation and counter-pressure.", ASSUMED, 10),
)

PARAMETER_BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
NAMES: tuple[str, ...] = tuple(p.name for p in PARAMETERS)


def defaults() -> dict[str, float]:
    return {p.name: p.default for p in PARAMETERS}


def get(name: str) -> Optional[Parameter]:
    return PARAMETER_BY_NAME.get(name)
