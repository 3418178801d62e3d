"""Name resolution: which spellings name the same person, within and across documents.

Public entry points (called by ``newsfacts names match`` and the extraction pipeline):

* :func:`same_person` — one pair of spellings → ``(same, score)``;
* :func:`resolve_pages` — the people of many pages, with ids that agree across the pages
  of the call and are stable across runs (the extract flow and ``newsfacts extract`` call it).

Both use a module-level :class:`Resolver` built from the shipped gazetteer. A
:class:`Resolver` can also be built with recorded review decisions (see
:meth:`Resolver.__init__`) and reports the uncertain pairs it did not merge
(:meth:`Resolver.resolve`), so ``newsfacts review`` can ask a person and store
the answer.
"""

from __future__ import annotations

import copy
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from gazetteer.load import KnownPerson, load_people
from gazetteer.settings import resolution_settings
from gazetteer.translit import fold, phonetic_key
from records.facts import Mention, PageFacts, Person
from resolution.names import (
    FULL_SURNAME_MIN,
    GIVEN_FUZZY_MIN,
    GREY_LOW,
    MIXED_MIN,
    REJECTED_MAX,
    GivenIndex,
    Match,
    ParsedName,
    compare,
    default_index,
    given_rules_reject,
    parse,
    patronymics_conflict,
)

Decisions = Mapping[tuple[str, str], bool]
_SETTINGS = resolution_settings()
#: entries of each per-resolver cache before it is emptied: memory stays bounded on any number of names
CACHE_MAX = _SETTINGS.cache_max
#: surnames less alike than this (OSA similarity) can be neither the same person nor uncertain in a pair of full
#: names: the same person needs ``FULL_SURNAME_MIN`` (0.80 before a prefix lift), uncertain needs
#: 0.6 * similarity + 0.4 >= ``GREY_LOW``
PAIR_MIN = min(FULL_SURNAME_MIN - 0.05, (GREY_LOW - 0.4) / 0.6) - 0.01
#: rows of the pairwise surname screen (:meth:`Resolver._close_chunks`) scored at once: its memory is
#: ``CHUNK_ROWS`` x names, never names x names (30,000 names of one page took 5.7 GB as one matrix)
CHUNK_ROWS = _SETTINGS.chunk_rows
#: rows of a block of :meth:`Resolver._candidate_pairs` screened at once: it scores each row's later names only,
#: a chunk all the columns after its first row; smaller chunks waste less of the square below the diagonal
#: (a few NumPy calls each, ~30 µs)
SCREEN_ROWS = min(CHUNK_ROWS, 64)
#: distinct full names of a page up to which its leader clustering takes each name's close earlier names from lists of
#: ints (:meth:`Resolver._earlier_close`), not NumPy rows: a page names a dozen, and a row's few NumPy calls cost
#: more than its screen (~3% of resolving 2,000 generated pages); a page of hundreds keeps the rows' memory low
EARLIER_LISTS_MAX = CHUNK_ROWS
#: close names one name is compared with at most, in order (most frequent and complete first): a page or batch
#: of thousands of alike names costs names x ``CLOSE_MAX`` rule calls, not names²; real pages have a handful
CLOSE_MAX = _SETTINGS.close_max


def decision_key(name: str) -> str:
    """The key a recorded decision uses for one spelling: its folded form (case, script and punctuation free)."""
    return fold(name)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """Order-free key of a pair of spellings for :class:`Resolver` decisions."""
    ka, kb = decision_key(a), decision_key(b)
    return (ka, kb) if ka <= kb else (kb, ka)


@dataclass(slots=True)
class Resolution:
    """Result of :meth:`Resolver.resolve`: people per document and the uncertain pairs not merged.

    ``uncertain`` holds ``(name_a, name_b, score)`` for pairs whose score fell in the
    grey zone (between ``names.GREY_LOW`` and the merge decision) and that no recorded
    decision covers; recording ``{pair_key(name_a, name_b): True|False}`` settles them.
    """

    people: list[list[Person]]
    uncertain: list[tuple[str, str, float]] = field(default_factory=list)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


