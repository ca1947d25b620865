"""Deterrence games: Zagare & Kilgour's Unilateral Deterrence Game and an extended-deterrence game
with conventional vs nuclear responses, primary vs extended stakes, reputation and an ally's
assurance decision (seeds 001, 003; MODELS.md §3).
"""
from __future__ import annotations

import math
from typing import Mapping, Optional

from umbrella.games.analysis import critical_value
from umbrella.games.core import (Chance, Constraint, Decision, Deferred, Game, Parameter, Player, Source,
                                 Terminal)

S001 = "001_9089bd46b2be49ef.txt"
S003 = "003_5739a4f523f7a1d3.txt"
ZAGARE_KILGOUR = ("Frank C. Zagare and D. Marc Kilgour, Perfect Deterrence, Cambridge University Press, "
                  "2000, ch. 6 (Unilateral Deterrence Game)")

DETERRENCE_LOGIC = Source(S001, "extended deterrence theory", "防御国必须向挑战国证明，无论对方想要实现何种目标，"
                          "为实现目标所要付出的成本一定会大于收益")
PRIMARY_EXTENDED = Source(S001, "extended deterrence theory", "在初级威慑的情况下，国家只寻求于保护自身安全，"
                          "而扩展威慑则是指国家不仅关注与自身安全，还会努力保护其盟友免遭攻击")
PRIMARY_MORE_CREDIBLE = Source(S001, "credibility and nuclear use", "因此核威胁被认为在初级威慑比在扩展威慑中更为可信")
TABOO = Source(S001, "credibility and nuclear use", "1.各国领导人都清楚核武器的巨大破坏力；2.一旦使用核武器会遭到来自"
               "国际社会的谴责，付出巨大的声誉成本；3.使用核武器会造成辐射污染，影响后续的地面军事行动。")
RADIATION_NEIGHBOURS = Source(S001, "history of the umbrella over Korea", "辐射也可能会流入中国、苏联和日本，"
                              "造成进一步的核污染并加剧地区紧张局势")
REPUTATION = Source(S001, "extended deterrence theory", "因此防御国使用核武器的决心、对手的实力、以及防御国的声誉与行为等，"
                    "都决定了实施威慑的可信性程度")
CONVENTIONAL_MORE_CREDIBLE = Source(S001, "resolve and the umbrella", "因此，美国的传统反应更加可信")
AUDIENCES = Source(S003, "§3", "延伸威慑的目的是影响对手,防止对盟友的攻击,而保障的目的是让盟友相信美国对其防御的承诺")
ASSURANCE_CERTAINTY = Source(S003, "§3", "但盟友的保障需要更高水平的确定性和可信度,因为盟友不愿意让自己的安全靠运气")
SELF_HELP = Source(S003, "§4", "如果核保护伞下的盟国对延伸威慑失去信心,并确定美国的保障不再满足其安全需求,"
                   "则可能会给盟国施加压力,要求其发展自己的核武器")
HEALEY = Source(ref="Denis Healey's remark (5% credibility deters, 95% is needed to reassure), as given in "
                "MODELS.md §3; cited in the literature on NATO nuclear strategy")

_T = lambda en, zh: {"en": en, "zh": zh}  # noqa: E731  (a bilingual label)

# ---- unilateral-deterrence -------------------------------------------------------------------


def _udg_tree(p: Mapping[str, float]):
    def defender(kind: str, conflict: float):
        return Decision("defender", kind, (
            ("concede", Terminal("defender_concedes", {"challenger": p["ch_dc"], "defender": p["def_dc"]})),
            ("resist", Terminal("conflict", {"challenger": p["ch_dd"], "defender": conflict}))))

    def challenger(kind: str, conflict: float):
        return Decision("challenger", "challenge?", (
            ("status_quo", Terminal("status_quo", {"challenger": p["ch_sq"], "defender": p["def_sq"]})),
            ("challenge", defender(kind, conflict))))
    return Chance("defender type", (("hard", p["p_hard"], challenger("hard", p["def_dd_hard"])),
                                    ("soft", 1 - p["p_hard"], challenger("soft", p["def_dd_soft"]))))


