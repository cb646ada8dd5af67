"""Unit tests for the pure goal comparison (no database)."""

import pytest

from alignment.comparison import (
    CLIENT,
    CLIENT_ONLY,
    GAP,
    KIND_ORDER,
    OPPOSED,
    OPPOSITE,
    OVERBOARD,
    SHARED,
    THERAPIST,
    THERAPIST_ONLY,
    Comparison,
    GoalData,
    Item,
    LabelData,
    LinkData,
    compare,
    item_key,
)


def client(id, importance=3, position=0):
    return GoalData(id, CLIENT, f"client goal {id}", importance, position=position)


def therapist(id, importance=3, position=0):
    return GoalData(id, THERAPIST, f"therapist goal {id}", importance, position=position)


def label(id, goal_id, by_side=THERAPIST, withdrawn=False):
    return LabelData(id, goal_id, by_side, "too_big", "too much for now", withdrawn=withdrawn)


def summary(comparison):
    """The agenda as (kind, key) pairs, in order."""
    return [(item.kind, item.key) for item in comparison.items]


def test_no_goals_has_no_items_and_no_score():
    result = compare(goals=[])
    assert result.items == ()
    assert result.score is None
    assert (result.shared_importance, result.total_importance) == (0, 0)
    assert result.counts == {
        OVERBOARD: 0,
        OPPOSED: 0,
        CLIENT_ONLY: 0,
        THERAPIST_ONLY: 0,
        GAP: 0,
        SHARED: 0,
    }


def test_only_client_goals_are_all_client_only_with_score_zero():
    result = compare(goals=[client(1, 2), client(2, 5), client(3, 4)])
    assert summary(result) == [(CLIENT_ONLY, "g2"), (CLIENT_ONLY, "g3"), (CLIENT_ONLY, "g1")]
    assert result.score == 0
    assert result.total_importance == 11
    assert result.counts[CLIENT_ONLY] == 3


def test_unlinked_goals_of_both_sides_come_client_first():
    result = compare(goals=[therapist(10, 5), client(1, 1)])
    assert summary(result) == [(CLIENT_ONLY, "g1"), (THERAPIST_ONLY, "g10")]


@pytest.mark.parametrize(
    ("client_importance", "therapist_importance", "kind", "gap"),
    [
        (3, 3, SHARED, 0),
        (3, 4, SHARED, 1),
        (5, 4, SHARED, 1),
        (3, 5, GAP, 2),
        (4, 2, GAP, 2),
        (1, 5, GAP, 4),
    ],
)
def test_linked_pair_is_shared_up_to_a_gap_of_one(
    client_importance, therapist_importance, kind, gap
):
    result = compare(
        goals=[client(1, client_importance), therapist(2, therapist_importance)],
        links=[LinkData(1, 2)],
    )
    [item] = result.items
    assert (item.kind, item.key, item.importance_gap) == (kind, "p1-2", gap)
    assert (item.client_goal.id, item.therapist_goal.id) == (1, 2)
    assert item.labels == ()
    expected_shared = client_importance + therapist_importance if kind == SHARED else 0
    assert result.shared_importance == expected_shared


def test_withdrawn_label_does_not_make_goal_overboard():
    result = compare(
        goals=[client(1, 3), therapist(2, 3), client(3, 2)],
        links=[LinkData(1, 2)],
        labels=[label(7, 1, withdrawn=True), label(8, 3, withdrawn=True)],
    )
    assert summary(result) == [(CLIENT_ONLY, "g3"), (SHARED, "p1-2")]
    assert all(item.labels == () for item in result.items)
    assert result.score == 75  # 6 / 8


def test_unlinked_labelled_goal_is_overboard_alone():
    result = compare(goals=[therapist(5, 2)], labels=[label(1, 5, by_side=THERAPIST)])
    [item] = result.items
    assert (item.kind, item.key, item.partner, item.importance_gap) == (OVERBOARD, "g5", None, None)
    assert item.goals == (therapist(5, 2),)
    assert (item.client_goal, item.therapist_goal) == (None, therapist(5, 2))
    assert item.labels == (label(1, 5, by_side=THERAPIST),)


