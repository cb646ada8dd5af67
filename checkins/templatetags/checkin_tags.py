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
