"""Copy administrative units from the `vietnam-provinces` package into our table.

The package (sunshine-tech/VietnamProvinces, data from the national list of administrative units) holds the
34 provinces and their commune-level units after the 2025 reform, and the pre-2025 provinces, districts and
communes under ``vietnam_provinces.legacy``. We copy only the provinces a deployment asks for, so foreign keys
point at our rows and a package upgrade never moves them: codes are kept, names and kinds are updated.
"""

from django.db import transaction
from django.utils.translation import gettext

from openedx_vn.schools.models import Unit


class UnknownProvince(ValueError):
    """A province code the package does not know."""


def _code(value, width):
    return str(int(value)).zfill(width)


def _upsert(level, code, kind, name, parent, counts):
    unit = Unit.objects.filter(level=level, code=code).first()
    if unit is None:
        counts["created"] += 1
        return Unit.objects.create(level=level, code=code, kind=kind, name=name, parent=parent)
    if (unit.kind, unit.name, unit.parent_id) != (kind, name, parent.pk if parent else None):
        unit.kind, unit.name, unit.parent = kind, name, parent
        unit.save(update_fields=["kind", "name", "parent"])
        counts["updated"] += 1
    return unit


@transaction.atomic
def load(province_codes, legacy_districts=False):
    """Create or update the given provinces (codes like "22") and all their commune-level units.

    With ``legacy_districts``, also the pre-2025 districts of the old provinces each one was formed from.
    Returns a dict of counts. Raises ``UnknownProvince`` (nothing stored) for a code the package lacks.
    """
    from vietnam_provinces import Province, ProvinceCode, Ward  # noqa: PLC0415 - large data, load on demand

    wanted = []
    for raw in province_codes:
        try:
            wanted.append(Province.from_code(ProvinceCode(int(raw))))
        except ValueError as exc:
            raise UnknownProvince(
                gettext("{code!r} is not a province code of the package").format(code=raw)
            ) from exc
    counts = {"provinces": 0, "communes": 0, "districts": 0, "created": 0, "updated": 0}
    for source in wanted:
        province = _upsert(
            Unit.Level.PROVINCE, _code(source.code, 2), str(source.division_type), source.name, None, counts
        )
        counts["provinces"] += 1
        for ward in Ward.iter_by_province(source.code):
            _upsert(
                Unit.Level.COMMUNE, _code(ward.code, 5), str(ward.division_type), ward.name, province, counts
            )
            counts["communes"] += 1
        if legacy_districts:
            counts["districts"] += _load_districts(source, province, counts)
    return counts


def _load_districts(source, province, counts):
    from vietnam_provinces.legacy import District  # noqa: PLC0415

    loaded = 0
    for old_province in source.get_legacy_sources():
        for district in District.iter_by_province(old_province.code):
            _upsert(
                Unit.Level.DISTRICT,
                _code(district.code, 3),
                str(district.division_type),
                district.name,
                province,
                counts,
            )
            loaded += 1
    return loaded
