"""Resolver.resolve: clustering within and across documents, ids, grey zone."""

from gazetteer.load import KnownPerson
from records.facts import Mention
from resolution.resolve import Resolver, default_resolver, pair_key


def resolve_docs(docs):
    return default_resolver().resolve(docs).people


def _doc(*names, groups=None):
    out, pos = [], 0
    for k, name in enumerate(names):
        group = (groups or {}).get(k)
        out.append(Mention(name, name, pos, pos + len(name), group=group))
        pos += len(name) + 10
    return out


def _by_name(people):
    return {m.name: p.id for p in people for m in p.mentions}


def test_surname_only_attaches_by_gender():
    r = Resolver(people=[])
    [people] = r.resolve([_doc("Siarhei Dubrouski", "Sviatlana Dubrouskaya", "Dubrouskaya", "Dubrovsky")]).people
    ids = _by_name(people)
    assert len(people) == 2
    assert ids["Dubrouskaya"] == ids["Sviatlana Dubrouskaya"] != ids["Siarhei Dubrouski"] == ids["Dubrovsky"]


def test_lone_surname_stays_its_own_person_and_groups_merge():
    r = Resolver(people=[])
    [a, b] = r.resolve([_doc("Karatkevich", "Barankevich"),
                        _doc("Sergei Dubrovsky", "Siarhei Dubrouski", "Stas Pukh", "Stanislau Pukhau",
                             groups={2: 1, 3: 1})]).people
    assert len(a) == 2
    assert len(b) == 2


def test_ids_agree_across_documents_and_runs():
    docs = [_doc("Anatol Zhukau", "Zhukau"), _doc("Anatoly Zhukov", "Olga Zhukova"), _doc("Zhukov")]
    first = Resolver(people=[]).resolve(docs).people
    again = Resolver(people=[]).resolve(list(reversed(docs))).people[::-1]
    ids = [_by_name(p) for p in first]
    assert ids[0]["Anatol Zhukau"] == ids[1]["Anatoly Zhukov"] == ids[0]["Zhukau"] == ids[2]["Zhukov"]
    assert ids[1]["Olga Zhukova"] != ids[1]["Anatoly Zhukov"]
    assert all(i.startswith("x-") for d in ids for i in d.values())
    assert [_by_name(p) for p in again] == ids


def test_gazetteer_people_get_gazetteer_ids_and_names():
    [people] = resolve_docs([_doc("Svetlana Tikhanovskaya", "Sergei Tikhanovsky", "Tikhanovskaya",
                                       "Ціханоўскі")])
    ids = _by_name(people)
    assert ids["Tikhanovskaya"] == ids["Svetlana Tikhanovskaya"] == "tsikhanouskaya-sviatlana"
    assert ids["Sergei Tikhanovsky"] == ids["Ціханоўскі"] == "tsikhanouski-siarhei"
    assert {p.name for p in people} == {"Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"}


def test_bare_given_name_joins_the_only_person_with_it():
    [people] = Resolver(people=[]).resolve([_doc("Donald Bleek", "Bleek", "Donald")]).people
    assert len(people) == 1 and people[0].name == "Donald Bleek"


def test_grey_zone_reported_and_decision_applies():
    docs = [_doc("Ivan Kozlov"), _doc("Ivan Kozlovsky")]
    res = Resolver(people=[]).resolve(docs)
    assert any({a, b} == {"Ivan Kozlov", "Ivan Kozlovsky"} for a, b, _ in res.uncertain)
    assert res.people[0][0].id != res.people[1][0].id
    merged = Resolver(people=[], decisions={pair_key("Ivan Kozlov", "Ivan Kozlovsky"): True}).resolve(docs)
    assert merged.people[0][0].id == merged.people[1][0].id
    assert not merged.uncertain


def test_detector_gazetteer_id_decides_a_shared_surname():
    doc = [Mention("Viktor Lukashenko", "Viktor Lukashenko", 0, 17),
           Mention("Lukashenko", "Lukashenko", 40, 50, gazetteer_id="lukashenka-alyaksandr")]
    [people] = resolve_docs([doc])
    ids = _by_name(people)
    assert ids == {"Viktor Lukashenko": "lukashenka-viktar", "Lukashenko": "lukashenka-alyaksandr"}


def test_surname_with_an_honorific_of_the_other_gender_is_another_person():
    r = Resolver(people=[])
    [people] = r.resolve([_doc("Andrei Melkumyan", "Lady Melkumyan", "Melkumyan")]).people
    ids = _by_name(people)
    assert ids["Lady Melkumyan"] != ids["Andrei Melkumyan"] == ids["Melkumyan"]


def test_one_person_per_id_in_a_document():
    # a known person named by two spellings that the rules cannot join (a maiden name) is still one person
    kp = KnownPerson(id="hramava-alena", name="Alena Hramava", gender="f", role=None, wikidata=None,
                     spellings=("Alena Hramava", "Alena Sidarava"))
    r = Resolver(people=[kp])
    [people] = r.resolve([_doc("Alena Hramava", "Sidarava")]).people
    assert [p.id for p in people] == ["hramava-alena"]
    assert sorted(m.name for m in people[0].mentions) == ["Alena Hramava", "Sidarava"]
