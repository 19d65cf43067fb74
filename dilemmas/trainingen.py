"""Session packs for trainers: who may make them, the writes, and the pack as printed.

Writes go through these functions (keyword-only, atomic, validated), so views stay thin and a
session's positions are always 1..n without gaps.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Prefetch

from casuistiek.models import Casus, CasusUitspraak
from themabladen.models import KaderStatement, Themablad

from .models import CultureTransition, Dilemma, Training, TrainingItem, new_share_token

TRAINER_GROUP = "Trainer"
# Asked after a case whose lead-in is not itself a question.
CASUS_QUESTION = "Wat vind je van deze afloop? Wat had jij gedaan, en waarom?"
COPY_SUFFIX = " (kopie)"


def is_trainer(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=TRAINER_GROUP).exists()


@transaction.atomic
def create_training(*, owner, title: str, date=None, audience: str = "") -> Training:
    training = Training(owner=owner, title=title, date=date, audience=audience)
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def update_training(*, training: Training, title: str, date=None, audience: str = "") -> Training:
    training.title, training.date, training.audience = title, date, audience
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def copy_training(*, training: Training, owner) -> Training:
    title = training.title
    max_length = Training._meta.get_field("title").max_length
    title = title[: max_length - len(COPY_SUFFIX)] + COPY_SUFFIX
    copy = create_training(owner=owner, title=title, date=training.date, audience=training.audience)
    TrainingItem.objects.bulk_create(
        TrainingItem(
            training=copy,
            position=item.position,
            kind=item.kind,
            dilemma_id=item.dilemma_id,
            casus_id=item.casus_id,
            transition_id=item.transition_id,
            note=item.note,
            title_when_added=item.title_when_added,
            text_when_added=item.text_when_added,
        )
        for item in training.items.all()
    )
    return copy


@transaction.atomic
def revoke_share_link(*, training: Training) -> Training:
    """The link stops working at once (404); nothing else about the session changes."""
    training.share_token = None
    training.full_clean()
    training.save(update_fields=["share_token", "updated_at"])
    return training


@transaction.atomic
def replace_share_link(*, training: Training) -> Training:
    """A new link, e.g. after the old one went round too widely; the old one answers 404.
    Also how a revoked session is shared again."""
    training.share_token = new_share_token()
    training.full_clean()
    training.save(update_fields=["share_token", "updated_at"])
    return training


@transaction.atomic
def delete_training(*, training: Training) -> None:
    training.delete()


def _snapshot(kind, target) -> tuple[str, str]:
    if kind == TrainingItem.Kind.DILEMMA:
        return str(target)[:300], target.question
    if kind == TrainingItem.Kind.CASUS:
        return target.title[:300], target.summary
    return str(target)[:300], target.questions


@transaction.atomic
def add_items(*, training: Training, dilemmas=(), casussen=(), transitions=()) -> int:
    """Append the given content in the order given; what the session holds already is skipped."""
    training = Training.objects.select_for_update().get(pk=training.pk)
    present = {
        (kind, target_id)
        for kind, *ids in training.items.values_list(
            "kind", "dilemma_id", "casus_id", "transition_id"
        )
        for target_id in ids
        if target_id
    }
    position = training.items.aggregate(last=Max("position"))["last"] or 0
    added = 0
    for kind, targets, attribute in [
        (TrainingItem.Kind.DILEMMA, dilemmas, "dilemma"),
        (TrainingItem.Kind.CASUS, casussen, "casus"),
        (TrainingItem.Kind.TRANSITION, transitions, "transition"),
    ]:
        for target in targets:
            if (kind, target.pk) in present:
                continue
            present.add((kind, target.pk))
            position += 1
            title, text = _snapshot(kind, target)
            item = TrainingItem(
                training=training,
                position=position,
                kind=kind,
                title_when_added=title,
                text_when_added=text,
                **{attribute: target},
            )
            item.full_clean()
            item.save()
            added += 1
    if added:
        training.save(update_fields=["updated_at"])
    return added


def _renumber(training: Training) -> None:
    items = list(training.items.order_by("position", "pk"))
    for number, item in enumerate(items, start=1):
        item.position = number
    TrainingItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def move_item(*, item: TrainingItem, offset: int) -> None:
    """Move a part up (offset -1) or down (+1); at either end it stays where it is."""
    items = list(item.training.items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for number, other in enumerate(items, start=1):
        other.position = number
    TrainingItem.objects.bulk_update(items, ["position"])
    item.training.save(update_fields=["updated_at"])


@transaction.atomic
def set_note(*, item: TrainingItem, note: str) -> TrainingItem:
    item.note = note.strip()
    item.full_clean()
    item.save(update_fields=["note"])
    item.training.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def accept_current_text(*, item: TrainingItem) -> TrainingItem:
    """The trainer has seen the change: compare with the current text from now on."""
    target = item.dilemma or item.casus or item.transition
    if target is not None:
        item.title_when_added, item.text_when_added = _snapshot(item.kind, target)
        item.save(update_fields=["title_when_added", "text_when_added"])
    return item


@transaction.atomic
def remove_item(*, item: TrainingItem) -> None:
    training = item.training
    item.delete()
    _renumber(training)
    training.save(update_fields=["updated_at"])


# --- The pack as shown and printed --------------------------------------------------------------


@dataclass
class PackEntry:
    item: TrainingItem
    kind: str
    title: str
    # "ok", "changed" (text differs from when it was added), "unpublished" or "removed".
    state: str
    dilemma: Dilemma | None = None
    casus: Casus | None = None
    transition: CultureTransition | None = None
    themablad: Themablad | None = None
    # Place among the printed parts (1..n, only those printed), and among the cards.
    number: int = 0
    card_number: int = 0

    @property
    def available(self) -> bool:
        return self.state in ("ok", "changed")

    @property
    def heading(self) -> str:
        if self.dilemma:
            return self.dilemma.title or "Dilemma"
        if self.transition:
            return self.transition.name
        return self.title

    @property
    def label(self) -> str:
        """The part's full name, never cut off: a dilemma without a title is its question."""
        if self.dilemma:
            return self.dilemma.title or self.dilemma.question
        if self.transition:
            return str(self.transition)
        return self.title

    @property
    def casus_asks_first(self) -> bool:
        """The case opens with its own question, as on the sheet; the facts follow it."""
        return bool(self.casus) and self.casus.lead_in.strip().endswith("?")

    @property
    def casus_intro(self) -> str:
        """A case's lead-in when it only introduces the facts ("Ter overweging: ...")."""
        return "" if not self.casus or self.casus_asks_first else self.casus.lead_in.strip()

    @property
    def casus_question(self) -> str:
        """What participants discuss: the case's own question, or an open one after the facts."""
        return self.casus.lead_in.strip() if self.casus_asks_first else CASUS_QUESTION

    @property
    def state_message(self) -> str:
        noun = {"dilemma": "Dit dilemma", "casus": "Deze casus"}.get(
            self.kind, "Deze cultuurtransitie"
        )
        return {
            "changed": f"{noun} is gewijzigd sinds je het toevoegde; hier staat de huidige tekst.",
            "unpublished": f"{noun} staat niet meer op een gepubliceerd themablad en wordt niet "
            "afgedrukt.",
            "removed": f"{noun} is uit het portaal verwijderd en wordt niet afgedrukt.",
        }.get(self.state, "")


