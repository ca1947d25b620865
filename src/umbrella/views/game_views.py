"""Tables and plots of games: listings, solutions, parameter maps, tree drawings.

Views only render results of `umbrella.lab` (labels of outcomes, actions and players come from the
games' declarations). Tables are bilingual; plot text is English (the environment has no CJK font
for matplotlib).
"""
from __future__ import annotations

import pathlib
from typing import Any, Mapping

from rich.console import Console
from rich.table import Table

from umbrella import games
from umbrella.games.analysis import REGIONS, region_label
from umbrella.games.core import Chance, Decision, Game, Node, Terminal
from umbrella.views.i18n import t
from umbrella.views import charts

LABELS: dict[str, dict[str, str]] = {
    "games.title": {"en": "Games", "zh": "博弈模型"},
    "col.id": {"en": "id", "zh": "编号"},
    "col.title": {"en": "title", "zh": "名称"},
    "col.players": {"en": "players", "zh": "参与者"},
    "col.parameter": {"en": "parameter", "zh": "参数"},
    "col.default": {"en": "default", "zh": "默认值"},
    "col.range": {"en": "range", "zh": "范围"},
    "col.unit": {"en": "unit", "zh": "单位"},
    "col.description": {"en": "description", "zh": "说明"},
    "col.source": {"en": "source", "zh": "来源"},
    "col.player": {"en": "player", "zh": "参与者"},
    "col.payoff": {"en": "expected payoff", "zh": "期望收益"},
    "col.infoset": {"en": "information set", "zh": "信息集"},
    "col.action": {"en": "equilibrium action", "zh": "均衡行动"},
    "col.case": {"en": "case", "zh": "案例"},
    "col.observed": {"en": "observed", "zh": "观察到的策略"},
    "col.model": {"en": "model", "zh": "模型结果"},
    "col.agrees": {"en": "agrees", "zh": "一致"},
    "solve.outcome": {"en": "Outcome", "zh": "均衡结果"},
    "solve.path": {"en": "Equilibrium path", "zh": "均衡路径"},
    "solve.analysis": {"en": "Analysis", "zh": "分析"},
    "col.quantity": {"en": "quantity", "zh": "量"},
    "col.value": {"en": "value", "zh": "值"},
    "map.hatched": {"en": "(hatched: the prediction fails; it holds on {share:.0f}% of the grid)",
                    "zh": "（斜线：预测不成立；预测在 {share:.0f}% 的网格上成立）"},
    "map.fails": {"en": "the theory's prediction fails here", "zh": "此处理论预测不成立"},
    "map.holds": {"en": "share of the grid where the typology holds", "zh": "类型学成立的网格比例"},
    "robust.title": {"en": "where the theory's prediction holds", "zh": "理论预测成立的参数空间"},
    "robust.total": {"en": "share of the parameter box where it holds", "zh": "预测成立的参数空间比例"},
    "col.prediction": {"en": "prediction", "zh": "预测"},
    "col.samples": {"en": "draws", "zh": "抽样数"},
    "col.holds": {"en": "share holds", "zh": "成立比例"},
    "col.instead": {"en": "outcomes instead (share)", "zh": "实际结果(比例)"},
    "regions.title": {"en": "share of the parameter box in each region", "zh": "各区域占参数空间的比例"},
    "regions.outcome": {"en": "equilibrium outcome", "zh": "均衡结果"},
    "col.region": {"en": "region / outcome", "zh": "区域/结果"},
    "col.share": {"en": "share of the box", "zh": "占参数空间比例"},
    "estimate.title": {"en": "logit agent-QRE maximum likelihood on the coded cases",
                       "zh": "基于编码案例的 logit 代理人 QRE 最大似然估计"},
    "estimate.loglik": {"en": "log-likelihood", "zh": "对数似然"},
    "estimate.loo": {"en": "leave-one-case-out", "zh": "留一案例外推"},
    "estimate.uniform": {"en": "every category equally likely", "zh": "各类别等概率(参照)"},
    "estimate.on_bound": {"en": "on its bound: the likelihood still rises towards the edge of the declared range",
                          "zh": "位于边界:似然值仍向声明范围的边缘上升"},
    "estimate.not_identified": {"en": "not identified: the Hessian is not positive definite",
                                "zh": "不可识别:海森矩阵非正定"},
    "col.estimate": {"en": "estimate", "zh": "估计值"},
    "col.se": {"en": "std. error", "zh": "标准误"},
    "col.note": {"en": "note", "zh": "说明"},
    "col.fitted": {"en": "fitted P(observed)", "zh": "拟合的观察策略概率"},
    "col.loo": {"en": "P(observed), case left out", "zh": "留出该案例时的概率"},
}


