"""The clinic admin's accounts pages: the list of people, one person, assign, deactivate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services, two_factor
from accounts.access import admin_clinic, person_for_admin
from accounts.clinic_forms import AssignmentForm, PeopleFilterForm
from accounts.confirm import ask_first, is_confirmed
from accounts.home import therapist_clients
from accounts.people import assignment_history, people_page


@login_required
def people(request):
    """Everyone in the clinic, invited people included, with search and filters."""
    clinic = admin_clinic(request.user)
    filter_form = PeopleFilterForm(request.GET)
    filters = filter_form.filters()
    page = people_page(clinic=clinic, page_number=request.GET.get("page"), **filters)
    context = {"filter_form": filter_form, "page": page, "filtered": any(filters.values())}
    return render(request, "accounts/clinic_people.html", context)


def _render_person(request, person, assignment_form=None):
    history = list(assignment_history(client_user=person)) if person.is_client else []
    current = next((a for a in history if a.ended_at is None), None)
    if person.is_client and assignment_form is None:
        assignment_form = AssignmentForm(
            clinic=person.clinic,
            client_user=person,
            initial={"therapist": current.therapist_id if current else None},
        )
    context = {
        "person": person,
        "history": history,
        "current_assignment": current,
        "assignment_form": assignment_form,
        "caseload": therapist_clients(therapist=person) if person.is_therapist else None,
        "is_me": person.pk == request.user.pk,
        "two_factor_on": two_factor.is_enrolled(person),
    }
    return render(request, "accounts/clinic_person.html", context)


@login_required
def person(request, person_id):
    """One person: roles, status, therapist and its history, and what the admin can change."""
    return _render_person(request, person_for_admin(request.user, person_id))


@login_required
@require_POST
def person_assign(request, person_id):
    client_user = person_for_admin(request.user, person_id)
    if not client_user.is_client:
        raise Http404  # only clients have a therapist
    form = AssignmentForm(request.POST, clinic=client_user.clinic, client_user=client_user)
    if not form.is_valid():
        return _render_person(request, client_user, assignment_form=form)
    therapist = form.cleaned_data["therapist"]
    names = {"client": client_user.full_name, "therapist": therapist.full_name}
    current = client_user.current_therapist
    if current is not None and current.pk != therapist.pk and not is_confirmed(request):
        return _ask_reassign(request, client_user, current, therapist)
    try:
        changed = services.assignment_change(
            client_user=client_user, therapist=therapist, changed_by=request.user
        )
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        if changed is None:
            already = _("%(client)s is already assigned to %(therapist)s. Nothing changed.")
            messages.info(request, already % names)
        else:
            messages.success(request, _("%(client)s is now assigned to %(therapist)s.") % names)
    return redirect("clinic_person", person_id=client_user.pk)


def _ask_reassign(request, client_user, current, therapist):
    names = {"client": client_user.full_name, "old": current.full_name, "new": therapist.full_name}
    return ask_first(
        request,
        title=_("Reassign %(client)s to %(new)s?") % names,
        consequences=[
            _("%(client)s's therapist becomes %(new)s.") % names,
            _(
                "%(old)s keeps read-only access to the rounds they took part in and has no "
                "access to rounds opened after this. An open round with %(old)s becomes "
                "read-only; either of them can close it."
            )
            % names,
        ],
        button=_("Yes, reassign to %(new)s") % names,
        cancel_url=reverse("clinic_person", args=[client_user.pk]),
    )


@login_required
@require_POST
def person_deactivate(request, person_id):
    person = person_for_admin(request.user, person_id)
    if not is_confirmed(request):
        names = {"name": person.full_name}
        return ask_first(
            request,
            title=_("Deactivate %(name)s?") % names,
            consequences=[
                _("%(name)s is signed out at once and can no longer sign in.") % names,
                _("Nothing is deleted, and you can reactivate the account at any time."),
            ],
            button=_("Yes, deactivate %(name)s") % names,
            cancel_url=reverse("clinic_person", args=[person.pk]),
        )
    try:
        services.user_deactivate(user=person)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "%(name)s is deactivated: signed out everywhere and unable to sign in. "
                "Nothing was deleted."
            )
            % {"name": person.full_name},
        )
    return redirect("clinic_person", person_id=person.pk)


@login_required
@require_POST
def person_reactivate(request, person_id):
    person = person_for_admin(request.user, person_id)
    services.user_reactivate(user=person)
    messages.success(
        request, _("%(name)s is active again and can sign in.") % {"name": person.full_name}
    )
    return redirect("clinic_person", person_id=person.pk)


@login_required
@require_POST
def person_admin_role(request, person_id):
    """Grant or remove the clinic-admin role (therapists only; never the last admin)."""
    person = person_for_admin(request.user, person_id)
    grant = request.POST.get("is_clinic_admin") == "1"
    try:
        services.user_set_clinic_admin(user=person, is_clinic_admin=grant)
    except services.ServiceError as error:
        messages.error(request, str(error))
    else:
        done = (
            _("%(name)s is now a clinic admin.")
            if grant
            else _("%(name)s is no longer a clinic admin.")
        )
        messages.success(request, done % {"name": person.full_name})
    if person.pk == request.user.pk and not grant:
        return redirect("home")  # the clinic pages are no longer theirs
    return redirect("clinic_person", person_id=person.pk)
