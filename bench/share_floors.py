"""The share benchmark's floors: the same questions answered by hand-written SQL on the same data.

Two kinds. The SQL floors are the statements alone. The request floors answer an API's question through the
same stack as ours (the test client, Django's session and user, DRF, JSON) with the least a correct endpoint
must do: one hand-written query checking the caller's role on the school or unit, one fetching the rows. An
API's figure is judged against its request floor, so what is compared is our endpoint's own work, not the
framework's cost of any authenticated request (which alone is several times two index reads). Mounted beside
the dev host's URLs in the benchmark's process only (``share_worker.py`` sets ``ROOT_URLCONF`` to this
module); imported after ``django.setup()``.
"""

from django.db import connection
from django.urls import path
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from devhost.urls import urlpatterns as host_urlpatterns
from openedx_vn.schools.models import RoleAssignment, School, SchoolClass, Unit
from openedx_vn.teaching.models import OnlineSession, ShareCell, ShareRollup, ShareWeek


def table(model):
    return connection.ops.quote_name(model._meta.db_table)


SESSIONS, CELLS, ROLLUPS, WEEKS = (table(m) for m in (OnlineSession, ShareCell, ShareRollup, ShareWeek))
CLASSES, ROLES, SCHOOLS, UNITS = (table(m) for m in (SchoolClass, RoleAssignment, School, Unit))

GRID_FLOOR = (  # the cells of the school and its classes' names: what the grid shows
    f"SELECT c.class_id, k.name, k.grade, c.subject_code, c.level, c.planned, c.online, c.replacing, "  # noqa: S608
    f"c.pending, c.complete FROM {CELLS} c JOIN {CLASSES} k ON k.id = c.class_id "
    "WHERE c.year = %s AND c.school_code = %s"
)
SCHOOL_FLOOR = f"SELECT level, planned, online, replacing, pending, incomplete FROM {ROLLUPS} WHERE year = %s AND school_code = %s"  # noqa: E501, S608
PROVINCE_FLOOR = (  # the province's school × level roll-up rows
    f"SELECT school_code, level, planned, online, replacing, pending, incomplete, cells FROM {ROLLUPS} "  # noqa: S608
    "WHERE year = %s AND province_code = %s"
)
PROVINCE_PAGE_FLOOR = (  # the same, and the weekly trend per level
    f"SELECT level, week, SUM(online) FROM {WEEKS} "  # noqa: S608
    "WHERE year = %s AND province_code = %s GROUP BY level, week"
)
COMMUNE_FLOOR = (
    f"SELECT school_code, level, planned, online, replacing, pending, incomplete, cells FROM {ROLLUPS} "  # noqa: S608
    "WHERE year = %s AND commune_code = %s AND reports_to = 'commune'"
)
OLD_PROVINCE_FLOOR = (  # before the stored roll-ups: a GROUP BY over every cell of the province
    f"SELECT school_code, level, SUM(planned), SUM(CASE WHEN online < planned THEN online ELSE planned END), "  # noqa: S608
    f"SUM(replacing), SUM(pending), SUM(CASE WHEN complete THEN 0 ELSE 1 END) FROM {CELLS} "
    "WHERE year = %s AND province_code = %s GROUP BY school_code, level"
)
# A recompute from scratch must aggregate the sessions twice: per class × subject (the cells) and per
# school × level × week (the weekly trend). The roll-ups and plans are small beside them.
RECOMPUTE_FLOOR = (
    "CREATE TEMPORARY TABLE bench_cells AS SELECT class_id, subject_code, "  # noqa: S608
    "SUM(CASE WHEN counted THEN periods ELSE 0 END) AS online, "
    "SUM(CASE WHEN counted AND form = 'replacing' THEN periods ELSE 0 END) AS replacing, "
    "SUM(CASE WHEN status = 'submitted' THEN periods ELSE 0 END) AS pending "
    f"FROM {SESSIONS} WHERE year = %s GROUP BY class_id, subject_code",
    "CREATE TEMPORARY TABLE bench_weeks AS SELECT school_code, level, week, SUM(periods) AS online "  # noqa: S608
    f"FROM {SESSIONS} WHERE year = %s AND counted GROUP BY school_code, level, week",
)
RECOMPUTE_FLOOR_DROP = "DROP TEMPORARY TABLE bench_cells, bench_weeks"

SCHOOL_ROLE = (  # the caller holds a role at the school
    f"SELECT 1 FROM {ROLES} r JOIN {SCHOOLS} s ON s.id = r.school_id "  # noqa: S608
    "WHERE r.user_id = %s AND s.code = %s LIMIT 1"
)
UNIT_ROLE = (  # the caller is an officer of the unit or of its province
    f"SELECT 1 FROM {ROLES} r JOIN {UNITS} u ON u.id = r.unit_id WHERE r.user_id = %s "  # noqa: S608
    f"AND (u.code = %s OR u.id = (SELECT parent_id FROM {UNITS} WHERE code = %s)) LIMIT 1"
)


def _rows(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


class _Floor(APIView):
    """Signed in (session), a role on what is asked, the rows as JSON: nothing else."""

    permission_classes = [IsAuthenticated]
    role, rows = None, None

    def get(self, request, year, code):
        role_params = [request.user.id, code] if self.role == SCHOOL_ROLE else [request.user.id, code, code]
        if not _rows(self.role, role_params):
            raise NotFound
        return Response([list(row) for row in _rows(self.rows, [year, code])])


def floor(role, rows):
    return _Floor.as_view(role=role, rows=rows)


urlpatterns = [
    path("floor/grid/<str:year>/<str:code>/", floor(SCHOOL_ROLE, GRID_FLOOR)),
    path("floor/school/<str:year>/<str:code>/", floor(SCHOOL_ROLE, SCHOOL_FLOOR)),
    path("floor/province/<str:year>/<str:code>/", floor(UNIT_ROLE, PROVINCE_FLOOR)),
    path("floor/commune/<str:year>/<str:code>/", floor(UNIT_ROLE, COMMUNE_FLOOR)),
    *host_urlpatterns,
]
