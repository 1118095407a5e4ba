"""Django's makemessages without fuzzy matching (scripts/translations.sh extract runs it)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # A translation guessed from a similar string ("fuzzy") is worse than none: it ships wrong Vietnamese.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
