"""What every importer produces: question drafts with their place in the file, and problems with theirs."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Place:
    """Where a question or a problem is: the file, the line (or row, paragraph) and the question's number."""

    file: str
    line: int | None = None
    number: int | None = None
    unit: str = "line"  # "paragraph" in Word files, "row" in spreadsheets

    def __str__(self):
        parts = [self.file]
        if self.line:
            parts.append(f"{self.unit} {self.line}")
        if self.number:
            parts.append(f"question {self.number}")
        return ", ".join(parts)


@dataclass(frozen=True)
class ImportProblem:
    """A problem at a place. A non-blocking one (something left out on purpose) is only reported."""

    place: Place
    message: str
    blocking: bool = True

    def __str__(self):
        return f"{self.place}: {self.message}"


@dataclass
class Draft:
    """One question as read from a file, before it is stored. ``stem``, texts and explanation are HTML."""

    type: str
    stem: str
    body: dict
    place: Place
    title: str = ""
    explanation: str = ""
    points: Decimal = Decimal(1)
    category: str = ""
    subject_code: str = ""
    grade: int | None = None
    outcome_codes: list = field(default_factory=list)
    cognitive_level: str = ""  # biet | hieu | van_dung
    fingerprint: str = ""
    duplicate_of: str = ""  # the place or question uuid it repeats, when it is a duplicate
    notes: list = field(default_factory=list)  # what the importer changed or dropped, for the preview
