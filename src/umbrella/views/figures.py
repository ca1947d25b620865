"""Matplotlib plumbing shared by every view: a headless pyplot, fonts for Chinese labels, atomic
figure files, and figures embedded in the self-contained report."""
from __future__ import annotations

import base64
import functools
import io
import pathlib
import warnings
from typing import Optional

from umbrella.errors import UmbrellaWarning
from umbrella.outputs import atomic_write


def pyplot():
    """matplotlib.pyplot on the headless Agg backend (no display needed), with a CJK font first in
    line where one is installed."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    font = cjk_font()
    if font and font not in matplotlib.rcParams["font.sans-serif"]:
        matplotlib.rcParams["font.sans-serif"] = [font, *matplotlib.rcParams["font.sans-serif"]]
    return plt


@functools.lru_cache(maxsize=1)
def cjk_font() -> Optional[str]:
    """An installed font with Chinese glyphs, if any."""
    from matplotlib import font_manager
    for f in font_manager.fontManager.ttflist:
        if any(k in f.name for k in ("CJK", "WenQuanYi", "Noto Sans SC", "SimHei", "Hei", "Song", "Ming")):
            return f.name
    return None


def plot_language(lang: str, fmt: str = "png") -> str:
    """The language a figure can be labelled in: zh needs a CJK font, except in SVG (the text stays
    text and the viewer's fonts draw it); otherwise English, with a warning."""
    if lang != "zh" or cjk_font() or fmt == "svg":
        return lang
    warnings.warn("no CJK font for matplotlib: the PNG uses English labels (an SVG keeps zh text)", UmbrellaWarning)
    return "en"


def figure_bytes(fig, fmt: str = "png", dpi: int = 120) -> bytes:
    """Render and close the figure; SVG keeps text as text (zh is left to the viewer's fonts)."""
    import matplotlib
    buf = io.BytesIO()
    with warnings.catch_warnings(), matplotlib.rc_context({"svg.fonttype": "none"}):
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight")
    pyplot().close(fig)
    return buf.getvalue()


def save_figure(fig, path: pathlib.Path, dpi: int = 120) -> None:
    """Write the figure atomically in the format its suffix names (png, svg, pdf)."""
    path = pathlib.Path(path)
    atomic_write(path, figure_bytes(fig, (path.suffix.lstrip(".") or "png").lower(), dpi))


def embedded_png(fig) -> str:
    """An <img> carrying the figure as base64 PNG (the report loads nothing from outside)."""
    data = base64.b64encode(figure_bytes(fig, "png", 110)).decode("ascii")
    return f'<img alt="figure" src="data:image/png;base64,{data}"/>'
