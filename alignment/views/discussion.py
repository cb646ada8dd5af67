"""Labels, links, comments and resolutions: plain POSTs that htmx can swap in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alignment import access as access_rules
from alignment import services
from alignment.forms import CommentForm, LabelForm, LinkForm, ResolutionForm
from alignment.models import Link, OverboardLabel, Resolution
from alignment.views.item_forms import render_item_form, together_number
from alignment.views.pages import respond


def _done(request, access, *, key, **kwargs):
    """Answer an action; from the session view (no htmx there), go back to its item."""
    number = together_number(request)
    if number is not None and not kwargs.get("bound"):
        return redirect("round_together_item", round_id=access.round.pk, number=number)
    return respond(request, access, key=key, **kwargs)


def _act(request, access, action, *, success, key, bound=None, form_page=None, anchor=""):
    """Run a service call, turning a refusal into a message; nothing is written on refusal."""
    try:
        action()
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return _done(
            request, access, key=key, bound=bound, form_page=form_page, status=409, anchor=anchor
        )
    messages.success(request, success)
    return _done(request, access, key=key, anchor=anchor)


def _submit(request, access, form, *, what, bound_key, key, invalid, success, action, anchor=""):
    """Validate `form`; show it again with what was typed on errors, else run `action`."""
    bound = {bound_key: form}

    def form_page(status):
        return render_item_form(request, access, what=what, key=key, bound=bound, status=status)

    if not form.is_valid():
        messages.error(request, invalid)
        return respond(request, access, key=key, bound=bound, form_page=form_page, status=400)
    data = form.cleaned_data
    return _act(
        request,
        access,
        lambda: action(data),
        success=success,
        key=key,
        bound=bound,
        form_page=form_page,
        anchor=anchor,
    )


@login_required
@require_POST
def label_create(request, round_id, goal_id):
    access = access_rules.round_for(request.user, round_id)
    goal = access_rules.goal_for(access, goal_id)
    return _submit(
        request,
        access,
        LabelForm(request.POST),
        what="label",
        bound_key=f"label-{goal.pk}",
        key=f"g{goal.pk}",
        anchor=f"goal-{goal.pk}",
        invalid=_("The label was not placed: see the form below."),
        success=_("Label placed. The other side will see who placed it and why."),
        action=lambda data: services.label_place(
            access=access,
            goal=goal,
            kind=data["kind"],
            reason=data["reason"],
            placed_by=request.user,
        ),
    )


@login_required
@require_POST
def label_withdraw(request, round_id, label_id):
    access = access_rules.round_for(request.user, round_id)
    label = OverboardLabel.objects.filter(goal__round=access.round, pk=label_id).first()
    if label is None or (access.round.is_drafting and label.goal.side != access.side):
        raise Http404
    return _act(
        request,
        access,
        lambda: services.label_withdraw(access=access, label=label, by=request.user),
        success=_("Label withdrawn. It stays in the history as withdrawn."),
        key=f"g{label.goal_id}",
        anchor=f"goal-{label.goal_id}",
    )


@login_required
@require_POST
def link_create(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    form = LinkForm(request.POST)
    if not form.is_valid() or access.round.is_drafting:
        raise Http404
    client_goal = access_rules.goal_for(access, form.cleaned_data["client_goal"])
    therapist_goal = access_rules.goal_for(access, form.cleaned_data["therapist_goal"])
    relation = form.cleaned_data["relation"]
    return _act(
        request,
        access,
        lambda: services.link_create(
            access=access,
            client_goal=client_goal,
            therapist_goal=therapist_goal,
            by=request.user,
            relation=relation,
        ),
        success=_("Linked as pulling apart: talk this pair through together.")
        if relation == Link.Relation.OPPOSED
        else _("Linked: these two goals now count as one shared goal."),
        key=f"p{client_goal.pk}-{therapist_goal.pk}",
    )


@login_required
@require_POST
def link_remove(request, round_id, link_id):
    access = access_rules.round_for(request.user, round_id)
    link = Link.objects.filter(round=access.round, pk=link_id).first()
    if link is None:
        raise Http404
    return _act(
        request,
        access,
        lambda: services.link_remove(access=access, link=link, by=request.user),
        success=_("Unlinked. Each goal now stands on its own."),
        key=f"g{link.client_goal_id}",
    )


@login_required
@require_POST
def comment_create(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    key = request.POST.get("item", "")[:40]
    return _submit(
        request,
        access,
        CommentForm(request.POST),
        what="comment",
        bound_key=f"comment-{key}",
        key=key,
        invalid=_("The comment was not posted: see the form below."),
        success=_("Comment posted."),
        action=lambda data: services.comment_add(
            access=access,
            item_key=data["item"],
            body=data["body"],
            author=request.user,
            form_token=data["form_token"],
        ),
    )


@login_required
@require_POST
def resolution_propose(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    key = request.POST.get("item", "")[:40]
    return _submit(
        request,
        access,
        ResolutionForm(request.POST),
        what="propose",
        bound_key=f"resolve-{key}",
        key=key,
        invalid=_("The proposal was not sent: see the form below."),
        success=_("Proposal sent. It counts once the other side confirms it."),
        action=lambda data: services.resolution_propose(
            access=access,
            item_key=data["item"],
            decision=data["decision"],
            new_title=data["new_title"],
            by=request.user,
            form_token=data["form_token"],
        ),
    )


@login_required
@require_POST
def resolution_confirm(request, round_id, resolution_id):
    access = access_rules.round_for(request.user, round_id)
    resolution = Resolution.objects.filter(round=access.round, pk=resolution_id).first()
    if resolution is None:
        raise Http404
    return _act(
        request,
        access,
        lambda: services.resolution_confirm(access=access, resolution=resolution, by=request.user),
        success=_("Confirmed. This item is resolved."),
        key=resolution.item_key,
    )
