"""The resolver's shortcuts against the plain way: per-surname nearby spellings of the gazetteer (``_nearby``),
gender per set of given-name classes (``GivenIndex.gender_of``), the upper-case test of a token (``_is_caps``)
the shared-key pairs of the surname screen (``_close_chunks``), and the parser's shortcuts (white space, possessive,
the slot-built ``ParsedName``, the name rules kept in ``_vocab``), on the benchmark's generated names."""

from __future__ import annotations

import dataclasses
import random
import re

import numpy as np
import pytest
from rapidfuzz.distance import OSA

from benchmarks.resolve import generate
from resolution import names as names_module
from resolution.resolve import PAIR_MIN, Resolver, _GivenConflicts, _surname_keys


def spellings() -> list[str]:
    docs, _ = generate(3_000, 5)
    return list(dict.fromkeys(m.name for doc in docs for m in doc))


def test_lookups_through_the_nearby_cache_are_those_of_a_resolver_without_one():
    cached = Resolver()
    fresh = Resolver()
    for name in spellings():
        fresh._nearby_cache.clear()
        fresh._lookup_cache.clear()
        assert cached.lookup(name) == fresh.lookup(name), name
    assert cached._nearby_cache  # surnames seen again took their nearby spellings from it


def test_gender_of_a_set_of_classes_is_the_rule_applied_each_time():
    index = Resolver().index
    classes = set(index.gender)
    ordered = sorted(classes)
    sets = [frozenset(), *(frozenset(ordered[i:i + k]) for k in (1, 2) for i in range(len(ordered)))]
    for cls in sets * 2:  # the second time from the cache
        genders = {index.gender[c] for c in cls} - {"u"}
        assert index.gender_of(cls) == (genders.pop() if len(genders) == 1 else "")


def test_is_caps_is_every_letter_upper_case():
    def plain(token: str) -> bool:
        letters = list(filter(str.isalpha, token))
        return len(letters) > 2 and all(map(str.isupper, letters))

    tokens = ["LUKASHENKO", "Lukashenko", "ЛУКАШЕНКА", "Лукашенка", "O'BRIEN", "McDONALD", "ABC", "AB", "A.B.C.",
              "123", "ΣΟΦΙΑ", "ǅORĐE", "ǄORĐE", "ŁATUSZKA", "ßAB", "ABß", "日本語", "ABC日本", "", "  ", "X-Y-Z"]
    tokens += [t for s in spellings() for t in s.split()]
    for t in tokens:
        assert names_module._is_caps(t) == plain(t), t


def test_shared_surname_keys_mark_the_pairs_of_the_plain_row_by_row_screen():
    r = Resolver()
    # names alike only by a key: part of a double surname, a case ending, another romanisation
    by_key_only = ["Maria Sharenda-Panasiuk", "Maria Sharenda", "Maria Panasiuk", "Andrzeja Poczobuta",
                   "Andrzej Poczobut", "Anna Krasulina", "Anny Krasulinoj"]
    parsed = [r.parse(s) for s in [*spellings()[:300], *by_key_only, *spellings()[300:]]]
    parsed = [pn for pn in parsed if pn.has_given and pn.stem][:600]  # more than one chunk of rows
    only = 0
    keys = [_surname_keys(pn) for pn in parsed]
    conflicts = _GivenConflicts(parsed).rows(0, len(parsed))
    got = np.concatenate([close for _, close in r._close_chunks(parsed, PAIR_MIN)])
    for x, a in enumerate(parsed):
        for y, b in enumerate(parsed):
            close = (x == y or bool(keys[x] & keys[y])
                     or OSA.normalized_similarity(a.stem, b.stem, score_cutoff=PAIR_MIN) > 0
                     or OSA.normalized_similarity(a.surname, b.surname, score_cutoff=PAIR_MIN) > 0)
            assert got[x, y] == (close and not conflicts[x, y]), (a.raw, b.raw)
            only += bool(got[x, y] and max(OSA.normalized_similarity(a.stem, b.stem),
                                           OSA.normalized_similarity(a.surname, b.surname)) < PAIR_MIN)
    assert only  # pairs only a shared key marks


