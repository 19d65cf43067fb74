"""The five "Nieuw Sturen" culture transitions, loaded from fixtures/nieuw_sturen.toml.

Idempotent like the rest of the content loader: a transition found by its source key is left
alone, so editors' changes survive a re-run.
"""

from .models import CultureTransition


def load_culture_transitions(data: dict, report) -> None:
    for item in data.get("transitions", []):
        source_key = f"nieuw-sturen:{item['number']}"
        if CultureTransition.objects.filter(source_key=source_key).exists():
            continue
        transition = CultureTransition(
            source_key=source_key,
            number=item["number"],
            name=item["name"],
            subtitle=item.get("subtitle", ""),
            description=item.get("description", "").strip(),
            motto=item.get("motto", ""),
            questions="\n".join(q.strip() for q in item.get("questions", [])),
        )
        transition.full_clean()
        transition.save()
        report.add(CultureTransition._meta.verbose_name_plural)
