"""People detector: gazetteer spellings in several scripts, discovery cues, repeats, groups and traps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extractors.people import _tables, find_mentions
from gazetteer.lexicon import LexiconError, load_lexicon, load_organisations, load_places, load_titles

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def mentions(nlp, text):
    doc = nlp(text)
    out = find_mentions(doc)
    for m in out:  # offsets always cover the surface text
        assert doc.text[m.start:m.end] == m.text
    return out


def names(nlp, text):
    return [m.name for m in mentions(nlp, text)]


# ------------------------------------------------------------ gazetteer

@pytest.mark.parametrize("spelling", [
    "Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya", "Светлана Тихановская", "Святлана Ціханоўская",
])
def test_known_person_in_several_scripts(nlp, spelling):
    ms = mentions(nlp, f"On Monday {spelling} met supporters in Vilnius.")
    assert [m.text for m in ms] == [spelling]
    assert ms[0].gazetteer_id is not None
    assert ms[0].gazetteer_id == mentions(nlp, "Sviatlana Tsikhanouskaya spoke.")[0].gazetteer_id


def test_surname_only_of_known_person_and_possessive(nlp):
    ms = mentions(nlp, "Critics say Lukashenka's regime holds over 1,000 prisoners.")
    assert [(m.text, m.name) for m in ms] == [("Lukashenka", "Lukashenka")]
    assert ms[0].gazetteer_id == mentions(nlp, "Alexander Lukashenko spoke.")[0].gazetteer_id


def test_title_is_not_part_of_the_name(nlp):
    ms = mentions(nlp, "Belarusian President Alexander Lukashenko's decree was read out.")
    assert [m.name for m in ms] == ["Alexander Lukashenko"]


def test_gendered_surnames_are_different_people(nlp):
    husband, wife = mentions(nlp, "Tsikhanouski was freed; Tsikhanouskaya welcomed him.")
    assert husband.gazetteer_id and wife.gazetteer_id and husband.gazetteer_id != wife.gazetteer_id


# ------------------------------------------------------------ discovery

def test_unknown_person_with_given_name_and_surname_repeat(nlp):
    text = ("Opposition activist Anatol Zhukevich disappears. Zhukevich was last seen in Istanbul. "
            "Later Zhukevich stopped answering calls.")
    ms = mentions(nlp, text)
    assert [m.name for m in ms] == ["Anatol Zhukevich", "Zhukevich", "Zhukevich"]
    assert all(m.gazetteer_id is None for m in ms)


def test_middle_initial(nlp):
    assert names(nlp, "The letter was signed by Donald J. Trump himself.") == ["Donald J. Trump"]


@pytest.mark.parametrize("text, expected", [
    ("The court jailed journalist Ksawery Brzozowski last year.", ["Ksawery Brzozowski"]),
    ("Police detained opposition leader Mzwakhe Tshabalala at dawn.", ["Mzwakhe Tshabalala"]),
    ("The delegation was received by President Qorvath in the capital.", ["Qorvath"]),
    ("In Bishkek, Mr Ozturkmen said nothing.", ["Mr Ozturkmen"]),  # the name keeps a gendered honorific
])
def test_role_or_title_cue(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Hrazdan Melkumyan, a former diplomat, resigned in protest.",
    "Hrazdan Melkumyan, speaker of the exiled council, disappeared in March.",
    "Hrazdan Melkumyan said the talks had failed.",
])
def test_apposition_or_speech_verb(nlp, text):
    assert names(nlp, text) == ["Hrazdan Melkumyan"]


def test_capitalised_pair_without_any_cue_is_not_a_person(nlp):
    assert names(nlp, "Hrazdan Melkumyan is not always a name.") == []


def test_parenthesised_alternate_shares_a_group(nlp):
    ms = mentions(nlp, "They freed Sergey Tikhanovsky (Siarhei Tsikhanouskiy), a blogger, and Olga Pabiarzhynskaya.")
    assert [m.name for m in ms] == ["Sergey Tikhanovsky", "Siarhei Tsikhanouskiy", "Olga Pabiarzhynskaya"]
    assert ms[0].group is not None and ms[0].group == ms[1].group
    assert ms[2].group is None


def test_parenthesised_alternate_without_closing_bracket(nlp):
    ms = mentions(nlp, "said exiled leader Svetlana Tikhanovskaya (Sviatlana Tsikhanouskaya from her base in Latvia.")
    assert [m.name for m in ms] == ["Svetlana Tikhanovskaya", "Sviatlana Tsikhanouskaya"]
    assert ms[0].group == ms[1].group is not None


def test_regnal_title_with_given_name(nlp):
    assert names(nlp, "Pope Leo XIV welcomed the release of priest Henrykh Akalatovich.") == [
        "Leo XIV", "Henrykh Akalatovich"]


def test_shared_surname_goes_to_the_most_prominent_holder_unless_another_was_named_first(nlp):
    father = mentions(nlp, "Alexander Lukashenko spoke.")[0].gazetteer_id
    son = mentions(nlp, "Viktor Lukashenko spoke.")[0].gazetteer_id
    assert father != son
    ms = mentions(nlp, "Lukashenko's son Viktor Lukashenko travelled. Lukashenko stayed in Minsk.")
    assert [m.gazetteer_id for m in ms] == [father, son, father]
    ms = mentions(nlp, "Viktor Lukashenko travelled to Moscow, where Lukashenko met officials.")
    assert [m.gazetteer_id for m in ms] == [son, son]


# ------------------------------------------------------------ traps

@pytest.mark.parametrize("text", [
    "Charter 97 reported that Nasha Niva and Belsat were blocked.",
    "Sanctions on Belavia and Belaruskali were lifted, the White House said.",
    "The Viasna Human Rights Centre said the KGB and the State Department disagreed.",
    "Radio Free Europe/Radio Liberty reported the Kyiv Independent story.",
    "However, Officials in Minsk and Vilnius met in Warsaw on Tuesday.",
    "Meanwhile Belarusian and Lithuanian diplomats met in Hrodna in August.",
    "The Coordination Council met in Victory Square.",
    "Reuters photographer Zoltan Kerekes said it was calm.",  # the outlet qualifies the role, the name is found
])
def test_traps_are_not_people(nlp, text):
    found = names(nlp, text)
    blocked = {"Charter", "Nasha Niva", "Belsat", "Belavia", "Belaruskali", "White House", "Viasna", "KGB",
               "Radio Free Europe", "Radio Liberty", "Kyiv Independent", "However", "Officials", "Minsk", "Vilnius",
               "Warsaw", "Tuesday", "Meanwhile", "Hrodna", "August", "Coordination Council", "Victory Square",
               "Reuters", "State Department"}
    assert not [n for n in found if n in blocked or any(b in n for b in blocked)]
    if "Zoltan" in text:
        assert found == ["Zoltan Kerekes"]


def test_given_name_alone_after_a_title_is_not_emitted(nlp):
    assert names(nlp, "Asked on Monday, Sir Keir said nothing.") == []


def test_month_named_like_a_person_is_not_a_person(nlp):
    assert names(nlp, "In May Lukashenko pardoned 16 people.") == ["Lukashenko"]


# ------------------------------------------------------------ lexicon validation

def test_lexicons_load():
    lex = load_lexicon()
    assert any(e.id == "charter97" for e in lex.organisations)
    assert any("Grodno" in e.aliases for e in lex.places)
    assert "President" in lex.titles and "The" in lex.never_names
    # weekdays, months and seasons are never-names from the one calendar list (gazetteer/data/calendar.yaml)
    assert "Monday" not in lex.never_names
    assert {"monday", "mon", "sept", "may", "fall"} <= _tables().never


@pytest.mark.parametrize("body, needle", [
    ({"organisations": [{"id": "x", "name": "X", "kind": "outlet", "colour": "red"}]}, "unknown key 'colour'"),
    ({"organisations": [{"id": "x", "name": "X", "kind": "outlet"}, {"id": "x", "name": "Y", "kind": "outlet"}]},
     "duplicate id"),
    ({"organisations": [{"id": "Bad Id", "name": "X", "kind": "outlet"}]}, "id must be lowercase"),
    ({"organisations": [{"id": "x", "kind": "outlet"}]}, "'name' is missing"),
    ({"kinds": ["outlet"], "organisations": [{"id": "x", "name": "X", "kind": "band"}]}, "kind 'band'"),
    ({"organisations": [{"id": "x", "name": "X", "kind": "outlet", "aliases": [True]}]}, "not a string"),
])
def test_bad_organisation_entry_names_file_entry_and_reason(tmp_path, body, needle):
    path = tmp_path / "organisations.yaml"
    path.write_text(yaml.safe_dump(body), encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_organisations(path)
    assert str(path) in str(err.value) and needle in str(err.value)


def test_bad_places_and_titles(tmp_path):
    places = tmp_path / "places.yaml"
    places.write_text("places:\n  - {id: minsk, name: Minsk, kind: city, demonyms: [Minsker, Minsker]}\n")
    with pytest.raises(LexiconError, match="duplicate word"):
        load_places(places)
    titles = tmp_path / "titles.yaml"
    titles.write_text("titles: [President]\nnever_names: [Monday, No]\n")  # bare No is a YAML boolean
    with pytest.raises(LexiconError, match="entry False.*not a string"):
        load_titles(titles)
    titles.write_text("titles: [President]\n")
    with pytest.raises(LexiconError, match="never_names"):
        load_titles(titles)


# ------------------------------------------------------------ seeds and speed

@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared")
def test_seed_articles_have_no_spurious_capitalised_phrases(nlp):
    bad = {"Kyiv Independent", "Truth Social", "Air Force One", "Nasha Niva", "Radio Free Europe", "Human Rights",
           "Coordination Council", "European Union", "Nobel Prize", "Victory Square", "Eternal Flame", "Read Entire",
           "Belavia", "Viasna", "Spiegel", "Reuters", "BelTA", "Zapad", "Middle East", "Soviet Union", "Catholic"}
    for path in sorted(SEEDS.glob("*.txt")):
        found = {m.name for m in mentions(nlp, path.read_text(encoding="utf-8"))}
        assert not {n for n in found if any(b in n for b in bad)}, path.name


def test_tail_of_an_organisation_name_is_not_a_person(nlp):
    assert names(nlp, "Olesya Dranko, head of the Center for Civil Liberties, said the talks failed.") == [
        "Olesya Dranko"]
    assert names(nlp, "The Committee for Free Press Rights said it was concerned.") == []


def test_never_name_word_as_a_surname_after_a_given_name(nlp):
    assert names(nlp, "Mark Christian, a spokesman for the embassy, declined to comment.") == ["Mark Christian"]
    assert names(nlp, "The Christian Democrats welcomed the move.") == []


def test_gendered_honorific_stays_in_the_name_not_in_the_text(nlp):
    ms = mentions(nlp, "Hrazdan Melkumyan said his wife, Lady Melkumyan, was safe.")
    assert [(m.text, m.name) for m in ms] == [("Hrazdan Melkumyan", "Hrazdan Melkumyan"),
                                              ("Melkumyan", "Lady Melkumyan")]


def test_a_full_word_table_empties_between_documents_not_inside_one(nlp, monkeypatch):
    # each distinct word is kept once per process in a bounded table; when it is full it must be emptied
    # before a document's words are looked up, never halfway through (rows would index the wrong columns)
    import extractors.people as people

    text = ("Anatol Kotau, a former minister, met journalist Ihar Losik in Minsk on Tuesday. "
            + " ".join(f"word{i}" for i in range(120)) + ". Kotau said Losik was freed.")
    expected = mentions(nlp, text)
    monkeypatch.setattr(people, "_WORDS", people._WordTable())
    monkeypatch.setattr(people._WORDS, "MAX_ROWS", 100)
    for _ in range(3):  # the table fills and empties on every document
        assert mentions(nlp, text) == expected


def test_used_alone_asks_what_the_plain_set_of_alone_keys_holds(nlp):
    # ``_Doc.used_alone`` looks at one key's tokens on demand; it must agree with the set of every
    # capitalised word used alone mid-sentence, built over the whole document
    import extractors.people as people

    text = ("Ihar Losik met Anatol Kotau. After Sinwar's appointment, Kotau said President Lukashenko "
            "and Losik spoke; Jean-Luc Mélenchon, Sinwar and Viasna replied. Hope May said Sinwar left.")
    tb = _tables()
    d = people._Doc(nlp(text))
    n = len(d.words)
    plain = {d.keys[i] for i in d.caps
             if i and d.name[i] and not d.sent_start[i] and not d.name[i - 1] and d.words[i - 1] != "-"
             and (i + 1 == n or (not d.name[i + 1] and d.words[i + 1] != "-")) and not people._cued(d, tb, i)}
    assert plain  # the text has some
    for key in {d.keys[i] for i in d.caps} | {"nosuchkey"}:
        assert d.used_alone(tb, key) == (key in plain)


def test_near_known_surnames_are_the_same_cached_or_not():
    import extractors.people as people

    tb = _tables()
    pairs = [(g.cls, people._phon(sur)) for g, sur in (
        (tb.given["siarhei"], "tsikhanouski"), (tb.given["siarhei"], "tsikhanouskii"),
        (tb.given["viktar"], "babaryko"), (tb.given["viktar"], "babaryka"))]
    for cls, sur in pairs * 2:  # the second round reads the cache
        assert people._near_surname(tb, cls, sur) == people._near_surname_uncached(tb, cls, sur)
    assert any(people._near_surname(tb, cls, sur) for cls, sur in pairs)
