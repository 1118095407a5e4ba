"""The policy page (/vn/teaching/policy/): a scope's targets per school level, where they come from, the form
for the officers who may change them, and every saved change (who, when, before, after)."""

from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
LEVEL_LABELS = {
    "preschool": gettext_lazy("Preschool"),
    "primary": gettext_lazy("Primary"),
    "lower_secondary": gettext_lazy("Lower secondary"),
    "upper_secondary": gettext_lazy("Upper secondary"),
    "continuing": gettext_lazy("Continuing education"),
}
SCOPE_LABELS = {
    "default": gettext_lazy("the deployment default"),
    "province": gettext_lazy("the province"),
    "commune": gettext_lazy("the commune"),
}


def _percent(share):
    """ "0.05" → "5" (decimal comma: "2,5")."""
    text = format((Decimal(share) * 100).normalize(), "f")
    return text.replace(".", ",")


def _targets(policy):
    rows = []
    for level, label in LEVEL_LABELS.items():
        target = policy["targets"].get(level)
        rows.append(
            {
                "level": level,
                "label": label,
                "percent": _percent(target["min_share"]) if target else "",
                "strict": bool(target and target["strict"]),
            }
        )
    return rows


def _posted_policy(request, current):
    """The policy the form describes: targets from the fields (percent, decimal comma), the rest as it was."""
    policy = {**current, "targets": {}}
    for level in LEVEL_LABELS:
        text = request.POST.get(f"{level}-percent", "").strip().replace(",", ".")
        if not text:
            policy["targets"][level] = None
            continue
        try:
            share = Decimal(text) / 100
        except InvalidOperation:
            share = text  # the API names the field and the value
        policy["targets"][level] = {
            "min_share": str(share),
            "strict": request.POST.get(f"{level}-strict") == "on",
        }
    return policy


def _history(info):
    return [
        {
            "at": change.at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M"),
            "who": change.username or _("system"),
            "before": _summary(change.before),
            "after": _summary(change.after),
        }
        for change in info.changes
    ]


def _summary(policy):
    if not policy:
        return ""
    parts = []
    for level, label in LEVEL_LABELS.items():
        target = (policy.get("targets") or {}).get(level)
        if target:
            sign = ">" if target.get("strict") else "≥"
            parts.append(f"{label}: {sign} {_percent(target['min_share'])}%")
    return "; ".join(parts)


def policy_page(request):
    """GET: the policy of ``?province=`` / ``?commune=`` (default: the user's province, or the deployment's);
    POST: save it (that province's officers, operators)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scope = schools_api.get_scope(request.user)
    if scope.is_empty:
        raise PermissionDenied(_("The policy page is for school leaders, officers and operators."))
    source = request.POST if request.method == "POST" else request.GET
    province, commune = api.policy_scope_for(
        request.user, source.get("province", "").strip()[:8], source.get("commune", "").strip()[:8]
    )
    try:
        info = api.get_policy(source.get("year") or None, province, commune)
    except (api.PolicyError, api.UnknownYear) as exc:
        raise Http404(str(exc)) from exc
    error, status = "", 200
    if request.method == "POST":
        try:
            api.set_policy(request.user, info.year, _posted_policy(request, info.policy), province, commune)
        except api.ActionError as exc:
            raise PermissionDenied(str(exc)) from exc
        except api.PolicyError as exc:
            error, status = str(exc), 400
        else:
            messages.success(request, _("The policy is saved."))
            query = f"?province={province}" if province and not commune else ""
            query = f"?commune={commune}" if commune else query
            return redirect(request.path + query)
    context = {
        "info": info,
        "scope_label": SCOPE_LABELS[info.scope],
        "inherited_label": SCOPE_LABELS.get(info.inherited_from, ""),
        "targets": _targets(info.policy),
        "history": _history(info),
        "can_edit": api.can_edit_policy(request.user, province, commune),
        "province": province,
        "commune": commune,
        "error": error,
    }
    return render(request, "openedx_vn/teaching/policy.html", context, status=status)
