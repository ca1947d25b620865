"""Fixtures of the API tests (imported by name: a conftest.py here would shadow tests/conftest.py for
`from conftest import ...` elsewhere): an in-process client and the CLI's JSON for the same input."""
from __future__ import annotations

import json
import warnings

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from umbrella.api import create_app


@pytest.fixture(scope="session")
def client():
    return TestClient(create_app())


@pytest.fixture(scope="session")
def cli_json():
    """`umbrella ARGS --format json` run in-process: its stdout parsed as one JSON document."""
    from typer.testing import CliRunner

    from umbrella.cli import app
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [*map(str, args), "--format", "json"])
        assert result.exit_code == 0, (args, result.output)
        return json.loads(result.stdout)

    return run
