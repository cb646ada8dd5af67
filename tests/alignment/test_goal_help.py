"""Help while writing goals: the hint and examples, the counters, a new row that may stay
empty, a title of only spaces refused with a message, and saved goals folded to one line."""

import re

from django.urls import reverse

from alignment.goal_examples import EXAMPLES
from alignment.models import TITLE_MAX, Goal, LifeArea, Side
from tests.alignment.conftest import as_form_rows, db_state, html_of, text_of


def drafting_page(browser, round_):
    return browser.get(reverse("round_detail", args=[round_.pk]))


def new_row(page):
    """The HTML of the empty "new goal" row."""
    return page[
        page.index('id="new-goal"') : page.index("</fieldset>", page.index('id="new-goal"'))
    ]


def test_a_new_goal_of_only_spaces_is_refused_with_a_message(
    as_user, post_goals, build_round, client_user
):
    round_ = build_round(client_goals=(), therapist_goals=())
    as_user(client_user)
    before = db_state()
    response = post_goals(
        round_, [{"title": "    ", "area": "mood"}], side=Side.CLIENT, action="save"
    )
    assert response.status_code == 400
    assert "A goal of only spaces cannot be saved" in text_of(response)
    assert db_state() == before


def test_a_saved_goal_changed_to_only_spaces_is_refused(
    as_user, post_goals, drafting_round, client_user
):
    as_user(client_user)
    rows = as_form_rows(drafting_round, Side.CLIENT)
    kept = rows[0]["title"]
    rows[0]["title"] = "   "
    response = post_goals(drafting_round, rows, side=Side.CLIENT)
    assert response.status_code == 400
    assert "A goal of only spaces cannot be saved" in text_of(response)
    assert Goal.objects.filter(round=drafting_round, title=kept).exists()


def test_a_new_goal_keeps_its_words_without_surrounding_spaces(
    as_user, post_goals, build_round, client_user
):
    round_ = build_round(client_goals=(), therapist_goals=())
    as_user(client_user)
    post_goals(round_, [{"title": "  Sleep before midnight  "}], side=Side.CLIENT)
    assert Goal.objects.get(round=round_).title == "Sleep before midnight"


def test_the_new_row_is_not_required_and_has_no_life_area_chosen(
    as_user, drafting_round, client_user
):
    page = html_of(drafting_page(as_user(client_user), drafting_round))
    row = new_row(page)
    assert "required" not in row
    assert "asteriskField" not in row
    area = re.search(r'<select name="goals-2-area".*?</select>', row, re.S).group(0)
    assert '<option value="" selected>Choose a life area</option>' in area
    assert area.count("selected") == 1


def test_a_written_goal_without_a_life_area_asks_for_one_and_keeps_the_words(
    as_user, post_goals, build_round, client_user
):
    round_ = build_round(client_goals=(), therapist_goals=())
    as_user(client_user)
    response = post_goals(
        round_, [{"title": "Call my sister on Sundays", "area": ""}], side=Side.CLIENT
    )
    assert response.status_code == 400
    assert "Choose the life area this goal belongs to." in text_of(response)
    assert 'value="Call my sister on Sundays"' in html_of(response)
    assert not Goal.objects.filter(round=round_).exists()


def test_the_goal_counter_says_none_of_ten_on_an_empty_form(as_user, build_round, client_user):
    round_ = build_round(client_goals=(), therapist_goals=())
    assert "0 of 10 goals" in text_of(drafting_page(as_user(client_user), round_))


def test_the_goal_counter_counts_saved_goals(as_user, build_round, client_user):
    round_ = build_round(client_goals=("One", "Two", "Three"), therapist_goals=("A",))
    assert "3 of 10 goals" in text_of(drafting_page(as_user(client_user), round_))


def test_the_character_limit_is_stated_in_words(as_user, drafting_round, client_user):
    page = text_of(drafting_page(as_user(client_user), drafting_round))
    assert "In your own words, up to 200 characters." in page
    assert f'maxlength="{TITLE_MAX}"' in page


def test_the_hint_and_examples_for_every_area_are_on_the_page(as_user, drafting_round, client_user):
    page = text_of(drafting_page(as_user(client_user), drafting_round))
    assert "What makes a good goal?" in page
    assert '<details class="goal-examples"' in page
    for area in LifeArea:
        assert f'data-area="{area.value}"' in page
        for example in EXAMPLES[area.value]:
            assert str(example) in page


def test_examples_are_data_for_every_area_without_repeats():
    assert set(EXAMPLES) == set(LifeArea.values)
    every = [str(e) for examples in EXAMPLES.values() for e in examples]
    assert len(every) == len(set(every))
    assert all(2 <= len(examples) <= 4 for examples in EXAMPLES.values())
    assert all(len(e) <= TITLE_MAX for e in every)


def test_saved_goals_fold_to_one_line_and_open_when_they_need_a_change(
    as_user, post_goals, drafting_round, client_user
):
    browser = as_user(client_user)
    page = html_of(drafting_page(browser, drafting_round))
    folded = re.findall(r'<details class="card mb-2 goal-row goal-saved"( open)?>', page)
    assert folded == ["", ""]
    rows = as_form_rows(drafting_round, Side.CLIENT)
    rows[1]["title"] = ""
    page = html_of(post_goals(drafting_round, rows, side=Side.CLIENT))
    folded = re.findall(r'<details class="card mb-2 goal-row goal-saved"( open)?>', page)
    assert folded == ["", " open"]


def test_typed_text_is_marked_for_either_writing_direction(as_user, drafting_round, client_user):
    page = html_of(drafting_page(as_user(client_user), drafting_round))
    for name in ("goals-0-title", "goals-0-success", "goals-2-title"):
        tag = re.search(rf'<[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'dir="auto"' in tag, tag
    assert re.search(r'<span dir="auto" class="fw-semibold">[^<]+</span>', page)
