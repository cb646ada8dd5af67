"""Goal matching: suggestions that people can check, measured on labelled and hand-made pairs."""

import ast
import csv
import dataclasses
from pathlib import Path

import pytest

from alignment import lexicon, matching, reading
from alignment.matching import (
    SUGGESTION_THRESHOLD,
    Suggestion,
    explain,
    similarity,
    stem,
    suggest_pairs,
)

# The team's labelled development pairs (the design's goal_pairs_dev.csv), copied into the
# repository so that a clone on its own runs every test.
DEV_PAIRS = Path(__file__).resolve().parents[1] / "data" / "goal_pairs_dev.csv"

# Written before the threshold and lexicon were tuned, and never tuned against: a check that the
# vocabulary is general rather than fitted to the dev file. match | client goal | area |
# therapist goal | area.
EXTRA_PAIRS_TABLE = """
1 | Stop putting things off until the last minute | work_study | Reduce procrastination | work_study
1 | Be kinder to myself | self_worth | Build self-compassion | self_worth
1 | Stop feeling so tired all the time | health | Address fatigue and improve rest | health
1 | Cut down on weed | habits | Reduce cannabis use | habits
1 | Get over my mum's death | mood | Work through bereavement | mood
1 | Feel less lonely | relationships | Reduce social isolation | relationships
1 | Stop snapping at my coworkers | work_study | Manage irritability at work | work_study
1 | Not feel so down every day | mood | Reduce symptoms of depression | mood
1 | Learn to set boundaries with my mother | relationships | Practise saying no to family requests
  | relationships
1 | Stop having nightmares about the accident | health | Process trauma memories and reduce
  flashbacks | mood
1 | Feel calmer before job interviews | stress_anxiety | Reduce interview anxiety | stress_anxiety
1 | Bounce back faster when things go wrong | mood | Build resilience after setbacks | mood
1 | Stop vaping | habits | Quit nicotine | habits
1 | Go to bed at a reasonable hour | health | Establish a regular bedtime routine | health
1 | Feel good enough as I am | self_worth | Improve self-esteem | self_worth
1 | Stop fighting with my parents | relationships | Reduce family conflict | relationships
1 | Stop dreading going to work every morning | work_study | Reduce work-related anxiety
  | stress_anxiety
1 | Feel less overwhelmed by everything on my plate | stress_anxiety | Develop coping strategies
  for stress | stress_anxiety
1 | Stop beating myself up over small mistakes | self_worth | Challenge the inner critic
  | self_worth
1 | Get back into running | health | Increase physical activity | health
0 | Stop putting things off | work_study | Reduce alcohol use | habits
0 | Be kinder to myself | self_worth | Improve sleep hygiene | health
0 | Get a better job | work_study | Improve communication with partner | relationships
0 | Feel less anxious at work | stress_anxiety | Reduce drinking after work | habits
0 | Spend more time with friends | relationships | Spend less time on my phone | habits
0 | Run a half marathon | health | Reduce panic attacks | stress_anxiety
0 | Argue less with my sister | relationships | Manage stress at work | stress_anxiety
0 | Sleep better | health | Feel better about my body | self_worth
0 | Improve my grades | work_study | Improve my relationship with my father | relationships
0 | Stop worrying about my health | stress_anxiety | Improve physical health through exercise
  | health
0 | Get top marks in my exams | work_study | Reduce perfectionism about exam results | self_worth
0 | Talk to my partner about how I feel | relationships | Reduce conflict with colleagues
  | work_study
0 | Stop eating junk food | health | Reduce screen time | habits
0 | Feel more motivated at work | work_study | Find a sense of purpose outside work | direction
"""


def _parse_table(table: str) -> list[tuple[str, str, str, str, int]]:
    # A line starting with a digit opens a row; indented lines continue it.
    rows: list[str] = []
    for line in table.strip().splitlines():
        if line[:1].isdigit():
            rows.append(line)
        else:
            rows[-1] += " " + line.strip()
    parsed = []
    for row in rows:
        match, *cells = (" ".join(cell.split()) for cell in row.split("|"))
        client_goal, client_area, therapist_goal, therapist_area = cells
        parsed.append((client_goal, client_area, therapist_goal, therapist_area, int(match)))
    return parsed


EXTRA_PAIRS = _parse_table(EXTRA_PAIRS_TABLE)


def _dev_pairs() -> list[tuple[str, str, str, str, int]]:
    assert DEV_PAIRS.exists(), f"labelled pairs not found at {DEV_PAIRS}"
    with DEV_PAIRS.open(newline="", encoding="utf-8") as f:
        return [
            (
                r["client_goal"],
                r["client_area"],
                r["therapist_goal"],
                r["therapist_area"],
                int(r["match"]),
            )
            for r in csv.DictReader(f)
        ]


def _suggested(pair: tuple[str, str, str, str, int]) -> bool:
    return similarity(*pair[:4]) >= SUGGESTION_THRESHOLD


@dataclasses.dataclass
class Goal:
    id: int
    title: str
    area: str


# Quality on labelled and hand-made pairs


