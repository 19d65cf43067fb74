from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag


def tags_used_by(*querysets):
    """The tags on the records of the given querysets (e.g. only published sheets), by name."""
    tags = Tag.objects.none()
    for queryset in querysets:
        tags = tags | Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(queryset.model),
            taggit_taggeditem_items__object_id__in=queryset.values("pk"),
        )
    return tags.distinct().order_by("name")
