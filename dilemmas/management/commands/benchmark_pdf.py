"""Time the PDFs: a themablad, and a 30-card session pack, uncached and cached.

    python manage.py benchmark_pdf [--runs 20] [--sheet nevenwerkzaamheden]

Uses the content in the database (run `load_content` first). The session and the user it needs
are made inside a transaction that is rolled back, so nothing is left behind.
"""

import io
import statistics
import time

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client, override_settings

from dilemmas.models import Dilemma, Training
from dilemmas.trainingen import TRAINER_GROUP, add_items
from themabladen.models import Themablad

CARDS = 30


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Meet hoe snel de PDF van een themablad en van 30 dilemmakaarten wordt gemaakt."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--sheet", default="", help="Adres (slug) van het themablad.")

    def handle(self, *args, runs, sheet, **options):
        if runs < 1:
            raise CommandError("--runs moet minstens 1 zijn.")
        sheets = Themablad.objects.published().filter(available=True)
        themablad = sheets.filter(slug=sheet).first() if sheet else sheets.order_by("pk").first()
        if themablad is None:
            raise CommandError("Geen gepubliceerd themablad gevonden; draai eerst load_content.")
        dilemma_ids = list(
            Dilemma.objects.published().order_by("pk").values_list("pk", flat=True)[:CARDS]
        )
        if len(dilemma_ids) < CARDS:
            raise CommandError(f"Er zijn minder dan {CARDS} gepubliceerde dilemma’s.")

        with override_settings(ALLOWED_HOSTS=["testserver"]), transaction.atomic():
            user = User.objects.create_user("benchmark-pdf-trainer")
            user.groups.add(Group.objects.get_or_create(name=TRAINER_GROUP)[0])
            training = Training.objects.create(owner=user, title="Benchmark: 30 kaarten")
            add_items(training=training, dilemmas=Dilemma.objects.filter(pk__in=dilemma_ids))
            client = Client()
            client.force_login(user)
            cases = [
                (f"Themablad ‘{themablad.title}’", f"/themabladen/{themablad.slug}/pdf/"),
                (f"{CARDS} dilemmakaarten", f"/trainingen/{training.pk}/kaarten/pdf/"),
                (
                    f"Begeleidersversie, {CARDS} dilemma’s",
                    f"/trainingen/{training.pk}/begeleider/pdf/",
                ),
            ]
            for label, url in cases:
                self._measure(client, label, url, runs)
            transaction.set_rollback(True)

    def _measure(self, client, label, url, runs):
        self._get(client, url)  # warm up imports and font loading
        cold, warm = [], []
        for _ in range(runs):
            cache.clear()
            start = time.perf_counter()
            pages = self._get(client, url)
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            self._get(client, url)
            warm.append(time.perf_counter() - start)
        self.stdout.write(
            f"{label} ({pages} pagina’s, {runs} keer): "
            f"zonder cache p50 {statistics.median(cold):.3f} s, "
            f"p95 {percentile(cold, 0.95):.3f} s; "
            f"uit de cache p50 {statistics.median(warm) * 1000:.1f} ms, "
            f"p95 {percentile(warm, 0.95) * 1000:.1f} ms"
        )

    def _get(self, client, url) -> int:
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} gaf status {response.status_code}.")
        try:
            import pypdf  # a development dependency: only for the page count
        except ImportError:
            return 0
        return len(pypdf.PdfReader(io.BytesIO(response.content)).pages)
