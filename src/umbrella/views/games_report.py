"""The games section of the HTML report: it renders `umbrella.lab.games.GamesReport`."""
from __future__ import annotations

from typing import Any

from umbrella.views.figures import embedded_png, plot_language
from umbrella.views.i18n import both, t
from umbrella.views.report import Section, esc, grid, html_table, per_lang, side_by_side

TEXT: dict[str, dict[str, str]] = {
    "map_alt": {"en": "Map of the equilibrium outcome of {game} over {x} (horizontal, {x0:g} to {x1:g}) and {y} "
                      "(vertical, {y0:g} to {y1:g}) with {fixed}: {regions}.",
                "zh": "{game} 的均衡结果图：横轴 {x}（{x0:g} 至 {x1:g}），纵轴 {y}（{y0:g} 至 {y1:g}），{fixed}："
                      "{regions}。"},
    "map_caption": {"en": "Equilibrium outcome of {game} on a {nx} × {ny} grid of {x} and {y} (other parameters at "
                          "their documented defaults, {fixed}); solved exactly at every point. Source: the game's "
                          "declaration (umbrella game params {game}).",
                    "zh": "{game} 在 {x} 与 {y} 的 {nx} × {ny} 网格上的均衡结果（其余参数取文档默认值，{fixed}）；"
                          "逐点精确求解。来源：博弈的参数声明（umbrella game params {game}）。"},
    "share_of_grid": {"en": "{label} {share:.0f}% of the grid", "zh": "{label}占网格的 {share:.0f}%"},
}


def _share(value: Any) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _yes_no(value: Any, lang: str) -> str:
    return "—" if value is None else t("yes" if value else "no", lang) if isinstance(value, bool) else f"{value:.3g}"


def _map(game_map: Any, lang: str) -> str:
    from umbrella import games
    from umbrella.views.game_views import map_figure
    game = games.get(game_map.game)
    cells = [o for row in game_map.outcomes for o in row]
    regions = ", ".join(TEXT["share_of_grid"][lang].format(label=game.outcomes.get(o, {}).get(lang, o),
                                                           share=100 * cells.count(o) / len(cells))
                        for o in dict.fromkeys(cells))
    fixed = ", ".join(f"{k}={v:g}" for k, v in game_map.params.items() if k not in (game_map.x.name, game_map.y.name)
                      and k in ("alt", "multilateral"))
    facts = {"game": game_map.game, "x": game_map.x.name, "y": game_map.y.name, "x0": game_map.x.values[0],
             "x1": game_map.x.values[-1], "y0": game_map.y.values[0], "y1": game_map.y.values[-1],
             "nx": len(game_map.x.values), "ny": len(game_map.y.values), "fixed": fixed, "regions": regions}
    return embedded_png(map_figure(game_map, plot_language(lang)), TEXT["map_alt"][lang].format(**facts),
                        TEXT["map_caption"][lang].format(**facts))


def games_section(report: Any) -> Section:
    """Table 1 at the defaults, the seed cases, where Table 1 holds in the box, maps, credibility."""
    extended = report.extended.analysis or {}
    primary = report.primary.analysis or {}
    threshold = (report.unilateral.analysis or {}).get("threshold_p_hard")

    def credibility(analysis: dict, row: str, lang: str) -> tuple:
        cred = analysis.get("credibility", {})
        return (t(row, lang), _yes_no(cred.get("conventional"), lang), _yes_no(cred.get("nuclear"), lang),
                _yes_no(analysis.get("deterred"), lang), _yes_no(analysis.get("ally_assured"), lang))

    def body(lang: str) -> str:
        robustness = report.robustness
        maps = grid("".join(_map(m, lang) for m in report.maps))
        cells = html_table([t("col.alt", lang), t("multilateral", lang), t("games.col_table1", lang),
                            t("games.col_equilibrium", lang)],
                           [(_yes_no(bool(c.alt), lang), _yes_no(bool(c.multilateral), lang), t(c.predicted or "—", lang),
                             t(c.outcome, lang)) for c in report.cells])
        cases = html_table([t(k, lang) for k in ("games.col_case", "games.col_observed", "games.col_model", "games.col_agrees")],
                           [(c.id, t(c.observed, lang), t(c.model, lang), "✓" if c.agrees else "✗")
                            for c in report.cases.root])
        by_prediction = html_table([t("games.col_prediction", lang), t("games.col_share", lang)],
                                   [(t(k, lang), _share(v.share_holds)) for k, v in robustness.by_prediction.items()])
        cred = html_table(["", *(t(k, lang) for k in ("games.col_conventional", "games.col_nuclear", "games.col_deterred", "games.col_assured"))],
                          [credibility(extended, "games.row_extended", lang), credibility(primary, "games.row_primary", lang)])
        p_hard = "—" if threshold is None else f"{threshold:.3f}"
        return (f"<p>{esc(t('games.intro', lang))}</p>{side_by_side(cells, cases)}"
                f"<p>{esc(t('games.share_title', lang))}: <b>{esc(_share(robustness.share_holds))}</b> "
                f"(n = {robustness.samples}, seed {robustness.seed})</p>{by_prediction}{maps}"
                f"<h3>{esc(t('games.credibility_title', lang))}</h3>{cred}"
                f"<p>{esc(t('games.healey', lang))}: deterrence p ≥ {extended.get('deterrence_threshold', float('nan')):.2f}, "
                f"assurance p ≥ {extended.get('assurance_threshold', float('nan')):.2f}</p>"
                f"<p>unilateral-deterrence: {esc(t('games.threshold', lang))} p_hard = {p_hard}</p>")

    return Section("games", both("games.section"), per_lang(body))
