"""Who has seen my goals: each view of a client's rounds by someone else, from the audit trail."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alignment.models import Round
from audit.models import AuditEvent

PER_PAGE = 50
# What was opened, in words a client understands (URL name -> label).
WHAT = {
    "round_detail": _("the round page"),
    "round_report": _("the printable report"),
    "round_report_csv": _("the report as a spreadsheet (CSV)"),
    "client_history": _("your history across rounds"),
}


@dataclass(frozen=True)
class SeenLine:
    at: object
    viewer: object
    round: Round | None
    what: str


def views_by_others(*, client_user, page_number=None):
    """A page of successful views of this client's rounds and history by anyone else."""
    mine = Round.objects.filter(client_user=client_user).only("pk", "title", "created_at")
    rounds = {r.pk: r for r in mine}
    events = (
        AuditEvent.objects.filter(action="view", outcome="200", detail__in=WHAT)
        .filter(Q(round_id__in=list(rounds)) | Q(detail="client_history", object_id=client_user.pk))
        .exclude(actor_id=None)
        .exclude(actor_id=client_user.pk)
        .select_related("actor")
        .order_by("-seq")
    )
    page = Paginator(events, PER_PAGE).get_page(page_number)
    page.lines = [
        SeenLine(e.at, e.actor, rounds.get(e.round_id), WHAT[e.detail]) for e in page.object_list
    ]
    return page
