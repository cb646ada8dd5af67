"""A round read in one go: comparison items with their labels, threads and resolutions.

The read side of the discussion. It runs a fixed number of queries whatever the round's size,
turns rows into the pure comparison's data, and attaches what each agenda item needs on
screen. Writes live in `alignment.services`.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alignment import comparison, matching
from alignment.models import Comment, Goal, Link, OverboardLabel, Resolution, Round, Side

LATEST_COMMENTS = 3


@dataclass
class ItemView:
    """One agenda item with everything shown beside it."""

    item: comparison.Item
    goals: dict  # goal id -> Goal row
    labels: list  # every label of the item's goals, open and withdrawn, oldest first
    comments: list
    resolution: Resolution | None
    history: list  # superseded resolutions, oldest first
    link: Link | None = None
    suggestions: list = field(default_factory=list)
    comment_count: int = 0

    @property
    def key(self):
        return self.item.key

    @property
    def kind(self):
        return self.item.kind

    @property
    def client_goal(self):
        data = self.item.client_goal
        return self.goals[data.id] if data else None

    @property
    def therapist_goal(self):
        data = self.item.therapist_goal
        return self.goals[data.id] if data else None

    @property
    def latest_comments(self):
        """The end of the thread, shown on the round page; the rest is one click away."""
        return self.comments[-LATEST_COMMENTS:]

    @property
    def is_opposed(self):
        return self.link is not None and self.link.relation == Link.Relation.OPPOSED

    @property
    def state(self):
        """open, proposed or agreed (a confirmed resolution)."""
        if self.is_resolved:
            return "agreed"
        return "proposed" if self.resolution else "open"

    @property
    def open_labels(self):
        return [label for label in self.labels if label.is_open]

    @property
    def is_resolved(self):
        return self.resolution is not None and self.resolution.is_confirmed

    @property
    def agreed_title(self):
        """Wording of the agreed goal: the revision, else the client's words, else the goal's."""
        if self.resolution is None or not self.resolution.is_agreed_goal:
            return None
        if self.resolution.decision == Resolution.Decision.REVISE:
            return self.resolution.new_title
        return (self.client_goal or self.therapist_goal).title


@dataclass(frozen=True)
class _CommentPlace:
    round_id: int
    goal_id: int
    partner_id: int | None


@dataclass
class RoundView:
    round: Round
    goals: list
    comparison: comparison.Comparison
    items: list
    links: list
    suggestions: list

    def item(self, key):
        return next((view for view in self.items if view.key == key), None)

    def find(self, key):
        """The item with this key or, for ``g<id>``, the item that holds goal <id>."""
        found = self.item(key)
        if found is None and key[:1] == "g" and key[1:].isdigit():
            goal_id = int(key[1:])
            found = next((view for view in self.items if goal_id in view.goals), None)
        return found

    def _unlinked(self, side):
        linked = {link.client_goal_id for link in self.links} | {
            link.therapist_goal_id for link in self.links
        }
        return [goal for goal in self.goals if goal.side == side and goal.id not in linked]

    @cached_property
    def unlinked_client_goals(self):
        return self._unlinked(Side.CLIENT)

    @cached_property
    def unlinked_therapist_goals(self):
        return self._unlinked(Side.THERAPIST)

    @property
    def agreed(self):
        """Items both sides agreed to keep or revise: the round's outcome."""
        return [view for view in self.items if view.agreed_title]

    @property
    def unresolved(self):
        return [view for view in self.items if not view.is_resolved]


def round_view(round_, *, with_comments=True):
    """Load a revealed round and build its agenda, with one query per table.

    ``with_comments="count"`` counts each item's comments without reading them; the comments
    of chosen items can then be read with `comments_load`.
    """
    return round_views([round_], with_comments=with_comments)[round_.pk]


def comments_load(view, keys):
    """Read the comments of the items with these keys (one query), after a "count" load."""
    items = [item for item in view.items if item.key in keys]
    goal_ids = {goal_id for item in items for goal_id in item.goals}
    if not goal_ids:
        return
    rows = list(
        Comment.objects.filter(round_id=view.round.pk, goal_id__in=goal_ids).select_related(
            "author"
        )
    )
    for item in items:
        item.comments = [c for c in rows if c.goal_id in item.goals or c.partner_id in item.goals]


def round_views(rounds, *, with_comments=True):
    """Agendas of many rounds at once (dashboards): the same few queries for any number."""
    ids = [r.pk for r in rounds]
    goals = Goal.objects.filter(round_id__in=ids).order_by("side", "position", "id")
    labels = OverboardLabel.objects.filter(goal__round_id__in=ids).select_related("placed_by")
    links = Link.objects.filter(round_id__in=ids, removed_at__isnull=True)
    resolutions = Resolution.objects.filter(round_id__in=ids).select_related(
        "proposed_by", "confirmed_by"
    )
    if with_comments == "count":
        # Only where each comment hangs, as light tuples: the page shows counts.
        comments = [
            _CommentPlace(*row)
            for row in Comment.objects.filter(round_id__in=ids).values_list(
                "round_id", "goal_id", "partner_id"
            )
        ]
    elif with_comments:
        comments = Comment.objects.filter(round_id__in=ids).select_related("author")
    else:
        comments = Comment.objects.none()
    grouped = {
        pk: {"goals": [], "labels": [], "links": [], "comments": [], "res": []} for pk in ids
    }
    for goal in goals:
        grouped[goal.round_id]["goals"].append(goal)
    round_of_goal = {g.id: g.round_id for rows in grouped.values() for g in rows["goals"]}
    for label in labels:
        grouped[round_of_goal[label.goal_id]]["labels"].append(label)
    for key, rows in (("links", links), ("comments", comments), ("res", resolutions)):
        for row in rows:
            grouped[row.round_id][key].append(row)
    return {r.pk: _build(r, **grouped[r.pk]) for r in rounds}


