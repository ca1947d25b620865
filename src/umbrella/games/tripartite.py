"""`tripartite-crisis`: the ally as a player (seeds 000, 001, 002, 003; MODELS.md §3).

A challenger (DPRK), a protégé (ROK or Japan) and a defender (US), after the structure of
Zagare & Kilgour's Tripartite Crisis Game (2003) and Kilgour & Zagare's extended deterrence game
with a privately known defender (1994). Their published equilibrium conditions were not at hand,
so this tree is our own and its conditions are derived from it (docs/model/games.md §5) and
checked against Gambit; nothing here reproduces their results.

The defender first chooses how firmly to commit in peacetime (an ambiguous commitment, or joint
extended-deterrence exercises that make staying out of a crisis costly). Nature then draws its
resolve in the crisis, which only the defender learns. The challenger and the protégé each hold
their OWN belief that the defender is resolute (heterogeneous, commonly known priors), so the
gap between deterring the adversary and assuring the ally is a result of play. Challenged, the
protégé accommodates, stands firm counting on the defender, or stands firm on its own strength
(self-help: conventional build-up, latent nuclear capability). If it counts on the defender, the
defender stays out or supports it conventionally or with nuclear weapons; if it helps itself, the
defender stays out or joins conventionally (a nuclear response on the protégé's behalf presupposes
that the protégé placed its defence in the defender's hands).
Taboo costs and the primary vs extended stakes carry over from `extended-deterrence`.
"""
from __future__ import annotations

from typing import Mapping, Optional

from umbrella.games.core import Chance, Constraint, Decision, Game, Parameter, Player, Region, Source, Terminal
from umbrella.games.deterrence import (ASSURANCE_CERTAINTY, AUDIENCES, CONVENTIONAL_MORE_CREDIBLE,
                                       DETERRENCE_LOGIC, HEALEY, PRIMARY_EXTENDED, PRIMARY_MORE_CREDIBLE,
                                       RADIATION_NEIGHBOURS, REPUTATION, SELF_HELP, TABOO, taboo_cost)

S000 = "000_45274ff425d7892b.txt"
S001 = "001_9089bd46b2be49ef.txt"
S002 = "002_db48c3f1337cf981.txt"
S003 = "003_5739a4f523f7a1d3.txt"
_T = lambda en, zh: {"en": en, "zh": zh}  # noqa: E731

DRAWN_IN = Source(S000, "§2 二、美国为何强化对朝鲜半岛的延伸威慑力度",
                  "美国顾及到安全承诺的沉重负担和被卷入战争的巨大风险，导致“延伸威慑”军事演习至今只停留在讨论阶段")
NO_INSTITUTIONS = Source(S000, "§2 二、美国为何强化对朝鲜半岛的延伸威慑力度", "美国的“延伸威慑”承诺缺乏制度保障")
CONVENTIONAL_RESPONSE = Source(S001, "ROK security under the umbrella",
                               "美国的核保护伞让韩国敢于使用常规武器应对侵略，而不用担心朝鲜会将常规冲突升级为核冲突")
FALLOUT_ON_ALLY = Source(S001, "history of the umbrella over Korea",
                         "半岛爆炸将造成严重破坏，并造成放射性沉降，危及韩国和美国军事人员以及南北朝鲜平民")
ALLY_RESTRAINT = Source(S002, "03 增加核重要性的反作用", "还希望确保美国不会轻易使用核能力，避免在冲突中被牵连")
NUCLEAR_FEAR_INDEPENDENCE = Source(S002, "03 增加核重要性的反作用",
                                   "其次，对于美国可能轻易使用核武器的担忧，会促使盟国寻求更大程度上的军事独立，包括发展自己的核武器")
ENTRAPMENT_BOTH_WAYS = Source(S002, "03 增加核重要性的反作用",
                              "首先，各国担心被卷入由盟友挑起的冲突中，因此寻求自身实力的增强以避免这种情况的发生")
