"""Export the curriculum as an Open edX taxonomy (openedx-core's openedx_tagging), for Studio's tag picker.

Tree: subject → subject × grade → strand → topic → learning outcome. Each tag's external id is the stable
curriculum code, so a re-export updates tags in place (renames, moves) and removes the ones that went away.
"""

from django.db import transaction
from openedx_tagging import api as tagging_api
from openedx_tagging.models import Tag

TAXONOMY_EXPORT_ID = "vn-gdpt-2018"
TAXONOMY_NAME = "Chương trình GDPT 2018"
TAXONOMY_DESCRIPTION = "Môn học, lớp, mạch kiến thức, chủ đề và yêu cầu cần đạt (TT 32/2018/TT-BGDĐT)"
MAX_VALUE = 500  # openedx_tagging's Tag.value length


# Characters openedx_tagging reserves (lineage, search index, CSV export), with what we write instead.
RESERVED = {"\t": " ", " > ": " › ", ";": ","}


def tag_value(code, title):
    """The tag text teachers see and search: the code first, then the title, cut to the tag length."""
    value = f"{code} {title}"
    for reserved, replacement in RESERVED.items():
        value = value.replace(reserved, replacement)
    return value if len(value) <= MAX_VALUE else value[: MAX_VALUE - 1] + "…"


def taxonomy_tags(offerings, nodes):
    """The taxonomy's tags as import rows (id, value, parent_id), parents before children."""
    tags, subjects = [], {}
    for offering in offerings:
        subjects.setdefault(offering.code, offering.name_vi)
    for code, name in subjects.items():
        tags.append({"id": code, "value": name, "parent_id": ""})
    for offering in offerings:
        grade_id = f"{offering.code}.{offering.grade}"
        tags.append(
            {"id": grade_id, "value": f"{offering.name_vi} {offering.grade}", "parent_id": offering.code}
        )
    for node in nodes:
        parent = node.parent_code or f"{node.subject_code}.{node.grade}"
        tags.append({"id": node.code, "value": tag_value(node.code, node.title), "parent_id": parent})
    return tags


def export(tags):
    """Create or update the taxonomy from ``tags`` (parents before children); returns ``(taxonomy, created)``.

    One transaction. New tags are inserted in bulk (nothing is tagged with them yet); renamed or moved tags
    are saved one by one so openedx_tagging cascades their lineage and tells tagged content; tags no longer
    in the curriculum are deleted with their sub-tags.
    """
    with transaction.atomic():
        taxonomy = tagging_api.get_taxonomy_by_export_id(TAXONOMY_EXPORT_ID)
        created = taxonomy is None
        if created:
            taxonomy = tagging_api.create_taxonomy(
                TAXONOMY_NAME,
                description=TAXONOMY_DESCRIPTION,
                allow_multiple=True,
                export_id=TAXONOMY_EXPORT_ID,
            )
        existing = {
            tag.external_id: tag for tag in Tag.objects.filter(taxonomy=taxonomy).select_related("parent")
        }
        changed = _update_and_create(taxonomy, tags, existing)
        wanted = {tag["id"] for tag in tags}
        gone = [tag for code, tag in existing.items() if code not in wanted]
        # Deepest first is not needed: deleting a tag deletes its sub-tags, which are gone too.
        Tag.objects.filter(pk__in=[tag.pk for tag in gone]).delete()
        if changed or gone:
            tagging_api.resync_object_tags(taxonomy.objecttag_set.all())
    return taxonomy, created


def _update_and_create(taxonomy, tags, existing):
    changed = 0
    by_code = dict(existing)
    for depth_tags in _by_depth(tags):
        new = []
        for row in depth_tags:
            parent = by_code.get(row["parent_id"]) if row["parent_id"] else None
            tag = existing.get(row["id"])
            if tag is None:
                lineage = (parent.lineage if parent else "") + row["value"] + "\t"
                new.append(
                    Tag(
                        taxonomy=taxonomy,
                        parent=parent,
                        value=row["value"],
                        external_id=row["id"],
                        depth=parent.depth + 1 if parent else 0,
                        lineage=lineage,
                    )
                )
            elif tag.value != row["value"] or tag.parent_id != (parent.pk if parent else None):
                tag.value, tag.parent = row["value"], parent
                tag.save()  # recomputes lineage and cascades it to the sub-tags
                changed += 1
        if new:
            Tag.objects.bulk_create(new)
            # MySQL returns no ids from a bulk insert: read the new tags back for their children.
            codes = [tag.external_id for tag in new]
            by_code.update(
                {tag.external_id: tag for tag in Tag.objects.filter(taxonomy=taxonomy, external_id__in=codes)}
            )
    return changed


def _by_depth(tags):
    depth = {}
    for row in tags:
        depth[row["id"]] = depth[row["parent_id"]] + 1 if row["parent_id"] else 0
    levels = {}
    for row in tags:
        levels.setdefault(depth[row["id"]], []).append(row)
    return [levels[d] for d in sorted(levels)]
