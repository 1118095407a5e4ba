"""Errors that name the problem and where it is (file, line, field), for every curriculum file we read."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self):
        where = self.file + (f", line {self.line}" if self.line else "")
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


class CurriculumError(ValueError):
    """The curriculum data or a look-up in it is invalid; the message names what and where."""


class CurriculumFileError(CurriculumError):
    """A file was refused; ``problems`` lists every problem found. Nothing was stored."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems[:50])
        more = f"\n  … and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s), nothing was loaded:\n{lines}{more}")
