"""Tables and plots of calibration, sensitivity and scenario-discovery results.

Views only format: every number here comes from `umbrella.experiments.{calibration,sensitivity,
discovery}`. Plot text is English (the environment has no CJK font for matplotlib); table headers
are bilingual through `LABELS`.
"""
from __future__ import annotations

import pathlib
from typing import Any, Optional

from rich.console import Console
from rich.table import Table

from umbrella.views import document
from umbrella.views.i18n import both, t
from umbrella.views.figures import embedded_png, pyplot, save_figure

LABELS: dict[str, dict[str, str]] = {
    "calibration.title": {"en": "Calibration of northeast-asia to ROK support for nuclear armament",
                          "zh": "东北亚模型校准：韩国公众对核武装的支持"},
    "calibration.fit": {"en": "Fit", "zh": "拟合"},
    "calibration.posterior": {"en": "Calibrated parameters (accepted draws)", "zh": "校准后的参数（接受的抽样）"},
    "calibration.rest": {"en": "{n} more parameters narrowed by less than {s:.0%} of their prior 90 % width "
                                "(all in --format json)",
                         "zh": "另有 {n} 个参数的收缩不足其先验 90% 区间宽度的 {s:.0%}（完整结果见 --format json）"},
    "calibration.written": {"en": "posterior written to {path} (used by `umbrella run` unless --prior)",
                            "zh": "后验已写入 {path}（`umbrella run` 默认使用，--prior 则不用）"},
    "held_out": {"en": "held out", "zh": "留出"},
    "col.year": {"en": "year", "zh": "年份"},
    "col.observed": {"en": "observed", "zh": "观测值"},
    "col.polls": {"en": "polls", "zh": "民调数"},
    "col.predicted": {"en": "posterior mean", "zh": "后验均值"},
    "col.band": {"en": "5–95 %", "zh": "5–95 %"},
    "col.used": {"en": "used in fit", "zh": "用于拟合"},
    "col.parameter": {"en": "parameter", "zh": "参数"},
    "col.prior": {"en": "prior range", "zh": "先验范围"},
    "col.mean": {"en": "mean", "zh": "均值"},
    "col.shrinkage": {"en": "shrinkage", "zh": "收缩"},
    "col.low": {"en": "low", "zh": "下限"},
    "col.high": {"en": "high", "zh": "上限"},
    "col.step": {"en": "step", "zh": "步"},
    "col.phase": {"en": "phase", "zh": "阶段"},
    "col.coverage": {"en": "coverage", "zh": "覆盖率"},
    "col.density": {"en": "density", "zh": "密度"},
    "col.mass": {"en": "mass", "zh": "质量"},
    "col.restricted": {"en": "restricted", "zh": "受限参数"},
    "rmse.in": {"en": "RMSE in sample", "zh": "样本内均方根误差"},
    "rmse.out": {"en": "RMSE held out", "zh": "留出样本均方根误差"},
    "rmse.prior_in": {"en": "RMSE of the prior, in sample", "zh": "先验的样本内均方根误差"},
    "rmse.prior_out": {"en": "RMSE of the prior, held out", "zh": "先验的留出样本均方根误差"},
    "noise": {"en": "between-pollster noise (sd)", "zh": "不同民调机构间的噪声（标准差）"},
    "sensitivity.title": {"en": "Global sensitivity", "zh": "全局敏感性分析"},
    "sensitivity.rest": {"en": "{n} less influential parameters not shown (all in --format json)",
                         "zh": "另有 {n} 个影响较小的参数未列出（完整结果见 --format json）"},
    "discovery.calibrated": {"en": "parameter draws: calibrated posterior", "zh": "参数抽样：校准后验"},
    "discovery.prior": {"en": "parameter draws: prior ranges", "zh": "参数抽样：先验范围"},
    "discovery.dropped": {"en": "restrictions dropped as not significant (quasi-p > {p})",
                          "zh": "因不显著而去除的限制（准p值 > {p}）"},
    "col.range": {"en": "range in ensemble", "zh": "集合中的范围"},
    "col.qp": {"en": "quasi-p", "zh": "准p值"},
    "discovery.title": {"en": "Scenario discovery (PRIM)", "zh": "情景发现（PRIM）"},
    "discovery.box": {"en": "Box limits", "zh": "参数框范围"},
    "discovery.trajectory": {"en": "Peeling trajectory", "zh": "剥离轨迹"},
    "discovery.none": {"en": "no parameter restricted: the outcome is not concentrated in a box",
                       "zh": "无受限参数：结果并不集中于某个参数框"},
}


