"""Use cases of the evidence base: check, list, show, summarise, timeline, export."""
from __future__ import annotations

import pathlib
import re
from collections import Counter
from typing import Any, ClassVar, Literal, Optional, Sequence

from pydantic import Field, RootModel

from umbrella.errors import REQUEST, InputError, Problem, UnknownName, request_problem, unknown
from umbrella.lab.base import Document, LabBase, Request, Text, pick

SUMMARY_YEARS = (1958, 1970, 1985, 1992, 2010, 2023)

# ---- requests ----------------------------------------------------------------------------------

class RecordFilters(Request):
    """Which records: each filter given narrows the list (all of them must hold)."""
    actor: Optional[str] = Field(None, description="only records involving this actor (an actor id, e.g. KOR)")
    start: Optional[int] = Field(None, strict=True, description="only records in or after this year")
    end: Optional[int] = Field(None, strict=True, description="only records in or before this year")
    type: Optional[str] = Field(None, description="only records of this type (events: type; actors: role; "
                                                  "alliances: structure; deployments: intensity; disputes: "
                                                  "observed_strategy; surveys: item; series: unit)")
    text: Optional[str] = Field(None, min_length=1, max_length=200, description="only records whose text contains this "
                                                                "(any field, either language, any case)")


class RecordsRequest(RecordFilters):
    kind: str = Field(description="a kind of record of the evidence base (`umbrella.evidence.KINDS`)")


class FacetsRequest(Request):
    kind: str = Field(description="a kind of record of the evidence base")


class WorldRequest(Request):
    year: int = Field(strict=True, ge=1900, le=2100, description="the year of the snapshot")


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


class Facets(Document):
    """What a kind's records can be filtered by: their types, the actors they involve, their years."""
    kind: str
    type_field: Optional[str]
    types: list[str]
    actors: list[str]
    first_year: Optional[int]
    last_year: Optional[int]


class WorldAlliance(Document):
    id: str
    name: Text
    patron: str
    members: list[str]
    nuclear_sharing: bool


class WorldDeployment(Document):
    id: str
    host: str
    intensity: str
    systems: list[str]
    location: Optional[str]


class WorldMechanism(Document):
    id: str
    name: Text
    alliance: str
    allies: list[str]
    gives: list[str]


class WorldSnapshot(Document):
    """`World.at(year)`: alliances in force by structure, hosts by the highest intensity of US deployment
    on their soil, the deployments and the consultation mechanisms in force; `first_year`/`last_year`
    bound the years the evidence base records."""
    year: int
    first_year: int
    last_year: int
    alliances_by_structure: dict[str, list[WorldAlliance]]
    hosts_by_intensity: dict[str, list[str]]
    deployments: list[WorldDeployment]
    mechanisms: list[WorldMechanism]


class SourceView(Document):
    """One source of a record, resolved: a seed quote with where it sits in its seed (line and numbered
    section, where the seeds are present), or a bibliography entry with its full BibTeX text."""
    _omit: ClassVar[tuple[str, ...]] = ("seed", "quote", "line", "section", "bib", "pages", "bibtex")
    where: str
    seed: Optional[str] = None
    quote: Optional[str] = None
    line: Optional[int] = None
    section: Optional[str] = None
    bib: Optional[str] = None
    pages: Optional[str] = None
    bibtex: Optional[str] = None


class RecordSources(Document):
    """Every source of a record, its own and those of its parts (alternatives, actions, codings, points)."""
    id: str
    kind: str
    seeds_present: bool
    sources: list[SourceView]


