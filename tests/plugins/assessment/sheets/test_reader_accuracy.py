"""The reader against the truth: sheets printed by ``sheets.pdf``, filled with marks of varying darkness
(some faint, some half-erased, some doubled), photographed at up to 15° with perspective, blur, uneven light
and JPEG noise, or scanned. Every clean mark must read right, every ambiguous one must go to review, and no
mark may be read as something the student did not mean."""

import random
import uuid
from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from openedx_vn.assessment.sheets.layout import LayoutError, build_layout
from openedx_vn.assessment.sheets.pdf import parse_payload, sheet_pdf
from openedx_vn.assessment.sheets.reader import SheetNotFound, decode_image
from openedx_vn.assessment.sheets.reading import read_sheet
from tests.plugins.assessment.sheets import synth

INFO = SimpleNamespace(uuid="5f0c9a4e2b7d4f0e9c3a1b2c3d4e5f60", title="Kiểm tra giữa kì I – Toán 12", kind="")
NATIONAL = build_layout("national", (40, 8, 6))
LEGACY = build_layout("legacy", (50, 0, 0))
_BLANKS = {}


def blank(layout):
    if layout.kind not in _BLANKS:
        _BLANKS[layout.kind] = synth.render_pages(sheet_pdf(INFO, layout))[0]
    return _BLANKS[layout.kind].copy()


def check(read, filled, number, code):
    """Assert the read against the truth; returns (clean marks checked, ambiguous marks checked)."""
    values, unsure = read.marks.values, read.marks.unsure
    wrong = {k: (v, values[k]) for k, v in filled.expected.items() if k in values and values[k] != v}
    assert not wrong, f"read wrong: {wrong}"
    not_read = {k: unsure.get(k) for k in filled.expected if k not in values}
    assert not not_read, (
        f"clean marks sent to review: {not_read} darkness {[read.marks.darkness[k] for k in not_read]}"
    )
    missed = [k for k in filled.ambiguous if k not in unsure]
    assert not missed, f"ambiguous marks graded: {missed} {[read.marks.darkness[k] for k in missed]}"
    for key in filled.ambiguous:
        assert key in {tuple(w) if isinstance(w, tuple) else w for w, _r in read.problems}
    assert read.number == number
    assert read.code == code
    assert read.exam_uuid == INFO.uuid
    return len(filled.expected), len(filled.ambiguous)


def _sheet(layout, seed, **ambiguity):
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    page = blank(layout)
    number, code = f"{rng.randrange(1, 999999):06d}", str(rng.randrange(101, 999))
    choices = synth.random_choices(layout, rng, number=number, code=code)
    return page, synth.fill(page, layout, choices, rng, **ambiguity), number, code, rng


@pytest.mark.parametrize("seed", range(10))
def test_national_sheet_photos(seed):
    page, filled, number, code, rng = _sheet(NATIONAL, seed, faint=1, erased=1, double=1)
    angle = (-15.0, 15.0)[seed % 2] if seed < 4 else None  # the limits, then anything between
    photo = synth.photo(page, rng, max_angle=15.0) if angle is None else _photo_at(page, rng, angle)
    clean, ambiguous = check(read_sheet(decode_image(photo)), filled, number, code)
    assert clean > 100 and ambiguous == 3


def _photo_at(page, rng, angle):
    # A photo turned by exactly ``angle``: narrow the random range to that value.
    state = rng.getstate()
    fixed = random.Random()  # noqa: S311 - reproducible test data
    fixed.setstate(state)
    fixed.uniform = lambda a, b, _u=fixed.uniform: angle if (a, b) == (-15.0, 15.0) else _u(a, b)
    return synth.photo(page, fixed, max_angle=15.0)


@pytest.mark.parametrize("seed", range(3))
def test_older_40_50_question_sheet_photos(seed):
    page, filled, number, code, rng = _sheet(LEGACY, 100 + seed, faint=1, erased=1, double=1)
    check(read_sheet(decode_image(synth.photo(page, rng))), filled, number, code)


