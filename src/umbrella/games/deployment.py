"""`deployment-bargaining`: seed 004's typology formalised as a sequential game (MODELS.md §2).

The patron (US) faces a host that opposes a nuclear deployment on its soil. The patron concedes
(and then may punish), persuades, or pressures; the host accepts or refuses persuasion, complies
with or resists pressure. Payoffs depend on `alt` and `multilateral` only through mechanisms 004
names (relocation cost, value of nuclear planning, security dependence, cohesion cost of pressure,
demonstration effect of punishment) — the typology is never looked up when solving.
"""
from __future__ import annotations

from typing import Mapping, Optional

from umbrella.games.core import Case, Decision, Game, Parameter, Player, Source, Terminal

S004 = "004_a9c63d3a1281ba4d.txt"
_T = lambda en, zh: {"en": en, "zh": zh}  # noqa: E731

GEOGRAPHIC_ALT = Source(S004, "§4(1)", "首先是地理的可替代性,即核大国是否拥有替代性的部署地点")
TECHNICAL_ALT = Source(S004, "§4(1)", "其次是技术的可替代性,即核大国是否拥有可以克服地理距离障碍的武器技术")
RELOCATION_COST = Source(S004, "§4(1)", "由于改变既有的核部署安排需要重新进行外交谈判、制定新的部署计划、"
                         "研发生产新的武器装备,这将增加美国的政治、经济和技术成本")
MILITARY_VALUE = Source(S004, "§4(1)", "为了强化核武器的威慑和实战能力,核大国一般偏好在毗邻对手国家的地点进行核部署")
NO_ALT_INSIST = Source(S004, "§4(1)", "当不存在替代性的核部署方式时,出于实现自身军事战略利益的考虑,"
                       "其一般会倾向于坚持原有的核部署方案")
PREFERENCE = Source(S004, "§4(1)", "相对于向盟友让步并采取替代性的核部署方式,美国的最优选择仍是说服或强迫盟友接受原有的核部署方式")
ALTERNATIVE_ALIGNMENT = Source(S004, "§4(2)", "一是同盟内部可能形成排除美国的其他结盟选择")
EXIT_CONTAGION = Source(S004, "§4(2)", "二是美国担心当某一盟友出现反美情绪而退出同盟后,可能会影响其他盟友,"
                        "造成退盟的多米诺骨牌效应")
PLANNING = Source(S004, "§4(2)", "使盟友获得核战略与核部署安排的集体磋商权")
DEPENDENCE = Source(S004, "§4(3)", "在双边结构的同盟中,盟友对美国的安全依赖程度更高,且缺乏与美国进行讨价还价的政治工具")
SECRECY = Source(S004, "§4(2)", "美国也能够通过更为隐蔽的方式和亚太盟友达成双边协议")
LONG_CONSULTATION = Source(S004, "§4(3)", "美国会与盟友做长期的沟通和协商,希望得到盟友对核部署的同意和谅解")
DEMONSTRATION = Source(S004, "§4(3)", "为了警告其他盟友,美国会凭借优势地位对反对核部署的盟友进行报复")
MULTILATERAL_BACKLASH = Source(S004, "§4(2)", "以避免其与个别盟友之间的嫌隙和争议影响整个核同盟的核战略安排,"
                               "导致其他盟友对延伸威慑失去信心")
HOST_COST = Source(S004, "§4(3)", "对于反对核部署的盟友来说,固定式部署将使他们面对更高的核安保、核安全以及受到核冲突牵连的风险")
FIRM_OPPOSITION = Source(S004, "§4(1)", "只有当盟友的反对十分坚决时,美国才会考虑采用替代性的核部署方式")
NZ_DEMONSTRATION = Source(S004, "§5(2)", "由于不希望新西兰的反抗行为对其他盟友产生负面的示范效应")
HOST_SECURITY = Source(S004, "§4(3)", "对于需要美国安全保障的盟友来说,固定式部署能使他们在和平时期更紧密地与美国庞大的核武库捆绑在一起,"
                       "进而更大程度地满足其安全需求")
PRESENCE_KEPT = Source(S004, "§5(1)", "即使从西班牙撤除核部署,美国还是能够维持在西欧地区的军事存在")

#: 004 Table 1: (alt, multilateral) -> the patron's strategy. Used only to *compare* (maps, tests).
TABLE_1 = {(1, 1): "concede", (1, 0): "concede_punish", (0, 1): "persuade", (0, 0): "pressure"}


def relocation_value(p: Mapping[str, float]) -> float:
    """What the patron keeps when the host refuses: the deployment's value moved to the alternative,
    less the cost of moving it — only if an alternative exists (and moving is worth it); otherwise
    the value is lost."""
    return max(p["v"] - p["c_alt"], 0.0) if p["alt"] else 0.0


