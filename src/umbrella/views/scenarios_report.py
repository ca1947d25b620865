"""The scenario-library section of the HTML report: ensemble bands and paired differences vs baseline."""
from __future__ import annotations

from typing import Callable, Optional

from umbrella.dynamics.scenario import library, load_scenario
from umbrella.experiments.ensemble import compare, run_ensemble, summarise
from umbrella.views.figures import embedded_drawing
from umbrella.views.report import Section, esc, html_table, per_lang

# (variable, actor) pairs the report follows across scenarios
FOCUS = [("public_nuclear_support", "KOR"), ("proliferation_probability", "KOR"), ("abandonment_fear", "KOR"),
         ("entrapment_fear", "KOR"), ("deterrence_credibility", "KOR"), ("prk_arsenal", "PRK"),
         ("crisis_probability", "region")]
FANS = ["public_nuclear_support", "proliferation_probability", "crisis_probability"]


def scenarios_data(samples: int, seed: int, progress: Optional[Callable[[str], None]] = None) -> dict:
    """Run every library scenario (same samples and seed) and compare each with `baseline`."""
    runs, diffs = {}, {}
    for sid in library():
        if progress:
            progress(sid)
        runs[sid] = summarise(run_ensemble(sid, samples=samples, seed=seed))
        runs[sid]["title"] = dict(load_scenario(sid).title)
    for sid in library():
        if sid == "baseline":
            continue
        diffs[sid] = {f"{var}/{actor}": compare("baseline", sid, variable=var, actor=actor, samples=samples, seed=seed)
                      for var, actor in FOCUS}
    return {"samples": samples, "seed": seed, "runs": runs, "diffs": diffs}


def _at(summary: dict, var: str, actor: str, year: int) -> str:
    years = summary["years"]
    if year not in years or actor not in summary["variables"].get(var, {}):
        return "—"
    i = years.index(year)
    b = summary["variables"][var][actor]
    fmt = "{:.0f}" if var == "prk_arsenal" else "{:.2f}"
    return f"{fmt.format(b['mean'][i])} [{fmt.format(b['q05'][i])}, {fmt.format(b['q95'][i])}]"


def scenarios_section(data: dict) -> Section:
    from umbrella.views.ensemble_views import fan_chart
    runs = data["runs"]
    year = min(max(r["years"]) for r in runs.values())
    figures = "".join(embedded_drawing(lambda path, s=sid, v=var: fan_chart(runs[s], v, path))
                      for sid in ("baseline", "washington-declaration") if sid in runs for var in FANS)

    def body(lang: str) -> str:
        zh = lang == "zh"
        intro = (f"Every scenario of the library run as an ensemble of {data['samples']} parameter draws (seed "
                 f"{data['seed']}); cells give the mean and the 5–95% band in {year}. Differences are paired "
                 "(common random numbers: the same parameter draws in both scenarios)."
                 if not zh else f"情景库中的每个情景均以{data['samples']}组参数抽样（随机种子{data['seed']}）运行；"
                 f"表中为{year}年的均值及5–95%区间。差值为配对比较（两情景使用相同的参数抽样）。")
        header = ["scenario" if not zh else "情景"] + [f"{v} ({a})" for v, a in FOCUS]
        levels = html_table(header, [[f"{sid} — {runs[sid]['title'].get(lang, sid)}"]
                                     + [_at(runs[sid], v, a, year) for v, a in FOCUS] for sid in runs])
        diff_rows = []
        for sid, by in data["diffs"].items():
            row = [sid]
            for v, a in FOCUS:
                d = by[f"{v}/{a}"]
                fmt = "{:+.0f}" if v == "prk_arsenal" else "{:+.3f}"
                row.append(f"{fmt.format(d['diff']['mean'])} (P>0 = {d['p_b_greater']:.2f})")
            diff_rows.append(row)
        diffs = html_table(["B (vs baseline)" if not zh else "情景B（对比基线）"] + [f"{v} ({a})" for v, a in FOCUS],
                           diff_rows)
        return (f"<p>{esc(intro)}</p>{levels}<h3>{esc('Paired differences, B − baseline' if not zh else '配对差值：B − 基线')}"
                f" ({year})</h3>{diffs}{figures}")

    return Section("scenarios", {"en": "Regional simulation: the scenario library", "zh": "区域模拟：情景库"},
                   per_lang(body))
