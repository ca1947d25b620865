"""The claims ledger for people: what the laboratory found and what it took as given.

Renders a `umbrella.lab.ClaimsResult` (the rows and `summary.table` of `umbrella.claims`): the headline,
the table per seed (corroborated / recorded / derived / assumed / conditional / fails / not
modelled, definitions apart), and every claim with its status, basis and what carries it.
"""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from umbrella.views.i18n import both, t

LABELS: dict[str, dict[str, str]] = {
    "claims.title": {"en": "Claims ledger: do the models reproduce the seeds' claims?",
                     "zh": "论断台账：模型能否复现种子文献的论断？"},
    "claims.tally": {"en": "claims", "zh": "条论断"},
    "claims.modelled": {"en": "modelled", "zh": "已建模"},
    "claims.by_seed": {"en": "What the laboratory found and what it took as given, per seed",
                       "zh": "各种子文献：实验室得出的与直接采信的"},
    "col.id": {"en": "id", "zh": "编号"},
    "col.status": {"en": "status", "zh": "状态"},
    "col.share": {"en": "share holds (prior)", "zh": "成立比例（先验）"},
    "col.basis": {"en": "basis", "zh": "依据"},
    "col.without": {"en": "share without own seed", "zh": "去除本文机制后成立比例"},
    "col.check": {"en": "check", "zh": "检验方式"},
    "col.claim": {"en": "claim", "zh": "论断（英文概述）"},
    "col.fails_when": {"en": "fails when", "zh": "不成立区域"},
    "col.carried": {"en": "carried by", "zh": "依托"},
    "col.reason": {"en": "detail / reason", "zh": "说明 / 原因"},
    "col.found": {"en": "found", "zh": "得出"},
    "col.given": {"en": "given", "zh": "采信"},
    "holds": {"en": "holds", "zh": "成立"},
    "fails": {"en": "fails", "zh": "不成立"},
    "conditional": {"en": "conditional", "zh": "有条件成立"},
    "not_modelled": {"en": "not modelled", "zh": "未建模"},
    "corroborated": {"en": "corroborated", "zh": "独立佐证"},
    "recorded": {"en": "recorded", "zh": "仅有记录"},
    "derived": {"en": "derived", "zh": "推导得出"},
    "assumed": {"en": "assumed", "zh": "假定"},
    "definition": {"en": "definition", "zh": "定义"},
}
STYLE = {"holds": "green", "fails": "red", "conditional": "yellow", "not_modelled": "dim"}
HEADLINE = {
    "en": ("Of the {holds} claims of the seeds that hold, the laboratory derived or corroborated {found} "
           "(derived {derived}, corroborated {corroborated}) and took {given} as given (recorded {recorded}, "
           "assumed {assumed}); {definition} more are definitions, reported apart. {conditional} claims are "
           "conditional, {fails} fail and {not_modelled} are not modelled."),
    "zh": ("在成立的 {holds} 条种子论断中，实验室推导得出或独立佐证了 {found} 条（推导 {derived}，佐证 {corroborated}），"
           "直接采信了 {given} 条（仅有记录 {recorded}，假定 {assumed}）；另有 {definition} 条为定义，单独列出。"
           "{conditional} 条有条件成立，{fails} 条不成立，{not_modelled} 条未建模。"),
}
NOT_JUDGED = {"en": " (Model checks were not ablated in this run: {holds_unjudged} holding model checks have no basis.)",
              "zh": "（本次未做消融：{holds_unjudged} 条成立的模型检验没有依据。）"}


def headline(table: dict, lang: str) -> str:
    """The sentence the report and the dashboard lead with."""
    total = table["total"]
    counts = {k: total.get(k, 0) for k in ("found", "given", "derived", "corroborated", "recorded", "assumed",
                                           "definition", "conditional", "fails", "not_modelled")}
    counts["holds"] = sum(total.get(k, 0) for k in ("corroborated", "recorded", "derived", "assumed", "holds"))
    text = HEADLINE[lang].format(**counts)
    if total.get("holds"):
        text += NOT_JUDGED[lang].format(holds_unjudged=total["holds"])
    return text


