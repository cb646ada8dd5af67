"""Reports: the therapist's caseload, a client's history, one round's report and its CSV.

Read-only. Every builder runs a fixed number of queries whatever the number of clients or
rounds, and takes its agendas from `alignment.discussion.round_views`, so a report always says
what the round page says. Rounds come only through `alignment.access`: the caseload asks it
itself, the history and the report are given rounds the view got from it.
"""

import csv
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Assignment, User
from alignment.access import rounds_visible_to
from alignment.discussion import Move, RoundView, round_views, whose_move
from alignment.models import Link, Resolution, Round, Side

# --- Caseload -------------------------------------------------------------------------------

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


def caseload(*, therapist, sort="", q="", waiting=False, page=1):
    """Current clients of `therapist` (one row each) and past clients, filtered and sorted."""
    key, descending = parse_sort(sort)
    q = (q or "").strip()[:100]
    assignments = Assignment.objects.current().filter(
        therapist=therapist, client_user__clinic_id=therapist.clinic_id
    )
    current = [a.client_user for a in assignments.select_related("client_user")]
    people = {person.pk: person for person in current if _matches(person, q)}
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


# --- History --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRound:
    round: Round
    view: RoundView | None  # None while drafting: nothing of it is shown yet
    orphans: list  # resolutions of items that changed later (a link made or removed)

    @property
    def score(self):
        return self.view.comparison.score if self.view else None


@dataclass(frozen=True)
class ChartPoint:
    x: int
    y: int
    score: int
    label: str


