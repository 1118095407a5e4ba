"""What every importer produces: question drafts with their place in the file, and problems with theirs.

Messages are translated (gettext, ``%(name)s`` placeholders) when a problem or note is made: imports run in a
request or command with the teacher's language active. A place is translated when it is shown.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# How a place names its unit, in the active language when the place is shown ("đoạn 40", "hàng 7").
UNITS = {
    "line": gettext_lazy("line %(number)s"),
    "paragraph": gettext_lazy("paragraph %(number)s"),
    "row": gettext_lazy("row %(number)s"),
}


@dataclass(frozen=True)
class Place:
    """Where a question or a problem is: the file, the line (or row, paragraph) and the question's number."""

    file: str
    line: int | None = None
    number: int | None = None
    unit: str = "line"  # "paragraph" in Word files, "row" in spreadsheets and Word tables
    table: int | None = None  # the Word table (1 = first) holding the row

    def __str__(self):
        """In the active language: "de.docx, table 2, row 3, question 3" ("tệp de.docx, bảng 2, hàng 3, …")"""
        # Translators: the file a place is in, first in "de.gift, line 12, question 3" ("tệp de.gift, …").
        parts = [_("%(file)s") % {"file": self.file}]
        if self.table:
            parts.append(_("table %(number)s") % {"number": self.table})
        if self.line:
            parts.append(str(UNITS.get(self.unit, UNITS["line"])) % {"number": self.line})
        if self.number:
            parts.append(_("question %(number)s") % {"number": self.number})
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
