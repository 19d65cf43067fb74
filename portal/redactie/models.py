"""Editorial records: proposed and published versions of a sheet, its steward, and the audit log.

A published sheet's own rows are what employees see. A change to it lives here as a JSON snapshot
of the whole sheet until a second integriteitsfunctionaris approves it; only then is the snapshot
applied to the rows (see redactie/publishing.py). So `Themablad.objects.published()` stays the
single source of what is visible.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from themabladen.models import Themablad


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=[Revision.Status.DRAFT, Revision.Status.SUBMITTED])

    def awaiting_review(self):
        return self.filter(status=Revision.Status.SUBMITTED)

    def citing(self, key: str, matches) -> list:
        """Those whose snapshot holds an item of part `key` for which `matches(item)` is true
        (a snapshot is JSON: the test runs here, on the few changes in play)."""
        return [r for r in self if any(matches(item) for item in r.snapshot.get(key, []))]

    def published_versions(self):
        return self.filter(status=Revision.Status.PUBLISHED).order_by("-published_at", "-pk")

    def public_changes(self):
        """Approved changes of the sheets employees see now, newest first: the public
        "Wijzigingen". Never a draft or a change waiting for review; never the baseline kept at
        the start of the editorial workflow (nobody reviewed it: it is no change); and nothing
        of a sheet that is archived (or still a concept) now, so an archived sheet's notes stay
        out of sight with the sheet, and come back only when the sheet itself does.

        Without the snapshots a version keeps of the whole sheet (`snapshot`, `base`; 10 KB of
        JSON each, 30 µs to parse): the lists show a change's date and note, and a sheet page
        lists its latest five."""
        return (
            self.defer("snapshot", "base")
            .filter(
                status=Revision.Status.PUBLISHED,
                reviewed_at__isnull=False,
                published_at__isnull=False,
                themablad__in=Themablad.objects.published(),
            )
            .select_related("themablad")
            .order_by("-published_at", "-pk")
        )


class Revision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "concept", "Concept"
        SUBMITTED = "ingediend", "Ter beoordeling"
        PUBLISHED = "gepubliceerd", "Gepubliceerd"
        WITHDRAWN = "ingetrokken", "Ingetrokken"

    themablad = models.ForeignKey(
        Themablad, on_delete=models.CASCADE, related_name="revisions", verbose_name="themablad"
    )
    status = models.CharField("status", max_length=20, choices=Status.choices)
    snapshot = models.JSONField("inhoud")
    # The sheet as it was published when this change was last saved: approval applies only the
    # fields where `snapshot` differs from it, and refuses where someone else changed them since.
    base = models.JSONField("gebaseerd op", null=True, blank=True)
    note = models.TextField("wijzigingsnotitie", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur",
    )
    # Everyone who saved this change; none of them may approve it (vier-ogenprincipe).
    editor_ids = models.JSONField("bewerkers", default=list, blank=True)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("laatst bewaard", auto_now=True)
    submitted_at = models.DateTimeField("ingediend op", null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beoordelaar",
    )
    reviewed_at = models.DateTimeField("beoordeeld op", null=True, blank=True)
    # Set when a reviewer sends the change back; the status is then concept again.
    review_comment = models.TextField("toelichting beoordelaar", blank=True)
    published_at = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    restored_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="teruggezet van",
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = "wijziging"
        verbose_name_plural = "wijzigingen en versies"
        ordering = ["-updated_at", "-pk"]
        permissions = [
            ("approve_revision", "Wijzigingen van anderen goedkeuren en publiceren"),
            ("archive_themablad", "Themabladen archiveren en terugzetten"),
        ]
        constraints = [
            # At most one change in progress per sheet, so nobody works on a stale copy.
            models.UniqueConstraint(
                fields=["themablad"],
                condition=models.Q(status__in=["concept", "ingediend"]),
                name="one_pending_revision_per_themablad",
            )
        ]

    def __str__(self):
        return f"{self.themablad} – {self.get_status_display().lower()} ({self.pk})"

    @property
    def title(self) -> str:
        return self.snapshot.get("sheet", {}).get("title", str(self.themablad))


class Stewardship(models.Model):
    """Who looks after a sheet, when it is due for review, and the edit counter."""

    themablad = models.OneToOneField(
        Themablad, on_delete=models.CASCADE, related_name="stewardship", primary_key=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_stewardships",
        verbose_name="eigenaar",
    )
    next_review = models.DateField("volgende herziening", null=True, blank=True)
    last_reviewed = models.DateField("laatst herzien", null=True, blank=True)
    version = models.PositiveIntegerField("bewerkingsteller", default=0)

    class Meta:
        verbose_name = "beheer van een themablad"
        verbose_name_plural = "beheer van themabladen"

    def __str__(self):
        return str(self.themablad)


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "ingediend", "Ingediend ter beoordeling"
        APPROVE = "goedgekeurd", "Goedgekeurd en gepubliceerd"
        REJECT = "afgewezen", "Afgewezen"
        RESTORE = "teruggezet", "Eerdere versie teruggezet"
        ARCHIVE = "gearchiveerd", "Gearchiveerd"
        UNARCHIVE = "uit-archief", "Uit het archief teruggezet"

    action = models.CharField("handeling", max_length=20, choices=Action.choices)
    themablad = models.ForeignKey(
        Themablad, on_delete=models.CASCADE, related_name="audit_entries", verbose_name="themablad"
    )
    revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name="wijziging",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="door",
    )
    at = models.DateTimeField("tijdstip", auto_now_add=True)
    comment = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "logregel"
        verbose_name_plural = "logboek publicaties"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.themablad}"


class RecordVersionQuerySet(models.QuerySet):
    def open(self):
        """Changes still in play: waiting for review, or sent back to their author."""
        return self.filter(status__in=RecordVersion.OPEN)

    def awaiting_review(self):
        return self.filter(status=RecordVersion.Status.SUBMITTED)


class RecordVersion(models.Model):
    """A saved state of a shared record (ruling, guideline, law, article, dilemma, search word).

    Those records are edited on their own admin pages. Each save keeps the record's state here, so
    an editor who overwrites a text by mistake can bring it back (redactie/record_versions.py).
    Where employees can see the record, a save is a proposal instead (status `ingediend`, with the
    published state it was `base`d on), applied only when a second integriteitsfunctionaris
    approves it (redactie/record_review.py).
    """

    class Status(models.TextChoices):
        PUBLISHED = "gepubliceerd", "Gepubliceerd"
        SUBMITTED = "ingediend", "Ter beoordeling"
        REJECTED = "teruggestuurd", "Teruggestuurd"
        WITHDRAWN = "ingetrokken", "Ingetrokken"
        SUPERSEDED = "vervangen", "Vervangen door een nieuwere versie"

    OPEN = [Status.SUBMITTED, Status.REJECTED]

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveIntegerField()
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    data = models.JSONField("inhoud", encoder=DjangoJSONEncoder)
    # For a proposal: the published state it was made on. Approval applies the fields where
    # `data` differs from it, and refuses where the record changed since.
    base = models.JSONField("gebaseerd op", encoder=DjangoJSONEncoder, null=True, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
    )
    saved_at = models.DateTimeField("bewaard op", auto_now_add=True)
    note = models.CharField("toelichting", max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur",
    )
    # Everyone who saved this change or the ones it replaced; none of them may approve it.
    editor_ids = models.JSONField("bewerkers", default=list, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beoordelaar",
    )
    reviewed_at = models.DateTimeField("beoordeeld op", null=True, blank=True)
    review_comment = models.TextField("toelichting beoordelaar", blank=True)

    objects = RecordVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "versie van een gedeeld gegeven"
        verbose_name_plural = "versies van gedeelde gegevens"
        ordering = ["-saved_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            # One change in play per record, so nobody reviews or edits a stale copy.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status__in=["ingediend", "teruggestuurd"]),
                name="one_open_change_per_record",
            )
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id} ({self.saved_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def kind(self) -> str:
        """What sort of record this is, in Dutch ("interne richtlijn of handreiking")."""
        model = self.content_type.model_class()
        return str(model._meta.verbose_name) if model else self.content_type.model

    @property
    def record(self):
        """The record this is a version of, or None when it was deleted."""
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
