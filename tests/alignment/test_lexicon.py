"""The matching vocabulary (alignment/lexicon.toml) checked as data: well formed, no duplicates,
every entry parses and is reachable."""

import re
import tomllib
from collections import Counter

import pytest

from alignment import lexicon

DATA = tomllib.loads(lexicon.LEXICON_FILE.read_text(encoding="utf-8"))
DIRECTION_FIELDS = (
    "less",
    "more",
    "less_after",
    "more_after",
    "weak",
    "handling",
    "turning",
    "intensifiers",
    "boundaries",
    "about",
)
# Letters, spaces, apostrophes and hyphens: what a person would type in a goal.
PLAIN_TERM = re.compile(r"[a-z][a-z' -]*[a-z]|[a-z]")


def _all_fields():
    for field in DIRECTION_FIELDS:
        yield f"direction.{field}", DATA["direction"][field]
    yield "filler.phrases", DATA["filler"]["phrases"]
    for name, spec in DATA["concepts"].items():
        yield f"concepts.{name}.terms", spec["terms"]
        if "opposite" in spec:
            yield f"concepts.{name}.opposite", spec["opposite"]


def test_the_file_has_only_the_known_sections_and_keys():
    assert set(DATA) == {"direction", "filler", "stop", "concepts"}
    assert set(DATA["direction"]) == {*DIRECTION_FIELDS, "objects", "openers"}
    for name, spec in DATA["concepts"].items():
        assert set(spec) <= {"kind", "broader", "opposes", "terms", "opposite"}, name
        assert spec["kind"] in lexicon.KIND_WEIGHTS, name
        assert lexicon.terms_of(spec["terms"]), name


@pytest.mark.parametrize("where, text", list(_all_fields()), ids=lambda v: str(v)[:40])
def test_every_entry_is_a_plain_term_listed_once(where, text):
    terms = lexicon.terms_of(text)
    assert terms, where
    assert not [t for t in terms if not PLAIN_TERM.fullmatch(t)], where
    assert not [t for t, n in Counter(terms).items() if n > 1], where
    assert all(lexicon.key_of(t) for t in terms), where


@pytest.mark.parametrize(
    "words", [DATA["stop"]["words"], DATA["direction"]["objects"], DATA["direction"]["openers"]]
)
def test_word_lists_hold_single_plain_words_listed_once(words):
    words = words.split()
    assert words
    assert not [w for w, n in Counter(words).items() if n > 1]
    assert all(PLAIN_TERM.fullmatch(w) and " " not in w for w in words)


def test_broader_and_opposed_concepts_exist_and_form_no_cycle():
    for name, concept in lexicon.CONCEPTS.items():
        parents = [p for p, _ in concept.broader]
        assert set(parents) <= lexicon.CONCEPTS.keys(), name
        assert len(parents) == len(set(parents)), name
        assert name not in {p for p, _, _ in lexicon.broader(name)}, name


def test_no_term_names_both_ends_of_one_concept():
    for name, concept in lexicon.CONCEPTS.items():
        ends = {}
        for term, sign in concept.terms:
            assert ends.setdefault(lexicon.key_of(term), sign) == sign, (name, term)


def test_every_concept_term_is_reachable():
    # A term is dead if a boundary or filler with the same stems takes it over (a cue may also be
    # a topic: "avoiding" in "stop avoiding parties").
    index = lexicon.build_index()
    for name, concept in lexicon.CONCEPTS.items():
        for term, sign in concept.terms:
            entry = index[lexicon.key_of(term)]
            assert (name, sign) in entry.concepts, (name, term)
            assert not (entry.handling or entry.boundary or entry.filler), (name, term)


def test_no_single_word_term_is_swallowed_by_a_stop_word():
    stops = lexicon.STOP_WORDS | {lexicon.stem(word) for word in lexicon.STOP_WORDS}
    concept_keys = [k for k, e in lexicon.build_index().items() if e.concepts]
    assert not [key for key in concept_keys if len(key) == 1 and key[0] in stops]


def test_a_cue_is_not_both_less_and_more():
    less = {lexicon.key_of(t) for t in lexicon.terms_of(DATA["direction"]["less"])}
    more = {lexicon.key_of(t) for t in lexicon.terms_of(DATA["direction"]["more"])}
    after_less = {lexicon.key_of(t) for t in lexicon.terms_of(DATA["direction"]["less_after"])}
    after_more = {lexicon.key_of(t) for t in lexicon.terms_of(DATA["direction"]["more_after"])}
    assert not less & more
    assert not after_less & after_more
