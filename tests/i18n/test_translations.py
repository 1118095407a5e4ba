"""Vietnamese ships complete: every catalog translated, compiled, and in step with the code."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOGS = sorted(
    path
    for folder in ("plugins", "config", "xblocks")
    for path in (REPO / folder).rglob("vi/LC_MESSAGES/*.po")
)
SOURCES = {  # catalog -> the source folder its strings are extracted from
    po: po.parents[3] for po in CATALOGS
}


def test_every_app_and_block_has_a_catalog():
    owners = {po.parents[3].name for po in CATALOGS}
    assert {
        "core",
        "curriculum",
        "qbank",
        "schools",
        "teaching",
        "devhost",
        "question",
        "online_lesson",
        "assessment",
        "timed_test",
    } <= owners


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(REPO)))
def test_catalog_is_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in po if not entry.translated()]
    assert not untranslated, f"{po_path.name}: untranslated or fuzzy: {untranslated}"
    with open(po_path.with_suffix(".mo"), "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = [
        entry.msgid for entry in po if _compiled(compiled, entry) != (entry.msgstr or entry.msgstr_plural[0])
    ]
    assert not stale, (
        f"{po_path.with_suffix('.mo').name} is older than the .po; run scripts/translations.sh compile"
    )


def _compiled(compiled, entry):
    if entry.msgctxt and entry.msgid_plural:
        return compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
    if entry.msgctxt:
        return compiled.pgettext(entry.msgctxt, entry.msgid)
    if entry.msgid_plural:
        return compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
    return compiled.gettext(entry.msgid)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(REPO)))
def test_catalog_holds_every_string_of_the_code(po_path, tmp_path):
    source = SOURCES[po_path]
    copy = tmp_path / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "translations", "__pycache__"))
    (copy / "locale").mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'config'}{os.pathsep}{REPO}",
        "DJANGO_SETTINGS_MODULE": "devhost.settings",
    }
    django_admin = Path(sys.executable).with_name("django-admin")
    subprocess.run([django_admin, "makemessages", "-l", "vi", "-v", "0"], cwd=copy, env=env, check=True)
    extracted = {entry.msgid for entry in polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po"))}
    shipped = {entry.msgid for entry in polib.pofile(str(po_path))}
    assert extracted - shipped == set(), (
        "new strings: run scripts/translations.sh extract, then translate them"
    )
