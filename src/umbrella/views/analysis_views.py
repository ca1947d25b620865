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

from umbrella.views import charts, document
from umbrella.views.i18n import both, t

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
    "discovery.selected": {"en": "selected box: step {step} ◀ (coverage {coverage}, density {density}, mass {mass}; "
                                  "{n} parameters restricted)",
                           "zh": "选定的参数框：第 {step} 步 ◀（覆盖率 {coverage}，密度 {density}，质量 {mass}；"
                                 "{n} 个受限参数）"},
    "discovery.pruned": {"en": "after dropping {k} limits that are not significant (quasi-p > {p}): coverage {coverage}, "
                                "density {density}, mass {mass}; {n} parameters restricted",
                         "zh": "去除 {k} 个不显著的限制（准p值 > {p}）后：覆盖率 {coverage}，密度 {density}，质量 {mass}；"
                               "{n} 个受限参数"},
    "discovery.steps_shown": {"en": "{k} of {n} steps shown (all in --format json)",
                              "zh": "显示 {n} 步中的 {k} 步（完整结果见 --format json）"},
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
    traj = box["trajectory"]
    chosen = traj[box["selected"]]
    console.rule(f"{_t('discovery.title', lang)}: {result.get('question', '')}")
    console.print(f"P(yes) = {_num(box['base_rate'])}  ({box['n_cases']} / {box['n_points']})")
    console.print(_t("discovery.selected", lang).format(
        step=chosen["step"], coverage=_num(chosen["coverage"]), density=_num(chosen["density"]),
        mass=_num(chosen["mass"]), n=len(chosen["restricted"])))
    if box.get("dropped"):
        console.print(_t("discovery.pruned", lang).format(
            k=len(box["dropped"]), p=result.get("prune"), coverage=_num(box["coverage"]),
            density=_num(box["density"]), mass=_num(box["mass"]), n=len(box["limits"])))
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
    shown = _landmarks(len(traj), box["selected"])
    table = Table(title=_t("discovery.trajectory", lang))
    for key in ("col.step", "col.phase", "col.coverage", "col.density", "col.mass", "col.restricted"):
        table.add_column(_t(key, lang))
    for i in shown:
        p = traj[i]
        mark = " ◀" if p["step"] == box["selected"] else ""
        table.add_row(f"{p['step']}{mark}", p["phase"], _num(p["coverage"]), _num(p["density"]), _num(p["mass"]),
                      str(len(p["restricted"])))
    console.print(table)
    if len(shown) < len(traj):
        console.print(_t("discovery.steps_shown", lang).format(k=len(shown), n=len(traj)))


def _landmarks(n: int, selected: int, every: int = 10) -> list[int]:
    """Steps of a long trajectory worth a row: the first, every tenth, the selected one and its
    neighbours, the last."""
    return sorted({0, n - 1, *range(0, n, every), *(i for i in (selected - 1, selected, selected + 1) if 0 <= i < n)})


# ---- plots ----------------------------------------------------------------------------------------

