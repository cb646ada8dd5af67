"""Everything SamePage holds about one client, as plain data (the files are built in
exports.datafiles).

The rule of the round page holds here too: while a round is drafting, only the client's own
goals are in it, never the therapist's draft. Labels, links, comments and resolutions exist
only after the reveal.
"""

from django.db.models import Q
from django.utils import timezone

from accounts.models import Assignment
from alignment import access as access_rules
from alignment.models import Comment, Goal, Link, OverboardLabel, Resolution, RoundSide, Side
from audit.models import AuditEvent
from checkins import reading as checkin_reading
from checkins.models import CheckinSide


def when(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _name(person):
    return person.full_name if person else None


def ratings_for(client_user):
    """Check-in ratings of this client's agreed goals, one dict per rating, oldest first.

    Both sides' ratings once a check-in is revealed; of a check-in still open, only the
    client's own (state "draft", or "submitted" while the therapist has not). The therapist's
    ratings of an open check-in are never in it, as on the check-in page.
    """
    submitted = set(
        CheckinSide.objects.filter(
            checkin__client_user=client_user, side=Side.CLIENT, submitted_at__isnull=False
        ).values_list("checkin_id", flat=True)
    )
    out = []
    for rating in checkin_reading.ratings_seen_by_client(client_user):
        checkin = rating.goal.checkin
        if checkin.is_revealed:
            state = "revealed"
        else:
            state = "submitted" if checkin.pk in submitted else "draft"
        own = rating.side == Side.CLIENT
        out.append(
            {
                "round": checkin.round_id,
                "checkin": checkin.pk,
                "checkin_opened": when(checkin.created_at),
                "goal": rating.goal.title,
                "side": rating.side,
                "by": "you" if own else checkin.therapist.full_name,
                "value": rating.score,
                "attainment_level": rating.gas_level,
                "note": rating.note,
                "state": state,
                "when": when(checkin.revealed_at),
            }
        )
    return out


def account_data(user):
    assignments = Assignment.objects.filter(client_user=user).select_related("therapist")
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "clinic": user.clinic.name if user.clinic else None,
        "roles": [str(role) for role in user.roles],
        "joined": when(user.date_joined),
        "last_sign_in": when(user.last_login),
        "therapists": [
            {
                "therapist": a.therapist.full_name,
                "from": when(a.started_at),
                "until": when(a.ended_at),
            }
            for a in assignments
        ],
    }


def rounds_data(user):
    """Every round of this client, oldest first, as the client may see it."""
    rounds = list(
        access_rules.rounds_visible_to(user)
        .filter(client_user=user)
        .select_related("therapist")
        .order_by("created_at", "id")
    )
    ids = [r.pk for r in rounds]
    revealed = {r.pk for r in rounds if not r.is_drafting}
    visible = Q(round_id__in=revealed) | Q(round_id__in=ids, side=Side.CLIENT)
    goals = list(Goal.objects.filter(visible).order_by("round_id", "side", "position", "id"))
    titles = {g.pk: g.title for g in goals}
    submitted = {
        (part.round_id, part.side): part.submitted_at
        for part in RoundSide.objects.filter(round_id__in=ids)
    }
    labels = OverboardLabel.objects.filter(goal__round_id__in=revealed).select_related(
        "placed_by", "goal"
    )
    links = Link.objects.filter(round_id__in=revealed).select_related("created_by", "removed_by")
    comments = Comment.objects.filter(round_id__in=revealed).select_related("author")
    resolutions = Resolution.objects.filter(round_id__in=revealed).select_related(
        "proposed_by", "confirmed_by"
    )
    out = []
    for round_ in rounds:
        mine = [g for g in goals if g.round_id == round_.pk]
        out.append(
            {
                "id": round_.pk,
                "title": round_.title,
                "state": round_.state,
                "therapist": round_.therapist.full_name,
                "opened": when(round_.created_at),
                "revealed": when(round_.revealed_at),
                "closed": when(round_.closed_at),
                "you_submitted": when(submitted.get((round_.pk, Side.CLIENT))),
                "goals": [_goal(g, round_) for g in mine],
                "labels": [_label(x, titles) for x in labels if x.goal.round_id == round_.pk],
                "links": [_link(x, titles) for x in links if x.round_id == round_.pk],
                "comments": [_comment(x, titles) for x in comments if x.round_id == round_.pk],
                "resolutions": [
                    _resolution(x, titles) for x in resolutions if x.round_id == round_.pk
                ],
            }
        )
    return out


def _goal(goal, round_):
    own = goal.side == Side.CLIENT
    return {
        "id": goal.pk,
        "written_by": "you" if own else round_.therapist.full_name,
        "side": goal.side,
        "draft": own and round_.is_drafting,
        "title": goal.title,
        "what_success_would_look_like": goal.success,
        "life_area": goal.area,
        "importance": goal.importance,
        "created": when(goal.created_at),
    }


def _label(label, titles):
    return {
        "goal": titles.get(label.goal_id),
        "by": _name(label.placed_by),
        "by_side": label.by_side,
        "kind": label.kind,
        "reason": label.reason,
        "placed": when(label.created_at),
        "withdrawn": when(label.withdrawn_at),
    }


def _link(link, titles):
    return {
        "client_goal": titles.get(link.client_goal_id),
        "therapist_goal": titles.get(link.therapist_goal_id),
        "by": _name(link.created_by),
        "linked": when(link.created_at),
        "removed_by": _name(link.removed_by),
        "removed": when(link.removed_at),
    }


def _comment(comment, titles):
    return {
        "goal": titles.get(comment.goal_id),
        "partner_goal": titles.get(comment.partner_id),
        "by": _name(comment.author),
        "by_side": comment.by_side,
        "text": comment.body,
        "written": when(comment.created_at),
    }


def _resolution(res, titles):
    return {
        "goal": titles.get(res.goal_id),
        "partner_goal": titles.get(res.partner_id),
        "decision": res.decision,
        "agreed_new_wording": res.new_title,
        "proposed_by": _name(res.proposed_by),
        "proposed": when(res.created_at),
        "confirmed_by": _name(res.confirmed_by),
        "confirmed": when(res.confirmed_at),
        "superseded": when(res.superseded_at),
    }


def access_log(user):
    """Audit events about this client: their rounds and history opened by anyone, and their own
    account events. Other people's IP addresses are left out; the client's own are kept."""
    round_ids = list(access_rules.rounds_visible_to(user).values_list("pk", flat=True))
    about = (
        Q(round_id__in=round_ids)
        | Q(object_type__in=("user", "client", "client_history", "client_fhir"), object_id=user.pk)
        | Q(actor_id=user.pk)
    )
    events = AuditEvent.objects.filter(about).select_related("actor").order_by("seq")
    return [
        {
            "when": when(e.at),
            "who": "you" if e.actor_id == user.pk else _name(e.actor),
            "action": e.action,
            "what": e.object_type,
            "object_id": e.object_id,
            "round_id": e.round_id,
            "page": e.detail,
            "outcome": e.outcome,
            "ip": e.ip if e.actor_id == user.pk else None,
        }
        for e in events
    ]


def client_data(user):
    """Everything, as one JSON-ready dict."""
    return {
        "generated": when(timezone.now()),
        "account": account_data(user),
        "rounds": rounds_data(user),
        "ratings": ratings_for(user),
        "access_log": access_log(user),
    }
