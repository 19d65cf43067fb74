"""Writes of a case's rulings: one way, used by the sheet form, approval and the loader."""

from django.db import transaction

from .ecli import normalize_ecli
from .models import Casus, CasusUitspraak, Uitspraak


def ruling_eclis(casus: Casus) -> list[str]:
    return [
        cite.uitspraak.ecli
        for cite in casus.citations.select_related("uitspraak").order_by("position", "pk")
    ]


@transaction.atomic
def set_rulings(*, casus: Casus, eclis) -> None:
    """Let the case cite these rulings (ECLI's, any spelling), in this order.

    Citations that stay keep their rows; a ruling not yet known is created (it has no summary
    and appears nowhere until a published case cites it).
    """
    wanted = []
    for ecli in eclis:
        normal = normalize_ecli(ecli)
        if normal not in wanted:
            wanted.append(normal)
    if ruling_eclis(casus) == wanted:
        return
    current = {cite.uitspraak.ecli: cite for cite in casus.citations.select_related("uitspraak")}
    for ecli, cite in current.items():
        if ecli not in wanted:
            cite.delete()
    for position, ecli in enumerate(wanted, start=1):
        cite = current.get(ecli)
        if cite is None:
            uitspraak, _ = Uitspraak.objects.get_or_create(ecli=ecli)
            CasusUitspraak.objects.create(casus=casus, uitspraak=uitspraak, position=position)
        elif cite.position != position:
            cite.position = position
            cite.save(update_fields=["position"])
