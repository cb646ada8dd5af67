"""Suggest which client goal and therapist goal mean the same thing, or pull in opposite directions.

Pure Python (no ORM, no Django): a title becomes weighted concepts from the vocabulary in
lexicon.toml plus its leftover content words, each with the way the goal pulls on it (less, more,
or unsaid) read from words like "stop", "never", "more", "every day". Two goals are compared by
cosine over the concepts; the life area nudges the result. Only a person links goals: this module
only suggests.

- similarity() is a score of sameness: an opposed pair scores below SUGGESTION_THRESHOLD.
- relation() says "same", "opposed" or ""; explain_relation() says why in a few words.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from alignment.lexicon import CONCEPTS, SETTINGS, stem
from alignment.reading import BROADER_CREDIT, Profile, profile

__all__ = [
    "SUGGESTION_THRESHOLD",
    "GoalLike",
    "Suggestion",
    "explain",
    "explain_relation",
    "relation",
    "similarity",
    "stem",
    "suggest_pairs",
]

# 0.42 sits in a flat stretch (about 0.36 to 0.45) of precision and recall on the dev and tuning
# pairs in tests/data, clear of the dev file's matches.
SUGGESTION_THRESHOLD = 0.42
# Two goals about the same thing that pull apart are not the same: their sameness is scaled down
# so far that it always stays below the threshold.
OPPOSED_FACTOR = 0.4
# An opposed pair must share enough of a topic to be worth talking through.
OPPOSED_MIN_TOPIC = 0.2

# The area is a hint, not evidence: at most this share of the score, and only once the titles
# share something, so the area alone can never make a suggestion.
AREA_WEIGHT = 0.15
RELATED_AREAS = frozenset(
    frozenset(pair)
    for pair in (
        ("stress_anxiety", "mood"),
        ("mood", "self_worth"),
        ("work_study", "direction"),
        ("health", "habits"),
        ("stress_anxiety", "health"),
    )
)
UNSURE_AREA = "other"

# A setting (work, a partner, money) says where a goal lives, not what it is about: two goals
# that share nothing but a setting are weak evidence, and the same concern with a different
# person or place ("arguing with my husband" / "conflict with my boss") is a different goal.
SETTING_ONLY_FACTOR = 0.5
OTHER_SETTING_FACTOR = 0.35
DIFFERENT_THINGS_SHARE = 0.25
DIFFERENT_THINGS_FACTOR = 0.6
MAX_REASONS = 3


class GoalLike(Protocol):
    id: int
    title: str
    area: str


@dataclass(frozen=True)
class Suggestion:
    client_goal_id: int
    therapist_goal_id: int
    score: float
    reason: str
    relation: str = "same"  # "same" or "opposed"


def _area_score(area_a: str, area_b: str) -> float:
    if not area_a or not area_b or UNSURE_AREA in (area_a, area_b):
        return 0.5
    if area_a == area_b:
        return 1.0
    return 0.5 if frozenset((area_a, area_b)) in RELATED_AREAS else 0.0


def _content_score(a: Profile, b: Profile) -> tuple[float, float]:
    """(sameness, shared topic): cosine over weighted concepts, discounted where the goals are
    about different people, places or things; the topic alone ignores the things."""
    # fsum keeps it bit-for-bit symmetric.
    shared = a.weights.keys() & b.weights.keys()
    if not shared:
        return 0.0, 0.0
    dot = math.fsum(a.weights[n] * b.weights[n] for n in shared)
    norm_a = math.sqrt(math.fsum(w * w for w in a.weights.values()))
    norm_b = math.sqrt(math.fsum(w * w for w in b.weights.values()))
    topic = min(1.0, dot / (norm_a * norm_b))
    if shared <= SETTINGS:
        topic *= SETTING_ONLY_FACTOR
    elif a.places and b.places and not a.places & b.places:
        topic *= OTHER_SETTING_FACTOR
    # Each goal has a good part the other lacks: the same feeling about different things
    # ("guilty about my divorce" / "guilty about eating") is a different goal.
    # When or why a goal is wanted ("so I can keep going") is not a different thing.
    if min(_own_share(a, shared), _own_share(b, shared)) > DIFFERENT_THINGS_SHARE:
        return topic * DIFFERENT_THINGS_FACTOR, topic
    return topic, topic


def _own_share(p: Profile, shared: set[str]) -> float:
    """The share of a goal's weight that the other goal lacks, leaving out when and why."""
    mine = [w * w for n, w in p.weights.items() if n not in shared and n not in p.aside]
    total = math.fsum(mine) + math.fsum(p.weights[n] ** 2 for n in shared)
    return math.fsum(mine) / total if total else 0.0


