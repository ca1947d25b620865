"""Tables and plots of theory tests, seed 004's Table 1 with cases, theory comparison and QCA.

Views only render results of `umbrella.lab` (their JSON documents). Tables are bilingual. Plots are bilingual where
a CJK font is installed; without one, a zh SVG keeps its text as text (a browser renders it) and a
zh PNG falls back to English labels with a warning, rather than drawing empty boxes.
"""
from __future__ import annotations

import pathlib
from typing import Any, Optional

from rich.console import Console
from rich.table import Table

from umbrella.views import charts, document
from umbrella.views.i18n import both, t

LABELS: dict[str, dict[str, str]] = {
    "theories.title": {"en": "Theories", "zh": "理论"},
    "col.id": {"en": "id", "zh": "编号"},
    "col.name": {"en": "name", "zh": "名称"},
    "col.outcome": {"en": "outcome", "zh": "结果变量"},
    "col.conditions": {"en": "conditions", "zh": "条件"},
    "col.case": {"en": "case", "zh": "案例"},
    "col.predicted": {"en": "predicted", "zh": "预测"},
    "col.observed": {"en": "observed", "zh": "观察结果"},
    "col.match": {"en": "match", "zh": "一致"},
    "col.note": {"en": "note", "zh": "说明"},
    "col.rank": {"en": "rank", "zh": "排名"},
    "col.theory": {"en": "theory", "zh": "理论"},
    "col.n_scored": {"en": "cases scored", "zh": "计分案例数"},
    "col.accuracy": {"en": "accuracy (conceded or not)", "zh": "准确率(是否让步)"},
    "col.lower95": {"en": "95% lower bound", "zh": "95%下限"},
    "col.interval": {"en": "Wilson 95% interval", "zh": "威尔逊95%区间"},
    "col.mcnemar": {"en": "paired with the typology: hits (this : typology), exact McNemar p",
                    "zh": "与类型学配对:命中数(本理论:类型学),精确McNemar检验p值"},
    "col.native": {"en": "own-outcome accuracy", "zh": "原结果准确率"},
    "col.flips": {"en": "flipped by", "zh": "改变预测的编码"},
    "col.drivers": {"en": "driven by", "zh": "驱动条件"},
    "summary.accuracy": {"en": "accuracy on scored cases", "zh": "计分案例准确率"},
    "summary.confusion": {"en": "confusion matrix (rows observed, columns predicted)",
                          "zh": "混淆矩阵(行:观察,列:预测)"},
    "summary.not_scored": {"en": "not scored", "zh": "未计分"},
    "summary.forecasts": {"en": "forecasts for open cases", "zh": "未决案例的预测"},
    "compare.title": {"en": "Theories compared on the coded cases (binary: did the US concede?)",
                      "zh": "各理论在编码案例上的比较(二元:美国是否让步)"},
    "table.title": {"en": "Seed 004, Table 1: alternative deployment × alliance structure, with the coded cases",
                    "zh": "种子文献004表1:核部署方式的可替代性 × 核同盟结构(含编码案例)"},
    "table.unplaced": {"en": "not placed (condition not coded)", "zh": "未归入(条件未编码)"},
    "true": {"en": "yes", "zh": "是"},
    "false": {"en": "no", "zh": "否"},
    "open": {"en": "open", "zh": "未决"},
    "out_of_scope": {"en": "outside premise", "zh": "不在前提内"},
    "conceded": {"en": "conceded", "zh": "让步"},
    "not_conceded": {"en": "not conceded", "zh": "未让步"},
    "reason.outside_scope": {"en": "outside the premise", "zh": "不在理论前提内"},
    "reason.open": {"en": "open: forecast", "zh": "未决:仅预测"},
    "reason.not_coded": {"en": "not coded", "zh": "未编码"},
    "reason.crossover": {"en": "coded at 0.5", "zh": "编码为0.5"},
    "reason.no_rule": {"en": "no rule matches", "zh": "无匹配规则"},
    "reason.undetermined": {"en": "strategy undetermined", "zh": "策略未定"},
    "qca.truth_table": {"en": "Truth table", "zh": "真值表"},
    "qca.solution": {"en": "Solution", "zh": "解"},
    "qca.ambiguity": {"en": "model ambiguity: {n} equally short solutions", "zh": "模型模糊:{n}个同样简短的解"},
}


