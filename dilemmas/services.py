"""Writes of a dilemma's text: one way, used by the sheet form, approval and the loader."""

from django.db import transaction

from portal.caching import content_changed

from .models import AnswerOption, Dilemma


def option_pairs(dilemma: Dilemma) -> list[list[str]]:
    """The answer options as [label, text] pairs, in order (the form a snapshot stores)."""
    return [[o.label, o.text] for o in dilemma.options.order_by("position", "label")]


@transaction.atomic
def set_dilemma_text(*, dilemma: Dilemma, title: str, question: str, options) -> Dilemma:
    """Give a dilemma this text and these answer options ([label, text] pairs).

    Rows are only written where something differs, so an unchanged dilemma keeps its options'
    ids and sends no signals.
    """
    if (dilemma.title, dilemma.question) != (title, question):
        dilemma.title, dilemma.question = title, question
        dilemma.full_clean(exclude=["source_key"])
        dilemma.save()
    wanted = [[label, text] for label, text in options]
    if option_pairs(dilemma) != wanted:
        dilemma.options.all().delete()
        AnswerOption.objects.bulk_create(
            AnswerOption(dilemma=dilemma, label=label, text=text, position=position)
            for position, (label, text) in enumerate(wanted)
        )
        content_changed()  # bulk_create sends no signals
    return dilemma


@transaction.atomic
def create_dilemma(
    *, title: str, question: str, options=(), pk=None, source_key=None, trainer_notes=""
) -> Dilemma:
    dilemma = Dilemma(
        pk=pk, title=title, question=question, source_key=source_key, trainer_notes=trainer_notes
    )
    dilemma.full_clean(exclude=["source_key"])
    dilemma.save(force_insert=True)
    return set_dilemma_text(dilemma=dilemma, title=title, question=question, options=options)
