"""Rounds built in a few lines: through the services, as people would, or straight as rows.

`build_round` walks a round through the real services (open, save, submit), so a test starts
from a state the app itself produced. `post_goals` sends the goal formset through the view,
the way the browser form does. `db_state` takes a picture of everything a round holds, so a
test can say "nothing changed" and mean it.
"""

import html
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Assignment
from alignment import access as access_rules
from alignment import services
from alignment.access import RoundAccess
from alignment.comparison import item_key
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

# Distinctive wording, so that finding it in a page can only mean the goal itself is shown.
CLIENT_GOALS = ("Excellent grades while working full time", "Cope with rejection on the way")
THERAPIST_GOALS = ("Learn to sit with failure quietly", "Drop the unreasonable expectations")


def rows(*titles, area="other", importance=3, success=""):
    """New goal rows, one per title, for `services.goals_save`."""
    return [
        GoalRow(goal_id=None, title=t, success=success, area=area, importance=importance)
        for t in titles
    ]


def as_side(round_, side):
    """The round as one side sees it, allowed to write: for setting scenes in report tests."""
    return RoundAccess(round=round_, side=side, can_write=True)


def write_side(round_, side, *titles, submit=True, area="other"):
    """Save (and submit) these goal titles for one side; returns that side's goals in order."""
    services.goals_save(
        access=as_side(round_, side),
        rows=rows(*titles, area=area),
        version=version_of(round_, side),
        submit=submit,
    )
    return list(Goal.objects.filter(round=round_, side=side).order_by("position"))


def access_for(user, round_):
    return access_rules.round_for(user, round_.pk)


def version_of(round_, side):
    return RoundSide.objects.get(round=round_, side=side).version


def write_goals(user, round_, goals, *, submit=False):
    """Replace `user`'s draft with `goals` (titles or GoalRows) through the service."""
    access = access_for(user, round_)
    goal_rows = [g if isinstance(g, GoalRow) else rows(g)[0] for g in goals]
    return services.goals_save(
        access=access,
        rows=goal_rows,
        version=version_of(round_, access.side),
        submit=submit,
    )


def submit(user, round_):
    """Submit `user`'s current draft unchanged."""
    access = access_for(user, round_)
    kept = [
        GoalRow(g.id, g.title, g.success, g.area, g.importance)
        for g in Goal.objects.filter(round=round_, side=access.side)
    ]
    return services.goals_save(
        access=access, rows=kept, version=version_of(round_, access.side), submit=True
    )


def goal_titled(round_, title):
    return Goal.objects.get(round=round_, title=title)


def key_of(goal, partner=None):
    """The agenda item key of a goal (or of a linked pair)."""
    return item_key(goal.pk, partner.pk if partner else None, goal_side=goal.side)


def label(user, round_, goal, reason="It asks too much of you.", kind="too_hard"):
    return services.label_place(
        access=access_for(user, round_), goal=goal, kind=kind, reason=reason, placed_by=user
    )


def comment(user, round_, key, body="Can we talk about this?"):
    return services.comment_add(
        access=access_for(user, round_), item_key=key, body=body, author=user
    )


def propose(user, round_, key, decision="keep", new_title=""):
    return services.resolution_propose(
        access=access_for(user, round_),
        item_key=key,
        decision=decision,
        new_title=new_title,
        by=user,
    )


def confirm(user, round_, resolution):
    return services.resolution_confirm(
        access=access_for(user, round_), resolution=resolution, by=user
    )


def link(user, round_, client_goal, therapist_goal):
    return services.link_create(
        access=access_for(user, round_),
        client_goal=client_goal,
        therapist_goal=therapist_goal,
        by=user,
    )


def close(therapist, round_):
    return services.round_close(access=access_for(therapist, round_))


def replace_therapist(client_user, new_therapist):
    """The clinic gives the client another therapist; the old assignment is kept as ended."""
    Assignment.objects.current().filter(client_user=client_user).update(ended_at=timezone.now())
    Assignment.objects.create(client_user=client_user, therapist=new_therapist)


def db_state():
    """Everything the alignment tables hold, as plain values: equal before and after = no change."""
    models = (Round, RoundSide, Goal, OverboardLabel, Link, Comment, Resolution)
    return {
        model.__name__: sorted(tuple(str(v) for v in row) for row in model.objects.values_list())
        for model in models
    }