BUILD_UP = Source(S002, "01 加强核信誉以强化联盟", "近年来两国均启动了国防采购计划以提高独立的军事能力，包括射程不断扩大的精准导弹能力")
BUILD_UP_ASSURES = Source(S002, "01 加强核信誉以强化联盟", "这些发展常规军事力量的举措可能有助于缓解被美国抛弃的直接担忧")
TWO_MINDS = Source(S003, "§3", "正如威慑是对手心中的一种认知功能一样,保障也是盟友心中的一种认知功能")
NONPROLIFERATION = Source(S003, "§4", "为盟国提供核保护伞的一个关键驱动因素是减少它们发展自己的核能力以满足其安全需求的必要性")
ZAGARE_KILGOUR_2003 = Source(ref="Frank C. Zagare and D. Marc Kilgour, 'Alignment Patterns, Crisis Bargaining, and "
                                 "Extended Deterrence: A Game-Theoretic Analysis', International Studies Quarterly 47 "
                                 "(2003) [zagare2003alignment]: the three players; not its tree or results")
KILGOUR_ZAGARE_1994 = Source(ref="D. Marc Kilgour and Frank C. Zagare, 'Uncertainty and the Role of the Pawn in "
                                 "Extended Deterrence', Synthese 100(3) (1994) 379-412 [kilgour1994pawn]: a privately "
                                 "informed defender; strategies of threshold form")

COMMITMENTS = ("ambiguous", "exercises")
TYPES = ("resolute", "irresolute")
RESPONSES = ("none", "conventional", "nuclear")
PROTEGE_MOVES = ("accommodate", "stand_firm", "self_help")
SELF_HELP_RESPONSES = ("none", "conventional")
RESPONSE_OUTCOME = {"none": "abandoned", "conventional": "conventional_war", "nuclear": "nuclear_response"}
SELF_HELP_OUTCOME = {"none": "self_help", "conventional": "supported_self_help"}


# ---- mechanisms (pure functions of the parameters) ---------------------------------------------

def stake(p: Mapping[str, float], kind: str) -> float:
    """The defender's value of the protégé not being defeated: its homeland value times the
    extended-deterrence share (001: an ally is worth less than the homeland), less for an
    irresolute defender."""
    base = p["homeland_stake"] * p["ally_stake_share"]
    return base if kind == "resolute" else base * p["irresolute_share"]


def defender_payoff(p: Mapping[str, float], outcome: str, kind: str, commitment: str) -> float:
    """Exercises cost their burden up front and make staying out of a crisis the protégé stands firm
    in cost `commitment_cost` more (a rehearsed commitment broken)."""
    burden = p["exercise_cost"] if commitment == "exercises" else 0.0
    renege = p["commitment_cost"] if commitment == "exercises" else 0.0
    value = {"status_quo": 0.0,
             "concession": -p["concession_share"] * stake(p, kind),
             "abandoned": -stake(p, kind) - renege,
             "conventional_war": -p["conventional_cost"],
             "nuclear_response": -p["nuclear_cost"] - taboo_cost(p),
             "self_help": -stake(p, kind) - renege - p["proliferation_cost"],
             "supported_self_help": -p["conventional_cost"] - p["proliferation_cost"]}[outcome]
    return value - burden


def challenger_payoff(p: Mapping[str, float], outcome: str) -> float:
    return {"status_quo": 0.0, "concession": p["gain"], "abandoned": p["gain"],
            "self_help": p["gain"] - p["self_help_resistance"],
            "conventional_war": -p["war_cost"], "supported_self_help": -p["war_cost"],
            "nuclear_response": -p["war_cost"] - p["nuclear_extra_cost"]}[outcome]


def protege_payoff(p: Mapping[str, float], outcome: str) -> float:
    """Relative to a status quo defended without loss: conceding and abandonment cost a share of L;
    self-help costs K = self_help_ratio·L whether or not the defender joins (it insures against
    abandonment); a nuclear response on the peninsula costs the protégé its own fallout and escalation."""
    loss = p["abandonment_loss"]
    return {"status_quo": 0.0, "concession": -p["concession_ratio"] * loss, "abandoned": -loss,
            "conventional_war": 0.0, "nuclear_response": -p["protege_nuclear_cost"],
            "self_help": -p["self_help_ratio"] * loss, "supported_self_help": -p["self_help_ratio"] * loss}[outcome]


