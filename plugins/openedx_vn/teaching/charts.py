"""Percentages formatted once, with integer arithmetic, and the geometry of the trend chart with one line per
school level and a dashed target line for each. The page draws the geometry as inline SVG (no script, it
prints) and the PDF report with ReportLab's shapes, so both show the same chart."""

from django.utils.translation import gettext as _

# Level colours, the same on the page, the PDF and the legend.
LEVEL_COLOURS = {
    "preschool": "#8e24aa",
    "primary": "#1565c0",
    "lower_secondary": "#ef6c00",
    "upper_secondary": "#2e7d32",
    "continuing": "#546e7a",
    None: "#263238",
}


def tenths(value):
    """A ``Fraction`` share in tenths of a percent, an ``int`` (114 for 11.4%), rounded half to even as
    ``Decimal.quantize`` does on the other pages; None stays None."""
    if value is None:
        return None
    quotient, rest = divmod(value.numerator * 1000, value.denominator)
    if 2 * rest > value.denominator or (2 * rest == value.denominator and quotient % 2):
        quotient += 1
    return quotient


def format_tenths(value, decimal=","):
    """ "11,4" (or "11.4" with ``decimal="."``) from 114; "" for None. Negative values keep their sign."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    return f"{sign}{whole}{decimal}{tenth}"


def percent_text(share, decimal=","):
    """ "11,4%" of a ``Fraction`` share, "–" for None."""
    value = tenths(share)
    return "–" if value is None else f"{format_tenths(value, decimal)}%"


def _step(room):
    return next((s for s in (10, 20, 50, 100, 200, 250, 500) if room / s <= 6), 1000)


def trend_geometry(series, targets, weeks_total, width=720, height=280):
    """The chart's shapes. ``series``: ``[(level, label, [(week, tenths or None)])]``; ``targets``:
    ``[(level, tenths, level label, "≥" or ">")]``. Coordinates are SVG's (y grows downwards)."""
    left, right, top, bottom = 48, 12, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _level, _label, points in series for _week, v in points if v is not None]
    highest = max([10, *values, *(target[1] for target in targets)])
    step = _step(highest * 12 // 10)
    top_value = step * -(-(highest * 12 // 10) // step)
    last_week = max([weeks_total, 2, *(w for _l, _b, points in series for w, _v in points)])

    def x(week):
        return round(left + (week - 1) * plot_w / (last_week - 1), 1)

    def y(value):
        return round(top + plot_h - value * plot_h / top_value, 1)

    lines = []
    for level, label, points in series:
        plotted = [(x(week), y(value), week, value) for week, value in points if value is not None]
        lines.append(
            {
                "level": level or "all",
                "label": label,
                "colour": LEVEL_COLOURS.get(level, "#263238"),
                "points": [(px, py) for px, py, _w, _v in plotted],
                "polyline": " ".join(f"{px},{py}" for px, py, _w, _v in plotted),
                "last": plotted[-1] if plotted else None,
                "last_label": percent_text_tenths(plotted[-1][3]) if plotted else "",
            }
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": top + plot_h,
        "label_x": left - 6,
        "week_label_y": top + plot_h + 16,
        "axis_label_y": height - 2,
        "y_ticks": [{"y": y(v), "label": f"{v // 10}%"} for v in range(0, top_value + 1, step)],
        "x_ticks": [
            {"x": x(w), "label": w} for w in range(1, last_week + 1) if w == 1 or w % 5 == 0 or w == last_week
        ],
        "series": lines,
        "targets": [
            {
                "y": y(value),
                "label_y": y(value) - 4,
                "label": _("target %(levels)s: %(sign)s %(target)s")
                % {"levels": ", ".join(labels), "sign": sign, "target": percent_text_tenths(value)},
                "colour": LEVEL_COLOURS.get(first, "#263238"),
            }
            for (value, sign), (first, labels) in _merged(targets).items()
        ],
    }


def _merged(targets):
    """Levels with the same target share one line: ``{(tenths, sign): (first level, [labels])}``."""
    out = {}
    for level, value, label, sign in targets:
        out.setdefault((value, sign), (level, []))[1].append(str(label))
    return out


def percent_text_tenths(value):
    return "–" if value is None else f"{format_tenths(value)}%"


__all__ = ["LEVEL_COLOURS", "format_tenths", "percent_text", "tenths", "trend_geometry"]
