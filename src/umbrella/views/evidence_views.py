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


def deployment_counts(ev, years: range) -> dict[str, list[int]]:
    """Number of host countries with each intensity of US deployment, year by year."""
    out: dict[str, list[int]] = {"fixed": [], "non_fixed": []}
    for year in years:
        groups = ev.world(year).by_intensity()
        for level in out:
            out[level].append(len(groups[level]))
    return out


def evidence_section(ev):
    """The report's evidence section: counts, alliances, deployments over time, disputes, surveys,
    timeline."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from umbrella.views.report import Section, esc, figure_png, html_table, per_lang

    summary = evidence_summary(ev, [1958, 1970, 1985, 1992, 2010, 2023])
    years = range(1945, 2026)
    counts = deployment_counts(ev, years)
    surveys = sorted((s for s in ev.surveys.values() if s.country == "KOR" and s.item == "own_nukes"),
                     key=lambda s: (s.year, s.month or 0))

    def plots(lang: str) -> str:
        fig, ax = plt.subplots(figsize=(8, 3))
        ax.stackplot(list(years), counts["fixed"], counts["non_fixed"],
                     labels=[t("fixed", "en"), t("non_fixed", "en")], colors=["#14324f", "#8fb3d9"])
        ax.set_xlabel("year")
        ax.set_ylabel("host countries")
        ax.set_title("US nuclear deployments abroad by intensity (evidence base)")
        ax.legend(loc="upper right")
        out = figure_png(fig)
        if surveys:
            fig, ax = plt.subplots(figsize=(8, 3.6))
            pollsters = sorted({s.pollster for s in surveys})
            for p in pollsters:
                pts = [(s.year + ((s.month or 6) - 0.5) / 12, s.value) for s in surveys if s.pollster == p]
                ax.plot(*zip(*pts), "o:", label=p, ms=5, lw=0.8)
            ax.set_ylim(0, 100)
            ax.set_ylabel("% support")
            ax.set_title("South Korean support for own nuclear weapons (surveys in the evidence base)")
            ax.legend(fontsize=7, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
            out += figure_png(fig)
        return out

    figures = plots("en")

    def body(lang: str) -> str:
        parts = [f"<p>{esc(t('summary.title', lang))}</p>",
                 html_table([t("col.kind", lang), t("col.count", lang)],
                            [(t("kind." + k, lang), n) for k, n in summary["counts"].items()]),
                 f"<h3>{esc(t('summary.alliances', lang))}</h3>",
                 html_table([t("col.structure", lang), t("kind.alliances", lang)],
                            [(t(s, lang), ", ".join(ids)) for s, ids in summary["alliances_by_structure"].items()]),
                 f"<h3>{esc(t('summary.deployments', lang))}</h3>", figures,
                 html_table([t("col.year", lang), t("fixed", lang), t("non_fixed", lang)],
                            [(y, ", ".join(g["fixed"]), ", ".join(g["non_fixed"]))
                             for y, g in summary["hosts_by_intensity"].items()]),
                 f"<h3>{esc(t('summary.disputes', lang))}</h3>",
                 html_table([t("col.id", lang), t("col.title", lang), t("col.structure", lang), t("col.alt", lang),
                             t("col.observed_strategy", lang)],
                            [(d["id"], d["title"][lang], t(d["structure"], lang), "✓" if d["alt"] else "✗",
                              t(d["observed_strategy"] or "open", lang)) for d in summary["disputes"]]),
                 f"<h3>{esc(t('summary.mechanisms', lang))}</h3>",
                 html_table([t("col.id", lang), t("col.title", lang), t("col.established", lang), t("col.gives", lang)],
                            [(m["id"], m["name"][lang], m["established"], ", ".join(m["gives"]))
                             for m in summary["mechanisms"]]),
                 f"<h3>{esc(t('timeline.title', lang))}</h3>",
                 html_table([t("col.date", lang), t("col.type", lang), t("col.actors", lang), t("col.title", lang)],
                            [(e.date, t("event." + e.type, lang), ", ".join(e.actors), e.title.get(lang))
                             for e in sorted(ev.events.values(), key=lambda e: e.date)])]
        return "".join(parts)

    return Section("evidence", {"en": "Evidence base", "zh": "证据库"}, per_lang(body))