def _t(key: str, lang: str) -> str:
    return t(key, lang, LABELS) if key in LABELS else t(key, lang)


def _num(x: Any) -> str:
    return "" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def outcome_label(value: Any, lang: str) -> str:
    if value is None:
        return _t("open", lang)
    if isinstance(value, bool):
        return _t("conceded" if value else "not_conceded", lang)
    return t(str(value), lang)


def _mark(match: Optional[bool]) -> str:
    return "✓" if match is True else "✗" if match is False else "·"


# ---- tables -------------------------------------------------------------------------------------

def theory_list(console: Console, theories: list[dict], lang: str) -> None:
    table = Table(title=_t("theories.title", lang))
    for key in ("col.id", "col.name", "col.outcome", "col.conditions"):
        table.add_column(_t(key, lang))
    for th in theories:
        table.add_row(th["id"], th["name"][lang], th["outcome"], ", ".join(th["conditions"]))
    console.print(table)


def theory_test(console: Console, result: dict, lang: str) -> None:
    names = list(result["cases"][0]["conditions"]) if result["cases"] else []
    table = Table(title=f"{result['name'][lang]} ({result['theory']})")
    table.add_column(_t("col.case", lang), no_wrap=True)
    for n in names:
        table.add_column(n)
    for key in ("col.predicted", "col.observed", "col.match", "col.note"):
        table.add_column(_t(key, lang))
    for c in result["cases"]:
        vals = [_num(c["conditions"][n]) if not isinstance(c["conditions"][n], bool)
                else _t(str(c["conditions"][n]).lower(), lang) for n in names]
        note = _reason(c, lang)
        if c["observed"] is None and c["flips"]:
            note += "; " + _t("col.flips", lang) + ": " + ", ".join(f["condition"] for f in c["flips"])
        table.add_row(c["id"], *vals, outcome_label(c["predicted"], lang) if c["predicted"] is not None else "—",
                      outcome_label(c["observed"], lang), _mark(c["match"]), note)
    console.print(table)
    s = result["summary"]
    acc = "—" if s["accuracy"] is None else f"{s['n_match']}/{s['n_scored']} = {s['accuracy']:.3f}"
    console.print(f"{_t('summary.accuracy', lang)}: {acc}")
    conf = Table(title=_t("summary.confusion", lang))
    cols = list(next(iter(s["confusion"].values()), {}))
    conf.add_column("")
    for p in cols:
        conf.add_column(outcome_label(_value(p), lang), justify="right")
    for o, row in s["confusion"].items():
        conf.add_row(outcome_label(_value(o), lang), *[str(row[p]) for p in cols])
    console.print(conf)
    if s["not_scored"]:
        console.print(f"{_t('summary.not_scored', lang)}: " + "; ".join(
            f"{x['id']} ({_t('reason.' + x['reason_code'], lang)})" for x in s["not_scored"]))


def _reason(case: dict, lang: str) -> str:
    code = case.get("reason_code")
    if code is None:
        return ""
    missing = [k for k, v in case["conditions"].items() if v is None] if code == "not_coded" else []
    return _t(f"reason.{code}", lang) + (": " + ", ".join(missing) if missing else "")


def _value(key: str) -> Any:
    return {"true": True, "false": False}.get(key, key)


def compare_table(console: Console, result: dict, lang: str) -> None:
    table = Table(title=_t("compare.title", lang))
    for key, just in (("col.rank", "right"), ("col.theory", "left"), ("col.n_scored", "right"),
                      ("col.accuracy", "right"), ("col.interval", "right"), ("col.mcnemar", "right"),
                      ("col.native", "right")):
        table.add_column(_t(key, lang), justify=just)
    for r in result["theories"]:
        table.add_row(str(r["rank"]), f"{r['name'][lang]} ({r['theory']})", str(r["n_scored"]),
                      _num(r["accuracy"]), _interval(r), _paired(r),
                      f"{_num(r['native_accuracy'])} (n={r['native_n_scored']})")
    console.print(table)


