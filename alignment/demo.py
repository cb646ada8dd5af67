"""Demo rounds in every state, telling the stories SamePage exists for."""

from django.db import transaction
from django.utils import timezone

import audit
from alignment import notifications, services
from alignment.access import RoundAccess
from alignment.models import (
    Comment,
    Goal,
    Link,
    OverboardLabel,
    Resolution,
    Round,
    RoundSide,
    Side,
)
from alignment.services import GoalRow
from audit.models import AuditEvent

C, T = Side.CLIENT, Side.THERAPIST


def _as(round_, side):
    return RoundAccess(round=round_, side=side, can_write=True)


def _goals(round_, side, rows, *, submit=True):
    access = _as(round_, side)
    version = round_.sides.get(side=side).version
    services.goals_save(
        access=access,
        rows=[
            GoalRow(None, title, success, area, importance)
            for title, success, area, importance in rows
        ],
        version=version,
        submit=submit,
    )
    return list(Goal.objects.filter(round=round_, side=side).order_by("position"))


def _round(people, client_email, therapist_email, title):
    client_user, therapist = people[client_email], people[therapist_email]
    existing = Round.objects.filter(client_user=client_user, therapist=therapist, title=title)
    if existing.exists():
        return None
    return services.round_open(therapist=therapist, client_user=client_user, title=title)


# Every timestamp of a round, by model: the demo moves them all together, keeping their order.
TIMESTAMPS = [
    (Round, "pk", ["created_at", "revealed_at", "closed_at", "last_activity_at"]),
    (RoundSide, "round_id", ["updated_at", "submitted_at"]),
    (Goal, "round_id", ["created_at"]),
    (OverboardLabel, "goal__round_id", ["created_at", "withdrawn_at"]),
    (Link, "round_id", ["created_at", "removed_at"]),
    (Comment, "round_id", ["created_at"]),
    (Resolution, "round_id", ["created_at", "confirmed_at", "superseded_at"]),
]


def _spread(round_, *, from_days_ago, to_days_ago):
    """Date a round's story in the past, from opening to its last event, keeping every event in
    the order it happened: the n-th distinct moment lands the n-th step along the way."""
    rows = [
        (model, obj, field)
        for model, key, fields in TIMESTAMPS
        for obj in model.objects.filter(**{key: round_.pk})
        for field in fields
        if getattr(obj, field) is not None
    ]
    moments = sorted({getattr(obj, field) for _model, obj, field in rows})
    now = timezone.now()
    start, end = (
        now - timezone.timedelta(days=from_days_ago),
        now - timezone.timedelta(days=to_days_ago),
    )
    step = (end - start) / max(len(moments) - 1, 1)
    new_time = {moment: start + step * n for n, moment in enumerate(moments)}
    for model, obj, field in rows:
        model.objects.filter(pk=obj.pk).update(**{field: new_time[getattr(obj, field)]})


def _agree(round_, goal, partner, decision, by_side, new_title=""):
    proposer = _as(round_, by_side)
    confirmer = _as(round_, T if by_side == C else C)
    key = f"p{goal.pk}-{partner.pk}" if partner else f"g{goal.pk}"
    res = services.resolution_propose(
        access=proposer,
        item_key=key,
        decision=decision,
        new_title=new_title,
        by=round_.person(by_side),
    )
    services.resolution_confirm(access=confirmer, resolution=res, by=round_.person(confirmer.side))


def _maya_intake(people):
    """Closed: the performer's first round, with agreed goals to start the next one from."""
    round_ = _round(people, "client@example.com", "therapist@example.com", "Intake")
    if round_ is None:
        return
    mine = _goals(
        round_,
        C,
        [
            (
                "Get cast in a Broadway show within three years",
                "Callbacks turn into offers; I'm auditioning every month.",
                "direction",
                5,
            ),
            (
                "Stop falling apart after audition rejections",
                "A 'no' costs me an evening, not a week.",
                "mood",
                5,
            ),
        ],
    )
    theirs = _goals(
        round_,
        T,
        [
            ("Build resilience to rejection", "", "mood", 4),
            ("Keep a steady sleep routine during audition season", "", "health", 3),
        ],
    )
    rv = _as(round_, T)
    services.link_create(
        access=rv, client_goal=mine[1], therapist_goal=theirs[0], by=round_.therapist
    )
    _agree(
        round_,
        mine[1],
        theirs[0],
        Resolution.Decision.REVISE,
        T,
        "Recover faster after audition rejections",
    )
    _agree(round_, mine[0], None, Resolution.Decision.KEEP, C)
    _agree(round_, theirs[1], None, Resolution.Decision.KEEP, T)
    services.round_close(access=rv)
    _spread(round_, from_days_ago=62, to_days_ago=55)


