"""Ratings go into the round report and its CSV once revealed; never a draft."""

import csv
import io

import pytest
from django.urls import reverse

from tests.checkins.conftest import rate

pytestmark = pytest.mark.django_db


def csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_report_and_csv_show_ratings_only_after_the_reveal(
    agreed_round, checkin, therapist, client_user, as_user
):
    rate(client_user, checkin, [9, 3], notes=["Draft-only note", ""])
    browser = as_user(therapist)
    report_url = reverse("round_report", args=[agreed_round.pk])
    csv_url = reverse("round_report_csv", args=[agreed_round.pk])
    assert "Draft-only note" not in browser.get(report_url).content.decode()
    assert not [r for r in csv_rows(browser.get(csv_url)) if r["section"] == "rating"]

    rate(therapist, checkin, [8, 7], notes=["", "=cmd()"])
    page = browser.get(report_url).content.decode()
    assert "Draft-only note" in page and "(you see this differently)" in page
    ratings = [r for r in csv_rows(browser.get(csv_url)) if r["section"] == "rating"]
    assert sorted((r["goal"][:5], r["by_side"], r["value"]) for r in ratings) == [
        ("Ask f", "client", "9"),
        ("Ask f", "therapist", "8"),
        ("Sleep", "client", "3"),
        ("Sleep", "therapist", "7"),
    ]
    assert "'=cmd()" in [r["text"] for r in ratings]  # neutralised like every cell
    assert {r["status"] for r in ratings if r["goal"].startswith("Sleep")} == {"see differently"}
