"""Views: tables, plots, reports and labels. Views format what the layers compute; they never compute science."""

from typing import Any


def document(result: Any) -> Any:
    """The JSON document of a result of `umbrella.lab` (what the tables and figures render)."""
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else result
