"""The HTML report of a results store: it renders `umbrella.lab.StoreReport` (the store's runs, and the
bands of every run computed by DuckDB from the store) with the laboratory report's page and style."""
from __future__ import annotations

from typing import Any

from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
from umbrella.views.figures import embedded_png, plot_language
from umbrella.views.i18n import both, t
from umbrella.views.report import Section, default_meta, esc, html_table, per_lang, render

LABELS = {
    "store.section": {"en": "Results store", "zh": "结果库"},
    "store.intro": {"en": "Runs recorded in {store} (format {format}); a run is complete when all its blocks are written.",
                    "zh": "{store} 中记录的运行（格式 {format}）；所有数据块写完即为完整运行。"},
    "store.cols": {"en": "scenario|samples|seed|sampler|parameters from|blocks written|model",
                   "zh": "情景|样本|种子|抽样|参数来源|已写数据块|模型"},
    "store.run": {"en": "Run {scenario}", "zh": "运行 {scenario}"},
    "store.bands": {"en": "Mean [5%, 95%] over {samples} stored samples (seed {seed}, {method}, parameters from "
                          "{origin}){partial}.",
                    "zh": "已存 {samples} 个样本的均值 [5%, 95%]（种子 {seed}，{method}，参数来源 {origin}）{partial}。"},
    "store.partial": {"en": "; the run is not complete", "zh": "；该运行尚未完成"},
    "store.variable": {"en": "variable", "zh": "变量"},
    "store.actor": {"en": "actor", "zh": "行为体"},
    "store.fan_alt": {"en": "Fan chart of {variable} by year in the stored run of {scenario}: the mean with its 5-95% band "
                             "over {samples} samples.",
                      "zh": "{scenario} 已存运行中 {variable} 的逐年扇形图：{samples} 个样本的均值及 5-95% 区间。"},
}


def _shown(years: list[int], k: int = 3) -> list[int]:
    """Indices of the first, middle and last year."""
    return sorted({round(i * (len(years) - 1) / max(1, k - 1)) for i in range(min(k, len(years)))})


def _cell(variable: str, bands: Any, i: int) -> str:
    fmt = "{:.0f}" if variable == "prk_arsenal" else "{:.3f}"
    if bands.q05 is None:                       # too few distinct draws for a band: the mean only
        return fmt.format(bands.mean[i])
    return f"{fmt.format(bands.mean[i])} [{fmt.format(bands.q05[i])}, {fmt.format(bands.q95[i])}]"


def run_section(summary: Any) -> Section:
    """One stored run: its bands in the first, middle and last year, and a fan chart."""
    from umbrella.views.ensemble_views import fan_figure
    shown = _shown(summary.years)
    fan = "public_nuclear_support" if "public_nuclear_support" in summary.variables else next(iter(summary.variables))
    figures = {lang: embedded_png(fan_figure(summary, fan, plot_language(lang)), t("store.fan_alt", lang, LABELS).format(
        variable=VARIABLE_BY_NAME[fan].label.get(lang, fan), scenario=summary.scenario, samples=summary.samples))
        for lang in ("en", "zh")}
    complete = getattr(summary, "complete", True)

    def body(lang: str) -> str:
        intro = t("store.bands", lang, LABELS).format(
            samples=summary.samples, seed=summary.seed, method=summary.method, origin=summary.parameters_from,
            partial="" if complete else t("store.partial", lang, LABELS))
        rows = [[VARIABLE_BY_NAME[name].label.get(lang, name), actor] + [_cell(name, bands, i) for i in shown]
                for name, by_actor in summary.variables.items() for actor, bands in by_actor.items()]
        header = [t("store.variable", lang, LABELS), t("store.actor", lang, LABELS)] + [str(summary.years[i]) for i in shown]
        return f"<p>{esc(intro)}</p>{html_table(header, rows)}{figures[lang]}"

    title = {lang: t("store.run", lang, LABELS).format(scenario=summary.scenario) for lang in ("en", "zh")}
    return Section(f"run-{summary.scenario}", title, per_lang(body))


def store_report(report: Any) -> str:
    """The whole report of a `umbrella.lab.StoreReport` as one self-contained HTML document."""
    listing = report.listing

    def body(lang: str) -> str:
        intro = t("store.intro", lang, LABELS).format(store=listing.store, format=listing.format)
        rows = [[r.scenario, r.samples, r.seed, r.sampler, r.parameters_from, f"{r.blocks_finished}/{r.blocks}",
                 f"v{r.model_version}"] for r in listing.runs]
        return f"<p>{esc(intro)}</p>{html_table(t('store.cols', lang, LABELS).split('|'), rows)}"

    sections = [Section("store", both("store.section", LABELS), per_lang(body))]
    sections += [run_section(summary) for summary in report.runs.values()]
    return render(sections, default_meta({"store": listing.store}))
