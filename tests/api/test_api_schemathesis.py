"""schemathesis against /openapi.json, in process (the ASGI app, no socket): for every operation,
requests generated from the schema, valid and invalid, must never be answered 5xx, and every
answer must conform to the schema, status code, headers and body, error bodies included.

Bounded so `make test` stays fast and the same every time: derandomized, `EXAMPLES` per operation
(`UMBRELLA_FUZZ=long`, as `make fuzz` sets it: random and 20 times as many). The computations are
bounded, not excluded: an ensemble's `samples` is lowered to at most `SAMPLES` before a valid
request is sent (a 20 000-sample run takes seconds; 20 000 itself is an explicit test), and the
claims ledger is a fake one (`fake_rows`: the real one takes seconds even at 2 draws; its own tests
and the claims tests cover it). The endpoints, their validation, errors, queue and answers are real."""
from __future__ import annotations

import os

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode

from tests.api.conftest import fake_rows
from umbrella.api import create_app
from umbrella.limits import ServerLimits

LONG = os.environ.get("UMBRELLA_FUZZ") == "long"
EXAMPLES = 600 if LONG else 30
SAMPLES = 32

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(limits=ServerLimits(queued=64)))
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES,
                                deterministic=not LONG)
# A request the schema allows may still name what does not exist (a scenario, a game parameter, a
# case) or break a relation the models check (a game's ch_dc > ch_sq > ch_dd): 400, as documented.
accepted = schema.config.checks.positive_data_acceptance
accepted.expected_statuses = [*accepted.expected_statuses, "400"]


@pytest.fixture(autouse=True)
def fake_ledger(monkeypatch):
    import umbrella.claims
    monkeypatch.setattr(umbrella.claims, "run_ledger", lambda *a, **k: fake_rows())


def bounded(case) -> None:
    """A valid ensemble request of at most SAMPLES samples (invalid ones are sent as generated)."""
    body = case.body if isinstance(case.body, dict) and case.meta.generation.mode == GenerationMode.POSITIVE else {}
    if isinstance(body.get("samples"), int) and not isinstance(body["samples"], bool) and body["samples"] > SAMPLES:
        body["samples"] = SAMPLES


@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck), database=None,
                     derandomize=not LONG, max_examples=EXAMPLES)
def test_api_conforms_to_its_schema(case):
    bounded(case)
    case.call_and_validate()
