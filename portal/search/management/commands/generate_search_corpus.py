"""A large corpus for the search benchmark: copies of every published sheet with all its parts.

Copies are published sheets numbered from 1000 on, with "(kopie N)" in their title; run it on a
benchmark database, not on the real one.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.redactie.snapshots import apply_change, take_snapshot, without_ids
from portal.search.indexing import deferred_indexing
from themabladen.models import Themablad

FIRST_NUMBER = 1000


class Command(BaseCommand):
    help = "Maakt een corpus van FACTOR keer de inhoud (standaard 100) voor de zoekbenchmark."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=100)

    def handle(self, *args, factor, **options):
        if Themablad.objects.filter(number__gte=FIRST_NUMBER).exists():
            raise CommandError("Er staat al een gegenereerd corpus in deze database.")
        originals = list(
            Themablad.objects.published().sheets().filter(available=True).prefetch_related("tags")
        )
        if not originals:
            raise CommandError("Geen inhoud om te kopiëren: draai eerst `manage.py load_content`.")
        with deferred_indexing(rebuild=True), transaction.atomic():
            number = FIRST_NUMBER
            for copy in range(1, factor):
                for original in originals:
                    self._copy(original, copy, number)
                    number += 1
        total = Themablad.objects.published().count()
        self.stdout.write(f"Klaar: {total} gepubliceerde themabladen, zoekindex opgebouwd.")

    def _copy(self, original, copy, number):
        """A published copy with all the original's parts (its dilemma's copied too)."""
        sheet = Themablad.objects.create(
            number=number,
            title=f"{original.title} (kopie {copy})",
            slug=f"{original.slug}-kopie-{copy}",
            status=Themablad.Status.PUBLISHED,
            available=True,
            inleiding=original.inleiding,
            guidelines_intro=original.guidelines_intro,
        )
        snapshot = without_ids(take_snapshot(original))
        snapshot.pop("sheet")
        apply_change(sheet, base={}, proposed=snapshot)
