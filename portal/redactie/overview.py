"""What needs an editor's attention: overdue reviews, placeholders, waiting changes."""

from django.utils import timezone

from casuistiek.models import Uitspraak
from themabladen.models import Guideline, Themablad

from .models import RecordVersion, Revision, Stewardship


def ensure_stewardships() -> None:
    missing = Themablad.objects.filter(stewardship__isnull=True)
    Stewardship.objects.bulk_create([Stewardship(themablad=sheet) for sheet in missing])


def overdue():
    return (
        Stewardship.objects.filter(next_review__lt=timezone.localdate())
        .exclude(themablad__status=Themablad.Status.ARCHIVED)
        .select_related("themablad", "owner")
        .order_by("next_review")
    )


def build() -> dict:
    return {
        "overdue": overdue(),
        "placeholders": Themablad.objects.filter(available=False)
        .exclude(status=Themablad.Status.ARCHIVED)
        .by_number(),
        "awaiting": Revision.objects.awaiting_review()
        .select_related("themablad", "author")
        .order_by("submitted_at"),
        "drafts": Revision.objects.filter(status=Revision.Status.DRAFT)
        .select_related("themablad", "author")
        .order_by("-updated_at"),
        # Changes to shared records (guidelines, rulings, laws, articles, dilemma's).
        "record_awaiting": RecordVersion.objects.awaiting_review()
        .select_related("content_type", "saved_by")
        .order_by("saved_at"),
        "record_returned": RecordVersion.objects.filter(status=RecordVersion.Status.REJECTED)
        .select_related("content_type", "author")
        .order_by("-reviewed_at"),
        "uncited_rulings": Uitspraak.objects.filter(citations__isnull=True).order_by("ecli"),
        "uncited_guidelines": Guideline.objects.filter(themablad_links__isnull=True).order_by(
            "title"
        ),
    }
