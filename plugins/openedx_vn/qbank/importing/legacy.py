"""Vietnamese typed before Unicode: TCVN3 (ABC, ".Vn" fonts), VNI (VNI-Times), Windows-1258 → Unicode NFC.

Two cases: a text file saved in one of those 8-bit code pages (``decode_bytes`` finds which, by checking that
the result is made of Vietnamese syllables), and Word runs whose font is a legacy one (``font_encoding`` and
``convert``): Word keeps their characters as the Windows-1252 characters the font draws as Vietnamese letters.
The tables are data: config/openedx_vn_data/qbank/legacy_encodings.yaml, with their sources.
"""

import codecs
import contextlib
import re
import unicodedata
from functools import cache

import yaml

from openedx_vn_data import data_file

TCVN3, VNI, CP1258, SYMBOL = "tcvn3", "vni", "cp1258", "symbol"
NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI", CP1258: "Windows-1258"}

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Syllables: initial consonant, vowel group (tone marks removed), final consonant.
_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_VOWELS = (
    "iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    "[aăâeêioôơuưy]"
)
_SYLLABLE = re.compile(rf"(?:{_INITIAL})?(?:{_VOWELS})(?:ch|ng|nh|[cmnpt])?")
# Characters that legitimately stand next to Vietnamese words; any other non-ASCII symbol is mojibake.
_TYPOGRAPHY = set("\u00a0“”‘’–—…•°×÷±≤≥²³½¼·«»")


@cache
def _tables():
    data = yaml.safe_load(data_file("qbank", "legacy_encodings.yaml").read_text(encoding="utf-8"))
    tcvn3 = {int(byte): letter for byte, letter in data["tcvn3"]["bytes"].items()}
    vni = {sequence: letter for letter, sequence in data["vni"]["letters"].items()}
    # Longest sequences first, so "ôù" (ớ) wins over "ô" (ơ).
    pattern = re.compile("|".join(re.escape(s) for s in sorted(vni, key=len, reverse=True)))
    return tcvn3, vni, pattern, {int(code): char for code, char in data["symbol"]["codes"].items()}


def symbol(code):
    """The Unicode character of a Symbol-font code (0x20–0xFF, or Word's 0xF020–0xF0FF), or None."""
    return _tables()[3].get(code - 0xF000 if code >= 0xF000 else code)


def from_symbol(text):
    """Text typed in the Symbol font (its characters read as Windows-1252), as Unicode."""
    out = []
    for char in text:
        code = ord(char)
        byte = code - 0xF000 if 0xF020 <= code <= 0xF0FF else _cp1252_byte(char)  # Word keeps either
        out.append((symbol(byte) if byte is not None else None) or char)
    return "".join(out)


def _cp1252_byte(char):
    """The byte a Windows-1252 (or, for its 5 holes, Latin-1) character stands for; None above 0xFF."""
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char) if ord(char) < 0x100 else None


def from_tcvn3(text, capitals=False):
    """Text whose characters are TCVN3 bytes read as Windows-1252, as Unicode; ``capitals`` for "H" fonts."""
    table = _tables()[0]
    out = []
    for char in text:
        byte = _cp1252_byte(char) if ord(char) > 0x7F else None
        out.append(table.get(byte, char) if byte is not None else char)
    converted = unicodedata.normalize("NFC", "".join(out))
    return converted.upper() if capitals else converted


def from_vni(text):
    """Text typed with a VNI font (its characters read as Windows-1252), as Unicode."""
    _, table, pattern, _ = _tables()
    return unicodedata.normalize("NFC", pattern.sub(lambda match: table[match[0]], text))


def convert(text, encoding):
    """``text`` (Windows-1252 characters typed with a legacy font) in Unicode NFC; ``encoding`` as
    ``font_encoding`` returns it."""
    if encoding == VNI:
        return from_vni(text)
    if encoding == SYMBOL:
        return from_symbol(text)
    return from_tcvn3(text, capitals=encoding == f"{TCVN3}-capitals")