def _udg_analyse(game: Game, params, solution) -> dict:
    challenges = solution.strategy["challenger:challenge?"] == "challenge"
    threshold = Deferred(lambda: critical_value(game, params, "p_hard", 0.0, 1.0,
                                                lambda s: s.strategy["challenger:challenge?"] == "challenge"))
    return {"challenger_challenges": challenges,
            "credibility": params["p_hard"],
            "threshold_p_hard": threshold,
            "defender_resists": {t: solution.strategy[f"defender:{t}"] == "resist" for t in ("hard", "soft")}}


def _range(name, default, low, high, en, zh, unit="utility", sources=(Source(ref=ZAGARE_KILGOUR),), role="intercept"):
    """Zagare & Kilgour's utilities are levels of the published model (`intercept`), not mechanisms of a seed."""
    return Parameter(name, default, low, high, unit, _T(en, zh), tuple(sources), role=role)


UNILATERAL = Game(
    id="unilateral-deterrence",
    title=_T("Unilateral Deterrence Game (Zagare & Kilgour)", "单边威慑博弈(扎加雷与基尔古尔)"),
    description=_T("The challenger keeps the status quo or challenges; the defender, privately Hard (prefers "
                   "conflict to conceding) with probability p_hard or Soft, concedes or resists.",
                   "挑战者维持现状或发起挑战;防御者以概率 p_hard 为强硬型(宁愿冲突也不让步),否则为软弱型,"
                   "选择让步或抵抗。"),
    players=(Player("challenger", _T("challenger", "挑战者")), Player("defender", _T("defender", "防御者"))),
    parameters=(
        _range("p_hard", 0.6, 0.0, 1.0, "probability that the defender is Hard (its credibility)",
               "防御者为强硬型的概率(可信度)", unit="probability",
               sources=(Source(ref=ZAGARE_KILGOUR), REPUTATION), role="initial"),
        _range("ch_sq", 0.0, -0.5, 0.5, "challenger's utility of the status quo", "挑战者:维持现状的效用"),
        _range("ch_dc", 2.0, 1.0, 3.0, "challenger's utility if the defender concedes", "挑战者:防御者让步时的效用"),
        _range("ch_dd", -2.0, -4.0, -1.0, "challenger's utility of conflict", "挑战者:冲突的效用"),
        _range("def_sq", 1.0, 0.0, 3.0, "defender's utility of the status quo", "防御者:维持现状的效用"),
        _range("def_dc", -1.0, -2.0, -0.5, "defender's utility of conceding", "防御者:让步的效用"),
        _range("def_dd_hard", 0.0, -0.4, 1.0, "a Hard defender's utility of conflict", "强硬型防御者:冲突的效用"),
        _range("def_dd_soft", -3.0, -4.0, -2.1, "a Soft defender's utility of conflict", "软弱型防御者:冲突的效用"),
    ),
    constraints=(
        Constraint("ch_dc > ch_sq > ch_dd", ("ch_dc", "ch_sq", "ch_dd"),
                   lambda p: p["ch_dc"] > p["ch_sq"] > p["ch_dd"]),
        Constraint("def_dd_hard > def_dc (a Hard defender prefers conflict to conceding)",
                   ("def_dd_hard", "def_dc"), lambda p: p["def_dd_hard"] > p["def_dc"]),
        Constraint("def_dc > def_dd_soft (a Soft defender prefers conceding to conflict)",
                   ("def_dc", "def_dd_soft"), lambda p: p["def_dc"] > p["def_dd_soft"]),
        Constraint("0 <= p_hard <= 1", ("p_hard",), lambda p: 0 <= p["p_hard"] <= 1),
    ),
    build=_udg_tree,
    outcomes={"status_quo": _T("status quo", "维持现状"),
              "defender_concedes": _T("defender concedes", "防御者让步"),
              "conflict": _T("conflict", "冲突")},
    actions={"status_quo": _T("keep the status quo", "维持现状"), "challenge": _T("challenge", "挑战"),
             "concede": _T("concede", "让步"), "resist": _T("resist", "抵抗"),
             "hard": _T("Hard", "强硬型"), "soft": _T("Soft", "软弱型")},
    solution_concept=_T("perfect Bayesian equilibrium (sequential): each defender type best-responds; the "
                        "challenger, believing Hard with probability p_hard, maximises expected utility",
                        "完美贝叶斯均衡(序贯均衡):各类型防御者最优反应;挑战者以 p_hard 为信念最大化期望效用"),
    sources=(Source(ref=ZAGARE_KILGOUR), DETERRENCE_LOGIC),
    analyse=_udg_analyse,
)

