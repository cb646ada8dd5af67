"""The therapist's caseload dashboard: who is listed, filters, sorting and a fixed query count."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Assignment
from alignment import reports, services
from alignment.models import Goal, Round, Side
from alignment.services import GoalRow
from tests.alignment.conftest import as_side
from tests.conftest import make_user

CASELOAD = reverse("caseload")


def open_round(therapist, client_user, *, client_goals=(), therapist_goals=(), submit=()):
    """A round with these goals (title, importance) per side; `submit` names the sides to submit."""
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    for side, goals in ((Side.CLIENT, client_goals), (Side.THERAPIST, therapist_goals)):
        if goals or side in submit:
            services.goals_save(
                access=as_side(round_, side),
                rows=[GoalRow(None, title, "", "other", imp) for title, imp in goals],
                version=round_.sides.get(side=side).version,
                submit=side in submit,
            )
    round_.refresh_from_db()
    return round_


def revealed(therapist, client_user, *, linked=False):
    """Discussing; with `linked`, the only pair is shared (100%), else nothing is (0%)."""
    round_ = open_round(
        therapist,
        client_user,
        client_goals=[("Sleep better", 3)],
        therapist_goals=[("Regular sleep", 3)],
        submit=(Side.CLIENT, Side.THERAPIST),
    )
    if linked:
        services.link_create(
            access=as_side(round_, Side.THERAPIST),
            client_goal=Goal.objects.get(round=round_, side=Side.CLIENT),
            therapist_goal=Goal.objects.get(round=round_, side=Side.THERAPIST),
            by=therapist,
        )
    return round_


def new_client(clinic, therapist, name):
    email = name.lower().replace(" ", ".") + "@harbor.test"
    person = make_user(email, clinic, name, is_client=True)
    Assignment.objects.create(client_user=person, therapist=therapist)
    return person


def table_of(html):
    """The caseload table only, without the filter form and the past clients."""
    return html.split("<tbody>")[1].split("</tbody>")[0]


def past_of(html):
    return html.split('id="past-clients-heading"')[1]


def get(client, user, **params):
    client.force_login(user)
    response = client.get(CASELOAD, params)
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_lists_only_current_clients_of_this_therapist(client, everyone):
    table = table_of(get(client, everyone["therapist"]))
    assert "Maya Rivera" in table
    assert "Jordan Lee" not in table  # Dr. Nair's client
    assert "Kai Svensson" not in table  # another clinic


def test_each_row_links_to_the_round_and_the_history(client, therapist, client_user):
    round_ = revealed(therapist, client_user)
    table = table_of(get(client, therapist))
    assert reverse("round_detail", args=[round_.pk]) in table
    assert reverse("client_history", args=[client_user.pk]) in table
    assert reverse("round_new", args=[client_user.pk]) not in table


def test_client_without_open_round_gets_an_open_a_round_link(client, therapist, client_user):
    table = table_of(get(client, therapist))
    assert "no open round" in table
    assert reverse("round_new", args=[client_user.pk]) in table


def test_past_clients_are_listed_apart_with_their_history(
    client, clinic, therapist, other_therapist, client_user
):
    Assignment.objects.filter(client_user=client_user).update(ended_at=timezone.now())
    Assignment.objects.create(client_user=client_user, therapist=other_therapist)
    html = get(client, therapist)
    assert "Maya Rivera" not in html.split('id="past-clients-heading"')[0]
    past = past_of(html)
    assert "Maya Rivera" in past
    assert reverse("client_history", args=[client_user.pk]) in past
    assert reverse("round_new", args=[client_user.pk]) not in past


def test_waiting_for_me_keeps_only_rounds_where_the_therapist_moves(
    client, clinic, therapist, client_user
):
    # Maya submitted, the therapist has not: the therapist's move.
    open_round(therapist, client_user, client_goals=[("Sleep", 3)], submit=(Side.CLIENT,))
    # Jo's round: the therapist submitted, Jo has not: waiting for Jo.
    jo = new_client(clinic, therapist, "Jo Waits")
    open_round(therapist, jo, therapist_goals=[("Rest", 3)], submit=(Side.THERAPIST,))
    all_rows = table_of(get(client, therapist))
    assert "Maya Rivera" in all_rows and "Jo Waits" in all_rows
    waiting = table_of(get(client, therapist, waiting="1"))
    assert "Maya Rivera" in waiting
    assert "Jo Waits" not in waiting


def test_sort_by_score_both_ways_with_no_score_last(client, clinic, therapist, client_user):
    amy = new_client(clinic, therapist, "Amy Shared")
    revealed(therapist, amy, linked=True)  # 100%
    revealed(therapist, client_user)  # Maya: 0%
    new_client(clinic, therapist, "Zed Noround")  # no score

    def order(sort):
        table = table_of(get(client, therapist, sort=sort))
        names = ("Amy Shared", "Maya Rivera", "Zed Noround")
        return sorted(names, key=table.index)

    assert order("score") == ["Maya Rivera", "Amy Shared", "Zed Noround"]
    assert order("-score") == ["Amy Shared", "Maya Rivera", "Zed Noround"]
    assert order("-name") == ["Zed Noround", "Maya Rivera", "Amy Shared"]


def test_sorted_column_says_so_and_links_toggle_the_direction(client, therapist, client_user):
    html = get(client, therapist, sort="score")
    header = re.search(r'<th scope="col" aria-sort="ascending"><a href="([^"]+)">Alignment', html)
    assert header, html
    assert "sort=-score" in header.group(1)
    assert html.count("aria-sort=") == 1


def test_unknown_sort_falls_back_to_name(client, therapist, client_user):
    html = get(client, therapist, sort="password")
    assert re.search(r'aria-sort="ascending"><a href="[^"]+">Client', html)


def test_search_by_name(client, clinic, therapist, client_user):
    new_client(clinic, therapist, "Jo Other")
    table = table_of(get(client, therapist, q="maya"))
    assert "Maya Rivera" in table
    assert "Jo Other" not in table


def test_last_activity_is_shown_in_the_clinic_time_zone(client, therapist, client_user):
    round_ = revealed(therapist, client_user)
    moment = datetime.datetime(2025, 7, 1, 12, 0, tzinfo=datetime.UTC)
    Round.objects.filter(pk=round_.pk).update(last_activity_at=moment)
    table = table_of(get(client, therapist))
    assert 'datetime="2025-07-01T13:00:00+01:00"' in table  # London summer time


def test_counts_of_open_labels_and_unresolved_items(client, therapist, client_user):
    round_ = revealed(therapist, client_user)
    goal = Goal.objects.get(round=round_, side=Side.CLIENT)
    services.label_place(
        access=as_side(round_, Side.THERAPIST),
        goal=goal,
        kind="too_hard",
        reason="Asks a lot.",
        placed_by=therapist,
    )
    row = table_of(get(client, therapist))
    cells = re.findall(r'<td class="text-end">([^<]*)</td>', row)
    assert cells == ["0%", "1", "2"]  # score, open labels, unresolved items


@pytest.mark.parametrize("role", ["client_user", "clinic_admin", "other_clinic_admin"])
def test_caseload_is_for_therapists_only(client, everyone, role):
    client.force_login(everyone[role])
    assert client.get(CASELOAD).status_code == 404


def test_therapist_home_is_the_caseload(client, therapist, client_user):
    client.force_login(therapist)
    html = client.get(reverse("home")).content.decode()
    assert "Your clients" in html
    assert 'class="table table-sm align-middle caseload"' in html
    assert "Maya Rivera" in table_of(html)


def _caseload_queries(client, therapist, clinic, count, start, sort):
    for i in range(start, count):
        person = new_client(clinic, therapist, f"Client {i:03d}")
        if i % 3 == 0:
            open_round(therapist, person, client_goals=[("Sleep", 3)], submit=(Side.CLIENT,))
        else:
            revealed(therapist, person, linked=i % 2 == 0)
    client.force_login(therapist)
    client.get(reverse("home"))  # the first request of a session records when it started
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CASELOAD, {"sort": sort})
    assert response.status_code == 200
    assert table_of(response.content.decode()).count("<tr") == count
    return len(queries)


# Sorted and filtered in SQL: whatever the order, only the shown page's agendas are read.
@pytest.mark.parametrize("sort", ["-score", "name", "move", "labels", "-activity"])
def test_query_count_is_the_same_for_3_and_30_clients(client, clinic, therapist, sort):
    few = _caseload_queries(client, therapist, clinic, 3, 0, sort)
    many = _caseload_queries(client, therapist, clinic, 30, 3, sort)
    assert few == many
    # 15 for the page, 1 for the latest check-in ratings of the shown clients, and 3 for its
    # audit record (lock the chain head, insert, move the head).
    assert many <= 16 + 3


def test_a_long_caseload_is_shown_a_page_at_a_time(client, clinic, therapist):
    for i in range(reports.PAGE_SIZE + 5):
        new_client(clinic, therapist, f"Client {i:03d}")
    first = get(client, therapist)
    assert table_of(first).count("<tr") == reports.PAGE_SIZE
    assert "Page 1 of 2." in first
    second = table_of(get(client, therapist, page="2", sort="-name"))
    assert second.count("<tr") == 5
    assert "Client 004" in second  # the last five by name, descending


def test_a_clients_unsubmitted_draft_does_not_move_last_activity(client, therapist, client_user):
    round_ = open_round(therapist, client_user)
    moment = datetime.datetime(2025, 7, 1, 12, 0, tzinfo=datetime.UTC)
    Round.objects.filter(pk=round_.pk).update(last_activity_at=moment)
    services.goals_save(
        access=as_side(round_, Side.CLIENT),
        rows=[GoalRow(None, "Sleep better", "", "other", 3)],
        version=round_.sides.get(side=Side.CLIENT).version,
    )
    assert 'datetime="2025-07-01T13:00:00+01:00"' in table_of(get(client, therapist))

    services.goals_save(
        access=as_side(round_, Side.CLIENT),
        rows=[GoalRow(None, "Sleep better", "", "other", 3)],
        version=round_.sides.get(side=Side.CLIENT).version,
        submit=True,
    )
    assert "2025-07-01" not in table_of(get(client, therapist))
