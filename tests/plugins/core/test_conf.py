import pytest
from django.test import override_settings

from openedx_vn.core.conf import DEFAULTS, vn_setting


def test_reads_the_operator_value():
    with override_settings(OPENEDX_VN={"CELERY_QUEUE": "vn.long"}):
        assert vn_setting("CELERY_QUEUE") == "vn.long"


def test_falls_back_to_the_default_when_the_key_or_dict_is_missing():
    with override_settings(OPENEDX_VN={}):
        assert vn_setting("CELERY_QUEUE") == DEFAULTS["CELERY_QUEUE"]


def test_unknown_name_fails_loudly():
    with pytest.raises(KeyError, match="NOT_A_SETTING"):
        vn_setting("NOT_A_SETTING")
