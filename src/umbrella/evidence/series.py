"""Observed series: checks against the other records, and resolution of their points.

A series point may name a poll of `surveys.yaml` instead of repeating its numbers, and a series
may be counted from `events.yaml` (`derive:`). The checks here run on the raw records, like every
cross-record check of the loader, so one run reports all problems; `resolve` then fills in the
points from the validated records, so that every consumer sees plain points with their sources.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from umbrella.errors import Problem


def check(raw: dict, problem: Callable[[tuple, str], Problem], kind_of: Callable[[str], tuple[str, dict] | None],
          events: list[dict]) -> Iterator[Problem]:
    """Problems of one raw series record. `kind_of(id)` gives (kind, raw record) of any id or None."""
    points = raw.get("points") if isinstance(raw.get("points"), list) else []
    previous: tuple | None = None
    for i, point in enumerate(points):
        if not isinstance(point, dict):
            continue
        source = point
        if isinstance(point.get("survey"), str):
            found = kind_of(point["survey"])
            if found is None or found[0] != "surveys":
                yield problem(("points", i, "survey"), f"unknown survey record {point['survey']!r}")
                continue
            source = found[1]
            yield from _same_poll(raw, source, point["survey"], lambda msg, i=i: problem(("points", i, "survey"), msg))
        key = (source.get("year"), source.get("month") or 0)
        if all(isinstance(k, int) for k in key):
            if previous is not None and key <= previous:
                yield problem(("points", i, "year"), f"points must be in time order without repeats: "
                                                     f"{_when(key)} follows {_when(previous)}")
            previous = key
        if raw.get("unit") == "percent":
            for name in ("value", "low", "high"):
                x = source.get(name)
                if isinstance(x, (int, float)) and not isinstance(x, bool) and x > 100:
                    yield problem(("points", i, name), f"{x:g} is not a percentage (unit: percent)")
    derive = raw.get("derive")
    if isinstance(derive, dict) and not any(_counted(e, derive) for e in events):
        yield problem(("derive",), f"no event of type {derive.get('type')!r} involving {derive.get('actor')!r} "
                                   "in the evidence base")


def _same_poll(series: dict, survey: dict, survey_id: str, problem: Callable[[str], Problem]) -> Iterator[Problem]:
    """A poll series holds one country, one item and one question format."""
    for field, theirs in (("subject", survey.get("country")), ("item", survey.get("item")),
                          ("question_format", survey.get("question_format"))):
        ours = series.get(field)
        if ours != theirs:
            yield problem(f"survey {survey_id!r} has {'country' if field == 'subject' else field} {theirs!r}, "
                          f"the series {field} {ours!r}: one series per country, item and question format")


def _when(key: tuple) -> str:
    return f"{key[0]}-{key[1]:02d}" if key[1] else str(key[0])


def _counted(event: dict, derive: dict) -> bool:
    actors = event.get("actors") if isinstance(event.get("actors"), list) else []
    return event.get("type") == derive.get("type") and derive.get("actor") in actors


def resolve(ev: Any) -> None:
    """Fill every series' points from the records they name: polls from `surveys`, counts from
    `events`. Runs on a validated evidence base."""
    for sid, series in list(ev.series.items()):
        if series.derive is not None:
            points = _derived_points(series.derive, ev.events.values())
        else:
            points = [_from_survey(p, ev.surveys[p.survey]) if p.survey else p for p in series.points]
        ev.series[sid] = series.model_copy(update={"points": points})


def _from_survey(point, survey):
    return point.model_copy(update={"year": survey.year, "month": survey.month, "value": survey.value,
                                    "n": survey.n, "sources": list(survey.sources)})


def _derived_points(derive, events) -> list:
    from umbrella.evidence.schema import SeriesPoint
    by_year: dict[int, list[str]] = {year: [] for year in range(derive.start, derive.end + 1)}
    for e in sorted(events, key=lambda e: (e.date, e.id)):
        if e.type == derive.type and derive.actor in e.actors and e.year in by_year:
            by_year[e.year].append(e.id)
    return [SeriesPoint.model_construct(year=year, month=None, value=float(len(ids)), low=None, high=None, n=None,
                                        survey=None, events=ids, sources=[], confidence=None, notes=None)
            for year, ids in by_year.items()]


def rows(ev: Any) -> list[dict[str, Any]]:
    """One row per point of every series (long format, for CSV, Parquet and Stata exports)."""
    from umbrella.evidence.records import source_label
    out = []
    for s in ev.series.values():
        for p in s.points:
            out.append({"series": s.id, "subject": s.subject, "unit": s.unit, "producer": s.producer,
                        "timing": s.timing, "informs": "; ".join(s.informs), "year": p.year, "month": p.month,
                        "value": p.value, "low": p.low, "high": p.high, "n": p.n, "survey": p.survey,
                        "events": "; ".join(p.events), "sources": "; ".join(source_label(x) for x in p.sources),
                        "confidence": p.confidence or s.confidence, "notes": p.notes})
    return out