@dataclass(frozen=True)
class Chart:
    """Coordinates of a small line chart of the score, drawn by the template as SVG."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list
    grid: list  # (y, "50%")

    @property
    def polyline(self):
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def client_history(rounds):
    """Every round given, oldest first, with its agenda once revealed."""
    rounds = list(rounds.select_related("client_user", "therapist").order_by("created_at", "pk"))
    revealed = [r for r in rounds if not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    orphans = _orphan_resolutions(revealed, views)
    return [HistoryRound(r, views.get(r.pk), orphans.get(r.pk, [])) for r in rounds]


def _orphan_resolutions(rounds, views):
    if not rounds:
        return {}
    found = {}
    for res in Resolution.objects.filter(round__in=rounds).select_related(
        "proposed_by", "confirmed_by", "goal", "partner"
    ):
        if views[res.round_id].item(res.item_key) is None:
            found.setdefault(res.round_id, []).append(res)
    return found


def score_chart(history, *, width=560, height=200):
    """The score of each revealed round, in order, as chart coordinates; None if no score."""
    scored = [entry for entry in history if entry.score is not None]
    if not scored:
        return None
    left, right, top, bottom = 44, width - 16, 12, height - 32
    step = (right - left) / max(len(scored) - 1, 1)
    points = [
        ChartPoint(
            x=round(left + i * step) if len(scored) > 1 else (left + right) // 2,
            y=round(bottom - (bottom - top) * entry.score / 100),
            score=entry.score,
            label=formats.date_format(timezone.localtime(entry.round.created_at), "M j"),
        )
        for i, entry in enumerate(scored)
    ]
    grid = [(round(bottom - (bottom - top) * pct / 100), f"{pct}%") for pct in (0, 50, 100)]
    return Chart(width, height, left, right, top, bottom, points, grid)


# --- Round report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundReport:
    view: RoundView
    links: list  # every link ever made, removed ones too
    resolutions: list  # every proposal, oldest first
    orphans: list

    @property
    def round(self):
        return self.view.round

    @property
    def goals_by_id(self):
        return {goal.pk: goal for goal in self.view.goals}

    @property
    def labels(self):
        return sorted(
            (label for item in self.view.items for label in item.labels),
            key=lambda label: (label.created_at, label.pk),
        )

    @property
    def comments(self):
        unique = {c.pk: c for item in self.view.items for c in item.comments}
        return sorted(unique.values(), key=lambda c: (c.created_at, c.pk))


def round_report(round_):
    """Everything a revealed round holds, for the printable page and the CSV."""
    view = round_views([round_])[round_.pk]
    links = list(
        Link.objects.filter(round=round_).select_related(
            "created_by", "removed_by", "client_goal", "therapist_goal"
        )
    )
    resolutions = list(
        Resolution.objects.filter(round=round_).select_related(
            "proposed_by", "confirmed_by", "goal", "partner"
        )
    )
    orphans = [res for res in resolutions if view.item(res.item_key) is None]
    return RoundReport(view=view, links=links, resolutions=resolutions, orphans=orphans)


CSV_COLUMNS = (
    "section", "item", "side", "goal", "partner_goal", "by", "by_side",
    "kind", "value", "text", "status", "at", "ended_by", "ended_at",
)  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell as text, with a leading quote if a spreadsheet would otherwise run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _when(moment):
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else ""


def _name(person):
    return person.full_name if person else ""


def report_rows(report):
    """One dict per record; codes (sides, kinds, decisions, areas) as stored, not translated."""
    round_, view = report.round, report.view
    titles = {goal.pk: goal.title for goal in view.goals}
    sides = {goal.pk: goal.side for goal in view.goals}
    for goal in view.goals:
        yield {
            "section": "goal",
            "side": goal.side,
            "goal": goal.title,
            "kind": goal.area,
            "value": goal.importance,
            "text": goal.success,
            "at": _when(goal.created_at),
        }
    for link in report.links:
        yield {
            "section": "link",
            "goal": link.client_goal.title,
            "partner_goal": link.therapist_goal.title,
            "by": _name(link.created_by),
            "status": "removed" if link.removed_at else "current",
            "at": _when(link.created_at),
            "ended_by": _name(link.removed_by),
            "ended_at": _when(link.removed_at),
        }
    for label in report.labels:
        yield {
            "section": "label",
            "side": sides[label.goal_id],
            "goal": titles[label.goal_id],
            "by": _name(label.placed_by),
            "by_side": label.by_side,
            "kind": label.kind,
            "text": label.reason,
            "status": "open" if label.is_open else "withdrawn",
            "at": _when(label.created_at),
            "ended_by": "" if label.is_open else _name(label.placed_by),
            "ended_at": _when(label.withdrawn_at),
        }
    for comment in report.comments:
        yield {
            "section": "comment",
            "goal": titles[comment.goal_id],
            "partner_goal": titles.get(comment.partner_id, ""),
            "by": _name(comment.author),
            "by_side": comment.by_side,
            "text": comment.body,
            "at": _when(comment.created_at),
        }
    for res in report.resolutions:
        yield {
            "section": "resolution",
            "item": res.item_key,
            "goal": titles[res.goal_id],
            "partner_goal": titles.get(res.partner_id, ""),
            "by": _name(res.proposed_by),
            "by_side": res.by_side,
            "kind": res.decision,
            "text": res.new_title,
            "status": _status(res),
            "at": _when(res.created_at),
            "ended_by": _name(res.confirmed_by),
            "ended_at": _when(res.confirmed_at or res.superseded_at),
        }
    for item in view.agreed:
        yield {
            "section": "agreed",
            "item": item.key,
            "goal": item.client_goal.title if item.client_goal else "",
            "partner_goal": item.therapist_goal.title if item.therapist_goal else "",
            "kind": item.resolution.decision,
            "text": item.agreed_title,
            "at": _when(item.resolution.confirmed_at),
        }
    result = view.comparison
    yield {
        "section": "score",
        "value": "" if result.score is None else result.score,
        # Words, not "6/9", which a spreadsheet would read as a date.
        "text": _("%(shared)d of %(total)d importance points in shared items")
        % {"shared": result.shared_importance, "total": result.total_importance},
        "status": round_.state,
        "at": _when(round_.last_activity_at),
    }


def _status(res):
    if res.superseded_at:
        return "superseded"
    return "confirmed" if res.is_confirmed else "proposed"


def write_csv(out, rows):
    """Write the rows as CSV to a file-like `out`, every cell neutralised."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([neutralise(row.get(column)) for column in CSV_COLUMNS])