def _way_on(node: str, this: Profile, other: Profile) -> int:
    """The way a goal pulls on a shared topic: said outright, or, when it names the other end of
    what the other goal pulls on ("slow down" against "keep busy every minute"), that end."""
    if node in this.pulls:
        return this.pulls[node]
    # Only a concept this goal names outright, against one the other names or reaches in one step
    # ("regulate" is about emotions, not the other end of getting up in the morning).
    full = CONCEPTS[node].weight if node in CONCEPTS else 0.0
    named = this.weights[node] >= full and other.weights[node] >= full * BROADER_CREDIT
    if (
        named
        and node in this.direct
        and node in other.pulls
        and this.poles[node] != other.poles[node]
    ):
        return this.poles[node]
    return 0


def _pulling_apart(a: Profile, b: Profile) -> list[str]:
    """Shared topics the two goals pull in opposite directions, strongest first; [] if they agree
    at least as much as they disagree."""
    against, along = [], 0.0
    # When or why a goal is wanted ("when I feel low") says nothing about which way it pulls.
    for node in a.weights.keys() & b.weights.keys() - a.aside - b.aside:
        way_a, way_b = _way_on(node, a, b), _way_on(node, b, a)
        strength = a.weights[node] * b.weights[node]
        if way_a * way_b > 0:
            along += strength
        elif way_a * way_b < 0:
            against.append((strength, node))
    if sum(s for s, _ in against) <= along:
        return []
    return [node for _, node in sorted(against, key=lambda item: (-item[0], item[1]))]


def _judge(title_a: str, area_a: str, title_b: str, area_b: str) -> tuple[str, float, str]:
    """(relation, sameness score, reason) for two goals."""
    a, b = profile(title_a or ""), profile(title_b or "")
    content, topic = _content_score(a, b)
    if topic == 0.0:
        return "", 0.0, ""
    area = _area_score(area_a or "", area_b or "")
    score = round((1 - AREA_WEIGHT) * content + AREA_WEIGHT * area, 4)
    apart = _pulling_apart(a, b)
    if apart:
        kind = "opposed" if topic >= OPPOSED_MIN_TOPIC else ""
        return kind, round(score * OPPOSED_FACTOR, 4), _opposed_reason(a, b, apart[0])
    return ("same" if score >= SUGGESTION_THRESHOLD else ""), score, ""


def _way(pull: int, topic: str) -> str:
    if pull > 0:
        return "more"
    # "fewer nights out", but "less alcohol".
    plural = any(w.endswith("s") and not w.endswith(("ss", "us", "is")) for w in topic.split())
    return "fewer" if plural else "less"


def _opposed_reason(a: Profile, b: Profile, node: str) -> str:
    said_a, said_b = a.words[node], b.words[node]
    common = sorted(said_a.keys() & said_b.keys())
    if common:
        topic = said_a[common[0]]
    else:
        topic = f"{next(iter(said_a.values()))} ≈ {next(iter(said_b.values()))}"
    way_a, way_b = _way_on(node, a, b), _way_on(node, b, a)
    return f"{topic}: {_way(way_a, topic)} ↔ {_way(way_b, topic)}"


def similarity(title_a: str, area_a: str, title_b: str, area_b: str) -> float:
    """How likely two goals mean the same thing, from 0 to 1; blank titles score 0, and goals
    that pull in opposite directions score below SUGGESTION_THRESHOLD."""
    return _judge(title_a, area_a, title_b, area_b)[1]


