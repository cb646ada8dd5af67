"""Times for machines: the `datetime` attribute of <time> elements."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_time(value):
    """ISO 8601 in the active (clinic) time zone, to the second: valid for <time datetime>."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
