"""One error type for every kind of bad input, carrying one line per problem.

Every layer raises `InputError` with `Problem`s; the CLI prints them as
`PATH:LINE: FIELD: message` and exits 2, the API answers 4xx. No traceback ever reaches a user.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{_one_line(self.path)}:{self.line}: {_one_line(self.field) or '-'}: {_one_line(self.message)}"


def _one_line(text: str) -> str:
    """Line breaks inside a part (a key or a value quoted from hostile input) would break the
    one-line-per-problem contract."""
    return " ".join(str(text).splitlines())


class InputError(Exception):
    """Bad input: a list of problems, each printable on one line."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("<input>", 0, "-", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownName(InputError):
    """Bad input that names something that does not exist (a game, a theory, a record, a kind): over
    HTTP a 404 where the name is part of the URL."""


#: The `PATH` of a problem with an argument of a request (no file, line 0). The field is the
#: request's field (`samples`, `set.c_alt`); each front end says where it came from: the CLI
#: maps fields to its flags (`--samples`, `--set c_alt`), the API to the request body.
REQUEST = "<request>"


def request_problem(field: str, message: str, cls: type[InputError] = InputError) -> InputError:
    """A problem with one field of a request."""
    return cls([Problem(REQUEST, 0, field, message)])


class UmbrellaWarning(UserWarning):
    """A diagnostic of the library (an input used as given, a file ignored, a fallback taken):
    the CLI prints it as `warning: ...` on stderr; nothing in the library prints."""


def did_you_mean(name: object, known: Iterable[object], aliases: Mapping[str, str] | None = None) -> list[str]:
    """The known names a misspelt or mis-cased `name` most likely meant: the same name up to case
    (`Baseline` -> `baseline`), an alias (`ROK` -> `KOR`), else difflib's closest matches."""
    import difflib
    text = str(name)
    names = [str(k) for k in known]
    by_case = {k.casefold(): k for k in names}
    if text.casefold() in by_case:
        return [by_case[text.casefold()]]
    for alias, target in (aliases or {}).items():
        if alias.casefold() == text.casefold():
            return [target]
    close = difflib.get_close_matches(text.casefold(), list(by_case), n=3, cutoff=0.6)
    return [by_case[c] for c in close]


def unknown(what: str, name: object, known: Iterable[object], *, of: str = "", listing: bool = True,
            aliases: Mapping[str, str] | None = None) -> str:
    """`unknown WHAT 'NAME' OF (did you mean X?); known: A, B, C` — the hint where one is close, the
    list where it is short enough to read (`listing`)."""
    known = [str(k) for k in known]
    hint = did_you_mean(name, known, aliases)
    message = f"unknown {what} {str(name)!r}" + (f" {of}" if of else "")
    if hint:
        message += f" (did you mean {' or '.join(hint)}?)"
    if listing and known:
        message += f"; known: {', '.join(known)}"
    return message