def font_encoding(font_name):
    """``"tcvn3"``, ``"tcvn3-capitals"`` (".VnTimeH" and the other capital fonts), ``"vni"``, ``"symbol"``
    or None."""
    name = (font_name or "").strip()
    if name == "Symbol":
        return SYMBOL
    if name.startswith(".Vn"):
        return f"{TCVN3}-capitals" if name.endswith("H") else TCVN3
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return VNI
    return None


# ------------------------------------------------------------ text files
# The code page is decided on a sample (the first non-ASCII bytes, SAMPLE_BYTES of them), then the whole file
# is converted once with str.translate or one regex pass: linear, and a 5 MB file of random bytes is refused
# after reading 32 KB of it, not after three conversions and a word-by-word check of all of it.
SAMPLE_BYTES = 32 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@cache
def _charmap(encoding):
    """A 256-character decoding table for ``codecs.charmap_decode`` (C speed): Windows-1252 (Latin-1 where
    1252 has no character), with TCVN3's letters over it for ``TCVN3``."""
    letters = _tables()[0] if encoding == TCVN3 else {}
    return "".join(letters.get(byte) or _latin(byte) for byte in range(256))


def _convert_bytes(content, encoding):
    if encoding == CP1258:
        return unicodedata.normalize("NFC", content.decode("cp1258"))
    text = codecs.charmap_decode(content, "strict", _charmap(encoding))[0]
    return from_vni(text) if encoding == VNI else unicodedata.normalize("NFC", text)


def _sample(content):
    """Up to ``SAMPLE_BYTES`` from the line of the first non-ASCII byte, cut after a space or line break."""
    found = _NON_ASCII.search(content)
    if found is None:
        return content[:SAMPLE_BYTES]
    at = found.start()
    start = content.rfind(b"\n", max(0, at - 4096), at) + 1 or max(0, at - 80)  # else a long line: near it
    sample = content[start : start + SAMPLE_BYTES]
    if len(sample) == SAMPLE_BYTES:
        cut = max(sample.rfind(b" "), sample.rfind(b"\n"))
        sample = sample[:cut] if cut > 0 else sample
    return sample


def _decodings(content):
    for encoding in (TCVN3, VNI, CP1258):
        with contextlib.suppress(UnicodeDecodeError):  # Windows-1258 leaves a few bytes undefined
            yield encoding, _convert_bytes(content, encoding)


def _latin(byte):
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _tone_count(word):
    return sum(1 for char in unicodedata.normalize("NFD", word) if char in _TONES)


def _toneless(word):
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if char not in _TONES))


def plausibility(text):
    """(Vietnamese syllables, implausible words or symbols) among the non-ASCII parts of ``text``."""
    good = bad = 0
    for word in re.findall(r"[^\W\d_]+", text):
        if word.isascii():
            continue
        if _tone_count(word) <= 1 and _SYLLABLE.fullmatch(_toneless(word)):
            good += 1
        else:
            bad += 1
    bad += sum(1 for char in text if ord(char) > 0x7F and not char.isalpha() and char not in _TYPOGRAPHY)
    return good, bad


def decode_bytes(content):
    """``(text, encoding)`` for bytes that are not UTF-8 but read as Vietnamese in a legacy code page, else
    None. The code page whose reading of a sample (``SAMPLE_BYTES``) is made of Vietnamese syllables wins;
    one stray word in ten is allowed (a foreign name), not more, so English or French text in Windows-1252 is
    never taken for Vietnamese. Time and memory are linear in the size of ``content``."""
    best = None
    for encoding, text in _decodings(_sample(content)):
        good, bad = plausibility(text)
        if good >= 2 and bad * 10 <= good and (best is None or good - 10 * bad > best[0]):
            best = (good - 10 * bad, encoding)
    if best is None:
        return None
    try:
        return _convert_bytes(content, best[1]), best[1]
    except UnicodeDecodeError:  # Windows-1258 fitted the sample, not the rest
        return None
