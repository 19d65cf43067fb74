from django import template

from portal.redactie.models import RecordVersion, Revision

register = template.Library()


@register.simple_tag
def awaiting_review_count():
    return Revision.objects.awaiting_review().count()


@register.simple_tag
def awaiting_record_review_count():
    return RecordVersion.objects.awaiting_review().count()
