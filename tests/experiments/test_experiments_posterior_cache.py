"""The inflated posterior kept in the user cache (calibration._inflated): the same draws as the
compressed file read directly, an entry per draws file, a corrupt entry made again, and a draws file
that does not match its manifest still refused."""
from __future__ import annotations

import io

import numpy as np
import pytest

from umbrella.dynamics.parameters import PARAMETERS
from umbrella.errors import InputError
from umbrella.experiments import calibration as cal
from umbrella.experiments.sampling import sample


@pytest.fixture
def manifest(tmp_path, monkeypatch):
    monkeypatch.setenv("UMBRELLA_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "northeast-asia.json"
    cal.write_posterior({"model": cal.MODEL, "draws": sample(PARAMETERS, 40, 3, "mc")}, path)
    return path


def _direct(manifest) -> dict:
    """The draws read straight from the compressed file, without the code under test."""
    with np.load(io.BytesIO(cal.draws_path(manifest).read_bytes())) as data:
        return {str(n): np.asarray(data["draws"][:, j], dtype=np.float64) for j, n in enumerate(data["names"])}


def _entries(tmp_path) -> list:
    return sorted((tmp_path / "cache" / "posterior").glob("*.npz"))


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def test_the_cached_draws_are_the_files_draws(manifest, tmp_path):
    first = cal.load_posterior(manifest)
    assert len(_entries(tmp_path)) == 1
    again = cal.load_posterior(manifest)
    _same(first, _direct(manifest))
    _same(again, first)


def test_a_corrupt_entry_is_made_again(manifest, tmp_path):
    cal.load_posterior(manifest)
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"PK not a zip")
    _same(cal.load_posterior(manifest), _direct(manifest))
    assert entry.read_bytes()[:4] != b"PK n"


def test_another_draws_file_gets_its_own_entry_and_an_altered_one_is_refused(manifest, tmp_path):
    cal.load_posterior(manifest)
    cal.write_posterior({"model": cal.MODEL, "draws": sample(PARAMETERS, 40, 4, "mc")}, manifest)
    _same(cal.load_posterior(manifest), _direct(manifest))
    assert len(_entries(tmp_path)) == 2
    blob = cal.draws_path(manifest).read_bytes()
    cal.draws_path(manifest).write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    with pytest.raises(InputError, match="draws_sha256"):
        cal.load_posterior(manifest)
