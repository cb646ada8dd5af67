from django import template

register = template.Library()


@register.filter
def get_entry(mapping, key):
    """mapping[key], or None: for dicts keyed by id in templates."""
    return (mapping or {}).get(key)


@register.filter
def signed(value):
    """+2, +1, 0, −1, −2 (a real minus sign, and a plus on positive numbers)."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{value}"
    return f"−{-value}" if value < 0 else "0"


@register.inclusion_tag("checkins/_home_waiting.html", takes_context=True)
def checkins_waiting(context):
    """Open check-ins this person has not submitted yet, for the home page (one query)."""
    # Imported here: template tag modules load before the app registry is ready.
    from checkins.access import checkins_visible_to
    from checkins.models import Checkin

    user = context["user"]
    waiting = []
    for checkin in (
        checkins_visible_to(user)
        .filter(state=Checkin.State.RATING)
        .select_related("client_user", "therapist")
        .prefetch_related("sides")
    ):
        side = "therapist" if checkin.therapist_id == user.pk else "client"
        part = next(p for p in checkin.sides.all() if p.side == side)
        if not part.submitted:
            waiting.append((checkin, side))
    return {"waiting": waiting}


@register.simple_tag
def agreed_with_ratings(agreed, checkins):
    """The report's agreed items, each with its ratings at the latest revealed check-in."""
    from checkins.exports import latest_for_agreed

    return latest_for_agreed(agreed, checkins or [])
