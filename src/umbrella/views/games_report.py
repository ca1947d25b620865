"""The games section of the HTML report: what the solved games say, as tables and embedded plots."""
from __future__ import annotations


from umbrella import games
from umbrella.games.analysis import outcome_map, parse_axis, prediction_share
from umbrella.views.i18n import t
from umbrella.views.figures import embedded_drawing
from umbrella.views.report import Section, esc, html_table, per_lang

CELLS = [(1, 1), (1, 0), (0, 1), (0, 0)]
# Two maps that answer what 004 leaves open: against how firm a host (its domestic cost d) and at
# what relocation cost the US concedes in NATO rather than persuades, and how large the cohesion
# cost of pressure must be for it to persuade rather than pressure.
MAPS = [({"alt": 1, "multilateral": 1}, "c_alt:0:10:21", "d:0:10:21"),
        ({"alt": 0, "multilateral": 1}, "cohesion_premium:0:15:16", "d:0:10:21")]


def games_data(samples: int = 1000, seed: int = 1) -> dict:
    """Everything the report shows about the games (plain dict)."""
    bargaining = games.get("deployment-bargaining")
    cells = []
    for alt, mult in CELLS:
        result = bargaining.solve({"alt": alt, "multilateral": mult}, analyse=False)
        predicted = bargaining.prediction(result.params) if bargaining.prediction else None
        cells.append({"alt": alt, "multilateral": mult, "outcome": result.outcome, "predicted": predicted,
                      "path": list(result.path)})
    cases = []
    for c in bargaining.cases.values():
        outcome = bargaining.solve(c.params, analyse=False).outcome
        cases.append({"id": c.id, "observed": c.observed, "model": outcome, "agrees": outcome == c.observed})
    robustness = prediction_share(bargaining, samples, seed)
    maps = []
    for fixed, x, y in MAPS:
        result = outcome_map(bargaining, parse_axis(bargaining, x, "--x"), parse_axis(bargaining, y, "--y"), fixed)
        result.pop("warnings", None)
        maps.append(result)
    udg = games.get("unilateral-deterrence").solve({}).to_dict()
    ed = games.get("extended-deterrence")
    extended = ed.solve({}).to_dict()
    primary = ed.solve({"extended": 0}).to_dict()
    return {"cells": cells, "cases": cases, "robustness": robustness, "maps": maps,
            "udg": {"params": udg["params"], "threshold": udg.get("analysis", {}).get("threshold_p_hard")},
            "extended": extended.get("analysis", {}), "primary": primary.get("analysis", {})}


def games_section(data: dict) -> Section:
    from umbrella.views.game_views import plot_map
    bargaining = games.get("deployment-bargaining")
    figures = "".join(embedded_drawing(lambda path, m=m: plot_map(bargaining, m, path)) for m in data["maps"])

    def body(lang: str) -> str:
        zh = lang == "zh"
        cells = html_table(
            ["alt", "multilateral", "004 Table 1" if not zh else "表1预测", "equilibrium" if not zh else "均衡结果"],
            [(c["alt"], c["multilateral"], t(c["predicted"] or "—", lang), t(c["outcome"], lang)) for c in data["cells"]])
        cases = html_table(["case" if not zh else "案例", "observed" if not zh else "观察到的",
                            "model" if not zh else "模型", "agrees" if not zh else "一致"],
                           [(c["id"], t(c["observed"], lang), t(c["model"], lang), "✓" if c["agrees"] else "✗")
                            for c in data["cases"]])
        r = data["robustness"]
        share = "—" if r["share_holds"] is None else f"{100 * r['share_holds']:.0f}%"
        robust = html_table(["prediction" if not zh else "预测", "share holds" if not zh else "成立比例"],
                            [(t(k, lang), f"{100 * v['share_holds']:.0f}%") for k, v in r["by_prediction"].items()])
        e, p = data["extended"], data["primary"]
        cred = html_table(
            ["", "conventional" if not zh else "常规回应", "nuclear" if not zh else "核回应",
             "deterred" if not zh else "对手被慑止", "ally assured" if not zh else "盟友获安抚"],
            [("extended" if not zh else "延伸威慑", e.get("credibility", {}).get("conventional"),
              e.get("credibility", {}).get("nuclear"), e.get("deterred"), e.get("ally_assured")),
             ("primary" if not zh else "基本威慑", p.get("credibility", {}).get("conventional"),
              p.get("credibility", {}).get("nuclear"), p.get("deterred"), p.get("ally_assured"))])
        thr = data["udg"]["threshold"]
        intro = ("Seed 004's typology formalised as a bargaining game (deployment-bargaining), solved by backward "
                 "induction at the documented defaults, for each cell of Table 1 and for the four seed cases."
                 if not zh else "将004号文献的类型学形式化为讨价还价博弈（deployment-bargaining），"
                 "在文档化的默认参数下用逆向归纳求解表1的四个单元格及四个种子案例。")
        return (f"<p>{esc(intro)}</p>{cells}{cases}"
                f"<p>{esc('Share of the declared parameter box where Table 1 holds' if not zh else '表1在参数空间中成立的比例')}"
                f": <b>{esc(share)}</b> (n = {r['samples']}, seed {r['seed']})</p>{robust}{figures}"
                f"<h3>{esc('Credibility of extended deterrence' if not zh else '延伸威慑的可信度')}</h3>{cred}"
                f"<p>{esc('Healey thresholds' if not zh else '希利门槛')}: deterrence p ≥ "
                f"{e.get('deterrence_threshold', float('nan')):.2f}, assurance p ≥ {e.get('assurance_threshold', float('nan')):.2f}</p>"
                f"<p>unilateral-deterrence: {esc('challenger challenges below' if not zh else '挑战者在以下可信度时发起挑战')} "
                f"p_hard = {'—' if thr is None else f'{thr:.3f}'}</p>")

    return Section("games", {"en": "Formal models", "zh": "博弈模型"}, per_lang(body))