def _box(box: dict | None) -> str:
    if not box:
        return ""
    return "; ".join(f"{name} ∈ [{lo:g}, {hi:g}]" for name, (lo, hi) in box.items())


def _fraction(x: Any) -> str:
    return "" if x is None else f"{x:.2f}"


def _carried(row: Any) -> list[str]:
    """Record ids (with their independent sources marked) and the parameters whose removal lowers the claim."""
    carried = row.carried_by
    if carried is None:
        return []
    return ([r.id + (" †" if r.independent else "") for r in carried.records]
            + [f"{p.model}.{p.parameter}" + ("!" if p.flips else "") for p in carried.parameters])


def seed_rows(table: Any, lang: str) -> tuple[list[str], list[list]]:
    """The per-seed table of bases (`umbrella.lab.claims.SeedTable`) as a header and rows, the total last."""
    columns = table.columns
    header = [t("col.seed", lang, SECTION_LABELS)] + [t(c, lang, LABELS) if c in LABELS else c for c in columns] \
        + [t(k, lang, LABELS) for k in ("col.found", "col.given")] + [t("col.total", lang, SECTION_LABELS)]
    rows = [[s["seed"]] + [s.get(c, 0) for c in columns] + [s["found"], s["given"], s["total"]]
            for s in table.seeds + [table.total]]
    return header, rows


def tally_line(result: Any, lang: str) -> str:
    """`N claims: holds a, ...; modelled x%` of a `umbrella.lab.ClaimsResult`."""
    summary = result.summary
    counts = ", ".join(f"{t(k, lang, LABELS)} {v}" for k, v in sorted(summary.counts.items()))
    return (f"{summary.n} {t('claims.tally', lang, LABELS)}: {counts}; "
            f"{t('claims.modelled', lang, LABELS)} {summary.modelled_share:.0%}")


def _share(row: Any) -> str:
    """The share under the posterior, with the prior's in brackets where the check uses model draws."""
    if row.share_holds is None:
        return ""
    if getattr(row, "parameters_from", None) == "posterior" and row.share_holds_prior is not None:
        return f"{row.share_holds:.2f} ({row.share_holds_prior:.2f})"
    return f"{row.share_holds:.2f}"


def print_claims(result: Any, lang: str, console: Console | None = None) -> None:
    """The headline, the per-seed table of bases, every claim with its text, status and basis, then the
    tally (`umbrella.lab.ClaimsResult`)."""
    console = console or Console()
    console.print(result.headline.get(lang, ""))
    header, body = seed_rows(result.summary.table, lang)
    by_seed = Table(title=t("claims.by_seed", lang, LABELS))
    for h in header:
        by_seed.add_column(h, justify="right")
    for r in body:
        by_seed.add_row(*(str(x) for x in r))
    console.print(by_seed)
    detail = Table(title=t("claims.title", lang, LABELS), show_lines=False)
    for key, justify in (("col.id", "left"), ("col.claim", "left"), ("col.status", "left"), ("col.share", "right"), ("col.basis", "left"),
                         ("col.without", "right"), ("col.check", "left"), ("col.carried", "left"),
                         ("col.fails_when", "left"), ("col.reason", "left")):
        detail.add_column(t(key, lang, LABELS), justify=justify, overflow="fold")
    for row in result.claims:
        detail.add_row(row.id, row.claim_en, f"[{STYLE[row.status]}]{t(row.status, lang, LABELS)}[/]", _share(row),
                       t(row.basis, lang, LABELS) if row.basis else "", _fraction(row.share_holds_without_own_seed),
                       row.check or "", ", ".join(_carried(row))[:80], _box(row.fails_when), (row.reason or "")[:160])
    console.print(detail)
    console.print(tally_line(result, lang))


