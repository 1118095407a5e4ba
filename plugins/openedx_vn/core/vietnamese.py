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


# Sorting the way Vietnamese lists are sorted: the Vietnamese alphabet (a ă â b c d đ e ê …), the tones in
# dictionary order (unmarked, huyền, hỏi, ngã, sắc, nặng); people by given name, then family and middle names.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Combining marks that make a letter of its own (ă â ê ô ơ ư), and the five tone marks in dictionary order.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vi_key(text):
    """A sort key for Vietnamese text: letters first by the alphabet, then tones, then case."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", text):
        if char in _TONES:
            if tones:
                tones[-1] = _TONES[char]
        elif char in _LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        else:
            letters.append(char.lower())
            tones.append(0)
    ranks = tuple((_RANK[ch] if ch in _RANK else 100 + ord(ch)) for ch in letters)
    return ranks, tuple(tones), text


def person_key(given_name, family_name, username=""):
    """People are listed by given name (tên), then family and middle names (họ đệm)."""
    return vi_key(given_name or ""), vi_key(family_name or ""), username
