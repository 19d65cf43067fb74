"""`manage.py backup FILE`: everything the portal holds, in one file, for `manage.py restore`."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

# Derived or passing data, not backed up: the search index is rebuilt from the content on
# restore, sessions only sign people out. Everything else is kept: content, every version and
# pending change, reviews, audit log, trainings, accounts, groups, permissions, content types.
EXCLUDED = ["sessions", "search.SearchDocument", "search.VocabularyEntry"]
SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz")


class Command(BaseCommand):
    help = "Schrijft alle gegevens van het portaal naar FILE (.json of .json.gz), voor restore."

    def add_arguments(self, parser):
        parser.add_argument("file", help="bijv. backup-20261201.json.gz")

    def handle(self, *args, file, **options):
        if not file.endswith(SUFFIXES):
            raise CommandError(f"Geef een bestandsnaam die eindigt op {' of '.join(SUFFIXES)}.")
        # One snapshot: the tables are read one after the other, and a change saved meanwhile
        # must not leave a version pointing to a row the file lacks.
        # It holds password hashes and unpublished work: readable by its owner only.
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.chmod(file, 0o600)
        outermost = not connection.in_atomic_block  # (a test runs it inside its own)
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                use_base_manager=True,
                output=file,
                verbosity=0,
            )
        self.stdout.write(f"Back-up geschreven naar {file}.")
