"""The built Paragon theme (themes/paragon, ``npm run build`` in themes/): our tokens are in the CSS the MFEs
load, Be Vietnam Pro is the font with its files present, and the brand colours are readable (WCAG AA)."""

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOKENS = REPO / "themes" / "paragon" / "tokens" / "src"
BUILT = REPO / "plugins" / "openedx_vn" / "core" / "static" / "openedx_vn" / "theme"
FONTS = BUILT.parent / "fonts"


def _variables(css):
    return dict(re.findall(r"--(pgn-[\w-]+):\s*([^;}]+)", css))


def _hex(value):
    value = value.strip().lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))


def contrast(foreground, background="#FFFFFF"):
    """The WCAG 2.1 contrast ratio of two sRGB colours (1 to 21)."""

    def luminance(colour):
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _hex(colour)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert contrast("#000000") == pytest.approx(21)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the classic AA limit grey


@pytest.fixture(scope="module")
def light():
    return _variables((BUILT / "light.min.css").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def core():
    return (BUILT / "core.min.css").read_text(encoding="utf-8")


def test_the_built_css_carries_our_source_tokens(light):
    """A token edited without `npm run build` in themes/ fails here."""
    colours = json.loads((TOKENS / "themes" / "light" / "global" / "color.json").read_text())["color"]
    for name, path in (("primary-base", ("primary", "base")), ("brand-base", ("brand", "base"))):
        source = colours[path[0]][path[1]]["$value"]
        assert light[f"pgn-color-{name}"].upper().startswith(source.upper()), name
    # the ramps Paragon derives follow our red, not Paragon's blue
    assert light["pgn-color-primary-500"] == "var(--pgn-color-primary-base)"
    assert light["pgn-color-primary-700"].upper().startswith("#92")  # a darker red, not Paragon blue


@pytest.mark.parametrize("token", ["primary-base", "brand-base", "accent-a", "primary-700"])
def test_brand_colours_are_readable_on_white(light, token):
    value = light[f"pgn-color-{token}"].strip()[:7]
    assert contrast(value) >= 4.5, f"{token} {value}: {contrast(value):.2f}:1"


def test_white_text_on_the_brand_colours_is_readable(light):
    for token in ("primary-base", "brand-base"):
        assert contrast("#FFFFFF", light[f"pgn-color-{token}"].strip()[:7]) >= 4.5


def test_be_vietnam_pro_is_the_font_and_its_files_are_there(core):
    family = _variables(core)["pgn-typography-font-family-sans-serif"]
    assert family.split(",")[0].strip(" '\"") == "Be Vietnam Pro"
    sources = re.findall(r'url\(["\']?\.\./fonts/([\w.-]+\.woff2)', core)
    for weight in (400, 600, 700):
        assert f"be-vietnam-pro-vietnamese-{weight}-normal.woff2" in sources
    for name in sources:
        assert (FONTS / name).stat().st_size > 5000, name
    # the Vietnamese subset covers the stacked-diacritic block (U+1EA0–1EF9: ắ ặ ỗ ự …)
    assert "U+1EA0-1EF9" in core.upper()


def test_logo_and_favicon_are_svg(light):
    for name in ("logo.svg", "favicon.svg"):
        text = (BUILT / name).read_text(encoding="utf-8")
        assert text.startswith("<svg") and "#b71c1c" in text.lower()