def _build(round_, *, goals, labels, links, comments, res):
    by_id = {goal.id: goal for goal in goals}
    result = comparison.compare(
        goals=[goal.as_data() for goal in goals],
        links=[link.as_data() for link in links],
        labels=[label.as_data() for label in labels],
    )
    link_of = {link.client_goal_id: link for link in links}
    items = []
    # A pair's link is found by its client goal.
    for item in result.items:
        ids = {goal.id for goal in item.goals}
        current = [r for r in res if r.item_key == item.key]
        thread = [c for c in comments if c.goal_id in ids or c.partner_id in ids]
        items.append(
            ItemView(
                item=item,
                goals={goal_id: by_id[goal_id] for goal_id in ids},
                labels=[label for label in labels if label.goal_id in ids],
                comments=[] if thread and isinstance(thread[0], _CommentPlace) else thread,
                comment_count=len(thread),
                resolution=next((r for r in current if r.superseded_at is None), None),
                history=[r for r in current if r.superseded_at is not None],
                link=link_of.get(item.client_goal.id)
                if item.partner and item.client_goal
                else None,
            )
        )
    suggestions = _suggestions(goals, links) if not round_.is_closed else []
    for view in items:
        if view.item.partner is None:
            view.suggestions = [
                s
                for s in suggestions
                if view.item.goal.id in (s.client_goal_id, s.therapist_goal_id)
            ]
    return RoundView(
        round=round_,
        goals=goals,
        comparison=result,
        items=items,
        links=links,
        suggestions=suggestions,
    )


def _suggestions(goals, links):
    linked = {link.client_goal_id for link in links} | {link.therapist_goal_id for link in links}
    return matching.suggest_pairs(
        [g for g in goals if g.side == Side.CLIENT and g.id not in linked],
        [g for g in goals if g.side == Side.THERAPIST and g.id not in linked],
    )


@dataclass(frozen=True)
class Move:
    """What the person looking needs to do next, in words, and whether it is their turn."""

    text: str
    mine: bool


def reassigned_move(side):
    """The line shown on a round left open when the client moved to another therapist."""
    if side == Side.CLIENT:
        text = _("Read-only: you now work with another therapist, so this round no longer changes.")
    else:
        text = _("Read-only: this client now works with another therapist.")
    return Move(text, False)


def whose_move(*, round_, side, view=None, parts=None):
    """The next step for `side` in this round (the "Your move" line).

    `parts` maps side -> RoundSide while drafting; `view` is the RoundView once revealed.
    """
    if round_.is_closed and round_.closed_at_reassignment:
        return Move(
            _("Closed at reassignment. The goals agreed until then are its outcome."), False
        )
    if round_.is_closed:
        return Move(_("Closed. The agreed goals are the outcome of this round."), False)
    other = Side.THERAPIST if side == Side.CLIENT else Side.CLIENT
    other_name = round_.person(other).full_name
    if round_.is_drafting:
        if not parts[side].submitted:
            return Move(_("Write and submit your goals."), True)
        return Move(_("Waiting for %(name)s to submit their goals.") % {"name": other_name}, False)
    todo = []
    to_answer = [
        v
        for v in view.items
        if v.resolution is None
        and any(label.by_side == other and label.is_open for label in v.labels)
        and any(g.side == side for g in v.goals.values())
    ]
    to_confirm = [
        v
        for v in view.items
        if v.resolution and not v.resolution.is_confirmed and v.resolution.by_side == other
    ]
    if to_answer:
        todo.append(
            ngettext("respond to %(n)d label", "respond to %(n)d labels", len(to_answer))
            % {"n": len(to_answer)}
        )
    if to_confirm:
        todo.append(
            ngettext("confirm %(n)d resolution", "confirm %(n)d resolutions", len(to_confirm))
            % {"n": len(to_confirm)}
        )
    unproposed = [v for v in view.items if v.resolution is None and v not in to_answer]
    if unproposed:
        todo.append(
            ngettext(
                "propose how to resolve %(n)d item",
                "propose how to resolve %(n)d items",
                len(unproposed),
            )
            % {"n": len(unproposed)}
        )
    if todo:
        return Move(_("Your move: %(steps)s.") % {"steps": " · ".join(todo)}, True)
    if view.unresolved:
        return Move(
            _("Waiting for %(name)s to confirm your proposals.") % {"name": other_name}, False
        )
    if side == Side.THERAPIST:
        return Move(_("Every item is resolved: close the round when you are both ready."), True)
    return Move(
        _("Every item is resolved. %(name)s can close the round.") % {"name": other_name}, False
    )