@pytest.mark.parametrize("labelled_id", [1, 2], ids=["client_goal", "therapist_goal"])
def test_labelled_goal_in_pair_appears_once_as_overboard_with_partner(labelled_id):
    goals = [client(1, 4), therapist(2, 5), client(3, 1), therapist(4, 1)]
    result = compare(
        goals=goals,
        links=[LinkData(1, 2), LinkData(3, 4)],
        labels=[label(9, labelled_id, by_side=CLIENT), label(3, labelled_id, withdrawn=True)],
    )
    assert summary(result) == [(OVERBOARD, "p1-2"), (SHARED, "p3-4")]
    overboard = result.items[0]
    partner_id = 3 - labelled_id
    assert (overboard.goal.id, overboard.partner.id) == (labelled_id, partner_id)
    assert (overboard.client_goal.id, overboard.therapist_goal.id) == (1, 2)
    assert overboard.labels == (label(9, labelled_id, by_side=CLIENT),)
    assert overboard.importance_gap == 1
    # The pair counts towards the total but not towards what is shared.
    assert (result.shared_importance, result.total_importance) == (2, 11)
    assert result.score == 18


def test_both_goals_of_pair_labelled_is_one_overboard_item_led_by_client_goal():
    result = compare(
        goals=[client(1, 2), therapist(2, 4)],
        links=[LinkData(1, 2)],
        labels=[label(30, 1), label(10, 2, by_side=CLIENT), label(20, 1, by_side=CLIENT)],
    )
    [item] = result.items
    assert (item.kind, item.key) == (OVERBOARD, "p1-2")
    assert (item.goal.id, item.partner.id) == (1, 2)
    assert [lab.id for lab in item.labels] == [10, 20, 30]
    assert result.counts == {
        OVERBOARD: 1,
        OPPOSED: 0,
        CLIENT_ONLY: 0,
        THERAPIST_ONLY: 0,
        GAP: 0,
        SHARED: 0,
    }
    assert result.score == 0


def test_agenda_follows_kind_order():
    result = compare(
        goals=[
            *(client(1, 5), therapist(2, 5)),  # shared
            *(client(3, 1), therapist(4, 5)),  # gap
            client(5, 1),  # client only
            therapist(6, 1),  # therapist only
            client(7, 1),  # overboard
            *(client(8, 1), therapist(9, 1)),  # opposed
        ],
        links=[LinkData(1, 2), LinkData(3, 4), LinkData(8, 9, OPPOSITE)],
        labels=[label(1, 7)],
    )
    assert [item.kind for item in result.items] == list(KIND_ORDER)
    assert result.of_kind(GAP) == (Item(GAP, client(3, 1), therapist(4, 5)),)
    assert result.counts == dict.fromkeys(KIND_ORDER, 1)


@pytest.mark.parametrize(
    ("goals", "expected_keys"),
    [
        pytest.param(
            [client(1, 2, 0), client(2, 4, 2), client(3, 4, 1)],
            ["g3", "g2", "g1"],
            id="importance_then_position",
        ),
        pytest.param(
            [client(9, 3, 1), client(4, 3, 1), client(6, 3, 0)],
            ["g6", "g4", "g9"],
            id="position_then_id",
        ),
        pytest.param(
            [therapist(8, 2, 1), therapist(5, 2, 1), therapist(3, 1, 0)],
            ["g5", "g8", "g3"],
            id="therapist_only_same_rules",
        ),
    ],
)
def test_ties_within_a_kind_break_by_importance_position_then_id(goals, expected_keys):
    assert [item.key for item in compare(goals=goals).items] == expected_keys


def test_overboard_ties_put_client_goal_before_therapist_goal():
    goals = [therapist(1, 3, 0), client(2, 3, 5), client(3, 3, 0), therapist(4, 4, 9)]
    labels = [label(i, goal.id) for i, goal in enumerate(goals)]
    result = compare(goals=goals, labels=labels)
    assert [item.key for item in result.of_kind(OVERBOARD)] == ["g4", "g3", "g2", "g1"]
    assert result.counts[OVERBOARD] == 4


