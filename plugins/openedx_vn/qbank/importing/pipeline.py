"""The one import pipeline every format plugs into.

limits (size; a zip's entries, unpacked size and ratio; a text's lines: ``limits``) → read (format) →
normalise (UTF-8, or TCVN3/VNI/Windows-1258 converted; NFC) → sanitise (nh3) → validate → find duplicates →
preview → commit (pictures to the storage, rows in one transaction).
A file with any problem imports nothing; the preview names every problem with its place.
"""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from openedx_vn.core.vietnamese import nfc
from openedx_vn.qbank.importing import legacy, limits, validate
from openedx_vn.qbank.importing.drafts import ImportProblem, Place
from openedx_vn.qbank.importing.formats import aiken, docx, gift, moodle_xml, qti, qti_package, xlsx
from openedx_vn.qbank.importing.sanitize import clean_html

# format name → reader(text, filename) -> (drafts, problems); extensions pick the format when none is given.
FORMATS = {
    "gift": gift.read,
    "aiken": aiken.read,
    "docx": docx.read,
    "moodle_xml": moodle_xml.read,
    "qti": qti.read,
    "xlsx": xlsx.read,
}
EXTENSIONS = {".gift": "gift", ".aiken": "aiken", ".docx": "docx", ".doc": "docx", ".xlsx": "xlsx"}
# What teachers call each format, with the file names it comes in (the import page's picker, messages).
LABELS = {
    "docx": gettext_lazy("Word (.docx)"),
    "xlsx": gettext_lazy("Excel (.xlsx, from the template)"),
    "gift": gettext_lazy("Moodle GIFT text (.gift, .txt)"),
    "aiken": gettext_lazy("Aiken text (.aiken, .txt)"),
    "moodle_xml": gettext_lazy("Moodle XML (.xml)"),
    "qti": gettext_lazy("QTI 2.1, 2.2, 3.0 (.xml, or a .zip package)"),
}
# Readers that take the file's bytes (XML declares its own encoding).
BINARY = {"docx", "moodle_xml", "qti", "xlsx"}


class QuestionImportError(ValueError):
    """Nothing was imported; ``problems`` names each problem with its place."""

    def __init__(self, problems):
        self.problems = list(problems)
        listed = "\n".join(f"  - {problem}" for problem in self.problems[:50])
        count = len(self.problems)
        summary = ngettext(
            "%(count)s problem, nothing was imported:", "%(count)s problems, nothing was imported:", count
        ) % {"count": count}
        super().__init__(f"{summary}\n{listed}")


@dataclass
class Preview:
    """What an import would do: drafts to store, duplicates (not stored) and problems (nothing stored)."""

    filename: str
    format: str
    drafts: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # non-blocking: what was left out on purpose


def guess_format(filename, content=b""):
    """The format of a file from its name (.gift, .aiken; .txt, .xml, .zip by content); None when unknown."""
    suffixes = [s.lower() for s in PurePath(filename).suffixes]
    for suffix in reversed(suffixes):
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
    if suffixes and suffixes[-1] == ".zip":  # a QTI content package has a manifest at its root
        return "qti" if qti_package.has_manifest(content) else None
    if suffixes and suffixes[-1] == ".xml":  # Moodle XML or QTI: the root element says which
        return "moodle_xml" if b"<quiz" in content[:2000] else "qti"
    if suffixes and suffixes[-1] == ".txt":
        return "aiken" if b"ANSWER:" in content.upper() and b"{" not in content else "gift"
    return None


def decode(content, filename):
    """UTF-8 text (a BOM is dropped) in NFC; see ``read_text`` for files in legacy Vietnamese code pages."""
    return read_text(content, filename)[0]


