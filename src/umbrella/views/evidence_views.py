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


def _cell(value: Any, lang: str = "en") -> str:
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def check_line(console: Console, result: Any) -> None:
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
    quotes = "seed quotes verified" if result.quotes_checked else "seed quotes NOT verified (no seeds found)"
    console.print(f"ok: {counts}; {result.bib_entries} bib entries; {quotes}")


FILTERS = {"actor": "--actor", "start": "--from", "end": "--to", "type": "--type", "text": "--text"}


def none_match(console: Console, kind: str, request: Any, lang: str) -> None:
    """Why a list is empty: the filters (each valid, or the lab would have said so) match no record."""
    given = " ".join(f"{flag} {getattr(request, name)}" for name, flag in FILTERS.items()
                     if getattr(request, name, None) is not None)
    console.print(t("list.none", lang).format(kind=t("kind." + kind, lang).lower(), filters=given), markup=False)


def records_table(console: Console, kind: str, result: Any, lang: str, request: Any = None) -> None:
    records = result.model_dump(mode="json")
    if not records and request is not None:
        none_match(console, kind, request, lang)
        return
    table = Table(title=f"{t('kind.' + kind, lang)} ({len(records)})")
    for col in ["id", "title"] + COLUMNS[kind]:
        table.add_column(t("col." + col, lang))
    for r in records:
        table.add_row(r["id"], _title(r, lang), *(_cell(r.get(c), lang) for c in COLUMNS[kind]))
    console.print(table)


def record_yaml(console: Console, result: Any) -> None:
    doc = result.model_dump(mode="json")
    kind, where = doc.pop("kind"), doc.pop("defined_at")
    console.print(f"[bold]{doc['id']}[/bold] ({kind}) — {where}")
    console.print(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), markup=False)


def timeline_table(console: Console, result: Any, lang: str, request: Any = None) -> None:
    if not result.root and request is not None:
        none_match(console, "events", request, lang)
        return
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


FIGURE_LABELS: dict[str, dict[str, str]] = {
    "fig.year": {"en": "year", "zh": "年份"},
    "fig.hosts": {"en": "host countries", "zh": "东道国数量"},
    "fig.hosts_title": {"en": "US nuclear weapons abroad: host countries by deployment intensity",
                        "zh": "美国海外核部署：按部署强度划分的东道国数量"},
    "fig.hosts_alt": {"en": "Stacked area chart, {first}–{last}: the number of countries hosting US nuclear weapons, "
                            "fixed (dark) and non-fixed (light); at most {peak} hosts in {peak_year}, {now} in {last}.",
                      "zh": "{first}–{last}年的堆叠面积图：承载美国核武器的国家数，固定部署（深色）与非固定部署（浅色）；"
                            "{peak_year}年最多，为{peak}个，{last}年为{now}个。"},
    "fig.hosts_caption": {"en": "Hosts of US nuclear deployments each year, {first}–{last}. Source: the {n} deployment "
                                "records of the evidence base (each with its sources; `umbrella data list deployments`).",
                          "zh": "{first}–{last}年每年承载美国核部署的国家。来源：证据库中的 {n} 条部署记录（各有出处；"
                                "`umbrella data list deployments`）。"},
    "fig.support": {"en": "% in favour", "zh": "支持率（%）"},
    "fig.polls_title": {"en": "South Korean support for own nuclear weapons, by pollster",
                        "zh": "韩国公众对自主核武装的支持（按调查机构）"},
    "fig.polls_alt": {"en": "Scatter chart of {n} polls by {k} pollsters, {first}–{last}: support for South Korea's own "
                            "nuclear weapons between {low:.0f}% and {high:.0f}%; a pollster's points are joined only "
                            "where they are less than {gap} years apart.",
                      "zh": "{first}–{last}年 {k} 家机构 {n} 次民调的散点图：支持韩国自主核武装的比例在 {low:.0f}% 至 "
                            "{high:.0f}% 之间；同一机构相隔不足 {gap} 年的调查点之间才连线。"},
    "fig.polls_caption": {"en": "Each point is one poll (question item `own_nukes`, N = {n} polls). Lines join a "
                                "pollster's consecutive polls less than {gap} years apart; gaps are left open, since "
                                "nothing was measured in between. Source: the survey records of the evidence base.",
                          "zh": "每个点为一次民调（题目 `own_nukes`，共 {n} 次）。同一机构相隔不足 {gap} 年的相邻调查以线相连；"
                                "间隔更长处不连线，因为其间没有测量。来源：证据库中的民调记录。"},
    "timeline.more": {"en": "the {n} earlier events", "zh": "更早的 {n} 个事件"},
    "timeline.latest": {"en": "The latest events (all in `umbrella timeline`):", "zh": "最近的事件（全部见 `umbrella timeline`）："},
}
POLL_GAP = 1.5      # years: a pollster's polls further apart are not joined by a line


