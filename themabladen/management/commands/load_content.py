from django.core.management.base import BaseCommand

from themabladen.content import load_content


class Command(BaseCommand):
    help = "Laadt de inhoud uit fixtures/ (veilig om opnieuw te draaien: bestaande inhoud blijft)."

    def handle(self, *args, **options):
        self.stdout.write(str(load_content()))
