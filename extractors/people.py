"""People: every place a person is named in an article.

Two sources of mentions, over one pass of token keys (no statistical model):

1. **Gazetteer**: every spelling of every known person (``gazetteer/data/people.yaml``),
   keyed by folded tokens (``gazetteer.translit.fold``: any script → lowercase ASCII)
   and, as a fallback, by romanisation-blind phonetic keys, so "Тихановская",
   "Tsikhanouskaya" and "Tikhanovskaya" meet. Surname-only mentions of known people
   match too, unless the word is also a never-name, place or organisation.
2. **Discovery** of people the gazetteer lacks, inside runs of capitalised tokens:
   a known given name + capitalised surname ("Anatol Kotau", "Donald J. Trump"),
   a title or role cue before the name ("journalist X Y", "President X"), an
   apposition or speech verb after it ("X Y, a former minister", "X Y said"), or a
   parenthesised alternate after a person ("Sergey Tikhanovsky (Siarhei ...)").
   Then every later surname-only repeat of a discovered person ("Kotau said").

Organisations, outlets, places, demonyms, titles and never-names (sentence-initial function
words: ``gazetteer.lexicon``; weekdays, months and seasons: ``gazetteer.calendar``) are never
people, nor is a name the page introduces as a body ("the charity Harbor Light", "X, a Telegram
channel,"): anywhere on that page. Tables are built once per process (``_tables``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import numpy as np
import spacy
from rapidfuzz.distance import Levenshtein
from spacy.attrs import IDX, LENGTH, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from extractors.columns import columns
from gazetteer.name_rules import ending_pattern, load_name_rules
from records.facts import Mention

_NAME_PART = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’][^\W\d_])*$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_NAME_RULES = load_name_rules()  # gazetteer/data/name_rules.yaml, read once
# a known person's spelling is also known without a middle word with one of these endings
_PATRONYMIC = ending_pattern(_NAME_RULES.patronymic_detector_shape)
# lower-case words joined into a name ("Ursula von der Leyen"): the shared particles and the detector's own
_PARTICLES = _NAME_RULES.detector_particles
# Arabic articles hyphen-joined to a name part ("el-Rahman"): the part after one is a name word, and a repeat
# may be written with any of them or none ("El-Rahman", "al-Rahman", "Rahman")
_JOINED = _NAME_RULES.particles_joined
# lower-case words that join the parts of an organisation's name ("Center for Civil Liberties", "Foro de ...")
_ORG_INNER = frozenset({"of", "for", "and", "de", "del", "la", "las", "los", "el", "y", "e", "da", "do", "dos",
                        "das", "des", "du", "di", "pour", "para", "por"})
_DETERMINERS = frozenset({"a", "an", "the"})
_MAX_ORG_TOKENS = 10
_ROMAN = re.compile(r"^[IVXL]+$")
_OPEN_PARENS = frozenset({"(", "["})
_APPOSITION_LEADS = frozenset({"a", "an", "the", "who", "whose", "its", "his", "her", "their", "also"})
_MAX_NAME_TOKENS = 4
_ORG_LINKS = frozenset({"for", "of", "on", "against"})
# honorifics kept in a surname-only mention: they carry the gender ("Lady Starmer" is not Keir Starmer)
_HONORIFICS = _NAME_RULES.honorifics
_NEAR_CACHE_MAX = 50_000  # entries of ``_Tables.near_cache`` before it is emptied


@dataclass(frozen=True, slots=True)
class _Tables:
    """Everything the detector looks up, keyed by token keys (see ``_key``)."""

    people: dict[tuple[str, ...], frozenset[str]]  # exact keys of each spelling → person ids
    people_phon: dict[tuple[str, ...], frozenset[str]]  # phonetic keys of each spelling → person ids
    max_person: int
    surnames_phon: dict[str, frozenset[str]]  # phonetic key of each surname → person ids
    surname_deletes: dict[str, tuple[str, ...]]  # a surname key and each key with one letter deleted → surname keys
    order: dict[str, int]  # person id → position in people.yaml (earlier = more prominent)
    first_classes: dict[str, frozenset[str]]  # person id → given-name classes of its spellings
    gender: dict[str, str]
    given: dict  # fold(form) → GivenName
    person_first: frozenset[str]  # exact and phonetic keys that start a known spelling
    nonperson: dict[tuple[str, ...], str]  # org/place/demonym phrases → "org" | "place"
    nonperson_first: dict[str, tuple[int, ...]]  # first key → phrase lengths, longest first
    heads: frozenset[str]  # org and place head words
    prefixes: frozenset[str]  # words that start place names ("North")
    titles: dict[tuple[str, ...], bool]  # capitalised titles and roles (keys) → True
    title_first: frozenset[str]  # first keys of titles: a cheap first test
    max_title: int
    regnal: frozenset[tuple[str, ...]]  # titles used with a given name alone ("Pope Leo XIV")
    roles: dict[tuple[str, ...], bool]  # lowercase role phrases
    role_first: frozenset[str]  # first words of role phrases: a cheap first test
    max_role: int
    cue_last: frozenset[str]  # last keys of titles and roles: a cheap first test
    modifiers: frozenset[str]
    speech: frozenset[str]
    never: frozenset[str]
    stop: frozenset[str]
    org_nouns: frozenset[str]  # lower-case nouns that introduce an organisation's name ("the charity X")
    near_cache: dict[tuple[str, str], frozenset[str]]  # (given-name class, surname key) → ``_near_surname``


def _key(text: str) -> str:
    """A token's lookup key: folded to lowercase ASCII without spaces or dots ("U.S." → "us")."""
    from gazetteer.translit import fold

    return fold(text).replace(" ", "")


@lru_cache(maxsize=100_000)
def _phon(key: str) -> str:
    from gazetteer.translit import phonetic_key

    return phonetic_key(key) if key else key


@lru_cache(maxsize=1)
def _tokenizer():
    return spacy.blank("en").tokenizer


def _phrase(text: str) -> tuple[str, ...]:
    """Token keys of a lexicon phrase, tokenised as article text is."""
    return tuple(k for k in (_key(t.text) for t in _tokenizer()(text)) if k)


