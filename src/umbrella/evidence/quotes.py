"""Where a verbatim quote sits in its seed: the line, and the numbered section around it.

Quotes are matched as the loader checks them (whitespace ignored, SYSTEM.md §3.1). The section is
read off the seed's own numbered headings (`一、…` chapters and `(一)` subsections, with the title
that follows the number); a seed without numbered headings gives none rather than a guess.
"""
from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass
from typing import Optional

CHAPTER = re.compile(r"^\s*([一二三四五六七八九十]+、)\s*(.*)$")
SUBSECTION = re.compile(r"^\s*([(（][一二三四五六七八九十]+[)）])\s*(.*)$")
TITLE_CHARS = 40


@dataclass(frozen=True)
class Location:
    line: int                     # 1-based line of the seed where the quote begins
    section: Optional[str]        # e.g. "五、美国对核部署争议的处理 (一)"; None without numbered headings


@functools.lru_cache(maxsize=8)
def _seed(path: pathlib.Path) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """The seed squashed (whitespace removed), the original line of each squashed character, its lines."""
    text = path.read_text(encoding="utf-8")
    chars, lines = [], []
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        if not ch.isspace():
            chars.append(ch)
            lines.append(line)
    return "".join(chars), tuple(lines), tuple(text.split("\n"))


def _heading(lines: tuple[str, ...], index: int, marker: str, rest: str) -> str:
    """A heading's number and title: the text after the number, else the next non-empty line."""
    title = rest.strip()
    if not title:
        for following in lines[index + 1:index + 6]:
            if following.strip():
                if CHAPTER.match(following) or SUBSECTION.match(following):
                    break
                title = following.strip()
                break
    return (marker + title)[:TITLE_CHARS]


def _section(lines: tuple[str, ...], line: int) -> Optional[str]:
    chapter = subsection = None
    for i in range(line):           # headings on lines 1..line
        if i >= len(lines):
            break
        m = CHAPTER.match(lines[i])
        if m:
            chapter, subsection = _heading(lines, i, *m.groups()), None
            continue
        m = SUBSECTION.match(lines[i])
        if m and chapter is not None:
            subsection = _heading(lines, i, *m.groups())
    if chapter is None:
        return None
    return chapter if subsection is None else f"{chapter} {subsection}"


def locate(seed_path: pathlib.Path, quote: str) -> Optional[Location]:
    """Where `quote` (fragments joined by ' … ' allowed; the first is located) begins in the seed, or
    None where it does not occur."""
    squashed, char_lines, lines = _seed(seed_path)
    first = next((f for f in (re.sub(r"\s+", "", part) for part in quote.split("…")) if f), "")
    at = squashed.find(first) if first else -1
    if at < 0:
        return None
    line = char_lines[at]
    return Location(line=line, section=_section(lines, line))
