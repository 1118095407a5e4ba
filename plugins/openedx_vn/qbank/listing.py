"""The bank's question list: what it filters on, the filters, and pages of a 200,000-question bank.

Each ``Question`` row carries a copy of its current version's filter fields (``COLUMNS``) so the list reads
one narrow table. Text search is by whole words with or without diacritics, as in the curriculum:
``search_text`` holds the folded words once each (" phan so nao bang ") and every word asked must appear.
Pages are keyset pages (``cursor``) in id order, so page 500 costs what page 1 costs; the count is exact
for the indexed filters and stops at ``COUNT_CAP`` for text and outcome searches, which scan the bank.

Scanning 200,000 rows with ``LIKE`` costs 100–200 ms on MariaDB, so each row also carries a Bloom filter
of its words (``word_bits_*``) and of its outcome-code prefixes (``code_bits``), indexed after ``bank_id``:
the bank's index entries are tested for every bit of what is asked, and only the few % that pass are read
for ``LIKE``.
"""

import base64
import binascii
import hashlib
import html
import re
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext

from openedx_vn.core.vietnamese import search_words
from openedx_vn.qbank.models import Question

# Bloom filters, 3 bits a token: words in 6 × 62 bits (a question has ~25 distinct words: a word it lacks
# passes for ~1 % of rows), outcome-code prefixes from strand down in 2 × 62 bits.
BLOOM_HASHES = 3
WORD_FIELDS = tuple(f"word_bits_{n}" for n in range(1, 7))
CODE_FIELDS = ("code_bits_1", "code_bits_2")
CODE_PARTS = 3  # "TOAN.6.1" (a strand) and longer: subject and grade have their own indexed filters
COLUMNS = (
    "type",
    "subject_code",
    "grade",
    "cognitive_level",
    "outcome_text",
    "search_text",
    *WORD_FIELDS,
    *CODE_FIELDS,
)
COUNT_CAP = 1000
ORDERINGS = ("newest", "oldest")
_TAGS = re.compile(r"<[^>]+>")


# ------------------------------------------------------------ the copied fields
def _ascii(word):
    """A folded word as ASCII: letters outside ASCII (Greek, symbols) become their code point ("u3b1")."""
    return word if word.isascii() else "".join(ch if ch.isascii() else f"u{ord(ch):x}" for ch in word)


def words(text):
    """The distinct folded ASCII words of a plain text, in order: "Phân số, phân SỐ!" → ["phan", "so"]."""
    return list(dict.fromkeys(_ascii(word) for word in search_words(text).split()))


def _plain(markup):
    return html.unescape(_TAGS.sub(" ", markup or ""))


def search_text(content):
    """What text search reads: title, stem, options and statements of a version or draft, words once each."""
    body = content.body or {}
    parts = [content.title, content.stem]
    parts += [entry.get("text", "") for key in ("choices", "statements") for entry in body.get(key, [])]
    found = words(" ".join(_plain(part) for part in parts))
    return f" {' '.join(found)} " if found else " "


def outcome_text(codes):
    """Codes as " TOAN.6.1.3.2. TOAN.6.1.3.4. ": each ends with a dot, so a topic's code prefixes them."""
    found = [_ascii(str(code).strip().upper()) for code in codes or [] if str(code).strip()]
    return f" {' '.join(code + '.' for code in found)} " if found else " "


def bloom(tokens, columns):
    """The Bloom filter of ``tokens`` as ``columns`` integers of 62 bits (below the sign bit)."""
    bits = 0
    for token in tokens:
        digest = hashlib.blake2b(token.encode(), digest_size=2 * BLOOM_HASHES).digest()
        for i in range(0, len(digest), 2):
            bits |= 1 << (int.from_bytes(digest[i : i + 2], "little") % (62 * columns))
    return tuple((bits >> (62 * column)) & (2**62 - 1) for column in range(columns))


def _code_tokens(codes):
    """ "@TOAN.6.1", "@TOAN.6.1.3", "@TOAN.6.1.3.2" for TOAN.6.1.3.2: a topic's code finds its outcomes."""
    tokens = set()
    for code in codes:
        parts = code.rstrip(".").split(".")
        tokens.update("@" + ".".join(parts[:end]) for end in range(CODE_PARTS, len(parts) + 1))
    return tokens


def values(content):
    """The values of ``COLUMNS`` for a question whose current version is ``content`` (version or draft)."""
    text, codes = search_text(content), outcome_text(content.outcome_codes)
    return (
        content.type,
        content.subject_code or "",
        content.grade,
        content.cognitive_level or "",
        codes,
        text,
        *bloom(text.split(), len(WORD_FIELDS)),
        *bloom(_code_tokens(codes.split()), len(CODE_FIELDS)),
    )


def copy_current(question, version):
    """Make ``version`` the question's current one and copy its filter fields (the caller saves)."""
    question.current = version
    for column, value in zip(COLUMNS, values(version), strict=True):
        setattr(question, column, value)
    question.difficulty = version.difficulty


# ------------------------------------------------------------------- filtering
@dataclass(frozen=True)
class Filters:
    subject: str = ""
    grade: int | None = None
    level: str = ""  # biet | hieu | van_dung
    type: str = ""
    outcome: str = ""  # a topic or outcome code: the code and every code under it
    q: str = ""  # words, with or without diacritics

    @property
    def code(self):
        return _ascii(self.outcome.strip().upper().rstrip("."))

    @property
    def bloom_tested(self):
        """Whether the Bloom index narrows the scan (words, or a code from strand down)."""
        return bool(words(self.q)) or self.code.count(".") + 1 >= CODE_PARTS

    @property
    def scans(self):
        """Whether the filters read text (no index helps): the count then stops at ``COUNT_CAP``."""
        return bool(self.outcome.strip() or words(self.q))


