"""Crash-safe outputs (umbrella.outputs): files appear whole or not at all, temporary files live in
the output folder under a recognisable name, and the temporary files of dead writers — only
those — are removed by the next write into that folder or by `umbrella clean DIR`."""
from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
import time

import pytest

from tests.support import ROOT, assert_input_error, umbrella
from umbrella import outputs

linux_only = pytest.mark.skipif(not pathlib.Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")


def temps(folder: pathlib.Path) -> list[pathlib.Path]:
    return sorted(folder.rglob(".umbrella-tmp-*"))


def own_start() -> int:
    return int(pathlib.Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])


def fake_temp(folder: pathlib.Path, pid: int, start: int, host: str | None = None, name: str = "x.json") -> pathlib.Path:
    path = folder / f".umbrella-tmp-{host or outputs._host()}-{pid}-{start}-abc123.{name}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"partial")
    return path


def test_atomic_write_gives_the_whole_file_and_no_temporary(tmp_path):
    outputs.atomic_write(tmp_path / "a" / "out.json", '{"ok": true}')
    assert json.loads((tmp_path / "a" / "out.json").read_text()) == {"ok": True}
    assert temps(tmp_path) == []
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a" / "out.json").stat().st_mode & 0o777 == 0o666 & ~umask


@linux_only
def test_the_temporary_file_is_in_the_output_folder_and_names_its_writer(tmp_path):
    with outputs.atomic_path(tmp_path / "ensemble.nc") as tmp:
        tmp = pathlib.Path(tmp)
        assert tmp.parent == tmp_path and tmp.name.endswith(".ensemble.nc")
        match = re.match(r"^\.umbrella-tmp-([0-9a-f]{8})-(\d+)-(\d+)-", tmp.name)
        assert match and int(match[2]) == os.getpid() and int(match[3]) == own_start()
        tmp.write_bytes(b"data")
    assert (tmp_path / "ensemble.nc").read_bytes() == b"data" and temps(tmp_path) == []


def test_a_failed_write_leaves_neither_temporary_nor_target(tmp_path):
    with pytest.raises(RuntimeError):
        with outputs.atomic_path(tmp_path / "out.parquet") as tmp:
            pathlib.Path(tmp).write_bytes(b"half")
            raise RuntimeError("writer failed")
    assert list(tmp_path.iterdir()) == []


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@linux_only
def test_clean_removes_the_files_of_dead_writers_only(tmp_path):
    zombie = subprocess.Popen(["true"])
    try:
        while pathlib.Path(f"/proc/{zombie.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            time.sleep(0.01)
        zombie_start = int(pathlib.Path(f"/proc/{zombie.pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        gone = {fake_temp(tmp_path, dead_pid(), 12345),                          # no such process
                fake_temp(tmp_path, os.getpid(), own_start() - 1, name="y.nc"),   # pid reused by this process
                fake_temp(tmp_path, zombie.pid, zombie_start, name="z.nc"),        # killed, not yet reaped
                fake_temp(tmp_path / "sub", dead_pid(), 1)}                      # in a subfolder
        kept = {fake_temp(tmp_path, os.getpid(), own_start(), name="live.nc"),     # a running writer
                fake_temp(tmp_path, dead_pid(), 1, host="00000000")}              # another machine's
        others = {tmp_path / ".ensemble.nc.k2j3.nc", tmp_path / "ensemble.nc"}
        for path in others:
            path.write_bytes(b"not ours")
        report = outputs.clean(tmp_path)
    finally:
        zombie.wait()
    assert {f.path for f in report if f.removed} == gone
    assert {f.path for f in report if not f.removed} == kept
    assert set(tmp_path.rglob("*")) - {tmp_path / "sub"} == kept | others


@linux_only
def test_the_next_write_into_a_folder_removes_orphans_there_only(tmp_path):
    orphan = fake_temp(tmp_path / "out", dead_pid(), 1)
    deeper = fake_temp(tmp_path / "out" / "sub", dead_pid(), 1)
    outputs.atomic_write(tmp_path / "out" / "summary.json", "{}")
    assert not orphan.exists() and deeper.exists()


@linux_only
def test_umbrella_clean_reports_what_it_removed_and_kept(tmp_path):
    orphan = fake_temp(tmp_path, dead_pid(), 1)
    live = fake_temp(tmp_path, os.getpid(), own_start(), name="live.nc")
    rc, out, err = umbrella("clean", tmp_path, "--format", "json")
    assert rc == 0, err
    files = {pathlib.Path(f["path"]): f["removed"] for f in json.loads(out)["files"]}
    assert files == {orphan: True, live: False} and not orphan.exists() and live.exists()
    assert_input_error(*umbrella("clean", tmp_path / "missing"), fields=["DIR"], max_lines=1)


@linux_only
def test_a_writer_killed_mid_write_leaves_no_partial_file_and_the_next_run_cleans_up(tmp_path):
    import xarray as xr
    out = tmp_path / "out"
    writer = subprocess.Popen([sys.executable, "-m", "umbrella", "run", "baseline", "--samples", "5000", "--out", str(out),
                               "--format", "json"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = []
    deadline = time.monotonic() + 600
    while writer.poll() is None and not seen and time.monotonic() < deadline:
        seen = temps(out) if out.is_dir() else []
        time.sleep(0.002)
    writer.kill()   # SIGKILL: no cleanup runs
    writer.wait()
    assert seen, "the writer finished before its temporary file was seen"
    assert temps(out), "the killed writer's temporary file should be there for the next run to find"
    for name in ("ensemble.nc", "summary.json"):   # a final file exists only whole (rename is atomic)
        if (out / name).exists():
            xr.load_dataset(out / name, engine="h5netcdf") if name.endswith(".nc") else json.loads((out / name).read_text())

    rc, _, err = umbrella("run", "baseline", "--samples", "20", "--out", out, "--format", "json")
    assert rc == 0, err
    assert temps(out) == []
    assert xr.load_dataset(out / "ensemble.nc", engine="h5netcdf").sizes["sample"] == 20
    assert json.loads((out / "summary.json").read_text())["samples"] == 20
