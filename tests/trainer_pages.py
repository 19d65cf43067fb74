"""Every page a trainer works on, for the checks that open them all (Nu Html Checker, axe)."""


def trainer_pages(training, item) -> list[str]:
    """The trainer's pages of `training` (with `item` unfolded once) and its share link's."""
    pk, token = training.pk, training.share_token
    return [
        "/trainingen/",
        "/trainingen/nieuw/",
        f"/trainingen/{pk}/",
        f"/trainingen/{pk}/?geopend={item.pk}",
        f"/trainingen/{pk}/toevoegen/",
        f"/trainingen/{pk}/bewerken/",
        f"/trainingen/{pk}/verwijderen/",
        f"/trainingen/{pk}/deelnemers/",
        f"/trainingen/{pk}/begeleider/",
        f"/trainingen/{pk}/kaarten/",
        f"/trainingen/gedeeld/{token}/",
        f"/trainingen/gedeeld/{token}/begeleider/",
        f"/trainingen/gedeeld/{token}/kaarten/",
    ]
