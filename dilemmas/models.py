import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from portal.tagging import PortalTaggableManager
from portal.urlnames import reverse
from themabladen.models import SourceKeyed, Themablad


class DilemmaQuerySet(models.QuerySet):
    def published(self):
        return self.filter(themabladen__status=Themablad.Status.PUBLISHED).distinct()


class Dilemma(SourceKeyed):
    title = models.CharField(
        "titel",
        max_length=200,
        blank=True,
        help_text="Alleen als het dilemma een eigen titel heeft.",
    )
    question = models.TextField("vraag")
    trainer_notes = models.TextField("aantekeningen voor trainers", blank=True)
    themabladen = models.ManyToManyField(
        Themablad,
        through="DilemmaPlacement",
        related_name="dilemmas",
        verbose_name="themabladen",
    )
    tags = PortalTaggableManager("trefwoorden", blank=True)

    objects = DilemmaQuerySet.as_manager()

    class Meta:
        verbose_name = "dilemma"
        verbose_name_plural = "dilemma’s"
        ordering = ["pk"]

    def __str__(self):
        return self.title or self.question[:80]

    def get_absolute_url(self):
        return reverse("dilemmas:detail", args=[self.pk])


class DilemmaPlacement(models.Model):
    """A dilemma's place among a sheet's dilemma's; one dilemma can concern several sheets."""

    themablad = models.ForeignKey(Themablad, on_delete=models.CASCADE, related_name="placements")
    dilemma = models.ForeignKey(Dilemma, on_delete=models.CASCADE, related_name="placements")
    position = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "dilemma bij themablad"
        verbose_name_plural = "dilemma’s bij themabladen"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["themablad", "dilemma"], name="dilemma_placed_once")
        ]

    def __str__(self):
        return str(self.dilemma) if self.dilemma_id else "Nieuw dilemma"


class AnswerOption(models.Model):
    dilemma = models.ForeignKey(Dilemma, on_delete=models.CASCADE, related_name="options")
    label = models.CharField("letter", max_length=5)
    text = models.TextField("antwoord")
    position = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "antwoordmogelijkheid"
        verbose_name_plural = "antwoordmogelijkheden"
        ordering = ["position", "label"]

    def __str__(self):
        return f"{self.label}. {self.text[:60]}"


class CultureTransition(SourceKeyed):
    """One of the five "Nieuw Sturen" culture transitions: a motto and reflection questions."""

    number = models.PositiveSmallIntegerField("nummer", unique=True)
    name = models.CharField("naam", max_length=200)
    subtitle = models.CharField("ondertitel", max_length=300, blank=True)
    description = models.TextField("toelichting", blank=True)
    motto = models.CharField("motto", max_length=200, blank=True)
    questions = models.TextField("reflectievragen", help_text="Eén vraag per regel.")

    class Meta:
        verbose_name = "cultuurtransitie (Nieuw Sturen)"
        verbose_name_plural = "cultuurtransities (Nieuw Sturen)"
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


def new_share_token() -> str:
    return secrets.token_urlsafe(24)


# What new_share_token() makes (URL-safe base64). Anything else in a share address is refused
# before the database sees it: PostgreSQL rejects a NUL byte in a query with an error, not a miss.
SHARE_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class TrainingQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def shared_as(self, token: str):
        """The session this share address opens: none for a revoked, replaced or made-up one."""
        if not isinstance(token, str) or not SHARE_TOKEN_RE.fullmatch(token):
            return self.none()
        return self.filter(share_token=token)


class Training(models.Model):
    """A trainer's session: an ordered pack of dilemma's, cases and reflection questions."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trainingen",
        verbose_name="trainer",
    )
    title = models.CharField("titel", max_length=200)
    date = models.DateField("datum", null=True, blank=True)
    audience = models.CharField(
        "doelgroep", max_length=200, blank=True, help_text="Bijvoorbeeld ‘Basisteam Noord’."
    )
    # Whoever has the link can read the session (co-trainers); it is never guessable. Empty
    # (NULL, so several sessions can be unshared at once) once the trainer revokes the link.
    share_token = models.CharField(
        "deellink", max_length=64, unique=True, null=True, blank=True, default=new_share_token
    )
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = "training"
        verbose_name_plural = "trainingen"
        ordering = [F("date").desc(nulls_last=True), "-updated_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainingen:detail", args=[self.pk])

    @property
    def is_shared(self) -> bool:
        return bool(self.share_token)

    def get_share_url(self) -> str:
        return reverse("trainingen:shared", args=[self.share_token]) if self.share_token else ""


class TrainingItem(models.Model):
    """One part of a session. The content is looked up live, so the pack follows the sheets;
    the title and text as they were when added let the session say what was removed or changed.
    """

    class Kind(models.TextChoices):
        DILEMMA = "dilemma", "Dilemma"
        CASUS = "casus", "Casus"
        TRANSITION = "transitie", "Cultuurtransitie (Nieuw Sturen)"

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("volgorde", default=0)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    dilemma = models.ForeignKey(
        Dilemma, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_items"
    )
    casus = models.ForeignKey(
        "casuistiek.Casus",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_items",
    )
    transition = models.ForeignKey(
        CultureTransition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_items",
    )
    note = models.TextField("aantekening voor de trainer", blank=True)
    title_when_added = models.CharField(max_length=300, blank=True)
    text_when_added = models.TextField(blank=True)

    class Meta:
        verbose_name = "onderdeel van een training"
        verbose_name_plural = "onderdelen van trainingen"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title_when_added or self.get_kind_display()

    def clean(self):
        targets = {
            self.Kind.DILEMMA: self.dilemma_id,
            self.Kind.CASUS: self.casus_id,
            self.Kind.TRANSITION: self.transition_id,
        }
        if self._state.adding and not targets.get(self.kind):
            raise ValidationError("Kies een dilemma, casus of cultuurtransitie om toe te voegen.")
