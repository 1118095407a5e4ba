"""Vietnamese typed before Unicode (TCVN3/ABC, VNI, Windows-1258) is converted; nothing else is touched."""

import io
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document
from docx.oxml import parse_xml

from openedx_vn.qbank import api
from openedx_vn.qbank.importing import legacy
from openedx_vn.qbank.importing.pipeline import preview, read_text
from openedx_vn.qbank.models import QuestionVersion

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Real words, byte for byte as ABC (TCVN3) and VNI keyboards typed them.
TCVN3_WORDS = {
    b"Ph\xad\xacng tr\xd7nh": "Phương trình",
    b"\xa7\xb8p \xb8n": "Đáp án",
    b"C\xa9u h\xe1i": "Câu hỏi",
    b"ng\xad\xeai \xeb x\xb7 Qu\xb6ng Ninh": "người ở xã Quảng Ninh",
}
VNI_WORDS = {
    b"Ph\xf6\xf4ng tr\xecnh": "Phương trình",
    b"\xd1a\xf9p a\xf9n": "Đáp án",
    b"Ca\xe2u ho\xfbi": "Câu hỏi",
    b"ng\xf6\xf4\xf8i \xf4\xfb xa\xf5 Qua\xfbng Ninh": "người ở xã Quảng Ninh",
}
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng


def every_letter():
    """Every tone on every vowel, and đ (NFC)."""
    return [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES] + ["đ"]


