"""Views of ensemble results (`umbrella.lab` results): rich tables and fan charts. No science here."""
from __future__ import annotations

import pathlib
from typing import Any

from rich.table import Table

from umbrella.dynamics.parameters import PARAMETER_BY_NAME, PARAMETERS
from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
from umbrella.views import charts

LABELS = {
    "variable": {"en": "variable", "zh": "变量"},
    "actor": {"en": "actor", "zh": "行为体"},
    "parameter": {"en": "parameter", "zh": "参数"},
    "range": {"en": "range", "zh": "范围"},
    "default": {"en": "default", "zh": "默认值"},
    "unit": {"en": "unit", "zh": "单位"},
    "mechanism": {"en": "mech.", "zh": "机制"},
    "role": {"en": "role", "zh": "角色"},
    "source": {"en": "source", "zh": "来源"},
    "meaning": {"en": "meaning", "zh": "含义"},
    "scenario": {"en": "scenario", "zh": "情景"},
    "title": {"en": "title", "zh": "名称"},
    "years": {"en": "years", "zh": "年份"},
    "run_title": {"en": "Ensemble {scenario}: mean [5%–95%], {samples} samples ({distinct_draws} distinct parameter "
                         "draws from the {parameters_from}), seed {seed}",
                  "zh": "情景 {scenario} 的集合模拟：均值 [5%–95%]，样本 {samples}（{parameters_from}中 {distinct_draws} 组不同参数），"
                        "种子 {seed}"},
    "compare_title": {"en": "{b} − {a}: {variable} ({actor}, {year}), {samples} paired samples ({distinct_draws} "
                             "distinct parameter draws from the {parameters_from})",
                      "zh": "{b} − {a}：{variable}（{actor}，{year}年），{samples} 个配对样本（{parameters_from}中 "
                            "{distinct_draws} 组不同参数）"},
    "p_b_greater": {"en": "P(B > A)", "zh": "P(B > A)"},
    "statistic": {"en": "statistic", "zh": "统计量"},
    "value": {"en": "value", "zh": "数值"},
}


def _t(key: str, lang: str) -> str:
    return LABELS[key].get(lang, LABELS[key]["en"])


def _fmt(x: float) -> str:
    return f"{x:.1f}" if abs(x) >= 10 else f"{x:.3f}"


def run_table(summary: Any, lang: str = "en", max_years: int = 3) -> Table:
    """`umbrella.lab.RunSummary`: mean [5%–95%] in the first, middle and last year."""
    years = summary.years
    k = min(max_years, len(years))
    shown = sorted({round(i * (len(years) - 1) / max(1, k - 1)) for i in range(k)})   # first, ..., last year
    table = Table(title=_t("run_title", lang).format(scenario=summary.scenario, samples=summary.samples,
                                                     distinct_draws=summary.distinct_draws,
                                                     parameters_from=summary.parameters_from, seed=summary.seed),
                  caption=summary.note)         # too few distinct draws for a band: says so under the table
    table.add_column(_t("variable", lang))
    table.add_column(_t("actor", lang))
    for i in shown:
        table.add_column(str(years[i]), justify="right")
    for name, by_actor in summary.variables.items():
        label = VARIABLE_BY_NAME[name].label.get(lang, name)
        for actor, bands in by_actor.items():
            cells = [f"{_fmt(bands.mean[i])} [{_fmt(bands.q05[i])}–{_fmt(bands.q95[i])}]" if bands.q05 is not None
                     else _fmt(bands.mean[i]) for i in shown]
            table.add_row(label, actor, *cells)
    return table


def compare_table(result: Any, lang: str = "en") -> Table:
    """`umbrella.lab.Comparison`."""
    table = Table(title=_t("compare_title", lang).format(**result.model_dump()))
    table.add_column(_t("statistic", lang))
    table.add_column(_t("value", lang), justify="right")
    for key in ("mean", "q05", "q50", "q95"):
        table.add_row(f"B − A {key}", f"{getattr(result.diff, key):.4f}")
    table.add_row(_t("p_b_greater", lang), f"{result.p_b_greater:.3f}")
    return table


