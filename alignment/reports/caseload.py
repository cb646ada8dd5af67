"""The therapist's caseload: one row per current client, sortable and filterable.

A fixed number of queries whatever the number of clients; agendas come from
`alignment.discussion.round_views`, so the dashboard says what each round page says.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from accounts.models import Assignment, User
from alignment.access import rounds_visible_to
from alignment.discussion import Move, round_views, whose_move
from alignment.models import Round, Side

STATE_RANK = {Round.State.DRAFTING: 0, Round.State.DISCUSSING: 1}
SORTS = {
    "name": (_("Client"), lambda row: row.client_user.full_name.casefold()),
    "state": (_("Open round"), lambda row: STATE_RANK[row.round.state] if row.round else None),
    "move": (_("Whose move"), lambda row: (0 if row.move.mine else 1) if row.move else None),
    "score": (_("Alignment"), lambda row: row.score),
    "labels": (_("Open labels"), lambda row: row.open_labels),
    "unresolved": (_("Unresolved items"), lambda row: row.unresolved),
    "activity": (_("Last activity"), lambda row: row.last_activity),
}
DEFAULT_SORT = "name"
# Sorting by these needs every open round's agenda, not only the shown page's.
NEEDS_AGENDA = {"move", "score", "labels", "unresolved"}
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
    assignments = Assignment.objects.current().filter(
        therapist=therapist, client_user__clinic_id=therapist.clinic_id
    )
    current = [a.client_user for a in assignments.select_related("client_user")]
    people = {person.pk: person for person in current if _matches(person, q)}
    if only_clients is not None:
        people = {pk: person for pk, person in people.items() if pk in only_clients}
    mine = rounds_visible_to(therapist).filter(therapist=therapist)
    open_rounds = {}
    for round_ in mine.open().prefetch_related("sides"):
        if round_.client_user_id in people:
            # Both people are loaded already: attach them rather than join them again.
            round_.client_user, round_.therapist = people[round_.client_user_id], therapist
            open_rounds[round_.client_user_id] = round_
    last = dict(
        mine.values("client_user_id")
        .annotate(last=Max("last_activity_at"))
        .values_list("client_user_id", "last")
    )
    entries = [(person, open_rounds.get(pk)) for pk, person in people.items()]
    if waiting or key in NEEDS_AGENDA:
        rows = _rows(entries, last)
        if waiting:
            rows = [row for row in rows if row.move and row.move.mine]
        pages = Paginator(_sorted(rows, key, descending), PAGE_SIZE).get_page(page)
    else:
        # Name, state and activity are known without the agendas: sort, then build the agendas
        # of the shown page only.
        rows = [
            CaseloadRow(p, r, None, None, None, None, _activity(p, r, last)) for p, r in entries
        ]
        pages = Paginator(_sorted(rows, key, descending), PAGE_SIZE).get_page(page)
        pages.object_list = _rows([(row.client_user, row.round) for row in pages], last)
    past = _past_clients(therapist, current)
    return Caseload(
        page=pages,
        past_clients=[person for person in past if _matches(person, q)],
        columns=_columns(key, descending, q=q, waiting=waiting),
        sort=key,
        descending=descending,
        q=q,
        waiting=waiting,
        current_count=len(current),
    )


def _rows(entries, last):
    """Caseload rows of (client, open round or None) pairs, agendas read in one go."""
    revealed = [r for _person, r in entries if r is not None and not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    return [
        _row(person, round_, views.get(round_.pk) if round_ else None, last)
        for person, round_ in entries
    ]


def _activity(person, round_, last):
    return round_.last_activity_at if round_ else last.get(person.pk)


def _row(person, round_, view, last):
    activity = _activity(person, round_, last)
    if round_ is None:
        return CaseloadRow(person, None, None, None, None, None, activity)
    parts = {part.side: part for part in round_.sides.all()}
    move = whose_move(round_=round_, side=Side.THERAPIST, view=view, parts=parts)
    if view is None:
        return CaseloadRow(person, round_, move, None, None, None, activity)
    labels = sum(len(item.open_labels) for item in view.items)
    score, unresolved = view.comparison.score, len(view.unresolved)
    return CaseloadRow(person, round_, move, score, labels, unresolved, activity)


def _matches(person, q):
    return not q or q.casefold() in person.full_name.casefold()


def _past_clients(therapist, current):
    """Clients this therapist had, who are not currently theirs: read-only history."""
    ended = Assignment.objects.filter(
        therapist=therapist, ended_at__isnull=False, client_user__clinic_id=therapist.clinic_id
    ).exclude(client_user__in=current)
    people = {a.client_user_id: a.client_user for a in ended.select_related("client_user")}
    return sorted(people.values(), key=lambda person: person.full_name.casefold())


def _sorted(rows, key, descending):
    """Sort by one column; rows without a value go last either way, ties stay by name."""
    value = SORTS[key][1]
    by_name = sorted(rows, key=SORTS["name"][1])
    present = sorted(
        (row for row in by_name if value(row) is not None), key=value, reverse=descending
    )
    return present + [row for row in by_name if value(row) is None]


def _columns(key, descending, *, q, waiting):
    columns = []
    for name, (label, _value) in SORTS.items():
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
