"""Goal matching knows direction: "same", "opposed" or neither, with the reason in words."""

import csv
import dataclasses
from pathlib import Path

import pytest

from alignment.matching import (
    SUGGESTION_THRESHOLD,
    Suggestion,
    explain_relation,
    relation,
    similarity,
    suggest_pairs,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def _relation(client_goal: str, therapist_goal: str) -> str:
    return relation(client_goal, "", therapist_goal, "")


@dataclasses.dataclass
class Goal:
    id: int
    title: str
    area: str


# Direction read from the words


@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Stop drinking", "Drink more"),
        ("Exercise every day", "Exercise less"),
        ("Quit my job", "Stay in my job"),
        ("Play more video games", "Cut back on gaming"),
        ("Go to the gym more often", "Stop going to the gym"),
    ],
)
def test_stop_x_and_more_x_are_opposed(client_goal, therapist_goal):
    assert _relation(client_goal, therapist_goal) == "opposed"
    assert similarity(client_goal, "", therapist_goal, "") < SUGGESTION_THRESHOLD


@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Not stop smoking yet", "Stop smoking"),  # negation
        ("Don't cut down on drinking", "Cut down on drinking"),
        ("Never take a day off", "Take regular days off"),
    ],
)
def test_a_negation_turns_a_goal_round(client_goal, therapist_goal):
    assert _relation(client_goal, therapist_goal) == "opposed"


@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Never stop exercising", "Keep exercising"),  # double negation
        ("Don't avoid parties", "Go to more parties"),
        ("Stop avoiding my friends", "See my friends more"),
        ("Not give up on running", "Keep running"),
    ],
)
def test_a_double_negation_comes_back_to_the_same_way(client_goal, therapist_goal):
    assert _relation(client_goal, therapist_goal) == "same"


@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Cut down on alcohol", "Drink less"),
        ("Be kinder to myself", "Stop beating myself up"),
        ("Stop feeling worthless", "Build self-worth"),
        ("Reduce insomnia", "Sleep through the night"),
        ("Stop being a pushover", "Increase assertiveness"),
        ("Feel less anxious before exams", "Stay calm before tests"),
    ],
)
def test_the_same_way_in_different_words_is_same(client_goal, therapist_goal):
    assert _relation(client_goal, therapist_goal) == "same"
    assert similarity(client_goal, "", therapist_goal, "") >= SUGGESTION_THRESHOLD


@pytest.mark.parametrize(
    "client_goal, client_area, therapist_goal, therapist_area, expected",
    [
        # The known failures: opposite pulls once suggested as the same goal.
        (
            "Never take a day off until I graduate",
            "work_study",
            "Protect time for rest and sleep",
            "health",
            "opposed",
        ),
        ("Be perfect at everything", "self_worth", "Develop realistic standards", "self_worth",
         "opposed"),
        # And plain pairs, lay against clinical wording, once missed.
        ("Reconnect with my sister", "relationships", "Improve relationship with sister",
         "relationships", "same"),
        ("Get over losing my mum", "mood", "Work through bereavement", "mood", "same"),
        ("Stop beating myself up", "self_worth", "Reduce self-judgment", "self_worth", "same"),
        ("Stop panicking before auditions", "stress_anxiety", "Reduce performance anxiety",
         "stress_anxiety", "same"),
    ],
)  # fmt: skip
def test_the_pairs_from_the_demo_and_the_design(
    client_goal, client_area, therapist_goal, therapist_area, expected
):
    assert relation(client_goal, client_area, therapist_goal, therapist_area) == expected


@pytest.mark.parametrize(
    "client_goal, therapist_goal, expected",
    [
        # "without" turns round what the sentence already says.
        ("Never leave the house without checking the locks", "Check the locks less", "opposed"),
        ("Go to parties without drinking", "Stop drinking at parties", "same"),
        # "every", "all the time" make the way said stronger, not the other way.
        ("Stop checking my phone all the time", "Check my phone less", "same"),
        ("Check my phone all the time", "Check my phone less", "opposed"),
        # A cue after the topic composes with one before it.
        ("Keep my drinking under control", "Drink less", "same"),
        # In a compound the cue is about the head: "test anxiety" is less anxiety, not fewer tests.
        ("Feel calmer about tests", "Reduce test anxiety", "same"),
    ],
)
def test_cue_words_combine_as_people_mean_them(client_goal, therapist_goal, expected):
    assert _relation(client_goal, therapist_goal) == expected


def test_a_condition_does_not_decide_which_way_a_goal_pulls():
    # "even when I feel low" is when, not what: the goal is more activity, as the therapist's.
    assert (
        _relation(
            "Get out of bed and do things even when I feel low",
            "Increase daily activity through behavioural activation",
        )
        == "same"
    )


