"""A person found by any spelling through the pipeline's resolver; two people never merged; a miss says so."""

from __future__ import annotations

import pytest

from analyst.lookup import SpellingError, clean_spelling, find_people


def names(found) -> list[str]:
    return [c.name for c in found.matches]


@pytest.mark.parametrize("spelling", ["Тихановский", "Cichanoŭski", "TSIKHANOUSKI, Siarhei", "Sergei Tikhanovski",
                                      "Siarhei Tsikhanouskiy"])
def test_any_spelling_of_the_husband_finds_him_and_not_his_wife(store, spelling):
    found = find_people(store, spelling)
    assert names(found)[:1] == ["Siarhei Tsikhanouski"], (spelling, found)
    assert "Sviatlana Tsikhanouskaya" not in names(found)
    assert 0 < found.matches[0].confidence <= 1


def test_the_wifes_spellings_find_her_and_not_her_husband(store):
    for spelling in ("Tsikhanouskaya", "Тихановская", "Svetlana Tikhanovskaya"):
        found = find_people(store, spelling)
        assert names(found)[:1] == ["Sviatlana Tsikhanouskaya"], spelling
        assert "Siarhei Tsikhanouski" not in names(found)


def test_a_bare_surname_two_people_share_lists_both_never_merged(store):
    found = find_people(store, "Babaryka")
    assert {"Viktar Babaryka", "Eduard Babaryka"} <= set(names(found))
    assert len({c.person_id for c in found.matches}) == len(found.matches)
    # the father's full name is the father alone
    assert names(find_people(store, "Viktor Babariko")) == ["Viktar Babaryka"]


def test_an_unknown_name_matches_no_one_and_offers_the_nearest(store):
    found = find_people(store, "Ivan Zzyzxovich")
    assert found.matches == []
    close = find_people(store, "Mikalai Statkewiczowski")
    assert close.matches == [] or "Mikalai Statkevich" in names(close)
    assert all(c.confidence >= 0.5 for c in close.near)


def test_matskevich_is_not_statkevich(store):
    assert "Mikalai Statkevich" not in names(find_people(store, "Matskevich"))


@pytest.mark.parametrize("bad,says", [("   ", "type a name"), ("12345", "no letters"), ("x" * 300, "not a name")])
def test_what_is_not_a_name_is_refused_with_a_message(store, bad, says):
    with pytest.raises(SpellingError, match=says):
        find_people(store, bad)


def test_surname_first_with_a_comma_reads_as_given_then_surname():
    assert clean_spelling("  TSIKHANOUSKI,  Siarhei ") == "Siarhei TSIKHANOUSKI"
    assert clean_spelling("Siarhei Tsikhanouski") == "Siarhei Tsikhanouski"
