"""Record every request to a registered URL once its response is known."""

from audit import registry
from audit.chain import record
from audit.context import current_request
from audit.request_info import client_ip, clinic_of

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
        entry = registry.lookup(match.url_name) if match is not None else None
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
                detail=match.url_name,
                ip=client_ip(request),
            )
        return response


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
