"""The fast GIFT parser (plain-text shortcuts, paragraph scanner) gives exactly what the reference parser gave
before them (gift_reference.py), item for item and error for error, on thousands of random GIFT texts: well
formed questions of every type with escapes, format tags, comments, categories and weights mixed in, and
random soups of GIFT's own tokens."""

import random
import sys

import pytest

from openedx_vn.qbank.importing.formats import gift

from . import gift_reference

TOKENS = [
    "::",
    ":",
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "->",
    "\\",
    "\\n",
    "\\{",
    "\\}",
    "\\=",
    "\\~",
    "\\#",
    "\\:",
    "[html]",
    "[markdown]",
    "[plain]",
    "[MOODLE]",
    "[id:q7]",
    "[tag:đại số]",
    "//",
    "// c",
    "$CATEGORY:",
    "%50%",
    "%-25%",
    "%100%",
    "%abc%",
    "T",
    "F",
    "TRUE",
    "FALSE",
    "1..2",
    "3:1",
    "12.5",
    "-4",
    "*",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u00a0",
    "a",
    "Câu",
    "x y",
    "số",
    "_",
    "<b>",
    "http://vn",
]
WORDS = ["Tính", "3 + 4", "Hà Nội", "x² ", "[0; 1]", "50%", "a:b", "http://a.vn", "$x$", "đúng", "sai", ""]


def _outcome(parse, text):
    try:
        return "items", parse(text)
    except gift_reference.GiftSyntaxError as exc:  # the reference's own error class
        return "error", exc.line
    except gift.GiftSyntaxError as exc:
        return "error", exc.line
    except Exception as exc:  # noqa: BLE001 - the reference's crashes must be the fast parser's too
        return "crash", type(exc).__name__


def _words(rng, count=3):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, count)))


def _answers(rng):
    kind = rng.randrange(7)
    if kind == 0:
        return rng.choice(["T", "F", "TRUE", "FALSE", "T#đúng#sai", "F #sai", "T#", "Tx"])
    if kind == 1:
        return "#" + rng.choice(["3", "2.5", "1..4", "3:0.5", "=3 ~%50%2", "abc", "3#tốt", "=2:1#ok ~*#sai"])
    if kind == 2:
        return " ".join(f"={_words(rng, 2)} -> {_words(rng, 1)}" for _ in range(rng.randint(1, 4)))
    if kind == 3:
        return ""
    parts = []
    for _ in range(rng.randint(1, 5)):
        sign = rng.choice("==~~~ ")
        weight = rng.choice(["", "", "%50%", "%-100%", "%33.3%", "%x%"])
        feedback = rng.choice(["", "", f"#{_words(rng)}", "#", f"# {_words(rng)} #{_words(rng)}"])
        parts.append(f"{sign}{rng.choice(['', ' '])}{weight}{_words(rng)}{feedback}")
    general = rng.choice(["", "", f"####{_words(rng)}"])
    return rng.choice(["", " ", "\n"]).join(parts) + general


def _question(rng):
    title = rng.choice(["", "", f"::{_words(rng)}::", f":: {_words(rng)} ::", "::không đóng "])
    stem = _words(rng, 5)
    fmt = rng.choice(["", "", "", "[html]", "[markdown]"])
    after = rng.choice(["", "", "", f" {_words(rng)}", "\n"])
    text = f"{title}{fmt}{stem}{{{_answers(rng)}}}{after}"
    if rng.random() < 0.15:  # an escape somewhere
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(["\\{", "\\=", "\\n", "\\#", "\\\\", "\\~", "\\:"]) + text[at:]
    if rng.random() < 0.1:
        text = text.replace(" ", "\n", 1)
    comments = rng.choice(["", "", "", "// câu hỏi\n", "// [id:c1] [tag:t]\n", "$CATEGORY: Toán 6\n"])
    return comments + text


def _structured(rng):
    separators = ["\n\n", "\n\n", "\n\n\n", "\n \n", "\r\n\r\n", "\n"]
    return "".join(_question(rng) + rng.choice(separators) for _ in range(rng.randint(1, 6)))


def _soup(rng):
    return "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 60)))


@pytest.mark.parametrize("seed", range(4))
def test_well_formed_questions_parse_as_the_reference_parsed_them(seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible inputs
    texts = [_structured(rng) for _ in range(1500)]
    differ = [text for text in texts if _outcome(gift.parse, text) != _outcome(gift_reference.parse, text)]
    assert differ == []
    # The texts reach the shortcuts, the general reader and its errors alike.
    outcomes = [_outcome(gift.parse, text)[0] for text in texts]
    assert outcomes.count("items") > 500
    assert outcomes.count("error") > 50


@pytest.mark.parametrize("seed", range(4))
def test_random_token_soups_parse_as_the_reference_parsed_them(seed):
    rng = random.Random(100 + seed)  # noqa: S311 - reproducible inputs
    texts = [_soup(rng) for _ in range(2000)]
    differ = [text for text in texts if _outcome(gift.parse, text) != _outcome(gift_reference.parse, text)]
    assert differ == []


def test_the_benchmark_file_parses_as_the_reference_parsed_it():
    rng = random.Random(2025)  # noqa: S311 - reproducible inputs
    lines = ["$CATEGORY: Toán 6/Luyện tập"]
    for n in range(1, 2001):
        a, b = rng.randint(1, 999), rng.randint(1, 999)
        lines.append(
            [
                f"::Câu {n}::Tính {a} + {b}.{{={a + b} ~{a + b + 1} ~{a + b - 1}#gần đúng}}",
                f"::Câu {n}::Số {a} lớn hơn số {b}.{{{'T' if a > b else 'F'}}}",
                f"::Câu {n}::Tính {a} : 4.{{#{a / 4}}}",
                f"::Câu {n}::Viết số {a} bằng chữ số La Mã hay không?{{=có =không}}",
            ][n % 4]
        )
        lines.append("")
    text = "\n".join(lines)
    assert gift.parse(text) == gift_reference.parse(text)


def test_a_paragraph_spaced_only_by_single_spaces_needs_only_stripping():
    # The shortcut strips instead of squeezing when the paragraph's whitespace is single spaces, judged by
    # isprintable(): that holds only if every other character Python's split() splits at is unprintable.
    splitting = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert [c for c in splitting if c.isprintable()] == [" "]
    assert len(splitting) > 20  # tabs, line breaks, NBSP, the Unicode spaces
    for text in ("Tính 3 + 4.", " Hà Nội ", "a\u00a0b", "a\tb", "a  b", "a\u2003b", "a\x1fb", "a\u200bb"):
        if gift._simply_spaced(text):
            assert text.strip() == " ".join(text.split()), repr(text)
    assert gift._simply_spaced("Tính 3 + 4.") and not gift._simply_spaced("a\u00a0b")