def security_at_stake(p: Mapping[str, float]) -> float:
    """Host's security value of the deployment that it loses by saying no: all of it if there is no
    alternative; none if the deployment moves to a nearby alternative and still covers the region —
    which is why a host facing a patron with an alternative can afford firm opposition."""
    return (1 - p["alt"]) * p["security_value"]


def planning_value(p: Mapping[str, float]) -> float:
    """Host's value of taking part in nuclear planning (NPG, dual key): larger if multilateral."""
    return p["planning_value"] + p["multilateral"] * p["planning_premium"]


def dependence(p: Mapping[str, float]) -> float:
    """Host's security dependence on the patron: higher in a bilateral alliance."""
    return p["dependence"] + (1 - p["multilateral"]) * p["dependence_premium"]


def cohesion_cost(p: Mapping[str, float]) -> float:
    """Patron's cost of pressuring an ally: far higher in a multilateral alliance (exit contagion,
    alternative alignments)."""
    return p["c_cohesion"] + p["multilateral"] * p["cohesion_premium"]


def demonstration(p: Mapping[str, float]) -> float:
    """Effect of punishing a defiant host on the patron's other allies: a warning that deters other
    defiance in hub-and-spoke, a loss of confidence in a multilateral alliance."""
    return (1 - p["multilateral"]) * p["demo_hub"] - p["multilateral"] * p["demo_multilateral_loss"]


def _tree(p: Mapping[str, float]):
    keep = relocation_value(p)
    hosted = p["security_value"] - p["d"]     # host's payoff of hosting the deployment
    not_hosted = p["security_value"] - security_at_stake(p)  # ... of not hosting it

    def end(outcome, patron, host):
        return Terminal(outcome, {"patron": patron, "host": host})
    after_concede = Decision("patron", "punish?", (
        ("forgo", end("concede", keep, not_hosted)),
        ("punish", end("concede_punish", keep - p["c_punish"] + demonstration(p), not_hosted - p["punish_harm"]))))
    persuaded = Decision("host", "persuaded", (
        ("accept", end("persuade", p["v"] - p["c_persuade"], hosted + planning_value(p))),
        ("refuse", end("persuasion_fails", keep - p["c_persuade"], not_hosted))))
    pressured = Decision("host", "pressured", (
        ("comply", end("pressure", p["v"] - cohesion_cost(p), hosted)),
        ("resist", end("pressure_fails", keep - cohesion_cost(p), not_hosted - dependence(p)))))
    return Decision("patron", "response", (("concede", after_concede), ("persuade", persuaded),
                                           ("pressure", pressured)))


def _prediction(p: Mapping[str, float]) -> Optional[str]:
    return TABLE_1.get((int(p["alt"]), int(p["multilateral"])))


def _analyse(game, params, solution) -> dict:
    predicted = _prediction(params)
    return {"mechanisms": {"relocation_value": relocation_value(params), "planning_value": planning_value(params),
                           "security_at_stake": security_at_stake(params),
                           "dependence": dependence(params), "cohesion_cost": cohesion_cost(params),
                           "demonstration": demonstration(params)},
            "typology": predicted, "typology_holds": solution.outcome == predicted,
            "margin": solution.margins["patron:response"]}


def _p(name, default, low, high, en, zh, *sources, unit="utility (v = 10 by default)", values=None,
       role="effect", neutral=0.0):
    """A payoff term of one of 004's mechanisms unless said otherwise: an `effect` whose neutral
    value 0 removes the term from every payoff."""
    return Parameter(name, default, low, high, unit, _T(en, zh), tuple(sources), values, role,
                     neutral if role == "effect" else None)