def _end(p, outcome: str, kind: str, commitment: str) -> Terminal:
    return Terminal(outcome, {"challenger": challenger_payoff(p, outcome), "protege": protege_payoff(p, outcome),
                              "defender": defender_payoff(p, outcome, kind, commitment)})


def _tree(p: Mapping[str, float]):
    def crisis(kind: str, commitment: str):
        defender = Decision("defender", f"{kind}/{commitment}",
                            tuple((r, _end(p, RESPONSE_OUTCOME[r], kind, commitment)) for r in RESPONSES))
        alongside = Decision("defender", f"{kind}/{commitment}/self_help",
                             tuple((r, _end(p, SELF_HELP_OUTCOME[r], kind, commitment)) for r in SELF_HELP_RESPONSES))
        protege = Decision("protege", f"challenged/{commitment}", (
            ("accommodate", _end(p, "concession", kind, commitment)),
            ("stand_firm", defender),
            ("self_help", alongside)))
        return Decision("challenger", f"challenge?/{commitment}", (
            ("not_challenge", _end(p, "status_quo", kind, commitment)), ("challenge", protege)))

    def resolve(commitment: str):
        return Chance("defender resolve",
                      (("resolute", p["p_resolve"], crisis("resolute", commitment)),
                       ("irresolute", 1 - p["p_resolve"], crisis("irresolute", commitment))),
                      beliefs={"challenger": (p["p_resolve_challenger"], 1 - p["p_resolve_challenger"]),
                               "protege": (p["p_resolve_protege"], 1 - p["p_resolve_protege"])})
    return Decision("defender", "commitment", tuple((c, resolve(c)) for c in COMMITMENTS))


# ---- analysis ------------------------------------------------------------------------------------

def _best(values_by_type: Mapping[str, Mapping[str, float]], belief: float, actions) -> str:
    """The mover's choice at a belief `belief` that the defender is resolute (ties: declared order)."""
    def value(a):
        return belief * values_by_type["resolute"][a] + (1 - belief) * values_by_type["irresolute"][a]
    best = actions[0]
    for a in actions[1:]:
        if value(a) > value(best):
            best = a
    return best


def belief_threshold(values_by_type: Mapping[str, Mapping[str, float]], actions, target: str,
                     iterations: int = 60) -> Optional[float]:
    """The belief in [0, 1] at which the mover's choice switches into or out of `target`, by bisection
    on its decision with the continuation play held fixed (None if it does not switch). The
    continuation is independent of this mover's belief, and each action's value is linear in it."""
    def at(x):
        return _best(values_by_type, x, actions) == target
    a, b = 0.0, 1.0
    fa = at(a)
    if at(b) == fa:
        return None
    for _ in range(iterations):
        mid = 0.5 * (a + b)
        if at(mid) == fa:
            a = mid
        else:
            b = mid
    return 0.5 * (a + b)


def _per_type(solution, key: str) -> dict[str, dict[str, float]]:
    """The mover's action values at each of the information set's two nodes, keyed by resolve."""
    return {name: values for name, values in solution.action_values[key].items()}


