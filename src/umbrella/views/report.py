"""A self-contained bilingual HTML report: inline CSS, inline PNG plots, no CDN, opens offline.

The report renders the results of the main job (`umbrella.lab.LabRun`); it computes nothing. Each
section is rendered once per language; a button switches languages without reloading (a few lines
of inline JavaScript).
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from umbrella.views.i18n import both

LANGS = ("en", "zh")


@dataclass
class Section:
    """One part of the report: a bilingual title and a body per language."""
    key: str
    title: dict[str, str]
    body: dict[str, str] = field(default_factory=dict)


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))



def html_table(header: Iterable[str], rows: Iterable[Iterable[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c if isinstance(c, Raw) else esc(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class Raw(str):
    """Already-escaped HTML to put into a table cell as is."""


SHOWN_ROWS = 15      # a long table shows this many rows; the rest fold into <details>


def long_table(header: list[str], rows: list, more: str, shown: int = SHOWN_ROWS, cls: str = "") -> str:
    """The first `shown` rows (put the most telling first), and the others in a collapsed
    <details> whose summary is `more` (with `{n}`, the number of rows folded)."""
    rows = list(rows)
    if len(rows) <= shown + 3:                  # folding two or three rows helps nobody
        return html_table(header, rows, cls)
    rest = rows[shown:]
    return ((html_table(header, rows[:shown], cls) if shown else "")
            + f"<details><summary>{esc(more.format(n=len(rest)))}</summary>{html_table(header, rest, cls)}</details>")


def grid(figures: str) -> str:
    """Small multiples side by side on a wide screen, one under the other on a narrow one."""
    return f'<div class="grid">{figures}</div>' if figures else ""


def side_by_side(*parts: str) -> str:
    """Small tables in one row where the screen is wide enough, wrapping onto the next line where not."""
    return '<div class="row">' + "".join(f"<div>{p}</div>" for p in parts) + "</div>"


def per_lang(render: Callable[[str], str]) -> dict[str, str]:
    return {lang: render(lang) for lang in LANGS}


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#1d2733;background:#fafbfc}
header{background:#14324f;color:#fff;padding:1.2em 2em}header h1{margin:0;font-size:1.5em}
header .meta{opacity:.8;font-size:.85em}nav{padding:.6em 2em;background:#e8eef4;position:sticky;top:0}
nav a{margin-right:1em;color:#14324f;text-decoration:none;font-size:.9em}
main{padding:1em 2em;max-width:1200px}section{margin-bottom:2.2em}h2{border-bottom:2px solid #14324f;padding-bottom:.2em}
table{border-collapse:collapse;margin:.6em 0;font-size:.88em}th,td{border:1px solid #c9d3dd;padding:.25em .55em;text-align:left;vertical-align:top}
th{background:#eef2f6}img{max-width:100%;margin:.5em 0}figure{margin:.8em 0}figure img{max-height:560px;width:auto;height:auto}
.row{display:flex;flex-wrap:wrap;gap:0 2em;align-items:flex-start}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(500px,1fr));gap:0 1.5em}table.claims td:nth-child(2){min-width:24em}
td span[id]{scroll-margin-top:5em}table.claims td details{margin:0}table.claims td:first-child{white-space:nowrap}
table.bands th{overflow-wrap:anywhere;min-width:6em}table.bands td+td{white-space:nowrap}
figcaption{font-size:.82em;color:#4a5563;max-width:60em}details{margin:.4em 0 1em}summary{cursor:pointer;color:#14324f}
.findings li{margin:.25em 0}.findings{background:#fff;border:1px solid #c9d3dd;padding:.6em 1.2em .6em 2em}.ok{color:#1b7d32;font-weight:600}.bad{color:#b3261e;font-weight:600}
.warn{color:#9a6700;font-weight:600}.muted{color:#66727f}button{margin-left:1em}
[data-lang]{display:none}body.en [data-lang=en],body.zh [data-lang=zh]{display:block}
span[data-lang]{display:none}body.en span[data-lang=en],body.zh span[data-lang=zh]{display:inline}
"""

JS = """
function setLang(l){document.body.className=l;try{localStorage.setItem('umbrella-lang',l)}catch(e){}}
(function(){var l='en';try{l=localStorage.getItem('umbrella-lang')||'en'}catch(e){}setLang(l)})();
function reveal(){var t=document.getElementById(decodeURIComponent(location.hash.slice(1)));
for(var e=t;e;e=e.parentElement)if(e.tagName==='DETAILS')e.open=true;if(t)t.scrollIntoView()}
window.addEventListener('hashchange',reveal);reveal();
"""


def render(sections: list[Section], meta: dict[str, str]) -> str:
    """The whole report as one HTML document."""
    title = both("report.title")
    nav = "".join(f'<a href="#{s.key}">' + "".join(f'<span data-lang="{l}">{esc(s.title[l])}</span>' for l in LANGS)
                  + "</a>" for s in sections)
    body = "".join(
        f'<section id="{s.key}">' + "".join(
            f'<div data-lang="{l}"><h2>{esc(s.title[l])}</h2>{s.body.get(l, "")}</div>' for l in LANGS)
        + "</section>" for s in sections)
    meta_line = " · ".join(f"{esc(k)}: {esc(v)}" for k, v in meta.items())
    heading = "".join(f'<span data-lang="{l}">{esc(title[l])}</span>' for l in LANGS)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>umbrella report</title>"
        f"<style>{CSS}</style></head><body class='en'><header><h1>{heading}</h1>"
        f"<div class='meta'>{meta_line}<button onclick=\"setLang('en')\">English</button>"
        f"<button onclick=\"setLang('zh')\">中文</button></div></header><nav>{nav}</nav><main>{body}</main>"
        f"<script>{JS}</script></body></html>"
    )


def default_meta(extra: dict[str, str] | None = None) -> dict[str, str]:
    from umbrella import __version__
    return {"umbrella": __version__, "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            **(extra or {})}


def write_report(run: Any) -> str:
    """The report of a `umbrella.lab.LabRun`: one section per part of the laboratory."""
    from umbrella.views.analysis_views import analysis_section
    from umbrella.views.claims_views import claims_section
    from umbrella.views.evidence_views import evidence_section
    from umbrella.views.findings import findings_section
    from umbrella.views.games_report import games_section
    from umbrella.views.rivals_views import rivals_section
    from umbrella.views.scenarios_report import scenarios_section
    from umbrella.views.theory_views import report_section
    s = run.settings
    # the report opens with its findings (the ledger's headline first), then the claims: what the
    # laboratory found and what it took as given
    sections = [findings_section(run), claims_section(run.claims), evidence_section(run.evidence),
                report_section(run.theory), games_section(run.games),
                scenarios_section(run.scenarios, s.scenarios.fan_charts, s.scenarios.fan_scenarios),
                rivals_section(run.rivals), analysis_section(run.analysis)]
    return render(sections, default_meta({"seed": str(s.seed), "samples": str(s.samples)}))
