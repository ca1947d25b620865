"""The claims ledger for people: a bilingual table of statuses and a one-line tally."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from umbrella.views.i18n import t

LABELS: dict[str, dict[str, str]] = {
    "claims.title": {"en": "Claims ledger: do the models reproduce the seeds' claims?",
                     "zh": "论断台账：模型能否复现种子文献的论断？"},
    "claims.tally": {"en": "claims", "zh": "条论断"},
    "claims.modelled": {"en": "modelled", "zh": "已建模"},
    "col.id": {"en": "id", "zh": "编号"},
    "col.status": {"en": "status", "zh": "状态"},
    "col.share": {"en": "share holds", "zh": "成立比例"},
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


def print_claims(rows: list[dict], summary: dict, lang: str, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=t("claims.title", lang, LABELS), show_lines=False)
    for key, justify in (("col.id", "left"), ("col.status", "left"), ("col.share", "right"),
                         ("col.check", "left"), ("col.fails_when", "left"), ("col.reason", "left")):
        table.add_column(t(key, lang, LABELS), justify=justify, overflow="fold")
    for row in rows:
        share = "" if row["share_holds"] is None else f"{row['share_holds']:.2f}"
        status = row["status"]
        table.add_row(row["id"], f"[{STYLE[status]}]{t(status, lang, LABELS)}[/]", share, row.get("check") or "",
                      _box(row["fails_when"]), (row.get("reason") or "")[:160])
    console.print(table)
    counts = ", ".join(f"{t(k, lang, LABELS)} {v}" for k, v in sorted(summary["counts"].items()))
    console.print(f"{summary['n']} {t('claims.tally', lang, LABELS)}: {counts}; "
                  f"{t('claims.modelled', lang, LABELS)} {summary['modelled_share']:.0%}")