def _analyse(game: Game, params, solution) -> dict:
    p = params
    c = solution.strategy["defender:commitment"]
    challenges = solution.strategy[f"challenger:challenge?/{c}"] == "challenge"
    move = solution.strategy[f"protege:challenged/{c}"]
    responses = {k: solution.strategy[f"defender:{k}/{c}"] for k in TYPES}
    alongside = {k: solution.strategy[f"defender:{k}/{c}/self_help"] for k in TYPES}
    prior = {"resolute": p["p_resolve"], "irresolute": 1 - p["p_resolve"]}
    believed = {who: {"resolute": p[f"p_resolve_{who}"], "irresolute": 1 - p[f"p_resolve_{who}"]}
                for who in ("challenger", "protege")}

    # Entrapment: the protégé's firmness (counting on the defender, or on its own) draws in a
    # defender type that would rather the protégé had accommodated.
    joined = {"stand_firm": {k: (responses[k], RESPONSE_OUTCOME[responses[k]]) for k in TYPES},
              "self_help": {k: (alongside[k], SELF_HELP_OUTCOME[alongside[k]]) for k in TYPES}}.get(move, {})
    entrapped = [k for k, (r, outcome) in joined.items() if r != "none"
                 and defender_payoff(p, "concession", k, c) > defender_payoff(p, outcome, k, c)]
    # Why the protégé does not count on the defender: remove one expected loss of standing firm and
    # see whether it then would (that loss is decisive).
    values = _per_type(solution, f"protege:challenged/{c}")
    expected = {a: sum(believed["protege"][k] * values[k][a] for k in TYPES) for a in PROTEGE_MOVES}
    best_other = max(v for a, v in expected.items() if a != "stand_firm")
    p_none = sum(believed["protege"][k] for k in TYPES if responses[k] == "none")
    p_nuclear = sum(believed["protege"][k] for k in TYPES if responses[k] == "nuclear")
    firm = expected["stand_firm"]
    abandonment = move == "self_help" and p_none > 0 and firm + p_none * p["abandonment_loss"] >= best_other
    nuclear_fear = (move != "stand_firm" and p_nuclear > 0
                    and firm + p_nuclear * p["protege_nuclear_cost"] >= best_other)
    deter = belief_threshold(_per_type(solution, f"challenger:challenge?/{c}"), ("not_challenge", "challenge"),
                             "not_challenge")
    assure = belief_threshold(values, PROTEGE_MOVES, "stand_firm")
    return {
        "commitment": c,
        "exercises": c == "exercises",
        "responses": responses,
        "responses_to_self_help": alongside,
        "protege_response": move,
        "challenger_challenges": challenges,
        "deterred": not challenges,
        "protege_assured": move == "stand_firm",
        "protege_self_help": move == "self_help",
        "deterred_not_assured": (not challenges) and move != "stand_firm",
        "assured_not_deterred": challenges and move == "stand_firm",
        "p_support": {who: sum(b[k] for k in TYPES if responses[k] != "none") for who, b in believed.items()},
        "entrapment": bool(entrapped),
        "entrapped": entrapped,
        "p_entrapment": float(challenges) * sum(prior[k] for k in entrapped),
        "abandonment": abandonment,
        "nuclear_entrapment_fear": nuclear_fear,
        "deterrence_threshold": deter,
        "assurance_threshold": assure,
        "credibility_gap": (assure - deter) if (assure is not None and deter is not None) else None,
    }


# ---- declaration -----------------------------------------------------------------------------------

def _p(name, default, low, high, unit, en, zh, *sources, role, neutral=None):
    return Parameter(name, default, low, high, unit, _T(en, zh), tuple(sources), role=role, neutral=neutral)


