"""`umbrella serve`: the HTTP API and the local bilingual dashboard (SYSTEM.md §1 item 6).

Loopback by default. Any other address needs a token (`--token`, the `UMBRELLA_TOKEN` environment
variable, or `--token-file`, so that it need not show in `ps`); without one the command refuses to
start. With a token, every /api request must carry `Authorization: Bearer TOKEN`; the URL printed
to open carries it in its fragment (`#token=...`) for the dashboard."""
from __future__ import annotations

import pathlib
import socket
from typing import Optional

import typer

from umbrella.cli.common import cli_problem, lab
from umbrella.limits import ServerLimits

TOKEN_HELP = ("bearer token every /api request must carry (required unless --host is loopback); "
              "prefer UMBRELLA_TOKEN or --token-file, which do not show in `ps`")


def serve(host: str = typer.Option("127.0.0.1", "--host", help="address to bind (default: this machine only)"),
          port: int = typer.Option(8765, "--port", help="TCP port"),
          token: Optional[str] = typer.Option(None, "--token", envvar="UMBRELLA_TOKEN", help=TOKEN_HELP,
                                              show_envvar=True),
          token_file: Optional[pathlib.Path] = typer.Option(None, "--token-file",
                                                            help="read the token from this file (its first line)"),
          max_jobs: int = typer.Option(ServerLimits.workers, "--max-jobs", min=1, help="computations that run at once"),
          max_queued: int = typer.Option(ServerLimits.queued, "--max-queued", min=0,
                                         help="computations that may wait; more are answered 429"),
          store: Optional[pathlib.Path] = typer.Option(None, "--store", help="a results store to serve read-only "
                                                       "under /api/results (written by `umbrella run --out-format store`)")
          ) -> None:
    """Serve the JSON API under /api and the dashboard at / (zh/en) / 本地 API 与仪表板."""
    from umbrella.api.guard import is_loopback, token_problem
    if not 0 < port < 65536:
        raise cli_problem("--port", f"{port} is not a TCP port (1-65535)")
    if token is not None and token_file is not None:
        raise cli_problem("--token-file", "give the token one way: --token (or UMBRELLA_TOKEN) or --token-file")
    if token_file is not None:
        token = _read_token(token_file)
    if token is not None and token_problem(token):
        raise cli_problem("--token-file" if token_file else "--token", str(token_problem(token)))
    if token is None and not is_loopback(host):
        raise cli_problem("--host", f"{host} is reachable from other machines: serving there needs a token "
                                    "(--token, UMBRELLA_TOKEN or --token-file; make one with: "
                                    "python -c 'import secrets; print(secrets.token_urlsafe())')")
    if store is not None:
        from umbrella.lab import StoreRequest, build
        lab().results_list(build(StoreRequest, store=store))      # not a store: exit 2 now, not at the first request
    import uvicorn  # only when serving: keeps every other command fast

    from umbrella.api import create_app
    from umbrella.api.claims_store import cache_folder
    app = create_app(store=store, claims_cache=cache_folder(), token=token,
                     limits=ServerLimits(workers=max_jobs, queued=max_queued))
    typer.echo(f"umbrella: open {url(host, port, token)}  (Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="info")


def url(host: str, port: int, token: Optional[str]) -> str:
    """The dashboard's URL: this machine's name for a wildcard address, the token in the fragment."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/" + (f"#token={token}" if token else "")


def _read_token(path: pathlib.Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise cli_problem("--token-file", f"cannot read {str(path)!r}: {type(exc).__name__}: {exc}") from None
    if not lines or not lines[0].strip():
        raise cli_problem("--token-file", f"{str(path)!r} holds no token on its first line")
    return lines[0].strip()


def register(app: typer.Typer) -> None:
    """Add `umbrella serve` to the main app."""
    app.command("serve")(serve)
