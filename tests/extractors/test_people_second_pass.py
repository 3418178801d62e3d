"""People, second pass (issue 19): bodies named like people, particle names, same-surname relatives, and
names respelled in brackets. Every sentence here is our own writing; each test failed before its rule."""

from __future__ import annotations

import pytest

from extractors.people import find_mentions
from gazetteer.lexicon import LexiconError, load_lexicon, load_organisation_nouns
from gazetteer.name_rules import load_name_rules


def texts(nlp, text):
    doc = nlp(text)
    out = find_mentions(doc)
    for m in out:
        assert doc.text[m.start:m.end] == m.text
    return [m.text for m in out]


# ------------------------------------------------------------ bodies named like people

@pytest.mark.parametrize("text", [
    "The raids were first reported by the Telegram channel Anna Veter, and Anna Veter later said nine were held.",
    "Nine were held, according to Anna Veter, a Telegram channel that follows the trials. Anna Veter said so.",
    "Nine prisoners were fed on Friday, the charity Harbor Light confirmed. Harbor Light thanked the guards.",
    "The non-governmental organization Justicia Viva said the trial was unfair. Later Justicia Viva said it "
    "would appeal.",
])
def test_a_body_introduced_by_its_noun_is_never_a_person_on_the_page(nlp, text):
    assert texts(nlp, text) == []


def test_a_body_named_in_two_languages_is_one_body(nlp):
    text = ("The organization Justicia Viva (Living Justice) counted the detainees. Living Justice said two were "
            "ill, and Justicia Viva asked for doctors.")
    assert texts(nlp, text) == []


def test_a_person_apposition_that_mentions_a_group_stays_a_person(nlp):
    text = "Rosa Tamarit, the head of the group, said she was well. Ines Vidaurre, a party member, was freed."
    assert texts(nlp, text) == ["Rosa Tamarit", "Ines Vidaurre"]


def test_a_known_person_after_an_organisation_noun_stays_a_person(nlp):
    text = "The movement Maria Kalesnikava co-founded was banned in 2021."
    assert texts(nlp, text) == ["Maria Kalesnikava"]


def test_organisation_nouns_are_data(tmp_path):
    assert {"channel", "charity", "ngo", "organization"} <= set(load_lexicon().organisation_nouns)
    bad = tmp_path / "organisations.yaml"
    bad.write_text("organisations: []\napposition_nouns: [Charity]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="one lower-case word"):
        load_organisation_nouns(bad)


# ------------------------------------------------------------ particles and compounds

@pytest.mark.parametrize(("text", "expected"), [
    ("Activist Omar Abd el-Rahman was detained in March. El-Rahman had criticised the prison chief.",
     ["Omar Abd el-Rahman", "El-Rahman"]),
    ("The lawyer Abdel-Karim el-Masri was freed. Al-Masri told reporters he would keep working, and "
     "Masri thanked his clients.",
     ["Abdel-Karim el-Masri", "Al-Masri", "Masri"]),
    ("Journalist Pieter van der Berg was held for a week. Van der Berg said he was well.",
     ["Pieter van der Berg", "Van der Berg"]),
    ("Blogger Ahmad ibn Rashid al-Farsi was held. Al-Farsi said his cell was cold.",
     ["Ahmad ibn Rashid al-Farsi", "Al-Farsi"]),
])
def test_particle_names_are_whole_and_their_surnames_repeat(nlp, text, expected):
    assert texts(nlp, text) == expected


def test_a_known_double_surname_is_not_cut_at_its_hyphen(nlp):
    ms = find_mentions(nlp("Palina Sharenda-Panasiuk was freed on Thursday."))
    assert [(m.text, m.gazetteer_id) for m in ms] == [("Palina Sharenda-Panasiuk", "sharenda-panasiuk-palina")]


def test_joined_articles_are_data():
    assert {"al", "el", "ad"} <= load_name_rules().particles_joined


# ------------------------------------------------------------ same surname, two people

def _ids(nlp, text):
    return [(m.text, m.gazetteer_id) for m in find_mentions(nlp(text))]


def test_a_bare_surname_goes_to_the_relative_named_just_before_it(nlp):
    text = ("Viktar Babaryka has been held since 2020. His son Eduard Babaryka was also jailed. "
            "In a letter, Babaryka said the food was poor.")
    assert _ids(nlp, text)[-1] == ("Babaryka", "babaryka-eduard")


def test_a_quote_attribution_points_to_the_relative_who_spoke(nlp):
    text = ("\"We were apart for years,\" Darya Losik said after the release. Her husband Ihar Losik was freed "
            "in 2025. He was moved twice. He lost weight. \"We are together now,\" Losik said.")
    assert _ids(nlp, text)[-1] == ("Losik", "losik-darya")


def test_without_local_evidence_a_shared_surname_is_left_to_the_resolver(nlp):
    text = ("Ihar Losik and Darya Losik were both jailed. The court sat in Homel. It was a cold week. "
            "Lawyers were not let in. Losik was moved in May.")
    assert _ids(nlp, text)[-1] == ("Losik", None)


# ------------------------------------------------------------ names respelled in brackets

@pytest.mark.parametrize(("text", "expected"), [
    ("Tadeusz Wolny (Tadevush Volny) was jailed in May.", ["Tadeusz Wolny", "Tadevush Volny"]),
    ("Those freed:\n6. Tadeusz Wolny (Volny)\n7. Eryk Bramski (Erik Bramsky)\n",
     ["Tadeusz Wolny", "Volny", "Eryk Bramski", "Erik Bramsky"]),
])
def test_a_name_with_its_respelling_in_brackets_is_read_in_a_list_or_in_running_text(nlp, text, expected):
    assert texts(nlp, text) == expected


def test_a_place_with_its_other_name_in_brackets_is_no_person(nlp):
    assert texts(nlp, "He was moved to Novopolotsk Colony (Navapolatsk) in May.") == []