PARAMETERS = (
    _p("p_resolve", 0.5, 0.01, 0.99, "probability", "probability that the defender is resolute in this crisis "
       "(what nature draws; the defender's own expectation when it commits)",
       "防御者在本次危机中为坚定型的概率(自然抽取;防御者承诺时的自我预期)", REPUTATION, role="intercept"),
    _p("p_resolve_challenger", 0.5, 0.01, 0.99, "probability", "the challenger's belief that the defender is "
       "resolute (deterrence is in the adversary's mind)", "挑战者认为防御者坚定的信念(威慑在对手心中)",
       TWO_MINDS, REPUTATION, role="intercept"),
    _p("p_resolve_protege", 0.5, 0.01, 0.99, "probability", "the protégé's belief that the defender is "
       "resolute (assurance is in the ally's mind)", "受保护国认为防御者坚定的信念(保障在盟友心中)",
       TWO_MINDS, ASSURANCE_CERTAINTY, role="intercept"),
    _p("homeland_stake", 10.0, 6.0, 20.0, "utility", "a resolute defender's value of its homeland",
       "坚定型防御者对本土的价值", PRIMARY_EXTENDED, role="intercept"),
    _p("ally_stake_share", 0.5, 0.1, 0.9, "share", "value of defending the protégé as a share of the homeland "
       "value (1 would erase the extended vs primary gap)", "保卫受保护国的价值占本土价值的比例(为1则延伸与初级威慑无差别)",
       PRIMARY_EXTENDED, PRIMARY_MORE_CREDIBLE, role="effect", neutral=1.0),
    _p("irresolute_share", 0.2, 0.0, 0.3, "share", "an irresolute defender's stake as a share of a resolute one's",
       "非坚定型防御者的利益占坚定型的比例", REPUTATION, role="intercept"),
    _p("concession_share", 0.2, 0.0, 1.0, "share", "share of its stake the defender loses when the protégé "
       "accommodates; below 1 the defender would rather see the protégé give in than fight for it (fear of "
       "being drawn in)", "受保护国让步时防御者损失的利益比例;小于1表示防御者宁愿盟友让步也不愿被卷入战争",
       DRAWN_IN, ENTRAPMENT_BOTH_WAYS, role="effect", neutral=1.0),
    _p("conventional_cost", 3.0, 1.0, 5.0, "utility", "defender's cost of a conventional war for the protégé",
       "防御者为受保护国进行常规战争的代价", CONVENTIONAL_MORE_CREDIBLE, DRAWN_IN, role="intercept"),
    _p("nuclear_cost", 1.0, 0.0, 3.0, "utility", "defender's military cost of a nuclear response (before the "
       "taboo costs)", "防御者核回应的军事代价(不含禁忌代价)", DETERRENCE_LOGIC, role="intercept"),
    _p("taboo_destruction", 2.0, 0.0, 5.0, "utility", "taboo cost: the destructive power leaders know nuclear "
       "weapons have", "禁忌代价:核武器的巨大破坏力", TABOO, role="effect", neutral=0.0),
    _p("taboo_condemnation", 2.0, 0.0, 5.0, "utility", "taboo cost: international condemnation and reputational "
       "cost", "禁忌代价:国际社会谴责与声誉成本", TABOO, role="effect", neutral=0.0),
    _p("taboo_radiation", 2.0, 0.0, 5.0, "utility", "taboo cost: radiation that hampers later ground operations "
       "and reaches neighbours", "禁忌代价:辐射污染影响后续地面行动并波及邻国", TABOO, RADIATION_NEIGHBOURS,
       role="effect", neutral=0.0),
    _p("exercise_cost", 0.5, 0.0, 2.0, "utility", "defender's burden of holding joint extended-deterrence "
       "exercises (paid whatever happens)", "防御者举行联合延伸威慑演习的负担(无论如何都要付出)", DRAWN_IN,
       role="effect", neutral=0.0),
    _p("commitment_cost", 3.0, 0.0, 10.0, "utility", "defender's extra cost of staying out of a crisis the "
       "protégé stands firm in after rehearsing its defence (exercises institutionalise the commitment)",
       "演习之后在受保护国坚守时置身事外的额外代价(演习使承诺制度化)", NO_INSTITUTIONS, REPUTATION,
       role="effect", neutral=0.0),
    _p("proliferation_cost", 2.0, 0.0, 5.0, "utility", "defender's cost of the protégé turning to self-help "
       "(its own build-up and latent nuclear capability undercut non-proliferation)",
       "受保护国转向自助(自主军力与潜在核能力)给防御者带来的防扩散代价", NONPROLIFERATION, SELF_HELP,
       role="effect", neutral=0.0),
    _p("gain", 1.0, 0.5, 2.0, "utility", "challenger's gain G if the protégé gives in or is left alone unprepared",
       "受保护国让步或孤立无援时挑战者的收益 G", DETERRENCE_LOGIC, role="intercept"),
    _p("war_cost", 19.0, 1.0, 40.0, "utility", "challenger's cost C of a war with the defender (Healey: C = 19G)",
       "挑战者与防御者交战的代价 C(希利:C = 19G)", DETERRENCE_LOGIC, HEALEY, role="intercept"),
    _p("nuclear_extra_cost", 10.0, 0.0, 30.0, "utility", "challenger's extra cost if the response is nuclear",
       "回应为核打击时挑战者的额外代价", DETERRENCE_LOGIC, role="effect", neutral=0.0),
    _p("self_help_resistance", 0.5, 0.0, 3.0, "utility", "challenger's cost of fighting a protégé that stands firm "
       "on its own build-up (self-help deters by itself when it exceeds G)",
       "挑战者对依靠自身军力坚守的受保护国作战的代价(超过 G 时自助本身即可慑止)", BUILD_UP, role="effect",
       neutral=0.0),
    _p("abandonment_loss", 20.0, 1.0, 40.0, "utility", "protégé's loss L if it stands firm counting on the "
       "defender and is abandoned", "受保护国依靠防御者坚守却被抛弃时的损失 L", AUDIENCES, role="intercept"),
    _p("self_help_ratio", 0.05, 0.01, 0.5, "share", "protégé's cost of self-help as a share of L (K/L; Healey: "
       "0.05)", "受保护国自助代价占 L 的比例(K/L;希利:0.05)", SELF_HELP, BUILD_UP_ASSURES, HEALEY,
       role="intercept"),
    _p("concession_ratio", 0.25, 0.01, 0.9, "share", "protégé's loss from accommodating the challenger as a share "
       "of L", "受保护国向挑战者让步的损失占 L 的比例", CONVENTIONAL_RESPONSE, role="intercept"),
    _p("protege_nuclear_cost", 5.0, 0.0, 20.0, "utility", "protégé's loss if the defender responds with nuclear "
       "weapons (fallout and escalation on its own soil; fear of being drawn into a nuclear war)",
       "防御者核回应给受保护国带来的损失(本土的放射性沉降与升级;担心被卷入核冲突)", FALLOUT_ON_ALLY, ALLY_RESTRAINT,
       NUCLEAR_FEAR_INDEPENDENCE, role="effect", neutral=0.0),
)

