"""Texts of the timed-test page. The browser code builds the attempt page from the REST answers, so its
texts travel with the page, translated at render time through the block's i18n service.

Placeholders are ``%(name)s``: the browser code fills them in (``fill`` in timed_test.js).
"""


def _(text):
    """Mark a string for extraction; it is translated at render time through the i18n service."""
    return text


PART_TITLES = {
    "multiple_choice": _("Multiple choice"),
    "true_false_cluster": _("True/false statements"),
    "short_answer": _("Short answer"),
    "essay": _("Essay"),
}

MESSAGES = {
    "part": _("PART %(number)s. %(title)s"),
    "question": _("Question %(number)s."),
    "points": _("(%(points)s points)"),
    "version": _("Version %(code)s"),
    "time_left": _("Time left"),
    "true": _("True"),
    "false": _("False"),
    "statement": _("Statement"),
    "short_hint": _("Write decimals with a comma, e.g. -1,5"),
    "short_label": _("Your answer"),
    "essay_label": _("Your essay"),
    "saved": _("Saved ✓"),
    "saving": _("Saving…"),
    "retrying": _("Not saved, retrying…"),
    "rejected": _("Not saved: %(reason)s"),
    "all_saved": _("All your answers are saved."),
    "pending": _(
        "%(count)s answer(s) not saved yet: they are kept on this device and sent again until the server "
        "has them."
    ),
    "submit": _("Submit the test"),
    "confirm": _("Submit your test now? You cannot change your answers afterwards."),
    "unanswered": _("%(count)s question(s) not answered."),
    "confirm_yes": _("Yes, submit"),
    "confirm_no": _("Keep working"),
    "submitting": _("Submitting…"),
    "waiting_saves": _("Sending the answers not saved yet before submitting…"),
    "time_up": _("Time is up: your test is submitted with the answers saved."),
    "closed": _("The test is over: answers are no longer taken."),
    "essays_pending": _(
        "%(count)s essay answer(s) are waiting for your teacher's grading: your score will change when they "
        "are graded."
    ),
    "part_points": _("%(earned)s / %(points)s points"),
    "part_pending": _("(%(count)s essay(s) not graded yet)"),
    "five_left": _("5 minutes left."),
    "one_left": _("1 minute left."),
    "log_nothing": _("Recorded so far: nothing."),
    "log_recorded": _("Recorded so far: %(what)s."),
    "log_fullscreen": _("left full screen %(count)s time(s)"),
    "log_hidden": _("switched tab or window %(count)s time(s)"),
    "log_offline": _("disconnected %(count)s time(s)"),
    "review": _("Answers and explanations"),
    "review_later": _("Answers and explanations are shown from %(date)s."),
    "key": _("Answer: %(key)s"),
    "your_answer": _("Your answer: %(answer)s"),
    "no_answer": _("not answered"),
    "earned": _("Points: %(earned)s / %(points)s"),
    "teacher_grades": _("Graded by your teacher"),
    "teacher_comment": _("Teacher's comment: %(comment)s"),
    "starting": _("Starting…"),
    "signed_out": _(
        "You are signed out or your session has expired: sign in again. Your answers are kept on this device."
    ),
    "identity": _(
        "You are signed in as %(signed_in)s, but this page is the test of %(student)s. "
        "Sign in as %(student)s to take it."
    ),
    "not_found": _("This test is not available: ask your teacher."),
    "offline": _(
        "The server cannot be reached. Your answers are kept on this device and sent as soon as it answers."
    ),
}


def translated(gettext):
    """{key: text in the page's language} for the browser code, and the part titles."""
    return {
        "messages": {key: gettext(text) for key, text in MESSAGES.items()},
        "parts": {key: gettext(text) for key, text in PART_TITLES.items()},
    }
