"""Session lifetime and per-clinic time zone."""

import time
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

STARTED_KEY = "samepage_started_at"
SEEN_KEY = "samepage_seen_at"
# The "last seen" time is written at most this often, so that a request that changes nothing
# writes nothing: a session may end up to this many seconds before 30 idle minutes are up.
TOUCH_EVERY = 60


class SessionLifetimeMiddleware:
    """End a session after 30 minutes idle or 12 hours in all, whichever comes first.

    The cookie age covers the idle case in the browser; this check also holds when a stolen
    cookie is replayed, since the timestamps live on the server. The session is saved (which
    renews the cookie and the stored expiry) only when its "last seen" time is more than a
    minute old, so reading pages does not write to the database on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get(STARTED_KEY, now)
            seen = session.get(SEEN_KEY, now)
            if (
                now - seen > settings.SESSION_IDLE_TIMEOUT
                or now - started > settings.SESSION_MAX_AGE
            ):
                logout(request)
                messages.info(request, _("Your session ended. Please sign in again."))
                return redirect(settings.LOGIN_URL)
            if SEEN_KEY not in session or STARTED_KEY not in session or now - seen >= TOUCH_EVERY:
                session[STARTED_KEY] = started
                session[SEEN_KEY] = now
        return self.get_response(request)


class ClinicTimezoneMiddleware:
    """Show times in the signed-in person's clinic time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clinic = getattr(request.user, "clinic", None) if request.user.is_authenticated else None
        if clinic is not None:
            try:
                timezone.activate(zoneinfo.ZoneInfo(clinic.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