PARAMETERS = (
    _p("alt", 1, 0, 1, "1 if an alternative deployment exists (another willing ally nearby, or a delivery "
       "system that makes the host unnecessary)", "存在替代性核部署方式(地理或技术)为1", GEOGRAPHIC_ALT,
       TECHNICAL_ALT, unit="indicator", values=(0.0, 1.0), role="initial"),
    _p("multilateral", 1, 0, 1, "1 if the alliance is multilateral (NATO), 0 if bilateral hub-and-spoke",
       "多边同盟(北约)为1,双边轴辐型为0", PLANNING, DEPENDENCE, unit="indicator", values=(0.0, 1.0),
       role="initial"),
    _p("v", 10.0, 5.0, 15.0, "patron's military value of the deployment at this host",
       "该部署对美国的军事价值", MILITARY_VALUE, NO_ALT_INSIST, role="intercept"),
    _p("c_alt", 5.0, 0.0, 10.0, "patron's cost of relocating to the alternative (new negotiations, plans, "
       "weapons; prestige); only if alt", "改用替代部署的成本(仅当存在替代方式)", RELOCATION_COST, PREFERENCE),
    _p("d", 7.0, 0.0, 10.0, "host's domestic cost of hosting (security, safety, entanglement risks; opposition): "
       "how firm its opposition is", "东道国承担部署的国内代价(反对的坚决程度)", HOST_COST, FIRM_OPPOSITION),
    _p("security_value", 3.0, 0.0, 6.0, "host's security value of the deployment (binding it to the US arsenal); "
       "kept if the deployment moves to a nearby alternative", "部署对东道国的安全价值(与美国核武库捆绑);"
       "若移至邻近替代地点则仍可保有", HOST_SECURITY, PRESENCE_KEPT),
    _p("c_persuade", 3.0, 0.0, 8.0, "patron's cost of long consultation and side payments",
       "长期沟通协商与补偿的成本", LONG_CONSULTATION),
    _p("planning_value", 2.0, 0.0, 5.0, "host's value of taking part in nuclear planning in a bilateral "
       "alliance", "双边同盟中东道国参与核规划的价值", PLANNING),
    _p("planning_premium", 4.0, 0.0, 8.0, "extra value of nuclear planning in a multilateral alliance (NPG, "
       "dual key)", "多边同盟(核计划小组、双钥匙)中参与核规划的额外价值", PLANNING),
    _p("dependence", 3.0, 0.0, 8.0, "host's security dependence on the patron in a multilateral alliance "
       "(its loss if it defies pressure)", "多边同盟中东道国对美国的安全依赖(抗压的损失)", DEPENDENCE),
    _p("dependence_premium", 3.0, 0.0, 8.0, "extra security dependence in a bilateral alliance",
       "双边同盟中额外的安全依赖", DEPENDENCE),
    _p("c_cohesion", 2.0, 0.0, 6.0, "patron's cohesion cost of pressure in a bilateral alliance (low: deals "
       "can be secret)", "双边同盟中施压的凝聚力代价(可秘密处理,较低)", SECRECY),
    _p("cohesion_premium", 8.0, 0.0, 15.0, "extra cohesion cost of pressure in a multilateral alliance "
       "(exit contagion, alternative alignments)", "多边同盟中施压的额外凝聚力代价(退盟多米诺、其他结盟选择)",
       EXIT_CONTAGION, ALTERNATIVE_ALIGNMENT),
    _p("c_punish", 1.0, 0.0, 4.0, "patron's cost of punishing the host", "美国实施惩罚的成本", DEMONSTRATION),
    _p("demo_hub", 3.0, 0.0, 6.0, "demonstration effect of punishment on other allies in hub-and-spoke "
       "(a warning)", "轴辐型同盟中惩罚对其他盟友的示警效应", DEMONSTRATION, NZ_DEMONSTRATION),
    _p("demo_multilateral_loss", 3.0, 0.0, 6.0, "loss from punishment in a multilateral alliance (other "
       "allies lose confidence)", "多边同盟中惩罚造成的损失(其他盟友失去信心)", MULTILATERAL_BACKLASH),
    _p("punish_harm", 3.0, 0.0, 6.0, "host's loss from punishment", "东道国因惩罚遭受的损失", DEMONSTRATION),
)