SHOWN_FACTORS = 25       # the sensitivity table lists the most influential parameters
SHOWN_SHRINKAGE = 0.05   # the calibration table lists parameters the fit narrowed at least this much


def _t(key: str, lang: str) -> str:
    return t(key, lang, LABELS)


def _value(x: Optional[float]) -> float:
    """An index for ordering: undefined (null) counts as 0."""
    return 0.0 if x is None or x != x else x


def _num(value: Optional[float], digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


# ---- tables ---------------------------------------------------------------------------------------

def print_calibration(result: Any, lang: str = "en", console: Optional[Console] = None) -> None:
    result = document(result)
    console = console or Console()
    fit = result["fit"]
    console.rule(_t("calibration.title", lang))
    console.print(f"{result['method']}: {result['accepted']} / {result['samples']} draws accepted "
                  f"(seed {result['seed']}, hold-out {result['holdout']})")
    for key, value in (("rmse.in", fit["rmse_in_sample"]), ("rmse.out", fit["rmse_held_out"]),
                       ("rmse.prior_in", fit["rmse_prior_in_sample"]), ("rmse.prior_out", fit["rmse_prior_held_out"]),
                       ("noise", fit.get("pollster_noise"))):
        console.print(f"  {_t(key, lang)}: {_num(value)}")
    table = Table(title=_t("calibration.fit", lang))
    for key in ("col.year", "col.observed", "col.polls", "col.predicted", "col.band", "col.used"):
        table.add_column(_t(key, lang), justify="right")
    for p in fit["points"]:
        table.add_row(str(p["year"]), _num(p["observed"]), str(p.get("n_polls", "")), _num(p["predicted_mean"]),
                      f"{_num(p['predicted_q05'])}–{_num(p['predicted_q95'])}",
                      "✓" if p["in_sample"] else _t("held_out", lang))
    console.print(table)
    table = Table(title=_t("calibration.posterior", lang))
    for key in ("col.parameter", "col.prior", "col.mean", "col.band", "col.shrinkage"):
        table.add_column(_t(key, lang), justify="left" if key == "col.parameter" else "right")
    ranked = sorted(result["posterior"].items(), key=lambda kv: -kv[1]["shrinkage"])
    shown = [kv for kv in ranked if kv[1]["shrinkage"] >= SHOWN_SHRINKAGE] or ranked[:5]
    for name, s in shown:
        table.add_row(name, f"{s['prior_low']:g}–{s['prior_high']:g}", _num(s["mean"]),
                      f"{_num(s['q05'])}–{_num(s['q95'])}", _num(s["shrinkage"], 2))
    console.print(table)
    if len(shown) < len(ranked):
        console.print(_t("calibration.rest", lang).format(n=len(ranked) - len(shown), s=SHOWN_SHRINKAGE))
    for note in result.get("notes", []):
        console.print(f"[yellow]{note}[/yellow]")
    if result.get("written"):
        console.print(_t("calibration.written", lang).format(path=result["written"]))


def print_sensitivity(result: Any, lang: str = "en", console: Optional[Console] = None) -> None:
    result = document(result)
    console = console or Console()
    console.rule(f"{_t('sensitivity.title', lang)}: {result.get('variable', '')} "
                 f"{result.get('actor', '')} {result.get('year', '')} ({result['method']}, {result['runs']} runs)")
    keys = ("S1", "S1_conf", "ST", "ST_conf") if result["method"] == "sobol" else ("mu_star", "mu_star_conf", "sigma")
    order = "ST" if result["method"] == "sobol" else "mu_star"
    table = Table()
    table.add_column(_t("col.parameter", lang))
    for k in keys:
        table.add_column(k, justify="right")
    ranked = sorted(result["indices"].items(), key=lambda kv: -_value(kv[1][order]))
    for name, idx in ranked[:SHOWN_FACTORS]:
        table.add_row(name, *(_num(idx[k]) for k in keys))
    console.print(table)
    if len(ranked) > SHOWN_FACTORS:
        console.print(_t("sensitivity.rest", lang).format(n=len(ranked) - SHOWN_FACTORS))


def print_discovery(result: Any, lang: str = "en", console: Optional[Console] = None) -> None:
    result = document(result)
    console = console or Console()
    box = result["box"]
    console.rule(f"{_t('discovery.title', lang)}: {result.get('question', '')}")
    console.print(f"P(yes) = {_num(box['base_rate'])}  ({box['n_cases']} / {box['n_points']});  "
                  f"{_t('col.coverage', lang)} {_num(box['coverage'])}, {_t('col.density', lang)} {_num(box['density'])}, "
                  f"{_t('col.mass', lang)} {_num(box['mass'])}")
    if "prior" in result:
        console.print(_t("discovery.prior" if result["prior"] or not result.get("calibrated") else
                         "discovery.calibrated", lang))
    if not box["limits"]:
        console.print(_t("discovery.none", lang))
    else:
        table = Table(title=_t("discovery.box", lang))
        for key in ("col.parameter", "col.low", "col.high", "col.range", "col.qp"):
            table.add_column(_t(key, lang))
        for name, lim in box["limits"].items():
            span = result.get("ranges", {}).get(name)
            qp = box.get("quasi_p", {}).get(name, {})
            table.add_row(name, f"{lim['low']:.4g}", f"{lim['high']:.4g}",
                          f"{span[0]:.4g}–{span[1]:.4g}" if span else "",
                          " / ".join(f"{v:.2g}" for v in (qp.get("low"), qp.get("high")) if v is not None))
        console.print(table)
    if box.get("dropped"):
        console.print(_t("discovery.dropped", lang).format(p=result.get("prune")) + ": " + ", ".join(box["dropped"]))
    table = Table(title=_t("discovery.trajectory", lang))
    for key in ("col.step", "col.phase", "col.coverage", "col.density", "col.mass", "col.restricted"):
        table.add_column(_t(key, lang))
    for p in box["trajectory"]:
        mark = " ◀" if p["step"] == box["selected"] else ""
        table.add_row(f"{p['step']}{mark}", p["phase"], _num(p["coverage"]), _num(p["density"]), _num(p["mass"]),
                      str(len(p["restricted"])))
    console.print(table)


# ---- plots ----------------------------------------------------------------------------------------



def calibration_figure(result: dict):
    plt = pyplot()
    points = result["fit"]["points"]
    years = [p["year"] for p in points]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.fill_between(years, [p["predicted_q05"] for p in points], [p["predicted_q95"] for p in points],
                    color="#8fb3d9", alpha=0.5, label="posterior 5–95 %")
    ax.plot(years, [p["predicted_mean"] for p in points], color="#14324f", label="posterior mean")
    ax.plot(years, [p["prior_mean"] for p in points], color="#999999", ls="--", label="prior mean")
    fit = [p for p in points if p["in_sample"]]
    held = [p for p in points if not p["in_sample"]]
    def spread(group):
        return [p.get("spread") or 0.0 for p in group]

    # error bars: the standard deviation across that year's polls (pollster noise)
    ax.errorbar([p["year"] for p in fit], [p["observed"] for p in fit], yerr=spread(fit), fmt="o",
                color="#b22222", capsize=2, label="poll mean per year (fit) ± sd across polls")
    if held:
        ax.errorbar([p["year"] for p in held], [p["observed"] for p in held], yerr=spread(held), fmt="o",
                    mfc="white", color="#b22222", capsize=2, label="poll mean per year (held out)")
    ax.set_ylim(0, 1)
    ax.set_ylabel("share supporting own nuclear weapons")
    ax.set_title("ROK public support for nuclear armament: calibrated model vs polls")
    ax.legend(fontsize=7, loc="lower right")
    return fig


def sensitivity_figure(result: dict):
    plt = pyplot()
    names = list(result["indices"])
    idx = result["indices"]
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(names) + 1.5))
    pos = range(len(names))
    if result["method"] == "sobol":
        order = sorted(names, key=lambda n: _value(idx[n]["ST"]))
        ax.barh([i + 0.2 for i in pos], [idx[n]["ST"] for n in order], 0.4, xerr=[idx[n]["ST_conf"] for n in order],
                label="total (ST)", color="#14324f")
        ax.barh([i - 0.2 for i in pos], [idx[n]["S1"] for n in order], 0.4, xerr=[idx[n]["S1_conf"] for n in order],
                label="first order (S1)", color="#8fb3d9")
        ax.set_xlabel("Sobol' index (95 % bootstrap interval)")
    else:
        order = sorted(names, key=lambda n: idx[n]["mu_star"])
        ax.barh(list(pos), [idx[n]["mu_star"] for n in order], xerr=[idx[n]["mu_star_conf"] for n in order],
                color="#14324f", label="mu*")
        ax.plot([idx[n]["sigma"] for n in order], list(pos), "o", color="#b22222", label="sigma")
        ax.set_xlabel("Morris elementary effects")
    ax.set_yticks(list(pos), order, fontsize=7)
    ax.set_title(f"{result.get('variable', '')} {result.get('actor', '')} {result.get('year', '')}")
    ax.legend(fontsize=7)
    return fig


