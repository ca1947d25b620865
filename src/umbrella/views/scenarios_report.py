"""The scenario-library section of the HTML report: it renders `umbrella.lab.scenarios.ScenariosReport`
(ensemble bands of every scenario, paired differences from baseline) and its fan charts."""
from __future__ import annotations

from typing import Any, Sequence

from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
from umbrella.views.figures import embedded_png, plot_language
from umbrella.views.i18n import both, t
from umbrella.views.report import Section, esc, html_table, per_lang

TEXT: dict[str, dict[str, str]] = {
    "fan_alt": {"en": "Fan chart of {variable}, {first}–{last}, one panel per actor ({actors}): mean (solid), median "
                      "(dashed) and 5–95% band of {scenarios}; in {last} the means are {means}.",
                "zh": "{variable} 的扇形图（{first}–{last}年），每个行为体一个面板（{actors}）：{scenarios} 的均值（实线）、"
                      "中位数（虚线）和5–95%区间；{last}年的均值为 {means}。"},
    "fan_caption": {"en": "{variable} under {scenarios}: {samples} parameter draws each ({parameters_from}), seed {seed}, "
                          "the same draws in every scenario. Source: the regional model (docs/MODEL.md) and the "
                          "scenario library (src/umbrella/resources/scenarios/).",
                    "zh": "{scenarios} 下的 {variable}：每个情景 {samples} 组参数抽样（{parameters_from}），随机种子 {seed}，"
                          "各情景使用相同的抽样。来源：区域模型（docs/MODEL.md）与情景库（src/umbrella/resources/scenarios/）。"},
}


def _at(summary: Any, var: str, actor: str, year: int) -> str:
    if year not in summary.years or actor not in summary.variables.get(var, {}):
        return "—"
    i = summary.years.index(year)
    bands = summary.variables[var][actor]
    fmt = "{:.0f}" if var == "prk_arsenal" else "{:.2f}"
    return f"{fmt.format(bands.mean[i])} [{fmt.format(bands.q05[i])}, {fmt.format(bands.q95[i])}]"


def _fan(runs: list, variable: str, lang: str) -> str:
    from umbrella.views.ensemble_views import fan_figure
    first = runs[0]
    label = VARIABLE_BY_NAME[variable].label.get(lang, variable)
    actors = list(first.variables[variable])
    means = "; ".join(f"{r.scenario} " + ", ".join(f"{a} {_at(r, variable, a, r.years[-1]).split(' ')[0]}"
                                                   for a in actors) for r in runs)
    facts = {"variable": label, "first": first.years[0], "last": first.years[-1], "actors": ", ".join(actors),
             "scenarios": ", ".join(r.scenario for r in runs), "means": means, "samples": first.samples,
             "seed": first.seed, "parameters_from": first.parameters_from}
    return embedded_png(fan_figure(runs, variable, plot_language(lang)), TEXT["fan_alt"][lang].format(**facts),
                        TEXT["fan_caption"][lang].format(**facts))


def scenarios_section(report: Any, fan_charts: Sequence[str] = (), fan_scenarios: Sequence[str] = ()) -> Section:
    """Bands of the `focus` variables in the last year every scenario reports, paired differences,
    and fan charts of `fan_charts`, each comparing the `fan_scenarios`."""
    runs = report.runs
    year = min(max(r.run.years) for r in runs.values())
    fans = [runs[sid].run for sid in fan_scenarios if sid in runs]
    columns = [f"{v} ({a})" for v, a in report.focus]

    def body(lang: str) -> str:
        intro = t("scenarios.intro", lang).format(samples=report.samples, seed=report.seed, year=year)
        levels = html_table([t("scenarios.col_scenario", lang)] + columns,
                            [[f"{sid} — {r.title.get(lang, sid)}"] + [_at(r.run, v, a, year) for v, a in report.focus]
                             for sid, r in runs.items()], "bands")
        rows = []
        for sid, comparisons in report.diffs.items():
            rows.append([sid] + [f"{'{:+.0f}' if c.variable == 'prk_arsenal' else '{:+.3f}'}".format(c.diff.mean)
                                 + f" (P>0 = {c.p_b_greater:.2f})" for c in comparisons])
        diffs = html_table([t("scenarios.col_b", lang)] + columns, rows, "bands")
        figures = "".join(_fan(fans, var, lang) for var in fan_charts) if fans else ""
        return f"<p>{esc(intro)}</p>{levels}<h3>{esc(t('scenarios.diffs_title', lang))} ({year})</h3>{diffs}{figures}"

    return Section("scenarios", both("scenarios.section"), per_lang(body))
