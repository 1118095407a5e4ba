"""The matrix editor's starting data and the texts its script shows (in the request's language)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CONFIDENCE = {
    "official": gettext_lazy("official text"),
    "press": gettext_lazy("official announcement, reported by the press"),
    "third-party": gettext_lazy("third-party transcription of the official text"),
    "unverified": gettext_lazy("not verified: check before use"),
}


EMPTY = {
    "title": "",
    "subject_code": "",
    "grade": None,
    "template": "cv7991",
    "total_points": "10",
    "rows": [{"topic": "", "label": "", "codes": [], "requirements": {}}],
    "cells": [],
}


def editor_strings():
    """Texts the editor's script shows, in the request's language."""
    return {
        "saved": _("Saved."),
        "save_failed": _("Not saved: correct the fields marked in red."),
        "error": _("Something went wrong: %(detail)s"),
        "no_problem": _("No problem: the blueprint can be used to draw a test."),
        "blocking": _("Must be corrected before a test is drawn"),
        "difference": _("Differs from the template"),
        "points_of": _("%(points)s of %(total)s points"),
        "template_points": _("template: %(points)s"),
        "confidence": {key: str(value) for key, value in CONFIDENCE.items()},
        "source": _("Source: %(source)s"),
        "structure": _("Exam structure: %(parts)s"),
        "part": _("%(format)s %(count)s × %(each)s"),
        "remove_row": _("Remove the row"),
        "whole_topic": _("the whole topic"),
        "fill_confirm": _("Replace the counts of the first row with the template's structure?"),
        "pick_topic": _("choose a topic or a learning outcome"),
        "no_topics": _("no topic loaded for this subject and grade"),
        "row": _("Row %(row)s"),
        "columns": {
            "No.": _("No."),
            "topic": _("Topic / chapter"),
            "content": _("Content / unit"),
            "codes": _("Curriculum codes"),
            "points_by_level": _("Points by level"),
            # xgettext:no-python-format
            "percent": _("% of points"),
            "questions": _("questions"),
            "statements": _("statements"),
            "questions_short": _("qn."),
            "statements_short": _("st."),
            "points": _("points"),
            "points_short": _("pts"),
            "total_count": _("Number of questions"),
            "total_points": _("Points"),
            "template": _("Template"),
            "format": _("Format"),
            "level": _("Cognitive level"),
        },
        "fields": {
            "title": _("Title"),
            "subject_code": _("Subject"),
            "grade": _("Grade"),
            "template": _("Template"),
            "total_points": _("Total points"),
            "rows": _("Rows"),
            "topic": _("topic"),
            "label": _("content"),
            "codes": _("curriculum codes"),
            "requirements": _("requirements"),
        },
        "short": {
            "count": _("not a whole number"),
            "points": _("not a number"),
            "negative": _("negative"),
            "points_without": _("points without questions"),
            "questions_without": _("questions without points"),
            "statements": _("not a multiple of 4"),
        },
        "local": {
            "count": _("%(cell)s: the number of questions is a whole number"),
            "points": _("%(cell)s: the points are a number such as 0,25"),
            "negative": _("%(cell)s: counts and points cannot be negative"),
            "points_without": _("%(cell)s: points without questions"),
            "questions_without": _("%(cell)s: questions without points"),
            "statements": _(
                "%(cell)s: true/false statements come 4 to a question; %(count)s is not a multiple of 4"
            ),
            "total": _("the cells add up to %(points)s points, not %(total)s"),
            "format": _("%(format)s carries %(points)s points; the template gives %(expected)s"),
            "level": _("level %(level)s carries %(points)s points; the template gives %(expected)s"),
            "cell": _("row %(row)s, %(format)s, %(level)s"),
        },
    }
