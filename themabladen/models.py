from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from portal.compiled import (
    CompiledQuery,
    hand_over,
    read_transaction,
    related_all,
    relation_queryset,
    run_together,
)
from portal.tagging import PortalTaggableManager
from portal.urlnames import reverse


class SourceKeyed(models.Model):
    """A record the content loader created carries the key it was loaded under.

    Re-running the loader skips every key it finds, so edits made in the admin since are never
    overwritten and nothing is loaded twice, whatever the editors renamed.
    """

    source_key = models.CharField(
        max_length=200, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class ThemabladQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Themablad.Status.PUBLISHED)

    def published_or_archived(self):
        """Sheets employees see, or will see again when brought back from the archive."""
        return self.exclude(status=Themablad.Status.DRAFT)

    def by_number(self):
        return self.order_by(F("number").asc(nulls_last=True), "title")

    def sheets(self):
        """The themabladen of the beroepscode, without the pages of Integriteit in de praktijk."""
        return self.filter(kind=Themablad.Kind.THEMABLAD)

    def practice_pages(self):
        """The pages of Integriteit in de praktijk, in the order they were added."""
        return self.filter(kind=Themablad.Kind.PRAKTIJK).order_by("pk")

    def with_sections(self):
        """Everything a sheet page shows (PAGE_RELATIONS), in a fixed number of queries."""
        return self.prefetch_related(
            *(relation.prefetch(self.model) for relation in PAGE_RELATIONS)
        )


class ThemabladManager(models.Manager.from_queryset(ThemabladQuerySet)):
    def page(self, *, slug: str, kind: str) -> "Themablad":
        """The sheet or practice page at `slug`, published, with what `with_sections()` would
        prefetch, in queries compiled once (`PageLoader`); raises Themablad.DoesNotExist.
        On the manager, not the queryset: it reads what it reads, whatever was filtered."""
        return PAGE_LOADER.load(slug=slug, kind=kind, using=self.db)


@dataclass(frozen=True)
class PageRelation:
    """A relation a sheet's page reads: its name on the model above, how its rows are ordered
    and joined (given the related model; None: as the relation gives them) and the relations
    of those rows that the page reads in turn.

    Dilemma's and casuïstiek build on the sheets, so their models are reached through the
    relations they declare, never imported (see tests/test_layers.py)."""

    name: str
    rows: Callable | None = None
    children: tuple["PageRelation", ...] = ()

    def related_model(self, model):
        return _related_model(model, self.name)

    def queryset(self, model):
        related = self.related_model(model)
        return self.rows(related) if self.rows else related._default_manager.all()

    def prefetch(self, model):
        if self.rows is None and not self.children:
            return self.name
        rows = self.queryset(model)
        if self.children:
            related = self.related_model(model)
            rows = rows.prefetch_related(*(child.prefetch(related) for child in self.children))
        return models.Prefetch(self.name, queryset=rows)


def _published_first_by_number(model):
    return (
        model.objects.select_related("from_themablad")
        .filter(from_themablad__status=Themablad.Status.PUBLISHED)
        .order_by(F("from_themablad__number").asc(nulls_last=True))
    )


PAGE_RELATIONS = (
    PageRelation("kader"),
    PageRelation(
        "dilemmas",
        rows=lambda dilemma: dilemma._default_manager.order_by("placements__position", "pk"),
        children=(PageRelation("options"),),
    ),
    PageRelation(
        "casussen",
        children=(
            PageRelation(
                "citations",
                rows=lambda citation: citation._default_manager.select_related("uitspraak"),
            ),
        ),
    ),
    PageRelation("guideline_links", rows=lambda link: link.objects.select_related("guideline")),
    PageRelation(
        "legal_references",
        rows=lambda reference: reference.objects.select_related("law", "article__law"),
    ),
    PageRelation("related_links", rows=lambda link: link.objects.select_related("to_themablad")),
    # Sheets and practice pages naming this sheet (named_by_sheets and named_by_practice_pages
    # tell them apart).
    PageRelation("named_by_links", rows=_published_first_by_number),
    PageRelation("text_blocks"),
    PageRelation("tags"),
)


