"""Import schools, classes and teaching assignments from CSV/XLSX: read, check every row, store all or
nothing."""

from django.utils.translation import gettext as _

from openedx_vn.schools.importing import check, store, tables


class OrganisationImportError(ValueError):
    """The import was refused; ``problems`` lists every problem with its place. Nothing was stored."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems[:50])
        more = f"\n  … {len(self.problems) - 50}" if len(self.problems) > 50 else ""
        summary = _("%(count)s problem(s), nothing was imported:") % {"count": len(self.problems)}
        super().__init__(f"{summary}\n{lines}{more}")


def run(files, scope, dry_run=False):
    """Import ``[(filename, bytes)]`` as ``scope`` may; returns ``ImportReport``.

    Raises ``OrganisationImportError`` naming every problem; nothing is stored then.
    """
    found, problems = tables.read(files)
    if not problems:
        plan, problems = check.Checker(found, scope).run()
    if problems:
        raise OrganisationImportError(problems)
    return store.store(plan, dry_run=dry_run)