def test_pairs_rank_by_their_larger_importance():
    result = compare(
        goals=[
            *(client(1, 3), therapist(2, 4)),
            *(client(3, 5, 1), therapist(4, 5)),
            *(client(5, 1), therapist(6, 5, 3)),
        ],
        links=[LinkData(1, 2), LinkData(3, 4), LinkData(5, 6)],
    )
    assert summary(result) == [(GAP, "p5-6"), (SHARED, "p3-4"), (SHARED, "p1-2")]


def test_order_does_not_depend_on_input_order():
    goals = [client(1, 3), client(2, 3), therapist(3, 3), therapist(4, 3), client(5, 3)]
    links = [LinkData(1, 3), LinkData(2, 4)]
    forward = compare(goals=goals, links=links)
    backward = compare(goals=goals[::-1], links=links[::-1])
    assert forward == backward
    assert summary(forward) == [(CLIENT_ONLY, "g5"), (SHARED, "p1-3"), (SHARED, "p2-4")]


@pytest.mark.parametrize(
    ("shared", "total", "score"),
    [
        (7, 12, 58),  # 58.33
        (1, 8, 13),  # 12.5 rounds half up, not to even
        (5, 6, 83),  # 83.33
        (2, 3, 67),  # 66.67
        (1, 200, 1),  # 0.5
        (3, 200, 2),  # 1.5
        (0, 5, 0),
        (5, 5, 100),
        (0, 0, None),
    ],
)
def test_score_is_whole_percent_rounded_half_up(shared, total, score):
    assert Comparison(items=(), shared_importance=shared, total_importance=total).score == score


def test_score_is_100_when_everything_is_shared():
    result = compare(
        goals=[client(1, 5), therapist(2, 4), client(3, 1), therapist(4, 1)],
        links=[LinkData(1, 2), LinkData(3, 4)],
    )
    assert result.counts[SHARED] == 2
    assert (result.shared_importance, result.total_importance, result.score) == (11, 11, 100)


def test_score_from_mixed_round():
    # Shared 2+2+2+1 = 7 of 12 in total.
    result = compare(
        goals=[client(1, 2), therapist(2, 2), client(3, 2), therapist(4, 1), therapist(5, 5)],
        links=[LinkData(1, 2), LinkData(3, 4)],
    )
    assert summary(result) == [(THERAPIST_ONLY, "g5"), (SHARED, "p1-2"), (SHARED, "p3-4")]
    assert (result.shared_importance, result.total_importance, result.score) == (7, 12, 58)


@pytest.mark.parametrize(
    ("links", "labels", "message"),
    [
        pytest.param([LinkData(1, 99)], [], "unknown goal 99", id="link_to_unknown_goal"),
        pytest.param([LinkData(99, 2)], [], "unknown goal 99", id="link_from_unknown_goal"),
        pytest.param([LinkData(1, 3)], [], "goal 3 is a client goal", id="two_client_goals"),
        pytest.param([LinkData(2, 4)], [], "goal 2 is a therapist goal", id="two_therapist_goals"),
        pytest.param([LinkData(2, 1)], [], "goal 2 is a therapist goal", id="sides_swapped"),
        pytest.param(
            [LinkData(1, 2), LinkData(3, 2)], [], "goal 2 is in more than one link", id="shared"
        ),
        pytest.param(
            [LinkData(1, 2), LinkData(1, 4)], [], "goal 1 is in more than one link", id="reused"
        ),
        pytest.param([], [label(5, 42)], "label 5 is on unknown goal 42", id="label_unknown"),
        pytest.param([LinkData(1, 2, "similar")], [], "unknown relation", id="bad_relation"),
        pytest.param(
            [], [label(5, 42, withdrawn=True)], "unknown goal 42", id="withdrawn_label_unknown"
        ),
    ],
)
def test_invalid_links_and_labels_are_refused(links, labels, message):
    goals = [client(1), therapist(2), client(3), therapist(4)]
    with pytest.raises(ValueError, match=message):
        compare(goals=goals, links=links, labels=labels)


@pytest.mark.parametrize(
    ("goals", "message"),
    [
        pytest.param([client(1), therapist(1)], "goal 1 is given more than once", id="duplicate"),
        pytest.param([client(1, importance=0)], "importance 0", id="importance_too_low"),
        pytest.param([client(1, importance=6)], "importance 6", id="importance_too_high"),
        pytest.param(
            [GoalData(id=1, side="coach", title="x", importance=3)], "unknown side", id="bad_side"
        ),
    ],
)
def test_invalid_goals_are_refused(goals, message):
    with pytest.raises(ValueError, match=message):
        compare(goals=goals)


