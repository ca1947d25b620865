"""Views of ensemble results: rich tables, fan charts, and files (NetCDF / Parquet). No science here."""
from __future__ import annotations

import json
import pathlib

from rich.table import Table

from umbrella.dynamics.parameters import PARAMETERS
from umbrella.dynamics.vocabulary import LEVERS, SHOCKS, VARIABLE_BY_NAME
from umbrella.outputs import atomic_path, atomic_write, ensure_dir

LABELS = {
    "variable": {"en": "variable", "zh": "变量"},
    "actor": {"en": "actor", "zh": "行为体"},
    "parameter": {"en": "parameter", "zh": "参数"},
    "range": {"en": "range", "zh": "范围"},
    "default": {"en": "default", "zh": "默认值"},
    "unit": {"en": "unit", "zh": "单位"},
    "mechanism": {"en": "mech.", "zh": "机制"},
    "role": {"en": "role", "zh": "角色"},
    "source": {"en": "source", "zh": "来源"},
    "meaning": {"en": "meaning", "zh": "含义"},
    "scenario": {"en": "scenario", "zh": "情景"},
    "title": {"en": "title", "zh": "名称"},
    "years": {"en": "years", "zh": "年份"},
    "run_title": {"en": "Ensemble {scenario}: mean [5%–95%], {samples} samples, seed {seed}",
                  "zh": "情景 {scenario} 的集合模拟：均值 [5%–95%]，样本 {samples}，种子 {seed}"},
    "compare_title": {"en": "{b} − {a}: {variable} ({actor}, {year}), {samples} paired samples",
                      "zh": "{b} − {a}：{variable}（{actor}，{year}年），{samples} 个配对样本"},
    "p_b_greater": {"en": "P(B > A)", "zh": "P(B > A)"},
    "statistic": {"en": "statistic", "zh": "统计量"},
    "value": {"en": "value", "zh": "数值"},
}


def _t(key: str, lang: str) -> str:
    return LABELS[key].get(lang, LABELS[key]["en"])


def _fmt(x: float) -> str:
    return f"{x:.1f}" if abs(x) >= 10 else f"{x:.3f}"


def run_table(summary: dict, lang: str = "en", max_years: int = 3) -> Table:
    years = summary["years"]
    k = min(max_years, len(years))
    shown = sorted({round(i * (len(years) - 1) / max(1, k - 1)) for i in range(k)})   # first, ..., last year
    table = Table(title=_t("run_title", lang).format(**summary))
    table.add_column(_t("variable", lang))
    table.add_column(_t("actor", lang))
    for i in shown:
        table.add_column(str(years[i]), justify="right")
    for name, by_actor in summary["variables"].items():
        label = VARIABLE_BY_NAME[name].label.get(lang, name)
        for actor, bands in by_actor.items():
            cells = [f"{_fmt(bands['mean'][i])} [{_fmt(bands['q05'][i])}–{_fmt(bands['q95'][i])}]" for i in shown]
            table.add_row(label, actor, *cells)
    return table


def compare_table(result: dict, lang: str = "en") -> Table:
    table = Table(title=_t("compare_title", lang).format(**result))
    table.add_column(_t("statistic", lang))
    table.add_column(_t("value", lang), justify="right")
    for key in ("mean", "q05", "q50", "q95"):
        table.add_row(f"B − A {key}", f"{result['diff'][key]:.4f}")
    table.add_row(_t("p_b_greater", lang), f"{result['p_b_greater']:.3f}")
    return table


def params_rows() -> list[dict]:
    """The declaration of every uncertain parameter, as `umbrella params --format json` prints it."""
    return [{"name": p.name, "low": p.low, "high": p.high, "default": p.default, "unit": p.unit,
             "description": p.description, "mechanism": p.mechanism, "role": p.role, "neutral": p.neutral,
             "source": p.source} for p in PARAMETERS]


def params_table(lang: str = "en") -> Table:
    table = Table()
    for key in ("parameter", "range", "default", "unit", "mechanism", "role", "source", "meaning"):
        table.add_column(_t(key, lang))
    for p in PARAMETERS:
        role = p.role if p.neutral is None else f"{p.role} (off: {p.neutral:g})"
        table.add_row(p.name, f"[{p.low:g}, {p.high:g}]", f"{p.default:g}", p.unit, str(p.mechanism or "-"), role,
                      p.source_label(), p.description)
    return table