def test_a_cue_in_another_part_of_the_sentence_does_not_reach_the_topic():
    # "before" starts a new part: the exam is not something to have less of.
    assert _relation("Stop panicking before exams", "Reduce test anxiety") == "same"
    assert _relation("Stop drinking when I feel low", "Lift low mood") != "opposed"


def test_the_same_feeling_about_different_things_is_not_the_same_goal():
    assert _relation("Feel less guilty about my divorce", "Feel less guilty about eating") != "same"
    assert _relation("Stop worrying about my weight", "Stop worrying about exams") != "same"
    # ...but why a goal is wanted ("so I can keep going") is not a different thing.
    assert (
        _relation(
            "Manage stress so I can keep going",
            "Build stress management skills for school and work demands",
        )
        == "same"
    )


def test_goals_about_different_things_are_neither():
    assert _relation("Stop drinking", "Make new friends") == ""
    assert _relation("Quit smoking", "Quit drinking") == ""


def test_relation_is_the_same_whichever_side_wrote_which_goal():
    pairs = [("Go out partying every weekend", "Cut down on nights out"), ("Quit smoking", "Stop")]
    for first, second in pairs:
        assert _relation(first, second) == _relation(second, first)


# The reason in words


def test_an_opposed_reason_names_the_topic_and_both_ways_client_first():
    reason = explain_relation("Go out partying every weekend", "", "Cut down on nights out", "")
    assert reason.endswith(": more ↔ fewer")
    assert "nights out" in reason
    reversed_reason = explain_relation("Cut down on nights out", "", "Go out every weekend", "")
    assert reversed_reason.endswith(": fewer ↔ more")
    assert explain_relation("Stop drinking", "", "Drink more", "") == "drinking: less ↔ more"


def test_a_same_reason_is_the_usual_explanation():
    reason = explain_relation("Stop panicking before exams", "", "Reduce test anxiety", "")
    assert "exams ≈ test" in reason


# Suggestions of both kinds


def test_suggest_pairs_offers_opposed_and_same_pairs_each_goal_once():
    client_goals = [
        Goal(1, "Go out partying every weekend", "relationships"),
        Goal(2, "Stop panicking before exams", "stress_anxiety"),
        Goal(3, "Learn Spanish", "direction"),
    ]
    therapist_goals = [
        Goal(10, "Reduce test anxiety", "stress_anxiety"),
        Goal(11, "Cut down on nights out", "habits"),
        Goal(12, "Go out less at weekends", "habits"),
    ]
    suggestions = suggest_pairs(client_goals, therapist_goals)
    kinds = {(s.client_goal_id, s.therapist_goal_id): s.relation for s in suggestions}
    assert kinds[(2, 10)] == "same"
    assert [kind for pair, kind in kinds.items() if pair[0] == 1] == ["opposed"]
    assert len({s.client_goal_id for s in suggestions}) == len(suggestions)
    assert len({s.therapist_goal_id for s in suggestions}) == len(suggestions)
    opposed = next(s for s in suggestions if s.relation == "opposed")
    assert "↔" in opposed.reason
    assert opposed.score < SUGGESTION_THRESHOLD


def test_a_suggestion_is_same_unless_told_otherwise():
    assert Suggestion(1, 2, 0.9, "exam ≈ test").relation == "same"
    assert dataclasses.fields(Suggestion)[-1].name == "relation"


# Measured on labelled pairs nobody tuned against