class Resolver:
    """Gazetteer, given-name lexicon and recorded decisions, with the resolution rules.

    ``decisions`` maps :func:`pair_key` of two spellings to ``True`` (same person)
    or ``False`` (different people); a decision overrides the rules for that pair
    in :meth:`same_person` and in clustering (a ``False`` decision keeps the two
    spellings' clusters apart within a document; across documents it keeps
    their non-gazetteer identities apart). Use :meth:`record` to add one.
    """

    def __init__(self, people: Iterable[KnownPerson] | None = None, index: GivenIndex | None = None,
                 decisions: Decisions | None = None) -> None:
        self.people = list(load_people() if people is None else people)
        self.index = index or default_index()
        self.decisions: dict[tuple[str, str], bool] = {}
        for (a, b), same in (decisions or {}).items():
            self.record(a, b, same)
        self.by_id = {p.id: p for p in self.people}
        # gazetteer index: (stem, given id) → ids; stem → ids (for surname-only and fuzzy lookups)
        self._exact: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_stem: dict[str, set[str]] = defaultdict(set)
        self._spellings: list[tuple[ParsedName, str]] = []
        #: id → the given-name classes of the father named in the person's known spellings (their patronymics)
        self._patr: dict[str, frozenset[str]] = {}
        for p in self.people:
            for s in p.spellings:
                pn = self.parse(s)
                if not pn.stem:
                    continue
                if pn.patr_classes:
                    self._patr[p.id] = self._patr.get(p.id, frozenset()) | pn.patr_classes
                self._spellings.append((pn, p.id))
                self._by_stem[pn.stem].add(p.id)
                for gid in self._given_ids(pn):
                    self._exact[(pn.stem, gid)].add(p.id)
        self._stems = sorted(self._by_stem)
        self._surnames = sorted({pn.surname for pn, _ in self._spellings})
        # full-name spellings by surname key and by folded surname: fuzzy lookups visit only the near ones
        self._full_by_stem: dict[str, list[int]] = defaultdict(list)  # → positions in self._spellings
        self._full_by_surname: dict[str, list[int]] = defaultdict(list)
        for i, (pn, _) in enumerate(self._spellings):
            if pn.has_given:
                self._full_by_stem[pn.stem].append(i)
                self._full_by_surname[pn.surname].append(i)
        self._lookup_cache: dict[str, str | None] = {}
        self._nearby_cache: dict[tuple[str, tuple[str, ...], str], frozenset[int]] = {}
        #: (a, b) → the rules' Match for two spellings; news repeats the same names from article to article,
        #: so a batch decides most pairs it meets once (recorded decisions are checked before it)
        self._rule_cache: dict[tuple[str, str], Match] = {}

    # -- parsing and gazetteer lookup -------------------------------------------------
    def parse(self, name: str) -> ParsedName:
        """Parse one spelling with this resolver's given-name lexicon."""
        return parse(name, self.index)

    @staticmethod
    def _given_ids(pn: ParsedName) -> list[str]:
        if pn.given_classes:
            return sorted(pn.given_classes)
        return [pn.given_id] if pn.given and len(pn.given) > 1 else []

    def _gender_ok(self, pn: ParsedName, pid: str) -> bool:
        g = pn.gender
        return not g or g == self.by_id[pid].gender

    def _patronymic_ok(self, pn: ParsedName, pid: str) -> bool:
        """Whether a spelling's patronymic (if any) may be the known person's: a given name and surname that
        match a famous "Ivan Petrovich X" do not make "Ivan Sergeyevich X" (his father, say) the same man."""
        known = self._patr.get(pid)
        return not (pn.patr_classes and known) or bool(pn.patr_classes & known)

    def _fits(self, pn: ParsedName, pid: str) -> bool:
        return self._gender_ok(pn, pid) and self._patronymic_ok(pn, pid)

    def lookup(self, name: str) -> str | None:
        """The gazetteer id a spelling names, or None when unknown or ambiguous.

        Full names match a known spelling's surname key and given-name class
        (exactly, else by the same fuzzy rules as :func:`compare`); a surname
        alone matches only when exactly one gender-compatible known person has it.
        """
        if name in self._lookup_cache:
            return self._lookup_cache[name]
        if len(self._lookup_cache) >= CACHE_MAX:
            self._lookup_cache.clear()
        pn = self.parse(name)
        result: str | None = None
        if pn.stem:
            if pn.given:
                ids: set[str] = set()
                for gid in self._given_ids(pn):
                    ids |= self._exact.get((pn.stem, gid), set())
                ids = {i for i in ids if self._fits(pn, i)}
                if not ids:
                    ids = {i for i in self._fuzzy_ids(pn) if self._patronymic_ok(pn, i)}
                result = ids.pop() if len(ids) == 1 else None
            elif not pn.given:
                ids = {i for i in self._by_stem.get(pn.stem, ()) if self._gender_ok(pn, i)}
                result = ids.pop() if len(ids) == 1 else None
        self._lookup_cache[name] = result
        return result

    def _fuzzy_ids(self, pn: ParsedName) -> set[str]:
        ids: set[str] = set()
        for i in self._nearby(pn):
            known, pid = self._spellings[i]
            if compare(pn, known, self.index).same:
                ids.add(pid)
        return ids

    def _nearby(self, pn: ParsedName) -> frozenset[int]:
        """Positions in ``self._spellings`` of the full known spellings whose surname is near ``pn``'s (its key
        or folded surname, by rapidfuzz); the rules then decide each. Depends on the surname alone, and news
        names many people of few surnames (3,838 surnames in 24,612 full names of 2,000 generated pages): kept
        per surname, as the other caches of a resolver."""
        key = (pn.stem, pn.case_stems, pn.surname)
        got = self._nearby_cache.get(key)
        if got is not None:
            return got
        if len(self._nearby_cache) >= CACHE_MAX:
            self._nearby_cache.clear()
        cutoff = FULL_SURNAME_MIN - 0.05
        near = {s for s, _, _ in process.extract(pn.stem, self._stems, scorer=Indel.normalized_similarity,
                                                 score_cutoff=cutoff, limit=20)}
        near |= {s for s in pn.case_stems if s in self._by_stem}
        near_folded = {s for s, _, _ in process.extract(pn.surname, self._surnames, scorer=Indel.normalized_similarity,
                                                        score_cutoff=cutoff, limit=20)}
        nearby = {i for s in near for i in self._full_by_stem.get(s, ())}
        nearby.update(i for s in near_folded for i in self._full_by_surname.get(s, ()))
        got = self._nearby_cache[key] = frozenset(nearby)
        return got

    # -- pairwise decision --------------------------------------------------------------
    def match(self, a: str, b: str) -> Match:
        """Decide one pair: recorded decision, else gazetteer identity, else the general rules."""
        if self.decisions:
            decided = self.decisions.get(pair_key(a, b))
            if decided is not None:
                return Match(decided, 1.0 if decided else 0.0, "recorded decision")
        m = self._rule_cache.get((a, b))
        if m is None:
            if len(self._rule_cache) >= CACHE_MAX:
                self._rule_cache.clear()
            m = self._rule_cache[(a, b)] = self._rule_match(a, b)
        return m

    def _rule_match(self, a: str, b: str) -> Match:
        pa, pb = self.parse(a), self.parse(b)
        looked_up = self._lookup_cache  # both were looked up when their page was clustered, unless since emptied
        ida = looked_up[a] if a in looked_up else self.lookup(a)
        idb = looked_up[b] if b in looked_up else self.lookup(b)
        rule = compare(pa, pb, self.index)
        if ida and idb:
            if ida == idb:
                if patronymics_conflict(pa, pb):
                    # the known person's spellings name no father: the general rule still holds
                    return rule
                return Match(True, max(rule.score, 0.95), f"gazetteer {ida}")
            return Match(False, min(rule.score, 0.3), f"gazetteer {ida} != {idb}")
        if rule.same and ((ida and not self._patronymic_ok(pb, ida)) or (idb and not self._patronymic_ok(pa, idb))):
            # one side is a known person whose father the other's patronymic contradicts
            return Match(False, round(min(rule.score, REJECTED_MAX), 3), "different patronymics (gazetteer)")
        return rule

    def same_person(self, a: str, b: str) -> tuple[bool, float]:
        """Whether spellings ``a`` and ``b`` name one person, and a score in [0, 1]."""
        m = self.match(a, b)
        return m.same, m.score

    def record(self, a: str, b: str, same: bool) -> None:
        """Record a reviewed decision for spellings ``a`` and ``b`` (overrides the rules)."""
        self.decisions[pair_key(a, b)] = bool(same)

    # -- clustering ---------------------------------------------------------------------
    def resolve(self, docs: list[list[Mention]], max_uncertain_per_doc: int | None = None) -> Resolution:
        """Cluster each document's mentions into people with ids shared across ``docs``.

        Within a document: mentions sharing a ``group`` are one person; full names
        merge by :meth:`match`; a surname-only mention joins the compatible
        full-name person of that document (gender first, then an equal surname key,
        then the nearest preceding mention); a bare given name joins the only
        person with that given name; what is left stays its own person.
        Across documents: a person takes its gazetteer id when known, else
        ``x-`` + a hash of its canonical key (given-name class, surname key,
        gender); unknown people whose keys match by the same rules share one id,
        and a lone surname takes the id of the only (else the most mentioned)
        compatible person named in full in the call.
        ``max_uncertain_per_doc`` keeps only that many uncertain pairs (highest
        scores first) per document, and that many times the documents across them.
        """
        uncertain: dict[tuple[str, str], tuple[str, str, float]] = {}
        clusters: list[list[_Cluster]] = []
        for ms in docs:
            found: dict[tuple[str, str], tuple[str, str, float]] = {}
            clusters.append(self._cluster_doc(ms, found))
            for key, pair in _top_uncertain(found, max_uncertain_per_doc).items():
                if key not in uncertain or uncertain[key][2] < pair[2]:
                    uncertain[key] = pair
        flat = [c for doc in clusters for c in doc]
        self._assign_ids(flat, uncertain)
        if max_uncertain_per_doc is not None:
            uncertain = _top_uncertain(uncertain, max_uncertain_per_doc * max(1, len(docs)))
        names = self._canonical_names(flat)
        people = []
        for doc in clusters:
            # one person per id and document: clusters that took the same id (a gazetteer alias such as a
            # maiden name, or a lone surname given a full name's id) are one person
            by_id: dict[str, list[Mention]] = {}
            for c in doc:
                by_id.setdefault(c.id, []).extend(c.mentions)
            # a list of one mention (most people of a page) is already in order: kept, not sorted into a copy
            people.append([Person(pid, names[pid], ms if len(ms) == 1 else sorted(ms, key=_START))
                           for pid, ms in by_id.items()])
        grey = [uncertain[k] for k in sorted(uncertain)]
        return Resolution(people, grey)

    def _cluster_doc(self, mentions: list[Mention], uncertain: dict) -> list[_Cluster]:
        n = len(mentions)
        if not n:
            return []
        parsed_of: dict[str, ParsedName] = {}  # a page repeats its names: each is parsed (looked up) once
        parsed = [parsed_of.get(m.name) or parsed_of.setdefault(m.name, self.parse(m.name)) for m in mentions]
        uf = _UnionFind(n)
        by_group: dict[int, int] = {}
        for i, m in enumerate(mentions):
            if m.group is not None:
                if m.group in by_group:
                    uf.union(by_group[m.group], i)
                else:
                    by_group[m.group] = i
        full = [i for i, pn in enumerate(parsed) if pn.given and pn.stem]  # pn.given: has_given without a call
        # full names: leader clustering over distinct spellings (most frequent and complete first), so
        # typos cannot chain two people together through a spelling halfway between them
        freq = Counter(mentions[i].name for i in full)
        first_of: dict[str, int] = {}
        for i in full:
            first = first_of.setdefault(mentions[i].name, i)
            if first != i:  # a mention is its own first: nothing to join
                uf.union(first, i)
        order = sorted(first_of, key=lambda x: (-freq[x], -parsed_of[x].completeness, x))
        names = [parsed_of[x] for x in order]
        earlier = self._earlier_close(names, PAIR_MIN) if len(names) <= EARLIER_LISTS_MAX else None
        near = self._close_pairs(names, PAIR_MIN) if earlier is None else []
        gaz = [self.lookup(x) for x in order]  # one gazetteer person: the same whatever the rules say
        # leaders as a list for the lists of ints (a NumPy scalar read costs ~5x a list's), as an array for the rows
        is_leader = [False] * len(order) if earlier is not None else np.zeros(len(order), dtype=bool)
        gaz_leaders: dict[str, list[int]] = defaultdict(list)
        for x, name in enumerate(order):
            # leaders are earlier names: compare with the close ones (at most CLOSE_MAX) and those of one
            # gazetteer person, in leader order
            if earlier is not None:
                cands = [y for y in earlier[x] if is_leader[y]][:CLOSE_MAX]
            else:
                ys = near[x][near[x] < x]
                cands = ys[is_leader[ys]][:CLOSE_MAX].tolist()
            if gaz[x] and gaz_leaders.get(gaz[x]):
                cands = sorted(set(cands) | set(gaz_leaders[gaz[x]]))
            best = None
            for y in cands:
                lead = order[y]
                m = self._doc_match(parsed_of[name], parsed_of[lead], uncertain)
                if m and (best is None or m.score > best[0]):
                    best = (m.score, lead)
            if best is None:
                is_leader[x] = True
                if gaz[x]:
                    gaz_leaders[gaz[x]].append(x)
            else:
                uf.union(first_of[best[1]], first_of[name])
        # surname-only and given-only mentions
        verdicts: dict[tuple[str, str], bool] = {}  # (spelling, full spelling) → compare(...).same, per document
        in_full = set(full)
        alone = [i for i in range(n) if i not in in_full and parsed[i].stem]
        near_full = _close_surnames([parsed_of[x] for x in dict.fromkeys(mentions[i].name for i in alone)],
                                    [parsed_of[x] for x in first_of], MIXED_MIN)
        contested: set[int] = set()  # bare surnames of several people of the page, left unattached
        full_of: dict[str, list[int]] = defaultdict(list)  # full spelling → its mentions, in text order
        for j in full:
            full_of[mentions[j].name].append(j)
        for i in alone:
            pn = parsed[i]
            near = near_full[pn.raw]
            close = sorted(j for name in near for j in full_of[name]) if len(near) < len(full_of) else full
            target = self._attach(i, pn, mentions, parsed, full, uf, verdicts, near, contested, close)
            if target is not None:
                uf.union(target, i)
        # leftover surname-only mentions merge among themselves (same key, gender and gazetteer id)
        rest: dict[tuple, int] = {}
        with_full = {uf.find(j) for j in full}
        for i in range(n):
            if i in in_full or uf.find(i) in with_full:
                continue
            key = (parsed[i].stem, parsed[i].gender, mentions[i].gazetteer_id)
            if key in rest:
                uf.union(rest[key], i)
            else:
                rest[key] = i
        groups: dict[int, list[int]] = defaultdict(list)
        find = uf.find
        for i in range(n):
            groups[find(i)].append(i)
        return [_Cluster([mentions[i] for i in idx], [parsed[i] for i in idx], local=bool(contested.intersection(idx)))
                for _, idx in sorted(groups.items())]

    def _doc_match(self, a: ParsedName, b: ParsedName, uncertain: dict) -> Match | None:
        """The :meth:`match` of two full names when they are the same person, else None; an uncertain pair
        goes into ``uncertain``.

        Most pairs met in clustering are unrelated people (~90% across documents): those the given-name rules
        reject alone (:func:`names.given_rules_reject`) and no recorded decision or gazetteer person joins
        can be neither same nor uncertain, and skip the full rules (~20 µs a pair).
        """
        x, y = a.raw, b.raw
        if given_rules_reject(a, b, self.index) and not (self.decisions and pair_key(x, y) in self.decisions):
            gid = self.lookup(x)
            if not gid or gid != self.lookup(y):
                return None
        m = self.match(x, y)
        if not m.same and m.score >= GREY_LOW and m.reason != "recorded decision":
            key = pair_key(x, y)
            if key not in uncertain or uncertain[key][2] < m.score:
                uncertain[key] = (x, y, m.score) if decision_key(x) <= decision_key(y) else (y, x, m.score)
        return m if m.same else None

    def _attach(self, i: int, pn: ParsedName, mentions: list[Mention], parsed: list[ParsedName],
                full: list[int], uf: _UnionFind, verdicts: dict[tuple[str, str], bool],
                near: set[str], contested: set[int], close: list[int] | None = None) -> int | None:
        """Index of the full-name mention a surname-only (or bare given-name) mention belongs to.

        ``near`` holds the full spellings whose surnames are :func:`_surnames_close` to this one: a surname
        alone needs ``MIXED_MIN`` to join, so the others are ruled out without the rules.

        A surname several people of the page share stays local: it joins the person of the nearest full
        mention before it (else the first after it, as a headline's surname). Known people the detector has
        read are not guessed at again: it attaches a shared surname by local evidence and leaves it unread
        when nothing local tells them apart. A surname left so goes into ``contested``: no other page's
        person takes it either (:meth:`_assign_ids`).

        ``close``: the full mentions whose spellings are in ``near``, in text order (default: every full
        mention). Only they can be candidates, so only they are visited: a page naming many people has
        hundreds of full mentions and each surname is close to a few of them."""
        cands = []
        known = mentions[i].gazetteer_id  # the detector's reading of a shared surname wins
        for j in full if close is None else close:
            if self.decisions and self.decisions.get(pair_key(mentions[i].name, mentions[j].name)) is False:
                continue
            if known and (mentions[j].gazetteer_id or self.lookup(mentions[j].name)) not in (known, None):
                continue
            key = (mentions[i].name, mentions[j].name)
            same = verdicts.get(key)
            if same is None:
                same = verdicts[key] = mentions[j].name in near and compare(pn, parsed[j], self.index).same
            if same:
                exact = parsed[j].stem == pn.stem
                gender_known = bool(pn.gender) and pn.gender == parsed[j].gender
                cands.append((gender_known, exact, j))
        if not cands and not pn.has_given and len(pn.surname) > 1 and self.index.is_given(pn.surname):
            # a bare given name ("Donald"): the only person of the document with that given name
            cls = self.index.classes(pn.surname)
            owners = {uf.find(j) for j in full if parsed[j].given_classes & cls}
            if len(owners) == 1:
                return owners.pop()
            return None
        if not cands:
            return None
        best = max((g, e) for g, e, _ in cands)
        pool = [j for g, e, j in cands if (g, e) == best]
        if len({uf.find(j) for j in pool}) == 1:
            return pool[0]
        read = [mentions[j].gazetteer_id for j in pool]
        if all(read) and len(set(read)) > 1:
            contested.add(i)  # known people the detector told apart by local evidence where it could
            return None
        before = [j for j in pool if mentions[j].start <= mentions[i].start]
        if before:
            return max(before, key=lambda j: mentions[j].start)
        return min(pool, key=lambda j: mentions[j].start)  # a headline's surname: the first named after it

    def _assign_ids(self, flat: list[_Cluster], uncertain: dict) -> None:
        # 1. gazetteer ids (the detector's reading of a name too, unless its patronymic names another father)
        for c in flat:
            c.id = self._gazetteer_vote(c)
        self._split_fathers(flat)
        # 2. unknown full-name people: canonical keys, merged across documents by the rules
        unknown = [c for c in flat if not c.id and c.best.given]
        keys: dict[str, _Cluster] = {}
        count: Counter[str] = Counter()
        for c in unknown:
            c.key = f"{c.best.given_id}|{c.best.stem}|{c.best.gender}"
            keys.setdefault(c.key, c)
            count[c.key] += len(c.mentions)
        # leader clustering over keys (most mentioned first): each key joins its best matching leader
        klist = sorted(keys, key=lambda k: (-count[k], k))
        pos = {k: i for i, k in enumerate(klist)}
        links: dict[int, list[tuple[float, int]]] = defaultdict(list)
        best = [keys[k].best for k in klist]
        # nine in ten candidate pairs are people the given-name rules tell apart: dropped in NumPy, unless a
        # recorded decision may join them (these names have no gazetteer person, or they would not be here)
        for x, y in self._candidate_pairs(best, drop_rejected=not self.decisions):
            m = self._doc_match(best[x], best[y], uncertain)
            if m:
                links[max(x, y)].append((m.score, min(x, y)))
        leader_of: dict[int, int] = {}
        for i in range(len(klist)):
            heads = [(score, -j) for score, j in links.get(i, ()) if leader_of.get(j) == j]
            leader_of[i] = -max(heads)[1] if heads else i
        canon = {k: _xid(klist[leader_of[pos[k]]]) for k in klist}
        for c in unknown:
            c.id = canon[c.key]
        # 3. lone surnames: the only (else most mentioned) compatible person of the call named in full
        named = [c for c in flat if c.id and c.best.given]  # .given: has_given without a call
        by_stem: dict[str, list[_Cluster]] = defaultdict(list)
        for c in named:
            for pn in c.parsed:
                if pn.given:
                    by_stem[pn.stem].append(c)
        weight: Counter[str] = Counter()
        for c in named:
            weight[c.id] += len(c.mentions)
        for c in flat:
            if c.id:
                continue
            pn = c.best
            if c.local:  # a surname its page's people share, which nothing on the page attached: its own
                c.id = _xid(f"|{pn.stem}|{pn.gender}|local")
                continue
            pool = {x.id for stem in (pn.stem, *pn.case_stems) for x in by_stem.get(stem, ())
                    if not pn.gender or not x.best.gender or x.best.gender == pn.gender}
            if pool:
                c.id = min(pool, key=lambda k: (-weight[k], k))
            else:
                c.id = _xid(f"|{pn.stem}|{pn.gender}")

    def _gazetteer_vote(self, c: _Cluster) -> str:
        """The gazetteer id most of a cluster's mentions give (ties by id), or '': the detector's ids whose
        patronymic fits and the lookups of its full names; when none, the lookups of its other names.

        One pass for the first two (the most votes win, whatever their order), lookups read from the cache
        first (most names were looked up when their page was clustered)."""
        looked_up = self._lookup_cache
        votes: dict[str, int] = {}  # a plain dict: a Counter per cluster cost more than the counting
        for m, pn in zip(c.mentions, c.parsed, strict=True):
            if m.gazetteer_id and self._patronymic_ok(pn, m.gazetteer_id):
                votes[m.gazetteer_id] = votes.get(m.gazetteer_id, 0) + 1
            if pn.given:  # has_given without a call
                pid = looked_up[m.name] if m.name in looked_up else self.lookup(m.name)
                if pid:
                    votes[pid] = votes.get(pid, 0) + 1
        if not votes:
            for m, pn in zip(c.mentions, c.parsed, strict=True):
                if not pn.given:
                    pid = self.lookup(m.name)
                    if pid:
                        votes[pid] = votes.get(pid, 0) + 1
        if len(votes) > 1:
            return min(votes, key=lambda k: (-votes[k], k))
        return next(iter(votes), "")

    @staticmethod
    def _split_fathers(flat: list[_Cluster]) -> None:
        """Clusters of one gazetteer id whose patronymics conflict ("Ivan Petrovich X", "Ivan Sergeyevich X",
        when the gazetteer names no father): the patronymic most mentioned keeps the id, the others lose it
        and are identified as unknown people. Clusters with no patronymic keep theirs."""
        fathers: dict[str, list[tuple[frozenset[str], _Cluster]]] = defaultdict(list)
        for c in flat:
            if c.id:
                patr = frozenset().union(*(pn.patr_classes for pn in c.parsed))
                if patr:
                    fathers[c.id].append((patr, c))
        for named in fathers.values():
            if len(named) < 2:
                continue
            weight: Counter[frozenset[str]] = Counter()
            for patr, c in named:
                weight[patr] += len(c.mentions)
            top = min(weight, key=lambda p: (-weight[p], sorted(p)))
            for patr, c in named:
                if not patr & top:
                    c.id = ""

    def _candidate_pairs(self, names: list[ParsedName], drop_rejected: bool = False) -> Iterator[tuple[int, int]]:
        """Index pairs worth comparing: blocked by surname key (equal, same prefix or same suffix).

        Within a block, only the pairs :meth:`_close_pairs` lets through are compared: comparing every
        pair of a block cost ~20 ms an article on news naming many unknown people. A block is screened
        ``CHUNK_ROWS`` rows at a time (memory bounded however many names share a suffix), and each name
        is paired with at most ``CLOSE_MAX`` later names of a block (keys at most 3 letters apart in length;
        a pair of one prefix block is not given again by a suffix block). Each chunk's pairs are picked in
        NumPy, in the order of a row-by-row loop (the callers' results do not depend on it, but stay the same).
        With ``drop_rejected``, pairs :class:`_GivenRejects` finds are then left out.
        """
        blocks: dict[str, list[int]] = defaultdict(list)
        for i, pn in enumerate(names):
            blocks["p:" + pn.stem[:3]].append(i)
            blocks["s:" + pn.stem[-3:]].append(i)
        prefixes: dict[str, int] = {}
        prefix = np.array([prefixes.setdefault(pn.stem[:3], len(prefixes)) for pn in names], dtype=np.int64)
        length = np.array([len(pn.stem) for pn in names], dtype=np.int64)
        keys = [_surname_keys(pn) for pn in names]
        conflicts = _GivenConflicts(names)
        rejects = _GivenRejects(names, conflicts) if drop_rejected else None
        for block, members in blocks.items():
            if len(members) < 2:
                continue
            idx = np.array(members, dtype=np.int64)
            for xs, ys in self._later_close([names[i] for i in members], PAIR_MIN, [keys[i] for i in members],
                                            conflicts.subset(idx)):
                if len(xs) > CLOSE_MAX:  # each name is paired with its first CLOSE_MAX close later names
                    first = _first_of_rows(xs, CLOSE_MAX)
                    xs, ys = xs[first], ys[first]
                xs, ys = idx[xs], idx[ys]
                keep = np.abs(length[xs] - length[ys]) <= 3
                if block.startswith("s:"):
                    keep &= prefix[xs] != prefix[ys]
                if rejects is not None:
                    keep &= ~rejects.pairs_at(xs, ys)
                yield from zip(xs[keep].tolist(), ys[keep].tolist(), strict=True)

    def _later_close(self, names: list[ParsedName], bar: float, keys: list[set[str]],
                     conflicts: _GivenConflicts) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """The pairs of :meth:`_close_chunks` above the diagonal (``x < y``), in row-major order, by chunks of
        ``SCREEN_ROWS`` rows: a chunk scores only the columns after its first row, so a block costs about half
        its square, and the few close pairs leave as index arrays (the filters after it read only them)."""
        n = len(names)
        stems = [pn.stem for pn in names]
        surnames = [pn.surname for pn in names]
        by_key: dict[str, list[int]] = defaultdict(list)
        for x, name_keys in enumerate(keys):
            for key in name_keys:
                by_key[key].append(x)
        decided = self._decided_pairs(names)
        for r0 in range(0, n - 1, SCREEN_ROWS):
            r1, c0 = min(n - 1, r0 + SCREEN_ROWS), r0 + 1  # row x needs the columns after it only
            close = process.cdist(stems[r0:r1], stems[c0:], scorer=OSA.normalized_similarity,
                                  score_cutoff=bar, workers=1) > 0
            close |= process.cdist(surnames[r0:r1], surnames[c0:], scorer=OSA.normalized_similarity,
                                   score_cutoff=bar, workers=1) > 0
            rows: list[int] = []
            cols: list[int] = []
            for x in range(r0, r1):
                for key in keys[x]:
                    ys = by_key[key]
                    if len(ys) > 1 and ys[-1] > x:
                        later = [y - c0 for y in ys if y > x]
                        rows += [x - r0] * len(later)
                        cols += later
            close[rows, cols] = True
            close &= ~conflicts.block(r0, r1, c0)
            for xs, ys in decided:
                inside = [x - r0 for x in xs if r0 <= x < r1]
                later = [y - c0 for y in ys if y >= c0]
                if inside and later:
                    close[np.ix_(inside, later)] = True
            xs, ys = np.nonzero(np.triu(close))  # column y - c0 >= row x - r0: y > x
            yield xs + r0, ys + c0

    def _decided_pairs(self, names: list[ParsedName]) -> list[tuple[list[int], list[int]]]:
        """The names of each recorded decision's two spellings, both ways: a decision is honoured whatever the
        names."""
        decided: list[tuple[list[int], list[int]]] = []
        if self.decisions:
            by_name: dict[str, list[int]] = defaultdict(list)
            for x, pn in enumerate(names):
                by_name[decision_key(pn.raw)].append(x)
            for ka, kb in self.decisions:
                if ka in by_name and kb in by_name:
                    decided += [(by_name[ka], by_name[kb]), (by_name[kb], by_name[ka])]
        return decided

    def _close_pairs(self, names: list[ParsedName], bar: float) -> list[np.ndarray]:
        """For each name, the (ascending) indices of the other names :meth:`_close_chunks` finds close to it."""
        out = []
        for r0, close in self._close_chunks(names, bar):
            # one nonzero over the chunk, cut into rows: a flatnonzero per row cost more than the screen
            cols = np.nonzero(close)[1]
            ends = np.cumsum(close.sum(axis=1)).tolist()
            start = 0
            for x, end in enumerate(ends, r0):
                ys = cols[start:end]
                out.append(ys[ys != x])
                start = end
        return out

    def _earlier_close(self, names: list[ParsedName], bar: float) -> list[list[int]]:
        """For each name, the (ascending) indices of the names before it that :meth:`_close_chunks` finds close to
        it: what :meth:`_close_pairs` gives below the diagonal, as lists of ints."""
        out: list[list[int]] = [[] for _ in names]
        for r0, close in self._close_chunks(names, bar):
            xs, ys = np.nonzero(close)
            for x, y in zip((xs + r0).tolist(), ys.tolist(), strict=True):
                if y < x:
                    out[x].append(y)
        return out

    def _close_chunks(self, names: list[ParsedName], bar: float, keys: list[set[str]] | None = None,
                      conflicts: _GivenConflicts | None = None) -> Iterator[tuple[int, np.ndarray]]:
        """Which pairs of full names :meth:`match` could find the same person or uncertain, by the rules or a
        recorded decision: surnames at least ``bar`` alike (OSA on the key or the folded surname, as
        ``names.surname_similarity`` reads them, scored in C by rapidfuzz) or sharing a key (case ending, other
        romanisation, part of a double surname), and given names not of different classes. A cheap necessary
        condition: only these pairs are compared in Python (~20 µs a pair).

        Yields the first row ``r0`` of each ``CHUNK_ROWS`` names and their rows of the names x names matrix
        (itself included): memory ``CHUNK_ROWS`` x names. ``keys`` (the names' :func:`_surname_keys`) and
        ``conflicts`` (their :class:`_GivenConflicts`) are given when the caller has them."""
        n = len(names)
        stems = [pn.stem for pn in names]
        surnames = [pn.surname for pn in names]
        by_key: dict[str, list[int]] = defaultdict(list)
        if keys is None:
            keys = [_surname_keys(pn) for pn in names]
        for x, name_keys in enumerate(keys):
            for key in name_keys:
                by_key[key].append(x)
        if conflicts is None:
            conflicts = _GivenConflicts(names)
        decided = self._decided_pairs(names)
        for r0 in range(0, n, CHUNK_ROWS):
            r1 = min(n, r0 + CHUNK_ROWS)
            close = np.zeros((r1 - r0, n), dtype=bool)
            for strings in (stems, surnames):
                close |= process.cdist(strings[r0:r1], strings, scorer=OSA.normalized_similarity,
                                       score_cutoff=bar, workers=1) > 0
            rows: list[int] = []  # every (row, column) of a shared key, set in one NumPy call
            cols: list[int] = []
            for x in range(r0, r1):
                for key in keys[x]:
                    xs = by_key[key]
                    if len(xs) > 1:
                        rows += [x - r0] * len(xs)
                        cols += xs
            close[rows, cols] = True
            close &= ~conflicts.rows(r0, r1)
            for rows, cols in decided:
                inside = [x - r0 for x in rows if r0 <= x < r1]
                if inside:
                    close[np.ix_(inside, cols)] = True
            yield r0, close

    def _canonical_names(self, flat: list[_Cluster]) -> dict[str, str]:
        best: dict[str, tuple] = {}
        for c in flat:
            if c.id in self.by_id:
                best[c.id] = (0,), self.by_id[c.id].name
                continue
            if len(c.mentions) == 1:  # most clusters: one spelling, named once, ranked without counting
                name = c.mentions[0].name
                rank = (1, -c.parsed[0].completeness, -1, -len(name), name)
                if c.id not in best or rank < best[c.id][0]:
                    best[c.id] = rank, name
                continue
            counts: dict[str, int] = {}
            for m in c.mentions:
                counts[m.name] = counts.get(m.name, 0) + 1
            for m, pn in zip(c.mentions, c.parsed, strict=True):
                rank = (-pn.completeness, -counts[m.name], -len(m.name), m.name)
                if c.id not in best or (1, *rank) < best[c.id][0]:
                    best[c.id] = (1, *rank), m.name
        return {k: v[1] for k, v in best.items()}


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention]
    parsed: list[ParsedName]
    local: bool = False  # a bare surname several people of its page share: never given another page's person
    id: str = ""
    key: str = ""

    _best: ParsedName | None = None

    @property
    def best(self) -> ParsedName:
        if self._best is None:  # most clusters are one spelling
            parsed = self.parsed
            self._best = parsed[0] if len(parsed) == 1 else max(parsed, key=lambda p: (p.completeness, p.raw))
        return self._best

    @property
    def best_name(self) -> str:
        return self.best.raw


