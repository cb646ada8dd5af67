"""Side-by-side comparison of a round's client and therapist goals.

Pure Python (no Django, no ORM): the database layer turns its rows into ``GoalData``,
``LinkData`` and ``LabelData`` and calls ``compare``, which returns the agenda items in the
order they are discussed, plus the alignment score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

OVERBOARD, OPPOSED, CLIENT_ONLY, THERAPIST_ONLY, GAP, SHARED = (
    "overboard",
    "opposed",
    "client_only",
    "therapist_only",
    "gap",
    "shared",
)
# Agenda order: what most needs talking about comes first. An opposed pair ("pulling apart")
# follows overboard: both goals are about one thing but want it to go opposite ways.
KIND_ORDER = (OVERBOARD, OPPOSED, CLIENT_ONLY, THERAPIST_ONLY, GAP, SHARED)
CLIENT, THERAPIST = "client", "therapist"
SIDES = (CLIENT, THERAPIST)
GAP_THRESHOLD = 2
SAME, OPPOSITE = "same", "opposed"
RELATIONS = (SAME, OPPOSITE)


@dataclass(frozen=True)
class GoalData:
    id: int
    side: str
    title: str
    importance: int
    area: str = "other"
    position: int = 0


@dataclass(frozen=True)
class LabelData:
    id: int
    goal_id: int
    by_side: str
    kind: str
    reason: str
    withdrawn: bool = False


@dataclass(frozen=True)
class LinkData:
    client_goal_id: int
    therapist_goal_id: int
    relation: str = SAME  # SAME: they mean the same thing; OPPOSITE: they pull apart


def item_key(goal_id: int, partner_id: int | None = None, *, goal_side: str = CLIENT) -> str:
    """Return the stable key of an item: ``g<id>`` for a single goal, ``p<client>-<therapist>``
    for a pair, whichever side ``goal_id`` is on."""
    if goal_side not in SIDES:
        raise ValueError(f"unknown side {goal_side!r}; expected one of {SIDES}")
    if partner_id is None:
        return f"g{goal_id}"
    if goal_side == CLIENT:
        return f"p{goal_id}-{partner_id}"
    return f"p{partner_id}-{goal_id}"


@dataclass(frozen=True)
class Item:
    kind: str
    goal: GoalData
    partner: GoalData | None = None
    labels: tuple[LabelData, ...] = ()

    @property
    def key(self) -> str:
        """Stable id of the item, the same whichever goal of a pair is the labelled one."""
        partner_id = self.partner.id if self.partner else None
        return item_key(self.goal.id, partner_id, goal_side=self.goal.side)

    @property
    def client_goal(self) -> GoalData | None:
        """The client's goal in this item, if any."""
        return self._goal_of(CLIENT)

    @property
    def therapist_goal(self) -> GoalData | None:
        """The therapist's goal in this item, if any."""
        return self._goal_of(THERAPIST)

    @property
    def goals(self) -> tuple[GoalData, ...]:
        """The goal, followed by its partner when there is one."""
        return (self.goal,) if self.partner is None else (self.goal, self.partner)

    @property
    def importance_gap(self) -> int | None:
        """Absolute importance difference for a pair; None for a single goal."""
        if self.partner is None:
            return None
        return abs(self.goal.importance - self.partner.importance)

    def _goal_of(self, side: str) -> GoalData | None:
        return next((g for g in self.goals if g.side == side), None)


