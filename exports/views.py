"""Downloads: a client's goals as FHIR for the therapist, a client's own data, account closing."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from alignment import access as access_rules
from exports import fhir, fhir_source


def _download(content, *, content_type, name):
    # The file name carries numbers only: no names or goal text in it.
    response = HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def fhir_export(request, client_id):
    """The client's goals, in the rounds this therapist took part in, as a FHIR R4 Bundle."""
    client_user = access_rules.client_for_therapist(request.user, client_id)
    rounds = access_rules.rounds_visible_to(request.user).filter(
        client_user=client_user, therapist=request.user
    )
    data = fhir_source.export_data(client_user=client_user, rounds=rounds)
    body = json.dumps(fhir.bundle(data), indent=2, ensure_ascii=False)
    return _download(
        body, content_type="application/fhir+json", name=f"samepage-client-{client_user.pk}.json"
    )
