"""Dates: general rules of find_dates against a fixed publication date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractors.dates import find_dates

THU = date(2025, 8, 28)  # a Thursday, ISO week 35
SAT = date(2025, 6, 21)  # a Saturday, ISO week 25
FRI_MARCH = date(2013, 3, 22)  # a Friday, ISO week 12


def values(text: str, pub: date | None = THU) -> list[str]:
    return [d.value for d in find_dates(text, pub)]


# ------------------------------------------------------------------ explicit dates

@pytest.mark.parametrize("text, expected", [
    ("By Ben Aris in Berlin August 28, 2025", ["2025-08-28"]),
    ("It happened on 28 August 2025.", ["2025-08-28"]),
    ("Published 2025-08-28 at noon", ["2025-08-28"]),
    ("since July 2023", ["2023-07"]),
    ("in February of 2023", ["2023-02"]),
    ("the Sept. 11, 2001 attacks", ["2001-09-11"]),
    ("He met Putin on Thursday, August 21.", ["2025-08-21"]),
])
def test_explicit_dates_keep_their_granularity(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Published 11.09.2025, 14:32", ["2025-09-11"]),  # dotted dates are day first
    ("ruled on 09/11/2025", ["2025-09-11"]),  # ambiguous slashes: the reading nearest publication
    ("ruled on 8/25/2025", ["2025-08-25"]),
])
def test_numeric_dates(text, expected):
    assert values(text, date(2025, 9, 11)) == expected


def test_offsets_point_at_the_expression():
    text = "The offer came last month, a report said on August 22."
    facts = find_dates(text, THU)
    assert [(f.value, f.text) for f in facts] == [("2025-07", "last month"), ("2025-08-22", "August 22")]
    for f in facts:
        assert text[f.start:f.end] == f.text


# ------------------------------------------------------------------ years and their non-dates

@pytest.mark.parametrize("text, expected", [
    ("the 2020 presidential elections", ["2020"]),
    ("He was arrested in late 2021.", ["2021"]),
    ("by mid-2021", ["2021"]),
    ("the pandemic of 2009-2010", ["2009", "2010"]),
    ("the expedition of 1957-58", ["1957", "1958"]),
    ("after Russia's 2022 invasion", ["2022"]),
    ("a history dating to 1848", ["1848"]),
    ("profits rose in Q3 2024", ["2024"]),
    ("the 2020's protests", ["2020"]),  # a year's possessive, not the decade
])
def test_years(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "the Zapad-2025 drills",
    "signatories of Charter 97",
    "under Article 342 of the criminal code",
    "the COVID-19 pandemic",
    "up to 1,300 political detainees",
    "he paid $2020 in fines",
    "a budget of 2020.5 million",
    "some 2020 people were detained",
    "Expo 2020 in Dubai",
    "flight 1984 landed",
    "a 69-year-old philosopher and a 36 year old man",
    "at least 1300 prisoners",
])
def test_numbers_that_are_not_years(text):
    assert values(text) == []


# ------------------------------------------------------------------ relative expressions

@pytest.mark.parametrize("text, expected", [
    ("last month", ["2025-07"]),
    ("this month", ["2025-08"]),
    ("next month", ["2025-09"]),
    ("last year", ["2024"]),
    ("earlier this year", ["2025"]),
    ("next year", ["2026"]),
    ("last week", ["2025-W34"]),
    ("earlier this week", ["2025-W35"]),
    ("next week", ["2025-W36"]),
    ("five years ago", ["2020"]),
    ("two months ago", ["2025-06"]),
    ("3 days ago", ["2025-08-25"]),
    ("a year ago", ["2024"]),
    ("today", ["2025-08-28"]),
    ("yesterday", ["2025-08-27"]),
    ("tomorrow", ["2025-08-29"]),
])
def test_relative_expressions_against_publication_date(text, expected):
    assert values(text) == expected


def test_month_arithmetic_crosses_year_boundaries():
    assert values("last month", date(2025, 1, 10)) == ["2024-12"]
    assert values("next month", date(2025, 12, 10)) == ["2026-01"]
    assert values("last week", date(2025, 1, 2)) == ["2024-W52"]


@pytest.mark.parametrize("text, expected", [
    ("accused of faking his death last summer", ["2012-SU"]),
    ("in the summer of 2020", ["2020-SU"]),
    ("this summer", ["2013-SU"]),
    ("the last fall of the regime", []),
])
def test_seasons(text, expected):
    assert values(text, FRI_MARCH) == expected


def test_next_season_is_the_coming_one():
    assert values("next spring", date(2013, 1, 15)) == ["2013-SP"]
    assert values("next spring", date(2013, 4, 15)) == ["2014-SP"]


@pytest.mark.parametrize("text, expected", [
    ("the collapse of the Soviet Union in the 1990s", ["199"]),
    ("in the '80s", ["198"]),
    ("in the 1990's", ["199"]),
    ("explorations of the 20th Century", ["19"]),
    ("the twenty-first century", ["20"]),
])
def test_decades_and_centuries(text, expected):
    assert values(text) == expected


# ------------------------------------------------------------------ weekdays

def test_weekday_is_the_publication_day_when_it_matches():
    assert values("Belarus released prisoners on Saturday.", SAT) == ["2025-06-21"]


def test_weekday_is_the_nearest_past_day_in_past_tense():
    assert values("He died on Wednesday.", FRI_MARCH) == ["2013-03-20"]
    assert values("He pleaded guilty Thursday.", FRI_MARCH) == ["2013-03-21"]
    assert values("The talks ended on Sunday.", FRI_MARCH) == ["2013-03-17"]


def test_weekday_in_a_future_clause_lies_ahead():
    assert values("the drills, which last until Tuesday", date(2025, 9, 11)) == ["2025-09-16"]
    assert values("They will meet on Monday.", FRI_MARCH) == ["2013-03-25"]
    assert values("next Friday", FRI_MARCH) == ["2013-03-29"]
    assert values("Lukashenko, who will host Putin, said on Monday", FRI_MARCH) == ["2013-03-18"]
    assert values("last Friday", FRI_MARCH) == ["2013-03-15"]


@pytest.mark.parametrize("text", [
    "Before departing on Friday afternoon",
    "postponed until 15:00 GMT Saturday",
    "every Monday",
    "the meeting was on a Wednesday",
])
def test_weekdays_that_are_times_or_no_particular_day(text):
    assert values(text, FRI_MARCH) == []


def test_weekday_apposition_adds_no_date():
    assert values("on Dec. 18, a Wednesday", date(2019, 12, 30)) == ["2019-12-18"]


# ------------------------------------------------------------------ months and days without a year

def test_day_without_year_takes_the_publication_year():
    assert values("Trump called on August 15.") == ["2025-08-15"]


def test_day_far_ahead_in_a_past_report_is_last_year():
    assert values("The visit took place on December 20.", date(2025, 1, 10)) == ["2024-12-20"]


def test_day_ahead_in_a_future_clause_stays_in_this_year():
    assert values("The closure will begin on April 7.", FRI_MARCH) == ["2013-04-07"]


@pytest.mark.parametrize("text, expected", [
    ("He was re-elected in January.", ["2025-01"]),
    ("between June and August", ["2025-06", "2025-08"]),
    ("In March, she disappeared.", ["2025-03"]),
    ("Evana Roth told CNN in August", ["2025-08"]),
])
def test_bare_month_with_a_cue(text, expected):
    assert values(text) == expected


def test_bare_month_ahead_of_publication_is_last_year_unless_future():
    assert values("Evana Roth told CNN in August.", FRI_MARCH) == ["2012-08"]
    assert values("The book is due to be published in May.", FRI_MARCH) == ["2013-05"]
    assert values("He was last seen late last July.", FRI_MARCH) == ["2012-07"]


def test_bare_month_in_a_sentence_about_an_earlier_year():
    assert values("In 2020 he was arrested in June.") == ["2020", "2020-06"]
    assert values("He was elected. In 2021, on August 9, he spoke.") == ["2021", "2021-08-09"]
    # a year inside the sentence does not frame it
    assert values("Tikhanovsky, arrested in 2020, was freed on June 21.") == ["2020", "2025-06-21"]


@pytest.mark.parametrize("text", [
    "Theresa May met the press.",
    "They may march again.",
    "that January day",
    "Pope Francis met June Carter.",
])
def test_month_names_without_a_cue_are_not_dates(text):
    assert values(text) == []


def test_generic_today_is_not_a_day():
    assert values("millions of times faster than can be done today") == []


def test_without_publication_date_only_self_contained_dates():
    assert values("last month, on Saturday, in 2021 and on August 28, 2025", None) == ["2021", "2025-08-28"]


# ------------------------------------------------------------------ against the shared gold, if present

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed articles not available")
def test_seed_articles_match_gold_values():
    gold = json.loads((SEEDS.parent.parent / "eval" / "seeds.gold.json").read_text())
    for art in gold["articles"]:
        text = (SEEDS / art["file"]).read_text(encoding="utf-8")
        got = set(values(text, date.fromisoformat(art["published"])))
        assert set(art["dates"]) <= got, art["file"]
        assert got <= set(art["dates"]) | set(art.get("dates_optional", [])), art["file"]


# ------------------------------------------------------------------ context rules

WED_JAN = date(2025, 1, 8)  # a Wednesday
MON_JUL = date(2023, 7, 3)  # a Monday, ISO week 27


def test_day_without_year_shortly_ahead_is_upcoming():
    assert values("She urged them not to recognise the Jan. 26 election.", WED_JAN) == ["2025-01-26"]
    assert values("The visit took place on December 20.", WED_JAN) == ["2024-12-20"]  # far ahead: last year


def test_bare_month_after_at_least():
    assert values("Crossings stay closed until at least March.", date(2026, 1, 2)) == ["2026-03"]
    assert values("as early as June", THU) == ["2025-06"]


def test_in_month_number_word_is_the_month():
    assert values("In June 14 prisoners were placed in cells.", MON_JUL) == ["2023-06"]
    assert values("On June 14 prisoners were placed in cells.", MON_JUL) == ["2023-06-14"]
    assert values("in June 14, 2021", MON_JUL) == ["2021-06-14"]


@pytest.mark.parametrize("text, expected", [
    ("His lawyer saw him on Thursday; the day before, guards beat him.", ["2023-06-29", "2023-06-28"]),
    ("He was arrested in late 2021 after an election the year before.", ["2021", "2020"]),
    ("He was detained in August 2020 and sentenced the following year.", ["2020-08", "2021"]),
    ("He was detained in August 2020 and sentenced the next year.", ["2020-08", "2021"]),
    ("It opened in May 2022; two months later it closed.", ["2022-05", "2022-07"]),
    ("On Sept. 11, the day after the previous pardon, police struck.", ["2022-09-11"]),
    ("He wrote to his son the day before the son went missing.", []),
    ("The season started in early December, a month earlier than usual.", ["2022-12"]),
    ("The day before, guards beat him.", []),  # nothing to count back from
])
def test_anaphoric_expressions_count_from_the_previous_date(text, expected):
    assert values(text, MON_JUL) == expected


def test_anaphor_does_not_reach_into_another_paragraph():
    assert values("It happened on 2 June 2023.\nA year earlier, he fled.", MON_JUL) == ["2023-06-02"]


@pytest.mark.parametrize("text, pub, expected", [
    ("He collapsed at the weekend.", MON_JUL, ["2023-W26"]),
    ("Protests were held over the weekend.", date(2023, 7, 2), ["2023-W26"]),  # a Sunday: this weekend
    ("They will meet at the weekend.", MON_JUL, ["2023-W27"]),
    ("last weekend", MON_JUL, ["2023-W26"]),
    ("next weekend", MON_JUL, ["2023-W27"]),
    ("the weekend of June 5", MON_JUL, ["2023-06-05"]),
])
def test_weekend_is_the_week_of_its_saturday(text, pub, expected):
    assert values(text, pub) == expected


@pytest.mark.parametrize("text, pub, expected", [
    ("He ran in the 2020 election and was arrested in spring.", date(2025, 6, 21), ["2020", "2020-SP"]),
    ("Lukashenko pardoned 16 people in the summer.", date(2025, 10, 6), ["2025-SU"]),
    ("He was freed in the autumn.", date(2025, 5, 2), ["2024-FA"]),
    ("Talks will resume in the autumn.", date(2025, 5, 2), ["2025-FA"]),
    ("in summer camps", date(2025, 5, 2), []),
    ("protests in the spring and summer of 2020", date(2025, 5, 2), ["2020-SP", "2020-SU"]),
    ("in the fall of the regime", date(2025, 5, 2), []),
])
def test_season_without_a_year(text, pub, expected):
    assert values(text, pub) == expected
