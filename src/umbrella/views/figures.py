"""Matplotlib plumbing shared by every view: a headless pyplot, atomic figure files, and figures
embedded in the self-contained report."""
from __future__ import annotations

import base64
import io
import pathlib
import warnings
from typing import Callable

from umbrella.outputs import atomic_write


def pyplot():
    """matplotlib.pyplot on the headless Agg backend (no display needed)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def figure_bytes(fig, fmt: str = "png", dpi: int = 120) -> bytes:
    """Render and close the figure; zh text in SVG is left to the viewer's fonts."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
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


def embedded_drawing(draw: Callable[[pathlib.Path], None]) -> str:
    """Embed a view that can only draw to a file (`draw(path)`), as base64 PNG."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "figure.png"
        draw(path)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img alt="figure" src="data:image/png;base64,{data}"/>'