# ---- extended-deterrence ---------------------------------------------------------------------

RESPONSES = ("none", "conventional", "nuclear")
RESPONSE_OUTCOME = {"none": "unopposed", "conventional": "conventional_war", "nuclear": "nuclear_response"}


def posterior_resolve(p: Mapping[str, float]) -> float:
    """Belief that the defender is resolute after its record: prior odds times exp(reputation)."""
    prior = min(max(p["p_resolve_prior"], 0.0), 1.0)
    if prior in (0.0, 1.0):
        return prior
    logit = math.log(prior / (1 - prior)) + p["reputation"]
    if logit >= 0:  # numerically stable logistic for any finite reputation
        return 1 / (1 + math.exp(-logit))
    odds = math.exp(logit)
    return odds / (1 + odds)


def stake(p: Mapping[str, float], resolute: bool) -> float:
    """The defender's value of what the challenge threatens: its homeland (primary deterrence) or,
    discounted, its ally (extended deterrence); an irresolute defender values it less."""
    base = p["homeland_stake"] * (p["ally_stake_share"] if p["extended"] else 1.0)
    return base if resolute else base * p["irresolute_share"]


def taboo_cost(p: Mapping[str, float]) -> float:
    return p["taboo_destruction"] + p["taboo_condemnation"] + p["taboo_radiation"]


def defender_payoff(p: Mapping[str, float], response: str, resolute: bool) -> float:
    if response == "none":
        return -stake(p, resolute)
    if response == "conventional":
        return -p["conventional_cost"]
    return -p["nuclear_cost"] - taboo_cost(p)


def challenger_payoff(p: Mapping[str, float], response: str) -> float:
    if response == "none":
        return p["gain"]
    cost = p["war_cost"] + (p["nuclear_extra_cost"] if response == "nuclear" else 0.0)
    return -cost


def _ed_tree(p: Mapping[str, float]):
    loss, self_help = p["abandonment_loss"], p["abandonment_loss"] * p["self_help_ratio"]

    def defender(kind: str, ally_move: str):
        resolute = kind == "resolute"
        branches = []
        for r in RESPONSES:
            ally = -self_help if ally_move == "self_help" else (-loss if r == "none" else 0.0)
            branches.append((r, Terminal(RESPONSE_OUTCOME[r], {
                "challenger": challenger_payoff(p, r), "defender": defender_payoff(p, r, resolute),
                "ally": ally})))
        return Decision("defender", f"{kind}/{ally_move}", tuple(branches))

    def world(kind: str):
        ally = Decision("ally", "challenged", (("rely", defender(kind, "rely")),
                                               ("self_help", defender(kind, "self_help"))))
        return Decision("challenger", "challenge?", (
            ("not_challenge", Terminal("status_quo", {"challenger": 0.0, "defender": 0.0, "ally": 0.0})),
            ("challenge", ally)))
    prob = posterior_resolve(p)
    return Chance("defender resolve", (("resolute", prob, world("resolute")),
                                       ("irresolute", 1 - prob, world("irresolute"))))


def credibility(p: Mapping[str, float], solution) -> dict[str, float]:
    """Credibility of each response: the believed probability that the defender, if challenged,
    would rather carry it out than not respond (read from the solved game's action values)."""
    belief = solution.beliefs["challenger:challenge?"]
    out = {}
    for r in ("conventional", "nuclear"):
        share = 0.0
        for kind in ("resolute", "irresolute"):
            values = next(iter(solution.action_values[f"defender:{kind}/rely"].values()))
            if values[r] >= values["none"]:
                share += belief.get(kind, 0.0)
        out[r] = share
    return out


def _ed_thresholds(game: Game, neutral: Mapping[str, float]) -> tuple[Optional[float], Optional[float]]:
    """The priors of resolve above which the challenger is deterred and the ally assured (reputation
    neutral): two bisections, dozens of solves, hence `Deferred` in the analysis."""
    deter = critical_value(game, neutral, "p_resolve_prior", 0.0, 1.0,
                           lambda s: s.strategy["challenger:challenge?"] == "not_challenge")
    assure = critical_value(game, neutral, "p_resolve_prior", 0.0, 1.0,
                            lambda s: s.strategy["ally:challenged"] == "rely")
    return deter, assure


