"""Vietnamese text helpers shared by every app."""

import unicodedata


def fold(text):
    """Lower-case ``text`` and drop its diacritics, so "Phân SỐ" and "phan so" compare equal.

    đ/Đ becomes d: it is a letter of its own in Unicode, not d with a combining mark.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def nfc(text):
    """The NFC form of ``text`` (one code point per accented letter), as every stored string should be."""
    return unicodedata.normalize("NFC", text)
