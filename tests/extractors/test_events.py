"""Events of a page (extractors/events.py): kinds, proposals, figures, subjects and one event per happening.

Every text here is our own writing. Each test checks one rule through the real pipeline (``extract_pages``
then ``resolve_pages``), reading events as (kind, proposed, date, count, names of the people).
"""

from __future__ import annotations

from datetime import date

import pytest

from extractors.events import find_events
from extractors.pipeline import extract_pages
from records.pages import Article
from resolution.resolve import resolve_pages

PUBLISHED = date(2025, 9, 12)  # a Friday


def events(text: str, published: date = PUBLISHED) -> list[tuple[str, bool, str | None, int | None, list[str]]]:
    art = Article(url="https://example.org/a", canonical_url="https://example.org/a", title=None,
                  published=published, author=None, site=None, language="en", text=text)
    (page,) = extract_pages([art])
    resolve_pages([page])
    names = {p.id: p.name for p in page.people}
    return [(e.kind, e.proposed, e.date, e.count, sorted(names[i] for i in page.event_people(e)))
            for e in page.events]


def test_a_release_with_its_count_date_and_listed_people():
    got = events("Belarus freed 18 political prisoners on Wednesday, including Ihar Losik and "
                 "Katsiaryna Andreyeva, officials said.")
    assert got == [("release", False, "2025-09-10", 18, ["Ihar Losik", "Katsiaryna Andreyeva"])]


def test_the_actor_who_pardons_and_the_envoy_who_brokers_are_not_subjects():
    got = events("President Alexander Lukashenko pardoned Mikalai Dziadok on Monday after talks with "
                 "US envoy John Coale.")
    assert got == [("release", False, "2025-09-08", None, ["Mikalai Dziadok"])]


def test_a_passive_subject_and_the_agent_after_by():
    got = events("Ihar Losik was released by Alexander Lukashenko in June.")
    assert got == [("release", False, "2025-06", None, ["Ihar Losik"])]


@pytest.mark.parametrize("text,kind", [
    ("Police arrested the blogger Ihar Losik in June 2020.", "detention"),
    ("Ihar Losik was taken into custody in June 2020.", "detention"),
    ("Ihar Losik was sentenced in December 2021.", "sentence"),
    ("Ihar Losik was jailed for 15 years in December 2021.", "sentence"),
    ("Ihar Losik walked free in June 2020.", "release"),
])
def test_kinds_in_several_phrasings(text, kind):
    (got,) = events(text)
    assert got[0] == kind and got[4] == ["Ihar Losik"]


@pytest.mark.parametrize("text", [
    "The government offered to release 300 prisoners if sanctions were eased.",
    "Washington and Minsk are in talks to free 300 more political prisoners.",
    "The opposition demanded the release of 300 detainees.",
    "Lukashenko said he may pardon up to 300 prisoners.",
])
def test_offers_talks_and_demands_are_proposed(text):
    (got,) = events(text)
    assert got[:2] == ("release", True) and got[3] == 300


def test_a_proposal_cue_of_another_clause_does_not_make_a_done_release_proposed():
    got = events("The new proposal comes after he released 12 prisoners last month.")
    assert got == [("release", False, "2025-08", 12, [])]


def test_an_unconfirmed_or_denied_release_is_no_event():
    assert events("There was no confirmation that the activist Pavel Sevyarynets had been released.") == []
    assert events("The ministry denied that Ihar Losik was freed last week.") == []


def test_a_stock_still_held_with_its_date_and_not_the_report_date():
    got = events("Viasna said on Monday that more than 1,100 political prisoners remain behind bars.")
    assert got == [("held", False, None, 1100, [])]
    got = events("As of September 1, 1,150 political prisoners were still in custody, Viasna said.")
    assert got == [("held", False, "2025-09-01", 1150, [])]


def test_a_tally_is_held_only_when_it_counts_prisoners():
    assert events("Viasna counted 1,150 political prisoners in Belarus.") == [("held", False, None, 1150, [])]
    assert events("There were 52 people on the bus.") == []


def test_one_happening_reported_in_several_sentences_is_one_event():
    got = events("Fifty-two prisoners were freed on Thursday. The release was brokered by the US envoy "
                 "John Coale. The 52 include Ihar Losik, Larysa Shchyrakova and Mikalai Dziadok.")
    assert got == [("release", False, "2025-09-11", 52,
                    ["Ihar Losik", "Larysa Shchyrakova", "Mikalai Dziadok"])]


def test_an_earlier_release_the_page_recalls_is_its_own_event():
    got = events("Belarus freed 52 prisoners on Thursday. In June, 14 prisoners were released, including "
                 "Siarhei Tsikhanouski.")
    assert got == [("release", False, "2025-09-11", 52, []),
                   ("release", False, "2025-06", 14, ["Siarhei Tsikhanouski"])]


def test_a_person_named_as_freed_joins_the_main_release():
    got = events("Belarus freed 52 prisoners on Thursday. Among those freed was the journalist Ihar Losik. "
                 "After her release, Larysa Shchyrakova spoke to reporters in Vilnius.")
    assert got == [("release", False, "2025-09-11", 52, ["Ihar Losik", "Larysa Shchyrakova"])]


def test_pronouns_follow_gender_and_the_previous_subject():
    got = events("Maria Kalesnikava met Viktar Babaryka in 2020. She was arrested in September 2020, "
                 "and he was detained in June 2020.")
    assert sorted(got) == [("detention", False, "2020-06", None, ["Viktar Babaryka"]),
                           ("detention", False, "2020-09", None, ["Maria Kalesnikava"])]


def test_the_husband_of_a_named_woman_is_not_her_and_not_the_actor():
    got = events("Lukashenko released 14 prisoners, including the husband of Sviatlana Tsikhanouskaya, "
                 "who was arrested in 2020.")
    assert ("release", False, None, 14, []) in got
    assert all("Sviatlana Tsikhanouskaya" not in e[4] and "Alexander Lukashenko" not in e[4] for e in got)


def test_a_new_sentence_is_another_event_than_the_first():
    got = events("A court sentenced Ihar Losik to 15 years. In 2023 he was given a new sentence of one year.")
    assert sorted(got, key=str) == [("sentence", False, "2023", None, ["Ihar Losik"]),
                                    ("sentence", False, None, None, ["Ihar Losik"])]


def test_a_date_in_a_relative_clause_belongs_to_no_release():
    got = events("Among the 52 freed were Mikalai Statkevich, who was a presidential candidate in 2010, "
                 "and Ihar Losik.")
    assert got == [("release", False, None, 52, ["Ihar Losik", "Mikalai Statkevich"])] or \
        got == [("release", False, None, 52, ["Mikalai Statkevich", "Ihar Losik"])]


def test_before_a_date_keeps_only_its_year():
    got = events("Siarhei Tsikhanouski was arrested in the run-up to the August 2020 election.")
    assert got == [("detention", False, "2020", None, ["Siarhei Tsikhanouski"])]


def test_a_release_with_nothing_of_its_own_is_dropped():
    assert events("The prisoner releases continue.") == []


def test_find_events_without_a_trigger_word_is_empty_and_cheap():
    assert find_events("The weather in Minsk was mild.", [0], [30], [], [], [], PUBLISHED) == []


def test_a_long_chain_of_pronouns_neither_recurses_too_deep_nor_takes_long():
    import time

    text = "Ihar Losik was arrested in June 2020. " + "He said he was tired. " * 3000 + "He was freed in 2025."
    t0 = time.perf_counter()
    got = events(text)
    assert time.perf_counter() - t0 < 30
    assert ("detention", False, "2020-06", None, ["Ihar Losik"]) in got