def _gap(deter: Optional[float], assure: Optional[float]) -> Optional[float]:
    return (assure - deter) if (assure is not None and deter is not None) else None


def _ed_analyse(game: Game, params, solution) -> dict:
    thresholds = Deferred(lambda: _ed_thresholds(game, {**params, "reputation": 0.0}))
    belief = solution.beliefs["challenger:challenge?"]
    responds = sum(belief.get(k, 0.0) for k in ("resolute", "irresolute")
                   if solution.strategy[f"defender:{k}/rely"] != "none")
    return {
        "p_resolve": posterior_resolve(params),
        "credibility": credibility(params, solution),
        "p_respond": responds,
        "responses": {k: solution.strategy[f"defender:{k}/rely"] for k in ("resolute", "irresolute")},
        "p_challenge": solution.reach["ally:challenged"],
        "challenger_challenges": solution.strategy["challenger:challenge?"] == "challenge",
        "deterred": solution.strategy["challenger:challenge?"] == "not_challenge",
        "ally_assured": solution.strategy["ally:challenged"] == "rely",
        "deterrence_threshold": Deferred(lambda: thresholds.value()[0]),
        "assurance_threshold": Deferred(lambda: thresholds.value()[1]),
        "credibility_gap": Deferred(lambda: _gap(*thresholds.value())),
    }


def _p(name, default, low, high, unit, en, zh, *sources, values=None, role, neutral=None):
    return Parameter(name, default, low, high, unit, _T(en, zh), tuple(sources), values, role, neutral)


