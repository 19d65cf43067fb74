from django.core.exceptions import ValidationError
from django.db import models

from portal.urlnames import reverse
from themabladen.models import SourceKeyed, Themablad

from .ecli import InvalidECLI, parse_ecli


def validate_ecli(value: str) -> None:
    try:
        parse_ecli(value)
    except InvalidECLI as error:
        raise ValidationError(str(error), code="invalid_ecli") from error


class UitspraakQuerySet(models.QuerySet):
    def cited_on_published(self):
        return self.filter(
            citations__casus__themablad__status=Themablad.Status.PUBLISHED
        ).distinct()


class Uitspraak(models.Model):
    """A ruling, one record per ECLI however many cases cite it."""

    ecli = models.CharField(
        "ECLI",
        max_length=64,
        unique=True,
        validators=[validate_ecli],
        help_text="Bijvoorbeeld ECLI:NL:CRVB:2018:3429; spaties en kleine letters worden hersteld.",
        error_messages={"unique": "Deze uitspraak staat er al in."},
    )
    summary = models.TextField("samenvatting", blank=True)

    objects = UitspraakQuerySet.as_manager()

    class Meta:
        verbose_name = "uitspraak"
        verbose_name_plural = "uitspraken"
        ordering = ["-ecli"]

    def __str__(self):
        return self.ecli

    def clean_fields(self, exclude=None):
        # Mend the spelling before validating, so "ecli: nl: crvb: 2018: 3429" is accepted.
        try:
            self.ecli = str(parse_ecli(self.ecli))
        except InvalidECLI:
            pass
        super().clean_fields(exclude=exclude)

    def get_absolute_url(self):
        return reverse("uitspraken:detail", args=[self.ecli])

    @property
    def parsed(self):
        return parse_ecli(self.ecli)

    @property
    def court_code(self) -> str:
        return self.parsed.court

    @property
    def court_name(self) -> str:
        return self.parsed.court_name

    @property
    def year(self) -> int:
        return self.parsed.year

    @property
    def public_url(self) -> str:
        return self.parsed.public_url


class Casus(SourceKeyed):
    themablad = models.ForeignKey(Themablad, on_delete=models.CASCADE, related_name="casussen")
    position = models.PositiveIntegerField("volgorde", default=0)
    title = models.CharField("titel", max_length=200)
    lead_in = models.TextField(
        "inleidende vraag",
        blank=True,
        help_text="Een vraag of zin die vóór de casus staat, bijvoorbeeld ‘Wat doe je?’.",
    )
    summary = models.TextField("casus")
    rulings = models.ManyToManyField(
        Uitspraak,
        through="CasusUitspraak",
        related_name="casussen",
        blank=True,
        verbose_name="uitspraken",
    )

    class Meta:
        verbose_name = "casus"
        verbose_name_plural = "casuïstiek"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.themablad.get_absolute_url()}#casus-{self.pk}"


class CasusUitspraak(models.Model):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="citations")
    uitspraak = models.ForeignKey(
        Uitspraak, on_delete=models.PROTECT, related_name="citations", verbose_name="uitspraak"
    )
    position = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "aangehaalde uitspraak"
        verbose_name_plural = "aangehaalde uitspraken"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["casus", "uitspraak"], name="casus_cites_once")
        ]
