"""Counts, second pass (issue 19): numbers written without their noun, and non-statistics read as counts.

Every sentence here is written for these tests. Each class is pinned by sentences that the code before
this pass got wrong: the elided counts were dropped, "12 of them have children" had the unit "have
children", and "the two leaders" after two names was a tally.
"""

from __future__ import annotations

import pytest

from extractors.counts import find_counts
from gazetteer.count_nouns import CountNounsError, load_count_nouns


def anaphoric(text: str, names: list[tuple[int, str]] | None = None) -> list[tuple]:
    """(value, qualifier, unit) of the counts that took their noun from an earlier phrase."""
    return [(c.value, c.qualifier, c.unit) for c in find_counts(text, names) if c.anaphoric]


# ---------------------------------------------------------------- class 1: the noun elided or anaphoric


@pytest.mark.parametrize("text, expected", [
    # "N of them were moved": the antecedent is a count in the sentence before
    ("Guards moved 40 political prisoners to a new colony. 12 of them were moved again in March.",
     (12, "exact", "political prisoners")),
    # "another N were": the antecedent is a count earlier in the same sentence
    ("Officials freed 25 detainees on Monday, and another 18 were freed on Tuesday.", (18, "exact", "detainees")),
    # "around N of those": the qualifier is kept
    ("Police held 300 marchers overnight; around 70 of those were fined.", (70, "about", "marchers")),
    # "the number ... averaging N": the tally names the noun
    ("The number of political prisoners has barely moved, averaging 1,240 over the past year.",
     (1240, "exact", "political prisoners")),
    # "N jailed": a participle right after the number
    ("Of the 90 students questioned, 16 jailed.", (16, "exact", "students")),
    # "N remain", "the remaining N": a people phrase without a number is an antecedent too
    ("Hunger strikers were moved to a hospital. Eleven remain there.", (11, "exact", "hunger strikers")),
    ("Monitors listed 640 inmates in May, and the remaining 420.", (420, "exact", "inmates")),
])
def test_elided_noun_comes_from_the_nearest_people_phrase(text, expected):
    assert anaphoric(text) == [expected]


def test_first_number_of_a_coordination_takes_the_shared_noun():
    found = [(c.value, c.unit, c.anaphoric) for c in find_counts(
        "The two amnesties freed 9 and 31 political prisoners, respectively.")]
    assert found == [(9, "political prisoners", True), (31, "political prisoners", False)]


def test_a_list_of_numbers_shares_the_last_noun():
    found = [(c.value, c.unit, c.anaphoric) for c in find_counts("Courts jailed 4, 6 and 10 bloggers.")]
    assert found == [(4, "bloggers", True), (6, "bloggers", True), (10, "bloggers", False)]


def test_anaphoric_text_and_offsets_cover_the_number_and_its_pronoun():
    text = "Guards moved 40 political prisoners. Nearly 12 of them were ill."
    fact = next(c for c in find_counts(text) if c.anaphoric)
    assert (fact.text, text[fact.start:fact.end]) == ("Nearly 12 of them", "Nearly 12 of them")


def test_counts_with_their_own_noun_are_not_anaphoric():
    assert [c.anaphoric for c in find_counts("Officials freed 25 detainees and 3 journalists.")] == [False, False]


@pytest.mark.parametrize("text", [
    "Two of them were freed on Friday.",                       # no antecedent at all
    "Our reporter spoke to 40 of them at the gate.",           # nothing counted before
    "Six bridges were closed. Four of them were rebuilt.",     # the antecedent is no people phrase
    "The court freed 14 activists. One of them was ill.",      # one is no tally ("one" is mostly a pronoun)
    "Protesters marched, and 2 of those who stayed were fined.",  # "those who": the clause says who
    "Guards moved 40 prisoners. In 2023 were fewer.",          # a year
    "Guards moved 40 prisoners. Another 5 days passed.",       # a noun follows: no elision
    "Voters in 40 towns were polled; 177 out of every 100,000 voted.",  # a rate
    "The 40 prisoners waited. The list was up from 90 million now.",    # no verb after the number
])
def test_numbers_without_a_people_antecedent_stay_out(text):
    assert anaphoric(text) == []


