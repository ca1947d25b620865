"""The dashboard is one self-contained page in both languages; `umbrella serve` is reachable."""
from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
import urllib.request

import pytest

from tests.support import umbrella


@pytest.fixture(scope="module")
def html(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_no_external_resources(html):
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    # only inline data (the empty icon, so the browser asks for no /favicon.ico)
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)\s*=\s*\"(?!data:)", html)
    assert "@import" not in html and "url(" not in html


def test_every_label_in_both_languages(html):
    """Every key the page shows (data-i18n, t("...")) has a non-empty en and zh entry."""
    entries = set(re.findall(r'"([\w.]+)":\s*\{en:\s*"[^"]+",\s*zh:\s*"[^"]+"\}', html))
    keys = set(re.findall(r'"([\w.]+)":\s*\{en:', html))
    assert keys and keys == entries, keys - entries
    shown = set(re.findall(r'data-i18n="([\w.]+)"', html)) | set(re.findall(r'\bt\("([\w.]+)"\)', html))
    assert shown and shown <= keys, shown - keys
    assert re.search(r"[\u4e00-\u9fff]", html) and '<option value="zh">中文</option>' in html


def test_tabs_present(html):
    for tab in ("evidence", "theories", "games", "scenarios", "claims", "results"):
        assert f'data-tab="{tab}"' in html and f'<section id="{tab}"' in html


def test_serve_help():
    rc, out, err = umbrella("serve", "--help")
    assert rc == 0, err
    assert "--host" in out and "--port" in out and "127.0.0.1" in out


def test_serve_bad_port():
    rc, out, err = umbrella("serve", "--port", "70000")
    assert rc == 2 and err.strip().startswith("<command line>:0: --port:")


def test_real_server_smoke():
    """One bounded run of uvicorn on 127.0.0.1 and a free port; it stops itself."""
    import uvicorn

    from umbrella.api import create_app
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/games", timeout=10) as response:
            assert [g["id"] for g in json.load(response)][0] == "deployment-bargaining"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert not thread.is_alive()