def test_dev_pairs_precision_and_recall_reach_085():
    pairs = _dev_pairs()
    true_pos = sum(1 for p in pairs if p[4] and _suggested(p))
    false_pos = sum(1 for p in pairs if not p[4] and _suggested(p))
    false_neg = sum(1 for p in pairs if p[4] and not _suggested(p))
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
    misses = [p for p in pairs if bool(p[4]) != _suggested(p)]
    report = (
        f"dev pairs: precision {precision:.2f}, recall {recall:.2f} at threshold "
        f"{SUGGESTION_THRESHOLD} ({len(pairs)} pairs); wrong: {misses}"
    )
    print(report)
    assert precision >= 0.85 and recall >= 0.85, report


def test_hand_made_pairs_outside_the_dev_file_are_mostly_right():
    assert len(EXTRA_PAIRS) >= 25
    wrong = [p for p in EXTRA_PAIRS if bool(p[4]) != _suggested(p)]
    accuracy = 1 - len(wrong) / len(EXTRA_PAIRS)
    report = f"hand-made pairs: {accuracy:.0%} right ({len(EXTRA_PAIRS)} pairs); wrong: {wrong}"
    print(report)
    assert accuracy >= 0.85, report


def test_hand_made_pairs_are_not_in_the_dev_file():
    dev = {(p[0].casefold(), p[2].casefold()) for p in _dev_pairs()}
    assert not [p for p in EXTRA_PAIRS if (p[0].casefold(), p[2].casefold()) in dev]


# similarity


@pytest.mark.parametrize("pair", EXTRA_PAIRS)
def test_similarity_is_symmetric_and_between_0_and_1(pair):
    client_goal, client_area, therapist_goal, therapist_area, _ = pair
    forward = similarity(client_goal, client_area, therapist_goal, therapist_area)
    backward = similarity(therapist_goal, therapist_area, client_goal, client_area)
    assert forward == backward
    assert 0.0 <= forward <= 1.0


@pytest.mark.parametrize(
    "title", ["Stop panicking before exams", "Reduce self-criticism", "Quit smoking"]
)
def test_identical_titles_score_1(title):
    assert similarity(title, "mood", title, "mood") == 1.0


@pytest.mark.parametrize("blank", ["", "   ", "\n\t", "the and of", "!!!", "123"])
def test_blank_or_empty_titles_score_0_without_errors(blank):
    assert similarity(blank, "mood", "Reduce test anxiety", "mood") == 0.0
    assert similarity(blank, "mood", blank, "mood") == 0.0
    assert explain(blank, "mood", "Reduce test anxiety", "mood")


def test_none_title_or_area_is_treated_as_blank():
    assert similarity(None, None, "Reduce test anxiety", "mood") == 0.0  # type: ignore[arg-type]


def test_same_life_area_alone_never_makes_a_suggestion():
    assert similarity("Run a marathon", "health", "Improve sleep quality", "health") == 0.0
    assert similarity("Improve things", "mood", "Feel better", "mood") == 0.0


def test_same_life_area_gives_a_modest_boost():
    same = similarity(
        "Stop panicking before exams", "stress_anxiety", "Reduce test anxiety", "stress_anxiety"
    )
    other = similarity(
        "Stop panicking before exams", "stress_anxiety", "Reduce test anxiety", "habits"
    )
    assert 0 < same - other <= matching.AREA_WEIGHT + 1e-9


def test_generic_words_like_improve_and_better_do_not_make_a_match():
    assert similarity("Improve my work", "work_study", "Improve my sleep", "health") == 0.0
    better = similarity("Get better at work", "work_study", "Get better at sleeping", "health")
    assert better < SUGGESTION_THRESHOLD


def test_different_words_for_the_same_goal_match():
    kind = similarity("Stop being so hard on myself", "self_worth", "Reduce self-criticism", "")
    exams = similarity("Stop panicking before exams", "", "Reduce test anxiety", "work_study")
    assert kind >= SUGGESTION_THRESHOLD
    assert exams >= SUGGESTION_THRESHOLD


def test_the_same_concern_with_a_different_person_is_a_different_goal():
    def score(therapist_goal: str) -> float:
        return similarity(
            "Stop arguing with my husband", "relationships", therapist_goal, "relationships"
        )

    assert score("Reduce conflict with my boss") < SUGGESTION_THRESHOLD
    assert score("Reduce conflict with my mother") < SUGGESTION_THRESHOLD
    assert score("Reduce conflict with my wife") >= SUGGESTION_THRESHOLD
    assert score("Reduce relationship conflict") >= SUGGESTION_THRESHOLD


def test_stemming_brings_word_forms_together():
    assert stem("worries") == stem("worried") == stem("worrying") == stem("worry")
    assert stem("motivated") == stem("motivation")
    assert stem("stopping") == "stop"
    assert stem("stressed") == "stress"


