"""What the laboratory found, in a few sentences: the report opens with them (one screen, each
linking to its section) and `umbrella lab` prints them. Every number is read from the results of the
main job (`umbrella.lab.LabRun`); choosing which to show (the largest paired effect, the side that
wins more of the box) is all this module does.
"""
from __future__ import annotations

from typing import Any

from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
from umbrella.views.i18n import t

TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "What the laboratory found", "zh": "实验室的发现"},
    "intro": {"en": "One run of the whole laboratory (seed {seed}, {samples} parameter draws per ensemble). "
                    "Each line links to its section; every number there has its source.",
              "zh": "整个实验室的一次运行（随机种子 {seed}，每个集合 {samples} 组参数抽样）。"
                    "每一条都链接到相应部分，那里的每个数字都有出处。"},
    "evidence": {"en": "The evidence base holds {disputes} deployment disputes, {events} events and {surveys} polls, "
                       "each with its sources.",
                 "zh": "证据库收录 {disputes} 个核部署分歧案例、{events} 个事件和 {surveys} 次民调，每条都有出处。"},
    "theory": {"en": "Seed 004's typology predicts the US strategy in {hits} of {n} scored cases (four-way) and whether "
                     "the US conceded in {bhits} of {bn} (binary); it ranks {rank} of {k} theories on the binary score.",
               "zh": "004号文献的类型学在 {n} 个计分案例中预测对美国策略 {hits} 个（四分类），预测对美国是否让步 {bhits} 个"
                     "（共 {bn} 个，二元）；按二元计分在 {k} 个理论中排第 {rank}。"},
    "games": {"en": "In the bargaining game, Table 1 of seed 004 holds in {share:.0%} of the declared parameter box "
                    "({samples} draws); the equilibrium agrees with {agree} of {cases} documented cases.",
              "zh": "在讨价还价博弈中，004号文献表1在声明参数空间的 {share:.0%} 中成立（{samples} 组抽样）；"
                    "均衡与 {cases} 个文档化案例中的 {agree} 个一致。"},
    "scenario": {"en": "Largest paired effect on {variable} ({actor}, {year}): {scenario}, {diff:+.3f} against baseline "
                       "(P(higher) = {p:.2f}).",
                 "zh": "对 {variable}（{actor}，{year}年）的最大配对效应：{scenario}，相对基线 {diff:+.3f}"
                       "（P(更高) = {p:.2f}）。"},
    "rivals": {"en": "{title} In the declared box, the side of seeds {seeds} ({direction}) wins in {share:.0%} of the draws.",
               "zh": "{title} 在声明的参数空间中，种子 {seeds} 一方（{direction}）在 {share:.0%} 的抽样中占优。"},
    "calibration": {"en": "Calibrated jointly to {n} observed series (warhead estimates, missile launches, polls; "
                          "{distinct} distinct parameter sets, the calibration every run uses): the model fits {fits} "
                          "of them, and on the years held out (since {holdout}) its error is below the prior's in "
                          "{better} of the {held} series that have such years.",
                    "zh": "以 {n} 个观测序列（核弹头估计、导弹发射、民调）联合校准（{distinct} 组不同参数，所有运行共用这一校准）："
                          "模型拟合其中 {fits} 个；在留出年份（{holdout} 起）上，{held} 个有留出数据的序列中有 {better} 个的误差低于先验。"},
    "increase": {"en": "it raises the risk", "zh": "提高风险"},
    "decrease": {"en": "it lowers the risk", "zh": "降低风险"},
    "claims": {"en": "Of the seeds' {n} claims, {holds} hold across the models' uncertain parameters (the "
                     "calibrated draws for the regional model), {conditional} hold only in part of them, {fails} fail and {not_modelled} are not modelled.",
               "zh": "种子文献的 {n} 条论断中，{holds} 条在模型的不确定参数中（区域模型取校准后的抽样）成立，{conditional} 条仅部分成立，{fails} 条不成立，"
                     "{not_modelled} 条未建模。"},
}


