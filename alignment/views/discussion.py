"""Labels, links, comments and resolutions: plain POSTs that htmx can swap in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alignment import access as access_rules
from alignment import services
from alignment.forms import CommentForm, LabelForm, LinkForm, ResolutionForm
from alignment.models import Link, OverboardLabel, Resolution
from alignment.views.pages import respond


def _act(request, access, action, *, success, anchor, bound=None):
    """Run a service call, turning a refusal into a message; nothing is written on refusal."""
    try:
        action()
    except services.ActionRefused as refused:
        messages.error(request, str(refused))
        return respond(request, access, anchor=anchor, bound=bound, status=409)
    messages.success(request, success)
    return respond(request, access, anchor=anchor)


def _submit(request, access, form, *, bound_key, anchor, invalid, success, action):
    """Validate `form`; show it again with what was typed on errors, else run `action`."""
    bound = {bound_key: form}
    if not form.is_valid():
        messages.error(request, invalid)
        return respond(request, access, anchor=anchor, bound=bound, status=400)
    data = form.cleaned_data
    return _act(request, access, lambda: action(data), success=success, anchor=anchor, bound=bound)


@login_required
@require_POST
def label_create(request, round_id, goal_id):
    access = access_rules.round_for(request.user, round_id)
    goal = access_rules.goal_for(access, goal_id)
    return _submit(
        request,
        access,
        LabelForm(request.POST),
        bound_key=f"label-{goal.pk}",
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
    return _act(
        request,
        access,
        lambda: services.link_create(
            access=access, client_goal=client_goal, therapist_goal=therapist_goal, by=request.user
        ),
        success=_("Linked: these two goals now count as one shared goal."),
        anchor=f"item-p{client_goal.pk}-{therapist_goal.pk}",
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
        anchor="agenda",
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
        bound_key=f"comment-{key}",
        anchor=f"item-{key}",
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
        bound_key=f"resolve-{key}",
        anchor=f"item-{key}",
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
        anchor=f"item-{resolution.item_key}",
    )
