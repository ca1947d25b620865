"""Views: tables, plots, reports and labels. Views format what the layers compute; they never compute science."""

from typing import Any


def document(result: Any) -> Any:
    """The JSON document of a result of `umbrella.lab` (what the tables and figures render)."""
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else result


def charts() -> Any:
    """`umbrella.views.figures`, imported where a figure is drawn (it loads matplotlib and the CJK
    font, which commands that only print tables do not need)."""
    from umbrella.views import figures as module
    return module