def _interval(row: dict) -> str:
    return "" if row["accuracy_lower95"] is None else f"{row['accuracy_lower95']:.2f}–{row['accuracy_upper95']:.2f}"


def _paired(row: dict) -> str:
    """`12 : 13 of 14, p=1`: this theory's hits, then the typology's, on the cases both score."""
    v = row.get("versus_typology")
    if not v:
        return "—"
    return f"{v['versus_hits']} : {v['hits']} of {v['n_paired']}, p={v['p_value']:.2g}"


def forecast_table(console: Console, result: dict, lang: str) -> None:
    table = Table(title=_t("summary.forecasts", lang))
    for key in ("col.case", "col.theory", "col.predicted", "col.drivers", "col.flips"):
        table.add_column(_t(key, lang), no_wrap=key == "col.case")
    for f in result["forecasts"]:
        flips = [f"{x['condition']}→{outcome_label(x['predicted'], lang) if x['predicted'] is not None else '—'}"
                 for x in f["flips"]]
        flips += [f"{x['condition']}? {outcome_label(x['if_true'], lang)}/{outcome_label(x['if_false'], lang)}"
                  for x in f["if_coded"]]
        table.add_row(f["id"], f["theory"], outcome_label(f["predicted"], lang) if f["predicted"] is not None else "—",
                      ", ".join(f"{k}={_num(f['conditions'][k])}" for k in f["drivers"]), "; ".join(flips))
    console.print(table)


def typology_cells(console: Console, data: dict, lang: str) -> None:
    """Table 1 as a grid: one row per value of the row condition, one column per column value."""
    cols = [c for c in dict.fromkeys(cell["column"] for cell in data["cells"])]
    table = Table(title=_t("table.title", lang) if data["theory"] == "deployment-typology" else data["name"][lang],
                  show_lines=True)
    table.add_column(data["row_label"][lang])
    for cv in cols:
        head = f"{data['column_label'][lang]}: {_t(str(cv).lower(), lang)}" if cv is not None else ""
        table.add_column(head)
    for rv in (True, False):
        cells = []
        for cv in cols:
            cell = next(c for c in data["cells"] if c["row"] is rv and c["column"] == cv)
            head = cell["label"][lang] if cell["label"] else outcome_label(cell["predicted"], lang)
            lines = [f"[bold]{head}[/bold]"]
            for case in cell["cases"]:
                obs = (_t("out_of_scope", lang) if case["reason_code"] == "outside_scope"
                       else outcome_label(case["observed"], lang))
                lines.append(f"{_mark(case['match'])} {case['id']} → {obs}")
            cells.append("\n".join(lines))
        table.add_row(_t(str(rv).lower(), lang), *cells)
    console.print(table)
    if data["unplaced"]:
        console.print(f"{_t('table.unplaced', lang)}: " + ", ".join(u["id"] for u in data["unplaced"]))


def truth_table(console: Console, rows: list[dict], conditions: list[str], outcome: str, lang: str) -> None:
    table = Table(title=f"{_t('qca.truth_table', lang)}: {outcome}")
    table.add_column("row", justify="right")
    for c in conditions:
        table.add_column(c, justify="center")
    for key in ("OUT", "n", "incl", "PRI", "cases"):
        table.add_column(key, justify="right" if key != "cases" else "left")
    for r in rows:
        table.add_row(str(r["row"]), *[str(r["values"][c]) for c in conditions], str(r["OUT"]), str(r["n"]),
                      _num(r["incl"]), _num(r["PRI"]), ", ".join(r["cases"]))
    console.print(table)


