"""School levels (cấp học), the grades each one teaches, and who a school reports to.

Who manages which school follows NĐ 142/2025/NĐ-CP (effective 01/7/2025): the commune People's Committee
manages preschools, primary and lower-secondary schools and multi-level schools topped at THCS; the provincial
Department of Education (Sở GD&ĐT) manages upper-secondary schools, schools whose top level is THPT, and
continuing-education (GDTX) centres. See shared/reference/vn-domain.md §6.2.
"""

from django.utils.translation import gettext_lazy as _

PRESCHOOL = "preschool"
PRIMARY = "primary"
LOWER_SECONDARY = "lower_secondary"
UPPER_SECONDARY = "upper_secondary"
CONTINUING = "continuing"

# In the order of schooling; the order of `levels` everywhere.
LEVELS = (PRESCHOOL, PRIMARY, LOWER_SECONDARY, UPPER_SECONDARY, CONTINUING)

LABELS = {
    PRESCHOOL: _("preschool"),
    PRIMARY: _("primary"),
    LOWER_SECONDARY: _("lower secondary"),
    UPPER_SECONDARY: _("upper secondary"),
    CONTINUING: _("continuing education"),
}

# What people write in files: the Vietnamese abbreviations, or our codes.
ALIASES = {
    "mn": PRESCHOOL,
    "mầm non": PRESCHOOL,
    "th": PRIMARY,
    "tiểu học": PRIMARY,
    "thcs": LOWER_SECONDARY,
    "thpt": UPPER_SECONDARY,
    "gdtx": CONTINUING,
    **{level: level for level in LEVELS},
}

# Curriculum level codes (openedx_vn.curriculum) whose grades a school level teaches. Preschool has no grades
# in the general-education program; GDTX centres teach the THCS and THPT programmes for continuing education.
CURRICULUM_LEVELS = {
    PRESCHOOL: (),
    PRIMARY: ("TH",),
    LOWER_SECONDARY: ("THCS",),
    UPPER_SECONDARY: ("THPT",),
    CONTINUING: ("THCS", "THPT"),
}

COMMUNE = "commune"
PROVINCE = "province"
REPORTS_TO_LABELS = {COMMUNE: _("commune"), PROVINCE: _("province")}
_PROVINCE_MANAGED = {UPPER_SECONDARY, CONTINUING}


def parse_levels(text):
    """``(levels in schooling order, unknown words)`` from "TH, THCS" or "primary;lower_secondary"."""
    words = [word.strip() for word in text.replace(";", ",").replace("+", ",").split(",") if word.strip()]
    found, unknown = set(), []
    for word in words:
        level = ALIASES.get(word.casefold())
        if level:
            found.add(level)
        else:
            unknown.append(word)
    return tuple(level for level in LEVELS if level in found), unknown


def reports_to(levels):
    """``"province"`` for a school with an upper-secondary or GDTX level, else ``"commune"`` (NĐ 142/2025)."""
    return PROVINCE if _PROVINCE_MANAGED & set(levels) else COMMUNE