@pytest.mark.parametrize(
    "odd",
    [
        "<script>alert('panic')</script> Stop panicking",
        "<b>Reduce</b> test <i>anxiety</i>",
        "Réduire l’anxiété avant les examens",
        "Stop panicking 😰😰 before exams!!!",
        "ｓｔｒｅｓｓ at work",  # fullwidth letters
        "stress\u200b\u200dat work",  # zero-width characters
        "إدارة القلق",
        "Get straight A’s",
        "x" * 5000,
        "self-self-self-criticism " * 100,
        "'; DROP TABLE goals; --",
    ],
)
def test_html_and_odd_unicode_input_does_not_crash(odd):
    score = similarity(odd, "stress_anxiety", "Reduce test anxiety", "stress_anxiety")
    assert 0.0 <= score <= 1.0
    assert isinstance(explain(odd, "stress_anxiety", "Reduce test anxiety", "mood"), str)


def test_html_tags_do_not_change_the_score():
    plain = similarity("Reduce test anxiety", "mood", "Stop panicking before exams", "mood")
    tagged = similarity("<b>Reduce</b> test anxiety", "mood", "Stop panicking before exams", "mood")
    assert tagged == plain


# explain


def test_explain_names_the_words_on_both_sides():
    reason = explain(
        "Stop panicking before exams", "stress_anxiety", "Reduce test anxiety", "work_study"
    )
    assert "exams ≈ test" in reason
    assert "panicking ≈ anxiety" in reason


def test_explain_mentions_a_shared_concept_and_the_area():
    reason = explain("Quit smoking", "habits", "Stop smoking cigarettes", "habits")
    assert reason.startswith("same life area")
    assert "both mention smoking" in reason


def test_explain_shows_multi_word_phrases_as_written():
    reason = explain(
        "Stop being so hard on myself", "self_worth", "Reduce self-criticism", "self_worth"
    )
    assert "hard on myself ≈ self-criticism" in reason


def test_explain_says_so_when_nothing_is_shared():
    assert "no words or themes in common" in explain(
        "Run a marathon", "health", "Reduce perfectionism", "self_worth"
    )


# suggest_pairs


def test_suggest_pairs_is_one_to_one_best_first():
    client_goals = [
        Goal(1, "Stop panicking before exams", "stress_anxiety"),
        Goal(2, "Feel less anxious before tests", "stress_anxiety"),
        Goal(3, "Quit smoking", "habits"),
        Goal(4, "Become a Broadway lead", "direction"),
    ]
    therapist_goals = [
        Goal(10, "Reduce test anxiety", "stress_anxiety"),
        Goal(11, "Stop smoking cigarettes", "habits"),
        Goal(12, "Learn to sit with failure", "mood"),
    ]
    suggestions = suggest_pairs(client_goals, therapist_goals)
    # Goals 1 and 2 both fit goal 10; the closer one (2) gets it. Ties sort by client id.
    assert [(s.client_goal_id, s.therapist_goal_id) for s in suggestions] == [(2, 10), (3, 11)]
    assert len({s.client_goal_id for s in suggestions}) == len(suggestions)
    assert len({s.therapist_goal_id for s in suggestions}) == len(suggestions)
    assert all(s.score >= SUGGESTION_THRESHOLD and s.reason for s in suggestions)
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


def test_suggest_pairs_skips_goals_already_linked():
    client_goals = [Goal(1, "Quit smoking", "habits"), Goal(2, "Sleep through the night", "health")]
    therapist_goals = [
        Goal(10, "Stop smoking cigarettes", "habits"),
        Goal(11, "Reduce insomnia", "health"),
    ]
    assert [s.therapist_goal_id for s in suggest_pairs(client_goals, therapist_goals)] == [10, 11]
    only_sleep = suggest_pairs(client_goals, therapist_goals, linked_client_ids=[1])
    assert [(s.client_goal_id, s.therapist_goal_id) for s in only_sleep] == [(2, 11)]
    none_left = suggest_pairs(client_goals, therapist_goals, linked_therapist_ids={10, 11})
    assert none_left == []


def test_suggest_pairs_breaks_ties_by_id_for_a_stable_order():
    client_goals = [Goal(2, "Quit smoking", "habits"), Goal(1, "Quit smoking", "habits")]
    therapist_goals = [Goal(11, "Quit smoking", "habits"), Goal(10, "Quit smoking", "habits")]
    suggestions = suggest_pairs(client_goals, therapist_goals)
    assert [(s.client_goal_id, s.therapist_goal_id) for s in suggestions] == [(1, 10), (2, 11)]


def test_suggestion_is_frozen():
    suggestion = Suggestion(1, 2, 0.9, "same life area")
    with pytest.raises(dataclasses.FrozenInstanceError):
        suggestion.score = 1.0  # type: ignore[misc]


def test_suggest_pairs_with_no_goals_is_empty():
    assert suggest_pairs([], []) == []
    assert suggest_pairs([Goal(1, "Quit smoking", "habits")], []) == []


# The module stays what the design says it is


def test_matching_uses_only_the_standard_library():
    allowed = {
        "math",
        "re",
        "unicodedata",
        "collections",
        "dataclasses",
        "functools",
        "typing",
        "tomllib",
        "pathlib",
    }
    for module in (matching, lexicon, reading):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed or name in (
                    "alignment.lexicon",
                    "alignment.reading",
                ), name
