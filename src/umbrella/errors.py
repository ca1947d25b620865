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
        return f"{self.path}:{self.line}: {self.field or '-'}: {self.message}"


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
