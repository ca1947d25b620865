"""The schema of the evidence base (SYSTEM.md §3.1–3.3), as pydantic v2 models.

Every record is strict: unknown fields are errors, enums are closed, years are integers. What can
be derived from a record (a dispute's `alt`, `conceded` and observed strategy) is computed here
from seed 004's coding rules and never typed by hand.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator,
                      model_validator)

from umbrella.limits import FiniteNumber
from umbrella.validation import Issues

KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CONDITION_NAME = r"^[a-z][a-z0-9_]*$"

Confidence = Literal["high", "medium", "low"]
Intensity = Literal["none", "non_fixed", "fixed"]
Structure = Literal["multilateral", "bilateral"]
Strategy = Literal["concede", "concede_punish", "persuade", "pressure", "undetermined"]
Year = Annotated[int, Field(ge=1800, le=2200, strict=True)]
RecordId = Annotated[str, Field(pattern=KEBAB)]
ActorCode = Annotated[str, Field(min_length=2, max_length=60)]

# seed 004's three-level scale: none < non_fixed (visits, transits) < fixed (stationed weapons)
INTENSITY_ORDER: dict[str, int] = {"none": 0, "non_fixed": 1, "fixed": 2}
STRATEGIES: tuple[str, ...] = ("concede", "concede_punish", "persuade", "pressure")
# what a dispute derives from its coding and so may not be typed among its conditions
DERIVED = {"alt", "multilateral", "conceded", "observed_strategy"}


class Strict(BaseModel):
    # defer_build: validators are built on the first validation, which a cached base never needs
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class Text(Strict):
    """A bilingual label: both languages are required."""
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class SeedSource(Strict):
    """A verbatim quote of one of the five seed documents."""
    seed: str = Field(min_length=1)
    quote: str = Field(min_length=2)

    def label(self) -> str:
        q = " ".join(self.quote.split())
        return f"seed {self.seed[:3]}: “{q[:40]}{'…' if len(q) > 40 else ''}”"


class BibSource(Strict):
    """An entry of the merged bibliography (data/sources.bib plus each --data DIR's)."""
    bib: str = Field(min_length=1)
    pages: Optional[str] = None

    @field_validator("pages", mode="before")
    @classmethod
    def _pages_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v

    def label(self) -> str:
        return f"{self.bib}" + (f", pp. {self.pages}" if self.pages else "")


def _source_kind(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        if "seed" in value:
            return "seed"
        if "bib" in value:
            return "bib"
        return None
    return "seed" if isinstance(value, SeedSource) else "bib" if isinstance(value, BibSource) else None


Source = Annotated[
    Union[Annotated[SeedSource, Tag("seed")], Annotated[BibSource, Tag("bib")]],
    Discriminator(_source_kind, custom_error_type="source",
                  custom_error_message="a source is {seed: FILE, quote: TEXT} or {bib: KEY, pages: P}"),
]
Sources = Annotated[list[Source], Field(min_length=1)]


class Record(Strict):
    """Fields every record kind shares."""
    id: RecordId
    sources: Sources
    notes: Optional[str] = None


# ---- actors, alliances, mechanisms, deployments --------------------------------------------------

class Actor(Record):
    id: Annotated[str, Field(pattern=r"^([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*)$")]
    name: Text
    kind: Literal["state", "organisation"]
    role: Optional[Literal["patron", "ally", "adversary", "other"]] = None
    nuclear_status: Optional[Literal["nws", "de_facto", "non_nws"]] = None
    confidence: Optional[Confidence] = None


class Alliance(Record):
    name: Text
    patron: ActorCode
    members: Annotated[list[ActorCode], Field(min_length=1)]
    structure: Structure
    founded: Year
    ended: Optional[Year] = None
    integrated_command: bool = False
    nuclear_planning_group: bool = False
    nuclear_sharing: bool = False
    confidence: Optional[Confidence] = None

    @model_validator(mode="after")
    def _ended_after_founded(self) -> "Alliance":
        if self.ended is not None and self.ended < self.founded:
            raise ValueError(f"ended ({self.ended}) is before founded ({self.founded})")
        return self

    def in_force(self, year: int) -> bool:
        return self.founded <= year and (self.ended is None or year <= self.ended)


class Mechanism(Record):
    """A consultation mechanism and what it gives allies (information, voice, control)."""
    name: Text
    alliance: RecordId
    allies: list[ActorCode] = []
    established: Year
    ended: Optional[Year] = None
    gives: list[Literal["information", "voice", "control"]] = []
    confidence: Optional[Confidence] = None

    def in_force(self, year: int) -> bool:
        return self.established <= year and (self.ended is None or year <= self.ended)


class Deployment(Record):
    patron: ActorCode
    host: ActorCode
    intensity: Intensity
    systems: list[str] = []
    start: Year
    end: Optional[Year] = None
    location: Optional[str] = None
    warheads: Optional[Annotated[int, Field(ge=0, strict=True)]] = None
    confidence: Optional[Confidence] = None

    @model_validator(mode="after")
    def _ordered(self) -> "Deployment":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    def in_force(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)


# ---- events -----------------------------------------------------------------------------------

EventType = Literal["policy", "agreement", "deployment", "withdrawal", "nuclear_test", "missile_test",
                    "crisis", "election", "legislation", "referendum", "statement", "exercise",
                    "port_visit", "incident", "institution", "posture_review", "sanction", "talks"]
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class ModelInput(Strict):
    """What an event sets in the regional simulation: a lever setting or a shock (MODELS.md §4).

    Names are checked by the dynamics layer, which owns the vocabulary.
    """
    lever: Optional[str] = None
    shock: Optional[str] = None
    ally: Optional[ActorCode] = None
    value: Optional[Union[FiniteNumber, str]] = None
    until: Optional[Year] = None

    @model_validator(mode="after")
    def _one_of(self) -> "ModelInput":
        if (self.lever is None) == (self.shock is None):
            raise ValueError("give exactly one of `lever` or `shock`")
        return self


class Event(Record):
    date: str
    type: EventType
    actors: list[ActorCode] = []
    title: Text
    summary: Optional[Text] = None
    model_inputs: list[ModelInput] = []
    related: list[RecordId] = []
    confidence: Optional[Confidence] = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, int) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str):
            raise ValueError("a date is a string YYYY, YYYY-MM or YYYY-MM-DD")
        m = DATE.match(v.strip())
        if not m:
            raise ValueError(f"{v!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        try:
            dt.date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"{v!r} is not a calendar date ({exc})") from None
        return v.strip()

    @property
    def year(self) -> int:
        return int(self.date[:4])