def minimization(console: Console, result: dict, lang: str) -> None:
    if result["note"]:
        console.print(result["note"])
    if result["model_ambiguity"]:
        console.print(_t("qca.ambiguity", lang).format(n=result["n_solutions"]))
    for i, s in enumerate(result["solutions"], 1):
        console.print(solution_table(f"{_t('qca.solution', lang)} M{i} ({s['kind']}"
                                     f"{', ' + s['label'] if s['kind'] == 'intermediate' else ''}): "
                                     f"{s['expression']} → {result['outcome']}", s, f"M{i}"))


def solution_table(title: str, s: dict, name: str) -> Table:
    """An expression's terms with their parameters of fit (inclS, PRI, covS, covU) and cases, and the
    whole expression's fit in the last row."""
    table = Table(title=title)
    table.add_column("term", no_wrap=True)
    for key in ("inclS", "PRI", "covS", "covU"):
        table.add_column(key, justify="right", no_wrap=True)
    table.add_column("cases")
    for term in s["terms"]:
        table.add_row(term["term"], _num(term["inclS"]), _num(term["PRI"]), _num(term["covS"]), _num(term["covU"]),
                      ", ".join(term["cases"]))
    table.add_row(name, _num(s["inclS"]), _num(s["PRI"]), _num(s["covS"]), "", "", end_section=True)
    return table


def calibrated_table(console: Console, result: Any) -> None:
    """`qca calibrate`: each case's raw value and its calibrated membership."""
    table = Table(title=f"{result.column}: {', '.join(f'{x:g}' for x in result.thresholds)} (idm {result.idm:g})")
    for key in ("case", "raw", "membership"):
        table.add_column(key, justify="left" if key == "case" else "right")
    for r in result.values:
        table.add_row(r.case, f"{r.raw:g}", f"{r.membership:.3f}")
    console.print(table)


def expression_fit(console: Console, result: dict, lang: str) -> None:
    """`qca fit`: the expression as sufficient for the outcome."""
    console.print(solution_table(f"{result['expression']} → {result['outcome']}", result, result["expression"]))


# ---- plots --------------------------------------------------------------------------------------

def _save(fig, path: pathlib.Path) -> None:
    charts().save_figure(fig, pathlib.Path(path), dpi=150)


def plot_typology(data: dict, path: pathlib.Path, lang: str) -> None:
    path = pathlib.Path(path)
    _save(typology_figure(data, charts().plot_language(lang, path.suffix.lower().lstrip("."))), path)


def typology_figure(data: dict, lang: str):
    """Table 1 as a 2×2 grid of cells; each case in its cell, green where the observed strategy
    matches the cell's prediction, red where not, grey where open or outside the premise."""
    plt = charts().pyplot()
    cols = list(dict.fromkeys(c["column"] for c in data["cells"]))
    fig, axes = plt.subplots(2, len(cols), figsize=(5.2 * len(cols), 6.4), squeeze=False)
    for i, rv in enumerate((True, False)):
        for j, cv in enumerate(cols):
            ax = axes[i][j]
            cell = next(c for c in data["cells"] if c["row"] is rv and c["column"] == cv)
            ax.set_xticks([])
            ax.set_yticks([])
            head = cell["label"][lang] if cell["label"] else outcome_label(cell["predicted"], lang)
            ax.text(0.03, 0.95, head, fontsize=11, weight="bold", va="top", transform=ax.transAxes)
            for k, case in enumerate(cell["cases"]):
                color = {True: "#1a7f37", False: "#cf222e"}.get(case["match"], "#6e7781")
                obs = (_t("out_of_scope", lang) if case["reason_code"] == "outside_scope"
                       else outcome_label(case["observed"], lang))
                ax.text(0.05, 0.83 - k * 0.085, f"{_mark(case['match'])} {case['id']}: {obs}", fontsize=8,
                        color=color, va="top", transform=ax.transAxes)
            if j == 0:
                ax.set_ylabel(f"{data['row_label'][lang]}: {_t(str(rv).lower(), lang)}", fontsize=9)
            if i == 0 and cv is not None:
                ax.set_title(f"{data['column_label'][lang]}: {_t(str(cv).lower(), lang)}", fontsize=9)
    fig.suptitle(_t("table.title", lang) if data["theory"] == "deployment-typology" else data["name"][lang],
                 fontsize=11)
    return fig


