"""Import a question file into a bank, all or nothing (operators; teachers use the web import)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from openedx_vn.qbank import api


class Command(BaseCommand):
    help = "Import questions (GIFT, Aiken) into a bank. A file with any problem imports nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--bank", required=True, help="bank uuid, or the name of a new bank to create")
        parser.add_argument("--owner", help="username owning a new bank (default: the first superuser)")
        parser.add_argument("--format", choices=api.import_formats(), help="default: from the file name")
        parser.add_argument("--dry-run", action="store_true", help="check and report, store nothing")

    def handle(self, file, bank, owner, format, dry_run, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        bank_uuid = self._bank(bank, owner)
        try:
            result = api.import_questions(content, file.name, bank_uuid, fmt=format, dry_run=dry_run)
        except api.QuestionImportError as exc:
            raise CommandError(str(exc)) from exc
        verb = "would import" if dry_run else "imported"
        self.stdout.write(
            f"{file.name} ({result.format}): {verb} {result.created} question(s) into {bank_uuid}."
        )
        for line in result.duplicates + result.notes:
            self.stdout.write(f"  - {line}")

    def _bank(self, bank, owner):
        try:
            return api.get_bank(bank).uuid
        except LookupError as exc:
            if "is not a question bank id" not in str(exc):  # a uuid that names no bank
                raise CommandError(str(exc)) from exc
        users = get_user_model().objects
        user = users.filter(username=owner).first() if owner else users.filter(is_superuser=True).first()
        if user is None:
            raise CommandError(f"No user {owner!r} to own the new bank" if owner else "Give --owner")
        return api.create_bank(bank, owner_id=user.id).uuid
