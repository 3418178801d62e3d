"""The event vocabulary (gazetteer/data/events.yaml): the shipped file loads; bad files fail with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import data_dir
from gazetteer.events import EventsError, PhraseSet, load_events, parse_phrase
from gazetteer.load import GazetteerError


def test_shipped_vocabulary_loads_with_every_kind():
    lex = load_events()
    assert {kind for kind, _, _ in lex.triggers} == {"release", "detention", "sentence", "held"}
    assert {"release", "freed", "arrested", "sentenced", "remain"} <= set(lex.starts)
    assert lex.maybe.search("Three men were Freed on Monday")


@pytest.mark.parametrize("phrase,words,end", [
    ("remain|remains [still] in jail|prison", "they remain still in jail today".split(), 5),
    ("remain|remains [still] in jail|prison", "she remains in prison".split(), 4),
    ("given a|an [*] [*] sentence", "he was given a ten-year prison sentence".split(), 7),
    ("given a|an [*] [*] sentence", "he was given a sentence".split(), 5),
])
def test_phrases_match_choices_options_and_any_word(phrase, words, end):
    p = parse_phrase(phrase, "test")
    start = next(i for i, w in enumerate(words) if w in (p.first_words() or ()))
    assert p.match(words, start) == end


def test_a_phrase_set_tries_only_phrases_that_can_start_at_a_word():
    cues = PhraseSet([parse_phrase(x, "test") for x in ("offered to", "in talks to", "may")])
    words = "the two sides are in talks to release 100".split()
    assert cues.matches_at(words, 4) == [7]
    assert cues.matches_at(words, 0) == []
    assert cues.within(words, 0, 8) and not cues.within(words, 0, 5)


@pytest.mark.parametrize("bad", ["Released", "[still]", "[only] [optional]", "two  words|", 7])
def test_a_bad_phrase_is_refused_with_its_text(bad):
    with pytest.raises(EventsError, match="phrase"):
        parse_phrase(bad, "events.yaml: kinds.release.verbs")


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (data_dir() / "events.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "events.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_unknown_section_or_kind_names_the_file(tmp_path):
    path = _copy_with(tmp_path, "\nmodifiers:", "\nmodifers:")
    with pytest.raises(EventsError, match=r"events\.yaml.*unknown section.*modifers"):
        load_events(path)
    path = _copy_with(tmp_path, "  held:\n", "  kept:\n")
    with pytest.raises(EventsError, match=r"kinds must be exactly"):
        load_events(path)


def test_a_bad_window_and_a_yaml_bomb_are_refused(tmp_path):
    path = _copy_with(tmp_path, "  window: 8", "  window: 5000")
    with pytest.raises(EventsError, match=r"proposed\.window"):
        load_events(path)
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', encoding="utf-8")
    with pytest.raises(GazetteerError):
        load_events(bomb)