@dataclass(frozen=True)
class Comparison:
    items: tuple[Item, ...]
    shared_importance: int
    total_importance: int

    @property
    def score(self) -> int | None:
        """Shared importance as a whole percent of total importance (half up); None if no goals."""
        if self.total_importance == 0:
            return None
        # Integer half-up rounding: float round() would use banker's rounding (12.5 -> 12).
        return (200 * self.shared_importance + self.total_importance) // (2 * self.total_importance)

    def of_kind(self, kind: str) -> tuple[Item, ...]:
        """The items of one kind, in agenda order."""
        if kind not in KIND_ORDER:
            raise ValueError(f"unknown item kind {kind!r}; expected one of {KIND_ORDER}")
        return tuple(item for item in self.items if item.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        """Number of items per kind, every kind present (0 included)."""
        return {kind: len(self.of_kind(kind)) for kind in KIND_ORDER}


def _index_goals(goals: Iterable[GoalData]) -> dict[int, GoalData]:
    by_id: dict[int, GoalData] = {}
    for goal in goals:
        if goal.id in by_id:
            raise ValueError(f"goal {goal.id} is given more than once")
        if goal.side not in SIDES:
            raise ValueError(f"goal {goal.id} has unknown side {goal.side!r}")
        if not 1 <= goal.importance <= 5:
            raise ValueError(f"goal {goal.id} has importance {goal.importance}; expected 1..5")
        by_id[goal.id] = goal
    return by_id


def _index_links(
    links: Iterable[LinkData], goals: dict[int, GoalData]
) -> tuple[dict[int, int], set[int]]:
    """Map each linked goal id to its partner's id, and give the client goal ids of opposed
    links; refuse links the database should forbid."""
    partner_of: dict[int, int] = {}
    opposed: set[int] = set()
    for link in links:
        ids = (link.client_goal_id, link.therapist_goal_id)
        if link.relation not in RELATIONS:
            raise ValueError(f"link {ids} has unknown relation {link.relation!r}")
        for goal_id, side in zip(ids, SIDES, strict=True):
            if goal_id not in goals:
                raise ValueError(f"link {ids} refers to unknown goal {goal_id}")
            if goals[goal_id].side != side:
                raise ValueError(
                    f"link {ids} must pair a client goal with a therapist goal, "
                    f"but goal {goal_id} is a {goals[goal_id].side} goal"
                )
            if goal_id in partner_of:
                raise ValueError(f"goal {goal_id} is in more than one link")
        partner_of[link.client_goal_id] = link.therapist_goal_id
        partner_of[link.therapist_goal_id] = link.client_goal_id
        if link.relation == OPPOSITE:
            opposed.add(link.client_goal_id)
    return partner_of, opposed


def _open_labels(
    labels: Iterable[LabelData], goals: dict[int, GoalData]
) -> dict[int, list[LabelData]]:
    open_by_goal: dict[int, list[LabelData]] = {}
    for label in labels:
        if label.goal_id not in goals:
            raise ValueError(f"label {label.id} is on unknown goal {label.goal_id}")
        if not label.withdrawn:
            open_by_goal.setdefault(label.goal_id, []).append(label)
    return open_by_goal


def _sort_key(item: Item) -> tuple[int, int, int, int]:
    # A pair ranks by its more important goal, so a 5 next to a 1 is not buried.
    importance = max(goal.importance for goal in item.goals)
    return (-importance, SIDES.index(item.goal.side), item.goal.position, item.goal.id)


def _groups(goals: dict[int, GoalData], partner_of: dict[int, int]) -> list[tuple[GoalData, ...]]:
    """Each linked pair once as (client, therapist), each unlinked goal on its own."""
    groups: list[tuple[GoalData, ...]] = []
    for goal in goals.values():
        if goal.id not in partner_of:
            groups.append((goal,))
        elif goal.side == CLIENT:
            groups.append((goal, goals[partner_of[goal.id]]))
    return groups


def _classify(
    group: tuple[GoalData, ...], open_by_goal: dict[int, list[LabelData]], opposed: set[int]
) -> Item:
    found = tuple(
        sorted((lab for g in group for lab in open_by_goal.get(g.id, ())), key=lambda x: x.id)
    )
    if found:
        # The labelled goal leads; when both goals of a pair are labelled the client's does.
        lead = next(g for g in group if g.id in open_by_goal)
        partner = next((g for g in group if g is not lead), None)
        return Item(OVERBOARD, lead, partner, found)
    if len(group) == 1:
        return Item(CLIENT_ONLY if group[0].side == CLIENT else THERAPIST_ONLY, group[0])
    client, therapist = group
    if client.id in opposed:
        return Item(OPPOSED, client, therapist)
    gap = abs(client.importance - therapist.importance)
    return Item(GAP if gap >= GAP_THRESHOLD else SHARED, client, therapist)


def compare(
    *,
    goals: Iterable[GoalData],
    links: Iterable[LinkData] = (),
    labels: Iterable[LabelData] = (),
) -> Comparison:
    """Classify a round's goals into agenda items and compute the alignment score.

    Raises ValueError for links or labels that refer to unknown goals or break the link rules.
    """
    by_id = _index_goals(goals)
    partner_of, opposed = _index_links(links, by_id)
    open_by_goal = _open_labels(labels, by_id)

    items = [_classify(group, open_by_goal, opposed) for group in _groups(by_id, partner_of)]
    items.sort(key=lambda item: (KIND_ORDER.index(item.kind), *_sort_key(item)))
    shared = sum(g.importance for item in items if item.kind == SHARED for g in item.goals)
    total = sum(goal.importance for goal in by_id.values())
    return Comparison(tuple(items), shared, total)
