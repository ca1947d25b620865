"""The vocabulary of the regional model `northeast-asia` (MODELS.md §4): variables, levers, shocks.

Names are the contract; each entry is declared once and every listing, sampler, validator and
document is derived from these declarations.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from umbrella.errors import did_you_mean

ALLIES: tuple[str, ...] = ("KOR", "JPN", "AUS")
#: allies in the Japan–ROK–US trilateral (Camp David 2023); Australia is not one of them
TRILATERAL: tuple[str, ...] = ("KOR", "JPN")
#: the `actor` coordinate of every result: allies, the DPRK, China, and region-wide variables
ACTORS: tuple[str, ...] = ALLIES + ("PRK", "CHN", "region")
#: abbreviations people type for the model's actors, for "did you mean" hints only (never accepted as input)
ABBREVIATIONS: dict[str, str] = {"ROK": "KOR", "SK": "KOR", "DPRK": "PRK", "NK": "PRK", "PRC": "CHN", "AU": "AUS",
                                 "JP": "JPN"}


@dataclass(frozen=True)
class Variable:
    name: str
    label: dict
    unit: str
    keyed_by: str            # "ally" | "PRK" | "CHN" | "region"
    description: str
    high: float = 1.0        # the range of values is [0, high]

    @property
    def bounds(self) -> tuple[float, float]:
        return 0.0, self.high

    @property
    def actors(self) -> tuple[str, ...]:
        return ALLIES if self.keyed_by == "ally" else (self.keyed_by,)


@dataclass(frozen=True)
class Lever:
    name: str
    label: dict
    per_ally: bool
    default: object                       # a number, or an option; per-ally levers: same default for each ally
    low: float = 0.0
    high: float = 1.0
    options: Optional[dict] = None        # categorical: option -> numeric level used by the model
    description: str = ""
    unit: str = "index [0,1]"

    @property
    def categorical(self) -> bool:
        return self.options is not None

    def level(self, value) -> float:
        """The numeric level the model uses for a (validated) value."""
        return float(self.options[value]) if self.categorical else float(value)

    def check(self, value) -> Optional[str]:
        """None if `value` is valid for this lever, else a one-line reason."""
        if self.categorical:
            if not isinstance(value, str) or value not in self.options:
                hint = did_you_mean(value, self.options) if isinstance(value, str) else []
                return (f"{value!r} is not one of {', '.join(self.options)}"
                        + (f" (did you mean {' or '.join(hint)}?)" if hint else ""))
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{value!r} is not a number in [{self.low:g}, {self.high:g}]"
        if not (self.low <= float(value) <= self.high):
            return f"{value!r} is outside [{self.low:g}, {self.high:g}]"
        return None


@dataclass(frozen=True)
class Shock:
    name: str
    label: dict
    continuous: bool            # False: a 0/1 event (`value` may be omitted); True: an intensity in [0, 1]
    description: str = ""

    def check(self, value) -> Optional[str]:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= float(value) <= 1:
            return f"{value!r} is not a number in [0, 1]"
        return None


def _l(en: str, zh: str) -> dict:
    return {"en": en, "zh": zh}


VARIABLES: tuple[Variable, ...] = (
    Variable("threat", _l("Threat perception", "威胁感知"), "index [0,1]", "ally",
             "The ally's perceived military threat (DPRK arsenal, provocation, adversary alignment)."),
    Variable("abandonment_fear", _l("Fear of abandonment", "被抛弃的担忧"), "index [0,1]", "ally",
             "The ally's fear that the US will not honour its commitment."),
    Variable("entrapment_fear", _l("Fear of entrapment", "被牵连的担忧"), "index [0,1]", "ally",
             "The ally's fear of being drawn into a (nuclear) conflict by US action."),
    Variable("assurance", _l("Assurance", "安全保证"), "index [0,1]", "ally",
             "The ally's confidence that US extended deterrence meets its security needs."),
    Variable("public_nuclear_support", _l("Public support for own nuclear weapons", "公众对自主核武装的支持"),
             "share [0,1]", "ally", "Share of the public supporting an independent nuclear capability."),
    Variable("proliferation_hazard", _l("Proliferation hazard (annual)", "核扩散风险（年度）"),
             "probability per year", "ally", "Probability that the government decides to go nuclear this year."),
    Variable("proliferation_probability", _l("Proliferation probability (cumulative)", "核扩散概率（累计）"),
             "probability", "ally", "Probability of a decision to go nuclear between the start year and this year."),
    Variable("hedging", _l("Hedging (latent capability)", "对冲（潜在核能力）"), "index [0,1]", "ally",
             "Independent strike and latent nuclear capability."),
    Variable("prk_arsenal", _l("DPRK arsenal", "朝鲜核武库"), "warheads", "PRK",
             "Number of DPRK nuclear warheads (the only variable not in [0,1]).", high=float("inf")),
    Variable("prk_provocation", _l("DPRK provocation", "朝鲜挑衅"), "index [0,1]", "PRK",
             "Intensity of DPRK missile tests and provocations."),
    Variable("deterrence_credibility", _l("Deterrence credibility (adversary's view)", "威慑可信度（对手视角）"),
             "index [0,1]", "ally", "Credibility of the US commitment to this ally as the adversary sees it."),
    Variable("crisis_probability", _l("Crisis probability (annual)", "危机概率（年度）"), "probability per year",
             "region", "Probability of a military crisis on the peninsula this year."),
    Variable("escalation_probability", _l("Escalation probability (given crisis)", "升级概率（危机条件下）"),
             "probability", "region", "Probability of nuclear use given a crisis."),
    Variable("chn_counter_pressure", _l("China's counter-pressure on the host", "中国对东道国的反制压力"),
             "index [0,1]", "ally",
             "China's punitive pressure on an ally that hosts US strategic assets (the 2017 THAAD retaliation)."),
    Variable("chn_cooperation", _l("China's cooperation in restraining the DPRK", "中国在约束朝鲜上的合作"),
             "index [0,1]", "CHN",
             "China's cooperation on sanctions, talks and arms control that restrain the DPRK's nuclear programme."),
)

LEVERS: tuple[Lever, ...] = (
    Lever("nuclear_salience", _l("Nuclear salience", "核武器重要性"), False, 0.5,
          description="Weight of nuclear weapons in US alliance strategy and declaratory posture."),
    Lever("strategic_asset_visibility", _l("Strategic asset visibility", "战略资产可见度"), False, 0.5,
          description="Visibility of US strategic assets around the peninsula (bomber flights, SSBN visits)."),
    Lever("forward_deployment", _l("Forward nuclear deployment", "前沿核部署"), True, "none",
          options={"none": 0.0, "non_fixed": 0.5, "fixed": 1.0},
          description="Intensity of US nuclear deployment on the ally's territory (seed 004's scale).",
          unit="none | non_fixed | fixed"),
    Lever("consultation", _l("Nuclear consultation", "核磋商"), True, "dialogue",
          options={"none": 0.0, "dialogue": 1 / 3, "ncg": 2 / 3, "nuclear_sharing": 1.0},
          description="Depth of nuclear consultation with the ally (EDSCG-type dialogue, NCG, NATO-type sharing).",
          unit="none | dialogue | ncg | nuclear_sharing"),
    Lever("conventional_integration", _l("Conventional integration", "常规军事一体化"), False, 0.5,
          description="Integration of US and allied conventional forces (002 §05)."),
    Lever("burden_sharing_pressure", _l("Burden-sharing pressure", "分担负担压力"), False, 0.3,
          description="US pressure on allies to pay more, with withdrawal threats (002 §01)."),
    Lever("troop_presence", _l("US troop presence", "美军驻扎规模"), True, 1.0,
          description="US troops on the ally's territory, 1 = 2023 level.", unit="share of 2023 level"),
    Lever("declaratory_restraint", _l("Declaratory restraint", "宣示性克制"), False, "none",
          options={"none": 0.0, "sole_purpose": 0.5, "no_first_use": 1.0},
          description="US declaratory policy: none, sole purpose, or no first use.",
          unit="none | sole_purpose | no_first_use"),
    Lever("multilateral_mechanism", _l("Multilateral security mechanism", "多边安全机制"), False, 0.0,
          description="Strength of a multilateral regional security consultation mechanism in place (000 §3; "
                      "the Six-Party Talks of 2005-2008 in history)."),
    Lever("peace_mechanism", _l("China-backed peace mechanism", "中国推动的半岛和平机制"), False, 0.0,
          description="China's effort to rebuild a peninsula peace mechanism (000 §3: regional dialogue, restarted "
                      "six-party talks, an NFU-based multilateral mechanism); it adds to the multilateral mechanism "
                      "in proportion to China's cooperation."),
    Lever("trilateral_cooperation", _l("Japan–ROK–US trilateral cooperation", "美日韩三边合作"), False, "none",
          options={"none": 0.0, "conventional": 0.5, "nuclear_planning": 1.0},
          description="Japan–ROK–US cooperation: conventional (exercises, duty to consult; Camp David 2023) or, "
                      "in addition, a trilateral nuclear planning structure (002 §05).",
          unit="none | conventional | nuclear_planning"),
    Lever("strategic_asset_hosting", _l("Hosting of US strategic assets", "部署美国战略资产"), True, 0.0,
          description="US strategic (non-nuclear-weapon) assets on the ally's soil or a strategic-asset partnership: "
                      "a THAAD battery (KOR 2017), AUKUS (AUS 2021); 1 = a large permanent presence."),
    Lever("sanctions", _l("Sanctions on DPRK", "对朝制裁"), False, 0.7,
          description="Effective strength of international sanctions on the DPRK."),
    Lever("nonproliferation_pressure", _l("Non-proliferation pressure", "防扩散压力"), False, 0.6,
          description="US and international pressure on allies not to acquire nuclear weapons."),
)

SHOCKS: tuple[Shock, ...] = (
    Shock("second_theater_war", _l("US war in a second theater", "美国卷入另一战区战争"), False,
          "The US is fully engaged in a war in another theater (003 §3)."),
    Shock("prk_nuclear_test", _l("DPRK nuclear test", "朝鲜核试验"), False,
          "A DPRK nuclear test in that year."),
    Shock("adversary_alignment", _l("Adversary alignment", "对手协同"), True,
          "Degree of DPRK–China–Russia strategic alignment (003 §2)."),
    Shock("us_retrenchment", _l("US retrenchment", "美国战略收缩"), False,
          "A US decision to retrench from the region (troop cuts, weakened commitment)."),
)

VARIABLE_BY_NAME = {v.name: v for v in VARIABLES}
LEVER_BY_NAME = {lv.name: lv for lv in LEVERS}
SHOCK_BY_NAME = {s.name: s for s in SHOCKS}
