"""The scenario-library section of the HTML report: it renders `umbrella.lab.scenarios.ScenariosReport`
(ensemble bands of every scenario, paired differences from baseline) and its fan charts."""
from __future__ import annotations

from typing import Any, Sequence

from umbrella.views.figures import embedded_png
from umbrella.views.i18n import both, t
from umbrella.views.report import Section, esc, html_table, per_lang

LABELS: dict[str, dict[str, str]] = {
    "scenarios.section": {"en": "Regional simulation: the scenario library", "zh": "区域模拟：情景库"},
    "scenarios.intro": {"en": "Every scenario of the library run as an ensemble of {samples} parameter draws (seed "
                              "{seed}); cells give the mean and the 5–95% band in {year}. Differences are paired "
                              "(common random numbers: the same parameter draws in both scenarios).",
                        "zh": "情景库中的每个情景均以{samples}组参数抽样（随机种子{seed}）运行；表中为{year}年的均值"
                              "及5–95%区间。差值为配对比较（两情景使用相同的参数抽样）。"},
    "col.scenario": {"en": "scenario", "zh": "情景"},
    "col.b": {"en": "B (vs baseline)", "zh": "情景B（对比基线）"},
    "diffs.title": {"en": "Paired differences, B − baseline", "zh": "配对差值：B − 基线"},
}


def _t(key: str, lang: str) -> str:
    return t(key, lang, LABELS)


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
        intro = _t("scenarios.intro", lang).format(samples=report.samples, seed=report.seed, year=year)
        levels = html_table([_t("col.scenario", lang)] + columns,
                            [[f"{sid} — {r.title.get(lang, sid)}"] + [_at(r.run, v, a, year) for v, a in report.focus]
                             for sid, r in runs.items()])
        rows = []
        for sid, comparisons in report.diffs.items():
            rows.append([sid] + [f"{'{:+.0f}' if c.variable == 'prk_arsenal' else '{:+.3f}'}".format(c.diff.mean)
                                 + f" (P>0 = {c.p_b_greater:.2f})" for c in comparisons])
        diffs = html_table([_t("col.b", lang)] + columns, rows)
        return f"<p>{esc(intro)}</p>{levels}<h3>{esc(_t('diffs.title', lang))} ({year})</h3>{diffs}{figures}"

    return Section("scenarios", both("scenarios.section", LABELS), per_lang(body))
