"""The comparison page reads a round in a fixed number of queries, however much was written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alignment.models import Comment, Goal, Side
from tests.alignment.conftest import (
    comment,
    confirm,
    key_of,
    label,
    link,
    propose,
    rows,
)

MAX_QUERIES = 20
AREAS = ["work_study", "relationships", "mood", "stress_anxiety", "self_worth", "health"]


def topic_rows(prefix, n):
    return [
        row
        for i in range(n)
        for row in rows(f"{prefix} topic {i} {chr(97 + i) * 5}", area=AREAS[i % len(AREAS)])
    ]


@pytest.fixture
def small_round(build_round):
    return build_round(reveal=True)


@pytest.fixture
def big_round(build_round, other_therapist, other_client):
    """10 goals a side, 10 labels (2 withdrawn), 8 links, 60 comments and a few resolutions."""
    round_ = build_round(
        therapist_user=other_therapist,
        client=other_client,
        client_goals=topic_rows("Client", 10),
        therapist_goals=topic_rows("Therapist", 10),
        reveal=True,
    )
    mine = list(Goal.objects.filter(round=round_, side=Side.CLIENT))
    theirs = list(Goal.objects.filter(round=round_, side=Side.THERAPIST))
    for c_goal, t_goal in zip(mine[:8], theirs[:8], strict=True):
        link(other_client, round_, c_goal, t_goal)
    labels = [label(other_therapist, round_, goal) for goal in mine[:5]]
    labels += [label(other_client, round_, goal) for goal in theirs[5:]]
    for withdrawn in labels[:2]:
        withdrawn.withdrawn_at = timezone.now()
        withdrawn.save()
    item_keys = [key_of(c, t) for c, t in zip(mine[:8], theirs[:8], strict=True)]
    item_keys += [key_of(g) for g in (*mine[8:], *theirs[8:])]
    comment(other_client, round_, item_keys[0], "The first comment")
    first = Comment.objects.get(round=round_)
    Comment.objects.bulk_create(
        Comment(
            round=round_,
            goal_id=first.goal_id if i % 2 else mine[9].pk,
            author=other_client if i % 2 else other_therapist,
            by_side=Side.CLIENT if i % 2 else Side.THERAPIST,
            body=f"Comment number {i}",
        )
        for i in range(59)
    )
    propose(other_client, round_, item_keys[3], "keep")
    proposal = propose(other_therapist, round_, item_keys[3], "revise", "Clearer wording")
    confirm(other_client, round_, proposal)
    propose(other_therapist, round_, item_keys[9], "drop")
    return round_


MAX_PAGE_BYTES = 40_000


def queries_for_page(client, user, round_, open_key=""):
    client.force_login(user)
    url = reverse("round_detail", args=[round_.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}?open={open_key}" if open_key else url)
    assert response.status_code == 200
    return response, len(queries)


def busiest_item(round_):
    """The key of the item with the most comments (the client's last goal, on its own)."""
    goal = Goal.objects.filter(round=round_, side=Side.CLIENT).order_by("position").last()
    return key_of(goal)


def test_big_round_has_what_it_says(big_round):
    assert big_round.goals.count() == 20
    assert big_round.links.count() == 8
    assert Comment.objects.filter(round=big_round).count() == 60
    assert Goal.objects.filter(round=big_round, labels__isnull=False).count() == 10


@pytest.mark.parametrize("side", [Side.CLIENT, Side.THERAPIST])
def test_comparison_page_runs_the_same_few_queries_for_a_small_and_a_big_round(
    client, small_round, big_round, everyone, side
):
    small_user = everyone["client_user"] if side == Side.CLIENT else everyone["therapist"]
    big_user = everyone["other_client"] if side == Side.CLIENT else everyone["other_therapist"]
    _, small = queries_for_page(client, small_user, small_round)
    response, big = queries_for_page(client, big_user, big_round)
    page = response.content.decode()
    # Folded, the big page still says everything at a glance.
    assert "Clearer wording" in page  # the agreed goal
    assert "30 comments" in page
    assert big == small
    assert big <= MAX_QUERIES
    small_key = key_of(Goal.objects.filter(round=small_round, side=Side.CLIENT).first())
    _, small_open = queries_for_page(client, small_user, small_round, small_key)
    response, big_open = queries_for_page(client, big_user, big_round, busiest_item(big_round))
    page = response.content.decode()
    # An unfolded item shows its thread's latest comments and its labels in full.
    assert "Comment number 58" in page
    assert "Read all 30 comments" in page
    assert big_open == small_open <= MAX_QUERIES


@pytest.mark.parametrize("side", [Side.CLIENT, Side.THERAPIST])
def test_round_page_of_a_big_round_stays_small(client, big_round, everyone, side):
    user = everyone["other_client"] if side == Side.CLIENT else everyone["other_therapist"]
    folded, _ = queries_for_page(client, user, big_round)
    unfolded, _ = queries_for_page(client, user, big_round, busiest_item(big_round))
    assert "Comment number 58" in unfolded.content.decode()
    assert len(folded.content) <= MAX_PAGE_BYTES
    assert len(unfolded.content) <= MAX_PAGE_BYTES


def test_whole_thread_is_one_click_away(client, big_round, everyone):
    client.force_login(everyone["other_client"])
    key = busiest_item(big_round)
    page = client.get(reverse("item_form", args=[big_round.pk, key, "comments"])).content.decode()
    assert page.count('class="comment"') == 30
    assert "Comment number 0" in page and "Comment number 58" in page
