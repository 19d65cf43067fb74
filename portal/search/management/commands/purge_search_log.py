from django.core.management.base import BaseCommand

from portal.search.searchlog import KEEP_DAYS, purge


class Command(BaseCommand):
    help = f"Verwijdert de zoektellingen van meer dan {KEEP_DAYS} dagen geleden (dagelijks)."

    def handle(self, *args, **options):
        removed = purge()
        self.stdout.write(f"Verwijderd: {removed} zoektellingen van meer dan {KEEP_DAYS} dagen.")
