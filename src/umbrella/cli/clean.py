"""`umbrella clean DIR`: remove the temporary files that killed writers left in an output folder."""
from __future__ import annotations

import pathlib

import typer

from umbrella.cli.common import Format, FormatOption, Lang, LangOption, cli_problem, console, emit

LABELS = {
    "removed": {"en": "removed", "zh": "已删除"},
    "kept": {"en": "kept", "zh": "保留"},
    "none": {"en": "no temporary files left by umbrella in {dir}", "zh": "{dir} 中没有 umbrella 遗留的临时文件"},
    "total": {"en": "{n} file(s), {size:,} bytes removed", "zh": "共删除 {n} 个文件，{size:,} 字节"},
}


def clean(directory: pathlib.Path = typer.Argument(..., metavar="DIR", help="output folder (searched with its subfolders)"),
          fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Remove temporary files (.umbrella-tmp-*) of writers that died, e.g. killed mid-write; those
    of running writers are kept / 删除被中断的写入留下的临时文件."""
    from umbrella.outputs import clean as clean_folder
    if not directory.is_dir():
        raise cli_problem("DIR", f"{str(directory)!r} is not a directory")
    found = clean_folder(directory)
    rows = [{"path": str(f.path), "bytes": f.bytes, "removed": f.removed, "reason": f.reason} for f in found]
    removed = [r for r in rows if r["removed"]]

    def table() -> None:
        text = {k: v[lang.value] for k, v in LABELS.items()}
        if not rows:
            console.print(text["none"].format(dir=directory), markup=False)
        for r in rows:
            console.print(f"{text['removed' if r['removed'] else 'kept']} {r['path']} ({r['bytes']:,} B): {r['reason']}",
                          markup=False)
        if removed:
            console.print(text["total"].format(n=len(removed), size=sum(r["bytes"] for r in removed)), markup=False)

    emit({"directory": str(directory), "files": rows}, fmt, table)


def register(app: typer.Typer) -> None:
    """Add `umbrella clean` to the main app."""
    app.command("clean")(clean)
