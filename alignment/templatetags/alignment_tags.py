"""Small template helpers for rounds."""

import uuid

from django import template
from django.utils.translation import gettext_lazy as _

from alignment.goal_examples import examples_for_areas
from alignment.models import LifeArea, OverboardLabel, Resolution

register = template.Library()


@register.simple_tag
def new_token():
    """A fresh one-time token for a form, so a form sent twice is applied once."""
    return str(uuid.uuid4())


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def area_label(code):
    return LifeArea(code).label if code in LifeArea.values else code


@register.filter
def label_kind(code):
    return OverboardLabel.Kind(code).label if code in OverboardLabel.Kind.values else code


@register.filter
def decision_label(code):
    return Resolution.Decision(code).label if code in Resolution.Decision.values else code


@register.simple_tag
def bound_form(bound, kind, key):
    """The form this person just sent for one item, if it came back with errors."""
    return (bound or {}).get(f"{kind}-{key}")


@register.filter
def side_name(round_, side):
    """The person on one side of a round."""
    return round_.person(side).full_name


KIND_TEXT = {
    "overboard": ("⚠", _("Overboard")),
    "opposed": ("↔", _("Pulling apart")),
    "client_only": ("◐", _("Only the client")),
    "therapist_only": ("◑", _("Only the therapist")),
    "gap": ("↕", _("Importance gap")),
    "shared": ("✓", _("Shared")),
}


@register.filter
def kind_label(kind):
    return KIND_TEXT[kind][1]


@register.filter
def kind_icon(kind):
    return KIND_TEXT[kind][0]


def _is_reader(context, person):
    request = context.get("request")
    return request is not None and getattr(request.user, "pk", None) == person.pk


@register.simple_tag(takes_context=True)
def whose_goal(context, round_, side):
    """ "Your goal" to the person who wrote it; "Maya Rivera's goal" to the other side."""
    person = round_.person(side)
    if _is_reader(context, person):
        return _("Your goal")
    return _("%(name)s's goal") % {"name": person.full_name}


@register.simple_tag(takes_context=True)
def kind_words(context, kind, round_):
    """The kind in words for the reader: "Only you" or "Only Dr. Chen" for a one-sided goal."""
    if kind in ("client_only", "therapist_only"):
        person = round_.client_user if kind == "client_only" else round_.therapist
        if _is_reader(context, person):
            return _("Only you")
        return _("Only %(name)s") % {"name": person.full_name}
    return KIND_TEXT[kind][1]


STATE_TEXT = {"open": _("open"), "proposed": _("proposed"), "agreed": _("agreed")}


@register.filter
def state_label(state):
    return STATE_TEXT[state]


@register.simple_tag
def goal_examples():
    """(code, label, examples) per life area, for the hint beside the goal form."""
    return examples_for_areas(LifeArea.choices)


@register.filter
def kept_goal_count(formset):
    """How many goals the form holds now: saved rows not marked for removal, and a new one."""
    count = 0
    for form in formset:
        if form.is_new:
            title = form["title"].value() or ""
            count += 1 if form.is_bound and title.strip() else 0
        elif not form["DELETE"].value():
            count += 1
    return count
