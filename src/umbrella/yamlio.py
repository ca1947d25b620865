"""The one YAML reader of every input file, hardened, and remembering where every value came from.

`load_yaml(path)` returns `(data, lines)` where `lines` maps a path tuple such as
`("alternatives", 0, "kind")` to its 1-based line number, so that schema errors can be reported
as `PATH:LINE: FIELD: message`. It reads YAML's plain data only and refuses, each with one such
line, whatever could make a loader hang, crash or silently misread (limits in `umbrella.limits`,
reasons in docs/decisions/inputs.md):

- a file over `MAX_FILE_BYTES` (refused by its size, before it is read), text that is not UTF-8
  or holds control characters (binary data);
- anchors, aliases and merge keys (`&a`, `*a`, `<<:`): an alias "bomb" expands exponentially;
- nesting deeper than `MAX_DEPTH`;
- tags other than YAML's plain types (`!!python/...` is never constructed);
- numbers that are not finite or lie beyond ±2**53, and values their tag cannot read (`2023-13-45`);
- duplicate keys (PyYAML would silently keep the last) and keys that are not scalars.

Events come from libyaml where it is installed (50× faster than the pure-Python scanner, which
is the fallback); the tree is built here, one level of Python recursion per level of nesting.
"""
from __future__ import annotations

import pathlib
from typing import Any, NoReturn

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from umbrella.errors import InputError, Problem
from umbrella.limits import MAX_DEPTH, MAX_FILE_BYTES, number_problem


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's own parser, for a PyYAML built without libyaml."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:
    from yaml._yaml import CParser as _Parser
except ImportError:
    _Parser = _PurePythonParser

Lines = dict[tuple, int]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("null", "bool", "int", "float", "str", "timestamp", "binary")}
_COLLECTION_TAGS = {None, "!", _TAG + "seq", _TAG + "map"}
#: Python refuses to convert integer literals of over 4300 digits; past this length any integer
#: literal is far beyond ±2**53 anyway
_LONGEST_INTEGER = 100


class _Scalars(yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """PyYAML's own rules for the implicit type of a plain scalar and for reading it."""


def dotted(path: tuple) -> str:
    """A location as a field name: `alternatives[0].kind`; keys that are blank, padded or hold
    control characters are quoted so that the field stays one visible word."""
    out = ""
    for part in path:
        if isinstance(part, str) and not (part.strip() == part and part.isprintable() and part):
            part = repr(part)
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


def read_input(path: pathlib.Path, display: str | None = None) -> str:
    """The text of an input file: at most MAX_FILE_BYTES (refused by size before reading), UTF-8,
    no control characters. InputError (one line) otherwise."""
    shown = display or str(path)

    def refuse(line: int, message: str) -> NoReturn:
        raise InputError([Problem(shown, line, "-", message)])

    limit = f"the limit is {MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 2 ** 20} MiB)"
    try:
        size = pathlib.Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            refuse(1, f"file too large: {size:,} bytes; {limit}")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # a device or a growing file may say less than it holds
    except OSError as exc:
        refuse(1, f"cannot read file ({exc.strerror or exc})")
    if len(raw) > MAX_FILE_BYTES:
        refuse(1, f"file too large: over {MAX_FILE_BYTES:,} bytes; {limit}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        refuse(raw.count(b"\n", 0, exc.start) + 1,
               f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); input files are UTF-8 text")
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad:
        refuse(text.count("\n", 0, bad.start()) + 1,
               f"control character U+{ord(bad.group()):04X} (binary data?); input files are text")
    return text


def load_yaml(path: pathlib.Path, display: str | None = None) -> tuple[Any, Lines]:
    """Parse one YAML file; raise InputError (one line per problem) if it is malformed or refused."""
    shown = display or str(path)
    text = read_input(path, shown)
    builder = _Builder(text, shown)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(exc.problem or exc.context or exc).split())
        builder.refuse(mark.line + 1 if mark else 1, "-", f"malformed YAML: {message}")
    except yaml.YAMLError as exc:  # a reader error carries a position, not a mark
        position = getattr(exc, "position", 0) or 0
        builder.refuse(text.count("\n", 0, position) + 1, "-", f"malformed YAML: {' '.join(str(exc).split())}")
    finally:
        builder.events.dispose()
    if builder.problems:
        raise InputError(builder.problems)
    return data, builder.lines


