"""Record every request to a registered URL once its response is known."""

from audit import registry
from audit.chain import record
from audit.context import current_request
from audit.request_info import client_ip, clinic_of

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The platform operator's changes in Django admin (accounts, roles, clinics) are account actions
# too. Its sign-in and sign-out are already recorded through the auth signals.
ADMIN_CHANGE = registry.Entry(object_type="admin", id_kwarg="object_id")
ADMIN_SIGN_IN_OUT = frozenset({"login", "logout"})


class AuditMiddleware:
    """After the view: who asked for which object, by which method, and the status answered.

    If the record cannot be written the request fails: an unrecorded view of clinical data is
    worse than an error page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        match = getattr(request, "resolver_match", None)
        entry = registry.lookup(match.view_name) if match is not None else None
        if entry is None and _is_admin_change(request, match):
            entry = ADMIN_CHANGE
        if entry is not None:
            user = getattr(request, "user", None)
            actor = user if user is not None and user.is_authenticated else None
            record(
                action="view" if request.method in READ_METHODS else "change",
                outcome=response.status_code,
                actor=actor,
                object_type=entry.object_type,
                object_id=_int(match.kwargs.get(entry.id_kwarg)) if entry.id_kwarg else None,
                round_id=_int(match.kwargs.get(entry.round_kwarg)) if entry.round_kwarg else None,
                clinic_id=clinic_of(actor),
                detail=(match.url_name or "")[:60],
                ip=client_ip(request),
            )
        return response


def _is_admin_change(request, match):
    return (
        match is not None
        and match.namespace == "admin"
        and request.method not in READ_METHODS
        and match.url_name not in ADMIN_SIGN_IN_OUT
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
