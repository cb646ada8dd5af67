"""One readable date format per language on every page; ISO 8601 for machines."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from alignment.models import Round

MOMENT = datetime(2026, 10, 1, 14, 5, tzinfo=UTC)
TEMPLATES = sorted(Path(settings.TEMPLATES[0]["DIRS"][0]).rglob("*.html"))
NAMED = {"DATE_FORMAT", "DATETIME_FORMAT"}
# What Django's own English formats would show: "10/01/2026", "Oct. 1, 2026", "Oct 1".
OTHER_FORMATS = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b[A-Z][a-z]{2}\. \d{1,2}, \d{4}\b")


def rendered(text):
    with translation.override("en"), timezone.override("Europe/London"):
        return Template(text).render(Context({"moment": MOMENT}))


def test_every_named_format_reads_the_same_way():
    assert rendered('{{ moment|date:"DATE_FORMAT" }}') == "1 Oct 2026"
    assert rendered('{{ moment|date:"SHORT_DATE_FORMAT" }}') == "1 Oct 2026"
    assert rendered('{{ moment|date:"DATETIME_FORMAT" }}') == "1 Oct 2026, 15:05"
    assert rendered('{{ moment|date:"SHORT_DATETIME_FORMAT" }}') == "1 Oct 2026, 15:05"
    assert rendered("{{ moment }}") == "1 Oct 2026, 15:05"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_use_only_the_named_formats(path):
    used = set(re.findall(r'\|date:"([^"]*)"', path.read_text(encoding="utf-8")))
    assert used <= NAMED, f"{path}: {used - NAMED}"


def test_demo_pages_show_no_other_date_format(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    browser = Client()
    pages = []
    for email in ("therapist@example.com", "client@example.com", "admin@example.com"):
        browser.force_login(User.objects.get(email=email))
        pages.append(reverse("home"))
        if email.startswith("therapist"):
            pages.append(reverse("caseload"))
        if email.startswith("admin"):
            pages += [reverse("clinic_people"), reverse("clinic_overview")]
        for round_ in Round.objects.filter(client_user__email=email).exclude(state="drafting"):
            pages += [
                reverse("round_detail", args=[round_.pk]),
                reverse("round_report", args=[round_.pk]),
            ]
        if email.startswith("client"):
            pages.append(reverse("my_history"))
        for url in pages:
            html = browser.get(url).content.decode()
            assert not OTHER_FORMATS.search(html), (email, url, OTHER_FORMATS.search(html))
            for stamp in re.findall(r'<time datetime="([^"]+)"', html):
                datetime.fromisoformat(stamp)  # ISO 8601, or this raises
        pages = []
