"""Shared stimulus: the passage, table or figure several questions are asked about.

Each question keeps its own copy at the start of its stem, as ``<blockquote>…</blockquote>``: every place
that shows a stem (the bank, the question block, the timed test, printed papers) shows the passage with
it, and a version stays whole when the passage of another question changes. Questions in a row with the
same stimulus form a group: a printed test prints it once (``split_stimulus`` finds it).
"""

import re

_OPEN = re.compile(r"<blockquote>|</blockquote>")


def with_stimulus(stimulus_html, stem_html):
    """The stem a question with a shared stimulus is stored with."""
    if not stimulus_html:
        return stem_html
    return f"<blockquote>{stimulus_html}</blockquote>{stem_html}"


def split_stimulus(stem):
    """``(stimulus HTML, the question's own stem)``; the stimulus is "" when the stem starts with none."""
    text = (stem or "").lstrip()
    if not text.startswith("<blockquote>"):
        return "", stem or ""
    depth = 0
    for match in _OPEN.finditer(text):
        depth += 1 if match[0] == "<blockquote>" else -1
        if depth == 0:
            return text[len("<blockquote>") : match.start()], text[match.end() :].lstrip()
    return "", stem
