"""The claims ledger for people: a bilingual table of statuses and a one-line tally."""
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
    "col.id": {"en": "id", "zh": "编号"},
    "col.status": {"en": "status", "zh": "状态"},
    "col.share": {"en": "share holds (prior)", "zh": "成立比例（先验）"},
    "col.check": {"en": "check", "zh": "检验方式"},
    "col.fails_when": {"en": "fails when", "zh": "不成立区域"},
    "col.reason": {"en": "detail / reason", "zh": "说明 / 原因"},
    "holds": {"en": "holds", "zh": "成立"},
    "fails": {"en": "fails", "zh": "不成立"},
    "conditional": {"en": "conditional", "zh": "有条件成立"},
    "not_modelled": {"en": "not modelled", "zh": "未建模"},
}
STYLE = {"holds": "green", "fails": "red", "conditional": "yellow", "not_modelled": "dim"}


def _box(box: dict | None) -> str:
    if not box:
        return ""
    return "; ".join(f"{name} ∈ [{lo:g}, {hi:g}]" for name, (lo, hi) in box.items())


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
    """The ledger's statuses as a bilingual table, then the tally (`umbrella.lab.ClaimsResult`)."""
    console = console or Console()
    table = Table(title=t("claims.title", lang, LABELS), show_lines=False)
    for key, justify in (("col.id", "left"), ("col.status", "left"), ("col.share", "right"),
                         ("col.check", "left"), ("col.fails_when", "left"), ("col.reason", "left")):
        table.add_column(t(key, lang, LABELS), justify=justify, overflow="fold")
    for row in result.claims:
        table.add_row(row.id, f"[{STYLE[row.status]}]{t(row.status, lang, LABELS)}[/]", _share(row), row.check or "",
                      _box(row.fails_when), (row.reason or "")[:160])
    console.print(table)
    console.print(tally_line(result, lang))


SECTION_LABELS: dict[str, dict[str, str]] = {
    "claims.section": {"en": "Claims of the seeds", "zh": "种子文献的论断"},
    "claims.intro": {
        "en": "Each claim of the five seeds is an executable check (the claims ledger). Share = share of the "
              "calibrated posterior's draws where it holds (in brackets: of the declared prior box); holds ≥ 0.95, "
              "fails ≤ 0.05, conditional in between, with the PRIM box where it fails.",
        "zh": "五篇种子文献的每条论断都是一项可执行检验（论断台账）。成立比例为论断在校准后验抽样中成立的比例"
              "（括号内为在先验参数空间中的比例）；≥0.95 为成立，≤0.05 为不成立，其间为有条件成立，并给出其不成立的 PRIM 区域。"},
    "col.seed": {"en": "seed", "zh": "种子文献"},
    "col.total": {"en": "total", "zh": "合计"},
}
STATUS_CLASS = {"holds": "ok", "fails": "bad", "conditional": "warn", "not_modelled": "muted"}


def claims_section(result: Any):
    """The claims ledger (`umbrella.lab.ClaimsResult`) as a section of the HTML report."""
    from umbrella.views.report import Raw, Section, esc, html_table, per_lang

    labels = {**LABELS, **SECTION_LABELS}
    statuses = ("holds", "conditional", "fails", "not_modelled")
    rows = result.claims

    def body(lang: str) -> str:
        seeds = sorted({r.seed[:3] for r in rows})
        counts = [[s] + [sum(1 for r in rows if r.seed[:3] == s and r.status == st) for st in statuses]
                  + [sum(1 for r in rows if r.seed[:3] == s)] for s in seeds]
        tally = html_table([t("col.seed", lang, labels)] + [t(st, lang, labels) for st in statuses]
                           + [t("col.total", lang, labels)], counts)
        detail = html_table(
            [t(k, lang, labels) for k in ("col.id", "col.status", "col.share", "col.check", "col.fails_when", "col.reason")],
            [[r.id, Raw(f'<span class="{STATUS_CLASS[r.status]}">{esc(t(r.status, lang, labels))}</span>'),
              _share(r), r.check or "",
              _box(r.fails_when), r.reason or ""] for r in rows])
        modelled = f"{t('claims.modelled', lang, labels)} {result.summary.modelled_share:.0%}"
        return f"<p>{esc(t('claims.intro', lang, labels))}</p><p>{esc(modelled)}</p>{tally}{detail}"

    return Section("claims", both("claims.section", labels), per_lang(body))