def _maya_week8(people):
    """Discussing: the therapist's "learn to sit with failure", labelled overboard by Maya."""
    round_ = _round(people, "client@example.com", "therapist@example.com", "Week 8 review")
    if round_ is None:
        return
    mine = _goals(
        round_,
        C,
        [
            ("Get cast in a Broadway show within three years", "", "direction", 5),
            (
                "Recover faster after audition rejections",
                "I'm back to practising the day after a 'no'.",
                "mood",
                5,
            ),
            ("Stop panicking before auditions", "", "stress_anxiety", 4),
        ],
    )
    theirs = _goals(
        round_,
        T,
        [
            (
                "Learn to sit with failure",
                "Failure stops feeling like a verdict on Maya.",
                "mood",
                4,
            ),
            ("Reduce performance anxiety", "", "stress_anxiety", 3),
            ("Recover faster after setbacks", "", "mood", 4),
        ],
    )
    client_side, therapist_side = _as(round_, C), _as(round_, T)
    services.label_place(
        access=client_side,
        goal=theirs[0],
        kind="not_wanted",
        placed_by=round_.client_user,
        reason="I came to get better at handling rejection, not to stop trying.",
    )
    services.link_create(
        access=therapist_side, client_goal=mine[1], therapist_goal=theirs[2], by=round_.therapist
    )
    services.comment_add(
        access=therapist_side,
        item_key=f"g{theirs[0].pk}",
        author=round_.therapist,
        body="Fair. I meant: a 'no' shouldn't decide how you feel about yourself. Can we "
        "find wording that keeps your ambition?",
    )
    services.resolution_propose(
        access=therapist_side,
        item_key=f"g{theirs[0].pk}",
        decision="revise",
        new_title="Keep auditioning without letting each 'no' define me",
        by=round_.therapist,
    )
    _spread(round_, from_days_ago=12, to_days_ago=1)


def _jordan_intake(people):
    """Discussing: top grades while working full time; a goal Jordan labelled themselves."""
    round_ = _round(people, "client2@example.com", "therapist@example.com", "Intake")
    if round_ is None:
        return
    mine = _goals(
        round_,
        C,
        [
            ("Get top grades in every course while working full-time", "", "work_study", 5),
            ("Manage stress so I can keep going", "", "stress_anxiety", 5),
            ("Never take a day off until I graduate", "", "work_study", 3),
            ("Go out with friends every weekend to unwind", "", "relationships", 3),
        ],
        submit=False,
    )
    client_side = _as(round_, C)
    services.label_place(
        access=client_side,
        goal=mine[2],
        kind="too_hard",
        placed_by=round_.client_user,
        reason="Writing this down, I'm not sure it's healthy. I'd like to talk about it.",
    )
    version = round_.sides.get(side=C).version
    services.goals_save(
        access=client_side,
        rows=[GoalRow(g.pk, g.title, g.success, g.area, g.importance) for g in mine],
        version=version,
        submit=True,
    )
    theirs = _goals(
        round_,
        T,
        [
            ("Build stress management skills for school and work demands", "", "stress_anxiety", 5),
            ("Protect time for rest and sleep", "", "health", 4),
            ("Keep grades strong with a realistic study plan", "", "work_study", 3),
            ("Cut down on nights out during exam weeks", "", "habits", 3),
        ],
    )
    services.link_create(
        access=_as(round_, T), client_goal=mine[1], therapist_goal=theirs[0], by=round_.therapist
    )
    # Pulling apart: about the same thing, wanted in opposite directions. Linked so they are
    # talked through; neither counts as shared.
    services.link_create(
        access=_as(round_, T),
        client_goal=mine[2],
        therapist_goal=theirs[1],
        by=round_.therapist,
        relation=Link.Relation.OPPOSED,
    )
    services.link_create(
        access=client_side,
        client_goal=mine[3],
        therapist_goal=theirs[3],
        by=round_.client_user,
        relation=Link.Relation.OPPOSED,
    )
    # The therapist casts the client's own goal as a problem; Jordan sees this prominently.
    services.label_place(
        access=_as(round_, T),
        goal=mine[0],
        kind="unrealistic",
        placed_by=round_.therapist,
        reason="Top grades in every course on top of a full-time job leaves no room for rest. "
        "I'd like us to talk about what 'good enough' could look like, not drop your ambition.",
    )
    _spread(round_, from_days_ago=9, to_days_ago=2)


def _tom_drafting(people):
    """Drafting: the therapist has submitted, the client has not yet."""
    round_ = _round(people, "client3@example.com", "therapist2@example.com", "Intake")
    if round_ is None:
        return
    _goals(round_, T, [("Reduce drinking on weekdays", "", "habits", 4)])
    _goals(round_, C, [("Sleep through the night", "", "health", 4)], submit=False)
    _spread(round_, from_days_ago=4, to_days_ago=3)


def _kai_drafting(people):
    round_ = _round(
        people, "client@northside.example.com", "therapist@northside.example.com", "Intake"
    )
    if round_ is None:
        return
    _goals(round_, C, [("Feel less lonely since moving", "", "relationships", 4)], submit=False)
    _spread(round_, from_days_ago=3, to_days_ago=2)


def _therapist_views(people):
    """Therapists opened their clients' revealed rounds, so "who has seen my goals" lists them."""
    revealed = Round.objects.filter(client_user__clinic__isnull=False).exclude(
        state=Round.State.DRAFTING
    )
    for round_ in revealed.select_related("therapist", "client_user"):
        if AuditEvent.objects.filter(round_id=round_.pk, action="view").exists():
            continue
        for detail, object_type in (("round_detail", "round"), ("round_report", "round_report")):
            audit.record(
                action="view",
                outcome=200,
                actor=round_.therapist,
                object_type=object_type,
                object_id=round_.pk,
                round_id=round_.pk,
                clinic_id=round_.therapist.clinic_id,
                detail=detail,
            )


@transaction.atomic
def seed_rounds(people):
    """Create the demo rounds that do not exist yet."""
    with notifications.muted():
        for story in (_maya_intake, _maya_week8, _jordan_intake, _tom_drafting, _kai_drafting):
            story(people)
    _therapist_views(people)