def test_antecedent_is_never_older_than_the_sentence_before():
    text = "Police held 300 marchers. The rain stopped at noon. Then 70 were fined."
    assert anaphoric(text) == []


# ---------------------------------------------------------------- class 2: non-statistics read as counts


@pytest.mark.parametrize("text", [
    "Rights groups listed 30 women prisoners. 12 of them have children.",
    "Twelve of the prisoners have children.",
    "Rights groups listed 30 women prisoners; 12 had children.",
])
def test_a_verb_phrase_is_never_a_unit(text):
    assert not any("have" in c.unit or "had" in c.unit for c in find_counts(text))


def test_of_them_with_a_verb_counts_the_antecedent_instead():
    assert anaphoric("Rights groups listed 30 women prisoners. 12 of them have children.") == [
        (12, "exact", "women prisoners")]


def test_of_them_followed_by_an_ed_verb_is_no_unit():
    found = find_counts("Officials freed 25 detainees. Ten of them visited doctors.")
    assert [(c.value, c.unit) for c in found] == [(25, "detainees"), (10, "detainees")]


def test_two_named_people_are_a_pair_not_a_tally():
    text = "Maren Tolvik met Aurel Danescu in Vilnius. The two leaders spoke for an hour."
    names = [(0, "Maren Tolvik"), (15, "Aurel Danescu")]
    assert find_counts(text, names) == []
    assert [c.value for c in find_counts(text)] == [2]  # without names the pair cannot be told apart


@pytest.mark.parametrize("text", [
    "Maren Tolvik met Aurel Danescu in Vilnius. Guards freed two leaders of the strike.",  # no determiner
    "Maren Tolvik met Aurel Danescu in Vilnius. The three leaders spoke for an hour.",     # not a pair
    "Maren Tolvik spoke in Vilnius. The two leaders were freed.",                          # one name only
])
def test_other_counts_near_names_stay(text):
    names = [(0, "Maren Tolvik"), (15, "Aurel Danescu")] if "Danescu" in text else [(0, "Maren Tolvik")]
    assert len(find_counts(text, names)) == 1


def test_pipeline_passes_the_names_so_a_named_pair_is_dropped():
    from extractors.pipeline import build_nlp

    nlp = build_nlp()
    doc = nlp("Sviatlana Tsikhanouskaya met Maria Kalesnikava in Vilnius. The two women spoke for an hour. "
              "Guards freed 14 women on Friday.")
    assert [(c.value, c.unit) for c in doc._.counts] == [(14, "women")]


# ---------------------------------------------------------------- the vocabulary is data, validated


def test_anaphora_words_are_loaded_from_the_data_file():
    words = load_count_nouns().anaphora
    assert "them" in words["pronouns"] and "were" in words["verbs"] and "number" in words["tallies"]


def test_a_missing_anaphora_list_is_refused(tmp_path):
    from gazetteer.count_nouns import COUNT_NOUNS_PATH

    broken = tmp_path / "count_nouns.yaml"
    broken.write_text(COUNT_NOUNS_PATH.read_text().replace("  tallies: [number, total, tally, count, figure]\n", ""))
    with pytest.raises(CountNounsError, match="missing or empty \\['tallies'\\]"):
        load_count_nouns(broken)


def test_a_count_noun_listed_as_a_verb_is_refused(tmp_path):
    from gazetteer.count_nouns import COUNT_NOUNS_PATH

    broken = tmp_path / "count_nouns.yaml"
    broken.write_text(COUNT_NOUNS_PATH.read_text().replace("participles: [held,", "participles: [prisoners, held,"))
    with pytest.raises(CountNounsError, match="not verbs"):
        load_count_nouns(broken)