@pytest.mark.parametrize(
    ("args", "kwargs", "key"),
    [
        ((7,), {}, "g7"),
        ((7,), {"goal_side": THERAPIST}, "g7"),
        ((7, 12), {}, "p7-12"),
        ((7, 12), {"goal_side": CLIENT}, "p7-12"),
        ((12, 7), {"goal_side": THERAPIST}, "p7-12"),
    ],
)
def test_item_key_puts_client_id_first(args, kwargs, key):
    assert item_key(*args, **kwargs) == key


def test_item_key_refuses_unknown_side():
    with pytest.raises(ValueError, match="unknown side"):
        item_key(1, 2, goal_side="coach")


def test_item_keys_match_item_key_helper():
    result = compare(
        goals=[client(1), therapist(2), client(3), therapist(4), therapist(5)],
        links=[LinkData(1, 2), LinkData(3, 4)],
        labels=[label(1, 4)],
    )
    keys = {item.key for item in result.items}
    assert keys == {item_key(1, 2), item_key(4, 3, goal_side=THERAPIST), item_key(5)}
    assert keys == {"p1-2", "p3-4", "g5"}


def test_of_kind_refuses_unknown_kind():
    with pytest.raises(ValueError, match="unknown item kind"):
        compare(goals=[]).of_kind("maybe")


# Pulling apart: a pair linked as opposed ----------------------------------------------------


@pytest.mark.parametrize(("client_importance", "therapist_importance"), [(4, 4), (5, 4), (1, 5)])
def test_opposed_pair_pulls_apart_whatever_the_importances_and_is_never_shared(
    client_importance, therapist_importance
):
    result = compare(
        goals=[client(1, client_importance), therapist(2, therapist_importance)],
        links=[LinkData(1, 2, OPPOSITE)],
    )
    [item] = result.items
    assert (item.kind, item.key) == (OPPOSED, "p1-2")
    assert (item.client_goal.id, item.therapist_goal.id) == (1, 2)
    assert result.shared_importance == 0
    assert result.total_importance == client_importance + therapist_importance
    assert result.score == 0


def test_opposed_pair_comes_right_after_overboard_and_before_one_sided_goals():
    result = compare(
        goals=[
            *(client(1, 5), therapist(2, 5)),  # shared
            client(3, 5),  # client only, very important
            *(client(4, 1), therapist(5, 1)),  # opposed, unimportant
            client(6, 1),  # overboard
        ],
        links=[LinkData(1, 2), LinkData(4, 5, OPPOSITE)],
        labels=[label(1, 6)],
    )
    assert summary(result) == [
        (OVERBOARD, "g6"),
        (OPPOSED, "p4-5"),
        (CLIENT_ONLY, "g3"),
        (SHARED, "p1-2"),
    ]
    # Only the pair linked as meaning the same thing counts: 10 of 18.
    assert (result.shared_importance, result.total_importance, result.score) == (10, 18, 56)


def test_opposed_pair_with_an_open_label_is_overboard_with_its_partner_beside_it():
    result = compare(
        goals=[client(1, 3), therapist(2, 3)],
        links=[LinkData(1, 2, OPPOSITE)],
        labels=[label(7, 1)],
    )
    [item] = result.items
    assert (item.kind, item.key, item.partner.id) == (OVERBOARD, "p1-2", 2)
    assert result.score == 0


def test_withdrawn_label_on_an_opposed_pair_leaves_it_pulling_apart():
    result = compare(
        goals=[client(1, 3), therapist(2, 3)],
        links=[LinkData(1, 2, OPPOSITE)],
        labels=[label(7, 1, withdrawn=True)],
    )
    assert summary(result) == [(OPPOSED, "p1-2")]


def test_a_link_means_the_same_thing_unless_said_otherwise():
    assert LinkData(1, 2).relation == "same"
    result = compare(goals=[client(1, 3), therapist(2, 3)], links=[LinkData(1, 2)])
    assert summary(result) == [(SHARED, "p1-2")]
    assert result.score == 100
