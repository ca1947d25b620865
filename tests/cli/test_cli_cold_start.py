"""The cold start of `umbrella run` (issue 18: under 2 s in a fresh process): heavy libraries stay off
its path. Each check runs in a fresh interpreter and reads `sys.modules`; the time itself is measured
by `benchmarks/cold_start.py`, not here."""
from __future__ import annotations

import json
import subprocess
import sys

#: libraries the `umbrella run` summary does not need: importing them would cost seconds at start
HEAVY = ("xarray", "pandas", "scipy", "matplotlib", "duckdb", "dask", "SALib", "pyarrow", "fastapi", "numba")
#: numba itself imports scipy.linalg (numba.np.arraymath's BLAS check) when the kernel loads
HEAVY_ON_RUN = ("xarray", "pandas", "scipy.stats", "matplotlib", "duckdb", "dask", "SALib", "pyarrow", "fastapi")


def _loaded(code: str, names: tuple[str, ...]) -> list[str]:
    probe = code + f"\nimport json, sys\nprint(json.dumps(sorted(n for n in {names!r} if n in sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_command_line_loads_no_heavy_library():
    assert _loaded("import umbrella.cli", HEAVY) == []


def test_a_run_printing_its_summary_loads_no_heavy_library():
    run = ("import contextlib, io, json, sys\nfrom umbrella.cli import main\n"
           "sys.argv = ['umbrella', 'run', 'baseline', '--samples', '50', '--format', 'json']\n"
           "out = io.StringIO()\n"
           "with contextlib.redirect_stdout(out):\n"
           "    try:\n        main()\n    except SystemExit as exc:\n        assert exc.code == 0, exc.code\n"
           "assert json.loads(out.getvalue())['samples'] == 50\n")
    assert _loaded(run, HEAVY_ON_RUN) == []


def test_the_probe_sees_a_heavy_import():
    """The checks above can fail: the probe sees xarray (and the pandas it imports) once imported."""
    assert {"pandas", "xarray"} <= set(_loaded("import umbrella.cli\nimport xarray", HEAVY))
