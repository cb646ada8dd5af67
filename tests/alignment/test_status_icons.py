"""Status icons are inline SVG that every browser draws; a closed round shows a lock."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.alignment.conftest import html_of

TEMPLATES = sorted(Path(settings.TEMPLATES[0]["DIRS"][0]).rglob("*.html"))
# Emoji that Chromium without an emoji font draws as an empty box.
EMOJI_ONLY = ["⏳", "⌛", "➜"]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_template_relies_on_an_emoji_font(path):
    text = path.read_text(encoding="utf-8")
    assert not [glyph for glyph in EMOJI_ONLY if glyph in text], path


def test_closed_round_banner_shows_the_closed_icon(as_user, closed_round, client_user):
    page = html_of(as_user(client_user).get(reverse("round_detail", args=[closed_round.pk])))
    banner = page.split('class="alert', 1)[1].split("</div>", 1)[0]
    assert '<svg class="icon icon-closed" aria-hidden="true"' in banner
    assert "icon-waiting" not in banner
    assert "Closed. The agreed goals are the outcome of this round." in banner


def test_a_round_waiting_on_the_other_side_shows_the_waiting_icon(
    as_user, build_round, client_user
):
    round_ = build_round(submitted=("client",))
    page = html_of(as_user(client_user).get(reverse("round_detail", args=[round_.pk])))
    assert "icon-waiting" in page
    assert "icon-closed" not in page
