"""Suggest which client goal and therapist goal mean the same thing, and say why in plain words.

Pure Python (no ORM, no Django): a title becomes weighted concepts from the hand-kept lexicon
plus its leftover content words; two goals are compared by cosine over those, and the life area
nudges the result. Only a person links goals; this module only suggests.
"""

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Protocol

from alignment.lexicon import CONCEPTS, FILLER_PHRASES, SETTING, STOP_WORDS

# Any value from about 0.38 to 0.6 separates shared/data/goal_pairs_dev.csv; 0.42 stays clear of
# its matches and also suits the hand-made pairs in tests/alignment/test_matching.py.
SUGGESTION_THRESHOLD = 0.42

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
# "My relationship" could be with anyone, so it never contradicts a named person.
ANY_PERSON = "relationships"
# A broader concept reached through a narrower one ("panic" -> "anxiety") counts this much.
BROADER_CREDIT = 0.5
# A content word the lexicon does not know ("thesis", "audition"): weaker than a known concept,
# because shared rare words are good evidence but shared common ones are not.
UNKNOWN_WORD_WEIGHT = 0.6
MAX_REASONS = 3
# Titles are at most 200 characters; the cap only bounds work on hostile input.
MAX_TITLE_CHARS = 1000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TAG = re.compile(r"<[^>]*>")
_SUFFIXES = ("ness", "ment", "ation", "ity", "ing", "ful", "ed")


_SETTINGS = frozenset(name for name, (weight, _, _) in CONCEPTS.items() if weight == SETTING)


class _Profile(NamedTuple):
    weights: dict[str, float]  # concept or "word:<stem>" -> weight
    words: dict[str, dict[str, str]]  # same keys -> {stemmed term: words as written}
    places: frozenset[str]  # settings named outright, with their broader settings


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


def stem(word: str) -> str:
    """Strip common English endings so "worries", "worried" and "worrying" meet at "worry"."""
    if len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    # Two passes so "meaningful" and "meaning" both reach "mean".
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                # "stopping" -> "stop", but "falling" and "stressed" keep their double letter.
                if suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] not in "lsz":
                    word = word[:-1]
                break
        else:
            break
    if word.endswith("i"):
        word = word[:-1] + "y"
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    # "motivate", "motivated" and "motivation" should meet.
    if word.endswith("at") and len(word) > 5:
        word = word[:-2]
    return word