def read_text(content, filename):
    """``(text in NFC, notes)``: UTF-8, or Vietnamese typed in TCVN3 (ABC), VNI or Windows-1258, converted
    with a note saying so. Raise ``QuestionImportError`` when the bytes are none of those."""
    try:
        return nfc(content.decode("utf-8-sig")), []
    except UnicodeDecodeError as exc:
        converted = legacy.decode_bytes(content)
        if converted is None:
            message = _(
                "not UTF-8 (byte %(byte)s), nor Vietnamese in TCVN3 (ABC), VNI or Windows-1258; "
                "save the file as Unicode UTF-8"
            ) % {"byte": exc.start}
            raise QuestionImportError([ImportProblem(Place(filename), message)]) from exc
    text, encoding = converted
    note = _("converted from %(encoding)s to Unicode: check the Vietnamese letters in the preview") % {
        "encoding": legacy.NAMES[encoding]
    }
    return text, [ImportProblem(Place(filename), note, blocking=False)]


def preview(content, filename, fmt=None, existing_fingerprints=frozenset(), known_codes=None, progress=None):
    """Read a file into a ``Preview``; writes nothing.

    ``existing_fingerprints`` are the bank's questions; ``known_codes(codes) -> set`` (optional) says which
    learning-outcome codes the curriculum has, so a mistyped code is a problem. ``progress(done, total)``
    (optional) is called as questions are checked (the import wizard's progress bar).
    """
    _refuse(filename, limits.before_reading(content))  # before anything opens the file
    fmt = fmt or guess_format(filename, content)
    if fmt not in FORMATS:
        known = "; ".join(str(label) for label in LABELS.values())
        message = _("this kind of file is not one the import reads; it reads: %(known)s") % {"known": known}
        if fmt is not None:
            message = _("unknown format %(format)s; known: %(known)s") % {"format": repr(fmt), "known": known}
        if fmt is None and filename.lower().endswith(".zip"):
            message = _("a .zip is read as a QTI content package, and this one has no imsmanifest.xml")
        raise QuestionImportError([ImportProblem(Place(filename), message)])
    if fmt not in BINARY:
        _refuse(filename, limits.of_text(content))
    source, notes = (content, []) if fmt in BINARY else read_text(content, filename)
    drafts, problems = FORMATS[fmt](source, filename)
    _refuse(filename, limits.of_questions(len(drafts)))
    problems = [*notes, *problems]
    result = Preview(filename, fmt, problems=[p for p in problems if p.blocking])
    result.notes = [p for p in problems if not p.blocking]
    seen = {}
    codes = {code for draft in drafts for code in draft.outcome_codes}
    known = known_codes(codes) if known_codes and codes else None
    missing = validate.curriculum_missing(known)
    if missing:  # one problem for the file, not one per question
        result.problems.append(ImportProblem(Place(filename), missing))
        known = None
    for index, draft in enumerate(drafts, start=1):
        if progress:
            progress(index, len(drafts))
        _sanitise(draft)
        messages = validate.problems_of(draft, known)
        result.problems += [ImportProblem(draft.place, message) for message in messages]
        draft.fingerprint = validate.fingerprint(draft)
        if draft.fingerprint in existing_fingerprints:
            draft.duplicate_of = _("a question already in the bank")
        elif draft.fingerprint in seen:
            draft.duplicate_of = str(seen[draft.fingerprint])
        seen.setdefault(draft.fingerprint, draft.place)
        (result.duplicates if draft.duplicate_of else result.drafts).append(draft)
    if not drafts and not result.problems and not result.duplicates:
        result.problems.append(ImportProblem(Place(filename), _("no question found in the file")))
    return result


def _refuse(filename, message):
    if message:
        raise QuestionImportError([ImportProblem(Place(filename), message)])


def _sanitise(draft):
    draft.stem, draft.explanation = clean_html(draft.stem), clean_html(draft.explanation)
    for key in ("choices", "statements"):
        for entry in draft.body.get(key, []):
            entry["text"] = clean_html(entry["text"])
            if entry.get("feedback"):
                entry["feedback"] = clean_html(entry["feedback"])
