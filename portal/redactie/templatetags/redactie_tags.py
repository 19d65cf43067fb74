from django import template

from portal.redactie.models import Revision

register = template.Library()


@register.simple_tag
def awaiting_review_count():
    return Revision.objects.awaiting_review().count()