def discovery_figure(result: dict):
    plt = pyplot()
    traj = result["box"]["trajectory"]
    fig, ax = plt.subplots(figsize=(5, 4))
    sc = ax.scatter([p["coverage"] for p in traj], [p["density"] for p in traj],
                    c=[len(p["restricted"]) for p in traj], cmap="viridis", s=14)
    sel = traj[result["box"]["selected"]]
    ax.plot([sel["coverage"]], [sel["density"]], "s", mfc="none", mec="#b22222", ms=10, label="selected box")
    fig.colorbar(sc, ax=ax, label="restricted parameters")
    ax.set_xlabel("coverage")
    ax.set_ylabel("density")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_title("PRIM peeling trajectory")
    ax.legend(fontsize=7)
    return fig


def save_plot(kind: str, result: Any, path: pathlib.Path) -> None:
    """Write the plot of a `calibration`, `sensitivity` or `discovery` result to `path`."""
    result = document(result)
    figure = {"calibration": calibration_figure, "sensitivity": sensitivity_figure,
              "discovery": discovery_figure}[kind]
    save_figure(figure(result), pathlib.Path(path))


# ---- report section -------------------------------------------------------------------------------

def analysis_section(report: Any):
    """The report's section on calibration, one sensitivity and one discovery result
    (`umbrella.lab.analysis.AnalysisReport`)."""
    calibration, sensitivity, discovery = (document(r) for r in (report.calibration, report.sensitivity,
                                                                  report.discovery))
    from umbrella.views.report import Section, esc, html_table, per_lang

    figures = embedded_png(calibration_figure(calibration))
    if sensitivity is not None:
        figures += embedded_png(sensitivity_figure(sensitivity))
    if discovery is not None:
        figures += embedded_png(discovery_figure(discovery))
    fit = calibration["fit"]

    def body(lang: str) -> str:
        parts = [f"<p>{esc(calibration['method'])}: {calibration['accepted']} / {calibration['samples']} "
                 f"(seed {calibration['seed']}, hold-out {esc(calibration['holdout'])})</p>",
                 html_table([_t(k, lang) for k in ("rmse.in", "rmse.out", "rmse.prior_in", "rmse.prior_out", "noise")],
                            [[_num(fit[k]) for k in ("rmse_in_sample", "rmse_held_out", "rmse_prior_in_sample",
                                                     "rmse_prior_held_out", "pollster_noise")]]),
                 figures,
                 html_table([_t(k, lang) for k in ("col.year", "col.observed", "col.polls", "col.predicted",
                                                   "col.band", "col.used")],
                            [(p["year"], _num(p["observed"]), p.get("n_polls", ""), _num(p["predicted_mean"]),
                              f"{_num(p['predicted_q05'])}–{_num(p['predicted_q95'])}",
                              "✓" if p["in_sample"] else "✗") for p in fit["points"]]),
                 f"<h3>{esc(_t('calibration.posterior', lang))}</h3>",
                 html_table([_t(k, lang) for k in ("col.parameter", "col.prior", "col.mean", "col.band", "col.shrinkage")],
                            [(name, f"{s['prior_low']:g}–{s['prior_high']:g}", _num(s["mean"]),
                              f"{_num(s['q05'])}–{_num(s['q95'])}", _num(s["shrinkage"], 2))
                             for name, s in sorted(calibration["posterior"].items(), key=lambda kv: -kv[1]["shrinkage"])
                             if s["shrinkage"] >= SHOWN_SHRINKAGE])]
        parts += [f"<p class='warn'>{esc(n)}</p>" for n in calibration.get("notes", [])]
        if discovery is not None:
            box = discovery["box"]
            parts += [f"<h3>{esc(_t('discovery.title', lang))}: {esc(discovery['question'])}</h3>",
                      f"<p>P = {_num(box['base_rate'])}; {esc(_t('col.coverage', lang))} {_num(box['coverage'])}, "
                      f"{esc(_t('col.density', lang))} {_num(box['density'])}</p>",
                      html_table([_t(k, lang) for k in ("col.parameter", "col.low", "col.high")],
                                 [(k, f"{v['low']:.4g}", f"{v['high']:.4g}") for k, v in box["limits"].items()])]
        return "".join(parts)

    return Section("calibration", both("section.calibration"), per_lang(body))
