"""Vietnamese formats: dd/mm/yyyy, the decimal comma, Asia/Ho_Chi_Minh."""

from datetime import UTC, date, datetime
from decimal import Decimal

from django.conf import settings
from django.template import Context, Template
from django.utils import formats, timezone, translation


def test_dates_and_numbers_in_vietnamese():
    with translation.override("vi"):
        assert formats.date_format(date(2025, 9, 5), "SHORT_DATE_FORMAT") == "05/09/2025"
        assert formats.date_format(date(2025, 9, 5)) == "05/09/2025"
        assert formats.number_format(Decimal("-1.5"), decimal_pos=1) == "-1,5"
        assert formats.sanitize_separators("1,25") == "1.25"


def test_local_time_is_ho_chi_minh_city():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    moment = datetime(2025, 9, 4, 17, 30, tzinfo=UTC)
    with translation.override("vi"):
        rendered = Template("{{ moment|date:'SHORT_DATETIME_FORMAT' }}").render(Context({"moment": moment}))
    assert rendered == "05/09/2025 00:30"  # one order everywhere: the day, then the time
    assert timezone.localtime(moment).hour == 0