@pytest.mark.parametrize("turn", [cv2.ROTATE_180, cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_90_COUNTERCLOCKWISE])
def test_a_photo_taken_upside_down_or_sideways(turn):
    page, filled, number, code, rng = _sheet(NATIONAL, 200 + turn, double=1)
    turned = cv2.rotate(cv2.imdecode(np.frombuffer(synth.photo(page, rng, max_angle=5), np.uint8), 1), turn)
    photo = cv2.imencode(".jpg", turned, [cv2.IMWRITE_JPEG_QUALITY, 80])[1].tobytes()
    check(read_sheet(decode_image(photo)), filled, number, code)


@pytest.mark.parametrize("seed", range(3))
def test_scanned_pages(seed):
    page, filled, number, code, rng = _sheet(NATIONAL, 300 + seed, erased=2)
    scanned = np.array(synth.scan(page, rng))
    check(read_sheet(scanned), filled, number, code)


def test_heavy_blur_and_dim_light_still_never_misread():
    page, filled, number, code, rng = _sheet(NATIONAL, 400, faint=2, erased=2, double=2)
    read = read_sheet(decode_image(synth.photo(page, rng, blur=3.0, quality=55)))
    values = read.marks.values
    assert not {k: v for k, v in filled.expected.items() if k in values and values[k] != v}
    assert all(key in read.marks.unsure for key in filled.ambiguous)


def test_the_qr_code_names_the_test_and_the_printed_number():
    page = synth.render_pages(sheet_pdf(INFO, NATIONAL, [("000042", "Trần Thị Hoa")]))[0]
    read = read_sheet(page)
    assert parse_payload(read.straightened.qr)[:4] == (INFO.uuid, "national", (40, 8, 6), "000042")
    assert read.number == "000042"  # nothing filled in: the printed number stands
    assert parse_payload("VNSHEET1;x;national;a,b,c;") is None
    assert parse_payload("something else") is None


def test_no_sheet_in_the_picture():
    with pytest.raises(SheetNotFound, match="bốn ô vuông"):
        read_sheet(np.full((1200, 900), 210, np.uint8))
    with pytest.raises(SheetNotFound, match="không phải là ảnh"):
        decode_image(b"%PDF-1.4 not a picture")


def test_layouts_refuse_tests_that_do_not_fit():
    with pytest.raises(LayoutError, match="Phần II"):
        build_layout("legacy", (30, 4, 0))
    with pytest.raises(LayoutError, match="Phần I"):
        build_layout("national", (41, 0, 0))
    with pytest.raises(LayoutError):
        build_layout("national", (0, 0, 0))
    assert len([g for g in LEGACY.groups if g.key[0] == "mc"]) == 50
    assert len([g for g in NATIONAL.groups if g.key[0] == "sa"]) == 6 * 4


def test_every_qr_code_of_a_150_dpi_class_scan_is_read():
    """Scanned at 150 dpi, then straightened, a QR module is about four pixels wide: the first look missed 3
    sheets in these 40 (each test has its own id, so its own code); the second look reads them all."""
    rng = random.Random(7)  # noqa: S311 - a repeatable class
    layout = build_layout("national", (12, 4, 6))
    unread = []
    for index in range(40):
        info = SimpleNamespace(uuid=uuid.UUID(int=rng.getrandbits(128)).hex, title=INFO.title, kind="")
        number = f"{index + 1:06d}"
        printed = synth.render_pages(sheet_pdf(info, layout, [(number, "Học sinh")]))
        page = synth.render_pages(synth.scanned_pdf(printed, rng), dpi=150)[0]
        read = read_sheet(page)
        if read.straightened.qr is None or parse_payload(read.straightened.qr)[0] != info.uuid:
            unread.append(number)
    assert unread == []
