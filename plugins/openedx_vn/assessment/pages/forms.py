"""The form that draws a test from a blueprint."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openedx_vn.assessment import api

KINDS = (
    gettext_lazy("Regular test"),
    gettext_lazy("Mid-term test, semester I"),
    gettext_lazy("End-of-term test, semester I"),
    gettext_lazy("Mid-term test, semester II"),
    gettext_lazy("End-of-term test, semester II"),
)


# Schools write dd/mm/yyyy whatever the interface language (ISO is read too).
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class GenerateForm(forms.Form):
    banks = forms.MultipleChoiceField(
        label=gettext_lazy("Question banks"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    versions = forms.IntegerField(
        label=gettext_lazy("Number of versions"), min_value=1, max_value=api.MAX_VERSIONS, initial=4
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Seed (optional: the same seed draws the same test)"),
        min_value=0,
        max_value=2**63 - 1,
        required=False,
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    kind = forms.CharField(label=gettext_lazy("Kind of test"), max_length=120, required=False)
    minutes = forms.IntegerField(label=gettext_lazy("Minutes"), min_value=1, max_value=600, initial=45)
    classes = forms.MultipleChoiceField(
        label=gettext_lazy("Classes (optional)"), widget=forms.CheckboxSelectMultiple, required=False
    )
    exclude_recent = forms.IntegerField(
        label=gettext_lazy("Leave out the questions of these classes' last N tests"),
        min_value=0,
        max_value=50,
        initial=0,
    )
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens (dd/mm/yyyy HH:MM, optional)"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy HH:MM"}),
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes (dd/mm/yyyy HH:MM, optional)"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy HH:MM"}),
    )

    def __init__(self, *args, banks=(), classes=(), **kwargs):
        super().__init__(*args, **kwargs)
        label = _("%(name)s (%(count)s questions)")
        self.fields["banks"].choices = [
            (bank.uuid, label % {"name": bank.name, "count": bank.question_count}) for bank in banks
        ]
        self.fields["classes"].choices = [(str(info.id), f"{info.name} ({info.year})") for info in classes]
        if not classes:
            del self.fields["classes"]

    def clean(self):
        values = super().clean()
        opens, closes = values.get("opens_at"), values.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The test must close after it opens."))
        return values


class WindowForm(forms.Form):
    """When a drawn test may be sat online."""

    opens_at = GenerateForm.base_fields["opens_at"]
    closes_at = GenerateForm.base_fields["closes_at"]

    def clean(self):
        values = super().clean()
        opens, closes = values.get("opens_at"), values.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The test must close after it opens."))
        return values
