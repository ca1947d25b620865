"""Matplotlib plumbing shared by every view: a headless pyplot, a font for Chinese labels, atomic
figure files, and figures embedded in the self-contained report with their captions.

Chinese labels are drawn in Noto Sans CJK SC, which the `noto-cjk-sans-otc` package installs from
PyPI (SIL Open Font License 1.1; no system font is assumed). It is registered with matplotlib when
this module is imported, behind the default sans-serif font, so Latin text keeps matplotlib's font
and CJK glyphs fall back to Noto. Import this module only where a figure is drawn: matplotlib takes a while to load.
"""
from __future__ import annotations

import base64
import html
import io
import pathlib
import warnings
from typing import Optional

import matplotlib

matplotlib.use("Agg")

from umbrella.errors import UmbrellaWarning  # noqa: E402  (after choosing the headless backend)
from umbrella.outputs import atomic_write  # noqa: E402


def _register_cjk_font() -> Optional[str]:
    """Register the packaged Noto Sans CJK collection; the name of its Simplified Chinese face."""
    import logging

    from matplotlib import font_manager
    # the collection has no bold face: bold text is drawn in the regular weight, which is all findfont would say
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError:            # an environment without the declared dependency: English labels, warned
        return None
    path = str(FONT_PATH)
    font_manager.fontManager.addfont(path)
    faces = [f.name for f in font_manager.fontManager.ttflist if f.fname == path]
    name = "Noto Sans CJK SC" if "Noto Sans CJK SC" in faces else next(iter(faces), None)
    if name:      # glyph by glyph: the default sans-serif font first, Noto for what it lacks
        matplotlib.rcParams["font.family"] = ["sans-serif", name]
    return name


CJK_FONT = _register_cjk_font()


def pyplot():
    """matplotlib.pyplot on the headless Agg backend, Chinese glyphs drawn in Noto Sans CJK."""
    import matplotlib.pyplot as plt
    return plt


def cjk_font() -> Optional[str]:
    """The registered font with Chinese glyphs (None if the font package is missing)."""
    return CJK_FONT


def plot_language(lang: str, fmt: str = "png") -> str:
    """The language a figure can be labelled in: zh needs the CJK font, except in SVG (the text stays
    text and the viewer's fonts draw it); otherwise English, with a warning."""
    if lang != "zh" or CJK_FONT or fmt == "svg":
        return lang
    warnings.warn("no CJK font for matplotlib (install noto-cjk-sans-otc): the figure uses English labels",
                  UmbrellaWarning)
    return "en"


def figure_bytes(fig, fmt: str = "png", dpi: int = 120) -> bytes:
    """Render and close the figure; SVG keeps text as text (zh is left to the viewer's fonts)."""
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


def embedded_png(fig, alt: str, caption: str = "") -> str:
    """The figure as a <figure>: a base64 PNG (the report loads nothing from outside) with its alt
    text (what the chart shows, for a reader who cannot see it) and its caption (what, source, N, seed)."""
    data = base64.b64encode(figure_bytes(fig, "png", 100)).decode("ascii")
    img = f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"/>'
    return f"<figure>{img}<figcaption>{html.escape(caption)}</figcaption></figure>" if caption else \
        f"<figure>{img}</figure>"
