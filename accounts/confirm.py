"""Destructive actions ask first: a confirmation page without JavaScript, a dialog with it.

A form that does something hard to undo carries `data-confirm` (the dialog's text, read by
static/js/app.js). Its view acts only when the POST says `confirmed=1`; any other POST answers
with a page that says what will happen and offers the same form again, confirmed. So without
JavaScript nothing happens until the person has read the consequences and said yes.
"""

from django.shortcuts import render

CONFIRMED = "confirmed"
# Fields the confirmation page must not carry over (it adds its own token and confirmation).
NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRMED}


def is_confirmed(request):
    return request.POST.get(CONFIRMED) == "1"


def ask_first(request, *, title, consequences, button, cancel_url):
    """The page that asks: the consequences in words, "yes" (the same POST, confirmed), cancel."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_CARRIED
        for value in values
    ]
    context = {
        "title": title,
        "consequences": consequences,
        "button": button,
        "action": request.path,
        "fields": fields,
        "cancel_url": cancel_url,
    }
    return render(request, "confirm.html", context)
