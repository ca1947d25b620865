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


def cli_problem(field: str, message: str, path: str = "<command line>") -> InputError:
    """A problem with a command-line argument (no file, line 0)."""
    return InputError([Problem(path, 0, field, message)])