def html_of(response):
    return response.content.decode()


def text_of(response):
    """The page as a person reads it: entities such as &#x27; turned back into characters."""
    return html.unescape(html_of(response))


@pytest.fixture
def build_round(therapist, client_user):
    """A round between `therapist` and `client_user`, taken as far as asked through the services.

    reveal=True submits both sides (the round is then discussing); submitted=("client",) submits
    only the named sides.
    """

    def build(
        *,
        title="Intake",
        client_goals=CLIENT_GOALS,
        therapist_goals=THERAPIST_GOALS,
        reveal=False,
        submitted=(),
        therapist_user=None,
        client=None,
    ):
        who_t = therapist_user or therapist
        who_c = client or client_user
        round_ = services.round_open(therapist=who_t, client_user=who_c, title=title)
        if client_goals:
            write_goals(who_c, round_, client_goals)
        if therapist_goals:
            write_goals(who_t, round_, therapist_goals)
        sides = (Side.CLIENT, Side.THERAPIST) if reveal else submitted
        for side in sides:
            submit(who_c if side == Side.CLIENT else who_t, round_)
        round_.refresh_from_db()
        return round_

    return build


@pytest.fixture
def drafting_round(build_round):
    """Both sides have a saved draft of two goals; neither has submitted."""
    return build_round()


@pytest.fixture
def revealed_round(build_round):
    """Both sides submitted two goals each: the round is discussing."""
    return build_round(reveal=True)


@pytest.fixture
def closed_round(revealed_round, therapist):
    close(therapist, revealed_round)
    revealed_round.refresh_from_db()
    return revealed_round