def _t(key: str, lang: str) -> str:
    return t(key, lang, LABELS)


def _label(table: Mapping[str, Mapping[str, str]], key: str, lang: str) -> str:
    return table.get(key, {}).get(lang, key)


def _num(x: Any) -> str:
    return f"{x:.4g}" if isinstance(x, float) else str(x)


def list_table(console: Console, lang: str) -> None:
    table = Table(title=_t("games.title", lang))
    for key in ("col.id", "col.title", "col.players"):
        table.add_column(_t(key, lang))
    for g in games.GAMES.values():
        table.add_row(g.id, g.title[lang], ", ".join(p.label[lang] for p in g.players))
    console.print(table)


def params_table(console: Console, game_id: str, lang: str) -> None:
    game = games.get(game_id)
    table = Table(title=game.title[lang])
    for key in ("col.parameter", "col.default", "col.range", "col.unit", "col.description", "col.source"):
        table.add_column(_t(key, lang))
    for p in game.parameters:
        where = "; ".join(f"{s.seed[:3]} {s.section}".strip() if s.seed else "ref" for s in p.sources)
        rng = ("{" + ", ".join(f"{v:g}" for v in p.values) + "}") if p.values else f"[{p.low:g}, {p.high:g}]"
        table.add_row(p.name, f"{p.default:g}", rng, p.unit, p.description[lang], where)
    console.print(table)


def solve_table(console: Console, solution: Any, lang: str) -> None:
    game = games.get(solution.game)
    result = solution.model_dump(mode="json")
    eq = result["equilibrium"]
    console.print(f"[bold]{game.title[lang]}[/bold]")
    console.print(f"{_t('solve.outcome', lang)}: [bold]{_label(game.outcomes, eq['outcome'], lang)}[/bold] "
                  f"({eq['outcome']})")
    console.print(f"{_t('solve.path', lang)}: " + " → ".join(_label(game.actions, m, lang) for m in eq["path"]))
    table = Table()
    table.add_column(_t("col.player", lang))
    table.add_column(_t("col.payoff", lang), justify="right")
    labels = {p.name: p.label[lang] for p in game.players}
    for name, value in eq["payoffs"].items():
        table.add_row(labels.get(name, name), _num(value))
    console.print(table)
    strat = Table()
    strat.add_column(_t("col.infoset", lang))
    strat.add_column(_t("col.action", lang))
    for key, action in eq["strategy"].items():
        strat.add_row(key, _label(game.actions, action, lang))
    console.print(strat)
    if result.get("analysis"):
        console.print(analysis_table(result["analysis"], lang))


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, list):
        return ", ".join(_value(v, lang) for v in value)
    return _num(value)


def _rows(key: str, value: Any) -> list[tuple[str, Any]]:
    """A mapping's entries as (dotted name, value) rows: `mechanisms.relocation_value`."""
    if isinstance(value, dict):
        return [row for k, v in value.items() for row in _rows(f"{key}.{k}", v)]
    return [(key, value)]


def analysis_table(analysis: Mapping[str, Any], lang: str) -> Table:
    """A game's analysis (credibility, thresholds, mechanisms, ...) as one two-column table."""
    table = Table(title=_t("solve.analysis", lang))
    table.add_column(_t("col.quantity", lang))
    table.add_column(_t("col.value", lang), justify="right")
    for key, value in analysis.items():
        for name, v in _rows(key, value):
            table.add_row(name, _value(v, lang))
    return table


