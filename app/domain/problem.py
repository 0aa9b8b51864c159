"""A validation problem: a stable code for programs and a Swedish message for people."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return self.message


class Refused(Exception):
    """Raised by services when a request is refused; carries the problems (Swedish messages)."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("refused", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(p.message for p in self.problems))