SECTION_LABELS: dict[str, dict[str, str]] = {
    "claims.section": {"en": "Claims of the seeds: found or given?", "zh": "种子文献的论断：得出还是采信？"},
    "claims.intro": {
        "en": "Each claim of the five seeds is an executable check (the claims ledger). Share = share of the "
              "calibrated posterior's draws where it holds (in brackets: of the declared prior box); holds ≥ 0.95, "
              "fails ≤ 0.05, conditional in between, with the PRIM box where it fails. Basis: corroborated (a "
              "matching record has an independent, bibliographic source), recorded (only seed quotes back it), "
              "derived (a model check that still holds on the same draws with the claim's own seed's mechanisms "
              "switched off), assumed (one that then stops holding), definition (a declared term; never counted as "
              "a finding). † marks an independently sourced record, ! a parameter whose removal alone flips the claim.",
        "zh": "五篇种子文献的每条论断都是一项可执行检验（论断台账）。成立比例为论断在校准后验抽样中成立的比例"
              "（括号内为在先验参数空间中的比例）；≥0.95 为成立，≤0.05 为不成立，其间为有条件成立，并给出其不成立的 PRIM 区域。"
              "依据：独立佐证（匹配记录有文献来源）、仅有记录（只有种子文献引文支持）、推导得出（在同一抽样上关闭该文自身机制后模型检验仍成立）、"
              "假定（关闭后不再成立）、定义（声明的术语，不计为发现）。† 表示有独立来源的记录，! 表示单独关闭即令论断不成立的参数。"},
    "claims.carriers": {"en": "What carries the claims", "zh": "论断的依托"},
    "col.seed": {"en": "seed", "zh": "种子文献"},
    "col.total": {"en": "total", "zh": "合计"},
    "claims.telling": {"en": "The {n} claims the models question most (those that fail, then the conditional ones)",
                       "zh": "模型最质疑的 {n} 条论断（先列不成立的，再列有条件成立的）"},
    "claims.more": {"en": "{n} more: {status}", "zh": "其余 {n} 条：{status}"},
    "claims.records": {"en": "The {n} records that carry them (id, kind, sources)",
                       "zh": "依托的 {n} 条记录（编号、类型、来源）"},
    "claims.parameters": {"en": "The {n} parameters whose removal lowers them (id, model, meaning)",
                          "zh": "关闭后令论断减弱的 {n} 个参数（编号、模型、含义）"},
    "col.kind": {"en": "kind", "zh": "类型"},
    "col.sources": {"en": "sources", "zh": "来源"},
    "col.model": {"en": "model", "zh": "模型"},
    "col.meaning": {"en": "meaning", "zh": "含义"},
}
STATUS_CLASS = {"holds": "ok", "fails": "bad", "conditional": "warn", "not_modelled": "muted"}


def telling_first(rows: list) -> list:
    """The claims the models question first: those that fail, then the conditional ones (lowest
    share first), then those that hold, then those not modelled."""
    order = {"fails": 0, "conditional": 1, "holds": 2, "not_modelled": 3}
    return sorted(rows, key=lambda r: (order[r.status], r.share_holds if r.share_holds is not None else 1.0, r.id))


def _anchor(lang: str, kind: str, key: str) -> str:
    """An id unique in the page: each language's copy of the section has its own."""
    return f"{lang}-{kind}-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in key)


