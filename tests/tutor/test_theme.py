"""The MFEs' theme as Tutor renders it: PARAGON_THEME_URLS with our brand override, logos and favicon, after
every plugin's common settings (tutor-indigo's included), fonts readable from the MFE origin (ADR 0018)."""

import pytest

from tests.tutor.conftest import PLUGIN_DIR, run_tutor

MARK = "# openedx-vn: the MFEs' theme"


def _mfe_config(root, mode):
    """MFE_CONFIG as the rendered LMS settings of ``mode`` leave it (our block executed on an empty dict)."""
    text = (root / "env" / "apps" / "openedx" / "settings" / "lms" / f"{mode}.py").read_text()
    start = text.index(MARK)
    block = text[start:]
    config = {}
    exec(compile(block, f"lms/{mode}.py", "exec"), {"MFE_CONFIG": config})  # noqa: S102 - our rendered file
    return text, start, config


@pytest.mark.parametrize("mode", ["production", "development"])
def test_mfes_get_paragon_with_our_brand_override_and_logos(rendered, mode):
    text, start, config = _mfe_config(rendered("default"), mode)
    theme = config["PARAGON_THEME_URLS"]
    base = "http://local.openedx.io/static/openedx_vn/theme"
    assert theme["core"]["urls"]["brandOverride"] == f"{base}/core.min.css"
    assert theme["variants"]["light"]["urls"]["brandOverride"] == f"{base}/light.min.css"
    # Paragon's own files stay the base layer, in the version each MFE was built with
    assert "$paragonVersion" in theme["variants"]["light"]["urls"]["default"]
    assert theme["defaults"] == {"light": "light"}
    assert config["LOGO_URL"] == config["LOGO_WHITE_URL"] == f"{base}/logo.svg"
    assert config["FAVICON_URL"] == f"{base}/favicon.svg"
    # After the common settings, where tutor-mfe and tutor-indigo put theirs: ours is the last word.
    assert text.index("# openedx-vn: pages link back to the LMS") < start


def test_fonts_and_theme_files_are_served_to_other_origins(rendered):
    caddyfile = (rendered("default") / "env" / "apps" / "caddy" / "Caddyfile").read_text()
    assert "@vn_theme path /static/openedx_vn/theme/* /static/openedx_vn/fonts/*" in caddyfile
    assert 'header @vn_theme Access-Control-Allow-Origin "*"' in caddyfile


def test_an_operator_can_leave_the_mfes_to_indigo(tmp_path):
    run_tutor(tmp_path, "plugins", "enable", "vn")
    run_tutor(tmp_path, "config", "save", "--set", "VN_MFE_THEME=false")
    settings = (tmp_path / "env" / "apps" / "openedx" / "settings" / "lms" / "production.py").read_text()
    assert MARK in settings and "PARAGON_THEME_URLS" not in settings
    assert "@vn_theme" not in (tmp_path / "env" / "apps" / "caddy" / "Caddyfile").read_text()


def test_the_wheel_ships_the_built_theme_and_fonts(suite_wheel):
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    _, built = suite_wheel
    names = set(zipfile.ZipFile(io.BytesIO(built)).namelist())
    static = "openedx_vn/core/static/openedx_vn/"
    for name in ("theme/core.min.css", "theme/light.min.css", "theme/logo.svg", "theme/favicon.svg"):
        assert static + name in names, name
    assert static + "fonts/be-vietnam-pro-vietnamese-400-normal.woff2" in names


def test_legacy_pages_get_the_theme_404_500_and_reviewed_vietnamese(rendered):
    root = rendered("default")
    theme = root / "env" / "build" / "openedx" / "themes" / "openedx-vn"
    source = PLUGIN_DIR.parents[1] / "themes" / "openedx-vn"
    for name in ("404.html", "server-error.html"):
        page = (theme / "lms" / "templates" / "static_templates" / name).read_text()
        original = (source / "lms" / "templates" / "static_templates" / name).read_text()
        assert page.rstrip("\n") == original.rstrip("\n")  # Mako's ${...} untouched by Jinja
        assert '<%inherit file="../main.html" />' in page and "vn-problem" in page
    mo = "conf/locale/vi/LC_MESSAGES/django.mo"
    assert (theme / mo).read_bytes() == (source / mo).read_bytes()  # copied, not read through Jinja
    settings = (root / "env" / "apps" / "openedx" / "settings" / "lms" / "production.py").read_text()
    assert '"/openedx/themes/openedx-vn/conf/locale",' in settings
    namespace = {"COMPREHENSIVE_THEME_LOCALE_PATHS": ["/other"]}
    start = settings.index("COMPREHENSIVE_THEME_LOCALE_PATHS = [")
    exec(settings[start : settings.index("\n]\n", start) + 2], namespace)  # noqa: S102 - our rendered file
    ours = "/openedx/themes/openedx-vn/conf/locale"
    assert namespace["COMPREHENSIVE_THEME_LOCALE_PATHS"] == [ours, "/other"]


def test_the_theme_catalog_is_complete_and_compiled():
    import polib  # noqa: PLC0415

    theme = PLUGIN_DIR.parents[1] / "themes" / "openedx-vn"
    po_path = theme / "conf" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    assert len(po) >= 20 and not po.untranslated_entries()
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in compiled} == {e.msgid: e.msgstr for e in po}
