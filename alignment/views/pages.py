"""What the round page needs, shared by the full page and its htmx partials."""

from django.contrib.messages import get_messages
from django.shortcuts import redirect, render
from django.urls import reverse

from alignment.discussion import comments_load, reassigned_move, round_view, whose_move
from alignment.forms import GoalFormSet
from alignment.models import MAX_GOALS, Goal, Link, OverboardLabel, Resolution

TEMPLATE = "alignment/round_detail.html"


def goal_formset_for(goals, *, data=None):
    initial = [
        {
            "goal_id": goal.id,
            "title": goal.title,
            "success": goal.success,
            "area": goal.area,
            "importance": goal.importance,
        }
        for goal in goals
    ]
    formset = GoalFormSet(data=data, initial=initial, prefix="goals")
    formset.extra = 1 if len(initial) < MAX_GOALS else 0
    return formset


def round_context(access, *, formset=None, bound=None, open_key="", request=None):
    """Context for the round page as `access.side` sees it; never the other side's draft.

    `open_key` names the item to show unfolded (an item key, or ``g<id>`` for a goal's item);
    with `request`, that item also carries the messages, so the outcome of an action is read
    where the person acted rather than at the top of the page.
    """
    round_ = access.round
    parts = {part.side: part for part in round_.sides.all()}
    context = {
        "access": access,
        "round": round_,
        "my_part": parts[access.side],
        "other_part": parts[access.other_side],
        "other_person": access.other_person,
        "bound": bound or {},
        "kinds": OverboardLabel.Kind.choices,
        "decisions": Resolution.Decision.choices,
        "relations": Link.Relation.choices,
    }
    if round_.is_drafting:
        # Only this side's goals are read from the database before the reveal.
        my_goals = list(Goal.objects.filter(round=round_, side=access.side))
        own_labels = list(
            OverboardLabel.objects.filter(goal__in=my_goals).select_related("placed_by")
        )
        for goal in my_goals:
            goal.label_list = [label for label in own_labels if label.goal_id == goal.id]
        context["my_goals"] = my_goals
        context["formset"] = formset or goal_formset_for(my_goals)
        context["move"] = whose_move(round_=round_, side=access.side, parts=parts)
    else:
        view = round_view(round_, with_comments="count")
        context["view"] = view
        context["move"] = whose_move(round_=round_, side=access.side, view=view)
        _unfold(context, view, open_key=open_key, request=request)
    if not access.can_write and not round_.is_closed:
        context["move"] = reassigned_move(access.side)
        context["can_close_at_reassignment"] = access.is_therapist
    return context


def _unfold(context, view, *, open_key, request):
    """Choose the items shown unfolded, and read their comments (the others show counts).

    They are the item acted on, and those the person had open: htmx sends their keys with each
    action, so that swapping the discussion in place leaves the page as it was.
    """
    keys = request.POST.get("open_items", "").split(",")[:50] if request is not None else []
    found = (view.find(key) for key in keys)
    context["open_keys"] = {item.key for item in found if item is not None}
    if open_key == "all":
        context["open_keys"] = {item.key for item in view.items}
        context["all_open"] = True
    opened = view.find(open_key) if open_key else None
    if opened is not None:
        context["open_key"] = opened.key
        context["open_keys"].add(opened.key)
        if request is not None:
            # Shown inside the item instead of in the page's message area (base.html).
            context["item_messages"] = list(get_messages(request))
            context["messages"] = []
    comments_load(view, context["open_keys"])


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def respond(request, access, *, key="", anchor="", bound=None, form_page=None, status=200):
    """After an action: the comparison partial for htmx, else a redirect (or a page on errors).

    `key` is the item acted on (or ``g<id>``): it stays unfolded and shows the outcome.
    `form_page` renders the small form page again, with what was typed, for a form sent
    without JavaScript that came back with errors.
    """
    if is_htmx(request) and not access.round.is_drafting:
        # htmx swaps only 2xx answers, so refusals and form errors come back as 200 here.
        context = round_context(access, bound=bound, open_key=key, request=request)
        context["is_partial"] = True
        return render(request, f"{TEMPLATE}#discussion", context)
    if bound and form_page is not None and access.can_write and access.round.is_discussing:
        return form_page(status)
    if bound:
        return render(request, TEMPLATE, round_context(access, bound=bound), status=status)
    url = reverse("round_detail", args=[access.round.pk])
    if key and not access.round.is_drafting:
        url += f"?open={key}"
    anchor = anchor or (f"item-{key}" if key else "")
    return redirect(f"{url}#{anchor}" if anchor else url)