def cases_table(console: Console, game_id: str, rows: Any, lang: str) -> None:
    game = games.get(game_id)
    table = Table(title=game.title[lang])
    for key in ("col.case", "col.observed", "col.model", "col.agrees"):
        table.add_column(_t(key, lang))
    for r in rows.root:
        table.add_row(f"{r.id}: {r.title[lang]}", _label(game.outcomes, r.observed, lang),
                      _label(game.outcomes, r.model, lang), "✓" if r.agrees else "✗")
    console.print(table)


def _names(game: Game, result: dict) -> Mapping[Any, Mapping[str, str]]:
    """Labels of the mapped values: outcomes; actions when the map shows an information set; a
    region's label where it holds; or the regions that hold (`--show regions`)."""
    show = result.get("show", "outcome")
    if show == "outcome":
        return game.outcomes
    region = next((r for r in game.regions if r.name == show), None)
    if region is not None:
        return {True: region.label, False: {"en": "no", "zh": "否"}}
    if show == REGIONS:
        return {cell: region_label(game, cell) for row in result["outcomes"] for cell in row}
    return game.actions


def map_table(console: Console, game_map: Any, lang: str) -> None:
    """The map as a grid of one-letter keys, the highest y at the top (like the figure), and a legend."""
    game = games.get(game_map.game)
    result = game_map.model_dump(mode="json")
    x, y = result["x"], result["y"]
    names = _names(game, result)
    values = list(dict.fromkeys(o for row in result["outcomes"] for o in row))
    keys = {v: chr(ord("A") + i) if i < 26 else str(i) for i, v in enumerate(values)}
    table = Table(title=f"{game.title[lang]}: {y['name']} ↑ × {x['name']} →", box=None, pad_edge=False)
    table.add_column(f"{y['name']} \\ {x['name']}", justify="right")
    for v in x["values"]:
        table.add_column(f"{v:.3g}", justify="center")
    holds = result.get("prediction_holds")
    for j in reversed(range(len(y["values"]))):
        cells = [keys[o] + ("" if holds is None or holds[j][i] is None or holds[j][i] else "✗")
                 for i, o in enumerate(result["outcomes"][j])]
        table.add_row(f"{y['values'][j]:.3g}", *cells)
    console.print(table)
    legend = "; ".join(f"{keys[v]} = {_label(names, v, lang)}" for v in values)
    console.print(legend + ("; ✗ = " + _t("map.fails", lang) if holds is not None else ""), markup=False)
    if result.get("share_holds") is not None:
        console.print(f"{_t('map.holds', lang)}: {result['share_holds']:.3f}")


def robustness_table(console: Console, robustness: Any, lang: str) -> None:
    game = games.get(robustness.game)
    result = robustness.model_dump(mode="json")
    if "regions" in result:
        _regions_table(console, game, result, lang)
        return
    table = Table(title=f"{game.title[lang]} — {_t('robust.title', lang)} "
                        f"(n={result['samples']}, seed={result['seed']})")
    for key in ("col.prediction", "col.samples", "col.holds", "col.instead"):
        table.add_column(_t(key, lang))
    for pred, row in result["by_prediction"].items():
        instead = ", ".join(f"{_label(game.outcomes, o, lang)} {share:.2f}" for o, share in row["outcomes"].items()
                            if o != pred)
        table.add_row(_label(game.outcomes, pred, lang), str(row["samples"]), f"{row['share_holds']:.3f}", instead)
    console.print(table)
    console.print(f"{_t('robust.total', lang)}: {result['share_holds']:.3f}")