# ---- surveys ----------------------------------------------------------------------------------

class Question(Strict):
    en: str = Field(min_length=1)
    original: Optional[str] = None


Percent = Annotated[float, Field(ge=0, le=100)]
SurveyItem = Literal["own_nukes", "redeploy_tactical", "nuclear_sharing", "confidence_us_defense",
                     "ship_visit_ban", "other"]
# binary: support/oppose a stand-alone proposition; single_choice: one option among several
# (its share is not comparable with binary support); conditional: support under a stated condition
QuestionFormat = Literal["binary", "single_choice", "conditional", "scale"]


class Survey(Record):
    country: ActorCode
    year: Year
    month: Optional[Annotated[int, Field(ge=1, le=12, strict=True)]] = None
    fieldwork: Optional[str] = None
    pollster: str = Field(min_length=1)
    sponsor: Optional[str] = None
    item: SurveyItem
    question: Question
    question_format: Optional[QuestionFormat] = None
    wording_confidence: Confidence
    value: Percent
    oppose: Optional[Percent] = None
    dont_know: Optional[Percent] = None
    n: Optional[Annotated[int, Field(gt=0, strict=True)]] = None
    mode: Optional[str] = None
    confidence: Optional[Confidence] = None

    @model_validator(mode="after")
    def _shares(self) -> "Survey":
        """value, oppose and dont_know are shares of the same respondents: together at most 100 %, up
        to the rounding of published figures (half a point per share given)."""
        shares = [v for v in (self.value, self.oppose, self.dont_know) if v is not None]
        if sum(shares) > 100 + 0.5 * len(shares):
            issues = Issues()
            issues.add(("oppose" if self.oppose is not None else "dont_know",),
                       f"value + oppose + dont_know = {sum(shares):g} %, more than 100 % of respondents")
            issues.raise_if_any()
        return self


