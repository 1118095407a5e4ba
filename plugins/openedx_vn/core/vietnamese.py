"""Vietnamese text helpers shared by every app."""

import re
import unicodedata

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
