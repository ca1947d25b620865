"""Shared test helpers."""
from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def run_cli(*args, cwd=ROOT):
    """Run the `umbrella` command as a user would; return (exit code, stdout, stderr)."""
    r = subprocess.run([sys.executable, "-m", "umbrella", *map(str, args)], capture_output=True, text=True, cwd=cwd)
    return r.returncode, r.stdout, r.stderr


@pytest.fixture
def cli():
    return run_cli
