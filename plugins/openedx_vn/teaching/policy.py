"""The online-teaching policy: targets per school level, optional caps and counting rules.

Defaults come from ``openedx_vn_data/teaching/policy.yaml`` (no legal text fixes these figures: see that
file); each school year keeps its own editable copy, so changing next year's policy never rewrites this
year's statuses.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources

import yaml
from django.utils.translation import gettext as _

from openedx_vn.teaching.share import Target

__all__ = ["LEVELS", "Policy", "PolicyError", "default_policy", "parse_policy"]

LEVELS = ("preschool", "primary", "lower_secondary", "upper_secondary", "continuing")
# Levels a policy may leave without a target: no text asks preschools for an online share.
OPTIONAL_TARGETS = ("preschool",)


class PolicyError(ValueError):
    """The policy is malformed; the message names the field, and ``field`` holds it ("targets.primary")."""

    def __init__(self, message, field=""):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Policy:
    targets: dict = field(default_factory=dict)  # level → Target
    caps: dict = field(default_factory=dict)  # level → Decimal (maximum share replacing in-person teaching)
    min_attendance_share: Decimal = Decimal(0)
    at_risk_margin: Decimal = Decimal("0.8")
    source: str = ""

    def target(self, level):
        """The level's ``Target``, or None when the policy sets none (preschool, say)."""
        return self.targets.get(level)

    def as_dict(self):
        return {
            # Every level, None where the policy sets no target: what comes out can be sent back as it is.
            "targets": {
                level: (
                    {"min_share": str(self.targets[level].min_share), "strict": self.targets[level].strict}
                    if level in self.targets
                    else None
                )
                for level in LEVELS
            },
            "caps": {level: str(cap) for level, cap in self.caps.items()},
            "counting": {
                "min_attendance_share": str(self.min_attendance_share),
                "at_risk_margin": str(self.at_risk_margin),
            },
            "source": self.source,
        }


def _share(value, where):
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise PolicyError(
            _("%(field)s: %(value)r is not a number") % {"field": where, "value": value}, where
        ) from exc
    if not Decimal(0) <= number <= Decimal(1):
        raise PolicyError(
            _("%(field)s: %(value)s is not a share between 0 and 1 (5%% is 0.05)")
            % {"field": where, "value": value},
            where,
        )
    return number


def _level(level, where):
    if level not in LEVELS:
        raise PolicyError(
            _("%(field)s: unknown school level %(level)r; known: %(known)s")
            % {"field": where, "level": level, "known": ", ".join(LEVELS)},
            where,
        )
    return level


def _check_complete(data):
    """What a saved policy must hold: targets naming every school level (None: no target, preschool only),
    each above 0 and at most 100%."""
    if not isinstance(data.get("targets"), dict):
        raise PolicyError(
            _("%(field)s: give the target of every school level (%(levels)s)")
            % {"field": "targets", "levels": ", ".join(LEVELS)},
            "targets",
        )
    for level in LEVELS:
        where = f"targets.{level}"
        if level not in data["targets"]:
            raise PolicyError(
                _("%(field)s: the target of this school level is missing") % {"field": where}, where
            )
        raw = data["targets"][level]
        if raw is None and level in OPTIONAL_TARGETS:
            continue
        if not isinstance(raw, dict) or raw.get("min_share") in (None, ""):
            raise PolicyError(
                _("%(field)s: give min_share (and strict: true for 'more than')") % {"field": where}, where
            )
        if _share(raw["min_share"], f"{where}.min_share") <= 0:
            raise PolicyError(
                _("%(field)s: a target must be above 0%% and at most 100%%")
                % {"field": f"{where}.min_share"},
                f"{where}.min_share",
            )


def parse_policy(data, complete=False):
    """A ``Policy`` from a mapping (the YAML shape, or ``Policy.as_dict()``); ``PolicyError`` if wrong.

    ``complete``: what a user saves must name every school level with a target above 0 (preschool may be
    None: no target)."""
    if not isinstance(data, dict):
        raise PolicyError(_("the policy must be a mapping with targets, caps and counting"), "policy")
    for section in ("targets", "caps", "counting"):
        if not isinstance(data.get(section) or {}, dict):
            raise PolicyError(_("%(field)s: must be a mapping (level: value)") % {"field": section}, section)
    if complete:
        _check_complete(data)
    targets = {}
    for level, raw in (data.get("targets") or {}).items():
        where = f"targets.{level}"
        _level(level, where)
        if raw is None:
            continue
        if not isinstance(raw, dict) or "min_share" not in raw:
            raise PolicyError(
                _("%(field)s: give min_share (and strict: true for 'more than')") % {"field": where}, where
            )
        targets[level] = Target(_share(raw["min_share"], f"{where}.min_share"), bool(raw.get("strict")))
    caps = {
        _level(level, f"caps.{level}"): _share(cap, f"caps.{level}")
        for level, cap in (data.get("caps") or {}).items()
    }
    for level, cap in caps.items():
        if level in targets and cap < targets[level].min_share:
            raise PolicyError(
                _("%(field)s: the cap %(cap)s is below the target %(target)s")
                % {"field": f"caps.{level}", "cap": cap, "target": targets[level].min_share},
                f"caps.{level}",
            )
    counting = data.get("counting") or {}
    return Policy(
        targets=targets,
        caps=caps,
        min_attendance_share=_share(counting.get("min_attendance_share", 0), "counting.min_attendance_share"),
        at_risk_margin=_share(counting.get("at_risk_margin", "0.8"), "counting.at_risk_margin"),
        source=str(data.get("source", "")),
    )


def default_policy():
    """The shipped default ``Policy`` (``openedx_vn_data/teaching/policy.yaml``)."""
    text = resources.files("openedx_vn_data").joinpath("teaching/policy.yaml").read_text(encoding="utf-8")
    return parse_policy(yaml.safe_load(text))