class _GivenConflicts:
    """Pairs of full given names of different classes ("Ivan" / "Piotr": ``names.given_similarity`` is 0),
    by blocks of rows. A block names few distinct sets of classes: their conflicts are a small table (sets
    sharing no class: a product of set x class rows), and a block's rows are gathered from it by each name's
    set."""

    def __init__(self, names: list[ParsedName]) -> None:
        ids: dict[frozenset[str], int] = {}
        self.code = np.array([ids.setdefault(pn.given_classes if len(pn.given) > 1 else frozenset(), len(ids))
                              for pn in names], dtype=np.intp)
        classes: dict[str, int] = {}
        rows: list[int] = []  # each (set, class) of the table, set in one NumPy call: a page names ~15 sets
        cols: list[int] = []
        for row, cls in enumerate(ids):
            for c in cls:
                rows.append(row)
                cols.append(classes.setdefault(c, len(classes)))
        member = np.zeros((len(ids), len(classes)), dtype=bool)  # set x class
        member[rows, cols] = True
        self.shared = member @ member.T  # set x set: a class in common
        known = member.any(axis=1)
        self.table = known[:, None] & known[None, :] & ~self.shared

    def subset(self, idx: np.ndarray) -> _GivenConflicts:
        """The conflicts of names ``idx`` (in that order), sharing this table: built once for a call's names."""
        sub = copy.copy(self)
        sub.code = self.code[idx]
        return sub

    def rows(self, r0: int, r1: int) -> np.ndarray:
        """The conflicts of names ``r0:r1`` with every name, as a (r1 - r0) x names matrix."""
        return self.block(r0, r1, 0)

    def block(self, r0: int, r1: int, c0: int) -> np.ndarray:
        """The conflicts of names ``r0:r1`` with names ``c0:``, gathered a row and a column at a time (one 2-D
        fancy index cost several times more)."""
        return self.table[self.code[r0:r1]][:, self.code[c0:]]

    def share_at(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Whether names ``xs[k]`` and ``ys[k]`` share a given-name class, for each ``k``."""
        return self.shared[self.code[xs], self.code[ys]]

    def share(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Whether names ``xs`` and ``ys`` share a given-name class, as an ``xs`` x ``ys`` matrix."""
        return self.shared[self.code[xs, None], self.code[None, ys]]


class _GivenRejects:
    """Pairs of full names :func:`names.given_rules_reject` rejects, found in NumPy for blocks of names.

    Reads the same fields by the same rules, for the common cases only: given-name or patronymic genders that
    differ; other genders that differ with no shared given-name class; given names (both spelled out, not both
    in the lexicon) whose keys are less alike than ``GIVEN_FUZZY_MIN``, by rapidfuzz at a hair below it so that
    no rounding drops a pair the rules keep. Initials and patronymic classes are left to the rules, which still
    decide every pair this lets through.
    """

    def __init__(self, names: list[ParsedName], conflicts: _GivenConflicts) -> None:
        self.active = REJECTED_MAX < GREY_LOW  # else a rejected pair may still be uncertain
        self.given = np.array([pn.has_given for pn in names])
        codes: dict[str, int] = {"": 0}
        self.first_gender = np.array([codes.setdefault(pn.given_gender or pn.patr_gender, len(codes))
                                      for pn in names], dtype=np.int64)
        self.gender = np.array([codes.setdefault(pn.gender, len(codes)) for pn in names], dtype=np.int64)
        self.classes = conflicts  # of the same names
        self.known = np.array([bool(pn.given_classes) for pn in names])
        self.keys = [phonetic_key(pn.given) if len(pn.given) > 1 else "" for pn in names]
        self.fuzzy = np.array([bool(k) for k in self.keys])  # spelled out, with a key to compare

    def pairs(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Whether the rules reject names ``xs`` with names ``ys``, as an ``xs`` x ``ys`` matrix."""
        out = np.zeros((len(xs), len(ys)), dtype=bool)
        if not self.active:
            return out
        for genders in (self.first_gender, self.gender):
            gx, gy = genders[xs, None], genders[None, ys]
            differ = (gx > 0) & (gy > 0) & (gx != gy)
            out |= differ if genders is self.first_gender else differ & ~self.classes.share(xs, ys)
        fuzzy = self.fuzzy[xs, None] & self.fuzzy[None, ys] & ~(self.known[xs, None] & self.known[None, ys])
        if fuzzy.any():
            alike = process.cdist([self.keys[x] for x in xs], [self.keys[y] for y in ys],
                                  scorer=Indel.normalized_similarity, score_cutoff=GIVEN_FUZZY_MIN - 1e-6,
                                  workers=1)
            out |= fuzzy & (alike == 0)
        return out & self.given[xs, None] & self.given[None, ys]

    def pairs_at(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Whether the rules reject names ``xs[k]`` with ``ys[k]``, for each ``k``: the entries of :meth:`pairs`
        for a few scattered pairs, by the same steps."""
        out = np.zeros(len(xs), dtype=bool)
        if not self.active:
            return out
        for genders in (self.first_gender, self.gender):
            gx, gy = genders[xs], genders[ys]
            differ = (gx > 0) & (gy > 0) & (gx != gy)
            out |= differ if genders is self.first_gender else differ & ~self.classes.share_at(xs, ys)
        fuzzy = np.flatnonzero(self.fuzzy[xs] & self.fuzzy[ys] & ~(self.known[xs] & self.known[ys]))
        if len(fuzzy):
            alike = process.cpdist([self.keys[x] for x in xs[fuzzy].tolist()],
                                   [self.keys[y] for y in ys[fuzzy].tolist()],
                                   scorer=Indel.normalized_similarity, score_cutoff=GIVEN_FUZZY_MIN - 1e-6, workers=1)
            out[fuzzy] |= alike == 0
        return out & self.given[xs] & self.given[ys]


def _first_of_rows(rows: np.ndarray, limit: int) -> np.ndarray:
    """Which entries of ascending row numbers ``rows`` are among the first ``limit`` of their row: the
    ``cumsum(row) <= limit`` of a boolean matrix, read from its nonzero (row-major) entries."""
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    return rank < limit


def _top_uncertain(found: dict[tuple[str, str], tuple[str, str, float]],
                   limit: int | None) -> dict[tuple[str, str], tuple[str, str, float]]:
    """The ``limit`` uncertain pairs of highest score (ties by key), or all when fewer."""
    if limit is None or len(found) <= limit:
        return found
    keep = sorted(found, key=lambda k: (-found[k][2], k))[:limit]
    return {k: found[k] for k in keep}


def _surname_keys(pn: ParsedName) -> set[str]:
    return {pn.stem, *pn.case_stems, *pn.alt_stems, *pn.part_stems}


def _surnames_close(a: ParsedName, b: ParsedName, bar: float) -> bool:
    """Necessary for ``names.surname_similarity(a, b) >= bar`` (and for its typo and double-surname rules):
    a shared surname key, or the keys or folded surnames at least ``bar`` alike (OSA)."""
    if _surname_keys(a) & _surname_keys(b):
        return True
    return OSA.normalized_similarity(a.stem, b.stem, score_cutoff=bar) > 0 or \
        OSA.normalized_similarity(a.surname, b.surname, score_cutoff=bar) > 0


def _close_surnames(names: list[ParsedName], others: list[ParsedName], bar: float) -> dict[str, set[str]]:
    """For each of ``names`` (by spelling), the spellings of ``others`` :func:`_surnames_close` to it.

    Two rapidfuzz matrices (the keys, the folded surnames) at a hair below ``bar`` and the shared keys pick the
    few pairs the exact test then decides: one C call for a page instead of one Python test per pair."""
    out: dict[str, set[str]] = {pn.raw: set() for pn in names}
    if not names or not others:
        return out
    close = np.zeros((len(names), len(others)), dtype=bool)
    for field_ in ("stem", "surname"):
        close |= process.cdist([getattr(pn, field_) for pn in names], [getattr(pn, field_) for pn in others],
                               scorer=OSA.normalized_similarity, score_cutoff=bar - 1e-6, workers=1) > 0
    by_key: dict[str, list[int]] = defaultdict(list)
    other_keys = [_surname_keys(pn) for pn in others]  # each name's keys built once, not once a pair
    for y, keys in enumerate(other_keys):
        for key in keys:
            by_key[key].append(y)
    name_keys = [_surname_keys(pn) for pn in names]
    rows: list[int] = []  # every shared key's (row, column), set in one NumPy call
    cols: list[int] = []
    for x, keys in enumerate(name_keys):
        for key in keys:
            ys = by_key.get(key)
            if ys:
                rows += [x] * len(ys)
                cols += ys
    close[rows, cols] = True
    xs, ys = np.nonzero(close)
    for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
        a, b = names[x], others[y]
        # _surnames_close(a, b, bar), with the keys built above
        if name_keys[x] & other_keys[y] or OSA.normalized_similarity(a.stem, b.stem, score_cutoff=bar) > 0 or \
                OSA.normalized_similarity(a.surname, b.surname, score_cutoff=bar) > 0:
            out[a.raw].add(b.raw)
    return out


_START = attrgetter("start")


def _xid(key: str) -> str:
    return "x-" + hashlib.sha1(key.encode()).hexdigest()[:10]


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The resolver over the shipped gazetteer, built once."""
    return Resolver()


def same_person(a: str, b: str) -> tuple[bool, float]:
    """Whether two spellings name the same person, with a score in [0, 1]."""
    return default_resolver().same_person(a, b)


def resolve_pages(pages: list[PageFacts],
                  decisions: dict[tuple[str, str], bool] | None = None) -> list[tuple[str, str, float]]:
    """Give every page's people ids that agree across all ``pages``.

    ``decisions`` are recorded review answers (see ``warehouse.review``); the
    return value lists the uncertain pairs of spellings that were not merged.
    """
    resolver = Resolver(decisions=decisions) if decisions else default_resolver()
    resolution = resolver.resolve([p.mentions for p in pages],
                                  max_uncertain_per_doc=resolution_settings().max_review_pairs_per_page)
    for page, people in zip(pages, resolution.people, strict=True):
        page.people = people
    return resolution.uncertain
