"""Downloads: a client's goals as FHIR for the therapist, a client's own data, account closing."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.services import ServiceError
from alignment import access as access_rules
from exports import dataexport, datafiles, fhir, fhir_source, services


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


def _client_only(user):
    if not user.is_client:
        raise Http404


@login_required
def my_data_export(request):
    """Everything SamePage holds about the signed-in client, as a ZIP of JSON, CSV and a README."""
    _client_only(request.user)
    body = datafiles.archive(dataexport.client_data(request.user))
    return _download(
        body, content_type="application/zip", name=f"samepage-my-data-{request.user.pk}.zip"
    )


@login_required
def account_close(request):
    """A confirmation page; its POST closes the client's own account and signs them out."""
    _client_only(request.user)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Tick the box to confirm that you want to close your account.")
            )
            return redirect("account_close")
        try:
            services.account_close(user=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect("account_close")
        logout(request)
        return redirect("account_closed")
    return render(request, "exports/account_close.html", {"data_url": reverse("my_data_export")})


def account_closed(request):
    return render(request, "exports/account_closed.html")