def _labelled(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_evaluation_set_is_large_varied_and_apart_from_the_others():
    rows = _labelled("goal_pairs_eval.csv")
    kinds = [r["relation"] for r in rows]
    assert len(rows) >= 200
    assert {k: kinds.count(k) >= 50 for k in ("same", "opposed", "none")} == dict.fromkeys(
        ("same", "opposed", "none"), True
    )
    assert all(r["match"] == ("1" if r["relation"] == "same" else "0") for r in rows)
    pairs = {(r["client_goal"].casefold(), r["therapist_goal"].casefold()) for r in rows}
    assert len(pairs) == len(rows)
    for other in ("goal_pairs_dev.csv", "goal_pairs_tune.csv"):
        others = {(r["client_goal"].casefold(), r["therapist_goal"].casefold())
                  for r in _labelled(other)}  # fmt: skip
        assert not pairs & others, other


# The targets are same precision 0.85 and recall 0.75, opposed 70 % found and at most
# 1 in 12 called same (bench/matching.py prints them beside the figures). This vocabulary does
# not reach them yet on this set: these floors sit just under what it does reach, so nothing slips
# back unnoticed.
EVAL_FLOORS = {"precision": 0.86, "recall": 0.72, "found": 0.58, "called_same": 0.14}


def test_evaluation_set_holds_its_floors():
    rows = _labelled("goal_pairs_eval.csv")
    said = [
        relation(r["client_goal"], r["client_area"], r["therapist_goal"], r["therapist_area"])
        for r in rows
    ]
    labels = [r["relation"] for r in rows]
    right_same = sum(s == label == "same" for s, label in zip(said, labels, strict=True))
    precision = right_same / said.count("same")
    recall = right_same / labels.count("same")
    opposed = [s for s, label in zip(said, labels, strict=True) if label == "opposed"]
    found = opposed.count("opposed") / len(opposed)
    called_same = opposed.count("same") / len(opposed)
    report = (
        f"same precision {precision:.2f} recall {recall:.2f}; opposed {found:.0%} found, "
        f"{called_same:.0%} called same"
    )
    print(report)
    assert precision >= EVAL_FLOORS["precision"] and recall >= EVAL_FLOORS["recall"], report
    assert found >= EVAL_FLOORS["found"] and called_same <= EVAL_FLOORS["called_same"], report


# Relaxing, switching off and lifting the mood are the other end of stress, worry and low mood:
# wanting more of them is wanting less of the problem, not the opposite of a goal to reduce it.
@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Relax more", "Reduce stress"),
        ("Learn to switch off", "Reduce rumination"),
        ("Lift low mood", "Stop feeling so down"),
        ("Stop drifting", "Find a sense of purpose"),
    ],
)
def test_the_other_end_of_a_problem_is_the_same_goal(client_goal, therapist_goal):
    assert relation(client_goal, "", therapist_goal, "") == "same"


@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Continue my medication", "Stop taking my medication"),
        ("Keep the peace at all costs", "Stand up for myself"),
    ],
)
def test_everyday_cues_and_idioms_pull_apart(client_goal, therapist_goal):
    assert relation(client_goal, "", therapist_goal, "") == "opposed"


# A title that opens with a plain doing word wants to do it: against a goal to avoid that very
# thing it pulls the other way. A title that opens with a problem ("Panic at work") does not.
@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Avoid talking about my dad's death", "Talk about my dad's death"),
        ("Stop resting during the day", "Rest when I'm tired"),
        ("Avoid eating in public", "Eat out with friends"),
    ],
)
def test_a_title_opening_with_a_doing_word_wants_it(client_goal, therapist_goal):
    assert relation(client_goal, "", therapist_goal, "") == "opposed"


def test_a_title_opening_with_a_problem_does_not_want_it():
    assert relation("Panic at work", "", "Reduce panic attacks at work", "") == "same"
    assert relation("Anxiety about exams", "", "Reduce exam anxiety", "") == "same"


def test_when_a_goal_is_wanted_does_not_say_which_way_it_pulls():
    # Both say "when I feel low"; only staying in bed and getting up pull apart.
    assert relation("Stay in bed when I feel low", "", "Get up even when I feel low", "") == (
        "opposed"
    )


def test_a_phrase_opening_with_stay_or_get_leans_toward_it():
    assert relation("Stay in bed all morning", "", "Get out of bed by nine", "") == "opposed"


def test_a_concept_reached_two_steps_away_does_not_pull_apart():
    # Getting up reaches emotions only through low mood; "regulate" names emotions outright.
    assert relation("Get up at a decent time", "", "Regulate wake time", "") != "opposed"


# Everyday ways of saying less or more of something.
@pytest.mark.parametrize(
    "client_goal, therapist_goal",
    [
        ("Stay off the booze", "Drink more"),
        ("Go easy on the wine", "Drink more wine"),
        ("Drink only at weekends", "Drink every day"),
        ("Hardly ever see my friends", "See my friends more"),
        ("Gamble as little as possible", "Gamble more"),
        ("Smoke every chance I get", "Quit smoking"),
        ("Buy whatever I want", "Stick to a budget"),
    ],
)
def test_everyday_ways_of_saying_less_and_more(client_goal, therapist_goal):
    assert relation(client_goal, "", therapist_goal, "") == "opposed"


def test_a_near_word_does_not_borrow_a_meaning_by_its_first_letters():
    # "Include" is not "included", "control" is not "controlling", "follow" is not "followers".
    assert relation("Include carbs in every meal", "", "Feel included by friends", "") == ""
    assert relation("Follow through on plans", "", "Cut down on followers", "") == ""


def test_staying_sober_is_the_other_end_of_using():
    assert relation("Stay sober", "", "Stop drinking", "") == "same"
    assert relation("Maintain sobriety", "", "Keep drinking every night", "") == "opposed"