# ---- use cases ---------------------------------------------------------------------------------

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
        records = list(self.evidence.kind(request.kind).values())
        return RecordList.model_validate([as_dict(request.kind, r) for r in self._filtered(request.kind, records, request)])

    def _filtered(self, kind: str, records: list, request: RecordFilters) -> list:
        """`records` of `kind` that pass every filter (`evidence.query.matches`); a filter that cannot apply
        to the kind, an unknown actor or type, or `start` after `end` is an input problem (so an empty list
        means: none match)."""
        from umbrella.evidence.query import DATED, TYPE_FIELD, actors_of, matches, type_of
        problems = []
        if request.start is not None and request.end is not None and request.start > request.end:
            problems.append(Problem(REQUEST, 0, "start", f"{request.start} is after `end` {request.end}"))
        for name in ("start", "end"):
            if getattr(request, name) is not None and kind not in DATED:
                problems.append(Problem(REQUEST, 0, name, f"{kind} have no years"))
        if request.type is not None:
            field = TYPE_FIELD.get(kind)
            values = sorted({t for r in records if (t := type_of(kind, r)) is not None})
            if field is None:
                problems.append(Problem(REQUEST, 0, "type", f"{kind} have no type"))
            elif request.type not in values:
                problems.append(Problem(REQUEST, 0, "type", unknown(f"{field} of {kind}", request.type, values)))
        named = {a for r in records for a in actors_of(kind, r)}
        if request.actor is not None and request.actor not in {*self.evidence.actors, *named}:
            problems.append(Problem(REQUEST, 0, "actor", unknown("actor", request.actor, self.evidence.actors,
                                                                 listing=False, aliases=self.actor_aliases)
                                    + " (see `umbrella data list actors`)"))
        if problems:
            raise UnknownName(problems) if all(p.field in ("actor", "type") for p in problems) else InputError(problems)
        filters = request.model_dump(include={"actor", "start", "end", "type", "text"})
        return [r for r in records if matches(kind, r, **filters)]

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

    def facets(self, request: FacetsRequest) -> Facets:
        """The types, actors and years a kind's records hold (what the filters of `records` can take)."""
        from umbrella.evidence import KINDS
        from umbrella.evidence.query import TYPE_FIELD, actors_of, type_of, years_of
        pick({k: k for k in KINDS}, request.kind, "kind", "kind")
        records = list(self.evidence.kind(request.kind).values())
        years = [y for r in records for y in years_of(request.kind, r) if y is not None]
        return Facets.of({"kind": request.kind, "type_field": TYPE_FIELD.get(request.kind),
                          "types": sorted({t for r in records if (t := type_of(request.kind, r)) is not None}),
                          "actors": sorted({a for r in records for a in actors_of(request.kind, r)}),
                          "first_year": min(years, default=None), "last_year": max(years, default=None)})

    def world(self, request: WorldRequest) -> WorldSnapshot:
        """The system in one year (`World.at`): alliances by structure, hosts by deployment intensity,
        deployments and consultation mechanisms in force."""
        ev = self.evidence
        w = ev.world(request.year)
        starts = ([a.founded for a in ev.alliances.values()] + [d.start for d in ev.deployments.values()]
                  + [m.established for m in ev.mechanisms.values()])
        ends = starts + [e.year for e in ev.events.values()]
        by_structure: dict[str, list[dict]] = {"multilateral": [], "bilateral": []}
        for a in sorted(w.alliances.values(), key=lambda a: (a.founded, a.id)):
            by_structure[a.structure].append({"id": a.id, "name": a.name.model_dump(), "patron": a.patron,
                                              "members": list(a.members), "nuclear_sharing": a.nuclear_sharing})
        return WorldSnapshot.of({
            "year": request.year, "first_year": min(starts), "last_year": max(ends),
            "alliances_by_structure": by_structure, "hosts_by_intensity": w.by_intensity(),
            "deployments": [{"id": d.id, "host": d.host, "intensity": d.intensity, "systems": list(d.systems),
                             "location": d.location} for d in sorted(w.deployments.values(), key=lambda d: (d.host, d.id))],
            "mechanisms": [{"id": m.id, "name": m.name.model_dump(), "alliance": m.alliance, "allies": list(m.allies),
                            "gives": list(m.gives)} for m in sorted(w.mechanisms.values(), key=lambda m: (m.established, m.id))]})

    def record_sources(self, request: RecordRequest) -> RecordSources:
        """Every source of a record, resolved: seed quotes located in their seed, BibTeX entries in full."""
        from umbrella.evidence import seeds_dir
        from umbrella.evidence.loader import walk_sources
        from umbrella.evidence.quotes import locate
        from umbrella.evidence.records import as_dict
        ev = self.evidence
        if request.id not in ev.kinds:
            raise request_problem("id", f"no record with id {request.id!r}", UnknownName)
        kind, record = ev.get(request.id)
        seeds = seeds_dir()
        views = []
        for loc, src in walk_sources(as_dict(kind, record)):
            where = ".".join(str(part) for part in loc)
            if "seed" in src:
                path = seeds / src["seed"] if seeds is not None else None
                found = locate(path, src["quote"]) if path is not None and path.is_file() else None
                views.append({"where": where, "seed": src["seed"], "quote": src["quote"],
                              "line": found.line if found else None, "section": found.section if found else None})
            else:
                views.append({"where": where, "bib": src["bib"], "pages": src.get("pages"),
                              "bibtex": ev.bib.get(src["bib"])})
        views.sort(key=lambda v: not v["where"].startswith("sources."))     # the record's own sources first
        return RecordSources.of({"id": request.id, "kind": kind, "seeds_present": seeds is not None, "sources": views})

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
        return RecordList.model_validate([as_dict("events", e) for e in self._filtered("events", events, request)])

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