def params_table(rows: Any, lang: str = "en") -> Table:
    """`umbrella.lab.ParameterList` (sources labelled by their declarations)."""
    table = Table()
    for key in ("parameter", "range", "default", "unit", "mechanism", "role", "source", "meaning"):
        table.add_column(_t(key, lang))
    for p in rows.root:
        role = p.role if p.neutral is None else f"{p.role} (off: {p.neutral:g})"
        table.add_row(p.name, f"[{p.low:g}, {p.high:g}]", f"{p.default:g}", p.unit, str(p.mechanism or "-"), role,
                      PARAMETER_BY_NAME[p.name].source_label(), p.description)
    return table


def scenarios_table(rows: Any, lang: str = "en") -> Table:
    """`umbrella.lab.ScenarioList`."""
    table = Table()
    for key in ("scenario", "years", "title"):
        table.add_column(_t(key, lang))
    for row in rows.root:
        table.add_row(row.id, f"{row.start}–{row.end}", row.title.get(lang, row.title["en"]))
    return table


FIGURE_LABELS = {
    "year": {"en": "year", "zh": "年份"},
    "band": {"en": "{scenario}: 5–95%", "zh": "{scenario}：5–95%"},
    "median": {"en": "{scenario}: median", "zh": "{scenario}：中位数"},
    "mean": {"en": "{scenario}: mean", "zh": "{scenario}：均值"},
}


def fan_figure(summaries: Any, variable: str, lang: str = "en"):
    """Mean, median and 5–95% band over the years, one panel per actor, one colour per run
    (`summaries`: one `RunSummary` or several to compare)."""
    from matplotlib.ticker import MaxNLocator
    runs = summaries if isinstance(summaries, (list, tuple)) else [summaries]
    plt = charts().pyplot()
    actors = list(runs[0].variables[variable])
    fig, axes = plt.subplots(1, len(actors), figsize=(4.2 * len(actors), 3.0), squeeze=False)
    label = VARIABLE_BY_NAME[variable].label.get(lang, variable)
    for k, summary in enumerate(runs):
        color, sid = f"C{k}", summary.scenario
        for ax, actor in zip(axes[0], actors):
            bands = summary.variables[variable][actor]
            years = summary.years
            if bands.q05 is not None:    # bands only with enough distinct draws (summarise)
                ax.fill_between(years, bands.q05, bands.q95, alpha=0.2, color=color,
                                label=FIGURE_LABELS["band"][lang].format(scenario=sid))
                ax.plot(years, bands.q50, lw=1, ls="--", color=color,
                        label=FIGURE_LABELS["median"][lang].format(scenario=sid))
            ax.plot(years, bands.mean, lw=2, color=color, label=FIGURE_LABELS["mean"][lang].format(scenario=sid))
            ax.set_title(actor)
            ax.set_xlabel(FIGURE_LABELS["year"][lang])
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axes[0][0].set_ylabel(label)
    axes[0][0].legend(fontsize=6)
    fig.suptitle(label if len(runs) > 1 else f"{runs[0].scenario}: {label}")
    fig.tight_layout()
    return fig


def fan_chart(summary: Any, variable: str, path: pathlib.Path, lang: str = "en") -> None:
    """The fan chart of `variable`, written atomically (PNG/SVG/PDF by suffix)."""
    path = pathlib.Path(path)
    charts().save_figure(fan_figure(summary, variable, charts().plot_language(lang, path.suffix.lower().lstrip("."))),
                         path)


def params_markdown() -> str:
    """The parameter declaration as a Markdown table (pasted into docs/model/dynamics.md; a test keeps them equal)."""
    lines = ["| parameter | mech. | range | default | unit | role (neutral) | meaning | source |",
             "|---|---|---|---|---|---|---|---|"]
    for p in PARAMETERS:
        if "seed" in p.source:
            src = f"{p.source['seed']} {p.source['section']}: “{p.source['quote']}”"
        elif "bib" in p.source:
            src = f"[{'; '.join([p.source['bib'], *p.source.get('also', [])])}] {p.source['note']}"
        else:
            src = p.source["note"]
        role = p.role if p.neutral is None else f"{p.role} ({p.neutral:g})"
        lines.append(f"| `{p.name}` | {p.mechanism or '-'} | [{p.low:g}, {p.high:g}] | {p.default:g} | {p.unit} "
                     f"| {role} | {p.description} | {src} |")
    return "\n".join(lines) + "\n"
