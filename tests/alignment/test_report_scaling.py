"""Lists that grow with a clinic cost the same at any size: a fixed number of queries, pages of
a fixed length, and nothing written when a page is only read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alignment import summary
from alignment.models import Goal, Link, Round, RoundSide, Side
from alignment.reports.history import HISTORY_PAGE_SIZE
from tests.accounts.test_session import writes_of
from tests.alignment.test_reports_dashboard import new_client, revealed


def bulk_rounds(therapist, client_user, n, *, linked_every=2):
    """`n` closed rounds straight as rows (no summary yet), one goal a side, linked (100 %)
    in every `linked_every`-th round and not (0 %) in the others; the oldest first."""
    start = timezone.now() - timezone.timedelta(days=n)
    made = Round.objects.bulk_create(
        Round(
            client_user=client_user,
            therapist=therapist,
            title=f"Session {i:02d}",
            state=Round.State.CLOSED,
            created_at=start + timezone.timedelta(days=i),
            revealed_at=start,
            closed_at=start,
        )
        for i in range(n)
    )
    RoundSide.objects.bulk_create(
        RoundSide(round=r, side=s, submitted_at=start) for r in made for s in Side.values
    )
    Goal.objects.bulk_create(
        Goal(round=r, side=s, position=0, title=f"Goal {s}") for r in made for s in Side.values
    )
    for i, r in enumerate(made):
        if i % linked_every == 0:
            Link.objects.create(
                round=r,
                client_goal=r.goals.get(side=Side.CLIENT),
                therapist_goal=r.goals.get(side=Side.THERAPIST),
                created_by=therapist,
            )
    return made


def measured(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, len(queries)


def signed_in(client, user):
    client.force_login(user)
    client.get(reverse("home"))  # the first request of a session records when it started
    return client


def test_history_shows_a_page_of_rounds_newest_first_and_links_to_older_ones(
    client, therapist, client_user
):
    bulk_rounds(therapist, client_user, HISTORY_PAGE_SIZE + 3)
    url = reverse("client_history", args=[client_user.pk])
    signed_in(client, therapist)
    first = client.get(url).content.decode()
    assert first.count('class="report-section history-round') == HISTORY_PAGE_SIZE
    newest = f"Session {HISTORY_PAGE_SIZE + 2:02d}"
    assert newest in first and "Session 00" not in first
    assert first.index(newest) < first.index(f"Session {HISTORY_PAGE_SIZE + 1:02d}")
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first and "Older rounds" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('class="report-section history-round') == 3
    assert "Session 00" in second and "Newer rounds" in second
    # The chart still shows every round's score, not only the page's.
    assert second.count("<circle") == HISTORY_PAGE_SIZE + 3


def test_history_queries_are_the_same_for_3_and_40_rounds(client, everyone):
    therapist = everyone["therapist"]
    few, many = everyone["client_user"], new_client(therapist.clinic, therapist, "Lots Rounds")
    bulk_rounds(therapist, few, 3)
    bulk_rounds(therapist, many, 40)
    signed_in(client, therapist)
    # The first visit summarises the rounds that have no summary yet; count the next one.
    for person in (few, many):
        client.get(reverse("client_history", args=[person.pk]))
    _, small = measured(client, reverse("client_history", args=[few.pk]))
    response, large = measured(client, reverse("client_history", args=[many.pk]))
    assert small == large
    assert response.content.decode().count("<circle") == 40


def test_history_chart_scores_come_from_the_agenda(client, therapist, client_user):
    bulk_rounds(therapist, client_user, 4)  # linked, not, linked, not: 100, 0, 100, 0
    signed_in(client, therapist)
    html = client.get(reverse("client_history", args=[client_user.pk])).content.decode()
    chart = html.split("<svg")[1].split("</svg>")[0]
    assert [part.split("%")[0] for part in chart.split('fill="currentColor">')[4:-1:2]] == [
        "100",
        "0",
        "100",
        "0",
    ]


def test_overview_queries_are_the_same_for_a_small_and_a_larger_clinic(client, everyone):
    therapist = everyone["therapist"]
    admin = signed_in(client, everyone["clinic_admin"])
    revealed(therapist, everyone["client_user"])
    admin.get(reverse("clinic_overview"))
    _, small = measured(admin, reverse("clinic_overview"))
    for i in range(12):
        person = new_client(therapist.clinic, therapist, f"Client {i:02d}")
        bulk_rounds(therapist, person, 3)
    admin.get(reverse("clinic_overview"))  # summarises the rounds loaded as rows
    response, large = measured(admin, reverse("clinic_overview"))
    assert small == large
    numbers = response.context["numbers"]
    assert (numbers.open_rounds, numbers.closed_rounds) == (1, 36)
    assert numbers.median_score == 100  # 24 rounds at 100 %, 12 at 0 %, the open one at 0 %


def test_overview_median_of_an_even_number_of_scores_is_the_mean_of_the_middle_two(
    client, everyone
):
    bulk_rounds(everyone["therapist"], everyone["client_user"], 2)  # 100 % and 0 %
    client.force_login(everyone["clinic_admin"])
    assert client.get(reverse("clinic_overview")).context["numbers"].median_score == 50


def test_caseload_sorts_rounds_loaded_without_a_summary(client, clinic, therapist, client_user):
    amy = new_client(clinic, therapist, "Amy Shared")
    revealed(therapist, amy, linked=True)
    revealed(therapist, client_user)
    Round.objects.update(summarised=False, score=None)
    signed_in(client, therapist)
    html = client.get(reverse("caseload"), {"sort": "-score"}).content.decode()
    assert html.index("Amy Shared") < html.index("Maya Rivera")
    assert Round.objects.filter(summarised=False).count() == 0


def test_the_summary_follows_the_services(therapist, client_user):
    round_ = revealed(therapist, client_user)
    round_.refresh_from_db()
    assert (round_.score, round_.open_labels, round_.unresolved) == (0, 0, 2)
    assert round_.therapist_to_move and round_.client_to_move
    Round.objects.filter(pk=round_.pk).update(score=None, summarised=False)
    summary.refresh(round_)
    round_.refresh_from_db()
    assert round_.summarised and round_.score == 0


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("therapist", "caseload"),
        ("therapist", "history"),
        ("therapist", "round"),
        ("client_user", "round"),
        ("client_user", "my_history"),
        ("clinic_admin", "clinic_overview"),
        ("clinic_admin", "clinic_people"),
        ("clinic_admin", "home"),
    ],
)
def test_reading_a_page_writes_nothing(client, everyone, who, page):
    round_ = revealed(everyone["therapist"], everyone["client_user"])
    url = {
        "history": reverse("client_history", args=[everyone["client_user"].pk]),
        "round": reverse("round_detail", args=[round_.pk]),
    }.get(page) or reverse(page)
    signed_in(client, everyone[who])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # Viewing clinical data is itself recorded in the append-only audit trail (one event and
    # the chain's head); nothing else is written.
    writes = writes_of(queries)
    audit = [sql for sql in writes if '"audit_' in sql.split("SET")[0].split("(")[0]]
    assert [sql for sql in writes if sql not in audit] == []
    assert len(audit) <= 2


def test_a_caseload_of_many_pages_links_the_pages_near_and_at_the_ends(client, clinic, therapist):
    from accounts.models import Assignment, User

    people = User.objects.bulk_create(
        User(email=f"c{i}@harbor.test", full_name=f"C {i:04d}", clinic=clinic, is_client=True)
        for i in range(50 * 12)
    )
    Assignment.objects.bulk_create(Assignment(client_user=p, therapist=therapist) for p in people)
    signed_in(client, therapist)
    html = client.get(reverse("caseload"), {"page": 1}).content.decode()
    nav = html.split('aria-label="Pages of the caseload"')[1].split("</nav>")[0]
    assert '<span class="page-link" aria-current="page">1</span>' in nav
    assert 'page=4"' in nav and 'page=11"' in nav and 'page=12"' in nav
    assert 'page=6"' not in nav and nav.count("…") == 1
