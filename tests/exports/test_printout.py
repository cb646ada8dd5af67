"""The printable round report is a treatment plan a clinic files: who, when, agreed goals first."""

import pytest
from django.urls import reverse

from alignment.services import GoalRow
from tests.alignment.conftest import (
    CLIENT_GOALS,
    build_round,  # noqa: F401 (fixture)
    confirm,
    goal_titled,
    key_of,
    propose,
    text_of,
    write_goals,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed_round(build_round, client_user, therapist):  # noqa: F811
    round_ = build_round(client_goals=(), therapist_goals=())
    goal = GoalRow(None, CLIENT_GOALS[0], "Grades of A while keeping my job", "work_study", 5)
    write_goals(client_user, round_, [goal], submit=True)
    write_goals(therapist, round_, ["Rest on Sundays"], submit=True)
    round_.refresh_from_db()
    first = goal_titled(round_, CLIENT_GOALS[0])
    confirm(therapist, round_, propose(client_user, round_, key_of(first), "keep"))
    return round_


def test_header_names_clinic_people_dates_and_print_date(as_user, therapist, agreed_round):
    page = text_of(as_user(therapist).get(reverse("round_report", args=[agreed_round.pk])))
    assert "Harbor Clinic · Treatment plan and goal alignment" in page
    assert "Client: Maya Rivera · Therapist: Dr. Chen" in page
    assert "Opened" in page and "printed" in page


def test_agreed_goals_come_first_with_success_criteria(as_user, client_user, agreed_round):
    page = text_of(as_user(client_user).get(reverse("round_report", args=[agreed_round.pk])))
    agreed = page.index('id="agreed-heading"')
    assert agreed < page.index('id="goals-heading"') < page.index('id="labels-heading"')
    assert page.index('id="labels-heading"') < page.index('id="agenda-heading"')
    section = page[agreed : page.index('id="goals-heading"')]
    assert CLIENT_GOALS[0] in section
    assert "“Grades of A while keeping my job” (Maya Rivera)" in section
    assert "Rest on Sundays" not in section


def test_signature_and_date_lines_for_both(as_user, therapist, agreed_round):
    page = text_of(as_user(therapist).get(reverse("round_report", args=[agreed_round.pk])))
    signatures = page[page.index('class="report-signatures') :]
    assert "Client: Maya Rivera" in signatures and "Therapist: Dr. Chen" in signatures
    assert signatures.count(">Signature<") == 2 and signatures.count(">Date<") == 2
