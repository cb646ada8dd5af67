"""Read the therapy vocabulary in lexicon.toml, and read goal titles with it.

The vocabulary is data (lexicon.toml), so a clinician can amend it without touching code. Here it
is parsed, stemmed and indexed, and profile() turns a title into weighted concepts and content
words, each with the way the goal pulls on it. matching.py compares two such profiles.
"""

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
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
        ("boundaries", {"boundary": True}),
    ):
        for term in terms_of(direction[field]):
            put(term, **change)
    for term in FILLER_PHRASES:
        put(term, filler=True)
    for name, concept in CONCEPTS.items():
        for term, sign in concept.terms:
            put(term, concepts=((name, sign),))
    return index


# "My relationship" could be with anyone, so it never contradicts a named person.
ANY_PERSON = "relationships"
# A broader concept reached through a narrower one ("panic" -> "anxiety") counts this much.
BROADER_CREDIT = 0.5
# A content word the lexicon does not know ("thesis", "audition"): weaker than a known concept,
# because shared rare words are good evidence but shared common ones are not.
UNKNOWN_WORD_WEIGHT = 0.6
# Titles are at most 200 characters; the cap only bounds work on hostile input.
MAX_TITLE_CHARS = 1000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TAG = re.compile(r"<[^>]*>")
# Punctuation between two words ends a part of a sentence, as "when" or "because" do.
_BREAK = re.compile(r"[,;:.!?()\[\]/—–]")
_INDEX = build_index()
_LONGEST_TERM = max(len(key) for key in _INDEX)
# Another form of a known word ("indecision" for "indecisive", "impulsive" for "impulse") shares
# its first letters; only a beginning that leads to one meaning is used.
PREFIX = 6


def _by_prefix() -> dict[str, Entry]:
    seen: dict[str, list[Entry]] = {}
    for key, entry in _INDEX.items():
        if len(key) == 1 and len(key[0]) >= PREFIX and entry.concepts:
            seen.setdefault(key[0][:PREFIX], []).append(entry)
    return {p: e[0] for p, e in seen.items() if len({c for x in e for c in x.concepts}) == 1}


_PREFIXES = _by_prefix()


class Profile(NamedTuple):
    weights: dict[str, float]  # concept or "word:<stem>" -> weight
    words: dict[str, dict[str, str]]  # same keys -> {stemmed term: words as written}
    places: frozenset[str]  # settings named outright, with their broader settings
    pulls: dict[str, int]  # same keys -> -1 (wants less), +1 (wants more); unsaid is absent
    poles: dict[str, int]  # same keys -> +1 or -1: which end of the concept the words name
    direct: frozenset[str]  # keys named in the first part of the sentence, not in a condition


def broader(name: str) -> Iterable[tuple[str, int, int]]:
    """Broader concepts with their depth and sign (-1 where a step goes to the other end)."""
    seen, frontier, depth = {name}, [(name, 1)], 0
    while frontier:
        depth += 1
        step = [(p, s * e) for n, s in frontier for p, e in CONCEPTS[n].broader if p not in seen]
        seen.update(p for p, _ in step)
        frontier = step
        yield from ((p, depth, s) for p, s in step)


class _Mention(NamedTuple):
    nodes: tuple[tuple[str, float, int], ...]  # (node, weight, sign of the term on it)
    key: str
    surface: str
    start: int  # token positions, to tell a modifier ("test" in "test anxiety") from its head
    end: int
    clause: int  # 0 for the first part of the sentence; a condition ("when I feel low") is 1+


# A cue's strength: "stop", "never", "every day" say the way outright; "get", "stay" only lean.
STRONG, WEAK = 2, 1


