"""Load the therapy vocabulary in lexicon.toml into lookup tables: concepts, cues and filler.

The vocabulary is data (lexicon.toml), so a clinician can amend it without touching code. Here it
is only parsed, stemmed and indexed; reading.py reads goal titles with it.
"""

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

LEXICON_FILE = Path(__file__).with_name("lexicon.toml")

# ISSUE is something a goal is about (anxiety, grief). SETTING is a place or a person (work, a
# partner): it says where a goal lives, not what it is about, so it weighs less.
ISSUE, SETTING = 1.0, 0.6
KIND_WEIGHTS = {"issue": ISSUE, "setting": SETTING}

_SUFFIXES = ("ness", "ment", "ation", "ity", "ing", "ful", "ed")


class Concept(NamedTuple):
    weight: float
    broader: tuple[tuple[str, int], ...]  # (broader concept, +1 or -1 for its other end)
    terms: tuple[tuple[str, int], ...]  # (term as written, +1 or -1 for the other end)


class Entry(NamedTuple):
    """What a stemmed phrase means: one or more concepts, a cue, a boundary or filler."""

    concepts: tuple[tuple[str, int], ...] = ()  # (concept, sign)
    before: int = 0  # -1 "stop", +1 "more" when said before a topic; 0 if not a cue there
    after: int = 0  # -1 "less", +1 "every day" when said after a topic
    weak: bool = False  # "get", "stay": leans toward what follows, unless a later cue says more
    handling: bool = False  # "management", "tolerance": the topic before it has no direction
    turns: bool = False  # "without": turns round whatever the sentence pulls toward so far
    intensifies: bool = False  # "every", "always": the way said so far, only stronger
    boundary: bool = False
    aside: bool = False  # after "when", "so that": when or why, not what the goal is about
    filler: bool = False


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


def fold(raw: str) -> str:
    """Lower-case a word and drop accents and apostrophes ("Mum’s" -> "mum")."""
    text = unicodedata.normalize("NFKD", raw.replace("’", "'")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text.endswith("'s"):
        text = text[:-2]
    return text.replace("'", "")


def terms_of(text: str) -> list[str]:
    """The ";"-separated terms of a lexicon field, whitespace collapsed."""
    return [" ".join(term.split()) for term in text.split(";") if term.strip()]


def key_of(term: str) -> tuple[str, ...]:
    return tuple(stem(fold(word)) for word in re.split(r"[\s-]+", term) if word)


def _load() -> dict:
    with LEXICON_FILE.open("rb") as f:
        return tomllib.load(f)


DATA = _load()
STOP_WORDS = frozenset(DATA["stop"]["words"].split())
FILLER_PHRASES = tuple(terms_of(DATA["filler"]["phrases"]))
CONCEPTS: dict[str, Concept] = {
    name: Concept(
        KIND_WEIGHTS[spec["kind"]],
        tuple((b, 1) for b in spec.get("broader", ()))
        + tuple((b, -1) for b in spec.get("opposes", ())),
        tuple((t, 1) for t in terms_of(spec["terms"]))
        + tuple((t, -1) for t in terms_of(spec.get("opposite", ""))),
    )
    for name, spec in DATA["concepts"].items()
}
OBJECTS = frozenset(DATA["direction"]["objects"].split())
OPENERS = frozenset(DATA["direction"]["openers"].split())
SETTINGS = frozenset(name for name, c in CONCEPTS.items() if c.weight == SETTING)


def build_index() -> dict[tuple[str, ...], Entry]:
    """Every stemmed phrase of the lexicon with what it means."""
    index: dict[tuple[str, ...], Entry] = {}

    def put(term: str, **changes) -> None:
        key = key_of(term)
        if not key:
            return
        entry = index.get(key, Entry())
        if "concepts" in changes:
            new = [c for c in changes["concepts"] if c not in entry.concepts]
            changes["concepts"] = entry.concepts + tuple(new)
        index[key] = entry._replace(**changes)

    direction = DATA["direction"]
    for field, change in (
        ("less", {"before": -1}),
        ("more", {"before": 1}),
        ("less_after", {"after": -1}),
        ("more_after", {"after": 1}),
        ("weak", {"weak": True}),
        ("handling", {"handling": True}),
        ("turning", {"turns": True}),
        ("intensifiers", {"intensifies": True}),
        ("boundaries", {"boundary": True, "aside": True}),
        ("about", {"boundary": True}),
    ):
        for term in terms_of(direction[field]):
            put(term, **change)
    for term in FILLER_PHRASES:
        put(term, filler=True)
    for name, concept in CONCEPTS.items():
        for term, sign in concept.terms:
            put(term, concepts=((name, sign),))
    return index


def broader(name: str) -> Iterable[tuple[str, int, int]]:
    """Broader concepts with their depth and sign (-1 where a step goes to the other end)."""
    seen, frontier, depth = {name}, [(name, 1)], 0
    while frontier:
        depth += 1
        step = [(p, s * e) for n, s in frontier for p, e in CONCEPTS[n].broader if p not in seen]
        seen.update(p for p, _ in step)
        frontier = step
        yield from ((p, depth, s) for p, s in step)
