"""The evidence base kept between processes (evidence/cache.py): a second load with the same inputs
comes from the cache and equals a fresh load; a changed or new file, or a corrupt entry, is loaded
afresh; a base with problems is never kept."""
from __future__ import annotations

import pathlib
import shutil

import pytest

from umbrella.errors import InputError
from umbrella.evidence import bundled_data_dir, cache, load, loader
from umbrella.outputs import cache_entry


@pytest.fixture
def base(tmp_path, monkeypatch) -> pathlib.Path:
    monkeypatch.setenv("UMBRELLA_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), folder)
    return folder


def _entries() -> list[pathlib.Path]:
    return sorted(cache.folder().glob("*.pickle"))


def _no_parsing(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed the YAML again")
    monkeypatch.setattr(loader, "_read_dir", refuse)


def test_a_second_load_comes_from_the_cache_and_equals_a_fresh_one(base, monkeypatch):
    first = load(base=base, cached=True)
    assert len(_entries()) == 1
    fresh = load(base=base)
    with monkeypatch.context() as m:
        _no_parsing(m)
        again = load(base=base, cached=True)
    assert again == first == fresh
    assert again.origins == fresh.origins and again.warnings == fresh.warnings


def test_a_changed_file_is_loaded_afresh(base, monkeypatch):
    load(base=base, cached=True)
    actors = base / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("{en: Canada,", "{en: Dominion of Canada,", 1),
                      encoding="utf-8")
    changed = load(base=base, cached=True)
    assert changed.actors["CAN"].name.en == "Dominion of Canada"
    assert len(_entries()) == 2
    with monkeypatch.context() as m:        # and that one is kept in turn
        _no_parsing(m)
        assert load(base=base, cached=True).actors["CAN"].name.en == "Dominion of Canada"


def test_a_new_file_is_loaded_afresh_and_a_base_with_problems_is_never_kept(base):
    load(base=base, cached=True)
    (base / "stray.txt").write_text("not part of the layout\n", encoding="utf-8")
    assert any("stray.txt" in w for w in load(base=base, cached=True).warnings)
    (base / "events.yaml").write_text("- {id: broken}\n", encoding="utf-8")
    entries = _entries()
    with pytest.raises(InputError):
        load(base=base, cached=True)
    assert _entries() == entries


def test_a_corrupt_entry_is_loaded_afresh(base):
    first = load(base=base, cached=True)
    (entry,) = _entries()
    entry.write_bytes(b"not a pickle")
    assert load(base=base, cached=True) == first
    assert entry.read_bytes() != b"not a pickle"


def test_only_the_newest_entries_are_kept(base):
    for i in range(cache.KEEP + 3):
        cache_entry(cache.folder() / f"{i:02d}.pickle", b"x", cache.KEEP)
    assert len(_entries()) == cache.KEEP
