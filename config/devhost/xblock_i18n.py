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


class _DjangoFallback(gettext.NullTranslations):
    def gettext(self, message):
        return translation.gettext(message)

    def ngettext(self, singular, plural, n):
        return translation.ngettext(singular, plural, n)

    def pgettext(self, context, message):
        return translation.pgettext(context, message)

    def npgettext(self, context, singular, plural, n):
        return translation.npgettext(context, singular, plural, n)


def _translation_dirs():
    for _name, cls in XBlock.load_classes():
        if cls.__module__.startswith("openedx_vn_xblocks."):
            path = files(cls.__module__.rsplit(".", 1)[0]) / "translations"
            if path.is_dir():
                yield str(path)


@cache
def _translator(locale):
    merged = None
    for directory in sorted(set(_translation_dirs())):
        found = gettext.translation("text", directory, [locale], fallback=True)
        if not isinstance(found, gettext.GNUTranslations):
            continue
        if merged is None:
            merged = found  # keeps its plural rule
        else:
            merged._catalog.update(found._catalog)
    merged = merged or gettext.NullTranslations()
    merged.add_fallback(_DjangoFallback())
    return merged


class XBlockI18nService:
    """Translator for the active language; attributes proxy to a ``gettext`` translations object."""

    def __getattr__(self, name):
        language = translation.get_language() or "vi"
        return getattr(_translator(translation.to_locale(language)), name)
