"""A sheet with all its parts as plain JSON, and back.

The snapshot holds what a sheet *is* (text and links), not its status. Parts keep their ids so
that applying a snapshot to the sheet it came from keeps anchors (#kader-12) and loader keys.
"""

from django.core.exceptions import ValidationError

from casuistiek.models import Casus, CasusUitspraak, Uitspraak
from dilemmas.forms import set_dilemma_text
from dilemmas.models import Dilemma, DilemmaPlacement
from themabladen.models import (
    Article,
    Guideline,
    KaderStatement,
    Law,
    LegalReference,
    RelatedThemablad,
    Themablad,
    ThemabladGuideline,
)

FORMAT = 1
SHEET_FIELDS = ["number", "title", "slug", "available", "inleiding", "guidelines_intro"]


def take_snapshot(themablad: Themablad) -> dict:
    sheet = Themablad.objects.get(pk=themablad.pk)
    return {
        "format": FORMAT,
        "sheet": {name: getattr(sheet, name) for name in SHEET_FIELDS},
        "tags": sorted(tag.name for tag in sheet.tags.all()),
        "kader": [
            {
                "id": s.pk,
                "position": s.position,
                "group": s.group,
                "bullet": s.bullet,
                "text": s.text,
            }
            for s in KaderStatement.objects.filter(themablad=sheet).order_by("position", "pk")
        ],
        "dilemmas": [
            {
                "id": p.pk,
                "dilemma": p.dilemma_id,
                "position": p.position,
                "label": p.dilemma.title or p.dilemma.question,
                "title": p.dilemma.title,
                "question": p.dilemma.question,
                "options": [
                    [o.label, o.text] for o in p.dilemma.options.order_by("position", "label")
                ],
            }
            for p in DilemmaPlacement.objects.filter(themablad=sheet)
            .select_related("dilemma")
            .order_by("position", "pk")
        ],
        "casussen": [
            {
                "id": c.pk,
                "source_key": c.source_key,
                "position": c.position,
                "title": c.title,
                "lead_in": c.lead_in,
                "summary": c.summary,
                "rulings": [
                    cite.uitspraak.ecli
                    for cite in c.citations.select_related("uitspraak").order_by("position", "pk")
                ],
            }
            for c in Casus.objects.filter(themablad=sheet).order_by("position", "pk")
        ],
        "guidelines": [
            {
                "id": link.pk,
                "guideline": link.guideline_id,
                "position": link.position,
                "label": link.guideline.title,
            }
            for link in ThemabladGuideline.objects.filter(themablad=sheet)
            .select_related("guideline")
            .order_by("position", "pk")
        ],
        "legal_references": [
            {
                "id": ref.pk,
                "law": ref.law_id,
                "article": ref.article_id,
                "lid": ref.lid,
                "sub": ref.sub,
                "label": ref.label,
                "position": ref.position,
            }
            for ref in LegalReference.objects.filter(themablad=sheet).order_by("position", "pk")
        ],
        "related": [
            {
                "id": link.pk,
                "to": link.to_themablad_id,
                "position": link.position,
                "label": str(link.to_themablad),
            }
            for link in RelatedThemablad.objects.filter(from_themablad=sheet)
            .select_related("to_themablad")
            .order_by("position", "pk")
        ],
    }


def _free_pk(model, pk):
    """The snapshot's id when no other row holds it, so repeated applications give equal ids."""
    if pk is not None and not model.objects.filter(pk=pk).exists():
        return pk
    return None


def apply_snapshot(themablad: Themablad, snapshot: dict) -> None:
    """Make the sheet's rows equal to the snapshot. Call inside a transaction."""
    for name, value in snapshot["sheet"].items():
        if name in SHEET_FIELDS:
            setattr(themablad, name, value)
    themablad.validate_unique()
    themablad.save()
    themablad.tags.set(snapshot.get("tags", []))

    KaderStatement.objects.filter(themablad=themablad).delete()
    for item in snapshot.get("kader", []):
        KaderStatement.objects.create(
            pk=_free_pk(KaderStatement, item["id"]),
            themablad=themablad,
            position=item["position"],
            group=item["group"],
            bullet=item["bullet"],
            text=item["text"],
        )

    DilemmaPlacement.objects.filter(themablad=themablad).delete()
    dilemmas = Dilemma.objects.in_bulk([item["dilemma"] for item in snapshot.get("dilemmas", [])])
    for item in snapshot.get("dilemmas", []):
        if item["dilemma"] not in dilemmas:
            raise ValidationError(f"Het dilemma ‘{item['label']}’ bestaat niet meer.")
        DilemmaPlacement.objects.create(
            pk=_free_pk(DilemmaPlacement, item["id"]),
            themablad=themablad,
            dilemma_id=item["dilemma"],
            position=item["position"],
        )
        if "question" in item:
            set_dilemma_text(
                dilemmas[item["dilemma"]],
                title=item["title"],
                question=item["question"],
                options=item["options"],
            )

    Casus.objects.filter(themablad=themablad).delete()
    for item in snapshot.get("casussen", []):
        casus = Casus.objects.create(
            pk=_free_pk(Casus, item["id"]),
            source_key=item.get("source_key"),
            themablad=themablad,
            position=item["position"],
            title=item["title"],
            lead_in=item["lead_in"],
            summary=item["summary"],
        )
        for position, ecli in enumerate(item.get("rulings", [])):
            uitspraak, _ = Uitspraak.objects.get_or_create(ecli=ecli)
            CasusUitspraak.objects.create(casus=casus, uitspraak=uitspraak, position=position)

    ThemabladGuideline.objects.filter(themablad=themablad).delete()
    guidelines = Guideline.objects.in_bulk([i["guideline"] for i in snapshot.get("guidelines", [])])
    for item in snapshot.get("guidelines", []):
        if item["guideline"] not in guidelines:
            raise ValidationError(f"De richtlijn ‘{item['label']}’ bestaat niet meer.")
        ThemabladGuideline.objects.create(
            pk=_free_pk(ThemabladGuideline, item["id"]),
            themablad=themablad,
            guideline_id=item["guideline"],
            position=item["position"],
        )

    LegalReference.objects.filter(themablad=themablad).delete()
    references = snapshot.get("legal_references", [])
    laws = Law.objects.in_bulk([item["law"] for item in references])
    articles = Article.objects.in_bulk([item["article"] for item in references if item["article"]])
    for item in references:
        if item["law"] not in laws or (item["article"] and item["article"] not in articles):
            raise ValidationError(f"De wet of het artikel bij ‘{item['label']}’ bestaat niet meer.")
        LegalReference.objects.create(
            pk=_free_pk(LegalReference, item["id"]),
            themablad=themablad,
            law_id=item["law"],
            article_id=item["article"],
            lid=item["lid"],
            sub=item["sub"],
            label=item["label"],
            position=item["position"],
        )

    RelatedThemablad.objects.filter(from_themablad=themablad).delete()
    targets = Themablad.objects.in_bulk([item["to"] for item in snapshot.get("related", [])])
    for item in snapshot.get("related", []):
        if item["to"] not in targets:
            raise ValidationError(
                f"Het gerelateerde themablad ‘{item['label']}’ bestaat niet meer."
            )
        RelatedThemablad.objects.create(
            pk=_free_pk(RelatedThemablad, item["id"]),
            from_themablad=themablad,
            to_themablad_id=item["to"],
            position=item["position"],
        )
