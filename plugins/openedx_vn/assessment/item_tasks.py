"""The item-analysis task. Celery's autodiscovery reads only ``tasks`` modules: ``tasks`` imports this one."""

from celery import shared_task

from openedx_vn.assessment import items


@shared_task(name="openedx_vn.assessment.analyse_items")
def analyse_items(exam_uuid):
    """Compute and store the item analysis of a test and write the difficulties to the banks.

    Returns ``{"exam", "questions", "difficulties"}``: how many questions got figures and how many
    difficulty estimates were written.
    """
    rows = items.analyse_items(exam_uuid)
    return {
        "exam": str(exam_uuid),
        "questions": len(rows),
        "difficulties": sum(1 for row in rows if row.difficulty is not None),
    }
