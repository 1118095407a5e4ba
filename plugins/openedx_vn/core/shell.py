"""The page shell every page of ours shares: the apps a user may open, the user menu, breadcrumbs.

Core depends on no app (import-linter), yet which apps a user reaches is the apps' own rule (teachers,
leaders and officers come from ``schools.api``). So the rule lives in one module named by the setting
``SHELL_MENU`` (``openedx_vn.menu``), loaded on first use, which answers ``sections(user)`` with keys and
URLs and ``role_keys(user)``; the words are here (ADR 0018). A host without it still gets a shell: a home
link and the user menu.
"""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from openedx_vn.core.compat import get_platform_url
from openedx_vn.core.conf import vn_setting

log = logging.getLogger(__name__)


# key -> (menu label, what the home page says it is for)
LABELS = {
    "qbank": (_("Question banks"), _("Your questions and your school's, with their keys and explanations.")),
    "assessment": (
        _("Tests"),
        _("Blueprints and specifications, test versions, results and essays."),
    ),
    "teaching": (
        _("Online teaching share"),
        _("The share of periods taught online against the target, per class and school."),
    ),
    "policy": (_("Targets and rules"), _("The year's targets, caps and counting rules.")),
    "curriculum": (
        _("Curriculum"),
        _("The 2018 General Education Program: subjects, periods and required learning outcomes."),
    ),
    "audit": (_("Activity log"), _("Who changed what, and when, in your school or area.")),
    "my_tests": (_("My tests"), _("Tests your teachers opened for you, timed and saved as you answer.")),
    "practice": (_("Practice"), _("Exercises at your own pace, matched to your level.")),
    "progress": (_("My progress"), _("Your answers, scores and what to practise next.")),
    "my_courses": (
        _("My courses"),
        _("Your courses hold your tests, practice and progress (the course's Progress tab)."),
    ),
}
LINK_LABELS = {
    "banks": _("All banks"),
    "new_blueprint": _("New blueprint"),
    "my_classes": _("My classes' share"),
    "schools": _("Schools in my area"),
}
ROLE_LABELS = {
    "operator": _("Operator"),
    "province_officer": _("Province officer"),
    "commune_officer": _("Commune officer"),
    "school_leader": _("School leader"),
    "teacher": _("Teacher"),
    "student": _("Student"),
}


@dataclass(frozen=True)
class Section:
    """One of our apps as a user sees it: a menu entry and a card on the role home page.

    ``links``: (label, url) shortcuts shown on the home card.
    """

    key: str
    url: str
    links: tuple = field(default=())

    @property
    def label(self):
        return LABELS.get(self.key, (self.key, ""))[0]

    @property
    def description(self):
        return LABELS.get(self.key, ("", ""))[1]


def _link_label(key):
    """A link key, or ("school", name) for a school's own dashboard."""
    if isinstance(key, tuple):
        return key[1]
    return LINK_LABELS.get(key, key)


@dataclass(frozen=True)
class Shell:
    """What base.html draws around a page."""

    sections: tuple = ()
    current: Section | None = None
    roles: tuple = ()  # labels of the user's roles ("Giáo viên", …) for the user menu
    home_url: str = "/"
    platform_url: str = "/"
    studio_url: str = ""
    logout_url: str = ""
    logout_by_post: bool = False
    login_url: str = ""


def _menu():
    path = vn_setting("SHELL_MENU")
    if not path:
        return None
    try:
        return import_string(f"{path}.sections"), import_string(f"{path}.role_keys")
    except ImportError:
        log.exception("SHELL_MENU %r cannot be imported: the menu shows the home page only", path)
        return None


def _reverse(name, default=""):
    try:
        return reverse(name)
    except NoReverseMatch:
        return default


def home_url():
    """Our role home page, ``/vn/core/`` (the dev host shows the same page at "/")."""
    return _reverse("vn_core:home") or get_platform_url()


def _logout():
    """(url, by_post): Django's own LogoutView (the dev host) only logs out on POST; the LMS's on GET."""
    url = _reverse("logout")
    if not url:
        return f"{get_platform_url().rstrip('/')}/logout", False
    view = getattr(resolve(url).func, "view_class", None)
    return url, bool(view and issubclass(view, auth_views.LogoutView))


def studio_url():
    """Studio's root URL, "" when the host knows none (the dev host)."""
    configured = vn_setting("STUDIO_URL") or getattr(settings, "CMS_ROOT_URL", "")
    if configured:
        return configured
    base = getattr(settings, "CMS_BASE", "")
    return f"https://{base}" if base else ""


def _current(sections, request):
    """The section whose address is the longest start of the page's (/vn/teaching/policy/ is "policy")."""
    path = request.path
    matches = [s for s in sections if s.url.startswith("/") and path.startswith(s.url)]
    return max(matches, key=lambda s: len(s.url), default=None)


def _sections(entries):
    return tuple(
        Section(key, url, tuple((_link_label(link), link_url) for link, link_url in links))
        for key, url, links in entries
    )


def build(request):
    """The ``Shell`` for ``request`` (computed once per request). Without a request (the 500 page, which
    must not depend on what failed) or for an anonymous user: no sections."""
    if request is None:
        return Shell(home_url=home_url(), platform_url=get_platform_url())
    cached = getattr(request, "_vn_shell", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    sections, roles = (), ()
    menu = _menu()
    if menu and user is not None and user.is_authenticated:
        try:
            sections = _sections(menu[0](user))
            roles = tuple(ROLE_LABELS.get(key, key) for key in menu[1](user))
        except Exception:  # noqa: BLE001 - the page must still render; the error is logged
            log.exception("The shell menu failed for user %s", getattr(user, "pk", None))
    logout_url, by_post = _logout()
    shell = Shell(
        sections=sections,
        current=_current(sections, request),
        roles=roles,
        home_url=home_url(),
        platform_url=get_platform_url(),
        studio_url=studio_url() if any(s.key in {"qbank", "assessment"} for s in sections) else "",
        logout_url=logout_url,
        logout_by_post=by_post,
        login_url=f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}",
    )
    request._vn_shell = shell
    return shell