FIGURE_LABELS: dict[str, dict[str, str]] = {
    "cal.band": {"en": "posterior 5–95 %", "zh": "后验 5–95%"},
    "cal.mean": {"en": "posterior mean", "zh": "后验均值"},
    "cal.prior": {"en": "prior mean", "zh": "先验均值"},
    "cal.fit": {"en": "poll mean per year (fit) ± sd across polls", "zh": "每年民调均值（拟合）± 机构间标准差"},
    "cal.held": {"en": "poll mean per year (held out)", "zh": "每年民调均值（留出）"},
    "cal.y": {"en": "share supporting own nuclear weapons", "zh": "支持自主核武装的比例"},
    "cal.title": {"en": "ROK public support for nuclear armament: calibrated model vs polls",
                  "zh": "韩国公众对核武装的支持：校准后的模型与民调"},
    "sens.total": {"en": "total (ST)", "zh": "总效应（ST）"},
    "sens.first": {"en": "first order (S1)", "zh": "一阶效应（S1）"},
    "sens.sobol": {"en": "Sobol' index (95 % bootstrap interval)", "zh": "Sobol' 指数（95% 自助区间）"},
    "sens.morris": {"en": "Morris elementary effects", "zh": "Morris 基本效应"},
    "sens.title": {"en": "{variable} ({actor}, {year}): the {k} most influential of {n} parameters",
                   "zh": "{variable}（{actor}，{year}年）：{n} 个参数中影响最大的 {k} 个"},
    "disc.selected": {"en": "selected box", "zh": "选定的参数框"},
    "disc.restricted": {"en": "restricted parameters", "zh": "受限参数数"},
    "disc.coverage": {"en": "coverage", "zh": "覆盖率"},
    "disc.density": {"en": "density", "zh": "密度"},
    "disc.title": {"en": "PRIM peeling trajectory", "zh": "PRIM 剥离轨迹"},
    "cal.alt": {"en": "Line chart, {first}–{last}: the share of South Koreans supporting own nuclear weapons in the polls "
                      "(points with error bars) and in the calibrated model (line with a 5–95% band); RMSE {rmse_in} "
                      "in sample, {rmse_out} on the {n_out} held-out years.",
                "zh": "{first}–{last}年折线图：民调中韩国公众支持自主核武装的比例（带误差棒的点）与校准模型（带5–95%区间的线）；"
                      "样本内均方根误差 {rmse_in}，{n_out} 个留出年份上为 {rmse_out}。"},
    "cal.caption": {"en": "Calibration of the regional model to ROK polls ({method}): {accepted} of {samples} prior "
                          "draws accepted, seed {seed}, hold-out {holdout}. Source: the survey records of the evidence "
                          "base (question item own_nukes), averaged per year.",
                    "zh": "区域模型对韩国民调的校准（{method}）：{samples} 组先验抽样中接受 {accepted} 组，随机种子 {seed}，"
                          "留出 {holdout}。来源：证据库中的民调记录（题目 own_nukes），按年平均。"},
    "sens.alt": {"en": "Horizontal bar chart of the {k} parameters with the largest {index} for {variable}; the largest is "
                       "{top} ({top_value:.3g}).",
                 "zh": "{variable} 的 {index} 最大的 {k} 个参数的横向条形图；最大的是 {top}（{top_value:.3g}）。"},
    "sens.caption": {"en": "Global sensitivity ({method}, {runs} model runs, seed {seed}) of {variable} ({actor}, {year}) "
                           "in scenario {scenario}: the {k} most influential of {n} parameters (all in lab.json). "
                           "Source: the regional model's declared parameter ranges (umbrella params).",
                     "zh": "情景 {scenario} 中 {variable}（{actor}，{year}年）的全局敏感性（{method}，{runs} 次模型运行，"
                           "随机种子 {seed}）：{n} 个参数中影响最大的 {k} 个（完整结果见 lab.json）。来源：区域模型的参数声明"
                           "（umbrella params）。"},
    "disc.alt": {"en": "Scatter of the {steps} boxes PRIM peeled, coverage against density, coloured by the number of "
                       "restricted parameters; the selected box (step {step}) has coverage {coverage:.2f} and density "
                       "{density:.2f}.",
                 "zh": "PRIM 剥离得到的 {steps} 个参数框的散点图（覆盖率对密度），颜色表示受限参数数；选定的参数框（第 {step} 步）"
                       "覆盖率 {coverage:.2f}，密度 {density:.2f}。"},
    "disc.caption": {"en": "Scenario discovery for “{question}” over {samples} draws (seed {seed}, {draws}). A box "
                           "trades coverage (share of the yes cases inside) for density (share of yes inside it).",
                     "zh": "情景发现：“{question}”，{samples} 组抽样（随机种子 {seed}，{draws}）。参数框在覆盖率（框内“是”"
                           "占全部“是”的比例）与密度（框内“是”的比例）之间权衡。"},
    "posterior.more": {"en": "the {n} parameters the fit narrowed less", "zh": "拟合收缩较小的其余 {n} 个参数"},
}
SHOWN_BARS = 15      # a sensitivity chart shows the most influential parameters only


def _fl(key: str, lang: str) -> str:
    return t(key, lang, FIGURE_LABELS)


