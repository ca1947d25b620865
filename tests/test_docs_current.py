"""docs/MODEL.md and docs/DECISIONS.md are generated from the per-area parts and must be current."""
import subprocess
import sys

from tests.support import ROOT


def test_model_and_decisions_are_assembled_from_current_parts():
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "assemble.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
