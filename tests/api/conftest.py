"""The API tests' fixtures: an in-process client of the app (its own `Lab` over the bundled
resources), and a client of a fresh app for tests that need an empty claims cache."""
from __future__ import annotations

import re
import warnings

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from umbrella.api import create_app


@pytest.fixture(scope="session")
def client():
    return TestClient(create_app())


@pytest.fixture
def fresh_client():
    return TestClient(create_app())


def answer(response, model):
    """The 2xx body of `response`, read as the endpoint's declared result model."""
    assert 200 <= response.status_code < 300, response.text
    return model.model_validate(response.json())


LINE = re.compile(r"^[^\n:]+:\d+: [^\n]+: [^\n]+$")


def errors_of(response, status):
    """The error lines of a `status` answer: `{"errors": [...]}`, one `PATH:LINE: FIELD: message` each."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"errors"}
    assert body["errors"] and all(LINE.match(line) for line in body["errors"]), body
    assert "Traceback" not in response.text
    return body["errors"]


def fake_rows(status: str = "holds") -> list[dict]:
    """One ledger row, as `umbrella.claims.run_ledger` returns it."""
    return [{"id": "S004-01", "status": status, "share_holds": 1.0 if status == "holds" else 0.0,
             "fails_when": None, "reason": "by hand", "seed": "004_a9c63d3a1281ba4d.txt", "type": None,
             "check": "evidence", "claim_en": "a claim", "n_points": 1}]