def _spelling_tokens(spelling: str) -> list[str]:
    """Token keys of a person spelling; "Surname, Given" is turned round; initials are dropped."""
    if "," in spelling:
        head, _, tail = spelling.partition(",")
        spelling = f"{tail.strip()} {head.strip()}"
    out = []
    for t in _tokenizer()(spelling):
        if _INITIAL.match(t.text) or not _key(t.text):
            continue
        if t.text in ("-", "'s", "’s"):
            continue
        out.append(_key(t.text))
    return out


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Build the lookup tables once per process from the gazetteer and the lexicons."""
    from gazetteer.calendar import load_calendar
    from gazetteer.lexicon import load_lexicon
    from gazetteer.load import load_given_names, load_people

    lex = load_lexicon()
    given = load_given_names()
    people: dict[tuple[str, ...], set[str]] = {}
    phon: dict[tuple[str, ...], set[str]] = {}
    first_classes: dict[str, set[str]] = {}
    gender: dict[str, str] = {}
    order: dict[str, int] = {}
    surnames: dict[str, set[str]] = {}
    for person in load_people():
        gender[person.id] = person.gender
        order[person.id] = len(order)
        for spelling in person.spellings:
            toks = _spelling_tokens(spelling)
            if not toks:
                continue
            forms = [tuple(toks)]
            if len(toks) >= 2:
                forms.append((toks[-1],))  # surname-only mention of a known person
                surnames.setdefault(_phon(toks[-1]), set()).add(person.id)
                if len(toks) >= 3 and _PATRONYMIC.search(toks[1]):
                    forms.append((toks[0], *toks[2:]))  # without the patronymic
                g = given.get(toks[0])
                if g is not None:
                    first_classes.setdefault(person.id, set()).add(g.cls)
            elif toks[0] in given:
                continue  # a bare given name ("Donald") names too many people
            for form in forms:
                people.setdefault(form, set()).add(person.id)
                phon.setdefault(tuple(_phon(k) for k in form), set()).add(person.id)

    nonperson: dict[tuple[str, ...], str] = {}
    for kind, entries in (("org", lex.organisations), ("place", lex.places)):
        for e in entries:
            for s in (*e.spellings, *e.demonyms):
                p = _phrase(s)
                if p:
                    nonperson.setdefault(p, kind)
    titles = {_phrase(t): True for t in (*lex.titles, *lex.regnal_titles)}
    titles.update({_phrase(r): True for r in lex.roles})
    roles = {tuple(t.lower() for t in _phrase(r)): True for r in lex.roles}
    titles.pop((), None)
    roles.pop((), None)
    return _Tables(
        people={k: frozenset(v) for k, v in people.items()},
        people_phon={k: frozenset(v) for k, v in phon.items()},
        max_person=max((len(k) for k in people), default=1),
        surnames_phon={k: frozenset(v) for k, v in surnames.items()},
        surname_deletes=_deletes_index(surnames),
        order=order,
        first_classes={k: frozenset(v) for k, v in first_classes.items()},
        gender=gender,
        given=given,
        person_first=frozenset({k[0] for k in people} | {k[0] for k in phon}),
        nonperson=nonperson,
        nonperson_first={f: tuple(sorted({len(k) for k in nonperson if k[0] == f}, reverse=True))
                         for f in {k[0] for k in nonperson}},
        heads=frozenset(_key(w) for w in (*lex.organisation_heads, *lex.place_heads)),
        prefixes=frozenset(_key(w) for w in lex.place_prefixes),
        titles=titles,
        title_first=frozenset(k[0] for k in titles),
        max_title=max((len(k) for k in titles), default=1),
        regnal=frozenset(_phrase(t) for t in lex.regnal_titles),
        roles=roles,
        role_first=frozenset(k[0] for k in roles),
        max_role=max((len(k) for k in roles), default=1),
        cue_last=frozenset({k[-1] for k in titles} | {k[-1] for k in roles}),
        modifiers=frozenset(_key(w) for w in lex.modifiers),
        speech=frozenset(_key(w) for w in lex.speech_verbs),
        never=frozenset(_key(w) for w in (*lex.never_names, *load_calendar().words())),
        stop=frozenset(spacy.blank("en").Defaults.stop_words),
        org_nouns=frozenset(w.lower() for w in lex.organisation_nouns),
        near_cache={},
    )


def _deletes(key: str) -> set[str]:
    """``key`` and every string one deletion away from it."""
    return {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}


def _deletes_index(keys) -> dict[str, tuple[str, ...]]:
    """Each key's deletion neighbourhood → the keys: strings within one edit share an entry (symmetric delete)."""
    index: dict[str, set[str]] = {}
    for key in keys:
        for d in _deletes(key):
            index.setdefault(d, set()).add(key)
    return {d: tuple(sorted(v)) for d, v in index.items()}


class _Doc:
    """Per-document token columns; each distinct word's are computed once per process (``_WORDS``).

    ``keys`` and ``lowers`` are tuples: a phrase of tokens a..b is the slice ``keys[a:b]`` (one C call), the
    tuple the lexicon tables are keyed by."""

    __slots__ = ("text", "words", "offsets", "space", "name", "caps", "initial", "sent_start", "keys",
                 "lowers", "lower_vocab", "_alone")

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        # column reads instead of a Token object per token per attribute
        arr = columns(doc, (IDX, LENGTH, SPACY, SENT_START, ORTH))
        # offsets stay in NumPy: only the mentions' own are read (``_to_mentions``)
        self.offsets = arr[:, :2]  # IDX, LENGTH
        # a token followed by a space: spaCy sets the flag only when the character after the token is " ", so
        # no test of the text itself is needed (``test_people_fast_paths.py`` checks it on every token)
        self.space = arr[:, 2].astype(bool).tolist()
        if not arr[1:, 3].any():
            next(iter(doc.sents), None)  # spaCy's own error for a Doc without sentence boundaries, as before
        self.sent_start = (arr[:, 3] == 1).tolist()  # SENT_START: 1 starts a sentence, -1 does not
        if len(arr):
            self.sent_start[0] = True
        # each distinct word's flags, key and lower case are kept once per process (a row of ``_WORDS``,
        # found by the token's ORTH id); the Doc's columns are then read by NumPy, all tokens at once
        rows = _WORDS.rows_of(arr[:, 4], doc.vocab.strings)
        words, keys, lowers = _WORDS.texts.take(rows, axis=1).tolist()
        self.words, self.keys, self.lowers = tuple(words), tuple(keys), tuple(lowers)
        flags = _WORDS.flags.take(rows, axis=1)
        self.name = tuple(flags[0].tolist())
        self.caps = np.flatnonzero(flags[1]).tolist()
        self.initial = tuple(flags[2].tolist())
        self.lower_vocab = set(compress(words, flags[3].tolist()))
        self._alone: dict[str, bool] = {}

    def start(self, i: int) -> int:
        """Token i's first character offset."""
        return int(self.offsets[i, 0])

    def end(self, i: int) -> int:
        """The offset after token i's last character."""
        return int(self.offsets[i, 0] + self.offsets[i, 1])

    def used_alone(self, tb: _Tables, key: str) -> bool:
        """Whether a capitalised word with this key is used alone mid-sentence ("... after Sinwar's
        appointment"). Asked for a few keys a Doc: only that key's tokens are looked at, once per key."""
        alone = self._alone.get(key)
        if alone is None:
            n = len(self.words)
            keys, name, words = self.keys, self.name, self.words
            alone = self._alone[key] = any(
                i and name[i] and not self.sent_start[i] and not name[i - 1] and words[i - 1] != "-"
                and (i + 1 == n or (not name[i + 1] and words[i + 1] != "-"))
                and not _cued(self, tb, i)
                for i in self.caps if keys[i] == key)
        return alone


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("newsfacts_text")
    if text is None:
        text = doc.user_data["newsfacts_text"] = doc.text
    return text


