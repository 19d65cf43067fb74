"""A large corpus for the search benchmark: copies of every published sheet with all its parts.

Copies are published sheets numbered from 1000 on, with "(kopie N)" in their title; run it on a
benchmark database, not on the real one.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casuistiek.models import Casus, CasusUitspraak
from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement
from portal.search.indexing import deferred_indexing
from themabladen.models import (
    KaderStatement,
    LegalReference,
    Themablad,
    ThemabladGuideline,
)

FIRST_NUMBER = 1000


class Command(BaseCommand):
    help = "Maakt een corpus van FACTOR keer de inhoud (standaard 100) voor de zoekbenchmark."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=100)

    def handle(self, *args, factor, **options):
        if Themablad.objects.filter(number__gte=FIRST_NUMBER).exists():
            raise CommandError("Er staat al een gegenereerd corpus in deze database.")
        originals = list(
            Themablad.objects.published().filter(available=True).prefetch_related("tags")
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
        sheet = Themablad.objects.create(
            number=number,
            title=f"{original.title} (kopie {copy})",
            slug=f"{original.slug}-kopie-{copy}",
            status=Themablad.Status.PUBLISHED,
            available=True,
            inleiding=original.inleiding,
            guidelines_intro=original.guidelines_intro,
        )
        sheet.tags.set([tag.name for tag in original.tags.all()])
        KaderStatement.objects.bulk_create(
            KaderStatement(
                themablad=sheet, position=k.position, group=k.group, bullet=k.bullet, text=k.text
            )
            for k in original.kader.all()
        )
        for placement in DilemmaPlacement.objects.filter(themablad=original).select_related(
            "dilemma"
        ):
            source = placement.dilemma
            dilemma = Dilemma.objects.create(title=source.title, question=source.question)
            AnswerOption.objects.bulk_create(
                AnswerOption(dilemma=dilemma, label=o.label, text=o.text, position=o.position)
                for o in source.options.all()
            )
            DilemmaPlacement.objects.create(
                themablad=sheet, dilemma=dilemma, position=placement.position
            )
        for casus in Casus.objects.filter(themablad=original):
            clone = Casus.objects.create(
                themablad=sheet,
                position=casus.position,
                title=casus.title,
                lead_in=casus.lead_in,
                summary=casus.summary,
            )
            CasusUitspraak.objects.bulk_create(
                CasusUitspraak(casus=clone, uitspraak_id=c.uitspraak_id, position=c.position)
                for c in casus.citations.all()
            )
        ThemabladGuideline.objects.bulk_create(
            ThemabladGuideline(themablad=sheet, guideline_id=g.guideline_id, position=g.position)
            for g in ThemabladGuideline.objects.filter(themablad=original)
        )
        LegalReference.objects.bulk_create(
            LegalReference(
                themablad=sheet,
                law_id=r.law_id,
                article_id=r.article_id,
                lid=r.lid,
                sub=r.sub,
                label=r.label,
                position=r.position,
            )
            for r in LegalReference.objects.filter(themablad=original)
        )
