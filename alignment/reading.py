"""Read a goal title with the vocabulary: its concepts and content words, and which way it pulls.

profile() turns a title into weighted concepts (from lexicon.toml) plus leftover content words,
each with the way the goal pulls on it, read from cue words ("stop", "never", "more", "every
day"): less, more, or unsaid. matching.py compares two such profiles.
"""

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from alignment.lexicon import (
    CONCEPTS,
    OBJECTS,
    OPENERS,
    SETTINGS,
    STOP_WORDS,
    Entry,
    broader,
    build_index,
    fold,
    stem,
)

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
    aside: frozenset[str]  # keys named only where the goal says when or why


class _Mention(NamedTuple):
    nodes: tuple[tuple[str, float, int], ...]  # (node, weight, sign of the term on it)
    key: str
    surface: str
    start: int  # token positions, to tell a modifier ("test" in "test anxiety") from its head
    end: int
    clause: int  # 0 for the first part of the sentence; a condition ("when I feel low") is 1+
    aside: bool  # in a part that says when or why ("when I feel low", "so I can keep going")


# A cue's strength: "stop", "never", "every day" say the way outright; "get", "stay" only lean.
STRONG, WEAK = 2, 1


def _mentions(text: str) -> Iterable[tuple[_Mention, int]]:
    """Each concept or content word in a title with the pull of the cues around it: negative for
    less, positive for more, 0 when unsaid."""
    found = [(m, fold(m.group())) for m in _WORD.finditer(text)]
    stems = [stem(folded) for _, folded in found]
    pull, fresh = 0, False  # fresh: a cue came and no topic yet, so the next cue composes
    # "Answer my calls", "Isolate myself", "Talk about it": a title that opens with a verb leans
    # toward doing it.
    if len(found) > 1 and (
        found[0][1] in OPENERS or (found[1][1] in OBJECTS and found[0][1] not in STOP_WORDS)
    ):
        pull = WEAK
    open_mentions: list[list] = []  # [mention, pull or None] in this part of the sentence
    clause, aside = 0, False
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
                if i == 0 and len(found) > 1:
                    # A title opening with a word the vocabulary does not know ("Lend money",
                    # "Answer every call") opens with a verb: it leans toward doing it.
                    pull = WEAK
                item = [_Mention((node,), stemmed, surface, i, i + 1, clause, aside), pull]
                open_mentions.append(item)
                done.append(item)
                fresh = False
        elif entry.boundary:
            pull, fresh, open_mentions, clause = 0, False, [], clause + 1
            aside = aside or entry.aside
        elif entry.handling:
            # "stress management", "coping skills for distress": handled, neither more nor less.
            for item in open_mentions:
                if item[0].end == i:
                    item[1] = None
            pull, fresh = 0, False
        else:
            is_cue = entry.before or entry.after or entry.weak or entry.turns or entry.intensifies
            if entry.concepts:
                lead = _INDEX.get(tuple(stems[i : i + 1])) if length > 1 else None
                if not pull and lead is not None and lead.weak:
                    # "Stay in bed", "get up": a phrase that opens with "stay" or "get" leans
                    # toward it, as the word alone would.
                    pull = WEAK
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
                item = [_Mention(tuple(nodes), key, surface, i, i + length, clause, aside), pull]
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
    said: set[str] = set()
    for mention, pull in _mentions(text):
        named = mention.nodes[0][0]
        if mention.clause == 0:
            direct.update(node for node, _, _ in mention.nodes)
        if not mention.aside:
            said.update(node for node, _, _ in mention.nodes)
        for node, weight, sign in mention.nodes:
            weights[node] = max(weights.get(node, 0.0), weight)
            words.setdefault(node, {}).setdefault(mention.key, mention.surface)
            if not mention.aside:
                # When or why ("when I feel low") does not say which way the goal pulls.
                leaning[node] = leaning.get(node, 0.0) + weight * sign * pull
            if mention.clause == 0:
                naming[node] = naming.get(node, 0.0) + weight * sign
            if node in SETTINGS and (node == named or named in SETTINGS):
                places.add(node)
    pulls = {node: 1 if lean > 0 else -1 for node, lean in leaning.items() if lean}
    poles = {node: -1 if naming.get(node, 0.0) < 0 else 1 for node in weights}
    places.discard(ANY_PERSON)
    aside = frozenset(weights.keys() - said)
    return Profile(weights, words, frozenset(places), pulls, poles, frozenset(direct), aside)