#: a word's row: (word, name part, capitalised, initial "A.", lower-case first letter, key, lower case)
_Row = tuple[str, bool, bool, bool, bool, str, str]


def _row(w: str) -> _Row:
    """A word's row, worked out the plain way (``_WordTable`` keeps it)."""
    return (w, _is_name_part(w), w[:1].isupper(), len(w) == 2 and w[1] == "." and w[0].isupper(), w[:1].islower(),
            _key(w), w.lower())


class _WordTable:
    """Per-process rows of every word seen, one per ORTH id; emptied when it grows large.

    A Doc's tokens are found all at once: ``np.searchsorted`` of their ORTH ids in the sorted array of the
    ids seen (``orths``, each with its row in ``slots``), and their columns are then one NumPy index of
    ``texts`` (word, key, lower case) and ``flags`` (name part, capitalised, initial, lower-case first
    letter). Only a Doc's new words are looked at in Python (``_row``); a dict of rows looked up a token
    at a time cost a Python loop over every token of each Doc with a word not seen before, nearly all of them.
    """

    MAX_ROWS = 200_000

    def __init__(self) -> None:
        self.orths = np.empty(0, np.uint64)  # every ORTH id seen, sorted
        self.slots = np.empty(0, np.intp)  # the row of each id in ``orths``
        # one row of these columns a word (``take(rows, axis=1)`` reads a Doc's); past ``size``: room to grow
        self.texts = np.empty((3, 0), object)  # word, key, lower case
        self.flags = np.empty((4, 0), bool)  # name part, capitalised, initial, lower-case first letter
        self.size = 0

    def rows_of(self, orths: np.ndarray, strings) -> np.ndarray:
        """The row of each ORTH id (uint64), adding the words not seen before; the table is emptied first
        when the Doc's words might not fit, so the rows of one Doc are all of one table."""
        if self.size + len(orths) > self.MAX_ROWS:
            self.__init__()
        rows, seen = self._find(orths)
        if not seen.all():
            unseen = ~seen
            new = np.unique(orths[unseen])
            # the new words' rows are the next ones, in the order of ``new``
            rows[unseen] = self.size + np.searchsorted(new, orths[unseen])
            self._add(new, strings)
        return rows

    def _find(self, orths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The row of each id (a meaningless one where it is not in the table) and whether it is there."""
        if not len(self.orths):
            return np.zeros(len(orths), np.intp), np.zeros(len(orths), bool)
        at = np.searchsorted(self.orths, orths)
        np.minimum(at, len(self.orths) - 1, out=at)
        return self.slots[at], self.orths[at] == orths

    def _add(self, new: np.ndarray, strings) -> None:
        """Add the rows of ``new`` (ORTH ids not in the table, sorted and distinct) as rows ``size`` on."""
        rows = [_row(strings[o]) for o in new.tolist()]
        first, end = self.size, self.size + len(rows)
        if end > self.texts.shape[1]:  # room for twice the rows: growing copies every row
            room = max(2 * end, 1024)
            self.texts = np.concatenate([self.texts[:, :first], np.empty((3, room - first), object)], axis=1)
            self.flags = np.concatenate([self.flags[:, :first], np.zeros((4, room - first), bool)], axis=1)
        cols = list(zip(*rows, strict=True))
        for j, c in enumerate((0, 5, 6)):
            self.texts[j, first:end] = cols[c]
        for j, c in enumerate((1, 2, 3, 4)):
            self.flags[j, first:end] = cols[c]
        at = np.searchsorted(self.orths, new)
        self.orths = np.insert(self.orths, at, new)
        self.slots = np.insert(self.slots, at, np.arange(first, end))
        self.size = end


_WORDS = _WordTable()


def _is_name_part(word: str) -> bool:
    """A capitalised word of two letters or more that may be part of a name (not ALL CAPS, no digits)."""
    if len(word) < 2 or not word[:1].isupper() or not _NAME_PART.match(word):
        return False
    return not word.isupper()


def find_mentions(doc: Doc) -> list[Mention]:
    """Mentions of people in ``doc`` (a Doc from ``spacy.blank("en")`` + sentencizer).

    Returns mentions sorted by offset, non-overlapping, with ``gazetteer_id`` set
    for known people and a shared ``group`` for a name and its parenthesised
    alternate spelling. Raises ``GazetteerError``/``LexiconError`` if the data files
    are invalid (on the first call only).
    """
    if not len(doc):
        return []
    tb = _tables()
    d = _Doc(doc)
    n = len(d.words)
    taken = [False] * n  # token already in a mention or a non-person phrase
    found: list[tuple[int, int, frozenset[str], bool]] = []  # (first, last+1, candidate person ids, discovered)

    _page_organisations(d, tb, taken)
    _match_known(d, tb, taken, found)
    _discover(d, tb, taken, found)
    _repeats(d, tb, taken, found)
    return _to_mentions(d, _choose_people(d, tb, found))


# ------------------------------------------------------------------ organisations named on the page

def _page_organisations(d: _Doc, tb: _Tables, taken: list[bool]) -> None:
    """Take every use of a name the page introduces as a body, before any person rule sees it.

    A channel, NGO or outlet is often named like a person ("Vesna Zvonok said"); the page says what it is
    once, with a lower-case noun before the name ("the Telegram channel X", "the charity X") or in an
    apposition after it ("X, an opposition outlet,"). Once introduced, the name is a body on the whole page,
    and so is a bracketed alternate written right after one ("Justicia Viva (Living Justice)").
    """
    names: set[tuple[str, ...]] = set()
    for run in _introduced_runs(d, tb, taken):
        keys = tuple(d.keys[t] for t in run)
        if len(run) >= 2 and keys in tb.people:
            continue  # a known person's full name: "the movement Maria Kalesnikava co-founded"
        names.add(keys)
    if not names:
        return
    firsts = {k[0] for k in names}
    longest = max(len(k) for k in names)
    n = len(d.words)
    for i in d.caps:
        if taken[i] or d.keys[i] not in firsts or (i >= 1 and d.name[i - 1] and d.space[i - 1]
                                                     and not d.sent_start[i - 1]):
            continue  # the middle of a longer name (a sentence's first word may stand before it: "Later X said")
        for length in range(min(longest, n - i), 0, -1):
            end = i + length
            if d.keys[i:end] not in names:
                continue
            if end < n and d.name[end] and d.space[end - 1]:
                break  # a longer name that starts the same way ("Justicia Viva Ramos")
            _take(taken, i, end)
            _take_bracketed(d, taken, i, end)
            break


def _introduced_runs(d: _Doc, tb: _Tables, taken: list[bool]) -> list[list[int]]:
    """The capitalised runs (``_org_run``, in the order a scan of every capitalised token cuts them) that an
    organisation noun introduces, before (``_org_noun_before``) or after (``_org_noun_after``).

    Cutting the whole page into runs cost a Python loop a capitalised token, for the ten or so places a page
    may introduce a body. Only runs that hold one of those places are cut here: the token right after an
    organisation noun (where a run must start for the noun to come before it) and the token before a comma
    opening ", a/an/the" (where a run must end for an apposition to follow it). Each is cut from the nearest
    token before it that no run can hold (``_outside_org_runs``), where the page's own scan cuts it the same.
    ``tests/extractors/test_people_fast_paths.py`` checks this against that scan.
    """
    n = len(d.words)
    words, lowers = d.words, d.lowers
    places = [i for i in d.caps if i and lowers[i - 1] in tb.org_nouns]
    a = 0
    while True:
        try:
            a = words.index(",", a + 1)
        except ValueError:
            break
        if a + 2 < n and lowers[a + 1] in _DETERMINERS:
            places.append(a - 1)
    runs: dict[int, list[int]] = {}
    for c in places:
        run = _org_run_holding(d, taken, c)
        if run is not None and run[0] not in runs and (_org_noun_before(d, tb, run[0])
                                                       or _org_noun_after(d, tb, run[-1] + 1)):
            runs[run[0]] = run
    return [runs[k] for k in sorted(runs)]


def _org_run_holding(d: _Doc, taken: list[bool], c: int) -> list[int] | None:
    """The run of the page's scan (``_org_run`` from each capitalised token not in an earlier run) that holds
    token c, or None: the scan is replayed from the nearest token no run can hold."""
    s = c
    while s > 0 and not _outside_org_runs(d, s - 1):
        s -= 1
    caps = d.caps
    resume = 0
    for k in range(bisect_left(caps, s), len(caps)):
        i = caps[k]
        if i > c:
            return None
        if i < resume or taken[i]:
            continue
        run = _org_run(d, taken, i)
        if run[-1] >= c:
            return run
        resume = run[-1] + 1
    return None


def _outside_org_runs(d: _Doc, t: int) -> bool:
    """Token t can be in no ``_org_run``: not capitalised, no hyphen nor the word after one, no inner connector.
    A run holding the token after it then starts there."""
    w = d.words[t]
    return not (w[:1].isupper() or w == "-" or (t >= 1 and d.words[t - 1] == "-") or d.lowers[t] in _ORG_INNER)


def _org_run(d: _Doc, taken: list[bool], i: int) -> list[int]:
    """Tokens of the capitalised name from i: capitalised words, inner hyphens and connectors ("Center for
    Civil Liberties", "Foro de la Memoria"), one space apart."""
    n = len(d.words)
    run = [i]
    j = i
    while j + 1 < n and len(run) < _MAX_ORG_TOKENS and not taken[j + 1]:
        nxt = j + 1
        if not d.space[j] and d.words[nxt] == "-" and nxt + 1 < n and not d.space[nxt] \
                and d.words[nxt + 1][:1].isalnum():
            run += [nxt, nxt + 1]
            j = nxt + 1
        elif d.space[j] and d.words[nxt][:1].isupper() and d.words[nxt][:1].isalpha():
            run.append(nxt)
            j = nxt
        elif (d.space[j] and d.lowers[nxt] in _ORG_INNER and d.words[nxt].islower() and nxt + 1 < n
              and d.space[nxt] and d.words[nxt + 1][:1].isupper()):
            run += [nxt, nxt + 1]
            j = nxt + 1
        else:
            break
    return run


def _org_noun_before(d: _Doc, tb: _Tables, i: int) -> bool:
    """A lower-case organisation noun (or an acronym: "NGO") right before token i: "the charity X"."""
    p = i - 1
    if p < 0 or not d.space[p] or d.lowers[p] not in tb.org_nouns:
        return False
    return d.words[p].islower() or d.words[p].isupper()


def _org_noun_after(d: _Doc, tb: _Tables, a: int) -> bool:
    """", a/an/the [modifiers] NOUN" right after a name ("X, a Telegram channel,"), the noun heading the
    apposition: not a possessive or the noun of a role ("a party member"), nor behind a preposition ("the
    head of the group" is a person's apposition)."""
    n = len(d.words)
    if a + 2 >= n or d.words[a] != "," or d.lowers[a + 1] not in _DETERMINERS:
        return False
    for b in range(a + 2, min(n, a + 6)):
        w = d.words[b]
        if not w[:1].isalpha() or d.lowers[b] in tb.role_first or d.lowers[b] in tb.stop:
            return False
        if d.lowers[b] in tb.org_nouns and (w.islower() or w.isupper()):
            nxt = d.lowers[b + 1] if b + 1 < n else "."
            return nxt not in ("'s", "’s") and nxt not in tb.role_first
    return False


def _take(taken: list[bool], first: int, end: int) -> None:
    for t in range(first, end):
        taken[t] = True


def _take_bracketed(d: _Doc, taken: list[bool], first: int, end: int) -> None:
    """Take a capitalised alternate in brackets right after tokens first..end, or the name right before them
    when they are the bracketed alternate: "Justicia Viva (Living Justice)", "Living Justice (Justicia Viva)"."""
    n = len(d.words)
    if end + 2 < n and d.words[end] in _OPEN_PARENS and d.words[end + 1][:1].isupper():
        run = _org_run(d, taken, end + 1)
        if run[-1] + 1 < n and d.words[run[-1] + 1] in (")", "]"):
            _take(taken, run[0], run[-1] + 1)
    if first >= 2 and d.words[first - 1] in _OPEN_PARENS and end < n and d.words[end] in (")", "]"):
        start = first - 2
        while start >= 1 and not taken[start - 1] and d.space[start - 1] and d.words[start - 1][:1].isupper() \
                and first - start < _MAX_ORG_TOKENS:
            start -= 1
        if d.words[start][:1].isupper() and not taken[start]:
            _take(taken, start, first - 1)


# ------------------------------------------------------------------ gazetteer

def _name_span(d: _Doc, i: int, limit: int) -> list[int]:
    """Indices of name tokens from i on: name parts and inner initials, one space apart, and the hyphens of a
    double surname ("Sharenda-Panasiuk": the spelling's keys skip the hyphen, the span keeps it)."""
    n = len(d.words)
    out = [i]
    j = i
    while len(out) < limit:
        if (j + 2 < n and d.words[j + 1] == "-" and not d.space[j] and not d.space[j + 1]
                and d.name[j + 2]):
            out += [j + 1, j + 2]
            j += 2
            continue
        if not (j + 1 < n and d.space[j]):
            break
        j += 1
        if d.name[j] or (d.initial[j] and j + 1 < n and d.name[j + 1]):
            out.append(j)
        else:
            break
    return out


def _blocked_single(d: _Doc, tb: _Tables, i: int) -> bool:
    """A lone word that must not be taken as a surname."""
    k = d.keys[i]
    if k in tb.never or (k,) in tb.nonperson or (k,) in tb.titles or k in tb.heads:
        return True
    return d.sent_start[i] and d.lowers[i] in tb.stop


def _cued(d: _Doc, tb: _Tables, i: int) -> bool:
    """A title ("President") or role ("journalist") right before token i."""
    if i < 1 or (d.keys[i - 1] not in tb.cue_last and d.lowers[i - 1] not in tb.cue_last):
        return False
    for length in range(1, max(tb.max_title, tb.max_role) + 1):
        a = i - length
        if a < 0:
            break
        if d.keys[a:i] in tb.titles and d.words[a][:1].isupper():
            return True
        if d.lowers[a:i] in tb.roles:
            return True
    return False


def _match_known(d: _Doc, tb: _Tables, taken: list[bool], found: list) -> None:
    """Gazetteer pass: longest known spelling at each capitalised token; non-person phrases are marked taken."""
    n = len(d.words)
    resume = 0
    for i in d.caps:
        if i < resume or taken[i]:
            continue
        # non-person phrase (org, place, demonym); tokens need not be name parts ("Charter 97")
        k = d.keys[i]
        np_len = 0
        for length in tb.nonperson_first.get(k, ()):
            if i + length <= n and d.keys[i:i + length] in tb.nonperson:
                np_len = length
                break
        known_start = d.name[i] and (k in tb.person_first or _phon(k) in tb.person_first)
        span = _name_span(d, i, tb.max_person + 2) if known_start else []
        best = None  # (n tokens, last index, ids)
        for end in range(len(span), 0, -1):
            idx = [j for j in span[:end] if not d.initial[j] and d.words[j] != "-"]
            if d.initial[span[end - 1]] or d.words[span[end - 1]] == "-" or (
                    end < len(span) and d.words[span[end]] == "-"):
                continue  # never end on an initial, nor inside a hyphenated word
            keys = tuple(map(d.keys.__getitem__, idx))
            ids = tb.people.get(keys)
            if ids is None and (len(keys) > 1 or len(keys[0]) >= 5):
                ids = tb.people_phon.get(tuple(map(_phon, keys)))
            if ids is None and len(idx) >= 3 and _PATRONYMIC.search(keys[1]):
                ids = tb.people.get((keys[0], *keys[2:]))
            if ids:
                best = (end, span[end - 1], ids)
                break
        if best is not None and best[0] == 1:
            if _blocked_single(d, tb, i) and not _cued(d, tb, i):
                best = None
            elif i + 1 < n and d.name[i + 1] and d.keys[i + 1] in tb.heads:
                best = None  # "Trump Tower"
        if best is not None and (best[0] > np_len or (best[0] == np_len and best[0] >= 2)):
            first, last, ids = i, best[1], best[2]
            first, ids = _with_given_name(d, tb, taken, first, last, ids)
            found.append((first, last + 1, ids, False))
            for j in range(first, last + 1):
                taken[j] = True
            resume = last + 1
            continue
        if np_len:
            for j in range(i, i + np_len):
                taken[j] = True
            resume = i + np_len


def _with_given_name(d: _Doc, tb: _Tables, taken: list[bool], first: int, last: int,
                     ids: frozenset[str]) -> tuple[int, frozenset[str]]:
    """Extend a surname-only match left over a given name; keep the people the given name fits."""
    pid_options = set(ids)
    if first == last:
        p = first - 1
        if (p >= 0 and not taken[p] and d.name[p] and d.space[p]
                and not _blocked_single(d, tb, p)):
            g = tb.given.get(d.keys[p])
            if g is not None:
                fits = {pid for pid in pid_options
                        if g.cls in tb.first_classes.get(pid, ()) or (
                            not tb.first_classes.get(pid) and g.gender in (tb.gender.get(pid), "u"))}
                first, pid_options = p, fits
            elif (d.keys[p],) not in tb.titles and not d.sent_start[p]:
                first = p  # an unlisted spelling of the person's own given name
    return first, frozenset(pid_options)


# ------------------------------------------------------------------ discovery

def _discover(d: _Doc, tb: _Tables, taken: list[bool], found: list) -> None:
    """Find unknown people in runs of capitalised tokens that no lexicon claims."""
    n = len(d.words)
    words, name = d.words, d.name
    resume = 0
    # each helper below is asked only when the token it reads first allows it (a hyphen, a particle, an
    # article): most runs are one word, and the calls cost more than the test
    for i in d.caps:
        if i < resume or taken[i] or not name[i]:
            continue
        # a run of name parts, initials and inner particles, one space apart, untaken
        run = [i]
        j = i
        while j + 2 < n and words[j + 1] == "-" and _hyphen_joins(d, taken, j):
            run += [j + 1, j + 2]
            j += 2
        while j + 1 < n and d.space[j] and not taken[j + 1]:
            nxt = j + 1
            if name[nxt] or (d.initial[nxt] and nxt + 1 < n and name[nxt + 1]):
                run.append(nxt)
                j = nxt
            elif words[nxt] in _PARTICLES and (k := _particles_before_name(d, taken, nxt)):
                run += list(range(nxt, nxt + k))  # "Pieter van der Berg", "Maria dos Santos"
                j = nxt + k - 1
            elif words[nxt] in _JOINED and _article_joins(d, taken, nxt):  # "Omar Abd el-Rahman"
                run += [nxt, nxt + 1, nxt + 2]
                j = nxt + 2
            else:
                break
            while j + 2 < n and words[j + 1] == "-" and _hyphen_joins(d, taken, j):  # "Jean-Luc", "Al-Sudani"
                run += [j + 1, j + 2]
                j += 2
        resume = run[-1] + 1
        if len(run) == 1 and (i < 1 or (d.keys[i - 1] not in tb.cue_last and d.lowers[i - 1] not in tb.cue_last
                                         and words[i - 1] not in _OPEN_PARENS)):
            continue  # no cue (``_cued``) nor opening parenthesis before a lone word: ``_segment_run`` keeps nothing
        _segment_run(d, tb, run, taken, found)


def _hyphen_joins(d: _Doc, taken: list[bool], j: int) -> bool:
    """Token j, a hyphen and a name part written together ("Al-Sudani")."""
    return (j + 2 < len(d.words) and d.words[j + 1] == "-" and not d.space[j] and not d.space[j + 1]
            and d.name[j + 2] and not taken[j + 1] and not taken[j + 2])


def _particles_before_name(d: _Doc, taken: list[bool], j: int) -> int:
    """How many particles from token j on, one space apart, before an untaken name part ("van der Berg",
    "abd el-Rahman"); 0 when j starts none."""
    n = len(d.words)
    k = j
    while k < n and d.words[k] in _PARTICLES and d.space[k] and k - j < 3:
        k += 1
    if k == j or k >= n or taken[k] or not (d.name[k] or _article_joins(d, taken, k)):
        return 0
    return k - j


def _article_joins(d: _Doc, taken: list[bool], j: int) -> bool:
    """Token j is a lower-case article hyphen-joined to a name part ("el-Rahman", "al-Masri")."""
    return (j + 2 < len(d.words) and d.words[j] in _JOINED and d.words[j + 1] == "-" and not d.space[j]
            and not d.space[j + 1] and d.name[j + 2] and not taken[j + 1] and not taken[j + 2])


def _words_of(d: _Doc, seg: list[int]) -> list[int]:
    """The name words of a segment: no initials, particles, hyphens or hyphen-joined tails, except the part
    after a lower-case article ("el-Rahman" is a surname of its own, not the tail of the word before)."""
    out = []
    for t in seg:
        if d.initial[t] or d.words[t] in _PARTICLES or d.words[t] == "-":
            continue
        if t >= 1 and d.words[t - 1] == "-" and t - 1 in seg and not (t >= 2 and d.words[t - 2] in _JOINED):
            continue
        out.append(t)
    return out


def _segment_run(d: _Doc, tb: _Tables, run: list[int], taken: list[bool], found: list) -> None:
    """Split a run at titles and never-names; decide whether each rest is a person."""
    seg: list[int] = []
    cue = _cued(d, tb, run[0])
    if len(run) == 1 and not cue and not _after_open_paren(d, run[0]):
        return  # most runs are one word: without a cue or an opening parenthesis no rule of ``_decide`` keeps it
    regnal = False
    k = 0
    while k < len(run):
        t = run[k]
        # a title phrase inside the run ("Special Envoy", "President")
        tlen = 0
        if d.keys[t] in tb.title_first:
            for length in range(min(tb.max_title, len(run) - k), 0, -1):
                if tuple(map(d.keys.__getitem__, run[k:k + length])) in tb.titles:
                    tlen = length
                    break
        if d.words[t] == "-" or (k > 0 and d.words[run[k - 1]] == "-"):
            seg.append(t)  # a hyphen-joined part belongs to the word before it
            k += 1
            continue
        key = d.keys[t]
        blocker = (tlen or key in tb.never or key in tb.modifiers
                   or (d.sent_start[t] and d.lowers[t] in tb.stop))
        if (blocker and not tlen and key in tb.never and k == len(run) - 1 and len(seg) == 1 and d.name[t]
                and d.keys[seg[0]] in tb.given and _apposition(d, tb, [seg[0], t])):
            # a never-name word as the surname after a given name, confirmed by what follows
            # ("Mark Christian, a spokesman", "Hope May said")
            blocker = False
        if blocker:
            if seg:
                _decide(d, tb, seg, cue, taken, found, regnal)
                seg = []
            cue = bool(tlen) or (cue and key in tb.modifiers)
            regnal = bool(tlen) and tuple(map(d.keys.__getitem__, run[k:k + tlen])) in tb.regnal
            k += max(tlen, 1)
            continue
        seg.append(t)
        k += 1
    if seg:
        _decide(d, tb, seg, cue, taken, found, regnal)


def _after_open_paren(d: _Doc, i: int) -> bool:
    """Token i follows an opening parenthesis (the only way ``_paren_alternate`` can hold for it)."""
    return i >= 1 and d.words[i - 1] in _OPEN_PARENS


def _decide(d: _Doc, tb: _Tables, seg: list[int], cue: bool, taken: list[bool], found: list,
            regnal: bool = False) -> None:
    """Keep ``seg`` (or its tail) as a person when a rule says so."""
    while seg and d.words[seg[-1]] in _PARTICLES:
        seg = seg[:-1]
    words = _words_of(d, seg)
    if not words:
        return
    p = seg[0] - 1
    if (p >= 1 and d.lowers[p] in _ORG_LINKS and d.words[p - 1][:1].isupper() and d.keys[p - 1] in tb.heads
            and (d.lowers[p] == "for" or d.keys[words[0]] not in tb.given)):
        return  # the tail of an organisation's name: "Center for Civil Liberties", "Ministry of Emergency Situations"
    last_key = d.keys[words[-1]]
    if last_key in tb.heads:
        return  # "Coordination Council", "Victory Square"
    nxt = seg[-1] + 1
    if nxt < len(d.words) and d.keys[nxt] in tb.heads and d.words[nxt][:1].isupper():
        return
    if _role_after(d, tb, nxt):
        return  # "Future Publishing founder X", "Reuters photographer X": the run qualifies a role
    # a leading sentence-initial word that is no given name before a name that starts with one
    if (len(words) >= 3 and d.keys[words[0]] not in tb.given
            and d.keys[words[1]] in tb.given and (d.sent_start[words[0]] or d.lowers[words[0]] in d.lower_vocab)):
        seg = seg[seg.index(words[1]):]
        words = words[1:]
    if len(words) > _MAX_NAME_TOKENS or len({d.keys[t] for t in words}) < len(words):
        return  # too long for a name, or a repeated word ("Northward Northward")
    if d.keys[words[0]] in tb.prefixes and d.keys[words[0]] not in tb.given:
        return  # "North Tyneside", "Fort Worth"
    first_given = d.keys[words[0]] in tb.given
    person = False
    if 2 <= len(words) <= 3 and first_given:
        person = True
    elif regnal and len(words) == 1 and first_given:
        # "Pope Leo XIV", "King Charles III", "Patriarch Kirill": a given name is the whole name
        nxt = seg[-1] + 1
        if nxt < len(d.words) and d.space[seg[-1]] and _ROMAN.match(d.words[nxt]):
            seg = [*seg, nxt]
        person = True
    elif cue and 1 <= len(words) <= 3:
        # a lone cued word: a surname ("Lord Alli"), not a common word or a given name ("Sir Keir")
        person = len(words) > 1 or (d.lowers[words[0]] not in d.lower_vocab and d.keys[words[0]] not in tb.given)
    elif 2 <= len(words) <= 3 and all(d.lowers[t] not in d.lower_vocab for t in words):
        person = (_apposition(d, tb, seg) or _paren_alternate(d, seg[0], found)
                  or _respelled_in_brackets(d, words, seg[-1] + 1) or d.used_alone(tb, d.keys[words[-1]]))
    elif len(words) == 1 and _paren_alternate(d, seg[0], found):
        person = True
    if person:
        found.append((seg[0], seg[-1] + 1, _near_known(d, tb, words), True))
        for t in seg:
            taken[t] = True


def _role_after(d: _Doc, tb: _Tables, i: int) -> bool:
    """A lowercase role phrase starts at token i."""
    n = len(d.words)
    if i >= n or not d.words[i][:1].islower() or d.lowers[i] not in tb.role_first:
        return False
    return any(d.lowers[i:i + length] in tb.roles
               for length in range(tb.max_role, 0, -1))


def _apposition(d: _Doc, tb: _Tables, seg: list[int]) -> bool:
    """"X Y said", "X Y, a former minister", "X Y, 36,", "the founder, X Y"."""
    n = len(d.words)
    a = seg[-1] + 1
    if a < n and d.lowers[a] in tb.speech:
        return True
    if a + 1 < n and d.words[a] == ",":
        b = a + 1
        if d.lowers[b] in _APPOSITION_LEADS or d.words[b].isdigit() or d.lowers[b] in tb.speech:
            return True
        for x in range(b, min(n, b + 5)):  # ", Albania's foreign minister", ", Al Jazeera's manager"
            if d.words[x] in ("'s", "’s"):
                b = x + 1
                break
            if not d.words[x][:1].isupper():
                break
        while b < n and d.lowers[b] in tb.modifiers:
            b += 1
        if b < n and d.lowers[b] in tb.role_first:
            for length in range(tb.max_role, 0, -1):
                if d.lowers[b:b + length] in tb.roles:
                    return True
    p = seg[0] - 1
    if p >= 1 and d.words[p] == ",":
        return _cued(d, tb, p)
    return False


def _paren_alternate(d: _Doc, first: int, found: list) -> bool:
    """The segment opens a parenthesis right after a person mention."""
    p = first - 1
    if p < 1 or d.words[p] not in _OPEN_PARENS:
        return False
    return any(end == p for _, end, _, _ in found)


def _respelled_in_brackets(d: _Doc, words: list[int], p: int) -> bool:
    """A bracketed other spelling of the name follows it: "Tadeusz Wolny (Tadevush Volny)", "7. Name Surname
    (Surnama)" in a list. Only a person's name is respelled this way with its surname (or given name) one
    transliteration away; a place's alternate follows a single word ("Hrodna (Grodno)")."""
    n = len(d.words)
    if p + 2 >= n or d.words[p] not in _OPEN_PARENS:
        return False
    inner = []
    q = p + 1
    while q < n and d.name[q] and len(inner) < 3:
        inner.append(q)
        if not (q + 1 < n and d.space[q]):
            break
        q += 1
    close = (inner[-1] + 1) if inner else p + 1
    if not inner or close >= n or d.words[close] not in (")", "]"):
        return False
    mine = {d.keys[words[0]], d.keys[words[-1]]}
    return any(_respelling(a, d.keys[t]) for a in mine for t in inner)


def _respelling(a: str, b: str) -> bool:
    """Two keys of one name in two romanisations: the same phonetic key, or a few letters apart."""
    if a == b:
        return len(a) >= 4
    if min(len(a), len(b)) < 4:
        return False
    return _phon(a) == _phon(b) or Levenshtein.distance(a, b, score_cutoff=2) <= 2 and a[:1] == b[:1]


def _repeats(d: _Doc, tb: _Tables, taken: list[bool], found: list) -> None:
    """Surname-only repeats of people discovered in this document ("Kotau said", "Al-Sudani", "van der Berg",
    "El-Rahman" or "al-Rahman" after "Omar Abd el-Rahman")."""
    surnames: dict[tuple[str, ...], frozenset[str]] = {}
    for first, end, ids, discovered in found:
        if not discovered:
            continue
        for sur in _surname_forms(d, first, end):
            surnames.setdefault(sur, ids)
    if not surnames:
        return
    n = len(d.words)
    longest = max(len(k) for k in surnames)
    firsts = {k[0] for k in surnames}  # a cheap first test: most capitalised words start no surname
    for i in d.caps:
        if d.keys[i] not in firsts:
            continue
        if taken[i] or not d.name[i]:
            continue
        start = i
        if i >= 1 and d.words[i - 1] == "-" and not d.space[i - 1]:
            if not (i >= 2 and d.keys[i - 2] in _JOINED and not d.space[i - 2] and not taken[i - 2]):
                continue  # the tail of a hyphenated word, unless after an article: "al-Rahman"
            start = i - 2
        for length in range(min(longest, n - i), 0, -1):
            ids = surnames.get(d.keys[i:i + length])
            if ids is None or any(taken[t] for t in range(start, i + length)):
                continue
            end = i + length
            if end < n and d.keys[end] in tb.heads:
                break
            if end < n and d.words[end] == "-" and not d.space[end - 1]:
                break  # part of a longer hyphenated word
            found.append((start, end, ids, True))
            _take(taken, start, end)
            break


def _surname_forms(d: _Doc, first: int, end: int) -> set[tuple[str, ...]]:
    """Token keys a discovered full name's surname may be repeated with: the last name word on ("Kotau",
    "Al-Sudani"); from the first particle after the given name ("van der Berg", "dos Santos Pereira"); a
    compound with a joined article ("Abd el-Rahman"); the name part after an article alone ("Sudani",
    "Rahman": a repeat may carry any article or none)."""
    seg = list(range(first, end))
    words = _words_of(d, seg)
    if len(words) < 2:
        return set()
    last = words[-1]
    forms = {d.keys[last:end]}
    particles = [t for t in seg if t > words[0] and d.words[t] in _PARTICLES]
    if particles and particles[0] < last:
        forms.add(d.keys[particles[0]:end])
    if last >= 2 and d.words[last - 1] == "-" and d.words[last - 2] in _JOINED:
        before = [t for t in words[1:-1] if t < last - 2]
        if before:
            forms.add(d.keys[before[-1]:end])  # "Abd el-Rahman"
    elif d.keys[last] in _JOINED and last + 2 < end and d.words[last + 1] == "-":
        forms.add(d.keys[last + 2:end])  # "Al-Sudani" → "Sudani", "al-Sudani"
    return forms


def _near_known(d: _Doc, tb: _Tables, words: list[int]) -> frozenset[str]:
    """Known people a discovered full name misspells: same given-name class, surname one edit away."""
    if len(words) < 2:
        return frozenset()
    g = tb.given.get(d.keys[words[0]])
    if g is None:
        return frozenset()
    sur = _phon(d.keys[words[-1]])
    if len(sur) < 6:
        return frozenset()
    return _near_surname(tb, g.cls, sur)


def _near_surname(tb: _Tables, cls: str, sur: str) -> frozenset[str]:
    """``_near_known`` of a given-name class and a surname's phonetic key, worked out once per pair: discovered
    names repeat within and across articles. The cache lives on the tables it reads, and is emptied when full."""
    cache = tb.near_cache
    out = cache.get((cls, sur))
    if out is None:
        if len(cache) >= _NEAR_CACHE_MAX:
            cache.clear()
        out = cache[(cls, sur)] = _near_surname_uncached(tb, cls, sur)
    return out


def _near_surname_uncached(tb: _Tables, cls: str, sur: str) -> frozenset[str]:
    """Known people with a given name of class ``cls`` whose surname key is one edit from ``sur``."""
    # surnames one edit away share a string of their deletion neighbourhoods; the distance confirms it
    near = {key for part in _deletes(sur) for key in tb.surname_deletes.get(part, ())}
    out = set()
    for key in near:
        if Levenshtein.distance(key, sur, score_cutoff=1) <= 1:
            out.update(pid for pid in tb.surnames_phon[key] if cls in tb.first_classes.get(pid, ()))
    return frozenset(out)


def _choose_people(d: _Doc, tb: _Tables, found: list) -> list[tuple[int, int, str | None]]:
    """One person id per mention. Unique candidates win. A bare surname shared by several known people
    ("Lukashenka": father and sons; siblings, spouses) keeps the meaning its first use on the page was given
    ("Lukashenko's son Viktor Lukashenko ... Lukashenko stayed": the father twice). That first use means the
    only holder named in full before it ("Eduard Babaryka ... Babaryka said"); when several were, the one local
    evidence points to (``_local``), else none (the resolver decides, and a later use may tell); when none was,
    the most prominent holder (first in people.yaml)."""
    found.sort()
    full: list[tuple[int, str]] = []  # (first token, person id) of each full-name mention of one known person
    named_at: dict[str, int] = {}  # person id → first token of its first full-name mention
    for first, end, ids, _ in found:
        if len(ids) == 1 and end - first >= 2:
            pid = next(iter(ids))
            named_at.setdefault(pid, first)
            full.append((first, pid))
    sentence = _sentence_numbers(d) if any(len(ids) > 1 for _, _, ids, _ in found) else []
    meaning: dict[frozenset[str], str] = {}  # the holder a bare surname was first read as
    out = []
    for first, end, ids, _ in found:
        pid = None
        if len(ids) == 1:
            pid = next(iter(ids))
        elif ids and end - first == 1:  # a full name with an unlisted given name is left to the resolver
            pid = meaning.get(ids)
            if pid is None:
                before = [p for p in ids if named_at.get(p, first) < first]
                if len(before) == 1:
                    pid = before[0]
                elif before:
                    pid = _local(d, tb, sentence, full, frozenset(before), first)
                else:
                    pid = min(ids, key=tb.order.__getitem__)
                if pid is not None:
                    meaning[ids] = pid
        out.append((first, end, pid))
    return out


def _sentence_numbers(d: _Doc) -> list[int]:
    """The sentence number of each token."""
    out, k = [], -1
    for start in d.sent_start:
        k += bool(start)
        out.append(k)
    return out


def _local(d: _Doc, tb: _Tables, sentence: list[int], full: list[tuple[int, str]], holders: frozenset[str],
           i: int) -> str | None:
    """Which of several same-surname people named in full before token i a bare surname there means, by local
    evidence: the nearest full mention of one of them in its sentence or the one before ("Olga Hersche was
    freed. Hersche said"), else, for a surname that attributes a quote, the holder who last did ("..., Olga
    Hersche said. ... 'No,' Hersche added"). None when nothing local tells them apart."""
    prior = [(t, p) for t, p in full if t < i and p in holders]
    t, p = prior[-1]
    if sentence[i] - sentence[t] <= 1:
        return p
    if _speaker(d, tb, i, i + 1):
        for t, p in reversed(prior):
            if _speaker(d, tb, t, _name_end(d, t)):
                return p
    return None


def _name_end(d: _Doc, first: int) -> int:
    """The end of the name that starts at token ``first`` (name parts, initials, hyphens)."""
    n = len(d.words)
    j = first + 1
    while j < n and (d.name[j] or d.initial[j] or d.words[j] == "-"):
        j += 1
    return j


def _speaker(d: _Doc, tb: _Tables, first: int, end: int) -> bool:
    """The name at tokens first..end attributes a quote: a speech verb right after it, or right before it
    after a closing quote ('"...," said X')."""
    n = len(d.words)
    if end < n and d.lowers[end] in tb.speech:
        return True
    return first >= 1 and d.lowers[first - 1] in tb.speech


# ------------------------------------------------------------------ output

def _to_mentions(d: _Doc, found: list) -> list[Mention]:
    found.sort()
    out: list[Mention] = []
    group = 0
    prev_end_tok = -10
    prev_group: int | None = None
    # every mention's offsets in one NumPy read
    firsts = [first for first, _, _ in found]
    lasts = [end - 1 for _, end, _ in found]
    starts = d.offsets[firsts, 0].tolist()
    ends = (d.offsets[lasts, 0] + d.offsets[lasts, 1]).tolist()
    for (first, end, pid), s, e in zip(found, starts, ends, strict=True):
        text = d.text[s:e]
        name = " ".join(text.split())
        h = first - 1
        if (end - first == 1 and h >= 0 and d.words[h][:1].isupper() and d.keys[h] in _HONORIFICS
                and d.space[h] and d.end(h) + 1 == s):
            # the text stays the name as written (titles are cues, not names); the name the resolver
            # reads keeps the honorific for its gender: "Lady Starmer" is not Keir Starmer
            name = f"{d.words[h]} {name}"
        g = None
        if first - 1 >= 0 and d.words[first - 1] in _OPEN_PARENS and first - 1 == prev_end_tok and out:
            if prev_group is None:
                group += 1
                prev = out[-1]
                out[-1] = Mention(prev.text, prev.name, prev.start, prev.end, prev.gazetteer_id, group)
                prev_group = group
            g = prev_group
        else:
            prev_group = None
        out.append(Mention(text, name, s, e, pid, g))
        prev_end_tok = end
    return out
