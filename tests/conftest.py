"""Fixtures every test folder may use (helpers are imported from `tests.support`)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def lab():
    """The laboratory over the bundled resources, loaded once for the session."""
    from umbrella.lab import Lab
    return Lab()