def plot_compare(result: dict, path: pathlib.Path, lang: str) -> None:
    path = pathlib.Path(path)
    _save(compare_figure(result, charts().plot_language(lang, path.suffix.lower().lstrip("."))), path)


def compare_figure(result: dict, lang: str):
    """Binary accuracy of each theory with its Wilson 95% lower bound and the number of cases."""
    plt = charts().pyplot()
    rows = result["theories"]
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(rows) + 1.5))
    ys = list(range(len(rows)))[::-1]
    acc = [r["accuracy"] or 0 for r in rows]
    scored = [(y, r["accuracy_lower95"]) for y, r in zip(ys, rows) if r["accuracy_lower95"] is not None]
    ax.barh(ys, acc, color="#54aeff", label=_t("col.accuracy", lang))
    ax.scatter([s[1] for s in scored], [s[0] for s in scored], color="#0a3069", marker="|", s=200,
               label=_t("col.lower95", lang), zorder=3)
    for y, r in zip(ys, rows):
        ax.text(1.07, y, f"n={r['n_scored']}", va="center", fontsize=8, transform=ax.get_yaxis_transform())
    ax.set_yticks(ys, [r["name"][lang] for r in rows], fontsize=8)
    ax.set_xlim(0, 1.05)
    ax.set_xlabel(_t("col.accuracy", lang))
    ax.set_title(_t("compare.title", lang), fontsize=10)
    ax.legend(fontsize=7, loc="lower right")
    return fig


# ---- report -------------------------------------------------------------------------------------

REPORT_LABELS: dict[str, dict[str, str]] = {
    "scores": {"en": "Two scores, two questions. The four-way score asks whether a theory predicted the US strategy "
                     "itself (concede, concede and punish, persuade or pressure): seed 004's typology gets {hits} of "
                     "{n} cases right ({four:.2f}). The binary score asks only whether the US conceded (concede or "
                     "concede and punish, against persuade or pressure); every theory can be scored on that, so the "
                     "theories are compared on it, and the typology gets {bhits} of {bn} ({binary:.2f}). The gap is "
                     "the cases where the typology foresaw the concession but not whether the US punished the host.",
               "zh": "两种计分，回答两个问题。四分类计分看理论是否预测对了美国的策略本身（让步、让步并惩罚、说服或施压）："
                     "004号文献的类型学在 {n} 个案例中对了 {hits} 个（{four:.2f}）。二元计分只看美国是否让步（让步或让步并"
                     "惩罚，相对于说服或施压）；所有理论都能按此计分，因此理论之间按二元计分比较，类型学为 {bn} 个中对 "
                     "{bhits} 个（{binary:.2f}）。两者之差来自类型学预见到让步、却没有预见美国是否惩罚东道国的案例。"},
    "cases_more": {"en": "every scored case ({n})", "zh": "全部计分案例（{n}）"},
    "table_alt": {"en": "Four panels, one per cell of seed 004's Table 1 (alternative deployment × alliance structure), "
                        "each listing the coded cases in it: {hits} matches (green), {misses} misses (red), {other} open "
                        "or outside the premise (grey).",
                  "zh": "四个面板，对应004号文献表1的四个单元格（可替代部署 × 同盟结构），各列出其中的编码案例："
                        "{hits} 个一致（绿色），{misses} 个不一致（红色），{other} 个未决或不在前提内（灰色）。"},
    "table_caption": {"en": "Seed 004's Table 1 with each coded dispute in its cell (four-way score). Source: the {n} "
                            "dispute records of the evidence base; the rule set is theories/deployment-typology.yaml.",
                      "zh": "004号文献表1，每个编码的核部署分歧案例置于其单元格（四分类计分）。来源：证据库中的 {n} 条分歧记录；"
                            "规则见 theories/deployment-typology.yaml。"},
    "compare_alt": {"en": "Horizontal bar chart of binary accuracy for {k} theories, best {best} ({acc:.2f}); a tick "
                          "marks each theory's Wilson 95% lower bound; the number of cases scored is at the right.",
                    "zh": "{k} 个理论二元准确率的横向条形图，最高为 {best}（{acc:.2f}）；刻度线为威尔逊95%下限；"
                          "右侧为计分案例数。"},
    "compare_caption": {"en": "Binary accuracy (did the US concede?) of each declared theory on the coded cases it "
                              "can score, with the Wilson 95% lower bound. Source: the evidence base's disputes; "
                              "theories in theories/*.yaml.",
                        "zh": "各理论在其可计分的编码案例上的二元准确率（美国是否让步），及威尔逊95%下限。来源：证据库中的"
                              "分歧案例；理论见 theories/*.yaml。"},
}


