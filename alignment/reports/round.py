"""One round's report, for print and as a CSV a spreadsheet cannot run formulas from."""

import csv
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alignment.discussion import RoundView, round_views
from alignment.models import Link, Resolution


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
            "kind": link.relation,
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