REGIONS = (
    Region("entrapment", _T("entrapment", "牵连"),
           _T("the protégé stands firm, and a defender type that would rather it had given in is drawn into "
              "the war", "受保护国坚守,而宁愿盟友让步的防御者类型被卷入战争")),
    Region("abandonment", _T("abandonment", "抛弃"),
           _T("the protégé turns to self-help because it expects the defender may stay out (it would stand "
              "firm if being left alone cost it nothing)", "受保护国因预期防御者可能置身事外而转向自助"
              "(若被抛弃于己无损则会坚守)")),
    Region("deterred_not_assured", _T("deterred, not assured", "慑止但未保障"),
           _T("the challenger is deterred but the protégé, if challenged, would not count on the defender",
              "挑战者被慑止,但受保护国若遭挑战不会依靠防御者")),
    Region("assured_not_deterred", _T("assured, not deterred", "保障但未慑止"),
           _T("the protégé would count on the defender but the challenger is not deterred",
              "受保护国依靠防御者,但挑战者未被慑止")),
    Region("nuclear_entrapment_fear", _T("fear of nuclear entrapment", "担心被卷入核冲突"),
           _T("the protégé does not count on the defender because it expects a nuclear response it would "
              "suffer from (it would stand firm if that cost it nothing)", "受保护国因预期防御者核回应殃及自身而"
              "不依靠防御者(若核回应于己无损则会坚守)")),
)

