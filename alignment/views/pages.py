"""What the round page needs, shared by the full page and its htmx partials."""

from django.shortcuts import redirect, render
from django.urls import reverse

from alignment.discussion import reassigned_move, round_view, whose_move
from alignment.forms import GoalFormSet
from alignment.models import MAX_GOALS, Goal, OverboardLabel, Resolution

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


def round_context(access, *, formset=None, bound=None):
    """Context for the round page as `access.side` sees it; never the other side's draft."""
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
        view = round_view(round_)
        context["view"] = view
        context["move"] = whose_move(round_=round_, side=access.side, view=view)
    if not access.can_write and not round_.is_closed:
        context["move"] = reassigned_move(access.side)
        context["can_close_at_reassignment"] = access.is_therapist
    return context


def respond(request, access, *, anchor="", bound=None, status=200):
    """After an action: the comparison partial for htmx, else a redirect (or the page on errors)."""
    if request.headers.get("HX-Request") == "true" and not access.round.is_drafting:
        # htmx swaps only 2xx answers, so refusals and form errors come back as 200 here.
        context = {**round_context(access, bound=bound), "is_partial": True}
        return render(request, f"{TEMPLATE}#discussion", context)
    if bound:
        return render(request, TEMPLATE, round_context(access, bound=bound), status=status)
    url = reverse("round_detail", args=[access.round.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)