def calibration_figure(result: dict, lang: str = "en"):
    plt = charts().pyplot()
    points = result["fit"]["points"]
    years = [p["year"] for p in points]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.fill_between(years, [p["predicted_q05"] for p in points], [p["predicted_q95"] for p in points],
                    color="#8fb3d9", alpha=0.5, label=_fl("cal.band", lang))
    ax.plot(years, [p["predicted_mean"] for p in points], color="#14324f", label=_fl("cal.mean", lang))
    ax.plot(years, [p["prior_mean"] for p in points], color="#999999", ls="--", label=_fl("cal.prior", lang))
    fit = [p for p in points if p["in_sample"]]
    held = [p for p in points if not p["in_sample"]]

    def spread(group):
        return [p.get("spread") or 0.0 for p in group]

    # error bars: the standard deviation across that year's polls (pollster noise)
    ax.errorbar([p["year"] for p in fit], [p["observed"] for p in fit], yerr=spread(fit), fmt="o",
                color="#b22222", capsize=2, label=_fl("cal.fit", lang))
    if held:
        ax.errorbar([p["year"] for p in held], [p["observed"] for p in held], yerr=spread(held), fmt="o",
                    mfc="white", color="#b22222", capsize=2, label=_fl("cal.held", lang))
    ax.set_ylim(0, 1)
    ax.set_ylabel(_fl("cal.y", lang))
    ax.set_title(_fl("cal.title", lang), fontsize=10)
    ax.legend(fontsize=7, loc="lower right")
    return fig


def _ranked(result: dict) -> list[str]:
    """Parameters from the most influential down (ST for Sobol', mu* for Morris)."""
    order = "ST" if result["method"] == "sobol" else "mu_star"
    return sorted(result["indices"], key=lambda n: -_value(result["indices"][n][order]))


