"""One error type for every kind of bad input, carrying one line per problem.

Every layer raises `InputError` with `Problem`s; the CLI prints them as
`PATH:LINE: FIELD: message` and exits 2, the API answers 4xx. No traceback ever reaches a user.
"""
from __future__ import annotations

from dataclasses import dataclass


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
