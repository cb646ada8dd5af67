"""The revealed round page: overview first, items folded, forms only when asked for."""

import re

import pytest
from django.urls import reverse

from alignment.models import Comment, Link, Resolution
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    db_state,
    goal_titled,
    html_of,
    key_of,
    new_token,
    propose,
    text_of,
)

HX = {"HTTP_HX_REQUEST": "true"}


def page_url(round_):
    return reverse("round_detail", args=[round_.pk])


def goals_of(round_):
    c0, c1 = (goal_titled(round_, t) for t in CLIENT_GOALS)
    t0, t1 = (goal_titled(round_, t) for t in THERAPIST_GOALS)
    return c0, c1, t0, t1


def overview_rows(page):
    table = page[page.index('<table class="table table-sm overview-table') :]
    table = table[: table.index("</table>")]
    return re.findall(r"<tr class=\"kind-(\w+)\">(.*?)</tr>", table, re.S)


def open_items(page):
    return re.findall(r'<details class="agenda-item[^>]* id="item-([\w-]+)"[^>]* open>', page)


def test_overview_puts_a_linked_pair_on_one_row_and_single_goals_beside_an_empty_cell(
    as_user, discussed_round, client_user
):
    page = text_of(as_user(client_user).get(page_url(discussed_round)))
    rows = overview_rows(page)
    # The client's first goal is labelled, the second goals are linked, the therapist's first
    # goal stands alone: three rows, in agenda order.
    assert [kind for kind, _ in rows] == ["overboard", "therapist_only", "shared"]
    shared = rows[2][1]
    assert CLIENT_GOALS[1] in shared and THERAPIST_GOALS[1] in shared
    only = rows[1][1]
    assert THERAPIST_GOALS[0] in only and "no goal on this side" in only
    assert "Only Dr. Chen" in only
    assert "proposed" in only  # the therapist proposed to keep it
    assert "open" in rows[0][1]


def test_items_are_folded_and_a_row_opens_its_item_without_javascript(
    as_user, discussed_round, client_user
):
    browser = as_user(client_user)
    page = html_of(browser.get(page_url(discussed_round)))
    assert open_items(page) == []
    c0, c1, t0, t1 = goals_of(discussed_round)
    key = key_of(c1, t1)
    assert f'href="?open={key}#item-{key}"' in page
    opened = html_of(browser.get(page_url(discussed_round) + f"?open={key}"))
    assert open_items(opened) == [key]
    # A goal's key opens the item that holds it, so a label action returns to its pair.
    assert open_items(html_of(browser.get(page_url(discussed_round) + f"?open=g{t1.pk}"))) == [key]
    assert open_items(html_of(browser.get(page_url(discussed_round) + "?open=nonsense"))) == []


def test_round_page_carries_no_comment_label_or_proposal_form_only_links_to_them(
    as_user, discussed_round, client_user
):
    c0, c1, t0, t1 = goals_of(discussed_round)
    browser = as_user(client_user)
    folded = html_of(browser.get(page_url(discussed_round)))
    assert "1 comment" in folded  # the count shows on the folded item
    assert "We mean the same thing here." not in folded  # what is folded is not sent
    page = html_of(browser.get(page_url(discussed_round) + f"?open={key_of(c1, t1)}"))
    assert "We mean the same thing here." in page
    assert "<textarea" not in page
    for name in ("comment_create", "resolution_propose"):
        assert f'action="{reverse(name, args=[discussed_round.pk])}"' not in page
    comment_page = reverse("item_form", args=[discussed_round.pk, key_of(c1, t1), "comment"])
    assert f'href="{comment_page}"' in page
    assert f'data-hx-get="{comment_page}"' in page


def test_form_page_is_a_whole_page_without_htmx_and_just_the_form_with_it(
    as_user, discussed_round, client_user
):
    browser = as_user(client_user)
    c0, c1, t0, t1 = goals_of(discussed_round)
    url = reverse("item_form", args=[discussed_round.pk, key_of(c1, t1), "comment"])
    whole = text_of(browser.get(url))
    assert "<html" in whole and CLIENT_GOALS[1] in whole and "Post comment" in whole
    part = html_of(browser.get(url, **HX))
    assert "<html" not in part and 'name="body"' in part


@pytest.mark.parametrize("what", ["comment", "propose", "link"])
def test_form_page_for_an_item_that_is_not_there_is_not_found(
    as_user, discussed_round, client_user, what
):
    url = reverse("item_form", args=[discussed_round.pk, "g999999", what])
    assert as_user(client_user).get(url).status_code == 404


def test_form_pages_of_a_closed_round_send_back_to_the_round(as_user, closed_round, client_user):
    c0 = goal_titled(closed_round, CLIENT_GOALS[0])
    url = reverse("item_form", args=[closed_round.pk, key_of(c0), "comment"])
    response = as_user(client_user).get(url)
    assert response.status_code == 302
    assert response["Location"] == page_url(closed_round)


