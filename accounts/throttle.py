"""Rate limits on Django's cache: counted per window, shared by every app server.

Each limit is a name in settings.RATE_LIMITS, `(attempts, seconds)`. A limit is counted per
person or address ("ident"): the ident is hashed before it becomes a cache key, so the cache
holds no email address. With the database cache every app server sees the same counts.
"""

import functools
import hashlib
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import ngettext

from accounts.models import normalize_email


def client_ip(request):
    """The visitor's network address, for every limit here and for django-axes (or None).

    Behind PROXY_COUNT trusted proxies, each of which appends the address it saw to
    X-Forwarded-For, the visitor is that many entries from the end; anything before was written
    by the visitor and is not believed. Without proxies it is the connection's own address.
    """
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies and _is_address(forwarded[-proxies]):
            return forwarded[-proxies]
    address = request.META.get("REMOTE_ADDR")
    return address if _is_address(address) else None


def _is_address(text):
    try:
        ipaddress.ip_address(text or "")
    except ValueError:
        return False
    return True


def _ip(request):
    return client_ip(request) or "unknown"


def _window(name):
    attempts, seconds = settings.RATE_LIMITS[name]
    now = time.time()
    start = int(now // seconds) * seconds
    return attempts, seconds, start, start + seconds - now


def _key(name, ident, start):
    digest = hashlib.sha256(f"{name}:{ident}".encode()).hexdigest()[:32]
    return f"rl:{name}:{digest}:{start}"


def wait_seconds(name, ident):
    """Seconds until `ident` may try again under limit `name`, or 0 when it may now."""
    attempts, _seconds, start, remaining = _window(name)
    count = cache.get(_key(name, ident, start), 0)
    return math.ceil(remaining) if count >= attempts else 0


def count(name, ident):
    """Count one attempt of `ident` under limit `name`."""
    _attempts, seconds, start, _remaining = _window(name)
    key = _key(name, ident, start)
    # add() is a no-op when the key exists; incr() then counts this attempt.
    cache.add(key, 0, timeout=seconds + 1)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls: this attempt opens a new window
        cache.set(key, 1, timeout=seconds + 1)


def clear(name, ident):
    _attempts, _seconds, start, _remaining = _window(name)
    cache.delete(_key(name, ident, start))


def hit(name, ident):
    """Count an attempt unless the limit is already reached; return the wait (0 = go ahead)."""
    wait = wait_seconds(name, ident)
    if not wait:
        count(name, ident)
    return wait


def too_many_requests(request, wait):
    """The 429 page: what happened and when to try again, with a Retry-After header."""
    minutes = max(1, math.ceil(wait / 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(wait))
    return response


def rate_limited(action):
    """Limit POSTs of a signed-in person's `action` per person and per address.

    Uses the limits "<action>_user" and "<action>_ip" in settings.RATE_LIMITS; GETs are free.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                idents = [(f"{action}_ip", _ip(request))]
                if request.user.is_authenticated:
                    idents.insert(0, (f"{action}_user", str(request.user.pk)))
                wait = max(wait_seconds(name, ident) for name, ident in idents)
                if wait:
                    return too_many_requests(request, wait)
                for name, ident in idents:
                    count(name, ident)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Sign-in --------------------------------------------------------------------------------------


def signin_wait(request, email):
    """Seconds before this address or this account may try to sign in again (0 = now)."""
    return max(
        wait_seconds("signin_ip", _ip(request)),
        wait_seconds("signin_account", normalize_email(email)),
    )


def signin_ip_failed(request):
    count("signin_ip", _ip(request))


def signin_failed(request, email):
    count("signin_ip", _ip(request))
    count("signin_account", normalize_email(email))


def signin_clear(email):
    clear("signin_account", normalize_email(email))


def wait_message(wait):
    minutes = max(1, math.ceil(wait / 60))
    return ngettext(
        "Too many sign-in attempts. For your safety, please try again in %(minutes)s minute, "
        "or reset your password.",
        "Too many sign-in attempts. For your safety, please try again in %(minutes)s minutes, "
        "or reset your password.",
        minutes,
    ) % {"minutes": minutes}
