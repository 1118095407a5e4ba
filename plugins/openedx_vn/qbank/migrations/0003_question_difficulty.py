from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_difficulty(apps, schema_editor):
    """Questions take their current version's difficulty (drawing a test reads it without a join)."""
    question = apps.get_model("vn_qbank", "Question")
    version = apps.get_model("vn_qbank", "QuestionVersion")
    current = version.objects.filter(id=OuterRef("current_id")).values("difficulty")[:1]
    question.objects.filter(current__difficulty__isnull=False).update(difficulty=Subquery(current))


class Migration(migrations.Migration):
    dependencies = [
        ("vn_qbank", "0002_bank_list_shares_import_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="difficulty",
            field=models.FloatField(blank=True, null=True, verbose_name="estimated difficulty"),
        ),
        migrations.RunPython(copy_difficulty, migrations.RunPython.noop),
    ]