# ---- observed series (calibration targets, issue 15) --------------------------------------------

# what one number of a series counts; `percent` is a share of respondents
SeriesUnit = Literal["warheads", "missiles", "launch_events", "nuclear_tests", "deployments", "percent"]
# when in the year a value applies: a stock at the start of the year (SIPRI's "as of January"), a
# count over the calendar year, a poll's fieldwork, the date of publication, or not said
Timing = Literal["start_of_year", "calendar_year", "fieldwork", "publication", "unspecified"]
Amount = Annotated[float, Field(ge=0)]
TAKEN_FROM_SURVEY = ("year", "month", "value", "low", "high", "n", "sources")


class SeriesPoint(Strict):
    """One observation: a number (or a published range) with its own source.

    `value` is the figure as published; `low`/`high` the published range (only `high` for "up to
    N", only `low` for "at least N"). A point of a poll series may instead name a record of
    `surveys.yaml` (`survey:`), from which its year, month, value, n and sources are taken.
    `events` is filled by the loader for series derived from events, never typed."""
    year: Optional[Year] = None
    month: Optional[Annotated[int, Field(ge=1, le=12, strict=True)]] = None
    value: Optional[Amount] = None
    low: Optional[Amount] = None
    high: Optional[Amount] = None
    n: Optional[Annotated[int, Field(gt=0, strict=True)]] = None
    survey: Optional[RecordId] = None
    events: list[RecordId] = []
    sources: list[Source] = []
    confidence: Optional[Confidence] = None
    notes: Optional[str] = None

    @model_validator(mode="after")
    def _complete(self) -> "SeriesPoint":
        if self.events:
            raise ValueError("`events` are counted by the loader for a derived series, never typed")
        if self.survey is not None:
            typed = [f for f in TAKEN_FROM_SURVEY if getattr(self, f) not in (None, [])]
            if typed:
                raise ValueError(f"{', '.join(typed)} taken from survey record {self.survey!r}; do not repeat")
            return self
        if self.year is None:
            raise ValueError("a point needs `year` (or `survey:` naming a poll record)")
        if self.value is None and self.low is None and self.high is None:
            raise ValueError("a point needs `value`, or the published range `low`/`high`")
        if not self.sources:
            raise ValueError("a point needs its own `sources` (bib key and the table or page)")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        if self.value is not None and ((self.low is not None and self.value < self.low)
                                       or (self.high is not None and self.value > self.high)):
            raise ValueError(f"value ({self.value:g}) lies outside its published range")
        return self


class EventCount(Strict):
    """A series counted from `events.yaml`: events of one type involving one actor, per year."""
    type: EventType
    actor: ActorCode
    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> "EventCount":
        if self.start > self.end:
            raise ValueError(f"start ({self.start}) is after end ({self.end})")
        return self


class Series(Record):
    """An observed series from one producer (and, for polls, one question format).

    Sources that disagree are separate series, never averaged. `informs` proposes the model
    variables (or levers) the series bears on; the dynamics layer owns those names."""
    title: Text
    subject: ActorCode
    unit: SeriesUnit
    measure: str = Field(min_length=1)
    producer: str = Field(min_length=1)
    timing: Timing
    informs: list[str] = []
    item: Optional[SurveyItem] = None
    question_format: Optional[QuestionFormat] = None
    derive: Optional[EventCount] = None
    points: list[SeriesPoint] = []
    confidence: Optional[Confidence] = None

    @model_validator(mode="after")
    def _points_or_derivation(self) -> "Series":
        if (self.derive is None) == (not self.points):
            raise ValueError("give either `points` or `derive` (a count of events), not both or neither")
        if any(p.survey for p in self.points) and self.item is None:
            raise ValueError("a series whose points name survey records declares their `item`")
        return self


