"""edx-submissions 3.12.2 on MariaDB: its migration 0006 converts a ``uuid`` column of three tables, but two of
them (student items, scores) have none, so a fresh MariaDB database cannot be migrated (error 1054).

The dev host adds a placeholder column just before 0006 and removes it just after (0002), so the upstream
migration runs as written. Only the dev host and its tests need this: on Tutor, the LMS runs MySQL, where 0006
does nothing. Nothing happens on SQLite or MySQL.
"""

from django.conf import settings
from django.db import migrations

TABLES = ("submissions_submission", "submissions_studentitem", "submissions_score")


def on_mariadb(connection):
    return connection.vendor == "mysql" and connection.mysql_is_mariadb


def add_placeholders(apps, schema_editor):
    connection = schema_editor.connection
    if not (WITH_SUBMISSIONS and on_mariadb(connection)):
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if "uuid" not in columns:
                cursor.execute(f"ALTER TABLE {table} ADD COLUMN uuid char(32) NULL")  # noqa: S608 - fixed names


WITH_SUBMISSIONS = "submissions" in settings.INSTALLED_APPS


class Migration(migrations.Migration):
    dependencies = [("submissions", "0005_CreateTeamModel")] if WITH_SUBMISSIONS else []
    run_before = [("submissions", "0006_mariadb_uuid_conversion")] if WITH_SUBMISSIONS else []
    operations = [migrations.RunPython(add_placeholders, migrations.RunPython.noop)]
