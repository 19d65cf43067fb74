from django.core.management.base import BaseCommand

from portal.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit alle gepubliceerde themabladen."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Zoekindex opnieuw opgebouwd: {count} documenten.")
