"""The evidence base for people: rich tables of records, the system summary and the timeline, and the
report's evidence section. Everything here renders results of `umbrella.lab`; nothing is computed."""
from __future__ import annotations

from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from umbrella.views.i18n import both, t

COLUMNS = {
    "actors": ["kind", "role", "nuclear_status"],
    "alliances": ["structure", "patron", "founded", "ended"],
    "mechanisms": ["alliance", "established", "gives"],
    "deployments": ["host", "intensity", "start", "end"],
    "disputes": ["host", "structure", "alt", "conceded", "observed_strategy"],
    "events": ["date", "type", "actors"],
    "surveys": ["country", "year", "pollster", "item", "value"],
    "series": ["subject", "unit", "first_year", "last_year", "n_points"],
}


def _title(rec: dict, lang: str) -> str:
    for key in ("title", "name"):
        if isinstance(rec.get(key), dict):
            return rec[key].get(lang) or rec[key].get("en", "")
    if isinstance(rec.get("question"), dict):
        return rec["question"].get("en", "")
    return ""


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def check_line(console: Console, result: Any) -> None:
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
    quotes = "seed quotes verified" if result.quotes_checked else "seed quotes NOT verified (no seeds found)"
    console.print(f"ok: {counts}; {result.bib_entries} bib entries; {quotes}")


def records_table(console: Console, kind: str, result: Any, lang: str) -> None:
    records = result.model_dump(mode="json")
    table = Table(title=f"{t('kind.' + kind, lang)} ({len(records)})")
    for col in ["id", "title"] + COLUMNS[kind]:
        table.add_column(t("col." + col, lang))
    for r in records:
        table.add_row(r["id"], _title(r, lang), *(_cell(r.get(c)) for c in COLUMNS[kind]))
    console.print(table)


def record_yaml(console: Console, result: Any) -> None:
    doc = result.model_dump(mode="json")
    kind, where = doc.pop("kind"), doc.pop("defined_at")
    console.print(f"[bold]{doc['id']}[/bold] ({kind}) — {where}")
    console.print(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), markup=False)


def timeline_table(console: Console, result: Any, lang: str) -> None:
    tab = Table(title=t("timeline.title", lang))
    for col in ("date", "type", "actors", "title"):
        tab.add_column(t("col." + col, lang))
    for e in result.root:
        tab.add_row(e.date, t("event." + e.type, lang), ", ".join(e.actors), e.title.get(lang))
    console.print(tab)


def print_summary(summary: Any, lang: str, console: Console | None = None) -> None:
    console = console or Console()
    console.rule(t("summary.title", lang))
    counts = Table(title=t("summary.records", lang))
    counts.add_column(t("col.kind", lang))
    counts.add_column(t("col.count", lang), justify="right")
    for kind, n in summary.counts.items():
        counts.add_row(t("kind." + kind, lang), str(n))
    console.print(counts)

    alliances = Table(title=t("summary.alliances", lang))
    alliances.add_column(t("col.structure", lang))
    alliances.add_column(t("kind.alliances", lang))
    for structure, ids in summary.alliances_by_structure.items():
        alliances.add_row(t(structure, lang), ", ".join(ids))
    console.print(alliances)

    hosts = Table(title=t("summary.deployments", lang))
    hosts.add_column(t("col.year", lang))
    for level in ("fixed", "non_fixed"):
        hosts.add_column(t(level, lang))
    for year, groups in summary.hosts_by_intensity.items():
        hosts.add_row(str(year), ", ".join(groups["fixed"]), ", ".join(groups["non_fixed"]))
    console.print(hosts)

    disputes = Table(title=t("summary.disputes", lang))
    for col in ("id", "title", "structure", "alt", "observed_strategy"):
        disputes.add_column(t("col." + col, lang))
    for d in summary.disputes:
        disputes.add_row(d.id, d.title[lang], t(d.structure, lang), "✓" if d.alt else "✗",
                         t(d.observed_strategy or "open", lang))
    console.print(disputes)

    mechanisms = Table(title=t("summary.mechanisms", lang))
    for col in ("id", "title", "established", "gives"):
        mechanisms.add_column(t("col." + col, lang))
    for m in summary.mechanisms:
        mechanisms.add_row(m.id, m.name[lang], str(m.established), ", ".join(m.gives))
    console.print(mechanisms)


