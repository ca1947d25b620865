"""Summary of the evidence base for people (tables) and for reports (a plain dict)."""
from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from umbrella.views.i18n import t


def evidence_summary(ev, years: list[int]) -> dict:
    """What the evidence base says about the system: counts, alliances by structure, hosts by
    deployment intensity in chosen years, disputes by observed strategy, mechanisms."""
    by_structure: dict[str, list[str]] = {"multilateral": [], "bilateral": []}
    for a in ev.alliances.values():
        by_structure[a.structure].append(a.id)
    disputes = [
        {"id": d.id, "title": d.title.model_dump(), "structure": d.structure, "alt": d.alt,
         "observed_strategy": d.derived_strategy, "period": [d.period.start, d.period.end]}
        for d in sorted(ev.disputes.values(), key=lambda d: d.period.start)
    ]
    strategies = Counter(d["observed_strategy"] or "open" for d in disputes)
    return {
        "counts": ev.counts(),
        "alliances_by_structure": by_structure,
        "hosts_by_intensity": {y: ev.world(y).by_intensity() for y in years},
        "disputes": disputes,
        "strategies": dict(strategies),
        "mechanisms": [{"id": m.id, "name": m.name.model_dump(), "established": m.established,
                        "gives": list(m.gives)} for m in sorted(ev.mechanisms.values(), key=lambda m: m.established)],
    }


def print_summary(summary: dict, lang: str, console: Console | None = None) -> None:
    console = console or Console()
    console.rule(t("summary.title", lang))
    counts = Table(title=t("summary.records", lang))
    counts.add_column(t("col.kind", lang))
    counts.add_column(t("col.count", lang), justify="right")
    for kind, n in summary["counts"].items():
        counts.add_row(t("kind." + kind, lang), str(n))
    console.print(counts)

    alliances = Table(title=t("summary.alliances", lang))
    alliances.add_column(t("col.structure", lang))
    alliances.add_column(t("kind.alliances", lang))
    for structure, ids in summary["alliances_by_structure"].items():
        alliances.add_row(t(structure, lang), ", ".join(ids))
    console.print(alliances)

    hosts = Table(title=t("summary.deployments", lang))
    hosts.add_column(t("col.year", lang))
    for level in ("fixed", "non_fixed"):
        hosts.add_column(t(level, lang))
    for year, groups in summary["hosts_by_intensity"].items():
        hosts.add_row(str(year), ", ".join(groups["fixed"]), ", ".join(groups["non_fixed"]))
    console.print(hosts)

    disputes = Table(title=t("summary.disputes", lang))
    for col in ("id", "title", "structure", "alt", "observed_strategy"):
        disputes.add_column(t("col." + col, lang))
    for d in summary["disputes"]:
        disputes.add_row(d["id"], d["title"][lang], t(d["structure"], lang), "✓" if d["alt"] else "✗",
                         t(d["observed_strategy"] or "open", lang))
    console.print(disputes)

    mechanisms = Table(title=t("summary.mechanisms", lang))
    for col in ("id", "title", "established", "gives"):
        mechanisms.add_column(t("col." + col, lang))
    for m in summary["mechanisms"]:
        mechanisms.add_row(m["id"], m["name"][lang], str(m["established"]), ", ".join(m["gives"]))
    console.print(mechanisms)