@dataclass
class _Step:
    """One relation the loader reads: its path from the page, its compiled query, the foreign
    key of its rows to their parent (None for a many-to-many) and what they are grouped by
    (None: they are the page's own)."""

    path: tuple
    query: CompiledQuery
    up: object
    group_by: str | None
    # The relation's own queryset, if it has one (a loaded relation filters further as it
    # would); None: its manager's. What that gives and where the manager keeps prefetched rows
    # (compiled.hand_over).
    rows: object
    model: type
    queryset_class: type
    cache_name: str


class PageLoader:
    """One published page with everything it shows, as `with_sections()` would give it, but
    in queries compiled once per process (portal.compiled): on the sheet page the ORM spent
    about 9 ms building and prefetching its queries, the database a tenth of that.

    Every relation's rows are selected by the page's id, nested ones through their parent's
    query (the options of the dilemma's of page 12), and handed to their parents as Django's
    prefetch would: `page.kader.all()`, `dilemma.options.all()` read them without a query."""

    def __init__(self, model, relations):
        self.model = model
        self.relations = relations
        self._root = None
        self._steps = None

    def _compile(self):
        model = self.model

        def root(slug, kind):
            published = model.objects.published()
            return published.filter(slug=slug, kind=kind).select_related("stewardship")

        steps = []

        def walk(parent_model, relations, path, parent_rows):
            for relation in relations:
                rel = parent_model._meta.get_field(relation.name)
                if parent_rows is None:
                    # A relation of the page itself: the relation's own filter, as the page's
                    # related manager applies it, on the relation's rows.
                    def build(page, relation=relation, parent_model=parent_model):
                        manager = getattr(parent_model(pk=page), relation.name)
                        if relation.rows is None:
                            return manager.get_queryset()
                        return manager._apply_rel_filters(relation.queryset(parent_model))

                    group_by = None
                else:
                    # A relation of the page's rows (a dilemma's options): by the foreign key
                    # to those rows, which are those the parent's query selects.
                    if not rel.one_to_many:
                        raise ValueError(f"{relation.name}: only a foreign key can be nested")

                    def build(
                        page, relation=relation, parent_model=parent_model, rel=rel, up=parent_rows
                    ):
                        parents = up(page).values("pk")
                        rows = relation.queryset(parent_model)
                        return rows.filter(**{f"{rel.field.name}__in": parents})

                    group_by = rel.field.attname
                # The relation's manager on an unsaved stand-in says what it gives; it builds
                # a queryset without asking the database.
                manager = getattr(parent_model(pk=-1), relation.name)
                own = relation.queryset(parent_model) if relation.rows else None
                gives = relation_queryset(manager, own)
                up = rel.field if rel.one_to_many else None
                steps.append(
                    _Step(
                        path=path + (relation.name,),
                        query=CompiledQuery(build, page=int),
                        up=up,
                        group_by=group_by,
                        rows=own,
                        model=gives.model,
                        queryset_class=type(gives),
                        cache_name=up.remote_field.cache_name
                        if up
                        else manager.prefetch_cache_name,
                    )
                )
                if relation.children:
                    walk(rel.related_model, relation.children, path + (relation.name,), build)

        walk(model, self.relations, (), None)
        # The steps before the root: a page is loaded only once both are there (threads).
        self._steps = steps
        self._root = CompiledQuery(root, slug=str, kind=str)

    def load(self, *, slug, kind, using):
        if self._root is None:
            self._compile()
        # The page and its rows as they were at one moment (on SQLite; on PostgreSQL the rows
        # go out together right after the page).
        with read_transaction(using):
            found = self._root.run(slug=slug, kind=kind, using=using)
            if not found:
                raise self.model.DoesNotExist(f"no published page {slug!r}")
            page = found[0]
            queries = [step.query for step in self._steps]
            rows = run_together(queries, using=using, page=page.pk)
        loaded = zip(self._steps, rows, strict=True)
        parents = {(): [page]}
        for step, rows in loaded:
            parents[step.path] = rows
            if step.group_by is None:
                _hand_over(page, step, rows, using)
                continue
            grouped = defaultdict(list)
            for row in rows:
                grouped[getattr(row, step.group_by)].append(row)
            for parent in parents[step.path[:-1]]:
                _hand_over(parent, step, grouped.get(parent.pk, []), using)
        return page


