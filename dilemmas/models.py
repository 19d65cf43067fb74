from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager

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
    tags = TaggableManager("trefwoorden", blank=True)

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
