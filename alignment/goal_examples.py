"""Example goals for each life area, shown while a person writes their own.

Plain data: everyday words a client might use, never clinical terms. Kept short so they read
as ideas, not as a list to copy. Every life area has examples (tested as data).
"""

from django.utils.translation import gettext_lazy as _

EXAMPLES = {
    "work_study": (
        _("Hand in my coursework on time without staying up all night"),
        _("Speak up in team meetings when I have an idea"),
        _("Stop checking work email after 8 in the evening"),
    ),
    "relationships": (
        _("Say no to my family without feeling guilty for days"),
        _("Have one honest talk with my partner each week"),
        _("Get back in touch with an old friend"),
    ),
    "mood": (
        _("Get out of bed on weekend mornings and do something I enjoy"),
        _("Notice earlier when a low day is starting"),
        _("Feel less flat and more like myself"),
    ),
    "stress_anxiety": (
        _("Go to the supermarket on my own without panicking"),
        _("Fall asleep without going over tomorrow again and again"),
        _("Sit an exam and keep breathing normally"),
    ),
    "self_worth": (
        _("Stop calling myself stupid when I make a mistake"),
        _("Accept a compliment without arguing with it"),
        _("Believe I deserve a day off"),
    ),
    "health": (
        _("Sleep before midnight most nights"),
        _("Go for a walk three times a week"),
        _("Eat lunch every day, even on busy ones"),
    ),
    "habits": (
        _("Drink only at weekends"),
        _("Put my phone away an hour before bed"),
        _("Know what to do instead when the urge comes"),
    ),
    "direction": (
        _("Work out what kind of job I actually want"),
        _("Keep going with auditions even after a no"),
        _("Make time for something that matters to me"),
    ),
    "other": (
        _("Feel settled in my new town"),
        _("Understand why I react so strongly to small things"),
        _("Have a plan for hard anniversaries"),
    ),
}


def examples_for_areas(choices):
    """(code, label, examples) for each life area, in the order of the form's list."""
    return [(code, label, EXAMPLES.get(code, ())) for code, label in choices if code]