@dataclass
class Pack:
    training: Training
    entries: list[PackEntry]
    kader: list[tuple[Themablad, list[KaderStatement]]] = field(default_factory=list)

    @property
    def available(self) -> list[PackEntry]:
        return [entry for entry in self.entries if entry.available]

    @property
    def cards(self) -> list[PackEntry]:
        return [e for e in self.entries if e.available and e.kind == TrainingItem.Kind.DILEMMA]

    @property
    def card_sheets(self) -> list[list[PackEntry]]:
        cards = self.cards
        return [cards[start : start + 4] for start in range(0, len(cards), 4)]


def _published(sheets) -> list[Themablad]:
    return [sheet for sheet in sheets if sheet.status == Themablad.Status.PUBLISHED]


def _entry(item: TrainingItem) -> PackEntry:
    kind = item.kind
    if kind == TrainingItem.Kind.DILEMMA and item.dilemma:
        dilemma = item.dilemma
        sheets = _published(dilemma.themabladen.all())
        state = "ok" if sheets else "unpublished"
        if state == "ok" and item.text_when_added and item.text_when_added != dilemma.question:
            state = "changed"
        return PackEntry(
            item, kind, str(dilemma), state, dilemma=dilemma, themablad=(sheets or [None])[0]
        )
    if kind == TrainingItem.Kind.CASUS and item.casus:
        casus = item.casus
        state = "ok" if _published([casus.themablad]) else "unpublished"
        if state == "ok" and item.text_when_added and item.text_when_added != casus.summary:
            state = "changed"
        return PackEntry(item, kind, casus.title, state, casus=casus, themablad=casus.themablad)
    if kind == TrainingItem.Kind.TRANSITION and item.transition:
        return PackEntry(item, kind, str(item.transition), "ok", transition=item.transition)
    return PackEntry(item, kind, item.title_when_added or item.get_kind_display(), "removed")


def item_label(item: TrainingItem) -> str:
    """A part's full name, as the session page shows it."""
    return _entry(item).label


def build_pack(training: Training) -> Pack:
    """Everything the session's pages and PDFs show, in a fixed number of queries."""
    items = training.items.select_related("transition", "casus__themablad").prefetch_related(
        Prefetch(
            "dilemma",
            queryset=Dilemma.objects.prefetch_related(
                "options",
                "themabladen",
            ),
        ),
        Prefetch("casus__citations", queryset=CasusUitspraak.objects.select_related("uitspraak")),
    )
    entries = [_entry(item) for item in items]
    for number, entry in enumerate((e for e in entries if e.available), start=1):
        entry.number = number
    cards = (e for e in entries if e.available and e.kind == TrainingItem.Kind.DILEMMA)
    for number, entry in enumerate(cards, start=1):
        entry.card_number = number
    sheets = []
    for entry in entries:
        if entry.available and entry.themablad and entry.themablad not in sheets:
            sheets.append(entry.themablad)
    statements: dict[int, list[KaderStatement]] = {sheet.pk: [] for sheet in sheets}
    for statement in KaderStatement.objects.filter(themablad__in=sheets):
        statements[statement.themablad_id].append(statement)
    kader = [(sheet, statements[sheet.pk]) for sheet in sheets if statements[sheet.pk]]
    return Pack(training=training, entries=entries, kader=kader)


def choices_for_picker():
    """Published sheets with their dilemma's and cases, and the culture transitions."""
    sheets = (
        Themablad.objects.published()
        .filter(available=True)
        .by_number()
        .prefetch_related(
            Prefetch("dilemmas", queryset=Dilemma.objects.order_by("placements__position")),
            "casussen",
        )
    )
    return [sheet for sheet in sheets if sheet.dilemmas.all() or sheet.casussen.all()]
