"""The XBlock i18n service of the dev host, behaving like the LMS's.

The LMS gives each block a translator over ``<block package>/translations/<lang>/LC_MESSAGES/text.mo``
and falls back to Django's catalogs. The workbench builds one service for all blocks, so this one
merges the ``text`` catalogs of every installed openedx-vn block.
"""

import gettext
from functools import cache
from importlib.resources import files

from django.utils import translation
from xblock.core import XBlock


def _translation_dirs():
    for _name, cls in XBlock.load_classes():
        if cls.__module__.startswith("openedx_vn_xblocks."):
            path = files(cls.__module__.rsplit(".", 1)[0]) / "translations"
            if path.is_dir():
                yield str(path)


@cache
def _catalog(locale):
    """The merged ``text`` catalog of our blocks for a locale (msgid → msgstr; plural keys are tuples)."""
    catalog = {}
    for directory in sorted(set(_translation_dirs())):
        found = gettext.translation("text", directory, [locale], fallback=True)
        catalog.update(getattr(found, "_catalog", {}))
    return catalog


class XBlockI18nService:
    """Our blocks' catalogs first, then Django's. Exposes ``_catalog`` for XBlock's ``{% trans %}`` tag,
    which merges it into Django's translation; no ``_fallback``, so nothing loops back into Django."""

    _fallback = None

    @staticmethod
    def plural(number):
        return 0  # Vietnamese: one form

    @property
    def _catalog(self):
        return _catalog(translation.to_locale(translation.get_language() or "vi"))

    def gettext(self, message):
        return self._catalog.get(message) or translation.gettext(message)

    def ngettext(self, singular, plural, number):
        found = self._catalog.get((singular, 0))  # Vietnamese has one form
        return found or translation.ngettext(singular, plural, number)

    def pgettext(self, context, message):
        return self._catalog.get(f"{context}\x04{message}") or translation.pgettext(context, message)

    ugettext, ungettext = gettext, ngettext
