"""Use cases of the evidence base: check, list, show, summarise, timeline, export."""
from __future__ import annotations

import pathlib
import re
from collections import Counter
from typing import Any, Iterator, Literal, Optional, Sequence

from pydantic import Field, RootModel

from umbrella.errors import REQUEST, InputError, Problem, UnknownName, request_problem, unknown
from umbrella.lab.base import Document, LabBase, Request, Text, pick

SUMMARY_YEARS = (1958, 1970, 1985, 1992, 2010, 2023)

#: per kind, the fields that name actors, the fields of its first and last year, and its `type`
ACTOR_FIELDS = {"actors": ("id",), "alliances": ("patron", "members"), "mechanisms": ("allies",),
                "deployments": ("patron", "host"), "disputes": ("patron", "host"), "events": ("actors",),
                "surveys": ("country",), "series": ("subject",)}
YEAR_FIELDS = {"alliances": ("founded", "ended"), "mechanisms": ("established", "ended"),
               "deployments": ("start", "end"), "disputes": ("period.start", "period.end"), "events": ("year", "year"),
               "surveys": ("year", "year"), "series": ("first_year", "last_year")}
TYPE_FIELD = {"actors": "role", "alliances": "structure", "deployments": "intensity", "disputes": "observed_strategy",
              "events": "type", "surveys": "item", "series": "unit"}


# ---- requests ----------------------------------------------------------------------------------

class RecordFilters(Request):
    """Which records: each filter given narrows the list (all of them must hold)."""
    actor: Optional[str] = Field(None, description="only records involving this actor (an actor id, e.g. KOR)")
    start: Optional[int] = Field(None, strict=True, description="only records in or after this year")
    end: Optional[int] = Field(None, strict=True, description="only records in or before this year")
    type: Optional[str] = Field(None, description="only records of this type (events: type; actors: role; "
                                                  "alliances: structure; deployments: intensity; disputes: "
                                                  "observed_strategy; surveys: item; series: unit)")
    text: Optional[str] = Field(None, min_length=1, description="only records whose text contains this "
                                                                "(any field, either language, any case)")


class RecordsRequest(RecordFilters):
    kind: str = Field(description="a kind of record of the evidence base (`umbrella.evidence.KINDS`)")


class RecordRequest(Request):
    id: str = Field(description="the id of a record of any kind")


class SummaryRequest(Request):
    years: list[int] = Field(default=list(SUMMARY_YEARS), description="years of the deployment snapshot")


class TimelineRequest(RecordFilters):
    """The events in date order, filtered like `RecordsRequest`."""


class ExportRequest(Request):
    format: Literal["csv", "parquet", "dta", "bib"]
    out: pathlib.Path = Field(description="output directory")


# ---- results -----------------------------------------------------------------------------------

class DataCheck(Document):
    """`data check`: what the validated base holds."""
    counts: dict[str, int]
    bib_entries: int
    quotes_checked: bool


class Record(Document):
    """A record of the evidence base with every field of its kind (SYSTEM.md §3.2-3.3); disputes with
    their derived `alt`, `conceded`, `observed_strategy`, events with their `year`."""
    id: str


class RecordList(RootModel[list[Record]]):
    """`data list KIND` and `timeline`: records in order."""


class RecordDocument(Record):
    """`data show ID`: the record, its kind and where it is defined."""
    kind: str
    defined_at: str


class SummaryDispute(Document):
    id: str
    title: Text
    structure: str
    alt: bool
    observed_strategy: Optional[str]
    period: list[int]


class SummaryMechanism(Document):
    id: str
    name: Text
    established: int
    gives: list[str]


class EvidenceSummary(Document):
    """`data summary`: the system as the evidence base records it."""
    counts: dict[str, int]
    alliances_by_structure: dict[str, list[str]]
    hosts_by_intensity: dict[int, dict[str, list[str]]]
    disputes: list[SummaryDispute]
    strategies: dict[str, int]
    mechanisms: list[SummaryMechanism]


class SurveyPoint(Document):
    pollster: str
    year: int
    month: Optional[int]
    value: float