def _r(key: str, lang: str) -> str:
    return t(key, lang, REPORT_LABELS)


def report_section(report: Any):
    """The theories section of the HTML report (`umbrella.lab.theory.TheoryReport`): the four-way and
    binary scores explained, Table 1 with the cases, forecasts, the theories compared."""
    from umbrella.views.report import Section, esc, html_table, long_table, per_lang
    data = document(report)
    data["forecasts"] = data["typology"]["summary"]["forecasts"]
    s = data["typology"]["summary"]
    typology = next((r for r in data["compare"]["theories"] if r["theory"] == data["typology"]["theory"]), None)
    scored = data["typology"]["cases"]
    marks = [c["match"] for c in scored]
    table_facts = {"hits": marks.count(True), "misses": marks.count(False), "other": marks.count(None), "n": len(scored)}
    best = data["compare"]["theories"][0] if data["compare"]["theories"] else None

    def body(lang: str) -> str:
        plot_lang = charts().plot_language(lang)
        table_fig = charts().embedded_png(typology_figure(data["table"], plot_lang), _r("table_alt", lang).format(
            **table_facts), _r("table_caption", lang).format(**table_facts))
        compare_fig = charts().embedded_png(compare_figure(data["compare"], plot_lang), _r("compare_alt", lang).format(
            k=len(data["compare"]["theories"]), best=best["name"][lang] if best else "—",
            acc=(best or {}).get("accuracy") or 0), _r("compare_caption", lang))
        scores = ""
        if s["accuracy"] is not None and typology is not None and typology["accuracy"] is not None:
            scores = _r("scores", lang).format(hits=s["n_match"], n=s["n_scored"], four=s["accuracy"],
                                               bhits=round(typology["accuracy"] * typology["n_scored"]),
                                               bn=typology["n_scored"], binary=typology["accuracy"])
        cases = long_table(
            [_t(k, lang) for k in ("col.case", "col.predicted", "col.observed", "col.match", "col.note")],
            [[c["id"], outcome_label(c["predicted"], lang) if c["predicted"] is not None else "—",
              outcome_label(c["observed"], lang), _mark(c["match"]), _reason(c, lang)] for c in scored],
            _r("cases_more", lang).format(n=len(scored)), shown=0)
        ranking = html_table(
            [_t(k, lang) for k in ("col.rank", "col.theory", "col.n_scored", "col.accuracy", "col.interval",
                                   "col.mcnemar", "col.native")],
            [[r["rank"], r["name"][lang], r["n_scored"], _num(r["accuracy"]), _interval(r), _paired(r),
              f"{_num(r['native_accuracy'])} (n={r['native_n_scored']})"] for r in data["compare"]["theories"]])
        fc = html_table(
            [_t(k, lang) for k in ("col.case", "col.predicted", "col.drivers", "col.flips")],
            [[f["id"], outcome_label(f["predicted"], lang), ", ".join(f["drivers"]),
              "; ".join(f"{x['condition']} → {outcome_label(x['predicted'], lang)}" for x in f["flips"])]
             for f in data["forecasts"]])
        return (f"<p>{esc(scores)}</p>{table_fig}{cases}"
                f"<h3>{esc(_t('summary.forecasts', lang))}</h3>{fc}"
                f"<h3>{esc(_t('compare.title', lang))}</h3>{compare_fig}{ranking}")

    return Section("theory", both("section.theory"), per_lang(body))
