"""Reading an answer sheet from a photo or a scanned page (OpenCV).

Like OMRChecker, the sheet is found by its four corner markers and straightened with a perspective
transform; unlike it, the markers are found as solid squares among the page's dark blobs (no template image,
so any size and angle works), a quarter turn is told from the sheet's proportions and a half turn from where
the QR code is. The page is then read at ``PX`` pixels per millimetre: each bubble's darkness is its ink
measured against the paper around it (a wide maximum filter), so shade and uneven light cancel out.

What the marks mean (a clean mark, a blank, or something a teacher must look at) is ``marks``' business.
"""

import io
import itertools
from dataclasses import dataclass, field

import cv2
import numpy as np
from django.utils.translation import gettext as _
from PIL import Image

from openedx_vn.assessment.sheets.layout import MARKER_CENTERS, MARKER_SIZE, PAGE, QR_BOX

__all__ = [
    "PX",
    "Straightened",
    "SheetNotFound",
    "bubble_darkness",
    "bubble_means",
    "decode_image",
    "straighten",
]

PX = 5  # pixels per millimetre of the straightened sheet
SAMPLE_RADIUS = 1.3  # mm: the inside of a 4 mm bubble, clear of its printed ring
DETECT_SIDE = 1000  # the markers are looked for on a copy this many pixels long
_MAX_PIXELS = 60_000_000  # larger pictures are refused before decoding (a decompression bomb)


class SheetNotFound(ValueError):
    """No answer sheet in the picture (the message says what was missing)."""


@dataclass
class Straightened:
    image: np.ndarray  # grey, PAGE × PX, upright
    darkness: np.ndarray  # float32 0 (paper) … 1 (black): the mean over a bubble's inside at each pixel
    qr: str | None  # the QR code's text, None when it could not be read
    corners: tuple = field(default=())  # marker centres found in the picture (x, y), TL TR BR BL


def decode_image(content):
    """A grey picture from image bytes (JPEG, PNG…), EXIF rotation applied; large photos are decoded at half
    size, which still gives 5 pixels per millimetre and halves the time. Raises ``SheetNotFound`` for bytes
    that are no picture."""
    try:
        with Image.open(io.BytesIO(content)) as probe:
            width, height = probe.size
    except (OSError, ValueError) as exc:
        raise SheetNotFound(_("The file is not a picture that can be read.")) from exc
    if width * height > _MAX_PIXELS:
        raise SheetNotFound(_("The picture is too large (%(size)s pixels).") % {"size": f"{width}×{height}"})
    flag = cv2.IMREAD_REDUCED_GRAYSCALE_2 if width * height > 6_000_000 else cv2.IMREAD_GRAYSCALE
    image = cv2.imdecode(np.frombuffer(content, np.uint8), flag)
    if image is None:
        raise SheetNotFound(_("The file is not a picture that can be read."))
    return image