def _hand_over(instance, step: _Step, rows: list, using: str) -> None:
    """Give `instance.<relation>.all()` these rows, as Django's prefetch_related does: each
    row knows its parent without a query, and filtering them further asks the database as the
    relation would (its own filter and order, this parent's rows only, the same database)."""
    if step.up is not None:
        for row in rows:
            step.up.set_cached_value(row, instance)
    hand_over(
        instance,
        step.path[-1],
        rows,
        own=step.rows,
        model=step.model,
        queryset_class=step.queryset_class,
        cache_name=step.cache_name,
        using=using,
    )


def _related_model(model, name):
    """The model on the other side of `model`'s relation `name`, declared by either side."""
    return model._meta.get_field(name).related_model


class Themablad(SourceKeyed):
    # The fields that are content, which a change proposes and review compares (its status is
    # not: that is the workflow's); the edit form shows them, and the tags.
    CONTENT_FIELDS = (
        "kind",
        "number",
        "title",
        "slug",
        "available",
        "inleiding",
        "guidelines_intro",
        "shown_with_rulings",
    )

    class Status(models.TextChoices):
        DRAFT = "concept", "Concept"
        PUBLISHED = "gepubliceerd", "Gepubliceerd"
        ARCHIVED = "gearchiveerd", "Gearchiveerd"

    class Kind(models.TextChoices):
        # One model of parts for both: a practice page is drafted, reviewed, approved, versioned,
        # compared, indexed and loaded exactly like a sheet (themabladen.sections).
        THEMABLAD = "themablad", "Themablad bij de beroepscode"
        PRAKTIJK = "praktijk", "Integriteit in de praktijk"

    kind = models.CharField(
        "soort",
        max_length=20,
        choices=Kind.choices,
        default=Kind.THEMABLAD,
        help_text="Een pagina ‘Integriteit in de praktijk’ (uitleg van VIK) heeft geen nummer en "
        "staat niet in de lijst van themabladen.",
    )

    number = models.PositiveSmallIntegerField(
        "nummer",
        null=True,
        blank=True,
        unique=True,
        help_text="Het nummer bij de beroepscode; leeg voor een blad zonder nummer.",
        error_messages={"unique": "Er bestaat al een themablad met dit nummer."},
    )
    title = models.CharField("titel", max_length=200)
    slug = models.SlugField("adres", max_length=200, unique=True)
    available = models.BooleanField(
        "tekst beschikbaar",
        default=True,
        help_text="Uit voor een themablad dat wel bestaat maar waarvan de tekst nog ontbreekt.",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    inleiding = models.TextField("inleiding", blank=True)
    guidelines_intro = models.TextField(
        "toelichting bij richtlijnen",
        blank=True,
        help_text="Tekst boven de lijst met interne richtlijnen en handreikingen.",
    )
    related = models.ManyToManyField(
        "self",
        through="RelatedThemablad",
        symmetrical=False,
        blank=True,
        related_name="named_by",
        verbose_name="gerelateerde themabladen",
    )
    tags = PortalTaggableManager("trefwoorden", blank=True)
    shown_with_rulings = models.BooleanField(
        "tonen bij uitspraken",
        default=False,
        help_text="Alleen voor ‘Integriteit in de praktijk’: de pagina wordt genoemd bij elke "
        "uitspraak en bij het overzicht van uitspraken (bijvoorbeeld Interne onderzoeken).",
    )
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    objects = ThemabladManager()

    class Meta:
        verbose_name = "themablad"
        verbose_name_plural = "themabladen"
        ordering = [F("number").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="themablad") | Q(number__isnull=True),
                name="practice_page_has_no_number",
                violation_error_message="Een pagina ‘Integriteit in de praktijk’ heeft geen "
                "nummer.",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind == self.Kind.PRAKTIJK and self.number is not None:
            raise ValidationError(
                {"number": "Een pagina ‘Integriteit in de praktijk’ heeft geen nummer."}
            )
        if self.kind == self.Kind.THEMABLAD and self.shown_with_rulings:
            raise ValidationError(
                {
                    "shown_with_rulings": "Alleen een pagina ‘Integriteit in de praktijk’ "
                    "wordt bij de uitspraken genoemd."
                }
            )

    @property
    def is_practice_page(self) -> bool:
        return self.kind == self.Kind.PRAKTIJK

    # A practice page's page and its preview read these (prefetched by with_sections).
    @property
    def related_sheets(self) -> list:
        return [
            link.to_themablad
            for link in related_all(self, "related_links")
            if not link.to_themablad.is_practice_page
        ]

    @property
    def related_practice_pages(self) -> list:
        return [
            link.to_themablad
            for link in related_all(self, "related_links")
            if link.to_themablad.is_practice_page
        ]

    @property
    def headed_blocks(self) -> list:
        return [block for block in related_all(self, "text_blocks") if block.heading]

    @property
    def summary_items(self) -> list[str]:
        """Up to five paragraphs and list items of its Uitleg, in the source's words (the index
        of Integriteit in de praktijk shows four under each title; a fifth says there is more).
        A line that only introduces a list ("Wat:") says nothing on its own."""
        items = []
        for block in related_all(self, "text_blocks"):
            for line in (block.text or "").splitlines():
                line = line.strip().removeprefix("- ").strip()
                if line and not line.endswith(":"):
                    items.append(line)
            items.extend(row[0] for row in block.table_rows[:1])
        return items[:5]

    @property
    def named_by_sheets(self) -> list:
        """The links of published sheets naming this one (as prefetched by with_sections)."""
        return [
            link
            for link in related_all(self, "named_by_links")
            if not link.from_themablad.is_practice_page
        ]

    @property
    def named_by_practice_pages(self) -> list:
        """The published practice pages naming this sheet: they explain it."""
        return [
            link.from_themablad
            for link in related_all(self, "named_by_links")
            if link.from_themablad.is_practice_page
            and link.from_themablad.status == self.Status.PUBLISHED
        ]

    def get_absolute_url(self):
        if self.is_practice_page:
            return reverse("praktijk:detail", args=[self.slug])
        return reverse("themabladen:detail", args=[self.slug])

    @property
    def is_linkable(self) -> bool:
        """Whether employees can open this sheet: published, and its text is available."""
        return self.available and self.status == self.Status.PUBLISHED

    @property
    def heading(self) -> str:
        if self.is_practice_page:
            return "Integriteit in de praktijk"
        if self.number is None:
            return "Themablad bij de beroepscode"
        return f"Themablad {self.number} bij de beroepscode"


class TextBlock(models.Model):
    """A part of a page of Integriteit in de praktijk: a heading with paragraphs and list
    items, and where the source compares, a table."""

    themablad = models.ForeignKey(Themablad, on_delete=models.CASCADE, related_name="text_blocks")
    position = models.PositiveIntegerField("volgorde", default=0)
    heading = models.CharField("kop", max_length=200, blank=True)
    text = models.TextField(
        "tekst",
        blank=True,
        help_text="Alinea’s gescheiden door een lege regel; een regel die begint met ‘- ’ is "
        "een opsommingsteken.",
    )
    table_caption = models.CharField(
        "bijschrift van de tabel", max_length=200, blank=True, help_text="Verplicht bij een tabel."
    )
    table = models.TextField(
        "tabel",
        blank=True,
        help_text="Eén rij per regel, de cellen gescheiden door ‘ | ’; de eerste regel zijn "
        "de kolomkoppen.",
    )

    class Meta:
        verbose_name = "tekstblok"
        verbose_name_plural = "uitleg"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading or (self.text or self.table_caption)[:80]

    def clean(self):
        if (
            not (self.heading or "").strip()
            and not (self.text or "").strip()
            and not (self.table or "").strip()
        ):
            raise ValidationError("Vul een kop, een tekst of een tabel in.")
        if (self.table or "").strip():
            if not (self.table_caption or "").strip():
                raise ValidationError(
                    {"table_caption": "Geef de tabel een bijschrift: het zegt wat ze vergelijkt."}
                )
            header, *rows = self.table_rows
            if not rows:
                raise ValidationError(
                    {"table": "Een tabel heeft een regel met kolomkoppen en minstens één rij."}
                )
            for number, row in enumerate(rows, start=2):
                if len(row) != len(header):
                    raise ValidationError(
                        {
                            "table": f"Regel {number} heeft {len(row)} cellen, de kolomkoppen "
                            f"{len(header)}. Scheid de cellen met ‘ | ’."
                        }
                    )

    @property
    def table_rows(self) -> list[list[str]]:
        """The table's rows, cells stripped; the first row holds the column headings."""
        return [
            [cell.strip() for cell in line.split("|")]
            for line in (self.table or "").splitlines()
            if line.strip()
        ]


class KaderStatement(models.Model):
    themablad = models.ForeignKey(Themablad, on_delete=models.CASCADE, related_name="kader")
    position = models.PositiveIntegerField("volgorde", default=0)
    group = models.CharField(
        "groep", max_length=100, blank=True, help_text="Bijvoorbeeld ‘Gelijkheid’; meestal leeg."
    )
    bullet = models.BooleanField("als opsommingsteken", default=False)
    text = models.TextField("tekst")

    class Meta:
        verbose_name = "kaderbepaling"
        verbose_name_plural = "kader"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]


