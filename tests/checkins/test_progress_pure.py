"""The pure rules of progress: the >= 3 rule, series keys, the GAS T-score, chart coordinates."""

import pytest

from alignment.progress import (
    GoalRatings,
    agreed_series_keys,
    compare_ratings,
    gas_t_score,
    progress_chart,
)


def ratings(goal_id, client, therapist, before=(None, None)):
    return GoalRatings(goal_id, f"goal {goal_id}", client, therapist, *before)


@pytest.mark.parametrize(
    ("client", "therapist", "flagged"),
    [(5, 8, True), (8, 5, True), (0, 10, True), (5, 7, False), (6, 6, False), (4, 6, False)],
)
def test_ratings_three_or_more_apart_are_seen_differently(client, therapist, flagged):
    (row,) = compare_ratings([ratings(1, client, therapist)])
    assert row.see_differently is flagged
    assert row.gap == abs(client - therapist)


def test_goals_seen_differently_come_first_widest_gap_first_then_original_order():
    rows = compare_ratings(
        [ratings(1, 5, 5), ratings(2, 2, 6), ratings(3, 7, 8), ratings(4, 9, 1), ratings(5, 3, 6)]
    )
    assert [r.ratings.goal_id for r in rows] == [4, 2, 5, 1, 3]


def test_change_is_against_each_sides_own_previous_rating():
    (row,) = compare_ratings([ratings(1, 7, 4, before=(5, 6))])
    assert (row.client_change, row.therapist_change) == (2, -2)
    (first,) = compare_ratings([ratings(1, 7, 4)])
    assert (first.client_change, first.therapist_change) == (None, None)


def test_a_rating_outside_0_to_10_is_refused():
    with pytest.raises(ValueError, match="between 0 and 10"):
        compare_ratings([ratings(1, 11, 4)])


def test_series_key_is_carried_from_the_client_goal_else_the_therapist_goal_else_new():
    keys = agreed_series_keys(9, [("p1-2", "3:g7", "3:g8"), ("g4", "", "3:p5-6"), ("g5", "", "")])
    assert keys == ["3:g7", "3:p5-6", "9:g5"]


def test_two_agreed_goals_of_one_round_never_share_a_series():
    keys = agreed_series_keys(9, [("g1", "3:g7", ""), ("g2", "", "3:g7")])
    assert keys == ["3:g7", "9:g2"]


@pytest.mark.parametrize(
    ("scores", "weights", "expected"),
    [
        ((1, 0), (6, 6), 56.20),
        ((-2, 0, -1, 2, 0, 1), (3, 5, 1, 4, 2, 6), 55.00),
        ((0, 0, 0), None, 50.0),
        ((2,), None, 70.0),
    ],
)
def test_gas_t_score_reproduces_published_examples(scores, weights, expected):
    assert gas_t_score(scores, weights) == pytest.approx(expected, abs=0.005)


def test_gas_weights_default_to_one():
    assert gas_t_score([1, -1, 2]) == gas_t_score([1, -1, 2], [1, 1, 1])
    assert gas_t_score([1, -1, 2]) == pytest.approx(
        50 + 10 * 2 / (0.7 * 3 + 0.3 * 9) ** 0.5, abs=0.005
    )


@pytest.mark.parametrize(
    ("scores", "weights", "message"),
    [
        ([], None, "At least one"),
        ([], [], "At least one"),
        ([3], None, "from -2 to \\+2"),
        ([-3, 0], None, "from -2 to \\+2"),
        ([0.5], None, "from -2 to \\+2"),
        ([1, 0], [1], "Each level needs one weight"),
        ([1], [0], "positive"),
        ([1], [-2], "positive"),
    ],
)
def test_gas_t_score_refuses_bad_input_clearly(scores, weights, message):
    with pytest.raises(ValueError, match=message):
        gas_t_score(scores, weights)


def test_progress_chart_puts_10_at_the_top_and_0_at_the_bottom():
    chart = progress_chart([("Jan 5", 10, 0), ("Feb 2", 5, 5)])
    assert chart.client[0].y == chart.top and chart.therapist[0].y == chart.bottom
    assert chart.client[1].y == chart.therapist[1].y == (chart.top + chart.bottom) // 2
    assert [x for x, _ in chart.labels] == [chart.left, chart.right]
    assert progress_chart([]) is None
