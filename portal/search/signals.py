"""Re-index the affected sheet whenever anything it shows is saved or deleted."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from dilemmas.models import AnswerOption, Dilemma, DilemmaPlacement
from themabladen.models import (
    Article,
    Guideline,
    Law,
    LegalReference,
    Themablad,
    ThemabladGuideline,
)
from themabladen.sections import SECTIONS

from .indexing import reindex_themabladen


def _sheets_of_dilemma(dilemma_id):
    return DilemmaPlacement.objects.filter(dilemma_id=dilemma_id).values_list(
        "themablad_id", flat=True
    )


def _own_sheet(section):
    attname = section.model._meta.get_field(section.sheet_fk).attname
    return lambda obj: [getattr(obj, attname)]


# For each indexed model: which sheets show an instance of it. A sheet's own parts come from
# the section registry; the shared records they point to are listed here.
AFFECTED = {
    Themablad: lambda obj: [obj.pk],
    **{section.model: _own_sheet(section) for section in SECTIONS},
    Dilemma: lambda obj: _sheets_of_dilemma(obj.pk),
    AnswerOption: lambda obj: _sheets_of_dilemma(obj.dilemma_id),
    CasusUitspraak: lambda obj: Casus.objects.filter(pk=obj.casus_id).values_list(
        "themablad_id", flat=True
    ),
    Uitspraak: lambda obj: Casus.objects.filter(citations__uitspraak=obj).values_list(
        "themablad_id", flat=True
    ),
    Guideline: lambda obj: ThemabladGuideline.objects.filter(guideline=obj).values_list(
        "themablad_id", flat=True
    ),
    Law: lambda obj: LegalReference.objects.filter(law=obj).values_list("themablad_id", flat=True),
    Article: lambda obj: LegalReference.objects.filter(article=obj).values_list(
        "themablad_id", flat=True
    ),
}


def _tagged_sheets(item):
    model = item.content_type.model_class()
    if model is Themablad:
        return [item.object_id]
    if model is Dilemma:
        return _sheets_of_dilemma(item.object_id)
    return []


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    reindex_themabladen(list(AFFECTED[sender](instance)))


def _on_delete(sender, instance, origin=None, **kwargs):
    # Deleting a sheet cascades to its parts; the documents go with the sheet itself.
    if isinstance(origin, Themablad) or (
        origin is not None and getattr(origin, "model", None) is Themablad
    ):
        return
    if sender is Themablad:
        return
    ids = [pk for pk in AFFECTED[sender](instance) if pk]
    existing = Themablad.objects.filter(pk__in=ids).values_list("pk", flat=True)
    reindex_themabladen(list(existing))


def _on_tagged(sender, instance, raw=False, **kwargs):
    if raw:
        return
    reindex_themabladen(list(_tagged_sheets(instance)))


def _on_tag_renamed(sender, instance, created=False, raw=False, **kwargs):
    if created or raw:
        return
    sheets = set()
    for item in TaggedItem.objects.filter(tag=instance).select_related("content_type"):
        sheets.update(_tagged_sheets(item))
    reindex_themabladen(sheets)


def _on_tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, Themablad | Dilemma
    ):
        reindex_themabladen(list(AFFECTED[type(instance)](instance)))


for _model in AFFECTED:
    post_save.connect(_on_save, sender=_model, dispatch_uid=f"search-save-{_model.__name__}")
    post_delete.connect(_on_delete, sender=_model, dispatch_uid=f"search-del-{_model.__name__}")
post_save.connect(_on_tagged, sender=TaggedItem, dispatch_uid="search-tagged")
post_delete.connect(_on_tagged, sender=TaggedItem, dispatch_uid="search-untagged")
post_save.connect(_on_tag_renamed, sender=Tag, dispatch_uid="search-tag-renamed")
m2m_changed.connect(_on_tags_changed, dispatch_uid="search-tags-changed")