def test_a_spelling_parsed_with_its_surname_worked_out_before_is_parsed_as_alone():
    extra = ["Andrzeja Poczobuta", "Andrzej Poczobut", "Aleksandra Milinkiewicza", "Ursula von der Leyen",
             "von der Leyen", "Khaled el-Masri", "Maria Sharenda-Panasiuk", "Tsikhanouskaya, Sviatlana",
             "LUKASHENKO Alexander", "Ivan Mikalajevitj Sidarau", "Lady Starmer", "Анны Красулиной", "J. Smith",
             "Tichanovskij Sergej"]
    names = [*extra, *spellings()]
    index = Resolver().index
    names_module._surname_part.cache_clear()
    shared = [names_module.parse.__wrapped__(n, index) for n in names]  # surnames from the cache when seen before
    assert names_module._surname_part.cache_info().hits > 100
    alone = []
    for n in names:
        names_module._surname_part.cache_clear()
        alone.append(names_module.parse.__wrapped__(n, index))
    assert shared == alone
    assert names_module._surname_part.cache_info().hits == 0  # alone: nothing came from the cache


def test_spaces_are_normalised_as_the_regex_did():
    rng = random.Random(8)
    blanks = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace()] + ["\u00a0", "\u200b", "\ufeff", "\x1c"]
    pieces = ["Ivan", "Petrov", "O'Brien", "Łatuszka", "-", ",", "(", ")", *blanks]
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert " ".join(text.split()) == re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip(), repr(text)


def test_possessive_needs_one_of_the_marks_the_parser_looks_for():
    rng = random.Random(9)
    for _ in range(5_000):
        text = "".join(rng.choice("Ivan's Petrov’s Oʼ s`´‘\"-") for _ in range(rng.randint(0, 12)))
        if not ("'" in text or "’" in text or "ʼ" in text):
            assert names_module._POSSESSIVE.sub("", text) == text


def test_parsed_names_built_through_the_slots_are_the_dataclasss():
    index = names_module.default_index()
    fields = dataclasses.fields(names_module.ParsedName)
    for s in spellings()[:3_000] + ["Lady Starmer", "PETROV Ivan", "Petrov, Ivan Ivanovich", "Mikalajevitj Sjoberg"]:
        pn = names_module.parse(s, index)
        plain = names_module.ParsedName(**{f.name: getattr(pn, f.name) for f in fields})
        assert pn == plain and hash(pn) == hash(plain) and repr(pn) == repr(plain)
        assert type(pn) is names_module.ParsedName
    with pytest.raises(dataclasses.FrozenInstanceError):
        pn.stem = "x"  # type: ignore[misc]


def test_vocab_honorifics_and_name_marks_are_the_rules():
    v = names_module._vocab()
    rules = names_module.load_name_rules()
    assert v.honorifics == rules.honorifics and v.honorifics_male == rules.honorifics_male
    assert v.patr_root_endings == rules.patronymic_root_endings
    for s in spellings()[:3_000] + ["Mikalajevitj Sjoberg", "Tjernobyl"]:
        folded = names_module.fold(s)
        if not v.name_marks.search(folded):
            assert not any(system.shows(folded) for system in v.name_systems)


def test_surname_similarity_skips_other_readings_only_when_there_are_none():
    index = names_module.default_index()
    parsed = [names_module.parse(s, index) for s in spellings()[:400] + ["Mikalajevitj Sjoberg", "Jean Boucher"]]
    for a in parsed:
        for b in parsed[:150]:
            got = names_module.surname_similarity(a, b)
            if a.stem and b.stem and a.stem != b.stem and not (a.stem in b.case_stems or b.stem in a.case_stems):
                plain_alt = bool({a.stem, *a.alt_stems} & {b.stem, *b.alt_stems})
                assert (got[1] == "same surname key (other romanisation)") == plain_alt
