"""`manage.py restore FILE`: the portal as `manage.py backup` saved it, into an empty database."""

from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from dilemmas.models import Training
from portal.search.indexing import rebuild_index
from themabladen.models import Themablad


class Command(BaseCommand):
    help = (
        "Zet een back-up van `manage.py backup` terug in een lege database (met --replace: "
        "vervangt alles wat erin staat)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="ook als de database al gegevens bevat: die gaan dan verloren",
        )

    def handle(self, *args, file, replace, **options):
        if not Path(file).is_file():
            raise CommandError(f"Het bestand {file} bestaat niet.")
        # The schema of this version of the portal; a backup is restored with the same version
        # that made it (or an older one's, then `migrate` after restoring brings it up to date).
        call_command("migrate", interactive=False, verbosity=0)
        if not replace and (
            Themablad.objects.exists() or User.objects.exists() or Training.objects.exists()
        ):
            raise CommandError(
                "De database bevat al gegevens. Zet terug in een lege database, of geef "
                "--replace als u alles wat er nu in staat wilt vervangen."
            )
        # All or nothing: a file that does not load leaves the database as it was.
        with transaction.atomic():
            # Emptied whole (content types and permissions too, without recreating them): the
            # file holds every row with its own id, so versions and links keep pointing right.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            if connection.vendor == "postgresql":
                # Rows come in model order, not in the order their foreign keys need: checked
                # at the end (loaddata relies on Django's deferrable constraints).
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            call_command("loaddata", file, verbosity=0)
            documents = rebuild_index()
        self.stdout.write(f"Teruggezet uit {file}; zoekindex opgebouwd ({documents} documenten).")