class Guideline(models.Model):
    """An internal guideline or handreiking; one record however many sheets cite it."""

    title = models.CharField("titel", max_length=300)
    url = models.URLField("adres", max_length=500, blank=True)
    description = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "interne richtlijn of handreiking"
        verbose_name_plural = "interne richtlijnen en handreikingen"
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="guideline_unique_url",
                violation_error_message="Er bestaat al een richtlijn met dit adres.",
            ),
        ]

    def __str__(self):
        return self.title


class ThemabladGuideline(models.Model):
    themablad = models.ForeignKey(
        Themablad, on_delete=models.CASCADE, related_name="guideline_links"
    )
    guideline = models.ForeignKey(
        Guideline,
        on_delete=models.PROTECT,
        related_name="themablad_links",
        verbose_name="richtlijn",
    )
    position = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "interne richtlijn of handreiking"
        verbose_name_plural = "interne richtlijnen en handreikingen"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["themablad", "guideline"], name="themablad_guideline_once"
            )
        ]

    def __str__(self):
        return str(self.guideline) if self.guideline_id else "Nieuwe richtlijn"


class Law(models.Model):
    key = models.SlugField("sleutel", max_length=50, unique=True)
    name = models.CharField("naam", max_length=200)
    abbreviation = models.CharField("afkorting", max_length=30, blank=True)
    bwb_id = models.CharField(
        "BWB-id", max_length=20, blank=True, help_text="Bijvoorbeeld BWBR0006516 (Barp)."
    )
    official_url = models.URLField(
        "officiële tekst", blank=True, help_text="Alleen nodig als er geen BWB-id is (AVG)."
    )

    class Meta:
        verbose_name = "wet of regeling"
        verbose_name_plural = "wet- en regelgeving"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regelgeving:law", args=[self.key])

    @property
    def url(self) -> str:
        if self.bwb_id:
            return f"https://wetten.overheid.nl/{self.bwb_id}/"
        return self.official_url

    def article_url(self, number: str, lid: str = "") -> str:
        if not self.bwb_id:
            return self.url
        url = f"https://wetten.overheid.nl/jci1.3:c:{self.bwb_id}&artikel={number}"
        if lid.isdigit():
            url += f"&lid={lid}"
        return url