class _Builder:
    """Plain data from the parser's events: one pass, every limit checked as it is reached."""

    def __init__(self, text: str, shown: str):
        self.events = _Parser(text)
        self.scalars = _Scalars()
        self.shown = shown
        self.lines: Lines = {}
        self.problems: list[Problem] = []

    def problem(self, line: int, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.shown, line, dotted(path), message))

    def refuse(self, line: int, field: str, message: str) -> NoReturn:
        """Stop reading: the problems found so far, then this one."""
        raise InputError(self.problems + [Problem(self.shown, line, field, message)])

    def document(self) -> Any:
        self.events.get_event()                      # stream start
        if self.events.check_event(StreamEndEvent):  # an empty file
            return None
        self.events.get_event()                      # document start
        data = self.node((), 0)
        self.events.get_event()                      # document end
        if not self.events.check_event(StreamEndEvent):
            line = self.events.peek_event().start_mark.line + 1
            self.refuse(line, "-", "a second YAML document (`---`); a file holds one")
        return data

    def node(self, path: tuple, depth: int) -> Any:
        event = self.events.get_event()
        line = event.start_mark.line + 1
        self.lines[path] = line
        if isinstance(event, AliasEvent):
            self.refuse(line, dotted(path), f"alias *{event.anchor} refused: aliases and anchors are not "
                                             f"accepted (an alias can expand exponentially); write the value out")
        if event.anchor is not None:
            self.refuse(line, dotted(path), f"anchor &{event.anchor} refused: anchors and aliases are not "
                                             f"accepted (an alias can expand exponentially); write the value out")
        if isinstance(event, ScalarEvent):
            return self.scalar(event, path, line)
        if depth >= MAX_DEPTH:
            self.refuse(line, dotted(path), f"nested deeper than {MAX_DEPTH} levels of lists and mappings")
        if event.tag not in _COLLECTION_TAGS:
            self.problem(line, path, f"tag {event.tag} is not accepted (plain lists and mappings only)")
        if isinstance(event, SequenceStartEvent):
            items = []
            while not self.events.check_event(SequenceEndEvent):
                items.append(self.node(path + (len(items),), depth + 1))
            self.events.get_event()
            return items
        out: dict = {}
        while not self.events.check_event(MappingEndEvent):
            self.entry(out, path, depth)
        self.events.get_event()
        return out

    def entry(self, out: dict, path: tuple, depth: int) -> None:
        """One `key: value` of a mapping into `out`; a bad key is reported and its value read and dropped."""
        key_event = self.events.peek_event()
        key_line = key_event.start_mark.line + 1
        known = len(self.problems)
        key = self.detached(path, depth + 1)
        if not isinstance(key_event, ScalarEvent):
            self.problem(key_line, path, "a mapping key must be a scalar")
            key = "?"
        elif len(self.problems) == known and key in out:
            self.problem(key_line, path + (key,), "duplicate key")
        elif len(self.problems) == known:
            out[key] = self.node(path + (key,), depth + 1)
            self.lines[path + (key,)] = key_line  # a key's line is more useful than its value's
            return
        self.detached(path + (key,), depth + 1)

    def detached(self, path: tuple, depth: int) -> Any:
        """A node whose lines are not kept (a key, or the value of a refused key)."""
        kept, self.lines = self.lines, {}
        try:
            return self.node(path, depth)
        finally:
            self.lines = kept

    def scalar(self, event: ScalarEvent, path: tuple, line: int) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.scalars.resolve(ScalarNode, event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            self.problem(line, path, "merge keys (<<) are not accepted; write the entries out" if tag == _TAG + "merge"
                         else f"tag {tag} is not accepted (plain scalars only)")
            return None
        if tag == _TAG + "int" and len(event.value) > _LONGEST_INTEGER:
            self.problem(line, path, f"a {len(event.value)}-character integer is too large")
            return None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.scalars.yaml_constructors[tag](self.scalars, node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            kind = tag.removeprefix(_TAG)
            self.problem(line, path, f"cannot read {event.value[:40]!r} as {kind}: {' '.join(str(exc).split())[:80]}")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            message = number_problem(value)
            if message:
                self.problem(line, path, message)
                return None
        return value


def line_of(lines: Lines, loc: tuple) -> int:
    """The line of the deepest known prefix of `loc` (pydantic locations may go deeper than YAML)."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), 1)
