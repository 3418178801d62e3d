"""Counts of people (extractors/counts.py), number reading (extractors/numbers.py) and the
count-noun lexicon loader (gazetteer/count_nouns.py).

The sentences here are written for the tests; the seed check at the end reads the shared
gold set at run time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractors.counts import find_counts
from extractors.numbers import parse_number
from gazetteer.count_nouns import CountNounsError, load_count_nouns
from gazetteer.load import GazetteerError
from records.facts import QUALIFIERS

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def facts(text: str) -> list[tuple]:
    return [(c.value, c.high, c.qualifier, c.unit) for c in find_counts(text)]


def one(text: str) -> tuple:
    found = facts(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("raw, value", [
    ("14", 14), ("1,300", 1300), ("300,000", 300000), ("Fifty-two", 52), ("Thirteen", 13),
    ("three hundred and twenty-five", 325), ("2.5 million", 2_500_000), ("a dozen", 12),
    ("two dozen", 24), ("half a dozen", 6), ("a hundred", 100), ("a thousand", 1000),
])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


def test_ordinals_are_not_numbers():
    assert parse_number("ninth") is None


@pytest.mark.parametrize("text, value", [
    ("Belarus freed 1,300 political prisoners.", 1300),
    ("Belarus freed 1\u00a0300 political prisoners.", 1300),
    ("Fifty-two prisoners were released on Thursday.", 52),
    ("Thirteen others were forced into exile.", 13),
    ("Officials counted three hundred and twenty-five inmates.", 325),
    ("Some 2.5 million people voted.", 2_500_000),
    ("A dozen journalists were detained.", 12),
    ("Police held two dozen activists.", 24),
    ("Half a dozen priests signed the letter.", 6),
])
def test_values(text, value):
    assert one(text)[0] == value


def test_two_number_words_joined_by_and_stay_two_numbers():
    assert one("The guards released between two and three prisoners.")[:3] == (2, 3, "range")


# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize("phrase, qualifier", [
    ("", "exact"), ("another", "exact"), ("all", "exact"), ("the", "exact"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("not less than", "at_least"),
    ("more than", "more_than"), ("over", "more_than"), ("upwards of", "more_than"), ("just over", "more_than"),
    ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"),
    ("approximately", "about"), ("an estimated", "about"), ("nearly", "about"), ("almost", "about"),
    ("up to", "up_to"), ("as many as", "up_to"), ("no more than", "up_to"), ("at most", "up_to"),
    ("fewer than", "fewer_than"), ("less than", "fewer_than"), ("under", "fewer_than"),
    ("just under", "fewer_than"),
])
def test_qualifier(phrase, qualifier):
    text = f"Rights groups say {phrase} 400 political prisoners remain in jail.".replace("  ", " ")
    (fact,) = find_counts(text)
    assert fact.qualifier == qualifier
    assert fact.qualifier in QUALIFIERS
    assert fact.text == f"{phrase if qualifier != 'exact' else ''} 400 political prisoners".strip()


def test_qualifier_at_sentence_start_any_case():
    assert one("More than 4,000 people have been recognised as political prisoners.")[2] == "more_than"
    assert one("AT LEAST 100 detainees were moved.")[2] == "at_least"


@pytest.mark.parametrize("text, qualifier", [
    ("Officials handed over 52 prisoners to Lithuania.", "exact"),
    ("The militants took over 250 hostages.", "more_than"),
    ("Lukashenko talked about 14 prisoners with the envoy.", "exact"),
    ("He was detained under 3 different names.", None),  # "names" is no count noun
])
def test_over_about_after_a_verb_are_not_qualifiers(text, qualifier):
    found = facts(text)
    assert [f[2] for f in found] == ([qualifier] if qualifier else [])


@pytest.mark.parametrize("text, value, qualifier", [
    ("Police detained 50 or more students.", 50, "at_least"),
    ("Police detained 100 or so students.", 100, "about"),
    ("Viasna lists 1,000-plus detainees.", 1000, "more_than"),
    ("Viasna lists 1,000+ detainees.", 1000, "more_than"),
])
def test_qualifier_after_the_number(text, value, qualifier):
    assert one(text)[0::2] == (value, qualifier)


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize("text, low, high", [
    ("Even today, between 15 and 20 people are detained every day.", 15, 20),
    ("Every day 15 to 20 people are detained.", 15, 20),
    ("Every day 15-20 people are detained.", 15, 20),
    ("Every day 15\u201320 people are detained.", 15, 20),
    ("Every day from 15 to 20 people are detained.", 15, 20),
    ("Two or three guards stood at the gate.", 2, 3),
    ("Between 1 and 2 million Belarusians have left.", 1_000_000, 2_000_000),
])
def test_ranges(text, low, high):
    assert one(text)[:3] == (low, high, "range")


def test_range_text_starts_at_between():
    (fact,) = find_counts("Even today, between 15 and 20 people are detained.")
    assert fact.text == "between 15 and 20 people"


def test_change_of_level_is_not_a_range():
    assert facts("The number rose from 1,100 to 1,300 political prisoners.") == [
        (1300, None, "exact", "political prisoners")]


def test_and_without_between_is_not_a_range():
    assert facts("Belarus freed 16 and then 52 prisoners.") == [(52, None, "exact", "prisoners")]


def test_falling_range_is_not_a_range():
    assert facts("The 20-15 vote freed no prisoners.") == []


# ---------------------------------------------------------------- units


@pytest.mark.parametrize("text, value, unit", [
    ("Lukashenko released 14 political prisoners last month.", 14, "political prisoners"),
    ("The group included 14 foreign nationals.", 14, "foreign nationals"),
    ("He pardoned two Catholic priests on Thursday.", 2, "Catholic priests"),
    ("He pardoned 33 Ukrainian prisoners in November.", 33, "Ukrainian prisoners"),
    ("They included two German nationals.", 2, "German nationals"),
    ("They included six Lithuanians.", 6, "Lithuanians"),
    ("They included two Poles.", 2, "Poles"),
    ("Around 300,000 Belarusians have left.", 300000, "Belarusians"),
    ("The release of 16 prisoners, including the blogger, followed.", 16, "prisoners"),
    ("The 14 political prisoners were freed.", 14, "political prisoners"),
    ("They join 314 others released since July.", 314, "others"),
    ("Talks cover 100 more political prisoners.", 100, "political prisoners"),
    ("Two other Lithuanians stayed.", 2, "Lithuanians"),
    ("Police held three prominent opposition activists.", 3, "prominent opposition activists"),
    ("Two trade union leaders were freed.", 2, "trade union leaders"),
    ("Fourteen women prisoners were moved.", 14, "women prisoners"),
    ("Two U.S. citizens were among them.", 2, "U.S. citizens"),
    ("Three high-profile dissidents were freed.", 3, "high-profile dissidents"),
    ("Five newly freed journalists spoke.", 5, "newly freed journalists"),
    ("Police beat 300 striking workers.", 300, "striking workers"),
    ("Five abducted teenagers were found.", 5, "abducted teenagers"),
    ("One Briton was also freed.", 1, "Briton"),
    ("One prisoner died in custody.", 1, "prisoner"),
    ("Lukashenko's 1,300 political prisoners remain.", 1300, "political prisoners"),
    ("Police detained three Belsat journalists.", 3, "Belsat journalists"),
    ("Two other Viasna figures were convicted.", 2, "Viasna figures"),
    ("In Minsk 300 people protested.", 300, "people"),
    ("On Thursday 52 prisoners were freed.", 52, "prisoners"),
    ("In recent years 1,000 people have fled.", 1000, "people"),
    ("At one point 300 people were held.", 300, "people"),
    ("Israel freed four fellow Palestinians.", 4, "fellow Palestinians"),
    ("Around 1,000 marched, 300 of them women.", 300, "women"),
    ("Hundreds were held, 29 of whom foreigners.", 29, "foreigners"),
])
def test_unit(text, value, unit):
    assert one(text)[0::3] == (value, unit)


def test_unit_needs_number_agreement():
    assert facts("Belarus expects 14 prisoner releases this year.") == []
    assert facts("One prisoners union was formed.") == []


def test_demonym_case_matters():
    assert facts("Workers put up 4 poles.") == []


def test_singular_demonym_before_a_noun_is_an_adjective():
    assert facts("One Belarusian court ruled.") == []
    assert facts("Only one Belarusian who fled was named.") == [(1, None, "exact", "Belarusian")]


def test_title_case_headline():
    assert one("Belarus Frees 52 Political Prisoners")[0::3] == (52, "Political Prisoners")


def test_offsets_cover_text():
    text = "Trump thanked him for releasing 16 prisoners and up to 1,300 political detainees."
    found = find_counts(text)
    assert [c.text for c in found] == ["16 prisoners", "up to 1,300 political detainees"]
    for c in found:
        assert text[c.start:c.end] == c.text
        assert c.text.endswith(c.unit)


# ---------------------------------------------------------------- never counts


@pytest.mark.parametrize("text", [
    "The 69-year-old philosopher was freed.",                 # age
    "The 36 year old activist died in jail.",                 # age without hyphens
    "He was aged 40 people said.",                            # "aged"
    "He served a 16 year prison sentence.",                   # sentence length
    "He spent five years in prison.",                         # duration
    "His seventh five-year term began.",                      # hyphenated duration
    "She withdrew $150,000 from a fund for prisoners.",       # money
    "She withdrew 150,000 euros for prisoners.",              # money
    "In 2021 the 2020 protesters were tried.",                # years
    "He was the ninth political prisoner to die.",            # ordinal
    "He was the 9th political prisoner to die.",              # ordinal in digits
    "About 52% of prisoners are ill.",                        # percentage
    "About 52 percent of prisoners are ill.",                 # percentage in words
    "The Zapad-2025 troops arrived.",                         # name with a year
    "Charter 97 journalists were detained.",                  # outlet name
    "Doctors said the Sputnik 5 volunteers fell ill.",        # a name: capitalised word mid-sentence
    "He freed 52 June prisoners.",                            # a month is no modifier
    "Under Article 342 activists are jailed.",                # law article
    "COVID-19 patients were isolated.",                       # name with a number
    "On August 15 prisoners were moved.",                     # date
    "At 10:30 guards came.",                                  # time
    "One in five prisoners is ill.",                          # ratio
    "The rate is 3 per 100,000 people.",                      # rate
    "Dozens of political prisoners were freed.",              # vague amount
    "Hundreds of people and tens of thousands of protesters.",
    "A few hundred activists gathered.",
    "Two of them were freed, two of the sources said.",       # partitive
    "Belarus freed 14 including journalists.",                # "including" is no modifier
    "Among the 52 freed was a philosopher.",                  # noun left out
    "Three mid-level US delegations visited.",                # not people
    "52 is a lot.",
    "He received 1.5 years more.",                            # decimal
])
def test_never_counts(text):
    assert facts(text) == []


def test_trap_next_to_a_count():
    assert facts("The 36 year old Andrei was one of 16 prisoners freed; he had a 16 year prison sentence.") == [
        (16, None, "exact", "prisoners")]


def test_dense_paragraph_counts_every_fact_and_no_trap():
    para = ("On August 15 the 69-year-old dissident said at least 1,300 political prisoners and more than "
            "4,000 people, between 15 and 20 people a day, and two Catholic priests remained after five years "
            "in prison, while $150,000 went missing in 2021 and Zapad-2025 drills began. ") * 40
    assert len(find_counts(para)) == 4 * 40


# ---------------------------------------------------------------- lexicon loader


def test_lexicon_loads():
    nouns = load_count_nouns()
    assert {"prisoners", "people", "detainees", "others"} <= nouns.plural
    assert {"Lithuanians", "Poles", "Belarusians"} <= nouns.demonym_plural
    assert "Polish" in nouns.adjectives and "political" in nouns.modifiers


GOOD = """\
nouns:
  - {singular: prisoner, plural: prisoners}