def claims_section(result: Any):
    """The claims ledger (`umbrella.lab.ClaimsResult`) as a section of the HTML report: the headline
    and the per-seed table of bases first, then the claims the models question most with their text,
    the others folded by status, then the records and parameters that carry them (each claim's row
    links to them)."""
    from umbrella.views.report import SHOWN_ROWS, Raw, Section, esc, html_table, long_table, per_lang

    labels = {**LABELS, **SECTION_LABELS}
    rows = telling_first(result.claims)
    carried = [r.carried_by for r in rows if r.carried_by is not None]
    records = {r.id: r for c in carried for r in c.records}
    params = {f"{p.model}.{p.parameter}": p for c in carried for p in c.parameters}

    def links(row: Any, lang: str) -> Raw:
        if row.carried_by is None:
            return Raw("")
        out = [f'<a href="#{_anchor(lang, "rec", r.id)}">{esc(r.id)}</a>' + (" †" if r.independent else "")
               for r in row.carried_by.records]
        out += [f'<a href="#{_anchor(lang, "par", p.model + "." + p.parameter)}">{esc(p.parameter)}</a>'
                + ("!" if p.flips else "") for p in row.carried_by.parameters]
        return Raw(", ".join(out))

    def body(lang: str) -> str:
        header, seeds = seed_rows(result.summary.table, lang)
        tally = html_table(header, seeds)
        columns = [t(k, lang, labels) for k in ("col.id", "col.claim", "col.status", "col.share", "col.basis",
                                                "col.without", "col.carried", "col.fails_when", "col.check")]

        def how(r: Any) -> Raw:
            """The check and its detail, folded: the longest text of a row, one click away."""
            if not (r.check or r.reason):
                return Raw("")
            return Raw(f"<details><summary>{esc(r.check or t('col.reason', lang, labels))}</summary>"
                       f"{esc(r.reason or '')}</details>")

        def table(part: list) -> str:
            return html_table(columns, [
                [r.id, r.claim_en, Raw(f'<span class="{STATUS_CLASS[r.status]}">{esc(t(r.status, lang, labels))}</span>'),
                 _share(r), t(r.basis, lang, labels) if r.basis else "", _fraction(r.share_holds_without_own_seed),
                 links(r, lang), _box(r.fails_when), how(r)] for r in part], "claims")

        shown, rest = rows[:SHOWN_ROWS], rows[SHOWN_ROWS:]
        folded = "".join(
            f"<details><summary>{esc(t('claims.more', lang, labels).format(n=len(part), status=t(st, lang, labels)))}"
            f"</summary>{table(part)}</details>"
            for st in ("fails", "conditional", "holds", "not_modelled") if (part := [r for r in rest if r.status == st]))
        record_table = long_table(
            [t(k, lang, labels) for k in ("col.id", "col.kind", "col.sources")],
            [[Raw(f'<span id="{_anchor(lang, "rec", rid)}">{esc(rid)}</span>'), r.kind or "", ", ".join(r.sources)]
             for rid, r in sorted(records.items())], t("claims.records", lang, labels), shown=0)
        param_table = long_table(
            [t(k, lang, labels) for k in ("col.id", "col.model", "col.meaning")],
            [[Raw(f'<span id="{_anchor(lang, "par", key)}">{esc(p.parameter)}</span>'), p.model, p.description]
             for key, p in sorted(params.items())], t("claims.parameters", lang, labels), shown=0)
        modelled = f"{t('claims.modelled', lang, labels)} {result.summary.modelled_share:.0%}"
        return (f"<p><strong>{esc(result.headline.get(lang, ''))}</strong></p>"
                f"<h3>{esc(t('claims.by_seed', lang, labels))}</h3>{tally}"
                f"<p>{esc(t('claims.intro', lang, labels))}</p><p>{esc(modelled)}</p>"
                f"<h3>{esc(t('claims.telling', lang, labels).format(n=len(shown)))}</h3>{table(shown)}{folded}"
                f"<h3>{esc(t('claims.carriers', lang, labels))}</h3>{record_table}{param_table}")

    return Section("claims", both("claims.section", labels), per_lang(body))


def effects_markdown() -> str:
    """The table of docs/model/claims.md: per seed, the effect parameters its ablation sets to their
    neutral values (regional model and games), generated from the declarations."""
    from umbrella.claims.ablation import REGIONAL, effects_by_seed
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.games import GAMES
    table = effects_by_seed([(REGIONAL, PARAMETERS)] + [(g.id, g.parameters) for g in GAMES.values()])
    lines = ["| seed | model | effect parameters (neutral value) |", "|---|---|---|"]
    for seed, rows in table.items():
        for model in dict.fromkeys(r["model"] for r in rows):
            names = ", ".join(f"`{r['parameter']}` ({r['neutral']:g})" for r in rows if r["model"] == model)
            lines.append(f"| {seed[:3]} | {model} | {names} |")
    return "\n".join(lines) + "\n"
