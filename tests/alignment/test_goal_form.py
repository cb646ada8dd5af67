"""Writing, saving and submitting one's goals through the page's form, and taking a submission
back; two tabs saving the same draft never overwrite each other silently."""

from django.urls import reverse

from alignment.models import Goal, Round, RoundSide, Side
from tests.alignment.conftest import as_form_rows, db_state, html_of, write_goals


def saved_titles(round_, side):
    return list(Goal.objects.filter(round=round_, side=side).values_list("title", flat=True))


def test_client_saves_a_first_draft(as_user, post_goals, build_round, client_user):
    round_ = build_round(client_goals=(), therapist_goals=())
    as_user(client_user)
    response = post_goals(
        round_,
        [{"title": "Stop panicking before exams", "area": "stress_anxiety", "importance": 5}],
        side=Side.CLIENT,
    )
    assert response.status_code == 302
    goal = Goal.objects.get(round=round_)
    assert (goal.side, goal.title, goal.area, goal.importance) == (
        "client",
        "Stop panicking before exams",
        "stress_anxiety",
        5,
    )
    assert RoundSide.objects.get(round=round_, side=Side.CLIENT).version == 1


def test_saved_draft_is_shown_back_with_a_confirmation(
    as_user, post_goals, build_round, client_user
):
    round_ = build_round(client_goals=(), therapist_goals=())
    browser = as_user(client_user)
    response = post_goals(round_, [{"title": "Sleep before midnight"}], side=Side.CLIENT)
    page = html_of(browser.get(response["Location"]))
    assert "Draft saved." in page
    assert 'value="Sleep before midnight"' in page


def test_save_and_add_another_leads_to_an_empty_new_goal(
    as_user, post_goals, build_round, client_user
):
    round_ = build_round(client_goals=(), therapist_goals=())
    browser = as_user(client_user)
    response = post_goals(
        round_, [{"title": "Sleep before midnight"}], side=Side.CLIENT, action="add"
    )
    assert response["Location"].endswith("#new-goal")
    page = html_of(browser.get(response["Location"]))
    assert 'id="new-goal"' in page
    assert "A new goal (leave empty if you have no more)" in page


def test_client_edits_and_removes_goals_of_the_draft(
    as_user, post_goals, drafting_round, client_user
):
    as_user(client_user)
    first, second = as_form_rows(drafting_round, Side.CLIENT)
    first["title"] = "Good grades, and a life outside work"
    second["DELETE"] = True
    post_goals(drafting_round, [first, second, {"title": "Audition twice a month"}], side="client")
    assert saved_titles(drafting_round, Side.CLIENT) == [
        "Good grades, and a life outside work",
        "Audition twice a month",
    ]


def test_an_empty_new_row_is_ignored(as_user, post_goals, drafting_round, client_user):
    as_user(client_user)
    goals = [*as_form_rows(drafting_round, Side.CLIENT), {"title": ""}]
    response = post_goals(drafting_round, goals, side=Side.CLIENT)
    assert response.status_code == 302
    assert Goal.objects.filter(round=drafting_round, side=Side.CLIENT).count() == 2


def test_client_submits_their_goals(as_user, post_goals, drafting_round, client_user):
    browser = as_user(client_user)
    response = post_goals(
        drafting_round, as_form_rows(drafting_round, Side.CLIENT), side="client", action="submit"
    )
    assert RoundSide.objects.get(round=drafting_round, side=Side.CLIENT).submitted
    page = html_of(browser.get(response["Location"]))
    assert "Submitted." in page
    assert "Your submitted goals" in page
    assert "Take back my submission to change something" in page


def test_submitting_without_any_goal_is_refused(as_user, post_goals, build_round, client_user):
    round_ = build_round(client_goals=(), therapist_goals=())
    as_user(client_user)
    response = post_goals(round_, [], side=Side.CLIENT, action="submit")
    assert response.status_code == 409
    assert "Write at least one goal before you submit." in html_of(response)
    assert not RoundSide.objects.get(round=round_, side=Side.CLIENT).submitted


