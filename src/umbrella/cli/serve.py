"""`umbrella serve`: the HTTP API and the local bilingual dashboard (SYSTEM.md §1 item 6)."""
from __future__ import annotations

import pathlib
from typing import Optional

import typer

from umbrella.cli.common import cli_problem, lab


def serve(host: str = typer.Option("127.0.0.1", "--host", help="address to bind (default: this machine only)"),
          port: int = typer.Option(8765, "--port", help="TCP port"),
          store: Optional[pathlib.Path] = typer.Option(None, "--store", help="a results store to serve read-only "
                                                       "under /api/results (written by `umbrella run --out-format store`)")
          ) -> None:
    """Serve the JSON API under /api and the dashboard at / (zh/en) / 本地 API 与仪表板."""
    if not 0 < port < 65536:
        raise cli_problem("--port", f"{port} is not a TCP port (1-65535)")
    if store is not None:
        from umbrella.lab import StoreRequest, build
        lab().results_list(build(StoreRequest, store=store))      # not a store: exit 2 now, not at the first request
    import uvicorn  # only when serving: keeps every other command fast

    from umbrella.api import create_app
    from umbrella.api.claims_store import cache_folder
    uvicorn.run(create_app(store=store, claims_cache=cache_folder()), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    """Add `umbrella serve` to the main app."""
    app.command("serve")(serve)