@pytest.fixture
def as_user(client):
    """The test browser, signed in as whoever is given."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def goal_form_data(goals, *, version, action="save", total=None):
    """POST data of the goal formset: goals are dicts (goal_id, title, success, area,
    importance, DELETE); rows with a goal_id come first, as the page renders them."""
    initial = sum(1 for g in goals if g.get("goal_id"))
    data = {
        "goals-TOTAL_FORMS": str(total if total is not None else len(goals)),
        "goals-INITIAL_FORMS": str(initial),
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "10",
        "version": str(version),
        "action": action,
    }
    for i, goal in enumerate(goals):
        data[f"goals-{i}-goal_id"] = str(goal.get("goal_id") or "")
        data[f"goals-{i}-title"] = goal.get("title", "")
        data[f"goals-{i}-success"] = goal.get("success", "")
        # A row left empty keeps the blank life area the page offers; a written one has one.
        data[f"goals-{i}-area"] = goal.get("area", "other" if goal.get("title") else "")
        data[f"goals-{i}-importance"] = str(goal.get("importance", 3))
        if goal.get("DELETE"):
            data[f"goals-{i}-DELETE"] = "on"
    return data


def as_form_rows(round_, side):
    """The saved draft of one side as formset rows, ready to edit and post back."""
    return [
        {
            "goal_id": g.pk,
            "title": g.title,
            "success": g.success,
            "area": g.area,
            "importance": g.importance,
        }
        for g in Goal.objects.filter(round=round_, side=side)
    ]


@pytest.fixture
def post_goals(client):
    """Post the goal formset through the view as the signed-in person (sign in first).

    version defaults to the side's current version, i.e. a page loaded just now.
    """

    def post(round_, goals, *, side, version=None, action="save", total=None, **extra):
        data = goal_form_data(
            goals,
            version=version_of(round_, side) if version is None else version,
            action=action,
            total=total,
        )
        return client.post(reverse("goals_save", args=[round_.pk]), data, **extra)

    return post


def new_token():
    return str(uuid.uuid4())


@pytest.fixture
def discussed_round(revealed_round, therapist, client_user):
    """A revealed round with one of everything: the therapist's label on the client's first
    goal, the second goals linked, a comment on that pair, and a keep proposal by the
    therapist on their first goal that the client has not confirmed yet."""
    round_ = revealed_round
    c0, c1 = (goal_titled(round_, t) for t in CLIENT_GOALS)
    t0, t1 = (goal_titled(round_, t) for t in THERAPIST_GOALS)
    label(therapist, round_, c0, reason="Perfect grades and full-time work at once burn you out.")
    link(client_user, round_, c1, t1)
    comment(client_user, round_, key_of(c1, t1), body="We mean the same thing here.")
    propose(therapist, round_, key_of(t0), "keep")
    return round_


def every_post(round_):
    """Every POST a person can make on this round, each with data that would succeed for a
    participant who may write: (url name, url, data)."""
    c0, c1 = (goal_titled(round_, t) for t in CLIENT_GOALS)
    t0, t1 = (goal_titled(round_, t) for t in THERAPIST_GOALS)
    label_ = OverboardLabel.objects.filter(goal__round=round_).first()
    link_ = Link.objects.filter(round=round_).first()
    resolution = Resolution.objects.filter(round=round_, confirmed_at__isnull=True).first()
    rows_ = as_form_rows(round_, Side.CLIENT)
    for row in rows_:
        # Only ids from the saved draft: the posted text must not itself be clinical text.
        row.update(title="Changed by someone who may not", success="")
    posts = [
        (
            "goals_save",
            reverse("goals_save", args=[round_.pk]),
            goal_form_data(rows_, version=version_of(round_, Side.CLIENT), action="save"),
        ),
        (
            "submission_withdraw",
            reverse("submission_withdraw", args=[round_.pk]),
            {"confirmed": "1"},
        ),
        (
            "label_create",
            reverse("label_create", args=[round_.pk, t1.pk]),
            {"kind": "other", "reason": "Not for you to decide.", "form_token": new_token()},
        ),
        (
            "link_create",
            reverse("link_create", args=[round_.pk]),
            {"client_goal": c0.pk, "therapist_goal": t0.pk},
        ),
        (
            "comment_create",
            reverse("comment_create", args=[round_.pk]),
            {"item": key_of(c1, t1), "body": "A comment.", "form_token": new_token()},
        ),
        (
            "resolution_propose",
            reverse("resolution_propose", args=[round_.pk]),
            {"item": key_of(t0), "decision": "drop", "new_title": "", "form_token": new_token()},
        ),
        ("round_close", reverse("round_close", args=[round_.pk]), {"confirmed": "1"}),
    ]
    if label_:
        url = reverse("label_withdraw", args=[round_.pk, label_.pk])
        posts.append(("label_withdraw", url, {}))
    if link_:
        posts.append(("link_remove", reverse("link_remove", args=[round_.pk, link_.pk]), {}))
    if resolution:
        url = reverse("resolution_confirm", args=[round_.pk, resolution.pk])
        posts.append(("resolution_confirm", url, {}))
    return posts


def form_pages(round_):
    """The small pages holding one form each, which the round page links to: (name, url)."""
    c0, c1 = (goal_titled(round_, t) for t in CLIENT_GOALS)
    t0, t1 = (goal_titled(round_, t) for t in THERAPIST_GOALS)
    item = (
        key_of(c1, t1) if Link.objects.filter(round=round_, client_goal=c1).exists() else key_of(c1)
    )
    return [
        ("label_form", reverse("label_form", args=[round_.pk, t1.pk])),
        ("comment_form", reverse("item_form", args=[round_.pk, item, "comment"])),
        ("propose_form", reverse("item_form", args=[round_.pk, key_of(t0), "propose"])),
        ("link_form", reverse("item_form", args=[round_.pk, key_of(c0), "link"])),
    ]


def round_urls(round_):
    """Every GET and POST url of a round (for access checks)."""
    return [
        reverse("round_detail", args=[round_.pk]),
        reverse("round_together", args=[round_.pk]),
        reverse("round_together_item", args=[round_.pk, 1]),
        *(url for _, url in form_pages(round_)),
        *(url for _, url, _ in every_post(round_)),
    ]


def forms_posting_to(page, round_):
    """Names of the round's actions that the page offers a form for."""
    return {name for name, url, _ in every_post(round_) if f'action="{url}"' in page}


def actions_offered(browser, round_):
    """The round's actions its page offers with each item unfolded in turn: the page's own
    forms and those of the form pages it links to."""
    url = reverse("round_detail", args=[round_.pk])
    page = html_of(browser.get(url))
    pages = [page] + [
        html_of(browser.get(f"{url}?open={key}"))
        for key in re.findall(r'data-item="([\w-]+)"', page)
    ]
    offered = set()
    for page in pages:
        offered |= forms_posting_to(page, round_)
        for _, form_url in form_pages(round_):
            if f'href="{form_url}"' in page:
                offered |= forms_posting_to(html_of(browser.get(form_url)), round_)
    return offered