def relation(client_title: str, client_area: str, therapist_title: str, therapist_area: str) -> str:
    """ "same" (they mean the same thing), "opposed" (about the same thing, pulling in opposite
    directions) or "" (neither, as far as the words tell)."""
    return _judge(client_title, client_area, therapist_title, therapist_area)[0]


def explain_relation(
    client_title: str, client_area: str, therapist_title: str, therapist_area: str
) -> str:
    """Why relation() said what it said, in the goals' own words: "exams ≈ test" for a same pair,
    "nights out: more ↔ fewer" for an opposed one (client's way first)."""
    kind, _, reason = _judge(client_title, client_area, therapist_title, therapist_area)
    if kind == "opposed":
        return reason
    return explain(client_title, client_area, therapist_title, therapist_area)


def explain(title_a: str, area_a: str, title_b: str, area_b: str) -> str:
    """A short reason for the similarity in words found in the titles, e.g. "exams ≈ test"."""
    a, b = profile(title_a or ""), profile(title_b or "")
    reasons: list[str] = []
    shown: set[str] = set()
    by_strength = sorted(
        a.weights.keys() & b.weights.keys(), key=lambda n: (-a.weights[n] * b.weights[n], n)
    )
    for node in by_strength:
        if len(reasons) == MAX_REASONS:
            break
        said_a, said_b = a.words[node], b.words[node]
        # A broader concept repeats its narrower words; show only what is new.
        common = [k for k in sorted(said_a.keys() & said_b.keys()) if said_a[k] not in shown]
        new_a = [w for w in said_a.values() if w not in shown][:2]
        new_b = [w for w in said_b.values() if w not in shown][:2]
        if common:
            reasons.append(f"both mention {said_a[common[0]]}")
            shown.add(said_a[common[0]])
        elif new_a and new_b:
            reasons.append(f"{' / '.join(new_a)} ≈ {' / '.join(new_b)}")
            shown.update(new_a, new_b)
    if not reasons:
        reasons.append("no words or themes in common")
    if area_a and area_b and UNSURE_AREA not in (area_a, area_b):
        if area_a == area_b:
            reasons.insert(0, "same life area")
        elif frozenset((area_a, area_b)) in RELATED_AREAS:
            reasons.insert(0, "related life areas")
    return "; ".join(reasons)


def suggest_pairs(
    client_goals: Iterable[GoalLike],
    therapist_goals: Iterable[GoalLike],
    *,
    linked_client_ids: Iterable[int] = (),
    linked_therapist_ids: Iterable[int] = (),
) -> list[Suggestion]:
    """Likely pairs among unlinked goals, each goal suggested at most once: pairs that mean the
    same thing (relation "same") and pairs about the same thing that pull in opposite directions
    ("opposed"). Best first: a same pair by its score, an opposed one by how much topic it shares
    (its score, a sameness, stays below the threshold)."""
    skip_client, skip_therapist = set(linked_client_ids), set(linked_therapist_ids)
    clients = [g for g in client_goals if g.id not in skip_client]
    therapists = [g for g in therapist_goals if g.id not in skip_therapist]
    candidates = []
    for c in clients:
        for t in therapists:
            kind, score, reason = _judge(c.title, c.area, t.title, t.area)
            if kind:
                # An opposed pair ranks by how much of a topic the two share, not by sameness.
                rank = score / OPPOSED_FACTOR if kind == "opposed" else score
                candidates.append((rank, score, kind, reason, c, t))
    # Greedy: the strongest pair claims both goals, so a weaker rival is not offered too.
    candidates.sort(key=lambda item: (-item[0], item[4].id, item[5].id))
    used_client: set[int] = set()
    used_therapist: set[int] = set()
    suggestions = []
    for _, score, kind, reason, c, t in candidates:
        if c.id in used_client or t.id in used_therapist:
            continue
        used_client.add(c.id)
        used_therapist.add(t.id)
        if kind == "same":
            reason = explain(c.title, c.area, t.title, t.area)
        suggestions.append(Suggestion(c.id, t.id, score, reason, kind))
    return suggestions
