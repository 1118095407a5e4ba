from django import forms
from django.utils.translation import gettext_lazy as _


class CourseLinkForm(forms.Form):
    """Which school, school year, grade, subject and classes a course run serves (Studio page)."""

    school_code = forms.CharField(
        label=_("School code"), max_length=32, help_text=_("The school's MOET code.")
    )
    school_year = forms.CharField(label=_("School year"), max_length=9, help_text=_("e.g. 2025-2026"))
    grade = forms.TypedChoiceField(label=_("Grade"), coerce=int, choices=[(g, g) for g in range(1, 13)])
    subject_code = forms.ChoiceField(label=_("Subject"))
    class_names = forms.CharField(label=_("Classes"), help_text=_("Separated by commas, e.g. 6A1, 6A2"))

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_code"].choices = subjects

    def clean_class_names(self):
        return [name.strip() for name in self.cleaned_data["class_names"].split(",") if name.strip()]
