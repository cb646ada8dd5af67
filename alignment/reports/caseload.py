"""The therapist's caseload: one row per current client, sortable and filterable.

A fixed number of queries whatever the number of clients: filtering, sorting and paging
happen in SQL, on the rounds' stored summaries (`alignment.summary`), and only the shown page's
agendas are read, from `alignment.discussion.round_views`, so the dashboard says what each round
page says.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

from accounts.models import Assignment, User
from alignment import summary
from alignment.access import rounds_visible_to
from alignment.discussion import Move, round_views, whose_move
from alignment.models import Round, Side

SORTS = {
    "name": _("Client"),
    "state": _("Open round"),
    "move": _("Whose move"),
    "score": _("Alignment"),
    "labels": _("Open labels"),
    "unresolved": _("Unresolved items"),
    "activity": _("Last activity"),
}
DEFAULT_SORT = "name"
# Rows per page: enough for most caseloads, and a page stays quick to render.
PAGE_SIZE = 50


@dataclass(frozen=True)
class CaseloadRow:
    """One current client; the counts are None while there is no revealed open round."""

    client_user: User
    round: Round | None
    move: Move | None
    score: int | None
    open_labels: int | None
    unresolved: int | None
    last_activity: datetime | None


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    query: str  # the query string that sorts by this column (toggling the direction)
    aria_sort: str  # "ascending" / "descending" on the sorted column, else ""


@dataclass(frozen=True)
class Caseload:
    page: Page  # rows of `CaseloadRow`, PAGE_SIZE at a time
    past_clients: list
    columns: list
    sort: str
    descending: bool
    q: str
    waiting: bool
    current_count: int  # before the search and the filter

    @property
    def rows(self):
        return self.page.object_list

    @property
    def page_numbers(self):
        """Page links around the current page and at both ends, with … for the gaps."""
        return list(self.page.paginator.get_elided_page_range(self.page.number))

    @property
    def query(self):
        """This view's query string without the page number, for the page links."""
        return _query(f"-{self.sort}" if self.descending else self.sort, self.q, self.waiting)


def parse_sort(value):
    """`score` or `-score` from the whitelist; anything else sorts by name."""
    key = (value or "").removeprefix("-")
    if key not in SORTS:
        return DEFAULT_SORT, False
    return key, value.startswith("-")


def caseload(*, therapist, sort="", q="", waiting=False, page=1, only_clients=None):
    """Current clients of `therapist` (one row each) and past clients, filtered and sorted.

    `only_clients`, a set of client ids, keeps only those (filters computed elsewhere).
    """
    key, descending = parse_sort(sort)
    q = (q or "").strip()[:100]
    mine = rounds_visible_to(therapist).filter(therapist=therapist)
    summary.ensure(mine.open())
    # One current assignment per client (a constraint), so joining it lists each client once.
    current = User.objects.filter(
        assignments_as_client__therapist=therapist,
        assignments_as_client__ended_at__isnull=True,
        clinic_id=therapist.clinic_id,
    )
    people = _annotated(current, therapist, mine)
    if q:
        people = people.filter(full_name__icontains=q)
    if waiting:
        people = people.filter(open_to_move=True)
    if only_clients is not None:
        people = people.filter(pk__in=only_clients)
    pages = Paginator(_ordered(people, key, descending), PAGE_SIZE).get_page(page)
    shown = list(pages.object_list)
    open_rounds = {
        r.client_user_id: r
        for r in mine.open()
        .filter(pk__in=[p.open_round_id for p in shown if p.open_round_id])
        .prefetch_related("sides")
    }
    for person in shown:
        round_ = open_rounds.get(person.pk)
        if round_ is not None:
            # Both people are loaded already: attach them rather than join them again.
            round_.client_user, round_.therapist = person, therapist
    pages.object_list = _rows([(p, open_rounds.get(p.pk), p.last_activity) for p in shown])
    return Caseload(
        page=pages,
        past_clients=_past_clients(therapist, current, q),
        columns=_columns(key, descending, q=q, waiting=waiting),
        sort=key,
        descending=descending,
        q=q,
        waiting=waiting,
        current_count=current.count(),
    )


