"""A server safe to share: the token on every /api request (not on the page), the cap on request
bodies, and `umbrella serve`'s rules for the address and the token."""
from __future__ import annotations

import pytest

from tests.api.conftest import TestClient, errors_of
from tests.support import umbrella
from umbrella.api import create_app
from umbrella.limits import ServerLimits

TOKEN = "s3cret-Token_for.tests~0123456789"
GAME = "/api/games/deployment-bargaining/solve"


@pytest.fixture(scope="module")
def guarded():
    return TestClient(create_app(token=TOKEN, limits=ServerLimits(body_bytes=1000)))


def bearer(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("headers", [{}, bearer("wrong-token-of-enough-length"), bearer(TOKEN + "x"), bearer(TOKEN[:-1]),
                                     {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}])
def test_api_without_the_token_is_401(guarded, headers):
    response = guarded.get("/api/games", headers=headers)
    (line,) = errors_of(response, 401)
    assert line.startswith("<request>:0: Authorization: ")
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_every_api_route_needs_the_token(guarded):
    """Before routing: unknown routes and job ids, bodies and methods all answer 401 first."""
    errors_of(guarded.get("/api/nothing-here"), 401)
    errors_of(guarded.get("/api/jobs/run-1"), 401)
    errors_of(guarded.delete("/api/jobs/run-1"), 401)
    errors_of(guarded.post("/api/run", json={"scenario": "baseline", "samples": 4}), 401)


def test_api_with_the_token(guarded):
    assert guarded.get("/api/games", headers=bearer()).status_code == 200
    assert guarded.get("/api/games", headers={"Authorization": f"bearer {TOKEN}"}).status_code == 200
    errors_of(guarded.get("/api/nothing-here", headers=bearer()), 404)


def test_page_and_schema_load_without_the_token(guarded):
    """The page is static; it reads the token from its URL fragment (#token=..., never sent to the
    server), keeps it in sessionStorage and sends it as a bearer token on every /api request."""
    page = guarded.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "#token=" in page.text and "sessionStorage" in page.text and '"Bearer "' in page.text
    assert guarded.get("/openapi.json").status_code == 200


def test_token_is_compared_in_constant_time(monkeypatch):
    import umbrella.api.guard
    seen = []

    def compare(a, b):
        seen.append((a, b))
        return a == b

    monkeypatch.setattr(umbrella.api.guard.hmac, "compare_digest", compare)
    client = TestClient(create_app(token=TOKEN))
    assert client.get("/api/games", headers=bearer("x" * 20)).status_code == 401
    assert client.get("/api/games", headers=bearer()).status_code == 200
    assert seen == [(b"x" * 20, TOKEN.encode()), (TOKEN.encode(), TOKEN.encode())]


def test_loopback_server_without_a_token_is_open(client):
    assert client.get("/api/games").status_code == 200


# ---- bodies --------------------------------------------------------------------------------

def test_body_over_the_cap_is_413(guarded):
    (line,) = errors_of(guarded.post(GAME, headers=bearer(), content=b'{"set": {}, "x": "' + b"a" * 1000 + b'"}'), 413)
    assert line.startswith("<request body>:0: -: ") and "1000 bytes" in line


def test_chunked_body_over_the_cap_is_413(guarded):
    """No Content-Length: the body is counted as it arrives and refused once it passes the cap."""
    sent = []

    def chunks():
        for _ in range(50):
            sent.append(1)
            yield b" " * 100

    response = guarded.post(GAME, headers={**bearer(), "content-type": "application/json"}, content=chunks())
    errors_of(response, 413)
    assert "content-length" not in response.request.headers


def test_body_under_the_cap_is_read(guarded):
    def chunks():
        yield b'{"set": '
        yield b'{"alt": 0, "multilateral": 0}}'

    response = guarded.post(GAME, headers={**bearer(), "content-type": "application/json"}, content=chunks())
    assert response.status_code == 200 and response.json()["equilibrium"]["outcome"] == "pressure"


def test_default_body_cap(client):
    errors_of(client.post(GAME, content=b"[" * (ServerLimits().body_bytes + 1),
                          headers={"content-type": "application/json"}), 413)


def test_deep_json_under_the_cap(client):
    """JSON nested as deep as the cap allows is a 422 (pydantic's parser), never a 5xx."""
    errors_of(client.post(GAME, content=b"[" * (ServerLimits().body_bytes - 1),
                          headers={"content-type": "application/json"}), 422)


# ---- umbrella serve ------------------------------------------------------------------------

@pytest.fixture
def started(monkeypatch):
    """`umbrella serve` up to uvicorn: what it would have served."""
    import uvicorn
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))
    monkeypatch.delenv("UMBRELLA_TOKEN", raising=False)
    return calls


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_non_loopback_without_a_token_refuses_to_start(started, host):
    rc, out, err = umbrella("serve", "--host", host)
    assert rc == 2 and not started
    (line,) = err.strip().splitlines()
    assert line.startswith("<command line>:0: --host: ") and "token" in line


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_starts_without_a_token(started, host):
    rc, out, err = umbrella("serve", "--host", host, "--port", "8999")
    assert rc == 0, err
    (app, kwargs), = started
    assert kwargs["host"] == host and kwargs["port"] == 8999
    assert TestClient(app).get("/api/games").status_code == 200
    assert ":8999/" in out and "#token" not in out


def test_token_on_the_command_line(started):
    rc, out, err = umbrella("serve", "--host", "0.0.0.0", "--token", TOKEN)
    assert rc == 0, err
    (app, _), = started
    assert f":8765/#token={TOKEN}" in out
    errors_of(TestClient(app).get("/api/games"), 401)
    assert TestClient(app).get("/api/games", headers=bearer()).status_code == 200


def test_token_from_the_environment(started, monkeypatch):
    monkeypatch.setenv("UMBRELLA_TOKEN", TOKEN)
    rc, out, err = umbrella("serve", "--host", "10.0.0.5")
    assert rc == 0, err
    (app, _), = started
    assert f"http://10.0.0.5:8765/#token={TOKEN}" in out
    assert TestClient(app).get("/api/games", headers=bearer()).status_code == 200


def test_token_from_a_file(started, tmp_path):
    (tmp_path / "token").write_text(TOKEN + "\n")
    rc, out, err = umbrella("serve", "--host", "0.0.0.0", "--token-file", tmp_path / "token")
    assert rc == 0, err
    (app, _), = started
    assert TestClient(app).get("/api/games", headers=bearer()).status_code == 200


@pytest.mark.parametrize("args, field", [
    (["--token", "short"], "--token"),
    (["--token", "has spaces in it, sixteen+"], "--token"),
    (["--token", TOKEN, "--token-file", "x"], "--token-file"),
    (["--token-file", "/no/such/file"], "--token-file"),
    (["--max-jobs", "0"], "--max-jobs"),
])
def test_bad_token_or_limits_refuse_to_start(started, args, field):
    rc, out, err = umbrella("serve", "--host", "0.0.0.0", *args)
    assert rc == 2 and not started
    (line,) = err.strip().splitlines()
    assert line.startswith(f"<command line>:0: {field}: ")


def test_limits_reach_the_app(started):
    rc, out, err = umbrella("serve", "--max-jobs", "1", "--max-queued", "0")
    assert rc == 0, err
    (app, _), = started
    assert (app.state.jobs.limits.workers, app.state.jobs.limits.queued) == (1, 0)
