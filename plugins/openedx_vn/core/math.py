"""Math one way everywhere: the KaTeX the question bank vendors, our delimiters, the decimal comma.

Pages: ``{% include "openedx_vn/core/math/head.html" %}`` and the class ``vn-math`` on the containers.
Blocks: ``add_math(fragment)`` in ``student_view``, the class ``vn-math`` on the block's root, and
``VnMath.render(element)`` in the block's JavaScript after inserting HTML (an explanation, a next question).
Printed papers: ``decimal_comma(latex)`` before the LaTeX goes to Word (OMML) or matplotlib's mathtext.
"""

import re

__all__ = ["MATH_CLASSES", "MATH_CSS", "MATH_SCRIPTS", "add_math", "decimal_comma", "platform_delimiters"]

KATEX = "openedx_vn/qbank/vendor/katex/"
MATH_CSS = (KATEX + "katex.min.css",)
# In this order: auto-render needs katex, vn-math needs auto-render.
MATH_SCRIPTS = (
    KATEX + "katex.min.js",
    KATEX + "contrib/mhchem.min.js",
    KATEX + "contrib/auto-render.min.js",
    "openedx_vn/core/math/vn-math.js",
)
# The LMS's MathJax skips tex2jax_ignore: a container we typeset is never typeset twice.
MATH_CLASSES = "vn-math tex2jax_ignore"

_DECIMAL_COMMA = re.compile(r"(\d),(?=\d)")
_PLATFORM = (
    ("[mathjaxinline]", r"\("),
    ("[/mathjaxinline]", r"\)"),
    ("[mathjax]", r"\["),
    ("[/mathjax]", r"\]"),
)


def decimal_comma(latex):
    """``0,83`` → ``0{,}83``: braces make the comma ordinary, so no space follows it (KaTeX, mathtext)."""
    return _DECIMAL_COMMA.sub(r"\1{,}", latex)


def platform_delimiters(text):
    """The platform's ``[mathjaxinline]``/``[mathjax]`` tags as ``\\(…\\)`` and ``\\[…\\]``."""
    for tag, delimiter in _PLATFORM:
        text = text.replace(tag, delimiter)
    return text


def add_math(fragment):
    """Add the KaTeX style and scripts (static files the LMS collects from our apps) to a fragment."""
    from django.templatetags.static import static  # noqa: PLC0415 - settings are read when a block renders

    for path in MATH_CSS:
        fragment.add_css_url(static(path))
    for path in MATH_SCRIPTS:
        fragment.add_javascript_url(static(path))
    return fragment
