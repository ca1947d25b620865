"""The scenario-library section of the HTML report: it renders `umbrella.lab.scenarios.ScenariosReport`
(ensemble bands of every scenario, paired differences from baseline) and its fan charts."""
from __future__ import annotations

from typing import Any, Sequence

from umbrella.views.figures import embedded_png
from umbrella.views.i18n import both, t
from umbrella.views.report import Section, esc, html_table, per_lang


def _at(summary: Any, var: str, actor: str, year: int) -> str:
    if year not in summary.years or actor not in summary.variables.get(var, {}):
        return "—"
    i = summary.years.index(year)
    bands = summary.variables[var][actor]
    fmt = "{:.0f}" if var == "prk_arsenal" else "{:.2f}"
    return f"{fmt.format(bands.mean[i])} [{fmt.format(bands.q05[i])}, {fmt.format(bands.q95[i])}]"


def scenarios_section(report: Any, fan_charts: Sequence[str] = (), fan_scenarios: Sequence[str] = ()) -> Section:
    """Bands of the `focus` variables in the last year every scenario reports, paired differences,
    and fan charts of `fan_charts` for `fan_scenarios`."""
    from umbrella.views.ensemble_views import fan_figure
    runs = report.runs
    year = min(max(r.run.years) for r in runs.values())
    figures = "".join(embedded_png(fan_figure(runs[sid].run, var))
                      for sid in fan_scenarios if sid in runs for var in fan_charts)
    columns = [f"{v} ({a})" for v, a in report.focus]

    def body(lang: str) -> str:
        intro = t("scenarios.intro", lang).format(samples=report.samples, seed=report.seed, year=year)
        levels = html_table([t("scenarios.col_scenario", lang)] + columns,
                            [[f"{sid} — {r.title.get(lang, sid)}"] + [_at(r.run, v, a, year) for v, a in report.focus]
                             for sid, r in runs.items()])
        rows = []
        for sid, comparisons in report.diffs.items():
            rows.append([sid] + [f"{'{:+.0f}' if c.variable == 'prk_arsenal' else '{:+.3f}'}".format(c.diff.mean)
                                 + f" (P>0 = {c.p_b_greater:.2f})" for c in comparisons])
        diffs = html_table([t("scenarios.col_b", lang)] + columns, rows)
        return f"<p>{esc(intro)}</p>{levels}<h3>{esc(t('scenarios.diffs_title', lang))} ({year})</h3>{diffs}{figures}"

    return Section("scenarios", both("scenarios.section"), per_lang(body))
