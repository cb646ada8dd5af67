"""Check-in pages: open, rate (drafts, submit, take back), compare, comment, cadence."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alignment import access as round_access
from alignment.services import ActionRefused, StaleDraft
from checkins import access as access_rules
from checkins import reading, services
from checkins.forms import CadenceForm, CommentForm, GasScaleForm, parse_ratings
from checkins.models import CheckinSide

TEMPLATE = "checkins/checkin_detail.html"


def checkin_context(access, *, errors=None, typed=None, comment_form=None):
    """What the page shows `access.side`: before the reveal, never the other side's ratings."""
    checkin = access.checkin
    parts = {part.side: part for part in CheckinSide.objects.filter(checkin=checkin)}
    context = {
        "access": access,
        "checkin": checkin,
        "my_part": parts[access.side],
        "other_part": parts[access.other_side],
        "other_person": access.other_person,
        "goals": list(checkin.goals.all()),
        "errors": errors or {},
        "comment_form": comment_form,
        "scales": reading.gas_scales(checkin.round),
        "scale_points": range(11),
    }
    if checkin.is_revealed:
        context["comparison"] = reading.comparison(checkin)
    else:
        mine = reading.my_ratings(checkin, access.side)
        context["typed"] = typed or {
            pk: {
                "score": str(r.score),
                "note": r.note,
                "gas": "" if r.gas_level is None else str(r.gas_level),
            }
            for pk, r in mine.items()
        }
    return context


@login_required
@require_POST
def checkin_new(request, client_id):
    client_user = round_access.client_for_therapist(request.user, client_id)
    try:
        checkin = services.checkin_open(
            therapist=request.user,
            client_user=client_user,
            form_token=_token(request.POST.get("form_token", "")),
        )
    except ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("client_history", client_id=client_user.pk)
    messages.success(request, _("The check-in is open. Rate each goal; so does your client."))
    return redirect("checkin_detail", checkin_id=checkin.pk)


def _token(value):
    """The form's one-time token, so that a form sent twice opens one check-in; None if bad."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@login_required
def checkin_detail(request, checkin_id):
    access = access_rules.checkin_for(request.user, checkin_id)
    return render(request, TEMPLATE, checkin_context(access))


@login_required
@require_POST
def ratings_save(request, checkin_id):
    access = access_rules.checkin_for(request.user, checkin_id)
    goals = list(access.checkin.goals.all())
    rows, errors, typed = parse_ratings(request.POST, goals)
    if errors:
        messages.error(
            request, _("Some ratings need a change before they can be saved: see below.")
        )
        context = checkin_context(access, errors=errors, typed=typed)
        return render(request, TEMPLATE, context, status=400)
    submit = request.POST.get("action") == "submit"
    version = request.POST.get("version", "")
    try:
        if not version.isdigit():
            raise StaleDraft(_("This page is out of date. Reload the page."))
        services.ratings_save(access=access, rows=rows, version=int(version), submit=submit)
    except ActionRefused as refused:
        messages.error(request, str(refused))
        return render(request, TEMPLATE, checkin_context(access, typed=typed), status=409)
    messages.success(request, _("Submitted.") if submit else _("Draft saved."))
    return redirect(reverse("checkin_detail", args=[checkin_id]) + "#ratings")


@login_required
@require_POST
def submission_withdraw(request, checkin_id):
    access = access_rules.checkin_for(request.user, checkin_id)
    try:
        services.submission_withdraw(access=access)
        messages.success(request, _("Your submission is taken back. You can change your ratings."))
    except ActionRefused as refused:
        messages.error(request, str(refused))
    return redirect("checkin_detail", checkin_id=checkin_id)


@login_required
@require_POST
def comment_create(request, checkin_id, goal_id):
    access = access_rules.checkin_for(request.user, checkin_id)
    goal = access_rules.goal_for(access, goal_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment (up to 2,000 characters) before posting."))
        context = checkin_context(access, comment_form=(goal.pk, form))
        return render(request, TEMPLATE, context, status=400)
    try:
        services.comment_add(
            access=access, goal=goal, body=form.cleaned_data["body"], author=request.user
        )
    except ActionRefused as refused:
        messages.error(request, str(refused))
    return redirect(reverse("checkin_detail", args=[checkin_id]) + f"#goal-{goal.pk}")


@login_required
@require_POST
def cadence_set(request, client_id):
    client_user = round_access.client_for_therapist(request.user, client_id)
    form = CadenceForm(request.POST)
    if form.is_valid():
        services.cadence_set(
            therapist=request.user, client_user=client_user, weeks=form.cleaned_data["weeks"]
        )
        messages.success(request, _("The check-in cadence is saved."))
    else:
        messages.error(request, _("Choose off, or every 2, 4 or 6 weeks."))
    return redirect(reverse("client_history", args=[client_user.pk]) + "#progress")


@login_required
def gas_scales(request, round_id):
    """Describe attainment levels and a weight for each agreed goal of a closed round."""
    access = round_access.round_for(request.user, round_id)
    if not access.round.is_closed:
        raise Http404
    goals = reading.agreed_goals(access.round)
    scales = reading.gas_scales(access.round)
    forms = [_scale_form(scales.get(key), prefix=f"goal{i}") for i, (key, _t) in enumerate(goals)]
    posted = next(
        (i for i, (k, _t) in enumerate(goals) if k == request.POST.get("series_key")), None
    )
    if request.method == "POST" and posted is not None:
        forms[posted] = form = GasScaleForm(request.POST, prefix=f"goal{posted}")
        if form.is_valid():
            try:
                services.gas_scale_save(
                    round_=access.round,
                    series_key=goals[posted][0],
                    weight=form.cleaned_data["weight"],
                    levels=form.levels(),
                    by=request.user,
                )
                messages.success(request, _("The attainment levels are saved."))
                return redirect("checkin_scales", round_id=round_id)
            except ActionRefused as refused:
                messages.error(request, str(refused))
        else:
            messages.error(request, _("Describe all five levels and a weight from 1 to 10."))
    context = {
        "round": access.round,
        "forms": [(k, t, scales.get(k), f) for (k, t), f in zip(goals, forms, strict=True)],
        "can_write": access_rules.pair_is_current(access.round),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "checkins/gas_scales.html", context, status=status)


def _scale_form(scale, *, prefix):
    if scale is None:
        return GasScaleForm(prefix=prefix)
    fields = ("weight", "much_more", "more", "expected", "less", "much_less")
    return GasScaleForm(initial={name: getattr(scale, name) for name in fields}, prefix=prefix)