TRIPARTITE = Game(
    id="tripartite-crisis",
    title=_T("Tripartite crisis: challenger, protégé and defender", "三方危机博弈:挑战者、受保护国与防御者"),
    description=_T(
        "The defender commits ambiguously or holds joint exercises; nature draws its resolve (private). The "
        "challenger, with its own belief about that resolve, challenges or not; the protégé, with its own "
        "belief, accommodates, stands firm counting on the defender, or stands firm on its own (self-help); "
        "if it counts on the defender, the defender stays out or responds conventionally or with nuclear "
        "weapons.",
        "防御者选择模糊承诺或举行联合演习;自然决定其决心(私人信息)。挑战者依据自己对该决心的信念决定是否挑战;"
        "受保护国依据自己的信念选择让步、依靠防御者坚守或依靠自身(自助)坚守;若依靠防御者,防御者选择置身事外、"
        "常规回应或核回应。"),
    players=(Player("challenger", _T("challenger (e.g. DPRK)", "挑战者(如朝鲜)")),
             Player("protege", _T("protégé (ROK or Japan)", "受保护国(韩国或日本)")),
             Player("defender", _T("defender (US)", "防御者(美国)"))),
    parameters=PARAMETERS,
    constraints=(Constraint("0 < p_resolve < 1", ("p_resolve",), lambda p: 0 < p["p_resolve"] < 1),
                 Constraint("0 <= p_resolve_challenger <= 1", ("p_resolve_challenger",),
                            lambda p: 0 <= p["p_resolve_challenger"] <= 1),
                 Constraint("0 <= p_resolve_protege <= 1", ("p_resolve_protege",),
                            lambda p: 0 <= p["p_resolve_protege"] <= 1)),
    build=_tree,
    outcomes={"status_quo": _T("status quo (challenger deterred)", "维持现状(挑战者被慑止)"),
              "concession": _T("protégé accommodates", "受保护国让步"),
              "self_help": _T("protégé holds on its own, defender stays out", "受保护国依靠自身坚守,防御者置身事外"),
              "supported_self_help": _T("protégé holds on its own, defender joins conventionally",
                                        "受保护国依靠自身坚守,防御者常规参战"),
              "abandoned": _T("protégé abandoned", "受保护国被抛弃"),
              "conventional_war": _T("defender fights conventionally", "防御者常规参战"),
              "nuclear_response": _T("defender responds with nuclear weapons", "防御者核回应")},
    actions={"ambiguous": _T("ambiguous commitment", "模糊承诺"),
             "exercises": _T("joint deterrence exercises", "联合延伸威慑演习"),
             "resolute": _T("resolute", "坚定型"), "irresolute": _T("irresolute", "非坚定型"),
             "not_challenge": _T("do not challenge", "不挑战"), "challenge": _T("challenge", "挑战"),
             "accommodate": _T("accommodate", "让步"), "stand_firm": _T("stand firm, counting on the defender",
                                                                      "依靠防御者坚守"),
             "self_help": _T("stand firm on its own (self-help)", "依靠自身坚守(自助)"),
             "none": _T("stay out", "置身事外"), "conventional": _T("conventional support", "常规支援"),
             "nuclear": _T("nuclear response", "核回应")},
    solution_concept=_T(
        "sequential equilibrium with heterogeneous priors: the defender knows its resolve; the challenger and "
        "the protégé each act on their own commonly known belief about it; the defender's commitment is chosen "
        "before its resolve is drawn, on its own expectation p_resolve. The protégé's plan when challenged is "
        "defined whether or not a challenge happens.",
        "异质先验下的序贯均衡:防御者知道自己的决心;挑战者与受保护国各自依据对其决心的、共同知晓的信念行动;"
        "防御者在决心抽取前依据自身预期 p_resolve 选择承诺。受保护国遭挑战时的计划无论挑战是否发生均有定义。"),
    sources=(ZAGARE_KILGOUR_2003, KILGOUR_ZAGARE_1994, DRAWN_IN, CONVENTIONAL_RESPONSE, ALLY_RESTRAINT,
             NUCLEAR_FEAR_INDEPENDENCE, AUDIENCES, TWO_MINDS, ASSURANCE_CERTAINTY, HEALEY),
    analyse=_analyse,
    regions=REGIONS,
)
