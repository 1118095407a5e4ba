"""Vietnamese text helpers shared by every app: folding for search, the sort order (``vi_key`` in Python,
``vi_order`` in the database), and the one way numbers, dates and times are written for people
(``number``, ``local_date``, ``local_datetime``: decimal comma, dd/mm/yyyy, the time after the date,
Asia/Ho_Chi_Minh)."""

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import gettext as _

_WORD_SEPARATORS = re.compile(r"[\W_]+")


def fold(text):
    """Lower-case ``text`` and drop its diacritics, so "Phân SỐ" and "phan so" compare equal.

    đ/Đ becomes d: it is a letter of its own in Unicode, not d with a combining mark.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_words(text):
    """``text`` folded, its punctuation turned to spaces, padded with spaces: " phan so toi gian "."""
    return " " + " ".join(_WORD_SEPARATORS.sub(" ", fold(text)).split()) + " "


def nfc(text):
    """The NFC form of ``text`` (one code point per accented letter), as every stored string should be."""
    return unicodedata.normalize("NFC", text)


# Sorting the way Vietnamese lists are sorted: the Vietnamese alphabet (a ă â b c d đ e ê …), the tones in
# dictionary order (unmarked, huyền, hỏi, ngã, sắc, nặng); people by given name, then family and middle names.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Combining marks that make a letter of its own (ă â ê ô ơ ư), and the five tone marks in dictionary order.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _char_rank(char):
    """Where one (lower-case, toneless) letter sorts: separators first, then digits, then the Vietnamese
    alphabet, then other letters by code point. "hoa hồng" comes before "hoan", as in a dictionary."""
    if char in _RANK:
        return _RANK[char]
    if char.isspace() or unicodedata.category(char)[0] in "PSZ":
        return -20
    if char.isdigit():
        return -10 + int(unicodedata.digit(char, 0))
    return 100 + ord(char)


def vi_key(text):
    """A sort key for Vietnamese text, as dictionaries order it: letters by the Vietnamese alphabet
    (A Ă Â B C D Đ E Ê …: Â after A, Đ after D), then the tones (unmarked, huyền, hỏi, ngã, sắc, nặng), then
    the case. Any string; None sorts as ""."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", text or ""):
        if char in _TONES:
            if tones:
                tones[-1] = _TONES[char]
        elif char in _LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        else:
            letters.append(char.lower())
            tones.append(0)
    return tuple(_char_rank(ch) for ch in letters), tuple(tones), text or ""


def vi_compare(a, b):
    """-1, 0 or 1 as ``vi_key`` orders ``a`` and ``b`` (a collation function for SQLite)."""
    key_a, key_b = vi_key(a), vi_key(b)
    return (key_a > key_b) - (key_a < key_b)


# The database sorts in Vietnamese with this collation: MariaDB and MySQL have it; the SQLite connections
# of the dev host and tests get a function of the same name (``register_sqlite_collation``).
VIETNAMESE_COLLATION = "utf8mb4_vietnamese_ci"


def vi_order(field, descending=False):
    """An ``order_by`` expression sorting ``field`` in Vietnamese order: ``.order_by(vi_order("name"))``."""
    expression = Collate(F(field), VIETNAMESE_COLLATION)
    return expression.desc() if descending else expression.asc()


def register_sqlite_collation(sender, connection, **kwargs):
    """``connection_created`` receiver: teach SQLite the Vietnamese collation (MariaDB and MySQL have it)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VIETNAMESE_COLLATION, vi_compare)


def person_key(given_name, family_name, username=""):
    """People are listed by given name (tên), then family and middle names (họ đệm)."""
    return vi_key(given_name or ""), vi_key(family_name or ""), username


# ------------------------------------------------------------------------------ numbers, dates, times
VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def number(value, places=None):
    """A number as Vietnamese people write it: a decimal comma and dots between thousands.

    ``places=None``: as many decimals as it has, without trailing zeros ("0,5", "10", "1.234,25");
    ``places=1``: exactly one, half up ("1,0", "7,25" → "7,3"), as scores are shown. None or "" give "";
    text that is not a number is returned unchanged. "0,5" typed by a person reads back as "0,5".
    """
    if value is None or value == "":
        return ""
    try:
        figure = Decimal(str(value).replace(",", ".")) if isinstance(value, str) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    step = None if places is None else Decimal(1).scaleb(-places)
    text = f"{figure.normalize():f}" if step is None else f"{figure.quantize(step, ROUND_HALF_UP):f}"
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _sep, decimals = text.partition(".")
    if len(whole) > 3:  # dots between thousands: 1.234
        whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + decimals if decimals else "")


def local_datetime(value):
    """An aware datetime as "dd/mm/yyyy HH:MM" in Vietnam's time (the date first); "" for None."""
    if not isinstance(value, datetime):
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(VIETNAM_TIME)
    return value.strftime("%d/%m/%Y %H:%M")


def local_date(value):
    """A date (or an aware datetime, taken in Vietnam's time) as "dd/mm/yyyy"; "" for None."""
    if isinstance(value, datetime):
        return local_datetime(value)[:10]
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return ""


def subject_label(name, grade=None):
    """A subject with its grade as schools write it: "Ngoại ngữ 1 – lớp 6" (not "Ngoại ngữ 1 6")."""
    if grade in (None, ""):
        return name
    return _("%(subject)s – grade %(grade)s") % {"subject": name, "grade": grade}
