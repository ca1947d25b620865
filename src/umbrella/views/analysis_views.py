"""Tables and plots of calibration, sensitivity and scenario-discovery results.

Views only format: every number here comes from `umbrella.experiments.{calibration,sensitivity,
discovery}`. Tables and figures are bilingual (`LABELS`, `FIGURE_LABELS`); every figure in the report
has alt text and a caption (what, source, N, seed).
"""
from __future__ import annotations

import pathlib
import warnings
from typing import Any, Optional

from rich.console import Console
from rich.table import Table

from umbrella.views import charts, document
from umbrella.views.i18n import both, t

LABELS: dict[str, dict[str, str]] = {
    "calibration.title": {"en": "Calibration of northeast-asia to the observed series",
                          "zh": "东北亚模型对观测序列的校准"},
    "calibration.series": {"en": "Fit per series (RMSE on the series' own scale)",
                           "zh": "各序列的拟合（以序列自身尺度计的均方根误差）"},
    "calibration.posterior": {"en": "What the data say about the parameters (most narrowed first)",
                              "zh": "数据对参数的约束（收缩最多者在前）"},
    "calibration.rivals": {"en": "What the data say about the seeds' disagreements (share of draws where each side wins)",
                           "zh": "数据对种子文献分歧的判断（各方胜出的抽样比例）"},
    "calibration.rest": {"en": "{n} more parameters narrowed no more than the control coordinate (all in --format json)",
                         "zh": "另有 {n} 个参数的收缩不超过对照坐标（完整结果见 --format json）"},
    "calibration.inert": {"en": "{n} parameters cannot be informed by the history at all (the historical run does not "
                                "depend on them: they feed no state, or multiply a lever that never moved); their "
                                "posterior is their prior",
                          "zh": "{n} 个参数完全无法由历史数据约束（历史模拟与之无关：不影响任何状态变量，或所乘的政策杠杆从未变动）；其后验即先验"},
    "calibration.written": {"en": "posterior written to {path}", "zh": "后验已写入 {path}"},
    "calibration.draws": {"en": "{distinct} distinct parameter sets of {particles} particles; {stages} tempering stages, "
                                "{evaluations} model runs, {seconds} s; log evidence {evidence}; a control coordinate "
                                "the data cannot see narrows by {control} (the sampler's own narrowing: a parameter "
                                "narrowed less than that is not informed by the data)",
                          "zh": "{particles} 个粒子中有 {distinct} 组不同的参数；{stages} 个回火阶段，{evaluations} 次模型运行，"
                                "{seconds} 秒；对数证据 {evidence}；数据无法影响的对照坐标收缩 {control}（采样器自身造成的收缩："
                                "收缩小于此值的参数不受数据约束）"},
    "calibration.tipping": {"en": "KOR assurance over nuclear salience: peaked in {prior} of the prior, {post} of the posterior",
                            "zh": "韩国安心度随核突出度的变化：先验中 {prior} 呈峰形，后验中 {post}"},
    "col.series": {"en": "series", "zh": "序列"},
    "col.variable": {"en": "variable", "zh": "变量"},
    "col.n": {"en": "n in / held out", "zh": "样本内/留出点数"},
    "col.rmse_in": {"en": "RMSE in sample (prior)", "zh": "样本内误差（先验）"},
    "col.rmse_out": {"en": "RMSE held out (prior)", "zh": "留出误差（先验）"},
    "col.loso": {"en": "RMSE, series left out", "zh": "剔除该序列后的误差"},
    "col.fits": {"en": "fits", "zh": "拟合"},
    "col.rivalry": {"en": "disagreement", "zh": "分歧"},
    "col.side": {"en": "side (seeds, direction)", "zh": "一方（文献，方向）"},
    "col.share_prior": {"en": "prior", "zh": "先验"},
    "col.share_post": {"en": "posterior", "zh": "后验"},
    "col.informed": {"en": "informed by", "zh": "约束来源"},
    "role.input": {"en": "not fitted: model input", "zh": "未拟合：模型输入"},
    "role.lever": {"en": "not fitted: a lever", "zh": "未拟合：政策杠杆"},
    "role.not linked": {"en": "not fitted: no observation equation", "zh": "未拟合：无观测方程"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "NO", "zh": "否"},
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

def _n(s: dict) -> str:
    return f"{s['n_in_sample']} / {s['n_held_out']}"


def _pair(value: Optional[float], prior: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3g} ({_num(prior, 3) if prior is None else f'{prior:.3g}'})"


def series_rows(result: dict, lang: str) -> list[tuple]:
    """One row per observed series: id, variable, n, errors against the prior's, leave-one-out, fits."""
    rows = []
    for s in result["series"]:
        if s["role"] != "fitted":
            rows.append((s["id"], s["variable"] or "", "—", "—", "—", "—", _t(f"role.{s['role']}", lang)))
            continue
        rows.append((s["id"], s["variable"], _n(s), _pair(s["rmse_in_sample"], s["rmse_prior_in_sample"]),
                     _pair(s["rmse_held_out"], s["rmse_prior_held_out"]),
                     "—" if s.get("rmse_leave_one_out") is None else f"{s['rmse_leave_one_out']:.3g}",
                     _t("yes" if s["fits"] else "no", lang)))
    return rows


SERIES_COLUMNS = ("col.series", "col.variable", "col.n", "col.rmse_in", "col.rmse_out", "col.loso", "col.fits")
RIVAL_COLUMNS = ("col.rivalry", "col.side", "col.share_prior", "col.share_post")
PARAMETER_COLUMNS = ("col.parameter", "col.prior", "col.mean", "col.band", "col.shrinkage", "col.informed")


def rival_rows(result: dict, lang: str) -> list[tuple]:
    rows = []
    for r in result.get("rivals", {}).get("rivalries", []):
        for side in r["sides"]:
            rows.append((r["title"][lang], f"{', '.join(side['seeds'])}: {side['direction']}",
                         f"{side['share_prior']:.1%}", f"{side['share_posterior']:.1%}"))
    return rows


def parameter_rows(result: dict) -> list[tuple]:
    """The parameters the data narrowed more than the sampler narrows a control coordinate alone."""
    floor = max(SHOWN_SHRINKAGE, result["diagnostics"].get("control_shrinkage") or 0.0)
    ranked = sorted((p for p in result["parameters"] if not p["inert"]), key=lambda p: -p["shrinkage"])
    shown = [p for p in ranked if p["shrinkage"] > floor] or ranked[:5]
    return [(p["name"], f"{p['low']:g}–{p['high']:g}", f"{p['mean']:.3g}", f"{p['q05']:.3g}–{p['q95']:.3g}",
             _num(p["shrinkage"], 2), ", ".join(i["series"] for i in p["informed_by"][:3]) or "—") for p in shown]


def _draws_line(result: dict, lang: str) -> str:
    d = result["diagnostics"]
    return _t("calibration.draws", lang).format(distinct=result["distinct_draws"], particles=result["particles"],
                                                 stages=d["stages"], evaluations=d["evaluations"],
                                                 seconds=d.get("seconds", "—"), evidence=f"{d['log_evidence']:.1f}",
                                                 control=_num(d.get("control_shrinkage"), 2))


def print_calibration(result: Any, lang: str = "en", console: Optional[Console] = None) -> None:
    result = document(result)
    console = console or Console()
    console.rule(_t("calibration.title", lang))
    console.print(f"{result['method']} (seed {result['seed']}, hold-out {result['holdout']}): {_draws_line(result, lang)}")
    for title, columns, rows in (("calibration.series", SERIES_COLUMNS, series_rows(result, lang)),
                                 ("calibration.rivals", RIVAL_COLUMNS, rival_rows(result, lang)),
                                 ("calibration.posterior", PARAMETER_COLUMNS, parameter_rows(result))):
        if not rows:
            continue
        table = Table(title=_t(title, lang))
        for key in columns:
            table.add_column(_t(key, lang), overflow="fold")
        for row in rows:
            table.add_row(*(str(x) for x in row))
        console.print(table)
    tipping = result.get("rivals", {}).get("tipping_point")
    if tipping:
        console.print(_t("calibration.tipping", lang).format(prior=f"{tipping['share_peaked_prior']:.1%}",
                                                             post=f"{tipping['share_peaked_posterior']:.1%}"))
    ranked = [p for p in result["parameters"] if not p["inert"]]
    shown = len(parameter_rows(result))
    if shown < len(ranked):
        console.print(_t("calibration.rest", lang).format(n=len(ranked) - shown))
    if result.get("inert"):
        console.print(_t("calibration.inert", lang).format(n=len(result["inert"])))
    if result.get("written"):
        console.print(_t("calibration.written", lang).format(path=result["written"]))


INDEX_KEYS = {"sobol": (("S1", "S1_conf", "ST", "ST_conf"), "ST"), "morris": (("mu_star", "mu_star_conf", "sigma"), "mu_star"),
              "rbd_fast": (("S1", "S1_conf"), "S1")}


def print_sensitivity(result: Any, lang: str = "en", console: Optional[Console] = None) -> None:
    result = document(result)
    console = console or Console()
    console.rule(f"{_t('sensitivity.title', lang)}: {result.get('variable', '')} "
                 f"{result.get('actor', '')} {result.get('year', '')} ({result['method']}, {result['runs']} runs)")
    keys, order = INDEX_KEYS[result["method"]]
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
    "sens.total": {"en": "total (ST)", "zh": "总效应（ST）"},
    "sens.first": {"en": "first order (S1)", "zh": "一阶效应（S1）"},
    "sens.sobol": {"en": "Sobol' index (95 % bootstrap interval)", "zh": "Sobol' 指数（95% 自助区间）"},
    "sens.morris": {"en": "Morris elementary effects", "zh": "Morris 基本效应"},
    "sens.rbd": {"en": "first order (S1), {draws} draws", "zh": "一阶效应（S1），{draws}抽样"},
    "sens.rbd_axis": {"en": "first-order index, RBD-FAST on given draws (95 % bootstrap interval)",
                      "zh": "一阶指数，基于给定抽样的 RBD-FAST（95% 自助区间）"},
    "cal.alt": {"en": "{n} small line charts, one per fitted observed series ({series}): the observations as points or "
                      "ranges and the calibrated model's mean with its 5–95% predictive band; {fits} of {n} series fit.",
                "zh": "{n} 幅小折线图，每个拟合的观测序列一幅（{series}）：观测值（点或区间）与校准模型的均值及其5–95%预测区间；"
                      "{n} 个序列中 {fits} 个拟合良好。"},
    "cal.caption": {"en": "The committed calibration every run uses ({method}, {particles} particles, {distinct} distinct "
                          "parameter sets, seed {seed}, hold-out {holdout}). Source: the observed series of the evidence "
                          "base (umbrella data list series), each with its sources.",
                    "zh": "所有运行共用的已提交校准（{method}，{particles} 个粒子，{distinct} 组不同参数，随机种子 {seed}，"
                          "留出 {holdout}）。来源：证据库中的观测序列（umbrella data list series），各有出处。"},
    "sens.title": {"en": "{variable} ({actor}, {year}): the {k} most influential of {n} parameters",
                   "zh": "{variable}（{actor}，{year}年）：{n} 个参数中影响最大的 {k} 个"},
    "disc.selected": {"en": "selected box", "zh": "选定的参数框"},
    "disc.restricted": {"en": "restricted parameters", "zh": "受限参数数"},
    "disc.coverage": {"en": "coverage", "zh": "覆盖率"},
    "disc.density": {"en": "density", "zh": "密度"},
    "disc.title": {"en": "PRIM peeling trajectory", "zh": "PRIM 剥离轨迹"},
    "sens.alt": {"en": "Horizontal bar chart of the {k} parameters with the largest {index} for {variable}; the largest is "
                       "{top} ({top_value:.3g}).",
                 "zh": "{variable} 的 {index} 最大的 {k} 个参数的横向条形图；最大的是 {top}（{top_value:.3g}）。"},
    "sens.caption": {"en": "Global sensitivity ({method}, {runs} model runs, seed {seed}) of {variable} ({actor}, {year}) "
                           "in scenario {scenario}: the {k} most influential of {n} parameters (all in lab.json). "
                           "Draws: {draws} (umbrella params declares the ranges).",
                     "zh": "情景 {scenario} 中 {variable}（{actor}，{year}年）的全局敏感性（{method}，{runs} 次模型运行，"
                           "随机种子 {seed}）：{n} 个参数中影响最大的 {k} 个（完整结果见 lab.json）。抽样：{draws}"
                           "（参数范围见 umbrella params）。"},
    "disc.alt": {"en": "Scatter of the {steps} boxes PRIM peeled, coverage against density, coloured by the number of "
                       "restricted parameters; the selected box (step {step}) has coverage {coverage:.2f} and density "
                       "{density:.2f}.",
                 "zh": "PRIM 剥离得到的 {steps} 个参数框的散点图（覆盖率对密度），颜色表示受限参数数；选定的参数框（第 {step} 步）"
                       "覆盖率 {coverage:.2f}，密度 {density:.2f}。"},
    "disc.caption": {"en": "Scenario discovery for “{question}” over {samples} draws (seed {seed}, {draws}). A box "
                           "trades coverage (share of the yes cases inside) for density (share of yes inside it).",
                     "zh": "情景发现：“{question}”，{samples} 组抽样（随机种子 {seed}，{draws}）。参数框在覆盖率（框内“是”"
                           "占全部“是”的比例）与密度（框内“是”的比例）之间权衡。"},
}
SHOWN_BARS = 15      # a sensitivity chart shows the most influential parameters only


