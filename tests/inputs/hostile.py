"""Hostile YAML, built once for the reader's tests, the crasher regressions and the fuzzer."""
from __future__ import annotations

import copy
from typing import Any

import yaml

PLACEHOLDER = "hostile-placeholder-3b7"


def alias_bomb(flow: bool = False, levels: int = 8, width: int = 9) -> str:
    """The reliability run's bomb: each level lists the previous one `width` times (9**8 leaves).
    Block style is a whole file; flow style is one value that fits in any field."""
    items = [f"&a0 [{', '.join(['x'] * width)}]"]
    items += [f"&a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    if flow:
        return "[" + ", ".join(items) + "]"
    return "".join(f"a{i}: {item}\n" for i, item in enumerate(items))


def nested(levels: int, kind: str = "list") -> str:
    """`levels` levels of flow lists or mappings, one line."""
    return "[" * levels + "]" * levels if kind == "list" else "{a: " * levels + "1" + "}" * levels


def with_literal(data: Any, path: tuple, literal: str) -> tuple[str, int]:
    """`data` dumped as YAML with the value at `path` written as the flow literal `literal`, and
    the line where it is."""
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = PLACEHOLDER
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6)
    return text.replace(PLACEHOLDER, literal, 1), text[:text.index(PLACEHOLDER)].count("\n") + 1
