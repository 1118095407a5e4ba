"""Import a question file into a bank, all or nothing (operators; teachers use the web import).

Messages are the teacher's (the site language, Vietnamese), written to stderr with exit status 1 when nothing
was imported. A bank given by name is the owner's bank of that name, created only when an import commits:
a dry run or a refused import leaves the database as it was.
"""

import sys
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from openedx_vn.qbank import api
from openedx_vn.qbank.importing.pipeline import LABELS


class Refused(Exception):
    """Nothing was imported; the message says why, for the person who ran the command."""


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that nothing it did (a new bank) stays."""

    def __init__(self, result):
        self.result = result


class Command(BaseCommand):
    help = (
        "Import questions (Word, Excel, GIFT, Aiken, Moodle XML, QTI) into a bank. "
        "A file with any problem imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--bank", required=True, help="bank uuid, or a bank name (the owner's bank; created on import)"
        )
        parser.add_argument(
            "--owner", help="username owning a bank given by name (default: the first superuser)"
        )
        parser.add_argument(
            "--format", help=f"one of {', '.join(api.import_formats())}; default: from the file"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report, store nothing")

    def handle(self, file, bank, owner, format, dry_run, **options):
        try:
            self._import(file, bank, owner, format, dry_run)
        except Refused as exc:
            self.stderr.write(str(exc))
            sys.exit(1)

    def _import(self, file, bank, owner, fmt, dry_run):
        if fmt and fmt not in api.import_formats():
            known = "; ".join(f"{name} = {label}" for name, label in LABELS.items())
            raise Refused(
                _("Unknown format %(format)s. Formats read: %(known)s.")
                % {"format": repr(fmt), "known": known}
            )
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise Refused(
                _("Cannot read %(file)s: %(reason)s.") % {"file": file, "reason": exc.strerror}
            ) from exc
        target, name = self._bank(bank, owner)
        try:
            with transaction.atomic():
                if target is None:  # a new bank: created here, rolled back with a refused or dry-run import
                    target = api.create_bank(name, owner_id=self._owner(owner).id)
                result = api.import_questions(content, file.name, target.uuid, fmt=fmt, dry_run=dry_run)
                if dry_run:
                    raise _DryRun(result)
        except api.QuestionImportError as exc:
            raise Refused(str(exc)) from exc
        except _DryRun as run:
            result = run.result
        self._report(file, result, target, dry_run, created=name is not None)

    def _report(self, file, result, bank, dry_run, created):
        values = {
            "file": file.name,
            "format": LABELS.get(result.format, result.format),
            "count": result.created,
            "bank": bank.name,
            "uuid": bank.uuid,
        }
        if dry_run:
            line = _(
                "%(file)s (%(format)s): checked, %(count)s question(s) would be imported into «%(bank)s»."
            )
            line += " " + _("Dry run: nothing was stored.")
            if created:
                line += " " + _("The bank does not exist yet: it is created when the import runs.")
        else:
            line = _("%(file)s (%(format)s): %(count)s question(s) imported into «%(bank)s» (%(uuid)s).")
        self.stdout.write(line % values)
        for entry in result.duplicates + result.notes:
            self.stdout.write(f"  - {entry}")

    def _bank(self, bank, owner):
        """``(BankInfo, None)`` for an existing bank, ``(None, name)`` for one to create on import."""
        if _is_uuid(bank):
            try:
                return api.get_bank(bank), None
            except LookupError as exc:  # a uuid that names no bank
                raise Refused(_("No question bank has the id %(uuid)s.") % {"uuid": bank}) from exc
        user = self._owner(owner)
        same = [found for found in api.list_banks(owner_id=user.id) if found.name == bank]
        if len(same) > 1:
            uuids = ", ".join(found.uuid for found in same)
            message = _("%(user)s has %(count)s banks named «%(name)s»: give the id of one (%(uuids)s).")
            raise Refused(message % {"user": user.username, "count": len(same), "name": bank, "uuids": uuids})
        return (same[0], None) if same else (None, bank)

    def _owner(self, owner):
        users = get_user_model().objects
        user = users.filter(username=owner).first() if owner else users.filter(is_superuser=True).first()
        if user is None:
            if owner:
                raise Refused(_("No user %(name)s to own the bank.") % {"name": repr(owner)})
            raise Refused(_("No superuser to own the bank: give --owner USERNAME."))
        return user


def _is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