CASES = {c.id: c for c in (
    Case("spain-1988", _T("Spain: 1977 ban, 1988 agreement moving the wing to Italy", "西班牙:1977年禁核立法,1988年协议将核任务移至意大利"),
         {"alt": 1, "multilateral": 1, "d": 8.0}, "concede",
         _T("Italy could take the mission (alt); NATO member; the democratic transition and Palomares made "
            "hosting very costly at home (d high), so persuasion would fail.",
            "意大利可承接(存在替代);北约成员;民主转型与帕洛马雷斯事件使部署的国内代价很高,劝导难以成功。"),
         (Source(S004, "§5(1)", "美国最终不得不在1988年12月与西班牙达成新的协议,将原本西班牙空军基地承担的核部署任务移转到意大利"),
          Source(S004, "§5(1)", "1977年,民主转型后的西班牙国会正式以立法方式禁止在本国境内的核部署"))),
    Case("new-zealand-1986", _T("New Zealand: 1984-87 ship-visit ban, punished", "新西兰:1984—1987年禁止核舰访问,遭惩罚"),
         {"alt": 1, "multilateral": 0, "d": 9.0, "dependence": 1.0, "security_value": 0.0}, "concede_punish",
         _T("Australia was an alternative (alt); ANZUS counts as bilateral; 60-70% of the public backed the "
            "ban (d high); New Zealand faced no major threat and did not need nuclear protection (low dependence "
            "and security value), so pressure would fail.",
            "澳大利亚可替代;澳新美同盟视为双边;六至七成民众支持禁令(d高);新西兰无重大安全威胁、不需要核保护(依赖与安全价值低),施压难奏效。"),
         (Source(S004, "§5(2)", "其主要原因是美国在南太平洋地区有可替代性的双边盟友澳大利亚"),
          Source(S004, "§5(2)", "在1984年新西兰大选前夕的民意调查中,已经有60%~70%的被调查者支持禁止美军涉核舰艇到访新西兰"),
          Source(S004, "§5(2)", "新西兰在战略上并不需要核武器的保护"),
          Source(S004, "§5(2)", "美国进一步于1986年6月正式停止对新西兰承担安全义务"))),
    Case("netherlands-1985", _T("Netherlands and the 1979 dual-track decision", "荷兰与1979年北约“双轨制”决议"),
         {"alt": 0, "multilateral": 1, "c_persuade": 5.0}, "persuade",
         _T("Dutch participation was indispensable (no alt); the NPG was opened to equal participation "
            "(planning value); six years of consultation (c_persuade high) until 1985.",
            "荷兰的支持不可或缺(无替代);核计划小组给予平等参与权;长达六年的斡旋(劝导成本高),1985年接受。"),
         (Source(S004, "§5(3)", "荷兰的支持是不可或缺的条件"),
          Source(S004, "§5(3)", "在荷兰的要求下,核计划小组取消了先前的常任代表国制度,给予了所有成员国平等的参与权"),
          Source(S004, "§5(3)", "荷兰国会最终才在1985年批准了新的核部署"))),
    Case("japan-okinawa-1969", _T("Japan/Okinawa: 1960 and 1969 secret agreements", "日本/冲绳:1960年与1969年核密约"),
         {"alt": 0, "multilateral": 0, "d": 8.0, "dependence": 5.0, "c_cohesion": 1.0}, "pressure",
         _T("Okinawa was hard to replace (no alt); bilateral; strong anti-nuclear opinion (d) but Sato wanted "
            "the umbrella (high dependence); the deal was secret (low cohesion cost).",
            "冲绳难以替代(无替代);双边同盟;反核民意强(d),但佐藤希望获得核保护伞(依赖高);以密约处理(凝聚力代价低)。"),
         (Source(S004, "§5(4)", "当时的冲绳在军事上很难被其他地点替代"),
          Source(S004, "§5(4)", "佐藤荣作一方面希望从美国获得更强的核保护伞作为安全保障,另一方面又面临国内强大的反核民意"),
          Source(S004, "§5(4)", "美日以密约、非公开方式达成关于核部署问题的协议"),
          Source(S004, "§5(4)", "在美方的强硬要求下,佐藤荣作不再坚持"))),
)}


DEPLOYMENT = Game(
    id="deployment-bargaining",
    title=_T("Deployment bargaining: the patron and an opposing host (004)", "核部署议价:美国与反对部署的东道国(004)"),
    description=_T("The patron concedes (and may then punish), persuades or pressures; the host accepts or "
                   "refuses persuasion and complies with or resists pressure.",
                   "美国选择让步(随后可惩罚)、劝导或施压;东道国接受或拒绝劝导,服从或抵制施压。"),
    players=(Player("patron", _T("patron (US)", "保护国(美国)")), Player("host", _T("host ally", "东道国盟友"))),
    parameters=PARAMETERS,
    build=_tree,
    outcomes={"concede": _T("concede", "退让"), "concede_punish": _T("concede, then punish", "退让并报复"),
              "persuade": _T("persuade", "劝导"), "pressure": _T("pressure", "施压"),
              "persuasion_fails": _T("persuasion fails", "劝导失败"),
              "pressure_fails": _T("pressure fails", "施压失败")},
    actions={"concede": _T("concede", "退让"), "persuade": _T("persuade", "劝导"), "pressure": _T("pressure", "施压"),
             "forgo": _T("do not punish", "不惩罚"), "punish": _T("punish", "惩罚"),
             "accept": _T("accept", "接受"), "refuse": _T("refuse", "拒绝"),
             "comply": _T("comply", "服从"), "resist": _T("resist", "抵制")},
    solution_concept=_T("subgame-perfect equilibrium by backward induction (perfect information)",
                        "逆向归纳求子博弈完美均衡(完全信息)"),
    sources=(PREFERENCE, FIRM_OPPOSITION, Source(S004, "§4(3)", "这四种情况如表1所示")),
    cases=CASES,
    analyse=_analyse,
    prediction=_prediction,
)