class Article(models.Model):
    law = models.ForeignKey(Law, on_delete=models.PROTECT, related_name="articles")
    number = models.CharField("artikelnummer", max_length=20)
    text = models.TextField(
        "tekst", blank=True, help_text="De tekst van het artikel, als die in het portaal staat."
    )

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikelen"
        ordering = ["law__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["law", "number"],
                name="article_unique_per_law",
                violation_error_message="Dit artikel van deze wet bestaat al.",
            )
        ]

    def __str__(self):
        return f"Art. {self.number} {self.law.abbreviation or self.law.name}"

    def get_absolute_url(self):
        return reverse("regelgeving:article", args=[self.law.key, self.number])

    @property
    def url(self) -> str:
        return self.law.article_url(self.number)


class LegalReference(models.Model):
    """A line of a sheet's "Wet- en regelgeving": a whole law, or an article with lid and sub."""

    themablad = models.ForeignKey(
        Themablad, on_delete=models.CASCADE, related_name="legal_references"
    )
    law = models.ForeignKey(Law, on_delete=models.PROTECT, verbose_name="wet")
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, null=True, blank=True, verbose_name="artikel"
    )
    lid = models.CharField("lid", max_length=20, blank=True)
    sub = models.CharField("sub", max_length=50, blank=True)
    label = models.CharField(
        "tekst", max_length=200, help_text="Zoals het op het themablad staat, bijv. ‘Art. 76 Barp’."
    )
    position = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "verwijzing naar wet- en regelgeving"
        verbose_name_plural = "wet- en regelgeving"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.article_id and self.law_id and self.article.law_id != self.law_id:
            raise ValidationError({"article": "Dit artikel hoort niet bij de gekozen wet."})
        if (self.lid or self.sub) and not self.article_id:
            raise ValidationError(
                {"lid": "Een lid of sub hoort bij een artikel: kies eerst het artikel."}
            )

    @property
    def url(self) -> str:
        if self.article_id:
            return self.law.article_url(self.article.number, self.lid)
        return self.law.url

    @property
    def portal_url(self) -> str:
        return (self.article or self.law).get_absolute_url()