def test_submitting_twice_says_it_is_already_submitted(
    as_user, post_goals, drafting_round, client_user
):
    as_user(client_user)
    loaded = RoundSide.objects.get(round=drafting_round, side=Side.CLIENT).version
    goals = as_form_rows(drafting_round, Side.CLIENT)
    post_goals(drafting_round, goals, side="client", version=loaded, action="submit")
    before = db_state()
    again = post_goals(drafting_round, goals, side="client", version=loaded, action="submit")
    assert again.status_code == 409
    assert "You have already submitted these goals." in html_of(again)
    assert db_state() == before


def test_client_takes_back_their_submission_and_can_change_goals(
    as_user, post_goals, build_round, client_user
):
    round_ = build_round(submitted=("client",))
    browser = as_user(client_user)
    response = browser.post(reverse("submission_withdraw", args=[round_.pk]), {"confirmed": "1"})
    assert not RoundSide.objects.get(round=round_, side=Side.CLIENT).submitted
    page = html_of(browser.get(response["Location"]))
    assert "Your submission is taken back. You can change your goals." in page
    goals = as_form_rows(round_, Side.CLIENT)
    goals[0]["title"] = "Changed after taking it back"
    assert post_goals(round_, goals, side=Side.CLIENT).status_code == 302
    assert "Changed after taking it back" in saved_titles(round_, Side.CLIENT)


def test_submission_cannot_be_taken_back_after_the_reveal(as_user, revealed_round, client_user):
    browser = as_user(client_user)
    before = db_state()
    response = browser.post(
        reverse("submission_withdraw", args=[revealed_round.pk]), {"confirmed": "1"}, follow=True
    )
    assert "Both lists are revealed, so the goals themselves are frozen." in html_of(response)
    assert db_state() == before


def test_both_submitting_reveals_the_round(as_user, post_goals, build_round, therapist):
    round_ = build_round(submitted=("client",))
    as_user(therapist)
    post_goals(round_, as_form_rows(round_, Side.THERAPIST), side="therapist", action="submit")
    round_.refresh_from_db()
    assert round_.state == Round.State.DISCUSSING
    assert round_.revealed_at is not None


def test_goals_are_frozen_after_the_reveal(as_user, post_goals, revealed_round, client_user):
    as_user(client_user)
    goals = as_form_rows(revealed_round, Side.CLIENT)
    goals[0]["title"] = "Sneaky change after the reveal"
    before = db_state()
    response = post_goals(revealed_round, goals, side=Side.CLIENT)
    assert response.status_code == 409
    assert "Both lists are revealed, so the goals themselves are frozen." in html_of(response)
    assert db_state() == before


# Two people (or two tabs) editing at once ---------------------------------------------------


def test_saving_an_outdated_draft_is_refused_and_keeps_what_was_typed(
    as_user, post_goals, drafting_round, client_user
):
    as_user(client_user)
    loaded = RoundSide.objects.get(round=drafting_round, side=Side.CLIENT).version
    # Another tab saves first.
    write_goals(client_user, drafting_round, ["Saved from my phone"])
    typed = [{"title": "Typed on my laptop, never saved", "success": "I sleep well"}]
    response = post_goals(drafting_round, typed, side=Side.CLIENT, version=loaded)
    page = html_of(response)
    assert response.status_code == 409
    assert "Nothing was saved" in page
    assert 'value="Typed on my laptop, never saved"' in page
    assert "I sleep well" in page
    assert saved_titles(drafting_round, Side.CLIENT) == ["Saved from my phone"]


def test_after_an_outdated_save_the_page_carries_the_current_version(
    as_user, post_goals, drafting_round, client_user
):
    as_user(client_user)
    loaded = RoundSide.objects.get(round=drafting_round, side=Side.CLIENT).version
    write_goals(client_user, drafting_round, ["Saved from my phone"])
    current = RoundSide.objects.get(round=drafting_round, side=Side.CLIENT).version
    page = html_of(post_goals(drafting_round, [{"title": "Mine"}], side="client", version=loaded))
    assert f'name="version" value="{current}"' in page


def test_a_tampered_version_asks_to_reload_and_saves_nothing(
    as_user, post_goals, drafting_round, client_user
):
    as_user(client_user)
    before = db_state()
    response = post_goals(drafting_round, [{"title": "Anything"}], side="client", version="abc")
    assert response.status_code == 409
    page = html_of(response)
    assert "Reload the page." in page
    assert "invalid literal" not in page
    assert db_state() == before