def _fl(key: str, lang: str) -> str:
    return t(key, lang, FIGURE_LABELS)


def hosts_figure(report: Any, lang: str):
    from umbrella.views import charts
    plt = charts().pyplot()
    fig, ax = plt.subplots(figsize=(8, 2.6))
    ax.stackplot(report.years, report.hosts_per_year["fixed"], report.hosts_per_year["non_fixed"],
                 labels=[t("fixed", lang), t("non_fixed", lang)], colors=["#14324f", "#8fb3d9"])
    ax.set_xlabel(_fl("fig.year", lang))
    ax.set_ylabel(_fl("fig.hosts", lang))
    ax.set_title(_fl("fig.hosts_title", lang), fontsize=10)
    ax.legend(loc="upper right")
    return fig


def polls_figure(polls: list, lang: str):
    """One marker per poll; a pollster's polls joined only across gaps shorter than POLL_GAP."""
    from umbrella.views import charts
    plt = charts().pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    for i, pollster in enumerate(sorted({s.pollster for s in polls})):
        points = sorted((s.year + ((s.month or 6) - 0.5) / 12, s.value) for s in polls if s.pollster == pollster)
        color = f"C{i % 10}"
        ax.plot(*zip(*points), "o", color=color, ms=5, label=pollster)
        run = [points[0]]
        for prev, point in zip(points, points[1:]):
            if point[0] - prev[0] < POLL_GAP:
                run.append(point)
                continue
            if len(run) > 1:
                ax.plot(*zip(*run), "-", color=color, lw=0.8)
            run = [point]
        if len(run) > 1:
            ax.plot(*zip(*run), "-", color=color, lw=0.8)
    ax.set_ylim(0, 100)
    ax.set_ylabel(_fl("fig.support", lang))
    ax.set_title(_fl("fig.polls_title", lang), fontsize=10)
    ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False)
    return fig


def evidence_section(report: Any):
    """The report's evidence section (`umbrella.lab.evidence.EvidenceReport`): counts, alliances,
    deployments over time, disputes, polls, the latest events (the rest folded)."""
    from umbrella.views import charts
    from umbrella.views.report import Section, esc, html_table, long_table, per_lang

    summary = report.summary
    hosts = [f + n for f, n in zip(report.hosts_per_year["fixed"], report.hosts_per_year["non_fixed"])]
    peak = max(hosts)
    host_facts = {"first": report.years[0], "last": report.years[-1], "peak": peak,
                  "peak_year": report.years[hosts.index(peak)], "now": hosts[-1], "n": summary.counts["deployments"]}
    polls = report.kor_own_nukes
    values = [s.value for s in polls]
    poll_facts = {"n": len(polls), "k": len({s.pollster for s in polls}), "gap": POLL_GAP,
                  "first": min((s.year for s in polls), default=0), "last": max((s.year for s in polls), default=0),
                  "low": min(values, default=0), "high": max(values, default=0)}

    def body(lang: str) -> str:
        graphs = charts().embedded_png(hosts_figure(report, lang), _fl("fig.hosts_alt", lang).format(**host_facts),
                                       _fl("fig.hosts_caption", lang).format(**host_facts))
        if polls:
            graphs += charts().embedded_png(polls_figure(polls, lang), _fl("fig.polls_alt", lang).format(**poll_facts),
                                             _fl("fig.polls_caption", lang).format(**poll_facts))
        events = sorted(report.timeline.root, key=lambda e: e.date, reverse=True)
        parts = [f"<p>{esc(t('summary.title', lang))}</p>",
                 html_table([t("col.kind", lang), t("col.count", lang)],
                            [(t("kind." + k, lang), n) for k, n in summary.counts.items()]),
                 f"<h3>{esc(t('summary.alliances', lang))}</h3>",
                 html_table([t("col.structure", lang), t("kind.alliances", lang)],
                            [(t(s, lang), ", ".join(ids)) for s, ids in summary.alliances_by_structure.items()]),
                 f"<h3>{esc(t('summary.deployments', lang))}</h3>", graphs,
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
                 f"<h3>{esc(t('timeline.title', lang))}</h3><p>{esc(_fl('timeline.latest', lang))}</p>",
                 long_table([t("col.date", lang), t("col.type", lang), t("col.actors", lang), t("col.title", lang)],
                            [(e.date, t("event." + e.type, lang), ", ".join(e.actors), e.title.get(lang))
                             for e in events], _fl("timeline.more", lang))]
        return "".join(parts)

    return Section("evidence", both("section.evidence"), per_lang(body))