def filter_questions(bank_id, filters):
    """The bank's questions (with a current version) that pass ``filters``, unordered."""
    # Every question has a current version (set in the transaction that stores version 1); asking for
    # "current_id IS NOT NULL" would cost a row read per index entry in the counts.
    found = Question.objects.filter(bank_id=bank_id)
    if filters.subject:
        found = found.filter(subject_code=filters.subject.strip().upper())
    if filters.grade is not None:
        found = found.filter(grade=filters.grade)
    if filters.level:
        found = found.filter(cognitive_level=filters.level)
    if filters.type:
        found = found.filter(type=filters.type)
    code = filters.code
    asked = sorted(words(filters.q), key=len, reverse=True)  # longest first: the rarest, fewer rows go on
    # The Bloom tests, read from the bank's index, first; LIKE only on the rows that pass them.
    masks = list(zip(WORD_FIELDS, bloom(asked, len(WORD_FIELDS)), strict=True)) if asked else []
    if code.count(".") + 1 >= CODE_PARTS:
        masks += zip(CODE_FIELDS, bloom(["@" + code], len(CODE_FIELDS)), strict=True)
    found = found.filter(**{f"{field}__hasbits": mask for field, mask in masks if mask})
    if code:
        found = found.filter(outcome_text__contains=f" {code}.")
    for word in asked:
        found = found.filter(search_text__contains=f" {word} ")
    return found


# ------------------------------------------------------------------------ pages
WORDS_INDEX = "vn_qbank_q_bank_words"


def _scan_ids(found, limit, by_bloom):
    """Ids of ``found`` (up to ``limit``, unordered) read through the bank's Bloom index.

    MySQL/MariaDB's optimizer does not count the index condition pushdown that makes this index cheap and
    reads the bank through a smaller index and every row instead (200 ms instead of 20 ms on 200,000
    questions), so the query names the index. Other databases choose by themselves.
    """
    query = found.values_list("id", flat=True)[:limit]
    if connection.vendor != "mysql" or not by_bloom:
        return list(query)
    sql, params = query.query.sql_with_params()
    table = connection.ops.quote_name(Question._meta.db_table)
    sql = sql.replace(f"FROM {table}", f"FROM {table} FORCE INDEX ({WORDS_INDEX})", 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


class InvalidCursor(ValueError):
    """The cursor was not one this list gave."""


def _encode(position, backwards):
    return base64.urlsafe_b64encode(f"{'b' if backwards else 'a'}{position}".encode()).decode().rstrip("=")


def _decode(cursor):
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        return int(text[1:]), {"a": False, "b": True}[text[0]]
    except (binascii.Error, UnicodeDecodeError, ValueError, KeyError, IndexError) as exc:
        raise InvalidCursor(
            gettext("{cursor!r} is not a page cursor of this list").format(cursor=cursor)
        ) from exc


@dataclass(frozen=True)
class Page:
    questions: list  # Question rows, ``current`` loaded, in list order
    count: int
    count_exact: bool
    next_cursor: str | None
    previous_cursor: str | None


def page(found, filters, ordering="newest", cursor=None, size=20):
    """One page of ``found`` (from ``filter_questions``) after or before ``cursor``, with the count."""
    if ordering not in ORDERINGS:
        raise ValueError(f"ordering {ordering!r}: one of {', '.join(ORDERINGS)}")
    newest = ordering == "newest"
    position, backwards = _decode(cursor) if cursor else (None, False)
    # Walking backwards reads the opposite order from the cursor, then turns the rows round.
    descending = newest != backwards
    ids = None
    if filters.scans:
        # One pass over the bank's Bloom index (unordered: no sort, no scan of the rows in id order) finds
        # every match up to the cap; when they are fewer, the page is cut from them here.
        # An indexed filter (subject, grade, level, type) narrows the bank better than the Bloom index.
        indexed = filters.subject or filters.grade is not None or filters.level or filters.type
        matched = _scan_ids(found, COUNT_CAP + 1, by_bloom=filters.bloom_tested and not indexed)
        count, exact = min(len(matched), COUNT_CAP), len(matched) <= COUNT_CAP
        if exact:
            ids = sorted(matched, reverse=descending)
            if position is not None:
                ids = [pk for pk in ids if (pk < position if descending else pk > position)]
            ids = ids[: size + 1]
    else:
        count, exact = found.count(), True
    if ids is None:  # many matches: the newest (or oldest) come first in id order, soon found
        rows = found.order_by("-id" if descending else "id")
        if position is not None:
            rows = rows.filter(id__lt=position) if descending else rows.filter(id__gt=position)
        ids = list(rows.values_list("id", flat=True)[: size + 1])
    more = len(ids) > size
    ids = ids[:size]
    if backwards:
        ids.reverse()
    loaded = Question.objects.filter(id__in=ids).select_related("current").in_bulk()
    questions = [loaded[pk] for pk in ids if pk in loaded]
    if not ids:
        return Page(questions, count, exact, None, None)
    has_next = more if not backwards else True
    has_previous = (position is not None) if not backwards else more
    return Page(
        questions,
        count,
        exact,
        _encode(ids[-1], False) if has_next else None,
        _encode(ids[0], True) if has_previous else None,
    )