# ---- disputes (SYSTEM.md §3.3) ------------------------------------------------------------------

class Period(Strict):
    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.start > self.end:
            raise ValueError(f"start ({self.start}) is after end ({self.end})")
        return self


class Alternative(Strict):
    kind: Literal["geographic", "technological"]
    detail: str = Field(min_length=1)
    available: bool
    sources: list[Source] = []


class UsAction(Strict):
    kind: Literal["concede", "punish", "persuade", "pressure"]
    year: Year
    detail: str = Field(min_length=1)
    sources: list[Source] = []


class Condition(Strict):
    """A coding for a rival theory: a bool or a number, with the evidence behind it."""
    value: Optional[Union[bool, FiniteNumber]] = None
    sources: list[Source] = []

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, v: Any) -> Any:
        if isinstance(v, str):
            raise ValueError(f"a condition is true, false or a number, not {v!r}")
        if v is None or isinstance(v, (bool, int, float)):
            v = {"value": v}
        if isinstance(v, dict) and isinstance(v.get("value"), str):
            raise ValueError(f"a condition is true, false or a number, not {v['value']!r}")
        return v


class Dispute(Strict):
    """An episode in which a US ally opposed (or sought to reduce) a US nuclear deployment (004)."""
    id: RecordId
    title: Text
    patron: ActorCode
    host: ActorCode
    period: Period
    alliance: RecordId
    structure: Structure
    us_preferred_intensity: Intensity
    host_position: Intensity
    final_intensity: Optional[Intensity] = None
    alternatives: list[Alternative] = []
    us_actions: list[UsAction] = []
    observed_strategy: Optional[Strategy] = None
    confidence: Confidence
    conditions: dict[Annotated[str, Field(pattern=CONDITION_NAME)], Condition] = {}
    sources: Sources
    notes: Optional[str] = None

    @field_validator("conditions", mode="after")
    @classmethod
    def _not_derived(cls, v: dict) -> dict:
        typed = sorted(set(v) & DERIVED)
        if typed:
            raise ValueError(f"{', '.join(typed)} derived from the case's coding (SYSTEM.md §3.3), "
                             f"never typed as a condition")
        return v

    @field_validator("alternatives", "us_actions", "conditions", mode="before")
    @classmethod
    def _absent_is_empty(cls, v: Any, info) -> Any:
        if v is None:
            return {} if info.field_name == "conditions" else []
        return v

    # derived fields: seed 004's criterion and SYSTEM.md §3.3's rules
    @property
    def is_open(self) -> bool:
        return self.final_intensity is None

    @property
    def alt(self) -> bool:
        return any(a.available for a in self.alternatives)

    @property
    def multilateral(self) -> bool:
        return self.structure == "multilateral"

    @property
    def conceded(self) -> Optional[bool]:
        if self.final_intensity is None:
            return None
        return INTENSITY_ORDER[self.final_intensity] < INTENSITY_ORDER[self.us_preferred_intensity]

    @property
    def derived_strategy(self) -> Optional[str]:
        if self.final_intensity is None:
            return None
        kinds = {a.kind for a in self.us_actions}
        if self.conceded:
            return "concede_punish" if "punish" in kinds else "concede"
        if "pressure" in kinds:
            return "pressure"
        return "persuade" if "persuade" in kinds else "undetermined"

    def derived(self) -> dict[str, Any]:
        return {"alt": self.alt, "conceded": self.conceded, "observed_strategy": self.derived_strategy}


KINDS: dict[str, type[BaseModel]] = {
    "actors": Actor, "alliances": Alliance, "mechanisms": Mechanism, "deployments": Deployment,
    "disputes": Dispute, "events": Event, "surveys": Survey, "series": Series,
}
