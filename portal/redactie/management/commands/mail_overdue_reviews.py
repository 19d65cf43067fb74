"""Mails each owner the sheets whose review date has passed; meant for a daily scheduler."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse

from portal.redactie.overview import overdue


class Command(BaseCommand):
    help = "Stuurt elke eigenaar een e-mail met zijn themabladen waarvan de herziening verlopen is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000"),
            help="Adres van het portaal, voor de links in de e-mail.",
        )

    def handle(self, *args, base_url, **options):
        per_owner = defaultdict(list)
        without_owner = 0
        for stewardship in overdue():
            if stewardship.owner is None or not stewardship.owner.email:
                without_owner += 1
                continue
            per_owner[stewardship.owner].append(stewardship)
        for owner, items in per_owner.items():
            lines = [
                f"- {item.themablad} (herziening gepland op "
                f"{item.next_review:%d-%m-%Y}): {base_url.rstrip('/')}"
                f"{reverse('admin:themabladen_themablad_change', args=[item.themablad_id])}"
                for item in items
            ]
            body = (
                f"Beste {owner.get_full_name() or owner.username},\n\n"
                "De herziening van deze themabladen is verlopen:\n\n"
                + "\n".join(lines)
                + "\n\nWilt u ze nalopen? Is er niets te wijzigen, zet dan een nieuwe datum bij "
                "‘volgende herziening’.\n\nIntegriteitsportaal\n"
            )
            send_mail(
                subject=f"Integriteitsportaal: {len(items)} themablad(en) toe aan herziening",
                message=body,
                from_email=None,
                recipient_list=[owner.email],
            )
        self.stdout.write(
            f"{len(per_owner)} eigenaar(s) gemaild; {without_owner} verlopen blad(en) zonder "
            "eigenaar met e-mailadres."
        )
