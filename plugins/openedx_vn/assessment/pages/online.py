"""How a test is sat online (ADR 0019): the teacher's page for full screen, the late-start rule, extra time
for named students and the review date; and the integrity log as the results page prints it."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from openedx_vn.assessment import api
from openedx_vn.assessment.pages.forms import DATETIME_FORMATS
from openedx_vn.assessment.rest.common import VN_TIME, local_time
from openedx_vn.core.permissions import is_platform_staff

KIND_LABELS = {
    "fullscreen": gettext_lazy("Left full screen"),
    "hidden": gettext_lazy("Switched tab or window"),
    "offline": gettext_lazy("Disconnected"),
}


def duration_text(seconds):
    """ "2 phút 5 giây", "40 giây"; "" while still going on."""
    if seconds is None:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return ngettext("%(count)s second", "%(count)s seconds", rest) % {"count": rest}
    text = ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    if rest:
        text += " " + ngettext("%(count)s second", "%(count)s seconds", rest) % {"count": rest}
    return text


def integrity_lines(entries):
    """An attempt's ``IntegrityEntry``s as the results page lists them: kind, from, to, how long."""
    return [
        {
            "kind": entry.kind,
            "label": KIND_LABELS.get(entry.kind, entry.kind),
            "started": local_time(entry.started_at),
            "ended": local_time(entry.ended_at),
            "duration": duration_text(entry.seconds),
        }
        for entry in entries
    ]


class OnlineRulesForm(forms.Form):
    require_fullscreen = forms.BooleanField(
        label=gettext_lazy("Students sit the test in full screen"), required=False
    )
    late_start_minutes = forms.IntegerField(
        label=gettext_lazy(
            "Latest start, in minutes after the test opens (empty: any time while it is open)"
        ),
        min_value=0,
        max_value=600,
        required=False,
    )
    extra = forms.CharField(
        label=gettext_lazy("Extra time for named students: one per line, username: minutes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "hs_an: 15"}),
    )
    review_at = forms.DateTimeField(
        label=gettext_lazy(
            "Answers and explanations shown from (dd/mm/yyyy HH:MM; empty: when the test closes)"
        ),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy HH:MM"}),
    )

    def clean_extra(self):
        try:
            return api.parse_accommodations(self.cleaned_data.get("extra", ""))
        except api.RulesInvalid as exc:
            raise forms.ValidationError(exc.problems["extra"]) from exc


def online_page(request, exam_uuid):
    """The test's online rules: its teacher (or staff) changes them; others who see the test read them."""
    info = api.get_exam(request.user, exam_uuid)
    rules = api.online_rules(request.user, info.uuid)
    can_change = is_platform_staff(request.user) or request.user.id == info.owner_id
    with timezone.override(VN_TIME):  # schools' clock, as the window form reads it
        initial = {
            "require_fullscreen": rules.require_fullscreen,
            "late_start_minutes": rules.late_start_minutes,
            "extra": "\n".join(f"{name}: {minutes}" for name, minutes in rules.extra.items()),
            "review_at": rules.review_at and timezone.localtime(rules.review_at),
        }
        form = OnlineRulesForm(request.POST or None, initial=initial)
        if request.method == "POST":
            if not can_change:
                raise PermissionDenied(_("Only the test's teacher changes how it is sat online."))
            if form.is_valid():
                data = form.cleaned_data
                try:
                    api.set_online_rules(
                        request.user,
                        info.uuid,
                        data["require_fullscreen"],
                        data["late_start_minutes"],
                        data["extra"],
                        data["review_at"],
                    )
                except api.RulesInvalid as exc:
                    for field, message in exc.problems.items():
                        form.add_error(field, message)
                else:
                    return redirect("vn_assessment:online-page", info.uuid)
    context = {"info": info, "form": form, "can_change": can_change, "opens_at": local_time(info.opens_at)}
    return render(request, "openedx_vn/assessment/online.html", context, status=400 if form.errors else 200)