def vocabulary_rows() -> dict:
    return {"levers": [{"name": lv.name, "label": lv.label, "per_ally": lv.per_ally, "default": lv.default,
                        "options": list(lv.options) if lv.categorical else None,
                        "range": None if lv.categorical else [lv.low, lv.high], "unit": lv.unit,
                        "description": lv.description} for lv in LEVERS],
            "shocks": [{"name": s.name, "label": s.label, "continuous": s.continuous, "description": s.description}
                       for s in SHOCKS]}


def scenarios_table(rows: list[dict], lang: str = "en") -> Table:
    table = Table()
    for key in ("scenario", "years", "title"):
        table.add_column(_t(key, lang))
    for row in rows:
        table.add_row(row["id"], f"{row['start']}–{row['end']}", row["title"].get(lang, row["title"]["en"]))
    return table


def fan_chart(summary: dict, variable: str, path: pathlib.Path, lang: str = "en") -> None:
    """Mean and 5–95% band over the years, one panel per actor; written atomically (PNG/SVG by suffix)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    by_actor = summary["variables"][variable]
    fig, axes = plt.subplots(1, len(by_actor), figsize=(4.5 * len(by_actor), 3.2), squeeze=False)
    years = summary["years"]
    for ax, (actor, bands) in zip(axes[0], by_actor.items()):
        ax.fill_between(years, bands["q05"], bands["q95"], alpha=0.25, label="5–95%")
        ax.plot(years, bands["q50"], lw=1, ls="--", label="median")
        ax.plot(years, bands["mean"], lw=2, label="mean")
        ax.set_title(f"{actor}")
        ax.set_xlabel("year")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axes[0][0].set_ylabel(VARIABLE_BY_NAME[variable].label["en"])
    axes[0][0].legend(fontsize=7)
    fig.suptitle(f"{summary['scenario']}: {VARIABLE_BY_NAME[variable].label['en']}")
    fig.tight_layout()
    try:
        _atomic(pathlib.Path(path), fig.savefig)
    finally:
        plt.close(fig)


def write_ensemble(ds, summary: dict, out_dir: pathlib.Path, file_format: str = "netcdf") -> list[pathlib.Path]:
    """The full ensemble (`ensemble.nc`, or `ensemble.parquet` + `parameters.parquet`) and `summary.json`."""
    out_dir = ensure_dir(pathlib.Path(out_dir))
    written = []
    if file_format == "netcdf":
        written.append(_atomic(out_dir / "ensemble.nc", lambda tmp: ds.to_netcdf(tmp, engine="h5netcdf")))
    else:
        outputs = [v for v in ds.data_vars if not v.startswith("param_")]
        params = [v for v in ds.data_vars if v.startswith("param_")]
        frame = ds[outputs].to_dataframe().dropna(how="all").reset_index()
        written.append(_atomic(out_dir / "ensemble.parquet", lambda tmp: frame.to_parquet(tmp, index=False)))
        pframe = ds[params].to_dataframe().reset_index()
        written.append(_atomic(out_dir / "parameters.parquet", lambda tmp: pframe.to_parquet(tmp, index=False)))
    atomic_write(out_dir / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2))
    written.append(out_dir / "summary.json")
    return written


def _atomic(path: pathlib.Path, write) -> pathlib.Path:
    """`write(tmp)` into a temporary file next to `path`, then rename (nothing half-written is left)."""
    with atomic_path(path) as tmp:
        write(tmp)
    return path


def params_markdown() -> str:
    """The parameter declaration as a Markdown table (pasted into docs/model/dynamics.md; a test keeps them equal)."""
    lines = ["| parameter | mech. | range | default | unit | role (neutral) | meaning | source |",
             "|---|---|---|---|---|---|---|---|"]
    for p in PARAMETERS:
        if "seed" in p.source:
            src = f"{p.source['seed']} {p.source['section']}: “{p.source['quote']}”"
        elif "bib" in p.source:
            src = f"[{'; '.join([p.source['bib'], *p.source.get('also', [])])}] {p.source['note']}"
        else:
            src = p.source["note"]
        role = p.role if p.neutral is None else f"{p.role} ({p.neutral:g})"
        lines.append(f"| `{p.name}` | {p.mechanism or '-'} | [{p.low:g}, {p.high:g}] | {p.default:g} | {p.unit} "
                     f"| {role} | {p.description} | {src} |")
    return "\n".join(lines) + "\n"
