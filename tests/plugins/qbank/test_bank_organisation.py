"""School and province banks follow the organisation (schools app): a school's teachers edit its bank."""

import pytest

from openedx_vn.qbank import permissions
from openedx_vn.qbank.models import QuestionBank
from tests.plugins.schools.conftest import org, program, units, year  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def banks(org):  # noqa: F811
    admin = org.users["staff"]
    return {
        "A": QuestionBank.objects.create(
            name="Tổ Toán A", owner_id=admin.id, scope="school", school_code="22000101"
        ),
        "B": QuestionBank.objects.create(
            name="Tổ TH B", owner_id=admin.id, scope="school", school_code="22000102"
        ),
        "QN": QuestionBank.objects.create(
            name="Sở Quảng Ninh", owner_id=admin.id, scope="province", province_code="22"
        ),
    }


@pytest.mark.parametrize(
    ("user", "bank", "role"),
    [
        ("teacher_a", "A", "editor"),  # teaches at school A
        ("leader_a", "A", "editor"),
        ("teacher_a", "B", None),  # another school's bank
        ("leader_b", "A", None),
        ("commune_x", "A", "viewer"),  # oversees school A
        ("commune_y", "A", None),
        ("province", "A", "viewer"),
        ("province", "QN", "editor"),
        ("teacher_a", "QN", "viewer"),  # a school of the province
        ("province_other", "QN", None),
        ("student", "A", None),
        ("student", "QN", None),
    ],
)
def test_role_on_organisation_banks(org, banks, user, bank, role):  # noqa: F811
    assert permissions.role_on_bank(org.users[user], banks[bank]) == role


def test_visible_banks_and_bank_pages(org, banks, client):  # noqa: F811
    teacher = org.users["teacher_a"]
    assert set(permissions.visible_banks(teacher)) == {banks["A"], banks["QN"]}
    assert permissions.is_bank_user(teacher) and not permissions.is_bank_user(org.users["student"])
    client.force_login(teacher)
    assert client.get(f"/vn/qbank/banks/{banks['A'].uuid}/").status_code == 200
    assert client.get(f"/vn/qbank/banks/{banks['B'].uuid}/").status_code in (403, 404)
    client.force_login(org.users["student"])
    assert client.get("/vn/qbank/banks/").status_code == 403
