"""Make test users teachers the way the product does (ADR 0012): an explicit grant of the teacher role at a
school, through ``schools.api``. Being signed in, or owning a bank, is not enough any more."""

from openedx_vn.schools import api as schools_api

SCHOOL = ("22009999", "Trường THCS kiểm thử", "06688")  # a made-up school of Phường Hạ Long, Quảng Ninh


def make_teacher(*users, school_code=None):
    """Grant each user the teacher role at ``school_code`` (default: a test school, created if needed)."""
    code = school_code or _test_school()
    for user in users:
        schools_api.grant_role(user.id, "teacher", code)
    return users[0] if len(users) == 1 else users


def _test_school():
    code, name, commune = SCHOOL
    try:
        schools_api.get_school(code)
    except schools_api.SchoolNotFound:
        if schools_api.get_unit(commune, "commune") is None:
            schools_api.load_units(["22"])
        text = f"moet_code,name,levels,commune_code\n{code},{name},THCS,{commune}\n"
        files = [("schools.csv", text.encode())]
        schools_api.import_organisation(files, schools_api.SYSTEM_SCOPE)
    return code