def _regions_table(console: Console, game: Game, result: dict, lang: str) -> None:
    fixed = ", ".join(f"{k}={v:g}" for k, v in result["fixed"].items())
    table = Table(title=f"{game.title[lang]} — {_t('regions.title', lang)} (n={result['samples']}, "
                        f"seed={result['seed']}{'; ' + fixed if fixed else ''})")
    for key in ("col.region", "col.share", "col.description"):
        table.add_column(_t(key, lang))
    for region in game.regions:
        table.add_row(region.label[lang], f"{result['regions'][region.name]:.3f}", region.meaning[lang])
    for outcome, share in result["outcomes"].items():
        table.add_row(_label(game.outcomes, outcome, lang), f"{share:.3f}", _t("regions.outcome", lang))
    console.print(table)


def estimate_table(console: Console, estimate: Any, lang: str) -> None:
    game = games.get(estimate.game)
    result = estimate.model_dump(mode="json")
    table = Table(title=f"{game.title[lang]} — {_t('estimate.title', lang)} (n={result['n_cases']})")
    for key in ("col.parameter", "col.estimate", "col.se", "col.note"):
        table.add_column(_t(key, lang))
    for e in result["estimates"]:
        se = "—" if e["std_error"] is None else f"{e['std_error']:.3g}"
        table.add_row(e["name"], f"{e['value']:.4g}", se, _t(f"estimate.{e['note']}", lang) if "note" in e else "")
    console.print(table)
    console.print(f"{_t('estimate.loglik', lang)}: {result['loglik']:.3f}; {_t('estimate.loo', lang)}: "
                  f"{result['loglik_loo']:.3f}; {_t('estimate.uniform', lang)}: {result['loglik_uniform']:.3f}")
    cases = Table()
    for key in ("col.case", "col.observed", "col.fitted", "col.loo"):
        cases.add_column(_t(key, lang))
    for c in result["cases"]:
        cases.add_row(c["id"], _label(game.outcomes, c["observed"], lang), f"{c['probability']:.3f}",
                      f"{c['loo_probability']:.3f}")
    console.print(cases)


# ---- plots ----------------------------------------------------------------------------------------

def plot_map(game_map: Any, path: pathlib.Path, lang: str = "en") -> None:
    """Write the map (`umbrella.lab.GameMap`) to `path` (PNG or SVG)."""
    path = pathlib.Path(path)
    charts().save_figure(map_figure(game_map, charts().plot_language(lang, path.suffix.lower().lstrip("."))), path)


