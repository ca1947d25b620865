"""Hypothesis strategies that mutate a bundled YAML file into hostile input.

A `Mutation` is the new file content, a label, and whether every loader must refuse it (exit 2)
whatever the file: the reader refuses NaN, ±inf, numbers beyond ±2**53, nesting deeper than 50,
anchors and aliases, foreign tags and oversize files wherever they are. Other mutations may give a
valid file (exit 0) or an invalid one (exit 2); never anything else.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Callable

import yaml
from hypothesis import strategies as st

from tests.inputs.hostile import alias_bomb, nested, with_literal
from umbrella.limits import MAX_DEPTH, MAX_FILE_BYTES

#: values a loader must refuse wherever they appear (flow YAML, one line)
REFUSED = (
    ".nan", ".NaN", ".inf", "-.Inf", "1.0e+999", "-2.5e+400", str(2 ** 64), str(-2 ** 64), str(2 ** 53 + 1),
    "1.8446744073709552e+19", "9" * 5000, "0x" + "f" * 300,
    nested(MAX_DEPTH), nested(MAX_DEPTH, "mapping"), nested(20_000), alias_bomb(flow=True),
    "&anchor 1", "*undefined", "[&a 1, *a]",
    "!!python/object/apply:os.system ['echo pwned > pwned.txt']", "!!python/name:os.system", "!custom 1",
    "!!set {a: null}", "!!omap [a: 1]", "2023-13-45", "!!float abc", "!!int x", "!!binary AAA",
)
#: values that may or may not suit the field they land in
ODD = (
    "~", "''", "true", "false", "0", "-1", "1.5", "1e3", str(2 ** 53), str(-2 ** 53), "2023-02-28",
    "汉字 漢字", '"\\u202e\\u0000"', "'" + "x" * 5000 + "'", "[]", "{}", "[1, [2, [3]]]", "{a: {b: {c: 1}}}",
    nested(MAX_DEPTH - 10), "'.nan'", "-0.0", "0o17", "0b101", "1_000",
    "\U0001F4A3", "{? a : 1}", "'<<'",
)


@dataclass(frozen=True)
class Mutation:
    content: bytes
    label: str
    refused: bool = False


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every value's location in a parsed document, the root first."""
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, path + (i,))
    return out


def _replace(data: Any, path: tuple, make: Callable[[Any], Any]) -> Any:
    """A copy of `data` whose node at `path` is `make(node)` (the root when path is empty)."""
    if not path:
        return make(data)
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = make(parent[path[-1]])
    return data


def _delete(data: Any, path: tuple) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6)


@st.composite
def _structural(draw, text: str) -> Mutation:
    """Change one value of the parsed file: a hostile or odd literal, a deletion, a type swap."""
    data = yaml.safe_load(text)
    paths = _paths(data)
    path = draw(st.sampled_from(paths[1:] or paths))
    op = draw(st.sampled_from(["refused", "odd", "delete", "wrap_list", "wrap_mapping", "to_text", "rename_key"]))
    if op in ("refused", "odd"):
        literal = draw(st.sampled_from(REFUSED if op == "refused" else ODD))
        content, _ = with_literal(data, path, literal)
        return Mutation(content.encode(), f"{path} = {literal[:40]}", refused=op == "refused")
    if op == "delete" and path:
        return Mutation(_dump(_delete(data, path)).encode(), f"delete {path}")
    if op == "rename_key" and path:
        name = draw(st.text(max_size=12))
        new = _replace(data, path[:-1], lambda parent: {name if k == path[-1] else k: v for k, v in parent.items()}
                       if isinstance(parent, dict) else parent)
        return Mutation(_dump(new).encode(), f"rename {path} to {name!r}")
    wrap = {"wrap_list": lambda v: [v], "wrap_mapping": lambda v: {"x": v}, "to_text": lambda v: str(v)}.get(op, list)
    return Mutation(_dump(_replace(data, path, wrap)).encode(), f"{op} {path}")


@st.composite
def _textual(draw, text: str) -> Mutation:
    """Edit the text itself: garbage bytes, unicode, cut lines, duplicated lines, oversize."""
    raw = text.encode("utf-8")
    lines = text.splitlines(keepends=True)
    op = draw(st.sampled_from(["bytes", "unicode", "truncate", "delete_lines", "duplicate_line", "garbage",
                               "oversize"]))
    at = draw(st.integers(0, len(raw)))
    if op == "bytes":
        return Mutation(raw[:at] + draw(st.binary(min_size=1, max_size=32)) + raw[at:], f"bytes at {at}")
    if op == "unicode":
        return Mutation(raw[:at] + draw(st.text(min_size=1, max_size=32)).encode("utf-8") + raw[at:],
                        f"unicode at {at}")
    if op == "truncate":
        return Mutation(raw[:at], f"truncate at {at}")
    if op == "garbage":
        return Mutation(draw(st.binary(max_size=256)), "garbage")
    if op == "oversize":
        return Mutation(raw + b"#" * (MAX_FILE_BYTES + 1 - len(raw)) + b"\n", "oversize", refused=True)
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    if op == "delete_lines":
        n = draw(st.integers(1, 20))
        return Mutation("".join(lines[:i] + lines[i + n:]).encode(), f"delete lines {i + 1}-{i + n}")
    return Mutation("".join(lines[:i + 1] + lines[i:]).encode(), f"duplicate line {i + 1}")


def mutations(text: str) -> st.SearchStrategy[Mutation]:
    """Mutations of one file's text."""
    return st.one_of(_structural(text), _textual(text))
