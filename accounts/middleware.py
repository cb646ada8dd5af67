"""Session lifetime, per-clinic time zone, the two-factor gate and private-page headers."""

import time
import zoneinfo
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
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


# No page of SamePage uses these browser features; refusing them limits what injected or
# framed content could ever do.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "publickey-credentials-get",
        "usb",
    )
)


class PrivatePageHeadersMiddleware:
    """Keep signed-in pages out of every cache, and switch off unused browser features.

    Everything a signed-in person sees may hold clinical text (goals, labels, comments, reports
    and their CSV), so none of it may stay in a shared computer's browser cache or a proxy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


# What a signed-in person who still owes a second factor may reach.
VERIFY_PAGES = {"two_factor_verify", "logout"}
ENROL_PAGES = {"two_factor_setup", "logout"}


class TwoFactorGateMiddleware:
    """Until the second factor is given, nothing else: not a page, not a form, not /admin/.

    Someone with an authenticator app is sent to type a code; someone whose role requires one
    but has none is sent to set it up. Others (clients without it) pass.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from accounts import two_factor  # models are ready only after start-up

        user = request.user
        if user.is_authenticated and not user.is_verified():
            if request.session.get(two_factor.SESSION_KEY):
                target, allowed = "two_factor_verify", VERIFY_PAGES
            elif two_factor.is_required(user):
                target, allowed = "two_factor_setup", ENROL_PAGES
            else:
                return self.get_response(request)
            if _url_name(request) not in allowed:
                return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)


def _url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None
