"""What the trail may know about a request: the client's address, nothing it sent."""

from django.conf import settings


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the address our trusted proxies saw."""
    if request is None:
        return None
    proxies = getattr(settings, "AUDIT_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def clinic_of(user):
    return getattr(user, "clinic_id", None) if user is not None else None