def _mentions(text: str) -> Iterable[tuple[_Mention, int]]:
    """Each concept or content word in a title with the pull of the cues around it: negative for
    less, positive for more, 0 when unsaid."""
    found = [(m, fold(m.group())) for m in _WORD.finditer(text)]
    stems = [stem(folded) for _, folded in found]
    pull, fresh = 0, False  # fresh: a cue came and no topic yet, so the next cue composes
    # "Answer my calls", "Isolate myself": a title that opens with a verb leans toward doing it.
    if len(found) > 1 and found[1][1] in OBJECTS and found[0][1] not in STOP_WORDS:
        pull = WEAK
    open_mentions: list[list] = []  # [mention, pull or None] in this part of the sentence
    clause = 0
    done: list[list] = []
    i = 0
    while i < len(found):
        if i and _BREAK.search(text, found[i - 1][0].end(), found[i][0].start()):
            pull, fresh, open_mentions, clause = 0, False, [], clause + 1
        for length in range(min(_LONGEST_TERM, len(found) - i), 0, -1):
            entry = _INDEX.get(tuple(stems[i : i + length]))
            if entry is not None:
                break
        else:
            entry, length = None, 1
            if len(stems[i]) >= PREFIX and found[i][1] not in STOP_WORDS:
                entry = _PREFIXES.get(stems[i][:PREFIX])
        if entry is None:
            folded, stemmed = found[i][1], stems[i]
            if len(folded) > 1 and folded not in STOP_WORDS and stemmed not in STOP_WORDS:
                node = ("word:" + stemmed, UNKNOWN_WORD_WEIGHT, 1)
                surface = found[i][0].group().lower()
                item = [_Mention((node,), stemmed, surface, i, i + 1, clause), pull]
                open_mentions.append(item)
                done.append(item)
                fresh = False
                if i == 0 and len(found) > 1:
                    # A title opening with a word the vocabulary does not know ("Lend money",
                    # "Answer every call") opens with a verb: it leans toward doing it.
                    pull = WEAK
        elif entry.boundary:
            pull, fresh, open_mentions, clause = 0, False, [], clause + 1
        elif entry.handling:
            # "stress management", "coping skills for distress": handled, neither more nor less.
            for item in open_mentions:
                if item[0].end == i:
                    item[1] = None
            pull, fresh = 0, False
        else:
            is_cue = entry.before or entry.after or entry.weak or entry.turns or entry.intensifies
            if entry.concepts:
                # A cue can be a topic too: "avoiding" in "stop avoiding parties".
                start, end = found[i][0].start(), found[i + length - 1][0].end()
                nodes = []
                for name, sign in entry.concepts:
                    nodes.append((name, CONCEPTS[name].weight, sign))
                    for parent, depth, edge in broader(name):
                        credit = CONCEPTS[parent].weight * BROADER_CREDIT**depth
                        nodes.append((parent, credit, sign * edge))
                key = " ".join(stems[i : i + length])
                surface = " ".join(text[start:end].lower().split())
                item = [_Mention(tuple(nodes), key, surface, i, i + length, clause), pull]
                open_mentions.append(item)
                done.append(item)
                fresh = fresh and bool(is_cue)
            if entry.turns:
                # "Never leave the house without checking": checking every time.
                pull, fresh = (STRONG if pull < 0 else -STRONG), True
            elif entry.intensifies:
                pull, fresh = (-STRONG if pull < 0 else STRONG), True
            if entry.after and not entry.concepts:
                # "Drink less", "keep my anxiety in check", "stop drinking so much" compose.
                for item in open_mentions:
                    if item[1] is not None:
                        item[1] = STRONG * entry.after * (-1 if item[1] < 0 else 1)
            if entry.before:
                sign = entry.before * (1 if pull >= 0 or not fresh else -1)
                pull, fresh = STRONG * sign, True
            elif entry.weak and not pull:
                pull, fresh = WEAK, True
        i += length
    # In "reduce test anxiety" the cue is about the anxiety, not the test.
    heads = {item[0].start for item in done if not item[0].nodes[0][0].startswith("word:")}
    for mention, mention_pull in done:
        yield mention, 0 if mention.end in heads or mention_pull is None else mention_pull


@lru_cache(maxsize=2048)
def profile(title: str) -> Profile:
    """Weighted concepts and content words of a title, the words that produced each, its pulls."""
    text = _TAG.sub(lambda m: " " * len(m.group()), title[:MAX_TITLE_CHARS])
    weights: dict[str, float] = {}
    words: dict[str, dict[str, str]] = {}
    places: set[str] = set()
    leaning: dict[str, float] = {}
    naming: dict[str, float] = {}
    direct: set[str] = set()
    for mention, pull in _mentions(text):
        named = mention.nodes[0][0]
        if mention.clause == 0:
            direct.update(node for node, _, _ in mention.nodes)
        for node, weight, sign in mention.nodes:
            weights[node] = max(weights.get(node, 0.0), weight)
            words.setdefault(node, {}).setdefault(mention.key, mention.surface)
            leaning[node] = leaning.get(node, 0.0) + weight * sign * pull
            if mention.clause == 0:
                naming[node] = naming.get(node, 0.0) + weight * sign
            if node in SETTINGS and (node == named or named in SETTINGS):
                places.add(node)
    pulls = {node: 1 if lean > 0 else -1 for node, lean in leaning.items() if lean}
    poles = {node: -1 if naming.get(node, 0.0) < 0 else 1 for node in weights}
    places.discard(ANY_PERSON)
    return Profile(weights, words, frozenset(places), pulls, poles, frozenset(direct))