def _text(key: str, lang: str) -> str:
    return t(key, lang, TEXT)


def title(lang: str) -> str:
    return _text("title", lang)


def intro(run: Any, lang: str) -> str:
    return _text("intro", lang).format(seed=run.settings.seed, samples=run.settings.samples)


def findings(run: Any, lang: str) -> list[tuple[str, str]]:
    """(sentence, section id) for each part of the main job's results."""
    out = []
    counts = run.evidence.summary.counts
    out.append((_text("evidence", lang).format(disputes=counts.get("disputes", 0), events=counts.get("events", 0),
                                               surveys=counts.get("surveys", 0)), "evidence"))
    summary = run.theory.typology.summary
    ranking = run.theory.compare.theories
    mine = next((r for r in ranking if r["theory"] == run.theory.typology.theory), None)
    if summary.get("accuracy") is not None and mine is not None and mine.get("accuracy") is not None:
        out.append((_text("theory", lang).format(hits=summary["n_match"], n=summary["n_scored"],
                                                 bhits=round(mine["accuracy"] * mine["n_scored"]),
                                                 bn=mine["n_scored"], rank=mine["rank"], k=len(ranking)), "theory"))
    games = run.games
    if games.robustness.share_holds is not None:
        cases = games.cases.root
        out.append((_text("games", lang).format(share=games.robustness.share_holds, samples=games.robustness.samples,
                                                agree=sum(c.agrees for c in cases), cases=len(cases)), "games"))
    for i, (variable, actor) in enumerate(run.scenarios.focus[:2]):
        effects = [(sid, comparisons[i]) for sid, comparisons in run.scenarios.diffs.items() if len(comparisons) > i]
        if effects:
            sid, c = max(effects, key=lambda e: abs(e[1].diff.mean))
            out.append((_text("scenario", lang).format(variable=VARIABLE_BY_NAME[variable].label.get(lang, variable),
                                                       actor=actor, year=c.year, scenario=sid, diff=c.diff.mean,
                                                       p=c.p_b_greater), "scenarios"))
    for rivalry in run.rivals.rivalries[:1]:
        side = max(rivalry.sides, key=lambda s: s.share)
        out.append((_text("rivals", lang).format(title=rivalry.title[lang], seeds=", ".join(side.seeds),
                                                 direction=_text(side.direction, lang), share=side.share), "rivals"))
    calibration = run.analysis.calibration
    fitted = [f for f in calibration.series if f.role == "fitted"]
    held = [f for f in fitted if f.rmse_held_out is not None and f.rmse_prior_held_out is not None]
    out.append((_text("calibration", lang).format(
        n=len(fitted), distinct=calibration.distinct_draws, fits=sum(bool(getattr(f, "fits", False)) for f in fitted),
        holdout=calibration.holdout.removeprefix("since:"), held=len(held),
        better=sum(f.rmse_held_out < f.rmse_prior_held_out for f in held)), "calibration"))
    tally = run.claims.summary
    # first: what the laboratory found and what it took as given (the ledger's headline)
    tallied = _text("claims", lang).format(n=tally.n, **{k: tally.counts.get(k, 0) for k in
                                                        ("holds", "conditional", "fails", "not_modelled")})
    # (the headline's counts leave definitions out of the holds; the plain tally is only its stand-in)
    out.insert(0, (run.claims.headline.get(lang) or tallied, "claims"))
    return out


def findings_section(run: Any):
    """The report's first section: the findings as a list of links."""
    from umbrella.views.i18n import both
    from umbrella.views.report import Section, esc, per_lang

    def body(lang: str) -> str:
        items = "".join(f'<li>{esc(text)} <a href="#{anchor}">→</a></li>' for text, anchor in findings(run, lang))
        return f"<p>{esc(intro(run, lang))}</p><ul class='findings'>{items}</ul>"

    return Section("findings", both("title", TEXT), per_lang(body))