def test_comment_without_javascript_returns_to_the_item_with_the_outcome_in_it(
    as_user, discussed_round, client_user
):
    browser = as_user(client_user)
    c0, c1, t0, t1 = goals_of(discussed_round)
    key = key_of(c1, t1)
    data = {"item": key, "body": "Shall we start here?", "form_token": new_token()}
    response = browser.post(reverse("comment_create", args=[discussed_round.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == page_url(discussed_round) + f"?open={key}#item-{key}"
    page = html_of(browser.get(response["Location"]))
    assert open_items(page) == [key]
    item = page[page.index(f'id="item-{key}"') :]
    item = item[: item.index("</details>")]
    assert "Comment posted." in item
    assert page.count("Comment posted.") == 1  # not at the top of the page as well


def test_comment_with_htmx_answers_the_discussion_with_the_item_open_and_the_outcome_inside(
    as_user, discussed_round, client_user
):
    c0, c1, t0, t1 = goals_of(discussed_round)
    key = key_of(c1, t1)
    data = {"item": key, "body": "Shall we start here?", "form_token": new_token()}
    page = html_of(
        as_user(client_user).post(reverse("comment_create", args=[discussed_round.pk]), data, **HX)
    )
    assert page.startswith('\n  <div id="discussion">') or '<div id="discussion">' in page[:200]
    assert open_items(page) == [key]
    start = page.index(f'id="item-{key}"')
    item = page[start : page.index("</details>", start)]
    assert "Comment posted." in item and "Shall we start here?" in item


def test_empty_comment_without_javascript_shows_its_form_page_again(
    as_user, discussed_round, client_user
):
    c0, c1, t0, t1 = goals_of(discussed_round)
    before = db_state()
    data = {"item": key_of(c1, t1), "body": "   ", "form_token": new_token()}
    response = as_user(client_user).post(reverse("comment_create", args=[discussed_round.pk]), data)
    assert response.status_code == 400
    page = text_of(response)
    assert "The comment was not posted" in page
    assert 'name="body"' in page and "Back to the round, without sending" in page
    assert db_state() == before


def test_revise_without_wording_keeps_the_choice_on_the_form_page(
    as_user, discussed_round, client_user
):
    c0, c1, t0, t1 = goals_of(discussed_round)
    data = {"item": key_of(t0), "decision": "revise", "new_title": "", "form_token": new_token()}
    response = as_user(client_user).post(
        reverse("resolution_propose", args=[discussed_round.pk]), data
    )
    assert response.status_code == 400
    page = html_of(response)
    assert "Write the new wording you propose." in page
    assert f'id="decision-{key_of(t0)}-revise" checked' in page


def test_link_form_lets_a_person_say_the_goals_pull_apart(as_user, revealed_round, client_user):
    browser = as_user(client_user)
    c0, c1, t0, t1 = goals_of(revealed_round)
    form = html_of(browser.get(reverse("item_form", args=[revealed_round.pk, key_of(c0), "link"])))
    assert 'name="relation" value="same"' in form and 'name="relation" value="opposed"' in form
    response = browser.post(
        reverse("link_create", args=[revealed_round.pk]),
        {"client_goal": c0.pk, "therapist_goal": t0.pk, "relation": "opposed"},
    )
    assert response.status_code == 302
    link = Link.objects.get(round=revealed_round)
    assert link.relation == Link.Relation.OPPOSED
    page = text_of(browser.get(response["Location"]))
    assert "Linked as pulling apart" in page
    assert [kind for kind, _ in overview_rows(page)][0] == "opposed"
    assert re.search(r'Alignment:\s*<span class="score-value">0%', page)


def test_link_without_a_relation_means_the_same_thing(as_user, revealed_round, client_user):
    c0, c1, t0, t1 = goals_of(revealed_round)
    as_user(client_user).post(
        reverse("link_create", args=[revealed_round.pk]),
        {"client_goal": c0.pk, "therapist_goal": t0.pk},
    )
    assert Link.objects.get(round=revealed_round).relation == Link.Relation.SAME


def test_link_with_an_unknown_relation_links_nothing(as_user, revealed_round, client_user):
    c0, c1, t0, t1 = goals_of(revealed_round)
    response = as_user(client_user).post(
        reverse("link_create", args=[revealed_round.pk]),
        {"client_goal": c0.pk, "therapist_goal": t0.pk, "relation": "sort of"},
    )
    assert response.status_code == 404
    assert not Link.objects.filter(round=revealed_round).exists()


# Discuss together -----------------------------------------------------------------------


def test_together_view_walks_the_items_one_at_a_time_for_either_side(
    as_user, discussed_round, client_user, therapist
):
    for person in (client_user, therapist):
        browser = as_user(person)
        overview = text_of(browser.get(reverse("round_together", args=[discussed_round.pk])))
        assert len(overview_rows(overview)) == 3
        first = text_of(browser.get(reverse("round_together_item", args=[discussed_round.pk, 1])))
        assert "Item 1 of 3" in first
        assert CLIENT_GOALS[0] in first
        assert "Perfect grades and full-time work at once burn you out." in first  # the reason
        assert 'rel="next"' in first and 'rel="prev"' not in first
        last = text_of(browser.get(reverse("round_together_item", args=[discussed_round.pk, 3])))
        assert 'rel="prev"' in last and 'rel="next"' not in last
        assert CLIENT_GOALS[1] in last and THERAPIST_GOALS[1] in last
    missing = reverse("round_together_item", args=[discussed_round.pk, 4])
    assert as_user(client_user).get(missing).status_code == 404


def test_together_view_is_read_only_except_proposing_and_confirming(
    as_user, discussed_round, client_user
):
    browser = as_user(client_user)
    page = html_of(browser.get(reverse("round_together_item", args=[discussed_round.pk, 2])))
    actions = set(re.findall(r'<form method="post" action="(/rounds/[^"]+)"', page))
    resolution = Resolution.objects.get(round=discussed_round)
    assert actions == {reverse("resolution_confirm", args=[discussed_round.pk, resolution.pk])}
    assert "?together=2" in page  # propose opens the form page, which comes back here


def test_confirming_in_the_together_view_comes_back_to_the_same_item(
    as_user, discussed_round, client_user
):
    resolution = Resolution.objects.get(round=discussed_round)
    response = as_user(client_user).post(
        reverse("resolution_confirm", args=[discussed_round.pk, resolution.pk]), {"together": "2"}
    )
    assert response["Location"] == reverse("round_together_item", args=[discussed_round.pk, 2])
    resolution.refresh_from_db()
    assert resolution.is_confirmed


def test_proposing_from_the_together_view_comes_back_to_the_same_item(
    as_user, discussed_round, therapist
):
    c0, c1, t0, t1 = goals_of(discussed_round)
    form = html_of(
        as_user(therapist).get(
            reverse("item_form", args=[discussed_round.pk, key_of(c1, t1), "propose"])
            + "?together=3"
        )
    )
    assert 'name="together" value="3"' in form
    response = as_user(therapist).post(
        reverse("resolution_propose", args=[discussed_round.pk]),
        {"item": key_of(c1, t1), "decision": "keep", "form_token": new_token(), "together": "3"},
    )
    assert response["Location"] == reverse("round_together_item", args=[discussed_round.pk, 3])


def test_together_view_of_a_drafting_round_goes_to_the_round_page(
    as_user, build_round, client_user
):
    drafting = build_round()
    response = as_user(client_user).get(reverse("round_together", args=[drafting.pk]))
    assert response["Location"] == page_url(drafting)


def test_comments_are_counted_per_item(as_user, discussed_round, client_user, therapist):
    c0, c1, t0, t1 = goals_of(discussed_round)
    Comment.objects.create(
        round=discussed_round, goal=c1, partner=t1, author=therapist, by_side="therapist", body="x"
    )
    propose(therapist, discussed_round, key_of(c0), "drop")
    page = html_of(as_user(client_user).get(page_url(discussed_round)))
    assert "2 comments" in page


def test_unfolding_an_item_with_htmx_fetches_just_its_body(as_user, discussed_round, client_user):
    browser = as_user(client_user)
    c0, c1, t0, t1 = goals_of(discussed_round)
    url = reverse("round_item", args=[discussed_round.pk, key_of(c1, t1)])
    body = html_of(browser.get(url, **HX))
    assert "<main" not in body
    assert "We mean the same thing here." in body and CLIENT_GOALS[1] in body
    # Without htmx the same address shows the round page with that item unfolded.
    response = browser.get(url)
    key = key_of(c1, t1)
    assert response["Location"] == page_url(discussed_round) + f"?open={key}#item-{key}"
    assert (
        browser.get(reverse("round_item", args=[discussed_round.pk, "g0"]), **HX).status_code == 404
    )


def test_report_and_csv_say_a_link_pulls_apart(as_user, revealed_round, client_user):
    browser = as_user(client_user)
    c0, c1, t0, t1 = goals_of(revealed_round)
    browser.post(
        reverse("link_create", args=[revealed_round.pk]),
        {"client_goal": c0.pk, "therapist_goal": t0.pk, "relation": "opposed"},
    )
    browser.post(
        reverse("link_create", args=[revealed_round.pk]),
        {"client_goal": c1.pk, "therapist_goal": t1.pk, "relation": "same"},
    )
    report = text_of(browser.get(reverse("round_report", args=[revealed_round.pk])))
    assert report.count("linked as pulling apart") == 1
    csv_text = browser.get(reverse("round_report_csv", args=[revealed_round.pk])).content
    rows = [line for line in csv_text.decode("utf-8-sig").splitlines() if line.startswith("link,")]
    assert len(rows) == 2
    assert sum(",opposed," in row for row in rows) == 1
    assert sum(",same," in row for row in rows) == 1


def test_the_reader_is_you_and_the_other_side_is_named(as_user, discussed_round, therapist):
    page = text_of(as_user(therapist).get(page_url(discussed_round)))
    only = overview_rows(page)[1][1]
    assert "Only you" in only and "Only Dr. Chen" not in only
    header = page.split("<tbody")[0]
    assert "Your goal" in header and "Maya Rivera's goal" in header
    assert "Dr. Chen's goal" not in page
