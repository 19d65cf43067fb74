"""p50/p95 of the search page and of the bare database query, on the current database.

Not a test: numbers depend on the machine. Run it on a corpus from generate_search_corpus and
record the numbers in the README.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from portal.search.engine import build_plan, search_documents
from portal.search.models import SearchDocument

QUERIES = [
    "mag ik een kenteken opzoeken",
    "biertje op een congres",
    "bijbaan als taxichauffeur",
    "declaraties reiskosten",
    "supporters",
    "horeca",
    "nevenwerkzaamheeden",
    "privé",
    "informatie",
    "politie",
    "art 76 barp",
    "themablad 8",
    "racistische opmerking collega",
    "foto in uniform op facebook",
    "vertrouwelijke informatie mee naar huis",
    "partner doet mee aan aanbesteding",
    '"proces verbaal" -declaratie',
    "zichtbare tatoeage",
    "uitnodiging evenement leverancier",
    "ziek en bijspringen in bedrijf van een vriend",
]


def _percentiles(samples):
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50 * 1000, p95 * 1000


class Command(BaseCommand):
    help = "Meet p50/p95 van de zoekpagina en van de kale databasequery."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=10)

    def handle(self, *args, rounds, **options):
        client = Client()
        page, bare, plan_and_query = [], [], []
        # The page is rendered every time: pages from the page cache would measure nothing.
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False, PAGE_CACHE=False):
            for query in QUERIES:  # warm caches and connections
                client.get("/zoeken/", {"q": query})
            for _ in range(rounds):
                for query in QUERIES:
                    start = time.perf_counter()
                    response = client.get("/zoeken/", {"q": query})
                    page.append(time.perf_counter() - start)
                    assert response.status_code == 200, (query, response.status_code)
                    start = time.perf_counter()
                    plan = build_plan(query)
                    middle = time.perf_counter()
                    search_documents(plan)
                    end = time.perf_counter()
                    bare.append(end - middle)
                    plan_and_query.append(end - start)
        documents = SearchDocument.objects.count()
        self.stdout.write(
            f"{connection.vendor}: {documents} documenten, {len(QUERIES)} zoekvragen × {rounds}"
        )
        for label, samples in [
            ("zoekpagina (Django test client)", page),
            ("kale query (search_documents)", bare),
            ("analyse + query", plan_and_query),
        ]:
            p50, p95 = _percentiles(samples)
            self.stdout.write(f"  {label:34} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