def _fl(key: str, lang: str) -> str:
    return t(key, lang, FIGURE_LABELS)


FIGURE_TEXT = {
    "title": {"en": "Observed series against the posterior predictive band (5–95 %)",
              "zh": "观测序列与后验预测区间（5–95%）"},
    "band": {"en": "posterior predictive 5–95 %", "zh": "后验预测 5–95%"},
    "mean": {"en": "posterior mean", "zh": "后验均值"},
    "prior": {"en": "prior mean", "zh": "先验均值"},
    "fit": {"en": "observed (fitted)", "zh": "观测值（用于拟合）"},
    "held": {"en": "observed (held out)", "zh": "观测值（留出）"},
    "range": {"en": "published range", "zh": "公布的区间"},
}


def calibration_figure(result: dict, lang: str = "en"):
    """One panel per fitted series: the posterior predictive band and mean, the prior mean, the
    observed points (filled: fitted, hollow: held out) and the published ranges (bars; an open end
    is a one-sided bound)."""
    plt = charts().pyplot()
    fitted = [s for s in result["series"] if s["role"] == "fitted"]
    cols = 4
    rows = max(1, -(-len(fitted) // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols, 2.5 * rows), squeeze=False)
    for ax in axes.flat[len(fitted):]:
        ax.axis("off")
    for ax, s in zip(axes.flat, fitted):
        pts = s["points"]
        x = [p["time"] for p in pts]
        ax.fill_between(x, [p["predicted_q05"] for p in pts], [p["predicted_q95"] for p in pts], color="#8fb3d9",
                        alpha=0.5, step=None, label=FIGURE_TEXT["band"][lang])
        ax.plot(x, [p["predicted_mean"] for p in pts], color="#14324f", lw=1, label=FIGURE_TEXT["mean"][lang])
        ax.plot(x, [p["prior_mean"] for p in pts], color="#999999", ls="--", lw=1, label=FIGURE_TEXT["prior"][lang])
        for xi, p in zip(x, pts):
            face = "#b22222" if p["in_sample"] else "white"
            if p["value"] is not None and p["low"] is None and p["high"] is None:
                ax.plot([xi], [p["value"]], "o", ms=4, mfc=face, mec="#b22222")
                continue
            top = p["high"] if p["high"] is not None else max(p["low"], p["predicted_q95"]) * 1.2
            bottom = p["low"] if p["low"] is not None else 0.0
            ax.plot([xi, xi], [bottom, top], color="#b22222", lw=2, alpha=0.8 if p["in_sample"] else 0.35)
            for end in (p["low"], p["high"]):
                if end is not None:
                    ax.plot([xi], [end], "_", ms=8, color="#b22222")
        ax.set_title(s["id"], fontsize=7)
        ax.set_ylabel(s["scale"], fontsize=7)
        ax.tick_params(labelsize=6)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    from matplotlib.lines import Line2D
    handles += [Line2D([], [], marker="o", ls="", color="#b22222"), Line2D([], [], marker="o", ls="", mfc="white",
                                                                           color="#b22222"),
                Line2D([], [], color="#b22222", lw=2)]
    labels += [FIGURE_TEXT["fit"][lang], FIGURE_TEXT["held"][lang], FIGURE_TEXT["range"][lang]]
    fig.legend(handles, labels, loc="lower center", ncol=6, fontsize=7, frameon=False)
    fig.suptitle(FIGURE_TEXT["title"][lang], fontsize=10)
    with warnings.catch_warnings():       # zh glyphs render where matplotlib finds a CJK font
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    return fig


def _ranked(result: dict) -> list[str]:
    """Parameters from the most influential down (ST for Sobol', S1 for RBD-FAST, mu* for Morris)."""
    order = INDEX_KEYS[result["method"]][1]
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
    elif result["method"] == "rbd_fast":
        ax.barh(list(pos), [idx[n]["S1"] for n in order], xerr=[idx[n]["S1_conf"] for n in order], color="#14324f",
                label=_fl("sens.rbd", lang).format(draws=result.get("parameters_from", "prior")))
        ax.set_xlabel(_fl("sens.rbd_axis", lang))
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

def calibration_part(calibration: dict, lang: str, figure: str) -> str:
    """The calibration in the report: the fit per series, the posterior predictive plot, what the data
    say about the seeds' disagreements and about the parameters."""
    from umbrella.views.report import esc, html_table
    parts = [f"<p>{esc(calibration['method'])} (seed {calibration['seed']}, hold-out "
             f"{esc(calibration['holdout'])}): {esc(_draws_line(calibration, lang))}</p>",
             f"<h3>{esc(_t('calibration.series', lang))}</h3>",
             html_table([_t(k, lang) for k in SERIES_COLUMNS], series_rows(calibration, lang)),
             figure]
    rivals = rival_rows(calibration, lang)
    if rivals:
        parts += [f"<h3>{esc(_t('calibration.rivals', lang))}</h3>",
                  html_table([_t(k, lang) for k in RIVAL_COLUMNS], rivals)]
        tipping = calibration["rivals"]["tipping_point"]
        parts.append("<p>" + esc(_t("calibration.tipping", lang).format(
            prior=f"{tipping['share_peaked_prior']:.1%}", post=f"{tipping['share_peaked_posterior']:.1%}")) + "</p>")
    parts += [f"<h3>{esc(_t('calibration.posterior', lang))}</h3>",
              html_table([_t(k, lang) for k in PARAMETER_COLUMNS], parameter_rows(calibration))]
    if calibration.get("inert"):
        parts.append("<p>" + esc(_t("calibration.inert", lang).format(n=len(calibration["inert"]))) + ": "
                     + esc(", ".join(calibration["inert"])) + "</p>")
    return "".join(parts)


def _figures(calibration: dict, sensitivity: Optional[dict], discovery: Optional[dict], lang: str) -> tuple[str, str]:
    """The section's figures with their alt text and captions: the calibration's, and the others."""
    embed = charts().embedded_png
    fitted = [s for s in calibration["series"] if s["role"] == "fitted"]
    out = embed(calibration_figure(calibration, lang),
                _fl("cal.alt", lang).format(n=len(fitted), series=", ".join(s["id"] for s in fitted),
                                            fits=sum(bool(s["fits"]) for s in fitted)),
                _fl("cal.caption", lang).format(distinct=calibration["distinct_draws"], **calibration))
    first, out = out, ""
    if sensitivity is not None:
        ranked = _ranked(sensitivity)
        index = INDEX_KEYS[sensitivity["method"]][1]
        k = min(SHOWN_BARS, len(ranked))
        out += embed(sensitivity_figure(sensitivity, lang),
                     _fl("sens.alt", lang).format(k=k, index=index, variable=sensitivity["variable"], top=ranked[0],
                                                  top_value=_value(sensitivity["indices"][ranked[0]][index])),
                     _fl("sens.caption", lang).format(k=k, n=len(ranked),
                                                      **{"draws": sensitivity.get("parameters_from", "prior"),
                                                         **sensitivity}))
    if discovery is not None:
        box = discovery["box"]
        chosen = box["trajectory"][box["selected"]]
        draws = _t("discovery.prior" if discovery["prior"] else "discovery.calibrated", lang)
        out += embed(discovery_figure(discovery, lang),
                     _fl("disc.alt", lang).format(steps=len(box["trajectory"]), step=chosen["step"],
                                                  coverage=chosen["coverage"], density=chosen["density"]),
                     _fl("disc.caption", lang).format(draws=draws, **discovery))
    return first, out


def analysis_section(report: Any):
    """The report's section on the calibration every run uses, one sensitivity and one discovery
    result (`umbrella.lab.analysis.AnalysisReport`)."""
    calibration, sensitivity, discovery = (document(r) for r in (report.calibration, report.sensitivity,
                                                                  report.discovery))
    from umbrella.views.report import Section, esc, html_table, per_lang

    def body(lang: str) -> str:
        calibration_figure_html, others = _figures(calibration, sensitivity, discovery, lang)
        parts = [calibration_part(calibration, lang, calibration_figure_html), others]
        if discovery is not None:
            box = discovery["box"]
            parts += [f"<h3>{esc(_t('discovery.title', lang))}: {esc(discovery['question'])}</h3>",
                      f"<p>P = {_num(box['base_rate'])}; {esc(_t('col.coverage', lang))} {_num(box['coverage'])}, "
                      f"{esc(_t('col.density', lang))} {_num(box['density'])}</p>",
                      html_table([_t(k, lang) for k in ("col.parameter", "col.low", "col.high")],
                                 [(k, f"{v['low']:.4g}", f"{v['high']:.4g}") for k, v in box["limits"].items()])]
        return "".join(parts)

    return Section("calibration", both("section.calibration"), per_lang(body))