class EvidenceReport(Document):
    """What the report shows of the evidence base: the summary, hosts by intensity year by year,
    ROK polls on own nuclear weapons, and the timeline."""
    summary: EvidenceSummary
    years: list[int]
    hosts_per_year: dict[str, list[int]]
    kor_own_nukes: list[SurveyPoint]
    timeline: RecordList


class ExportResult(Document):
    files: list[str]


# ---- use cases ---------------------------------------------------------------------------------

def _field(record: dict, path: str) -> Any:
    for part in path.split("."):
        record = record.get(part) if isinstance(record, dict) else None
    return record


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)
    elif value is not None:
        yield str(value)


def _passes(kind: str, record: dict, request: RecordFilters) -> bool:
    """Does the record pass every filter of the request?"""
    if request.actor is not None:
        named = [_field(record, f) for f in ACTOR_FIELDS[kind]]
        if not any(request.actor == v or (isinstance(v, list) and request.actor in v) for v in named):
            return False
    if request.start is not None or request.end is not None:
        first, last = (_field(record, f) for f in YEAR_FIELDS[kind])
        last = 9999 if last is None else last           # still in force
        if first is None or (request.start is not None and last < request.start) \
                or (request.end is not None and first > request.end):
            return False
    if request.type is not None and str(record.get(TYPE_FIELD[kind])) != request.type:
        return False
    if request.text is not None:
        needle = request.text.casefold()
        return any(needle in text.casefold() for text in _texts(record))
    return True



