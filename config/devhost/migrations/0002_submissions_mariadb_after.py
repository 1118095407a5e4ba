"""Removes the placeholder ``uuid`` columns 0001 added for edx-submissions' migration 0006 on MariaDB: every
column the submissions models do not declare."""

from django.conf import settings
from django.db import migrations


def drop_placeholders(apps, schema_editor):
    connection = schema_editor.connection
    if not (WITH_SUBMISSIONS and connection.vendor == "mysql" and connection.mysql_is_mariadb):
        return
    with connection.cursor() as cursor:
        for model in apps.get_app_config("submissions").get_models():
            table = model._meta.db_table
            declared = {field.column for field in model._meta.local_concrete_fields}
            columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if "uuid" in columns and "uuid" not in declared:
                cursor.execute(f"ALTER TABLE {table} DROP COLUMN uuid")  # noqa: S608 - names from the models


WITH_SUBMISSIONS = "submissions" in settings.INSTALLED_APPS


class Migration(migrations.Migration):
    dependencies = [("devhost", "0001_submissions_mariadb_before")] + (
        [("submissions", "0006_mariadb_uuid_conversion")] if WITH_SUBMISSIONS else []
    )
    operations = [migrations.RunPython(drop_placeholders, migrations.RunPython.noop)]