def vni_by_rule(letter):
    """VNI keystrokes of a letter, from the rule its documentation gives (base letter + mark characters)."""
    base = unicodedata.normalize("NFD", letter)
    tone = next((mark for mark in base if mark in TONES[1:]), "")
    plain = unicodedata.normalize("NFC", base.replace(tone, "")) if tone else letter
    tones = dict(zip(TONES, ["", "ø", "ù", "û", "õ", "ï"], strict=True))
    if plain == "đ":
        return "ñ"
    if plain == "i":
        return {"": "i", "\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}[tone]
    if plain == "y" and tone == "\u0323":
        return "î"
    if plain in "âêô":
        return plain.translate(str.maketrans("âêô", "aeo")) + dict(zip(TONES, "âàáåãä", strict=True))[tone]
    if plain == "ă":
        return "a" + dict(zip(TONES, "êèéúüë", strict=True))[tone]
    return {"ơ": "ô", "ư": "ö"}.get(plain, plain) + tones[tone]


@pytest.mark.parametrize(("raw", "expected"), TCVN3_WORDS.items())
def test_tcvn3_real_words(raw, expected):
    assert legacy.from_tcvn3(raw.decode("cp1252")) == expected


@pytest.mark.parametrize(("raw", "expected"), VNI_WORDS.items())
def test_vni_real_words(raw, expected):
    assert legacy.from_vni(raw.decode("cp1252")) == expected


def test_every_tone_on_every_vowel_in_vni_both_cases():
    for letter in every_letter():
        assert legacy.from_vni(vni_by_rule(letter)) == letter
        assert legacy.from_vni(vni_by_rule(letter).upper()) == letter.upper()


@pytest.mark.skipif(not shutil.which("iconv"), reason="needs glibc's iconv")
def test_tcvn3_table_agrees_with_glibc_on_every_letter():
    for letter in every_letter():
        byte = subprocess.run(
            ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"],
            input=letter.encode(),
            capture_output=True,
            check=True,
        ).stdout
        assert len(byte) == 1, letter  # lower-case letters are one byte in VN3
        assert legacy.from_tcvn3(byte.decode("latin-1")) == letter


def test_capital_fonts_and_font_names():
    assert legacy.convert("\xae\xb8p \xb8n", legacy.font_encoding(".VnTimeH")) == "ĐÁP ÁN"
    assert legacy.font_encoding(".VnTime") == "tcvn3" and legacy.font_encoding(".VnArial") == "tcvn3"
    assert legacy.font_encoding("VNI-Times") == "vni" and legacy.font_encoding("VNI-Helve") == "vni"
    assert legacy.font_encoding("Times New Roman") is None and legacy.font_encoding(None) is None


@pytest.mark.parametrize("text", ["Phương trình bậc hai có hai nghiệm.", "Câu 1. Đáp án đúng là B."])
def test_utf8_is_never_converted(text):
    assert read_text(text.encode(), "a.gift") == (text, [])
    assert read_text(b"\xef\xbb\xbf" + text.encode(), "a.gift")[0] == text


@pytest.mark.parametrize(
    "text",
    [
        "The café serves crème brûlée; a naïve façade.",
        "Résumé : l'élève à l'école, déjà été là-bas.",
        "Preço: ação e informação são notáveis.",
        "Größe über Maß; Straße.",
    ],
)
def test_western_text_in_windows_1252_is_not_taken_for_vietnamese(text):
    assert legacy.decode_bytes(text.encode("cp1252")) is None
    with pytest.raises(api.QuestionImportError, match="not UTF-8 .*TCVN3 .*VNI or Windows-1258"):
        read_text(text.encode("cp1252"), "a.gift")


def test_windows_1258_is_recognised():
    # Windows-1258 writes tones as combining marks after the letter: "Tính" = "Ti" + 0xEC + "nh".
    raw = "Câu 1. Ti\u0301nh nghi\u00ea\u0323m cu\u0309a phương tri\u0300nh".encode("cp1258")
    assert legacy.decode_bytes(raw) == ("Câu 1. Tính nghiệm của phương trình", "cp1258")


@pytest.fixture
def bank(db):
    return api.create_bank("Toán 6 – tài liệu cũ", owner_id=1)


TCVN3_GIFT = b"::C\xa9u 1::Ph\xad\xacng tr\xd7nh x + 2 = 5 c\xe3 nghi\xd6m l\xb5{=3 ~7 ~-3}\n"
VNI_AIKEN = b"Ph\xf6\xf4ng tr\xecnh x + 2 = 5 co\xf9 nghie\xe4m la\xf8\nA. x = 3\nB. x = 7\nANSWER: A\n"


def test_a_tcvn3_gift_file_imports_with_a_note(bank):
    result = api.import_questions(TCVN3_GIFT, "de-cu.gift", bank.uuid)
    assert result.created == 1
    assert result.notes == (
        "de-cu.gift: converted from TCVN3 (ABC) to Unicode: check the Vietnamese letters in the preview",
    )
    version = QuestionVersion.objects.get()
    assert version.title == "Câu 1" and version.stem == "Phương trình x + 2 = 5 có nghiệm là"


def test_a_vni_aiken_file_imports(bank):
    result = api.import_questions(VNI_AIKEN, "de-cu.aiken", bank.uuid)
    assert result.created == 1 and "converted from VNI" in result.notes[0]
    assert QuestionVersion.objects.get().stem == "Phương trình x + 2 = 5 có nghiệm là"


def _legacy_word():
    document = Document()
    document.styles["Normal"].font.name = ".VnTime"  # the whole document typed in ABC
    document.add_paragraph("C\xa9u 1. Ph\xad\xacng tr\xd7nh x + 2 = 5 c\xe3 nghi\xd6m l\xb5")
    document.add_paragraph("A. x = 3\tB. x = 7\tC. x = -3\tD. x = 0")
    question = document.add_paragraph()
    question.add_run("C\xa9u 2. ")
    vni = question.add_run("Soá naøo laø soá nguyeân toá?")
    vni.font.name = "VNI-Times"
    document.add_paragraph("A. 4\tB. 6\tC. 7\tD. 9")
    heading = document.add_paragraph().add_run("\xae\xb8p \xb8n")
    heading.font.name = ".VnTimeH"
    document.add_paragraph("1-A 2-C")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_file_in_legacy_fonts_imports_in_unicode(bank):
    assert api.import_questions(_legacy_word(), "de-cu.docx", bank.uuid).created == 2
    first, second = QuestionVersion.objects.order_by("id")
    assert first.stem == "Phương trình x + 2 = 5 có nghiệm là"
    assert second.stem == "Số nào là số nguyên tố?"
    assert [c["correct"] for c in second.body["choices"]] == [False, False, True, False]


def test_symbol_font_characters_become_unicode(bank):
    """Insert Symbol writes <w:sym w:font="Symbol" w:char="F0B3"/>; older files type in the Symbol font."""
    document = Document()
    stem = document.add_paragraph("Câu 1. Tập nghiệm của x ")
    stem._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}"><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'  # ≥
        )
    )
    stem.add_run(" 2 là [2; +")
    stem.add_run("¥").font.name = "Symbol"  # byte 0xA5: ∞
    stem.add_run(")")
    document.add_paragraph("A. Đúng*\tB. Sai")
    wingdings = document.add_paragraph("Câu 2. Chọn ")
    wingdings._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'))
    document.add_paragraph("A. Đúng*\tB. Sai")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(api.QuestionImportError) as caught:
        api.import_questions(out.getvalue(), "kyhieu.docx", bank.uuid)
    assert [str(p) for p in caught.value.problems] == [
        "kyhieu.docx, paragraph 3, question 2: "
        "a symbol the bank cannot read (Wingdings F0FC): type it as text or in an equation"
    ]
    (first,) = preview(out.getvalue(), "kyhieu.docx").drafts[:1]
    assert first.stem == "Tập nghiệm của x ≥ 2 là [2; +∞)"