demonyms:
  - {adjective: Polish, singular: Pole, plural: Poles}
modifiers: [political, more]
fillers: [more]
"""


@pytest.mark.parametrize("old, new, reason", [
    ("plural: prisoners}", "plural: prisoners, colour: red}", "unknown key(s) ['colour']"),
    ("{singular: prisoner, plural: prisoners}", "{singular: prisoner}", "missing required field 'plural'"),
    ("plural: prisoners}", "plural: Prisoners}", "'plural' form 'Prisoners' is not a lower-case word"),
    ("plural: prisoners}", "plural: prisoners}\n  - {singular: inmate, plural: prisoners}",
     "form 'prisoners' is already listed"),
    ("singular: Pole,", "singular: pole,", "'singular' form 'pole' is not a capitalised word"),
    ("singular: Pole, plural: Poles", "singular: Pole", "give both 'singular' and 'plural'"),
    ("fillers: [more]", "fillers: [other]", "['other'] must also be listed under 'modifiers'"),
    ("modifiers: [political, more]", "modifiers: [political, more, political]", "listed twice"),
    ("demonyms:", "demonym:", "unknown section(s) ['demonym']"),
    ("modifiers: [political, more]", "modifiers: [political, more", "not valid YAML"),
])
def test_lexicon_errors_name_file_entry_and_reason(tmp_path, old, new, reason):
    path = tmp_path / "count_nouns.yaml"
    assert old in GOOD
    path.write_text(GOOD.replace(old, new))
    with pytest.raises(CountNounsError) as err:
        load_count_nouns(path)
    assert str(path) in str(err.value)
    assert reason in str(err.value)


def test_lexicon_error_names_line_and_entry(tmp_path):
    path = tmp_path / "count_nouns.yaml"
    path.write_text(GOOD.replace("{singular: prisoner, plural: prisoners}",
                                 "{singular: prisoner, plural: prisoners}\n  - {singular: Guard, plural: guards}"))
    with pytest.raises(GazetteerError, match=re.escape(f"{path}:3: nouns entry 2 (Guard)")) as err:
        load_count_nouns(path)
    assert isinstance(err.value, CountNounsError)  # one exception family for the gazetteer layer


def test_lexicon_good_file(tmp_path):
    path = tmp_path / "count_nouns.yaml"
    path.write_text(GOOD)
    nouns = load_count_nouns(path)
    assert nouns.plural == {"prisoners"} and nouns.demonym_plural == {"Poles"} and nouns.fillers == {"more"}


# ---------------------------------------------------------------- context rules


@pytest.mark.parametrize("text, expected", [
    ("The minister told Reuters 52 prisoners had been freed.", (52, "prisoners")),
    ("She told the Associated Press 14 detainees were on the list.", (14, "detainees")),
    ("In 2021, according to Viasna 1,200 people were convicted.", (1200, "people")),
])
def test_name_after_a_reporting_verb_does_not_block_the_count(text, expected):
    assert one(text)[0] == expected[0] and one(text)[3] == expected[1]


def test_name_before_a_number_still_blocks_it_elsewhere():
    assert facts("The Ryanair Boeing 737 passengers were held.") == []


def test_in_month_number_is_a_month_and_a_count():
    assert one("In June 14 prisoners were placed in punishment cells.")[:2] == (14, None)
    assert facts("On June 14 prisoners were placed in punishment cells.") == []  # a day
    assert facts("In June 14, prisoners protested.") == []


@pytest.mark.parametrize("text", [
    "Leaders of NATO's 32 members met in Vilnius.",
    "The EU's 27 members agreed on sanctions.",
    "The European Union's 27 members agreed.",
    "All 27 members of the EU backed the statement.",
])
def test_members_of_a_bloc_of_states_are_not_people(text):
    assert facts(text) == []


@pytest.mark.parametrize("text, value", [
    ("The council's 73 members voted.", 73),
    ("The union's 300 members went on strike.", 300),
    ("Five members of the Coordination Council were detained.", 5),
])
def test_members_of_a_body_of_people_are_people(text, value):
    assert one(text)[0] == value


def test_others_counts_what_the_sentence_counted_before():
    assert facts("Two newspapers were shut down and three others were fined.") == []
    assert one("Three of the freed were held for more than two years, and 14 others were ill.")[:1] == (14,)
    assert [f[0] for f in facts("The 52 prisoners pardoned on Thursday join 314 others.")] == [52, 314]
    assert one("Thirteen others were forced into exile.")[0] == 13


@pytest.mark.parametrize("text, expected", [
    ("In Warsaw, a 2,000-strong crowd gathered.", (2000, None, "exact", "crowd")),
    ("an estimated 10,000-strong crowd of exiles", (10000, None, "about", "crowd")),
    ("A 300-strong Belarusian delegation arrived.", (300, None, "exact", "Belarusian delegation")),
])
def test_strong_counts_the_group_after_it(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Police searched the homes of at least 15 freelance reporters.", (15, None, "at_least", "freelance reporters")),
    ("Four police officers were injured.", (4, None, "exact", "police officers")),
])
def test_one_unlisted_word_may_stand_before_the_head_noun(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", [
    "He served five years prison time.",
    "At 10 am people gathered outside.",
    "Of those, 14 remain prisoners of conscience.",
    "a 15-year term",
])
def test_unlisted_word_is_not_a_unit_a_time_or_a_verb(text):
    assert facts(text) == []


@pytest.mark.parametrize("text, unit", [
    ("Forty hunger strikers were force-fed.", "hunger strikers"),
    ("Three judges signed the verdict.", "judges"),
    ("Two EU foreign ministers visited Vilnius.", "EU foreign ministers"),
    ("Police detained 12 Viasna staff.", "Viasna staff"),
])
def test_more_people_nouns(text, unit):
    assert one(text)[3] == unit


# ---------------------------------------------------------------- seed articles (shared gold, read at run time)


def _singular(word: str) -> str:
    word = word.lower()
    irregular = {"people": "people", "persons": "person", "men": "man", "women": "woman", "others": "other",
                 "children": "child"}
    return irregular.get(word, word[:-1] if word.endswith("s") and len(word) > 3 else word)


@pytest.mark.skipif(not (SHARED / "eval" / "seeds.gold.json").exists(), reason="needs ../shared")
def test_seed_articles_match_gold():
    gold = json.loads((SHARED / "eval" / "seeds.gold.json").read_text())
    for article in gold["articles"]:
        text = (SHARED / "corpus" / "seeds" / article["file"]).read_text(encoding="utf-8")
        found = find_counts(text)
        keys = {(c.value, c.high, _singular(w)) for c in found for w in c.unit.split()}
        for g in article["counts"]:
            assert (g["value"], g.get("high"), g["head"]) in keys, (article["file"], g["text"])
            assert any(c.value == g["value"] and c.qualifier == g["qualifier"] for c in found), g["text"]
        allowed = {g["value"] for g in article["counts"] + article.get("counts_optional", [])}
        assert [c.text for c in found if c.value not in allowed] == [], article["file"]
