"""The games section of the HTML report: it renders `umbrella.lab.games.GamesReport`."""
from __future__ import annotations

from typing import Any

from umbrella.views.figures import embedded_png
from umbrella.views.i18n import both, t
from umbrella.views.report import Section, esc, html_table, per_lang


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
        return (t(row, lang), cred.get("conventional"), cred.get("nuclear"), analysis.get("deterred"),
                analysis.get("ally_assured"))

    def body(lang: str) -> str:
        robustness = report.robustness
        cells = html_table([t("col.alt", lang), "multilateral", t("games.col_table1", lang), t("games.col_equilibrium", lang)],
                           [(c.alt, c.multilateral, t(c.predicted or "—", lang), t(c.outcome, lang))
                            for c in report.cells])
        cases = html_table([t(k, lang) for k in ("games.col_case", "games.col_observed", "games.col_model", "games.col_agrees")],
                           [(c.id, t(c.observed, lang), t(c.model, lang), "✓" if c.agrees else "✗")
                            for c in report.cases.root])
        by_prediction = html_table([t("games.col_prediction", lang), t("games.col_share", lang)],
                                   [(t(k, lang), _share(v.share_holds)) for k, v in robustness.by_prediction.items()])
        cred = html_table(["", *(t(k, lang) for k in ("games.col_conventional", "games.col_nuclear", "games.col_deterred", "games.col_assured"))],
                          [credibility(extended, "games.row_extended", lang), credibility(primary, "games.row_primary", lang)])
        p_hard = "—" if threshold is None else f"{threshold:.3f}"
        return (f"<p>{esc(t('games.intro', lang))}</p>{cells}{cases}"
                f"<p>{esc(t('games.share_title', lang))}: <b>{esc(_share(robustness.share_holds))}</b> "
                f"(n = {robustness.samples}, seed {robustness.seed})</p>{by_prediction}{figures}"
                f"<h3>{esc(t('games.credibility_title', lang))}</h3>{cred}"
                f"<p>{esc(t('games.healey', lang))}: deterrence p ≥ {extended.get('deterrence_threshold', float('nan')):.2f}, "
                f"assurance p ≥ {extended.get('assurance_threshold', float('nan')):.2f}</p>"
                f"<p>unilateral-deterrence: {esc(t('games.threshold', lang))} p_hard = {p_hard}</p>")

    return Section("games", both("games.section"), per_lang(body))