EXTENDED = Game(
    id="extended-deterrence",
    title=_T("Extended deterrence: credibility, deterrence and assurance", "延伸威慑:可信度、威慑与保障"),
    description=_T(
        "Nature draws the defender's resolve (private). The challenger challenges or not; if it does, the "
        "ally relies on the defender or turns to self-help; the defender responds with none, conventional or "
        "nuclear force. Contains the Unilateral Deterrence Game as the special case without the nuclear option.",
        "自然决定防御者的决心(私人信息)。挑战者决定是否挑战;若挑战,盟友选择依靠防御者或自助;防御者以不回应、"
        "常规或核手段回应。去掉核选项即为单边威慑博弈。"),
    players=(Player("challenger", _T("challenger (e.g. DPRK)", "挑战者(如朝鲜)")),
             Player("defender", _T("defender (US)", "防御者(美国)")),
             Player("ally", _T("ally (protégé)", "盟友(受保护国)"))),
    parameters=(
        _p("extended", 1, 0, 1, "indicator", "1: the challenge targets the ally (extended deterrence); "
           "0: the defender's homeland (primary deterrence)", "1:挑战针对盟友(延伸威慑);0:针对防御者本土(初级威慑)",
           PRIMARY_EXTENDED, values=(0.0, 1.0), role="initial"),
        _p("p_resolve_prior", 0.5, 0.01, 0.99, "probability", "prior probability that the defender is resolute",
           "防御者为坚定型的先验概率", REPUTATION, role="initial"),
        _p("reputation", 0.0, -3.0, 3.0, "log-likelihood ratio", "evidence of the defender's past behaviour "
           "(positive: it stood firm before); shifts the log-odds of resolve", "防御者过去行为的证据"
           "(正值:曾坚守承诺),改变对其决心的对数几率", REPUTATION, role="effect", neutral=0.0),
        _p("homeland_stake", 10.0, 6.0, 20.0, "utility", "a resolute defender's value of its homeland",
           "坚定型防御者对本土的价值", PRIMARY_EXTENDED, role="intercept"),
        _p("ally_stake_share", 0.5, 0.1, 0.9, "share", "value of defending the ally as a share of the homeland "
           "value", "保卫盟友的价值占本土价值的比例", PRIMARY_EXTENDED, PRIMARY_MORE_CREDIBLE, role="effect", neutral=1.0),
        _p("irresolute_share", 0.2, 0.0, 0.3, "share", "an irresolute defender's stake as a share of a resolute "
           "one's", "非坚定型防御者的利益占坚定型的比例", REPUTATION, role="effect", neutral=1.0),
        _p("conventional_cost", 3.0, 1.0, 5.0, "utility", "defender's cost of a conventional response",
           "防御者常规回应的代价", CONVENTIONAL_MORE_CREDIBLE, role="intercept"),
        _p("nuclear_cost", 1.0, 0.0, 3.0, "utility", "defender's military cost of a nuclear response "
           "(before the taboo costs)", "防御者核回应的军事代价(不含禁忌代价)", DETERRENCE_LOGIC, role="intercept"),
        _p("taboo_destruction", 2.0, 0.0, 5.0, "utility", "taboo cost: the destructive power leaders know "
           "nuclear weapons have", "禁忌代价:核武器的巨大破坏力", TABOO, role="effect", neutral=0.0),
        _p("taboo_condemnation", 2.0, 0.0, 5.0, "utility", "taboo cost: international condemnation and "
           "reputational cost", "禁忌代价:国际社会谴责与声誉成本", TABOO, role="effect", neutral=0.0),
        _p("taboo_radiation", 2.0, 0.0, 5.0, "utility", "taboo cost: radiation that hampers later ground "
           "operations and reaches neighbours", "禁忌代价:辐射污染影响后续地面行动并波及邻国", TABOO,
           RADIATION_NEIGHBOURS, role="effect", neutral=0.0),
        _p("gain", 1.0, 0.5, 2.0, "utility", "challenger's gain G if the defender does not respond",
           "挑战者在防御者不回应时的收益 G", DETERRENCE_LOGIC, role="intercept"),
        _p("war_cost", 19.0, 1.0, 40.0, "utility", "challenger's cost C of a war with the defender "
           "(Healey: C = 19G)", "挑战者与防御者交战的代价 C(希利:C = 19G)", DETERRENCE_LOGIC, HEALEY, role="effect", neutral=0.0),
        _p("nuclear_extra_cost", 10.0, 0.0, 30.0, "utility", "challenger's extra cost if the response is "
           "nuclear", "回应为核打击时挑战者的额外代价", DETERRENCE_LOGIC, role="effect", neutral=0.0),
        _p("abandonment_loss", 20.0, 1.0, 40.0, "utility", "ally's loss L if it relies on the defender and is "
           "abandoned", "盟友依靠防御者却被抛弃时的损失 L", AUDIENCES, role="intercept"),
        _p("self_help_ratio", 0.05, 0.01, 0.5, "share", "ally's cost of self-help as a share of L (K/L; "
           "Healey: 0.05)", "盟友自助代价占 L 的比例(K/L;希利:0.05)", SELF_HELP, ASSURANCE_CERTAINTY, HEALEY, role="effect", neutral=1.0),
    ),
    constraints=(Constraint("0 <= p_resolve_prior <= 1", ("p_resolve_prior",),
                            lambda p: 0 <= p["p_resolve_prior"] <= 1),),
    build=_ed_tree,
    outcomes={"status_quo": _T("status quo (challenger deterred)", "维持现状(挑战者被慑止)"),
              "unopposed": _T("challenge unopposed", "挑战未遭回应"),
              "conventional_war": _T("conventional response", "常规回应"),
              "nuclear_response": _T("nuclear response", "核回应")},
    actions={"not_challenge": _T("do not challenge", "不挑战"), "challenge": _T("challenge", "挑战"),
             "rely": _T("rely on the defender", "依靠防御者"), "self_help": _T("self-help", "自助"),
             "none": _T("no response", "不回应"), "conventional": _T("conventional", "常规回应"),
             "nuclear": _T("nuclear", "核回应"), "resolute": _T("resolute", "坚定型"),
             "irresolute": _T("irresolute", "非坚定型")},
    solution_concept=_T(
        "sequential (perfect Bayesian) equilibrium: each defender type best-responds; the challenger and the "
        "ally act on the common belief about resolve (prior updated by reputation). Assurance is the ally's "
        "strategy at the moment it is challenged, defined whether or not a challenge happens in equilibrium.",
        "序贯(完美贝叶斯)均衡:各类型防御者最优反应;挑战者与盟友依据对决心的共同信念(由声誉更新的先验)行动。"
        "保障是盟友在受到挑战时的策略,无论均衡中挑战是否发生均有定义。"),
    sources=(DETERRENCE_LOGIC, PRIMARY_EXTENDED, TABOO, CONVENTIONAL_MORE_CREDIBLE, AUDIENCES,
             ASSURANCE_CERTAINTY, HEALEY, Source(ref=ZAGARE_KILGOUR)),
    analyse=_ed_analyse,
)
