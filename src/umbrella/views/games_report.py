"""The games section of the HTML report: it renders `umbrella.lab.games.GamesReport`."""
from __future__ import annotations

from typing import Any

from umbrella.views.figures import embedded_png
from umbrella.views.i18n import both, t
from umbrella.views.report import Section, esc, html_table, per_lang

LABELS: dict[str, dict[str, str]] = {
    "games.section": {"en": "Formal models", "zh": "博弈模型"},
    "games.intro": {"en": "Seed 004's typology formalised as a bargaining game (deployment-bargaining), solved by "
                          "backward induction at the documented defaults, for each cell of Table 1 and for the four "
                          "seed cases.",
                    "zh": "将004号文献的类型学形式化为讨价还价博弈（deployment-bargaining），在文档化的默认参数下"
                          "用逆向归纳求解表1的四个单元格及四个种子案例。"},
    "col.table1": {"en": "004 Table 1", "zh": "表1预测"},
    "col.equilibrium": {"en": "equilibrium", "zh": "均衡结果"},
    "col.case": {"en": "case", "zh": "案例"},
    "col.observed": {"en": "observed", "zh": "观察到的"},
    "col.model": {"en": "model", "zh": "模型"},
    "col.agrees": {"en": "agrees", "zh": "一致"},
    "col.prediction": {"en": "prediction", "zh": "预测"},
    "col.share": {"en": "share holds", "zh": "成立比例"},
    "share.title": {"en": "Share of the declared parameter box where Table 1 holds", "zh": "表1在参数空间中成立的比例"},
    "col.conventional": {"en": "conventional", "zh": "常规回应"},
    "col.nuclear": {"en": "nuclear", "zh": "核回应"},
    "col.deterred": {"en": "deterred", "zh": "对手被慑止"},
    "col.assured": {"en": "ally assured", "zh": "盟友获安抚"},
    "row.extended": {"en": "extended", "zh": "延伸威慑"},
    "row.primary": {"en": "primary", "zh": "基本威慑"},
    "credibility.title": {"en": "Credibility of extended deterrence", "zh": "延伸威慑的可信度"},
    "healey": {"en": "Healey thresholds", "zh": "希利门槛"},
    "threshold": {"en": "challenger challenges below", "zh": "挑战者在以下可信度时发起挑战"},
}


def _t(key: str, lang: str) -> str:
    return t(key, lang, LABELS) if key in LABELS else t(key, lang)


def _share(value: Any) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def games_section(report: Any) -> Section:
    """Table 1 at the defaults, the seed cases, where Table 1 holds in the box, maps, credibility."""
    from umbrella.views.game_views import map_figure
    figures = "".join(embedded_png(map_figure(m)) for m in report.maps)
    extended = report.extended.analysis or {}
    primary = report.primary.analysis or {}
    threshold = (report.unilateral.analysis or {}).get("threshold_p_hard")

    def credibility(analysis: dict, row: str, lang: str) -> tuple:
        cred = analysis.get("credibility", {})
        return (_t(row, lang), cred.get("conventional"), cred.get("nuclear"), analysis.get("deterred"),
                analysis.get("ally_assured"))

    def body(lang: str) -> str:
        robustness = report.robustness
        cells = html_table([t("col.alt", lang), "multilateral", _t("col.table1", lang), _t("col.equilibrium", lang)],
                           [(c.alt, c.multilateral, t(c.predicted or "—", lang), t(c.outcome, lang))
                            for c in report.cells])
        cases = html_table([_t(k, lang) for k in ("col.case", "col.observed", "col.model", "col.agrees")],
                           [(c.id, t(c.observed, lang), t(c.model, lang), "✓" if c.agrees else "✗")
                            for c in report.cases.root])
        by_prediction = html_table([_t("col.prediction", lang), _t("col.share", lang)],
                                   [(t(k, lang), _share(v.share_holds)) for k, v in robustness.by_prediction.items()])
        cred = html_table(["", *(_t(k, lang) for k in ("col.conventional", "col.nuclear", "col.deterred", "col.assured"))],
                          [credibility(extended, "row.extended", lang), credibility(primary, "row.primary", lang)])
        p_hard = "—" if threshold is None else f"{threshold:.3f}"
        return (f"<p>{esc(_t('games.intro', lang))}</p>{cells}{cases}"
                f"<p>{esc(_t('share.title', lang))}: <b>{esc(_share(robustness.share_holds))}</b> "
                f"(n = {robustness.samples}, seed {robustness.seed})</p>{by_prediction}{figures}"
                f"<h3>{esc(_t('credibility.title', lang))}</h3>{cred}"
                f"<p>{esc(_t('healey', lang))}: deterrence p ≥ {extended.get('deterrence_threshold', float('nan')):.2f}, "
                f"assurance p ≥ {extended.get('assurance_threshold', float('nan')):.2f}</p>"
                f"<p>unilateral-deterrence: {esc(_t('threshold', lang))} p_hard = {p_hard}</p>")

    return Section("games", both("games.section", LABELS), per_lang(body))
