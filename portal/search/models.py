from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from themabladen.models import Themablad


class Kind(models.TextChoices):
    THEMABLAD = "themablad", "Themablad"
    KADER = "kader", "Kader"
    DILEMMA = "dilemma", "Dilemma"
    CASUS = "casus", "Casus"
    UITSPRAAK = "uitspraak", "Uitspraak"
    RICHTLIJN = "richtlijn", "Richtlijn"
    REGELGEVING = "regelgeving", "Regelgeving"
    PRAKTIJK = "praktijk", "Integriteit in de praktijk"


class SearchDocumentQuerySet(models.QuerySet):
    """Searching is portal.search.engine.search_documents: the engine builds on these models."""

    def visible(self):
        # Visibility is always derived from the sheets' own queryset method, also at query time,
        # so a change in what "published" means never shows a draft through a stale index.
        return self.filter(themablad__in=Themablad.objects.published())


class SearchDocument(models.Model):
    """One searchable thing: a sheet, a kader statement, dilemma, casus, ruling, guideline or
    legal reference, denormalised with the analysed terms both engines index.

    Term columns hold terms from portal.search.analysis, weighted A (titles, kader), B (tags,
    questions, lead-ins) and C (body text). On PostgreSQL `vector` is computed from them on insert
    ('simple' configuration, GIN index); on SQLite the FTS5 table search_fts mirrors them through
    triggers.
    """

    kind = models.CharField(max_length=20, choices=Kind.choices)
    themablad = models.ForeignKey(Themablad, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    ecli = models.CharField(max_length=64, blank=True, db_index=True)
    terms_a = models.TextField(blank=True)
    terms_b = models.TextField(blank=True)
    terms_c = models.TextField(blank=True)
    # Number of terms: among equally good matches, the shorter (more focused) text comes first.
    size = models.PositiveIntegerField(default=0)
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["themablad", "position"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class VocabularyEntry(models.Model):
    """A word seen in published content, for compound expansion and "bedoelde u …?"."""

    word = models.CharField(max_length=100, unique=True)
    # The word as the content writes it most often ("privé", "AVG"), for suggestions.
    spelling = models.CharField(max_length=100, blank=True)
    terms = models.CharField(max_length=400)
    frequency = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class Synonym(models.Model):
    """A word employees type for what the sheets call otherwise ("bijbaan" → nevenwerkzaamheden).

    Used at query time only, as extra alternatives of the typed word, so the sheets' own wording
    still ranks first and nothing needs re-indexing when an editor changes one.
    """

    word = models.CharField(
        "zoekwoord",
        max_length=100,
        unique=True,
        help_text="Eén woord zoals medewerkers het typen, bijvoorbeeld ‘bijbaan’. Hoofdletters "
        "en accenten maken niet uit.",
    )
    alternatives = models.CharField(
        "zoek ook op",
        max_length=300,
        help_text="Woorden zoals ze in de themabladen staan, gescheiden door spaties, "
        "bijvoorbeeld ‘nevenwerkzaamheden nevenfunctie’. Vervoegingen worden vanzelf gevonden.",
    )

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        ordering = ["word"]

    def __str__(self):
        return f"{self.word} → {self.alternatives}"

    def natural_key(self):
        return (self.word,)

    def clean(self):
        from . import analysis

        errors = {}
        typed = analysis.words(self.word)
        if len(typed) != 1:
            errors["word"] = "Vul één woord in, zonder spaties of leestekens."
        elif typed[0] in analysis.STOP_WORDS:
            errors["word"] = (
                f"‘{typed[0]}’ is een veelvoorkomend woord dat bij het zoeken wordt overgeslagen."
            )
        else:
            self.word = typed[0]
        alternatives = [w for w in analysis.words(self.alternatives) if w != self.word]
        if not alternatives:
            errors["alternatives"] = "Vul minstens één ander woord in om ook op te zoeken."
        else:
            self.alternatives = " ".join(dict.fromkeys(alternatives))
        if errors:
            raise ValidationError(errors)

    def unknown_alternatives(self) -> list[str]:
        """Alternatives that occur nowhere in the published content (and so find nothing)."""
        words = self.alternatives.split()
        known = set(VocabularyEntry.objects.filter(word__in=words).values_list("word", flat=True))
        return [word for word in words if word not in known]


class SearchLogQuerySet(models.QuerySet):
    def before(self, day):
        return self.filter(day__lt=day)

    def unanswered(self):
        """Days on which a query found nothing, or found something nobody opened."""
        return self.filter(Q(empty__gt=0) | Q(clicks=0))


class SearchLog(models.Model):
    """One normalised query on one day, for editors to see what employees search in vain.

    Deliberately nothing else: no user, IP address, session or time of day, so no row can be
    traced to a person (README "Zoeken", and the page Toegankelijkheid en privacy).
    """

    query = models.CharField("zoekvraag", max_length=200)
    day = models.DateField("dag", db_index=True)
    searches = models.PositiveIntegerField("keer gezocht", default=0)
    empty = models.PositiveIntegerField("keer niets gevonden", default=0)
    clicks = models.PositiveIntegerField("keer een resultaat geopend", default=0)

    objects = SearchLogQuerySet.as_manager()

    class Meta:
        verbose_name = "zoekvraag zonder antwoord"
        verbose_name_plural = "zoekvragen zonder antwoord"
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_log_one_row_a_day")
        ]

    def __str__(self):
        return f"{self.query} ({self.day})"
