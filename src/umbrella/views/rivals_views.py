"""The report section on the seeds' disagreements: who wins where (`umbrella.lab.Rivals`).

A view only: every number comes from `umbrella.experiments.rivals.rival_study` through the lab.
"""
from __future__ import annotations

from typing import Any

from umbrella.views.report import Section, esc, html_table, per_lang

TEXT = {
    "title": {"en": "Regional model: the seeds' disagreements, side by side", "zh": "区域模型：种子文献之间的分歧"},
    "intro": {"en": "Every side's path is in the model at once, each with its own coefficients; which side wins is a "
                    "result. {samples} draws of the declared parameter box (prior, seed {seed}); each intervention is "
                    "laid on `{scenario}` and compared with it in {year} under the same draw. The PRIM box (quasi-p "
                    "pruned) names the parameters where a side wins; an empty box means it wins almost everywhere.",
              "zh": "每一方的作用路径同时存在于模型中，各有其系数；哪一方占优是结果而非设定。在声明的参数空间中抽取{samples}组"
                    "（先验，随机种子{seed}）；每项干预叠加于`{scenario}`之上，并在{year}年与之按相同抽样比较。PRIM参数框"
                    "（准p值剪枝）给出某一方占优的参数区域；参数框为空表示该方几乎处处占优。"},
    "side": {"en": "side (seeds)", "zh": "一方（种子）"},
    "argues": {"en": "argues", "zh": "论点"},
    "share": {"en": "share of the box where it wins", "zh": "占优的参数空间份额"},
    "box": {"en": "where it wins (PRIM box: coverage, density; limits)", "zh": "占优区域（PRIM：覆盖率、密度；范围）"},
    "paths": {"en": "its coefficients", "zh": "其系数"},
    "mean": {"en": "mean change of {variable} ({actor}): {mean:+.4f}", "zh": "{variable}（{actor}）的平均变化：{mean:+.4f}"},
    "tipping": {"en": "002 §04's best tipping point: over nuclear salience {grid}, KOR assurance is peaked (an interior "
                      "optimum) in {peaked:.1%} of the box, increasing in {inc:.1%}, decreasing in {dec:.1%}.",
                "zh": "002 §04的“最佳临界点”：在核重要性{grid}的取值上，韩国的安全保证在{peaked:.1%}的参数空间中呈先升后降"
                      "（存在内部最优点），在{inc:.1%}中单调上升，在{dec:.1%}中单调下降。"},
    "none": {"en": "no restriction", "zh": "无限制"},
    "never": {"en": "never wins", "zh": "从不占优"},
}


def _box(box: Any, lang: str) -> str:
    if box is None:
        return TEXT["never"][lang]
    limits = "; ".join(f"{name} ∈ [{lim['low']:.3g}, {lim['high']:.3g}]" for name, lim in box["limits"].items())
    return f"{box['coverage']:.2f}, {box['density']:.2f}; {limits or TEXT['none'][lang]}"


def _row(side: Any, lang: str) -> list:
    return [f"{side.direction} ({', '.join(side.seeds)})", side.argument[lang], f"{side.share:.1%}",
            _box(side.box, lang), ", ".join(side.parameters)]


def rivals_section(study: Any) -> Section:
    """The section of a `umbrella.lab.Rivals` result."""
    def body(lang: str) -> str:
        first = study.rivalries[0]
        parts = [f"<p>{esc(TEXT['intro'][lang].format(samples=study.samples, seed=study.seed, scenario=study.scenario, year=first.year))}</p>"]
        header = [TEXT[k][lang] for k in ("side", "argues", "share", "box", "paths")]
        for r in study.rivalries:
            parts.append(f"<h3>{esc(r.title[lang])}</h3>")
            parts.append(f"<p>{esc(TEXT['mean'][lang].format(variable=r.variable, actor=r.actor, mean=r.mean_change))}</p>")
            parts.append(html_table(header, [_row(side, lang) for side in r.sides]))
        tp = study.tipping_point
        parts.append(f"<p>{esc(TEXT['tipping'][lang].format(grid=tp['grid'], peaked=tp['share_peaked'], inc=tp['share_increasing'], dec=tp['share_decreasing']))}</p>")
        if tp["box"] is not None:
            parts.append(f"<p>PRIM: {esc(_box(tp['box'], lang))}</p>")
        return "".join(parts)

    return Section("rivals", TEXT["title"], per_lang(body))