def _normalised_darkness(gray, window):
    """0 (as light as the paper around) … 1 (black): the local paper level is a maximum filter of ``window``
    pixels, wider than a filled bubble, smoothed."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (window, window))
    paper = cv2.dilate(gray, kernel)
    paper = cv2.blur(paper, (window, window)).astype(np.float32) + 1.0
    return np.clip(1.0 - gray.astype(np.float32) / paper, 0.0, 1.0)


def _candidates(small):
    """Solid, square dark blobs: ``[(cx, cy, side)]`` in ``small``'s pixels."""
    dark = (_normalised_darkness(small, 41) > 0.45).astype(np.uint8)
    # Every contour, not only outer ones: the dark table around a sheet rings it, markers included.
    contours, _hierarchy = cv2.findContours(dark, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    least = small.shape[0] * small.shape[1] * 2e-5
    most = (max(small.shape) / 12) ** 2
    for contour in contours:
        area = cv2.contourArea(contour)
        if not least <= area <= most:
            continue
        (cx, cy), (w, h), _angle = cv2.minAreaRect(contour)
        if min(w, h) < 4 or min(w, h) / max(w, h) < 0.7 or area / (w * h) < 0.84:
            continue
        hull = cv2.convexHull(contour)
        if area / max(cv2.contourArea(hull), 1) < 0.9:
            continue
        found.append((cx, cy, (w + h) / 2))
    found.sort(key=lambda item: -item[2])
    return found[:12]


def _ordered(points):
    """Four points in clockwise order (image y down), starting anywhere."""
    centre = np.mean(points, axis=0)
    return sorted(points, key=lambda p: np.arctan2(p[1] - centre[1], p[0] - centre[0]))


def _quad_score(quad, sides):
    """The quadrilateral's area if four markers could be the sheet's corners, else 0."""
    if max(sides) / min(sides) > 1.8:
        return 0.0
    p = np.array(quad, dtype=np.float32)
    edges = [np.linalg.norm(p[(i + 1) % 4] - p[i]) for i in range(4)]
    if min(edges) <= 0 or max(edges[0], edges[2]) / min(edges[0], edges[2]) > 1.6:
        return 0.0
    if max(edges[1], edges[3]) / min(edges[1], edges[3]) > 1.6:
        return 0.0
    short, long_ = sorted(((edges[0] + edges[2]) / 2, (edges[1] + edges[3]) / 2))
    expected = (MARKER_CENTERS[3][1] - MARKER_CENTERS[0][1]) / (MARKER_CENTERS[1][0] - MARKER_CENTERS[0][0])
    if not 0.7 * expected < long_ / short < 1.35 * expected:
        return 0.0
    marker = np.mean(sides) / short * (MARKER_CENTERS[1][0] - MARKER_CENTERS[0][0])
    if not 0.5 * MARKER_SIZE < marker < 1.7 * MARKER_SIZE:
        return 0.0
    if not cv2.isContourConvex(p.reshape(-1, 1, 2)):
        return 0.0
    return float(cv2.contourArea(p))


def _find_markers(gray):
    scale = DETECT_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    scale = min(scale, 1.0)
    found = _candidates(small)
    best, best_score = None, 0.0
    for four in itertools.combinations(found, 4):
        quad = _ordered([(x, y) for x, y, _side in four])
        score = _quad_score(quad, [side for _x, _y, side in four])
        if score > best_score:
            best, best_score, sides = quad, score, [side for *_xy, side in four]
    if best is None:
        raise SheetNotFound(_("The four black squares at the corners of the sheet were not all found."))
    return [_refine(gray, x / scale, y / scale, np.mean(sides) / scale) for x, y in best]


def _refine(gray, x, y, side):
    """The marker's centre measured again on the full picture (the small copy is a few pixels coarse)."""
    half = int(side)
    x0, y0 = max(int(x) - half, 0), max(int(y) - half, 0)
    patch = gray[y0 : int(y) + half + 1, x0 : int(x) + half + 1]
    if patch.size == 0:
        return (x, y)
    _level, dark = cv2.threshold(patch, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, labels, stats, centres = cv2.connectedComponentsWithStats(dark)
    if count < 2:
        return (x, y)
    near = min(
        range(1, count),
        key=lambda i: (centres[i][0] + x0 - x) ** 2 + (centres[i][1] + y0 - y) ** 2 - stats[i][4],
    )
    return (float(centres[near][0] + x0), float(centres[near][1] + y0))


def _warp(gray, corners):
    target = np.array([MARKER_CENTERS[i] for i in (0, 1, 3, 2)], dtype=np.float32) * PX
    matrix = cv2.getPerspectiveTransform(np.array(corners, dtype=np.float32), target)
    size = (int(PAGE[0] * PX), int(PAGE[1] * PX))
    return cv2.warpPerspective(gray, matrix, size, flags=cv2.INTER_LINEAR, borderValue=255)


def _qr_crop(image, upside_down):
    x, y, side = QR_BOX
    margin = 4.0
    if upside_down:
        x, y = PAGE[0] - x - side, PAGE[1] - y - side
    top, left = int((y - margin) * PX), int((x - margin) * PX)
    span = int((side + 2 * margin) * PX)
    return image[max(top, 0) : top + span, max(left, 0) : left + span]


_DETECTORS = {}


def _detector(kind):
    # One detector of each kind per process: building one costs more than a decode.
    if kind not in _DETECTORS:
        _DETECTORS[kind] = cv2.QRCodeDetectorAruco() if kind == "aruco" else cv2.QRCodeDetector()
    return _DETECTORS[kind]


def _decode(picture, kind="plain"):
    try:
        text, _points, _code = _detector(kind).detectAndDecode(picture)
    except cv2.error:
        text = ""
    return text or None


def _read_qr(crop):
    return _decode(crop) or _decode(cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))


QR_PX = 8  # pixels per millimetre of the QR code's second look


def _qr_from_source(gray, corners, upside_down):
    """The QR code read again from the picture itself, its box alone straightened at ``QR_PX`` px/mm, by
    OpenCV's other detector (it finds the code by its corner patterns as ArUco markers). A 150 dpi scan
    straightened to ``PX`` leaves about four pixels per module, blurred twice, which the first look misses
    now and then (3 sheets in 40 of a synthetic class scan)."""
    x, y, side = QR_BOX
    margin = 4.0
    if upside_down:
        x, y = PAGE[0] - x - side, PAGE[1] - y - side
    target = np.array([MARKER_CENTERS[i] for i in (0, 1, 3, 2)], dtype=np.float32) - [x - margin, y - margin]
    source = np.array(corners, dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, (target * QR_PX).astype(np.float32))
    span = int((side + 2 * margin) * QR_PX)
    crop = cv2.warpPerspective(gray, matrix, (span, span), flags=cv2.INTER_CUBIC, borderValue=255)
    return _decode(crop, "aruco") or _decode(crop)


def straighten(gray):
    """The sheet in ``gray`` (a photo or a page), upright at ``PX`` px/mm, with its QR text.

    Raises ``SheetNotFound`` when the four corner markers are not found.
    """
    corners = _ordered(_find_markers(gray))
    edges = [np.hypot(*np.subtract(corners[(i + 1) % 4], corners[i])) for i in range(4)]
    if edges[0] + edges[2] > edges[1] + edges[3]:  # the first edge is a long one: start one corner later
        corners = corners[1:] + corners[:1]
    start = min((0, 2), key=lambda i: corners[i][0] + corners[i][1])  # the upper-left of the two choices
    corners = corners[start:] + corners[:start]
    image = _warp(gray, corners)
    qr = _read_qr(_qr_crop(image, False)) or _qr_from_source(gray, corners, False)
    if qr is None:
        turned = _read_qr(_qr_crop(image, True)) or _qr_from_source(gray, corners, True)
        # Unreadable both ways: the QR side is the darker one (half its modules are black).
        if turned is not None or _qr_crop(image, True).mean() < _qr_crop(image, False).mean() - 25:
            image, qr = cv2.rotate(image, cv2.ROTATE_180), turned
            corners = corners[2:] + corners[:2]
    darkness = bubble_means(_normalised_darkness(image, int(6 * PX) | 1))
    return Straightened(image, darkness, qr, tuple(corners))


def bubble_means(darkness):
    """The mean darkness of the square inscribed in a bubble's inside around every pixel: one box filter over
    the page, cheaper than hundreds of slices."""
    side = int(round(SAMPLE_RADIUS * PX * 1.7)) | 1
    return cv2.blur(darkness, (side, side), borderType=cv2.BORDER_REPLICATE)


def bubble_darkness(means, x, y):
    """Mean darkness (0…1) inside the bubble centred at (``x``, ``y``) mm (``means`` from ``bubble_means``):
    the best of the centre and 0,4 mm either way, so a sheet bent a little still reads."""
    cx, cy = int(round(x * PX)), int(round(y * PX))
    height, width = means.shape
    best = 0.0
    for dx, dy in ((0, 0), (-2, 0), (2, 0), (0, -2), (0, 2)):
        px, py = cx + dx, cy + dy
        if 0 <= px < width and 0 <= py < height:
            best = max(best, float(means[py, px]))
    return best
