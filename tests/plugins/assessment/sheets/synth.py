"""Filled-in answer sheets and phone photos of them, made from the real printed PDF.

``fill`` draws pencil marks into a page rendered from ``sheets.pdf`` at ``DPI``; ``photo`` turns the page
into a 12 MP phone photo (perspective, a turn of up to 15°, blur, uneven light, sensor noise, JPEG);
``scan`` into a scanned page. What was drawn is returned beside it, so a test knows the truth.
"""

import io
from dataclasses import dataclass, field

import cv2
import numpy as np
import pypdfium2
from PIL import Image

DPI = 200
MM = DPI / 25.4


def render_pages(pdf_bytes, dpi=DPI):
    """Grey pages (uint8 arrays) of a PDF."""
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return [
            np.array(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")) for page in document
        ]
    finally:
        document.close()


@dataclass
class Filled:
    """What a student put on a sheet: ``marks`` {group key: [(value, darkness, kind)]} with kind "clean",
    "faint", "erased"; ``expected`` {group key: value} for groups a reader must read, ``ambiguous`` the keys
    it must send to review."""

    marks: dict = field(default_factory=dict)
    expected: dict = field(default_factory=dict)
    ambiguous: set = field(default_factory=set)


def _ink(page, x, y, darkness, rng, radius_mm=1.85):
    """A pencil mark: an ellipse a little off centre, grainy, ``darkness`` of the paper's light taken."""
    cx, cy = x * MM + rng.uniform(-0.25, 0.25) * MM, y * MM + rng.uniform(-0.25, 0.25) * MM
    rx = radius_mm * MM * rng.uniform(0.92, 1.08)
    ry = radius_mm * MM * rng.uniform(0.92, 1.08)
    # Only the mark's own square is touched (a whole-page array per mark is slow).
    half = int(max(rx, ry)) + 2
    x0, y0 = max(int(cx) - half, 0), max(int(cy) - half, 0)
    box = page[y0 : int(cy) + half + 1, x0 : int(cx) + half + 1]
    mask = np.zeros(box.shape, np.uint8)
    centre = (int(cx) - x0, int(cy) - y0)
    cv2.ellipse(mask, centre, (int(rx), int(ry)), rng.uniform(0, 180), 0, 360, 255, -1)
    grain = np.random.default_rng(rng.randrange(1 << 30)).normal(1.0, 0.08, box.shape)
    keep = 1.0 - darkness * np.clip(grain, 0.7, 1.3)
    region = mask > 0
    box[region] = np.clip(box[region] * keep[region], 0, 255).astype(np.uint8)


def fill(page, layout, choices, rng, faint=0, erased=0, double=0):
    """Mark ``choices`` ({group key: value or None}) on ``page`` in place; then ``faint`` faint marks,
    ``erased`` rubbed-out marks beside a clean one, ``double`` questions with two clean marks. Returns
    ``Filled``."""
    result = Filled()
    groups = {group.key: group for group in layout.groups}
    for key, value in choices.items():
        result.expected[key] = value
        if value is None:
            continue
        x, y = next((bx, by) for v, bx, by in groups[key].bubbles if v == value)
        level = rng.uniform(0.6, 0.95)
        _ink(page, x, y, level, rng)
        result.marks.setdefault(key, []).append((value, level, "clean"))
    answer_keys = [key for key in choices if key[0] in ("mc", "tf") and choices[key] is not None]
    picked = rng.sample(answer_keys, faint + erased + double)
    for index, key in enumerate(picked):
        group = groups[key]
        others = [b for b in group.bubbles if b[0] != choices[key]]
        value, x, y = rng.choice(others)
        if index < faint:  # the chosen mark itself too faint
            page_value = choices[key]
            bx, by = next((bx, by) for v, bx, by in group.bubbles if v == page_value)
            patch = page[
                int((by - 2.2) * MM) : int((by + 2.2) * MM), int((bx - 2.2) * MM) : int((bx + 2.2) * MM)
            ]
            patch[...] = np.maximum(patch, 235)  # rub the clean one out entirely first
            cv2.circle(page, (int(bx * MM), int(by * MM)), int(2 * MM), 0, max(1, int(0.25 * MM)))
            value, level = page_value, rng.uniform(0.22, 0.32)
            _ink(page, bx, by, level, rng)
            kind = "faint"
        elif index < faint + erased:  # an earlier choice rubbed out, not clean
            level = rng.uniform(0.22, 0.32)
            _ink(page, x, y, level, rng)
            kind = "erased"
        else:
            level = rng.uniform(0.6, 0.9)
            _ink(page, x, y, level, rng)
            kind = "double"
        result.marks.setdefault(key, []).append((value, level, kind))
        result.ambiguous.add(key)
        result.expected.pop(key, None)
    return result


def _encode(image, quality):
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return data.tobytes()


def photo(page, rng, size=(3000, 4000), max_angle=15.0, blur=None, quality=None):
    """A phone photo (JPEG bytes, ``size`` = width × height, 12 MP by default) of ``page``."""
    width, height = size
    h, w = page.shape
    fit = min(width / w, height / h) * rng.uniform(0.72, 0.86)
    angle = np.radians(rng.uniform(-max_angle, max_angle))
    centre = np.array(
        [width / 2 + rng.uniform(-0.04, 0.04) * width, height / 2 + rng.uniform(-0.03, 0.03) * height]
    )
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32) - [w / 2, h / 2]
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    placed = corners * fit @ rotation.T + centre
    # Perspective: the phone is not held square above the page.
    placed += np.array(
        [[rng.uniform(-0.035, 0.035) * width, rng.uniform(-0.025, 0.025) * height] for _ in range(4)]
    )
    # The whole page in the frame (a margin of 2 %): shrink about the centre until it fits.
    low, high = placed.min(axis=0), placed.max(axis=0)
    room = min(
        (centre[0] - 0.02 * width) / max(centre[0] - low[0], 1),
        (0.98 * width - centre[0]) / max(high[0] - centre[0], 1),
        (centre[1] - 0.02 * height) / max(centre[1] - low[1], 1),
        (0.98 * height - centre[1]) / max(high[1] - centre[1], 1),
    )
    if room < 1:
        placed = (placed - centre) * room + centre
    matrix = cv2.getPerspectiveTransform(
        (corners + [w / 2, h / 2]).astype(np.float32), placed.astype(np.float32)
    )
    noise_rng = np.random.default_rng(rng.randrange(1 << 30))
    # Fields that vary slowly (the table, the light) are made small and enlarged: 12 MP of floats is slow.
    small = (width // 16, height // 16)
    table = rng.randrange(70, 140) + noise_rng.standard_normal((small[1], small[0]), dtype=np.float32) * 10
    background = cv2.resize(np.clip(table, 0, 255).astype(np.uint8), size, interpolation=cv2.INTER_CUBIC)
    shot = cv2.warpPerspective(
        page, matrix, (width, height), dst=background, borderMode=cv2.BORDER_TRANSPARENT
    )
    # Uneven light: a gradient across the page and a soft shadow.
    yy, xx = np.mgrid[0 : small[1], 0 : small[0]].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    light = 0.78 + 0.2 * (gx * (xx / small[0] - 0.5) + gy * (yy / small[1] - 0.5))
    sx, sy = rng.uniform(0, small[0]), rng.uniform(0, small[1])
    light -= 0.22 * np.exp(-(((xx - sx) ** 2 + (yy - sy) ** 2) / (2 * (0.25 * small[0]) ** 2)))
    shot = shot.astype(np.float32) * cv2.resize(light, size, interpolation=cv2.INTER_LINEAR)
    sigma = blur if blur is not None else rng.uniform(0.8, 2.2)
    shot = cv2.GaussianBlur(shot, (0, 0), sigma)
    shot += noise_rng.standard_normal(shot.shape, dtype=np.float32) * rng.uniform(3, 7)
    colour = cv2.cvtColor(np.clip(shot, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    colour[..., 0] = (colour[..., 0] * 0.93).astype(np.uint8)  # warm indoor light
    return _encode(colour, quality or rng.randrange(60, 85))


def scan(page, rng):
    """A scanned page (grey PIL image at 150 dpi, a slight skew, a little noise)."""
    h, w = page.shape
    angle = rng.uniform(-2.5, 2.5)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 150 / DPI)
    matrix[:, 2] += [
        w * (150 / DPI - 1) / 2 + rng.uniform(-15, 15),
        h * (150 / DPI - 1) / 2 + rng.uniform(-15, 15),
    ]
    out = cv2.warpAffine(page, matrix, (int(w * 150 / DPI), int(h * 150 / DPI)), borderValue=250)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 4, out.shape)
    return Image.fromarray(np.clip(out + noise, 0, 255).astype(np.uint8))


def scanned_pdf(pages, rng):
    """A multi-page scanned PDF (JPEG pages) of ``pages``."""
    images = [scan(page, rng) for page in pages]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150, quality=80)
    return out.getvalue()


def random_choices(layout, rng, number="", code=""):
    """Random answers for every group of ``layout`` (some left blank), the number and code filled in."""
    choices = {}
    for group in layout.groups:
        kind = group.key[0]
        if kind in ("mc", "tf"):
            choices[group.key] = None if rng.random() < 0.05 else rng.choice(group.bubbles)[0]
    for question in sorted({group.key[1] for group in layout.groups if group.key[0] == "sa"}):
        text = rng.choice(["-1,5", "12", "0,25", "2026", "-3", "7,5", ""])
        for column in range(4):
            choices[("sa", question, column)] = text[column] if column < len(text) else None
    for column, digit in enumerate(number.rjust(6) if number else " " * 6):
        choices[("number", column)] = digit if digit.strip() else None
    for column, digit in enumerate(code.rjust(3) if code else " " * 3):
        choices[("code", column)] = digit if digit.strip() else None
    return choices
