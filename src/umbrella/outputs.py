"""Crash-safe output files: each is written under a temporary name in its own folder, then renamed.

A temporary file is named `.umbrella-tmp-<host>-<pid>-<start>-<random>.<final name>`: `<host>`
is a short hash of the machine's name, `<pid>` and `<start>` (the process's start time in clock
ticks since boot, from /proc; 0 where unknown) identify the writer. A writer killed with SIGKILL
cannot remove its temporary file, so the next write into that folder, and `umbrella clean DIR`,
remove it — but only once its writer is provably gone: written on this machine, and no process
with that pid and start time is running (a reused pid has another start time; a zombie writes no
more). Temporary files of running writers, and of other machines sharing the folder, are kept.
Renaming protects against a process dying, not against power loss (outputs are not fsynced: they
are reproducible from their seed).
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pathlib
import re
import socket
import tempfile
from dataclasses import dataclass
from typing import Iterator, Optional

from umbrella.errors import InputError, Problem

PREFIX = ".umbrella-tmp-"
_NAME = re.compile(r"^\.umbrella-tmp-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})-(?P<start>[0-9]{1,20})-")
_swept: set[pathlib.Path] = set()


@functools.lru_cache(maxsize=1)
def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _proc_stat(pid: int) -> Optional[tuple[str, int]]:
    """(state, start time in clock ticks since boot) of a process, from /proc; None where unknown."""
    try:
        text = pathlib.Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        fields = text.rsplit(")", 1)[1].split()   # the command name, in parentheses, may hold spaces
        return fields[0], int(fields[19])         # fields 3 and 22 of proc(5)
    except (OSError, IndexError, ValueError):
        return None


def _writer_alive(pid: int, start: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass                      # it exists, owned by another user
    except (OverflowError, ValueError, OSError):
        return False              # not a pid any process can have
    stat = _proc_stat(pid)
    if stat is None or start == 0:
        return True               # cannot tell it from a reused pid: keep the file
    state, started = stat
    return state not in ("Z", "X") and started == start


def ensure_dir(path: pathlib.Path, field: str = "out") -> pathlib.Path:
    """Create an output directory, or raise InputError (one line) if it cannot be one."""
    path = pathlib.Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([Problem(str(path), 0, field, f"cannot create this directory ({exc.strerror or exc})")]) from None
    if not path.is_dir():
        raise InputError([Problem(str(path), 0, field, "exists and is not a directory")])
    return path


@contextlib.contextmanager
def atomic_path(path: pathlib.Path, field: str = "out") -> Iterator[str]:
    """Yield a temporary file name beside `path` (same suffix, so libraries infer the format);
    on success rename it to `path` with the usual permissions, on failure remove it."""
    path = pathlib.Path(path)
    folder = ensure_dir(path.parent, field)
    if folder.resolve() not in _swept:
        _swept.add(folder.resolve())
        clean(folder, recursive=False)
    pid = os.getpid()
    stat = _proc_stat(pid)
    prefix = f"{PREFIX}{_host()}-{pid}-{stat[1] if stat else 0}-"
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=f".{path.name}")
    except OSError as exc:
        raise InputError([Problem(str(path), 0, field, f"cannot write here ({exc.strerror or exc})")]) from None
    os.close(fd)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: pathlib.Path, data: str | bytes, field: str = "out") -> None:
    """Write text or bytes via a temporary file in the same folder, then rename."""
    with atomic_path(path, field) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)


@dataclass(frozen=True)
class Leftover:
    """A temporary file found by `clean`: removed (its writer is gone) or kept, and why."""
    path: pathlib.Path
    bytes: int
    removed: bool
    reason: str


def clean(folder: pathlib.Path, recursive: bool = True) -> list[Leftover]:
    """Remove the temporary files of dead writers in `folder` (and its subfolders, without
    following links); report every temporary file found."""
    found = []
    for directory, subdirs, files in os.walk(folder):
        if not recursive:
            subdirs.clear()
        for name in sorted(files):
            match = _NAME.match(name)
            if match:
                found.append(_clean_one(pathlib.Path(directory) / name, match))
    return found


def _clean_one(path: pathlib.Path, match: re.Match) -> Leftover:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if match["host"] != _host():
        return Leftover(path, size, False, "written on another machine: its writer cannot be checked from here")
    pid = int(match["pid"])
    if _writer_alive(pid, int(match["start"])):
        return Leftover(path, size, False, f"its writer (pid {pid}) is still running")
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        return Leftover(path, size, False, f"cannot remove it ({exc.strerror or exc})")
    return Leftover(path, size, True, f"its writer (pid {pid}) is gone")


def user_cache(part: str) -> pathlib.Path:
    """A folder of the user cache, never the repository: `$UMBRELLA_CACHE/PART`, else
    `$XDG_CACHE_HOME/umbrella/PART`, else `~/.cache/umbrella/PART` (compiled kernels, finished ledgers)."""
    root = os.environ.get("UMBRELLA_CACHE")
    if root:
        return pathlib.Path(root) / part
    base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "umbrella" / part


def cache_entry(path: pathlib.Path, data: bytes, keep: int) -> None:
    """Write a user-cache entry atomically and drop all but the `keep` newest entries of its folder
    with its suffix; a cache that cannot be written is no error (the entry is made again next time)."""
    try:
        atomic_write(path, data, "UMBRELLA_CACHE")
        entries = sorted(path.parent.glob(f"*{path.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except (OSError, InputError):
        pass
