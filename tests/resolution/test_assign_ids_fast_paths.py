"""The id assignment's and page clustering's fast paths equal the plain ways they stand for.

``Resolver._gazetteer_vote`` counts a cluster's votes in one pass and reads lookups from the cache first; the
plain way kept here is the three loops it replaced. ``_Cluster.best`` takes a lone spelling without ``max``; pages
are clustered with leaders read from a list (not a NumPy array) and each mention's own first spelling not joined.
"""

from __future__ import annotations

from benchmarks.resolve import generate
from gazetteer.load import KnownPerson
from records.facts import Mention
from resolution import resolve
from resolution.resolve import Resolver, _Cluster


def _plain_vote(res: Resolver, c: _Cluster) -> str:
    votes: dict[str, int] = {}
    for m, pn in zip(c.mentions, c.parsed, strict=True):
        if m.gazetteer_id and res._patronymic_ok(pn, m.gazetteer_id):
            votes[m.gazetteer_id] = votes.get(m.gazetteer_id, 0) + 1
    for m, pn in zip(c.mentions, c.parsed, strict=True):
        if pn.has_given:
            pid = res.lookup(m.name)
            if pid:
                votes[pid] = votes.get(pid, 0) + 1
    if not votes:
        for m, pn in zip(c.mentions, c.parsed, strict=True):
            if not pn.has_given:
                pid = res.lookup(m.name)
                if pid:
                    votes[pid] = votes.get(pid, 0) + 1
    return min(votes, key=lambda k: (-votes[k], k)) if votes else ""


def _docs() -> list[list[Mention]]:
    docs, _ = generate(300, seed=13)
    # the detector's readings, some of them another person's, and a patronymic another father's
    extra = [Mention("Ivan Petrovich Zarubin", "Ivan Petrovich Zarubin", 0, 22, gazetteer_id="zarubin-ivan"),
             Mention("Zarubin", "Zarubin", 40, 47, gazetteer_id="zarubin-ivan"),
             Mention("Zarubin", "Zarubin", 60, 67, gazetteer_id="zarubina-anna"),
             Mention("Anna Zarubina", "Anna Zarubina", 80, 93),
             Mention("Ivan Sergeyevich Zarubin", "Ivan Sergeyevich Zarubin", 100, 124, gazetteer_id="zarubin-ivan")]
    return [*docs, extra, extra[1:3]]


def _resolver() -> Resolver:
    people = [KnownPerson(id="zarubin-ivan", name="Ivan Petrovich Zarubin", gender="m", role="made up", wikidata=None,
                          spellings=("Ivan Petrovich Zarubin", "Ivan Zarubin", "Zarubin")),
              KnownPerson(id="zarubina-anna", name="Anna Zarubina", gender="f", role="made up", wikidata=None,
                          spellings=("Anna Zarubina",))]
    return Resolver(people=people)


def test_gazetteer_votes_are_the_three_loops():
    for res in (_resolver(), Resolver()):
        clusters = [c for doc in _docs() for c in res._cluster_doc(doc, {})]
        votes = [res._gazetteer_vote(c) for c in clusters]
        res._lookup_cache.clear()  # the plain way looks everything up again
        assert votes == [_plain_vote(res, c) for c in clusters]
        assert sum(map(bool, votes)) > 0


def test_best_spelling_of_a_cluster_is_the_max():
    res = Resolver()
    for doc in _docs():
        for c in res._cluster_doc(doc, {}):
            assert c.best is max(c.parsed, key=lambda p: (p.completeness, p.raw))


def test_pages_cluster_alike_with_leaders_in_an_array(monkeypatch):
    """Leaders read from a list (pages up to EARLIER_LISTS_MAX names) and from a NumPy array (beyond)."""
    docs = _docs()
    res = Resolver()
    by_list = [[[m.start for m in c.mentions] for c in res._cluster_doc(doc, {})] for doc in docs]
    monkeypatch.setattr(resolve, "EARLIER_LISTS_MAX", 0)
    res = Resolver()
    assert by_list == [[[m.start for m in c.mentions] for c in res._cluster_doc(doc, {})] for doc in docs]


def test_rule_matches_read_from_the_lookup_cache_are_those_looked_up_again():
    res, plain = Resolver(), Resolver()
    names = sorted({m.name for doc in _docs() for m in doc})[:120]
    for a in names:
        res.lookup(a)
    for a in names[:40]:
        for b in names:
            plain._lookup_cache.clear()
            assert res._rule_match(a, b) == plain._rule_match(a, b)


def test_people_mentions_are_in_text_order():
    docs = _docs()
    people = Resolver().resolve(docs).people
    for doc, persons in zip(docs, people, strict=True):
        assert sorted(m.start for p in persons for m in p.mentions) == sorted(m.start for m in doc)
        for p in persons:
            assert [m.start for m in p.mentions] == sorted(m.start for m in p.mentions)


def _plain_canonical_names(res: Resolver, flat: list[_Cluster]) -> dict[str, str]:
    best: dict[str, tuple] = {}
    for c in flat:
        if c.id in res.by_id:
            best[c.id] = (0,), res.by_id[c.id].name
            continue
        counts: dict[str, int] = {}
        for m in c.mentions:
            counts[m.name] = counts.get(m.name, 0) + 1
        for m, pn in zip(c.mentions, c.parsed, strict=True):
            rank = (-pn.completeness, -counts[m.name], -len(m.name), m.name)
            if c.id not in best or (1, *rank) < best[c.id][0]:
                best[c.id] = (1, *rank), m.name
    return {k: v[1] for k, v in best.items()}


def test_canonical_names_rank_a_lone_mention_as_the_plain_way():
    for res in (_resolver(), Resolver()):
        flat = [c for doc in _docs() for c in res._cluster_doc(doc, {})]
        res._assign_ids(flat, {})
        got = res._canonical_names(flat)
        assert got == _plain_canonical_names(res, flat)
        assert len(got) > 10
