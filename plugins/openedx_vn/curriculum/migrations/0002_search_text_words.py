"""Recompute CurriculumNode.search_text as padded words, so search matches whole words ("so" ≠ "soạn")."""

import re
import unicodedata

from django.db import migrations


def _fold(text):
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def recompute(apps, schema_editor):
    node_model = apps.get_model("vn_curriculum", "CurriculumNode")
    nodes = list(node_model.objects.only("id", "code", "title"))
    for node in nodes:
        words = " ".join(re.sub(r"[\W_]+", " ", _fold(node.title)).split())
        node.search_text = f" {_fold(node.code)} {words} "
    node_model.objects.bulk_update(nodes, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("vn_curriculum", "0001_initial")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
