"""Tags (trefwoorden): which names are accepted, the model field that checks them, and lookups.

Every tag gets a page at /tags/<slug>/, so a tag whose name gives no slug (punctuation only, such
as ‘?’) has no address and is refused wherever tags are typed or applied.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from taggit.forms import TagField
from taggit.managers import TaggableManager
from taggit.models import Tag

MAX_LENGTH = Tag._meta.get_field("name").max_length


def tag_slug(name: str) -> str:
    """The address taggit gives a new tag of this name (empty for punctuation only)."""
    return Tag().slugify(name)


def clean_tag_names(names) -> list[str]:
    """The names stripped, without empties and repeats; a ValidationError (Dutch) for bad ones."""
    cleaned, seen, errors = [], set(), []
    for name in names:
        name = name.strip()
        if not name or name.casefold() in seen:
            continue
        if len(name) > MAX_LENGTH:
            errors.append(
                f"Een trefwoord is hoogstens {MAX_LENGTH} tekens lang; ‘{name[:30]}…’ is te lang."
            )
        elif not tag_slug(name):
            errors.append(
                f"Het trefwoord ‘{name}’ bestaat alleen uit leestekens en krijgt zo geen eigen "
                "pagina. Gebruik letters of cijfers."
            )
        seen.add(name.casefold())
        cleaned.append(name)
    if errors:
        raise ValidationError(errors)
    return cleaned


class PortalTagField(TagField):
    """taggit's comma-separated tag input, refusing names `clean_tag_names` refuses."""

    def clean(self, value):
        return clean_tag_names(super().clean(value))


class PortalTaggableManager(TaggableManager):
    """The tags of a sheet or dilemma; its form field checks the names."""

    def formfield(self, form_class=PortalTagField, **kwargs):
        return super().formfield(form_class=form_class, **kwargs)


def tags_used_by(*querysets):
    """The tags on the records of the given querysets (e.g. only published sheets), by name.

    A tag without address (stored before names were checked) is left out: it has no page.
    """
    tags = Tag.objects.none()
    for queryset in querysets:
        tags = tags | Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(queryset.model),
            taggit_taggeditem_items__object_id__in=queryset.values("pk"),
        )
    return tags.exclude(slug="").distinct().order_by("name")
