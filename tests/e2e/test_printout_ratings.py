"""The printed treatment plan with check-ins: the agreed goals carry their latest ratings and a
three-goal round still fits one A4 and one Letter page."""

import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import PASSWORDS, sign_in
from tests.e2e.test_exports import pdf_pages, three_goal_round  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e


def test_printed_plan_with_two_checkins_fits_one_page(open_page, three_goal_round):  # noqa: F811
    from checkins.models import Checkin
    from tests.checkins.conftest import open_checkin, rate

    round_ = three_goal_round
    client_user, therapist = round_.client_user, round_.therapist
    note = "Two callbacks this month, and I did not fall apart after the third no."
    for client_scores, therapist_scores in (([3, 4, 5], [5, 6, 7]), ([7, 4, 5], [4, 6, 8])):
        rate(client_user, open_checkin(therapist, client_user), client_scores, notes=[note, "", ""])
        rate(therapist, Checkin.objects.get(state="rating"), therapist_scores)
    page = open_page(DESKTOP)
    sign_in(page, "chen@harbor.test", PASSWORDS["therapist"])
    page.goto(reverse("round_report", args=[round_.pk]))
    page.emulate_media(media="print")
    latest = page.locator(".report-latest-rating")
    expect(latest).to_have_count(3)
    expect(latest.first).to_contain_text("Maya Rivera 7 · Dr. Chen 4")
    expect(latest.first).to_contain_text("you see this differently")
    assert pdf_pages(page, "A4") == 1
    assert pdf_pages(page, "Letter") == 1
    text = PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages[0].extract_text()
    assert "latest rating" in text and "Signature" in text
