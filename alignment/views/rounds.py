"""Opening a round, writing and submitting goals, closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.confirm import ask_first, is_confirmed
from alignment import access as access_rules
from alignment import reassignment, services
from alignment.forms import RoundOpenForm
from alignment.models import Round
from alignment.services import GoalRow
from alignment.views.pages import TEMPLATE, goal_formset_for, respond, round_context


@login_required
def round_new(request, client_id):
    client_user = access_rules.client_for_therapist(request.user, client_id)
    pair = Round.objects.filter(client_user=client_user, therapist=request.user)
    current = pair.open().first()
    if current is not None and request.method == "GET":
        messages.info(
            request,
            _("This round with %(name)s is still open: finish it first.")
            % {"name": client_user.full_name},
        )
        return redirect("round_detail", round_id=current.pk)
    _client, earlier = access_rules.earlier_outcomes_for(request.user, client_id)
    form = RoundOpenForm(request.POST or None, has_previous=earlier.exists())
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_open(
                therapist=request.user,
                client_user=client_user,
                title=form.cleaned_data["title"],
                from_previous=form.cleaned_data.get("from_previous", False),
                form_token=form.cleaned_data["form_token"],
            )
        except services.ActionRefused as refused:
            messages.error(request, str(refused))
            return redirect("home")
        messages.success(
            request,
            _("The round is open. Write your goals; %(name)s writes theirs.")
            % {"name": client_user.full_name},
        )
        return redirect("round_detail", round_id=round_.pk)
    context = {"form": form, "client_user": client_user, "has_earlier": earlier.exists()}
    return render(request, "alignment/round_new.html", context, status=400 if form.errors else 200)


@login_required
def round_detail(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    open_key = request.GET.get("open", "")[:40]
    return render(request, TEMPLATE, round_context(access, open_key=open_key, request=request))


@login_required
@require_POST
def goals_save(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    my_goals = list(access.round.goals.filter(side=access.side))
    formset = goal_formset_for(my_goals, data=request.POST)
    if not formset.is_valid():
        messages.error(request, _("Some goals need a change before they can be saved: see below."))
        return render(request, TEMPLATE, round_context(access, formset=formset), status=400)
    rows = [
        GoalRow(
            goal_id=form.cleaned_data.get("goal_id"),
            title=form.cleaned_data["title"],
            success=form.cleaned_data["success"],
            area=form.cleaned_data["area"],
            importance=form.cleaned_data["importance"],
        )
        for i, form in enumerate(formset.forms)
        if (i < formset.initial_form_count() or form.has_changed())
        and not formset._should_delete_form(form)
    ]
    action = request.POST.get("action", "save")
    version = request.POST.get("version", "")
    try:
        if not version.isdigit():
            raise services.StaleDraft(_("This page is out of date. Reload the page."))
        services.goals_save(
            access=access, rows=rows, version=int(version), submit=action == "submit"
        )
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return render(request, TEMPLATE, round_context(access, formset=formset), status=409)
    messages.success(request, _("Submitted.") if action == "submit" else _("Draft saved."))
    anchor = "new-goal" if action == "add" else "goals"
    return redirect(reverse("round_detail", args=[round_id]) + f"#{anchor}")


@login_required
@require_POST
def submission_withdraw(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    if not is_confirmed(request):
        name = {"name": access.other_person.full_name}
        return ask_first(
            request,
            title=_("Take back your submission?"),
            consequences=[
                _("Your goals become a draft again, and %(name)s sees that you have not submitted.")
                % name,
                _("Nothing you wrote is lost. Submit again when you are ready."),
            ],
            button=_("Yes, take back my submission"),
            cancel_url=reverse("round_detail", args=[round_id]),
        )
    try:
        services.submission_withdraw(access=access)
        messages.success(request, _("Your submission is taken back. You can change your goals."))
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
    return redirect("round_detail", round_id=round_id)


@login_required
@require_POST
def round_close(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    if not is_confirmed(request):
        return ask_first(
            request,
            title=_("Close this round?"),
            consequences=[
                _(
                    "The round becomes read-only for both of you: no more labels, links, comments "
                    "or resolutions."
                ),
                _("Only the agreed goals are its outcome; items not resolved are left out."),
            ],
            button=_("Yes, close the round"),
            cancel_url=reverse("round_detail", args=[round_id]),
        )
    try:
        services.round_close(access=access)
        messages.success(request, _("The round is closed. Its agreed goals are its outcome."))
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
    return respond(request, access_rules.round_for(request.user, round_id))


@login_required
@require_POST
def round_close_at_reassignment(request, round_id):
    """The previous therapist or the clinic admin closes a round a reassignment left open."""
    round_ = access_rules.round_left_open_for(request.user, round_id)
    is_therapist = round_.therapist_id == request.user.pk
    back = reverse("round_detail", args=[round_id]) if is_therapist else reverse("clinic_overview")
    names = {"client": round_.client_user.full_name, "therapist": round_.therapist.full_name}
    if not is_confirmed(request):
        return ask_first(
            request,
            title=_("Close this round as closed at reassignment?"),
            consequences=[
                _(
                    "The round of %(client)s with %(therapist)s is closed: nothing more can be "
                    "added to it. Goals they had already agreed stay its outcome."
                )
                % names,
                _("It then counts as closed, and a new round can start from its agreed goals."),
            ],
            button=_("Yes, close it at reassignment"),
            cancel_url=back,
        )
    try:
        reassignment.round_close_at_reassignment(round_=round_)
        messages.success(request, _("The round is closed at reassignment."))
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
    return redirect(back)
