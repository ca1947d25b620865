"""The package installs as a package: a wheel built from the repository carries the evidence base,
the scenarios, the posterior, the claims ledger and the theories, and `umbrella` works from any
directory after a non-editable install into a fresh environment (SYSTEM.md §4).

The wheel is installed with `--no-deps` into a new venv; the dependencies are made importable from
this test's own environment by a plain path in a `.pth` file (the path of its site-packages, which
Python appends after the venv's own). Only the venv's copy of `umbrella` can be imported: the test
environment holds umbrella as an editable install, whose `.pth` hook is not processed for a path
added this way, and the test checks where `umbrella` was imported from.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from tests.support import QCA_DIR, ROOT
from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME

BUNDLED = ("umbrella/py.typed", "umbrella/resources/data/sources.bib", "umbrella/resources/data/alliances.yaml",
           "umbrella/resources/data/disputes/spain-1988.yaml", "umbrella/resources/scenarios/baseline.yaml",
           "umbrella/resources/calibration/northeast-asia.json", "umbrella/resources/calibration/northeast-asia.npz",
           "umbrella/resources/claims/ledger.yaml",
           "umbrella/theory/theories/deployment-typology.yaml", "umbrella/lab/run_all.yaml",
           "umbrella/api/dashboard/page.html", "umbrella/api/dashboard/core.js", "umbrella/api/dashboard/style.css")


def _run(args: list, cwd: pathlib.Path, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, the venv's `umbrella` executable, its python, an environment without PYTHONPATH)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"              # build from a copy: setuptools writes build/ and egg-info beside it
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                  "-w", tmp / "dist", source], tmp, env)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp / "dist").glob("umbrella-*.whl")
    venv = tmp / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], tmp, env)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    done = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel], tmp, env)
    assert done.returncode == 0, done.stdout + done.stderr
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, env).stdout.strip()
    (pathlib.Path(site) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return wheel, venv / "bin" / "umbrella", python, env, elsewhere


def test_the_wheel_carries_the_bundled_resources(installed):
    wheel = installed[0]
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in BUNDLED if n not in names]
    assert not missing, missing
    disputes = [n for n in names if n.startswith("umbrella/resources/data/disputes/")]
    assert len(disputes) == len(list((ROOT / "src/umbrella/resources/data/disputes").glob("*.yaml")))


def test_installed_umbrella_is_the_wheels_not_the_repository(installed):
    _, _, python, env, elsewhere = installed
    r = _run([python, "-c", "import umbrella, umbrella.resources as r; print(umbrella.__file__); print(r.data_dir())"],
             elsewhere, env)
    assert r.returncode == 0, r.stderr
    module, data = r.stdout.split()
    venv = python.parent.parent
    assert pathlib.Path(module).is_relative_to(venv) and pathlib.Path(data).is_relative_to(venv)
    assert not pathlib.Path(module).is_relative_to(ROOT)


def test_data_check_from_another_directory(installed):
    _, umbrella, _, env, elsewhere = installed
    r = _run([umbrella, "data", "check"], elsewhere, env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("ok: ") and "disputes" in r.stdout


def test_run_from_another_directory_is_one_json_document(installed):
    _, umbrella, _, env, elsewhere = installed
    r = _run([umbrella, "run", "baseline", "--samples", "100", "--format", "json"], elsewhere, env)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    doc = json.loads(r.stdout)
    assert doc["scenario"] == "baseline" and doc["samples"] == 100
    assert doc["parameters_from"] == "posterior"          # the bundled posterior was found and used
    assert set(doc["variables"]["public_nuclear_support"]) == set(VARIABLE_BY_NAME["public_nuclear_support"].actors)


@pytest.mark.skipif(not QCA_DIR.is_dir(), reason="../shared/data/qca absent")
def test_qca_from_another_directory_is_one_json_document(installed):
    _, umbrella, _, env, elsewhere = installed
    r = _run([umbrella, "qca", "minimize", QCA_DIR / "LC.csv", "--outcome", "SURV", "--conditions",
              "DEV,URB,LIT,IND,STB", "--format", "json"], elsewhere, env)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert json.loads(r.stdout)["solutions"]