def map_figure(game_map: Any, lang: str = "en"):
    """Outcome regions over the x × y grid; cells where the game's prediction fails are hatched."""
    import numpy as np
    game = games.get(game_map.game)
    result = game_map.model_dump(mode="json")
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch, Rectangle
    plt = charts().pyplot()
    labels = _names(game, result)
    names = [o for o in labels if any(o in row for row in result["outcomes"])]
    names += sorted({o for row in result["outcomes"] for o in row} - set(names))
    codes = np.array([[names.index(o) for o in row] for row in result["outcomes"]], dtype=float)
    xs, ys = np.array(result["x"]["values"]), np.array(result["y"]["values"])
    palette = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]
    fig, ax = plt.subplots(figsize=(7, 5))
    cmap = ListedColormap([palette[i % len(palette)] for i in range(len(names))])

    def edges(v):
        if len(v) == 1:
            return np.array([v[0] - 0.5, v[0] + 0.5])
        mid = (v[1:] + v[:-1]) / 2
        return np.concatenate([[v[0] - (mid[0] - v[0])], mid, [v[-1] + (v[-1] - mid[-1])]])
    ax.pcolormesh(edges(xs), edges(ys), codes, cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, shading="flat")
    holds = result.get("prediction_holds")
    if holds is not None:
        ex, ey = edges(xs), edges(ys)
        for j, row in enumerate(holds):
            for i, h in enumerate(row):
                if h is False:
                    ax.add_patch(Rectangle((ex[i], ey[j]), ex[i + 1] - ex[i], ey[j + 1] - ey[j], fill=False,
                                           hatch="///", lw=0, edgecolor="black"))
    ax.set_xlabel(result["x"]["name"])
    ax.set_ylabel(result["y"]["name"])
    title = game.title[lang] + ("" if result.get("show", "outcome") == "outcome" else f": {result['show']}")
    if result.get("share_holds") is not None:
        title += "\n" + _t("map.hatched", lang).format(share=100 * result["share_holds"])
    ax.set_title(title, fontsize=10)
    ax.legend(handles=[Patch(color=cmap(i), label=labels.get(n, {}).get(lang, n))
                       for i, n in enumerate(names)], loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    return fig


def _layout(root: Node) -> tuple[list[dict], dict[int, tuple[float, float]]]:
    """Nodes in preorder with leaves evenly spaced and parents centred over their children."""
    nodes: list[dict] = []
    pos: dict[int, tuple[float, float]] = {}
    leaf = [0]

    def visit(node, depth, parent, label):
        idx = len(nodes)
        nodes.append({"node": node, "parent": parent, "label": label, "depth": depth})
        kids = []
        if isinstance(node, Decision):
            kids = [(a, c) for a, c in node.actions]
        elif isinstance(node, Chance):
            kids = [(f"{a} ({p:.2g})", c) for a, p, c in node.branches]
        if not kids:
            pos[idx] = (leaf[0], -depth)
            leaf[0] += 1
        else:
            child_ids = [visit(c, depth + 1, idx, a) for a, c in kids]
            pos[idx] = (sum(pos[c][0] for c in child_ids) / len(child_ids), -depth)
        return idx
    visit(root, 0, None, "")
    return nodes, pos


def plot_tree(solved: Any, path: pathlib.Path) -> None:
    """The game tree (`umbrella.lab.GameTree`): decision nodes by player, chance nodes, payoffs at the
    leaves, information sets as dashed lines, equilibrium actions in bold."""
    game, root, strategy = games.get(solved.game), solved.root, solved.strategy
    plt = charts().pyplot()
    nodes, pos = _layout(root)
    players = [p.name for p in game.players]
    leaves = sum(1 for n in nodes if isinstance(n["node"], Terminal))
    depth = max(n["depth"] for n in nodes)
    fig, ax = plt.subplots(figsize=(max(6, 1.3 * leaves), 1.6 * (depth + 1) + 1))
    colours = ["#4c72b0", "#c44e52", "#55a868", "#8172b3"]
    infosets: dict[str, list[int]] = {}
    for i, n in enumerate(nodes):
        node, (x, y) = n["node"], pos[i]
        if n["parent"] is not None:
            px, py = pos[n["parent"]]
            parent = nodes[n["parent"]]["node"]
            chosen = isinstance(parent, Decision) and strategy.get(f"{parent.player}:{parent.infoset}") == n["label"]
            ax.plot([px, x], [py, y], color="black", lw=2.2 if chosen else 0.8, zorder=1)
            ax.text(px + 0.6 * (x - px), py + 0.6 * (y - py), n["label"], fontsize=7, ha="center", va="bottom",
                    fontweight="bold" if chosen else "normal",
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))
        if isinstance(node, Decision):
            colour = colours[players.index(node.player) % len(colours)]
            ax.scatter([x], [y], s=120, color=colour, zorder=3)
            ax.text(x, y + 0.18, node.player, fontsize=8, ha="center", color=colour)
            infosets.setdefault(f"{node.player}:{node.infoset}", []).append(i)
        elif isinstance(node, Chance):
            ax.scatter([x], [y], s=120, facecolor="white", edgecolor="black", zorder=3)
            ax.text(x, y + 0.18, "nature", fontsize=8, ha="center")
        else:
            pays = "\n".join(f"{p[:3]} {node.payoffs[p]:.3g}" for p in players)
            ax.text(x, y - 0.12, f"{node.outcome}\n{pays}", fontsize=6.5, ha="center", va="top")
    for members in infosets.values():
        if len(members) > 1:
            xs = [pos[i][0] for i in members]
            ys = [pos[i][1] for i in members]
            ax.plot(xs, ys, ls="--", color="grey", lw=1, zorder=2)
    ax.set_title(game.title["en"], fontsize=10)
    ax.set_ylim(-depth - 1.3, 0.6)
    ax.axis("off")
    charts().save_figure(fig, path)