def sensitivity_figure(result: dict, lang: str = "en", shown: int = SHOWN_BARS):
    plt = charts().pyplot()
    idx = result["indices"]
    order = _ranked(result)[:shown][::-1]             # the most influential at the top
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(order) + 1.5))
    pos = range(len(order))
    if result["method"] == "sobol":
        ax.barh([i + 0.2 for i in pos], [idx[n]["ST"] for n in order], 0.4, xerr=[idx[n]["ST_conf"] for n in order],
                label=_fl("sens.total", lang), color="#14324f")
        ax.barh([i - 0.2 for i in pos], [idx[n]["S1"] for n in order], 0.4, xerr=[idx[n]["S1_conf"] for n in order],
                label=_fl("sens.first", lang), color="#8fb3d9")
        ax.set_xlabel(_fl("sens.sobol", lang))
    else:
        ax.barh(list(pos), [idx[n]["mu_star"] for n in order], xerr=[idx[n]["mu_star_conf"] for n in order],
                color="#14324f", label="mu*")
        ax.plot([idx[n]["sigma"] for n in order], list(pos), "o", color="#b22222", label="sigma")
        ax.set_xlabel(_fl("sens.morris", lang))
    ax.set_yticks(list(pos), order, fontsize=7)
    ax.set_title(_fl("sens.title", lang).format(variable=result.get("variable", ""), actor=result.get("actor", ""),
                                                year=result.get("year", ""), k=len(order), n=len(idx)), fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    return fig


def discovery_figure(result: dict, lang: str = "en"):
    plt = charts().pyplot()
    traj = result["box"]["trajectory"]
    fig, ax = plt.subplots(figsize=(5, 3.6))
    sc = ax.scatter([p["coverage"] for p in traj], [p["density"] for p in traj],
                    c=[len(p["restricted"]) for p in traj], cmap="viridis", s=14)
    sel = traj[result["box"]["selected"]]
    ax.plot([sel["coverage"]], [sel["density"]], "s", mfc="none", mec="#b22222", ms=10, label=_fl("disc.selected", lang))
    fig.colorbar(sc, ax=ax, label=_fl("disc.restricted", lang))
    ax.set_xlabel(_fl("disc.coverage", lang))
    ax.set_ylabel(_fl("disc.density", lang))
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_title(_fl("disc.title", lang))
    ax.legend(fontsize=7)
    return fig


def save_plot(kind: str, result: Any, path: pathlib.Path, lang: str = "en") -> None:
    """Write the plot of a `calibration`, `sensitivity` or `discovery` result to `path`."""
    result, path = document(result), pathlib.Path(path)
    figure = {"calibration": calibration_figure, "sensitivity": sensitivity_figure,
              "discovery": discovery_figure}[kind]
    charts().save_figure(figure(result, charts().plot_language(lang, path.suffix.lower().lstrip("."))), path)


# ---- report section -------------------------------------------------------------------------------

def _figures(calibration: dict, sensitivity: Optional[dict], discovery: Optional[dict], lang: str) -> str:
    """The section's three figures with their alt text and captions."""
    embed = charts().embedded_png
    fit = calibration["fit"]
    points = fit["points"]
    out = embed(calibration_figure(calibration, lang),
                _fl("cal.alt", lang).format(first=points[0]["year"], last=points[-1]["year"],
                                            rmse_in=_num(fit["rmse_in_sample"]), rmse_out=_num(fit["rmse_held_out"]),
                                            n_out=fit["n_held_out"]),
                _fl("cal.caption", lang).format(**calibration))
    if sensitivity is not None:
        ranked = _ranked(sensitivity)
        index = "ST" if sensitivity["method"] == "sobol" else "mu_star"
        k = min(SHOWN_BARS, len(ranked))
        out += embed(sensitivity_figure(sensitivity, lang),
                     _fl("sens.alt", lang).format(k=k, index=index, variable=sensitivity["variable"], top=ranked[0],
                                                  top_value=_value(sensitivity["indices"][ranked[0]][index])),
                     _fl("sens.caption", lang).format(k=k, n=len(ranked), **sensitivity))
    if discovery is not None:
        box = discovery["box"]
        chosen = box["trajectory"][box["selected"]]
        draws = _t("discovery.prior" if discovery["prior"] else "discovery.calibrated", lang)
        out += embed(discovery_figure(discovery, lang),
                     _fl("disc.alt", lang).format(steps=len(box["trajectory"]), step=chosen["step"],
                                                  coverage=chosen["coverage"], density=chosen["density"]),
                     _fl("disc.caption", lang).format(draws=draws, **discovery))
    return out


def analysis_section(report: Any):
    """The report's section on calibration, one sensitivity and one discovery result
    (`umbrella.lab.analysis.AnalysisReport`)."""
    calibration, sensitivity, discovery = (document(r) for r in (report.calibration, report.sensitivity,
                                                                  report.discovery))
    from umbrella.views.report import Section, esc, html_table, long_table, per_lang
    fit = calibration["fit"]

    def body(lang: str) -> str:
        parts = [f"<p>{esc(calibration['method'])}: {calibration['accepted']} / {calibration['samples']} "
                 f"(seed {calibration['seed']}, hold-out {esc(calibration['holdout'])})</p>",
                 html_table([_t(k, lang) for k in ("rmse.in", "rmse.out", "rmse.prior_in", "rmse.prior_out", "noise")],
                            [[_num(fit[k]) for k in ("rmse_in_sample", "rmse_held_out", "rmse_prior_in_sample",
                                                     "rmse_prior_held_out", "pollster_noise")]]),
                 _figures(calibration, sensitivity, discovery, lang),
                 html_table([_t(k, lang) for k in ("col.year", "col.observed", "col.polls", "col.predicted",
                                                   "col.band", "col.used")],
                            [(p["year"], _num(p["observed"]), p.get("n_polls", ""), _num(p["predicted_mean"]),
                              f"{_num(p['predicted_q05'])}–{_num(p['predicted_q95'])}",
                              "✓" if p["in_sample"] else "✗") for p in fit["points"]]),
                 f"<h3>{esc(_t('calibration.posterior', lang))}</h3>",
                 long_table([_t(k, lang) for k in ("col.parameter", "col.prior", "col.mean", "col.band", "col.shrinkage")],
                            [(name, f"{s['prior_low']:g}–{s['prior_high']:g}", _num(s["mean"]),
                              f"{_num(s['q05'])}–{_num(s['q95'])}", _num(s["shrinkage"], 2))
                             for name, s in sorted(calibration["posterior"].items(), key=lambda kv: -kv[1]["shrinkage"])],
                            _fl("posterior.more", lang))]
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