def _annotated(people, therapist, mine):
    """Each person with their open round's summary and their last activity, as SQL columns:
    the open round is joined (at most one per client and therapist, a constraint)."""
    open_round = FilteredRelation(
        "rounds_as_client",
        condition=Q(rounds_as_client__therapist=therapist)
        & ~Q(rounds_as_client__state=Round.State.CLOSED),
    )
    last = (
        mine.filter(client_user=OuterRef("pk"))
        .order_by()
        .values("client_user")
        .annotate(last=Max("last_activity_at"))
        .values("last")
    )
    return people.annotate(open_round=open_round).annotate(
        open_round_id=F("open_round__id"),
        open_state=F("open_round__state"),
        open_score=F("open_round__score"),
        open_labels=F("open_round__open_labels"),
        open_unresolved=F("open_round__unresolved"),
        open_to_move=F("open_round__therapist_to_move"),
        last_activity=Coalesce(F("open_round__last_activity_at"), Subquery(last[:1])),
    )


def _ordered(people, key, descending):
    """Sort by one column in SQL; rows without a value go last either way, ties by name."""
    by_name = Lower("full_name")
    state_rank = Case(
        When(open_state=Round.State.DRAFTING, then=Value(0)),
        When(open_state=Round.State.DISCUSSING, then=Value(1)),
        default=None,
        output_field=IntegerField(),
    )
    move_rank = Case(
        When(open_to_move=True, then=Value(0)),
        When(open_to_move=False, then=Value(1)),
        default=None,
        output_field=IntegerField(),
    )
    column = {
        "name": by_name,
        "state": state_rank,
        "move": move_rank,
        "score": F("open_score"),
        "labels": F("open_labels"),
        "unresolved": F("open_unresolved"),
        "activity": F("last_activity"),
    }[key]
    order = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
    return people.order_by(order, by_name, "pk")


def _rows(entries):
    """Caseload rows of (client, open round or None, last activity), agendas read in one go."""
    revealed = [r for _person, r, _last in entries if r is not None and not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    return [
        _row(person, round_, views.get(round_.pk) if round_ else None, last)
        for person, round_, last in entries
    ]


def _row(person, round_, view, activity):
    if round_ is None:
        return CaseloadRow(person, None, None, None, None, None, activity)
    parts = {part.side: part for part in round_.sides.all()}
    move = whose_move(round_=round_, side=Side.THERAPIST, view=view, parts=parts)
    if view is None:
        return CaseloadRow(person, round_, move, None, None, None, activity)
    labels = sum(len(item.open_labels) for item in view.items)
    score, unresolved = view.comparison.score, len(view.unresolved)
    return CaseloadRow(person, round_, move, score, labels, unresolved, activity)


def _past_clients(therapist, current, q):
    """Clients this therapist had, who are not currently theirs: read-only history."""
    ended = Assignment.objects.filter(therapist=therapist, ended_at__isnull=False)
    people = User.objects.filter(
        pk__in=ended.values("client_user_id"), clinic_id=therapist.clinic_id
    ).exclude(pk__in=current.values("pk"))
    if q:
        people = people.filter(full_name__icontains=q)
    return list(people.order_by(Lower("full_name"), "pk"))


def _columns(key, descending, *, q, waiting):
    columns = []
    for name, label in SORTS.items():
        flip = name == key and not descending
        query = _query(f"-{name}" if flip else name, q, waiting)
        current = ("descending" if descending else "ascending") if name == key else ""
        columns.append(Column(name, label, query, current))
    return columns


def _query(sort, q, waiting):
    params = {"sort": sort}
    if q:
        params["q"] = q
    if waiting:
        params["waiting"] = "1"
    return urlencode(params)
