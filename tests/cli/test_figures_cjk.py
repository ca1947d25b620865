"""Chinese figure labels: the declared font package (noto-cjk-sans-otc, SIL OFL 1.1) is installed
and registered with matplotlib, so CJK glyphs are drawn in it, with no system font assumed; without
it a zh figure falls back to English labels with a warning that says what to install."""
from __future__ import annotations

import io
import pathlib
import warnings

import pytest

from umbrella.errors import UmbrellaWarning


def test_the_declared_font_is_registered_and_draws_chinese_glyphs():
    import noto_cjk_sans_otc
    from matplotlib import font_manager
    from umbrella.views import figures
    assert figures.cjk_font() == "Noto Sans CJK SC"
    path = font_manager.findfont(font_manager.FontProperties(family=figures.cjk_font()), fallback_to_default=False)
    assert pathlib.Path(path) == pathlib.Path(noto_cjk_sans_otc.FONT_PATH)
    plt = figures.pyplot()
    fig, ax = plt.subplots()
    ax.set_title("韩国公众对核武装的支持")
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # matplotlib warns "Glyph ... missing" for a glyph it cannot draw
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    assert figures.plot_language("zh", "png") == "zh"


def test_without_the_font_a_zh_figure_is_english_and_says_why(monkeypatch):
    from umbrella.views import figures
    monkeypatch.setattr(figures, "CJK_FONT", None)
    with pytest.warns(UmbrellaWarning, match="noto-cjk-sans-otc"):
        assert figures.plot_language("zh", "png") == "en"
    assert figures.plot_language("zh", "svg") == "zh"      # SVG keeps its text for the viewer's fonts
    assert figures.plot_language("en", "png") == "en"
