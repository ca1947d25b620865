"""YAML reading that remembers where every value came from.

`load_yaml(path)` returns `(data, lines)` where `lines` maps a path tuple such as
`("alternatives", 0, "kind")` to its 1-based line number, so that schema errors can be reported
as `PATH:LINE: FIELD: message`. Duplicate keys are errors (PyYAML silently keeps the last).
"""
from __future__ import annotations

import contextlib
import os
import pathlib
import tempfile
from typing import Any

import yaml

from umbrella.errors import InputError, Problem

Lines = dict[tuple, int]


class _Loader(yaml.SafeLoader):
    pass


def _convert(node: yaml.Node, loader: _Loader, path: tuple, lines: Lines, problems: list[str | tuple]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                problems.append((key_node.start_mark.line + 1, _dotted(path), "a mapping key must be a scalar"))
                continue
            if key in out:
                problems.append((key_node.start_mark.line + 1, _dotted(path + (key,)), "duplicate key"))
                continue
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, loader, path + (key,), lines, problems)
            # keep the key's line for scalars (more useful than the value's)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, loader, path + (i,), lines, problems) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


dotted = _dotted


def load_yaml(path: pathlib.Path, display: str | None = None) -> tuple[Any, Lines]:
    """Parse one YAML file; raise InputError (one line per problem) if it is malformed."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(shown, 1, "-", f"cannot read file: {exc}")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: Lines = {}
        problems: list = []
        data = _convert(node, loader, (), lines, problems) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        msg = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise InputError([Problem(shown, line, "-", f"malformed YAML: {msg}")]) from None
    finally:
        loader.dispose()
    if problems:
        raise InputError([Problem(shown, ln, field, msg) for ln, field, msg in problems])
    return data, lines


def line_of(lines: Lines, loc: tuple) -> int:
    """The line of the deepest known prefix of `loc` (pydantic locations may go deeper than YAML)."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), 1)


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
def atomic_path(path: pathlib.Path, field: str = "out"):
    """Yield a temporary file name next to `path`; on success rename it to `path` (usual
    permissions), on failure remove it: nothing half-written is ever left behind."""
    path = pathlib.Path(path)
    ensure_dir(path.parent, field)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix or ".tmp")
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