def evidence_section(report: Any):
    """The report's evidence section (`umbrella.lab.evidence.EvidenceReport`): counts, alliances,
    deployments over time, disputes, polls, timeline."""
    from umbrella.views.figures import embedded_png, pyplot
    from umbrella.views.report import Section, esc, html_table, per_lang

    summary = report.summary
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 3))
    ax.stackplot(report.years, report.hosts_per_year["fixed"], report.hosts_per_year["non_fixed"],
                 labels=[t("fixed", "en"), t("non_fixed", "en")], colors=["#14324f", "#8fb3d9"])
    ax.set_xlabel("year")
    ax.set_ylabel("host countries")
    ax.set_title("US nuclear deployments abroad by intensity (evidence base)")
    ax.legend(loc="upper right")
    figures = embedded_png(fig)
    if report.kor_own_nukes:
        fig, ax = plt.subplots(figsize=(8, 3.6))
        for pollster in sorted({s.pollster for s in report.kor_own_nukes}):
            points = [(s.year + ((s.month or 6) - 0.5) / 12, s.value) for s in report.kor_own_nukes
                      if s.pollster == pollster]
            ax.plot(*zip(*points), "o:", label=pollster, ms=5, lw=0.8)
        ax.set_ylim(0, 100)
        ax.set_ylabel("% support")
        ax.set_title("South Korean support for own nuclear weapons (surveys in the evidence base)")
        ax.legend(fontsize=7, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
        figures += embedded_png(fig)

    def body(lang: str) -> str:
        parts = [f"<p>{esc(t('summary.title', lang))}</p>",
                 html_table([t("col.kind", lang), t("col.count", lang)],
                            [(t("kind." + k, lang), n) for k, n in summary.counts.items()]),
                 f"<h3>{esc(t('summary.alliances', lang))}</h3>",
                 html_table([t("col.structure", lang), t("kind.alliances", lang)],
                            [(t(s, lang), ", ".join(ids)) for s, ids in summary.alliances_by_structure.items()]),
                 f"<h3>{esc(t('summary.deployments', lang))}</h3>", figures,
                 html_table([t("col.year", lang), t("fixed", lang), t("non_fixed", lang)],
                            [(y, ", ".join(g["fixed"]), ", ".join(g["non_fixed"]))
                             for y, g in summary.hosts_by_intensity.items()]),
                 f"<h3>{esc(t('summary.disputes', lang))}</h3>",
                 html_table([t("col.id", lang), t("col.title", lang), t("col.structure", lang), t("col.alt", lang),
                             t("col.observed_strategy", lang)],
                            [(d.id, d.title[lang], t(d.structure, lang), "✓" if d.alt else "✗",
                              t(d.observed_strategy or "open", lang)) for d in summary.disputes]),
                 f"<h3>{esc(t('summary.mechanisms', lang))}</h3>",
                 html_table([t("col.id", lang), t("col.title", lang), t("col.established", lang), t("col.gives", lang)],
                            [(m.id, m.name[lang], m.established, ", ".join(m.gives)) for m in summary.mechanisms]),
                 f"<h3>{esc(t('timeline.title', lang))}</h3>",
                 html_table([t("col.date", lang), t("col.type", lang), t("col.actors", lang), t("col.title", lang)],
                            [(e.date, t("event." + e.type, lang), ", ".join(e.actors), e.title.get(lang))
                             for e in sorted(report.timeline.root, key=lambda e: e.date)])]
        return "".join(parts)

    return Section("evidence", both("section.evidence"), per_lang(body))