class EvidenceUseCases(LabBase):

    def check_data(self) -> DataCheck:
        """Validate the evidence base (every problem of every file at once, as InputError)."""
        ev = self.evidence
        return DataCheck.of({"counts": ev.counts(), "bib_entries": len(ev.bib), "quotes_checked": ev.quotes_checked})

    def records(self, request: RecordsRequest) -> RecordList:
        """The records of one kind that pass the request's filters, disputes with their derived fields."""
        from umbrella.evidence import KINDS
        from umbrella.evidence.records import as_dict
        pick({k: k for k in KINDS}, request.kind, "kind", "kind")
        rows = [as_dict(request.kind, r) for r in self.evidence.kind(request.kind).values()]
        return RecordList.model_validate(self._filtered(request.kind, rows, request))

    def _filtered(self, kind: str, rows: list[dict], request: RecordFilters) -> list[dict]:
        """`rows` of `kind` that pass every filter; a filter that cannot apply to the kind, an unknown
        actor or type, or `start` after `end` is an input problem (so an empty list means: none match)."""
        problems = []
        if request.start is not None and request.end is not None and request.start > request.end:
            problems.append(Problem(REQUEST, 0, "start", f"{request.start} is after `end` {request.end}"))
        for name in ("start", "end"):
            if getattr(request, name) is not None and kind not in YEAR_FIELDS:
                problems.append(Problem(REQUEST, 0, name, f"{kind} have no years"))
        if request.type is not None:
            field = TYPE_FIELD.get(kind)
            values = sorted({str(r.get(field)) for r in rows if r.get(field) is not None}) if field else []
            if field is None:
                problems.append(Problem(REQUEST, 0, "type", f"{kind} have no type"))
            elif request.type not in values:
                problems.append(Problem(REQUEST, 0, "type", unknown(f"{field} of {kind}", request.type, values)))
        named = {v for r in rows for f in ACTOR_FIELDS[kind] for v in _texts(_field(r, f))}
        if request.actor is not None and request.actor not in {*self.evidence.actors, *named}:
            problems.append(Problem(REQUEST, 0, "actor", unknown("actor", request.actor, self.evidence.actors,
                                                                 listing=False, aliases=self.actor_aliases)
                                    + " (see `umbrella data list actors`)"))
        if problems:
            raise UnknownName(problems) if all(p.field in ("actor", "type") for p in problems) else InputError(problems)
        return [r for r in rows if _passes(kind, r, request)]

    @property
    def actor_aliases(self) -> dict[str, str]:
        """What people call an actor, for hints: its names and their initials (`ROK`, `DPRK`, `UK`)."""
        def load() -> dict[str, str]:
            out: dict[str, str] = {}
            for actor in self.evidence.actors.values():
                for name in (actor.name.en, actor.name.zh):
                    for part in [name, *re.split(r"\s*[()]\s*", name)]:
                        words = re.findall(r"[A-Za-z][\w']*", part)
                        initials = ["".join(w[0] for w in words),
                                    "".join(w[0] for w in words if w.lower() not in ("of", "the"))]
                        for alias in [part.strip(), *(i for i in initials if len(i) > 1)]:
                            out.setdefault(alias, actor.id)
            return out
        return self._once("actor_aliases", load)

    def record(self, request: RecordRequest) -> RecordDocument:
        """One record of any kind, with its kind and where it is defined."""
        from umbrella.evidence.records import as_dict
        ev = self.evidence
        if request.id not in ev.kinds:
            raise request_problem("id", unknown("record", request.id, ev.kinds, listing=False), UnknownName)
        kind, record = ev.get(request.id)
        path, line = ev.origin(request.id)
        return RecordDocument.of({"kind": kind, "defined_at": f"{path}:{line}", **as_dict(kind, record)})

    def summary(self, request: SummaryRequest = SummaryRequest()) -> EvidenceSummary:
        """Counts, alliances by structure, hosts by deployment intensity in chosen years, disputes by
        observed strategy, mechanisms."""
        ev = self.evidence
        by_structure: dict[str, list[str]] = {"multilateral": [], "bilateral": []}
        for a in ev.alliances.values():
            by_structure[a.structure].append(a.id)
        disputes = [{"id": d.id, "title": d.title.model_dump(), "structure": d.structure, "alt": d.alt,
                     "observed_strategy": d.derived_strategy, "period": [d.period.start, d.period.end]}
                    for d in sorted(ev.disputes.values(), key=lambda d: d.period.start)]
        return EvidenceSummary.of({
            "counts": ev.counts(),
            "alliances_by_structure": by_structure,
            "hosts_by_intensity": {y: ev.world(y).by_intensity() for y in request.years},
            "disputes": disputes,
            "strategies": dict(Counter(d["observed_strategy"] or "open" for d in disputes)),
            "mechanisms": [{"id": m.id, "name": m.name.model_dump(), "established": m.established,
                            "gives": list(m.gives)} for m in sorted(ev.mechanisms.values(), key=lambda m: m.established)],
        })

    def timeline(self, request: TimelineRequest = TimelineRequest()) -> RecordList:
        """Dated events in order, filtered like `records`."""
        from umbrella.evidence.records import as_dict
        events = sorted(self.evidence.events.values(), key=lambda e: (e.date, e.id))
        return RecordList.model_validate(self._filtered("events", [as_dict("events", e) for e in events], request))

    def export(self, request: ExportRequest) -> ExportResult:
        """Every record kind as CSV, Parquet or Stata files, or the merged bibliography, into `out`."""
        from umbrella.evidence.export import export
        if request.out.exists() and not request.out.is_dir():
            raise request_problem("out", f"{request.out} exists and is not a directory")
        return ExportResult.of({"files": [str(p) for p in export(self.evidence, request.format, request.out)]})

    def evidence_report(self, years: Sequence[int] = SUMMARY_YEARS, first: int = 1945, last: int = 2025
                        ) -> EvidenceReport:
        """The evidence section of the report: the summary (snapshots in `years`), hosts by
        deployment intensity in every year from `first` to `last`, ROK polls, the timeline."""
        ev = self.evidence
        snapshots = list(years)
        years = list(range(first, last + 1))
        counts: dict[str, list[int]] = {"fixed": [], "non_fixed": []}
        for year in years:
            groups = ev.world(year).by_intensity()
            for level in counts:
                counts[level].append(len(groups[level]))
        polls = sorted((s for s in ev.surveys.values() if s.country == "KOR" and s.item == "own_nukes"),
                       key=lambda s: (s.year, s.month or 0))
        return EvidenceReport.of({
            "summary": self.summary(SummaryRequest(years=snapshots)), "years": years, "hosts_per_year": counts,
            "kor_own_nukes": [{"pollster": s.pollster, "year": s.year, "month": s.month, "value": s.value}
                              for s in polls],
            "timeline": self.timeline()})
