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


@login_required
@require_POST
def label_create(request, round_id, goal_id):
    access = access_rules.round_for(request.user, round_id)
    goal = access_rules.goal_for(access, goal_id)
    form = LabelForm(request.POST)
    anchor = f"goal-{goal.pk}"
    if not form.is_valid():
        messages.error(request, _("The label was not placed: see the form below."))
        return respond(request, access, anchor=anchor, bound={f"label-{goal.pk}": form}, status=400)
    return _act(
        request,
        access,
        lambda: services.label_place(
            access=access,
            goal=goal,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
            placed_by=request.user,
        ),
        success=_("Label placed. The other side will see who placed it and why."),
        anchor=anchor,
        bound={f"label-{goal.pk}": form},
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
    form = CommentForm(request.POST)
    key = request.POST.get("item", "")[:40]
    if not form.is_valid():
        messages.error(request, _("The comment was not posted: see the form below."))
        return respond(
            request, access, anchor=f"item-{key}", bound={f"comment-{key}": form}, status=400
        )
    return _act(
        request,
        access,
        lambda: services.comment_add(
            access=access,
            item_key=form.cleaned_data["item"],
            body=form.cleaned_data["body"],
            author=request.user,
            form_token=form.cleaned_data["form_token"],
        ),
        success=_("Comment posted."),
        anchor=f"item-{key}",
        bound={f"comment-{key}": form},
    )


@login_required
@require_POST
def resolution_propose(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    form = ResolutionForm(request.POST)
    key = request.POST.get("item", "")[:40]
    if not form.is_valid():
        messages.error(request, _("The proposal was not sent: see the form below."))
        return respond(
            request, access, anchor=f"item-{key}", bound={f"resolve-{key}": form}, status=400
        )
    return _act(
        request,
        access,
        lambda: services.resolution_propose(
            access=access,
            item_key=form.cleaned_data["item"],
            decision=form.cleaned_data["decision"],
            new_title=form.cleaned_data["new_title"],
            by=request.user,
            form_token=form.cleaned_data["form_token"],
        ),
        success=_("Proposal sent. It counts once the other side confirms it."),
        anchor=f"item-{key}",
        bound={f"resolve-{key}": form},
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