class RelatedThemablad(models.Model):
    from_themablad = models.ForeignKey(
        Themablad, on_delete=models.CASCADE, related_name="related_links"
    )
    to_themablad = models.ForeignKey(
        Themablad,
        on_delete=models.CASCADE,
        related_name="named_by_links",
        verbose_name="gerelateerd themablad",
    )
    position = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "gerelateerd themablad"
        verbose_name_plural = "gerelateerde themabladen"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_themablad", "to_themablad"],
                name="related_once",
                violation_error_message="Dit themablad staat al bij de gerelateerde themabladen.",
            ),
            models.CheckConstraint(
                condition=~Q(from_themablad=F("to_themablad")),
                name="related_not_self",
                violation_error_message="Een themablad kan niet aan zichzelf gerelateerd zijn.",
            ),
        ]

    def __str__(self):
        return str(self.to_themablad) if self.to_themablad_id else "Nieuw gerelateerd themablad"


class ContactPoint(models.Model):
    """Whom an employee can ask (vertrouwenspersoon, integriteitsfunctionaris, leidinggevende).

    Shown on a sheet whose text is not available yet, so such a page never ends in nothing. The
    editors keep the text; employees see it, so a change waits for a second officer's approval
    (redactie/record_review.py). The points themselves are loaded with the content, not added
    in the admin: a new one would be visible at once, without review.
    """

    title = models.CharField("wie", max_length=120, help_text="Bijvoorbeeld ‘Je leidinggevende’.")
    text = models.TextField(
        "tekst",
        help_text="Waarvoor en hoe je hen bereikt. Een lege regel begint een nieuwe alinea; "
        "een regel die met ‘- ’ begint is een opsommingsteken.",
    )
    url = models.URLField("meer informatie (adres)", max_length=500, blank=True)
    position = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "aanspreekpunt"
        verbose_name_plural = "aanspreekpunten"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


PAGE_LOADER = PageLoader(Themablad, PAGE_RELATIONS)