def _fold(raw: str) -> str:
    text = unicodedata.normalize("NFKD", raw.replace("’", "'")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text.endswith("'s"):
        text = text[:-2]
    return text.replace("'", "")


def _build_index() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    index: dict[tuple[str, ...], tuple[str, ...]] = {}
    entries = [(name, terms) for name, (_, _, terms) in CONCEPTS.items()]
    entries.append(("", FILLER_PHRASES))
    for name, terms in entries:
        for term in terms.split(";"):
            key = tuple(stem(_fold(word)) for word in term.split())
            if key:
                concepts = index.setdefault(key, ())
                if name and name not in concepts:
                    index[key] = (*concepts, name)
    return index, max(len(key) for key in index)


_INDEX, _LONGEST_TERM = _build_index()


def _broader(name: str) -> Iterable[tuple[str, int]]:
    seen, frontier, depth = {name}, [name], 0
    while frontier:
        depth += 1
        frontier = [p for n in frontier for p in CONCEPTS[n][1] if p not in seen]
        seen.update(frontier)
        yield from ((p, depth) for p in frontier)


@lru_cache(maxsize=2048)
def _profile(title: str) -> _Profile:
    """Weighted concepts and content words of a title, with the words that produced each."""
    text = _TAG.sub(lambda m: " " * len(m.group()), title[:MAX_TITLE_CHARS])
    found = [(m, _fold(m.group())) for m in _WORD.finditer(text)]
    stems = [stem(folded) for _, folded in found]
    weights: dict[str, float] = {}
    words: dict[str, dict[str, str]] = {}
    places: set[str] = set()

    def add(node: str, weight: float, key: str, surface: str) -> None:
        weights[node] = max(weights.get(node, 0.0), weight)
        words.setdefault(node, {}).setdefault(key, surface)

    i = 0
    while i < len(found):
        # Longest phrase first, so "hard on myself" wins over "hard" and "cut down" over "down".
        for length in range(min(_LONGEST_TERM, len(found) - i), 0, -1):
            key = tuple(stems[i : i + length])
            if key in _INDEX:
                start, end = found[i][0].start(), found[i + length - 1][0].end()
                surface = " ".join(text[start:end].lower().split())
                for name in _INDEX[key]:
                    weight = CONCEPTS[name][0]
                    add(name, weight, " ".join(key), surface)
                    for parent, depth in _broader(name):
                        credit = CONCEPTS[parent][0] * BROADER_CREDIT**depth
                        add(parent, credit, " ".join(key), surface)
                        if name in _SETTINGS and parent in _SETTINGS:
                            places.add(parent)
                    if name in _SETTINGS:
                        places.add(name)
                i += length
                break
        else:
            folded, stemmed = found[i][1], stems[i]
            if len(folded) > 1 and folded not in STOP_WORDS and stemmed not in STOP_WORDS:
                add("word:" + stemmed, UNKNOWN_WORD_WEIGHT, stemmed, found[i][0].group().lower())
            i += 1
    return _Profile(weights, words, frozenset(places - {ANY_PERSON}))


def _area_score(area_a: str, area_b: str) -> float:
    if not area_a or not area_b or UNSURE_AREA in (area_a, area_b):
        return 0.5
    if area_a == area_b:
        return 1.0
    return 0.5 if frozenset((area_a, area_b)) in RELATED_AREAS else 0.0


def _content_score(a: _Profile, b: _Profile) -> float:
    # Cosine over weighted concepts; fsum keeps it bit-for-bit symmetric.
    shared = a.weights.keys() & b.weights.keys()
    if not shared:
        return 0.0
    dot = math.fsum(a.weights[n] * b.weights[n] for n in shared)
    norm_a = math.sqrt(math.fsum(w * w for w in a.weights.values()))
    norm_b = math.sqrt(math.fsum(w * w for w in b.weights.values()))
    score = min(1.0, dot / (norm_a * norm_b))
    if shared <= _SETTINGS:
        score *= SETTING_ONLY_FACTOR
    elif a.places and b.places and not a.places & b.places:
        score *= OTHER_SETTING_FACTOR
    return score


def similarity(title_a: str, area_a: str, title_b: str, area_b: str) -> float:
    """How likely two goals mean the same thing, from 0 to 1; blank titles score 0."""
    content = _content_score(_profile(title_a or ""), _profile(title_b or ""))
    if content == 0.0:
        return 0.0
    area = _area_score(area_a or "", area_b or "")
    return round((1 - AREA_WEIGHT) * content + AREA_WEIGHT * area, 4)


def explain(title_a: str, area_a: str, title_b: str, area_b: str) -> str:
    """A short reason for the similarity in words found in the titles, e.g. "exams ≈ test"."""
    a, b = _profile(title_a or ""), _profile(title_b or "")
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
    """Likely pairs among unlinked goals, best first, each goal suggested at most once."""
    skip_client, skip_therapist = set(linked_client_ids), set(linked_therapist_ids)
    clients = [g for g in client_goals if g.id not in skip_client]
    therapists = [g for g in therapist_goals if g.id not in skip_therapist]
    candidates = []
    for c in clients:
        for t in therapists:
            score = similarity(c.title, c.area, t.title, t.area)
            if score >= SUGGESTION_THRESHOLD:
                candidates.append((score, c, t))
    # Greedy: the strongest pair claims both goals, so a weaker rival is not offered too.
    candidates.sort(key=lambda item: (-item[0], item[1].id, item[2].id))
    used_client: set[int] = set()
    used_therapist: set[int] = set()
    suggestions = []
    for score, c, t in candidates:
        if c.id in used_client or t.id in used_therapist:
            continue
        used_client.add(c.id)
        used_therapist.add(t.id)
        reason = explain(c.title, c.area, t.title, t.area)
        suggestions.append(Suggestion(c.id, t.id, score, reason))
    return suggestions
