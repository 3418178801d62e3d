"""Events: who was released, detained, sentenced or is still held — when, how many (eval/README.md §3).

Rules over words, sentences and the facts found before (people, counts, dates); a blank spaCy pipeline
has no parser, so roles come from word order:

1. **Triggers.** Each sentence's words are matched against the phrases of ``gazetteer/data/events.yaml``
   (verbs, nouns and held states of each kind). Triggers of one kind joined by "and" ("pardoned and
   released") are one report. A trigger after a negation cue ("no confirmation of the release of") is none;
   one after a proposal cue in its clause ("offered to release", "in talks to release") is ``proposed``.
2. **Figures.** Each count of the sentence goes to the nearest trigger of its clause; each date to the
   nearest trigger before it that has none (else the next one after it), never across a relative clause or
   a list ("X, who was a candidate in 2010"). A date of the report ("reported on August 28") or the start of
   a span ("since July 2023") is no event date; a date after "before"/"run-up to" keeps its year only.
3. **People.** Who it happened to: the person before a passive verb or a held state ("X was arrested",
   "X remains in jail"), after an active verb or a noun ("police arrested X", "the release of X", "X's
   release"), in a list ("including X, Y and Z", "among the 52 freed were X and Y"), or a pronoun resolved
   to the nearest earlier person of its gender. A person before an active verb is its actor, never a subject.
4. **One event per happening.** Reports of one page join when they agree (same kind and proposal,
   compatible count and date) and something ties them (the same count, date or person); a person-only report
   of a release joins the page's main release; a report with nothing of its own (no count, date or person)
   adds nothing and is dropped. "Another", "a new" keep a report apart unless the counts are equal.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate, compress

from extractors.numbers import NUMBER_WORDS, folded, parse_number
from gazetteer.events import EventLexicon, PhraseSet, load_events
from gazetteer.load import load_given_names, load_people
from gazetteer.translit import fold
from records.facts import CountFact, DateFact, EventFact, Mention

#: words: a number with thousands commas, a possessive 's, a word (hyphens and inner apostrophes kept), a sign.
#: A word that starts with a letter is tried first: most tokens are one, and neither a number nor "'s" can
#: start with a letter, so the tokens are those of the plain order (a number, "'s", a word, a sign).
_TOKEN_RE = re.compile(r"[^\W\d]\w*(?:-\w+)*(?:[’'](?!s\b)\w+)*"
                       r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|[’']s\b|\w+(?:-\w+)*(?:[’'](?!s\b)\w+)*|[^\w\s]")
#: the tokens captured, for ``re.split``: between two tokens there is only white space (any other character
#: starts a token), so the pieces' lengths give each token's offsets without a match object per token
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
_BE = frozenset({"was", "were", "been", "being", "is", "are", "be", "get", "got", "gets", "getting"})
_ADVERBS = frozenset({"also", "later", "then", "reportedly", "eventually", "first", "subsequently", "finally",
                      "allegedly", "briefly", "again", "twice", "once", "previously", "recently", "all", "both",
                      "has", "have", "had", "not", "since", "just", "initially", "officially", "quietly",
                      "unexpectedly", "already", "each", "now", "formally", "swiftly", "never", "ultimately"})
_CLAUSE_END = frozenset({";", ":", "but", "while", "whereas"})
_SUBORDINATORS = frozenset({"after", "since", "when", "as", "because", "following", "before", "until",
                            "although", "though", "once", "while", "where"})
_RELATIVE = frozenset({"who", "which", "whose", "whom", "that"})
#: the words before a trigger its clause starts after (``_Page._clause_start``)
_CLAUSE_MARKS = _CLAUSE_END | {".", "!", "?"}
_CLAUSE_MARKS_SUB = _CLAUSE_MARKS | _SUBORDINATORS
#: the words a list of a trigger's people is not looked for past (``_Page._enumeration_after``)
_ENUMERATION_STOPS = _CLAUSE_END | {"."}
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those",
                          "'s", "’s", "our", "my", "your"})
_AMONG_RE = re.compile(r"among\s+(?:them|those|the)\b", re.I)
_LIST_MARK_RE = re.compile(r"\s*(?:\d{1,3}[.)]|[-•*–])(?:\s+|$)")
#: words between "and" and a name that keep it in a list of people ("X and his wife Y")
_KIN_WORDS = frozenset({"his", "her", "their", "wife", "husband", "son", "daughter", "brother", "sister", "father",
                        "mother", "partner", "colleague", "fellow"})
#: a finite verb between a trigger and a date: the date is that verb's ("freed ... were housed ... on Wednesday")
_FINITE = frozenset({"was", "were", "is", "are", "has", "have", "had", "been", "being", "said", "says"})
#: lower-case words that are not the noun of an aside ("a mechanic freed on Saturday")
_NOT_NOUNS = _BE | _ADVERBS | _SUBORDINATORS | _RELATIVE | frozenset({"and", "or", "but", "nor", "then"})
_NUMBER_WORDS = frozenset(NUMBER_WORDS)
#: pronouns resolved one through another at most (each looks back through the one before it)
_PRONOUN_CHAIN = 40
#: the dates an event may have: a year, a month, a day, a week ("last week") or a season ("last summer")
_EVENT_DATE_RE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-(?:SP|SU|FA|WI)|-W\d\d)?$")
#: the words before "term" that make it a prison term ("a 26-year term", not "a third term")
_TERM_RE = re.compile(r"\d|-year|-month|^(?:jail|prison|long|lengthy|life|harsh|heavy|suspended)$")
#: words that make a report one about a group of people
_GROUP_WORDS = frozenset({"couple", "pair", "group", "both", "all", "several", "dozens", "hundreds", "journalists",
                          "activists", "prisoners", "people", "defendants"})
#: a pronoun, a group word or a number: what a sentence with no name, count or date may give a report
_MATERIAL_RE = re.compile(r"\b(?:he|she|him|her|his|they|them|both|pair|couple)\b|\d"
                          r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
                          r"|hundred|thousand|dozen)", re.I)
#: ``_MATERIAL_RE``'s parts, read off a sentence's runs of word characters (:func:`_has_material`)
_MATERIAL_WORDS = frozenset({"he", "she", "him", "her", "his", "they", "them", "both", "pair", "couple"})
_MATERIAL_PREFIXES = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                      "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "dozen")
_SPACED_PREFIXES = tuple(" " + p for p in _MATERIAL_PREFIXES)
#: ``_ascii_material``'s tables: an upper-case letter as its lower case, a byte that is no letter, digit or "_"
#: as a space (digits are gone by then); the words and " " + each number, as bytes
_ASCII_RUNS = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) \
    + b" " * 128
_MATERIAL_BYTES = frozenset(w.encode() for w in _MATERIAL_WORDS)
_SPACED_PREFIX_BYTES = tuple(p.encode() for p in _SPACED_PREFIXES)
_DIGIT_RE = re.compile(r"\d")
_WORD_RUN_RE = re.compile(r"\w+")
#: the unit of a count a tally of people held must have
_STOCK_UNIT_RE = re.compile(r"prisoner|detainee|inmate", re.I)
_PLURAL_SUBJECTS = frozenset({"they", "them", "their", "those", "we", "us"})
#: words that end a list of people ("including X and Y in June following ...")
_LIST_STOPS = _SUBORDINATORS | _RELATIVE | frozenset({"from", "said", "says", "for", "by", "to", "into", "with"})
#: a list item's words after which its names are not the item ("the husband of X")
_ITEM_OF = frozenset({"of", "to", "with"})


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    words: list[str]     # lower case
    starts: list[int]    # character offsets of each word in the page
    ends: list[int]
    #: token index → the mention starting there, and the token after its end
    mention_at: dict[int, tuple[Mention, int]] = field(default_factory=dict)
    #: word spans of its lists of people (``_Page._list_spans``), once computed
    lists: list[tuple[int, int]] | None = None
    date_words: set[int] | None = None
    #: word index → the end of the longest enumeration phrase starting there ("including"), once computed
    enumerations: dict[int, int] | None = None
    #: with or without subordinators → indexes of the words that end a clause (``_Page._clause_marks``)
    clause_marks: dict[bool, list[int]] = field(default_factory=dict)


@dataclass(slots=True)
class _Raw:
    """One report of an event in one sentence, before the reports of a page are joined."""

    kind: str
    proposed: bool
    i: int           # first token of the trigger
    j: int           # token after it
    part: str        # verb | noun | state
    sent: _Sentence
    trigger: str
    distinct: bool = False
    count: CountFact | None = None
    date: str | None = None
    date_start: int | None = None
    subjects: list[Mention] = field(default_factory=list)
    rank: int = 0    # the sentence's index in the page
    other_side: bool = False  # "in exchange for Y": the other side of a swap, never one report with this side
    date_weak: bool = False  # the date is a year naming a thing ("the 2020 protests"): alone, it makes no event


@dataclass(slots=True)
class _Event:
    kind: str
    proposed: bool
    reports: list[_Raw]
    count: CountFact | None
    date: str | None
    date_start: int | None
    subjects: list[Mention]


class _Count:
    """A count written without a noun ("over 1,100 still imprisoned", "the 52 freed"): a value and its span."""

    __slots__ = ("end", "high", "qualifier", "start", "text", "unit", "value")

    def __init__(self, value: int, qualifier: str, text: str, start: int, end: int) -> None:
        self.value, self.high, self.qualifier, self.unit = value, None, qualifier, ""
        self.text, self.start, self.end = text, start, end


_QUALIFIER_WORDS = {("more", "than"): "more_than", ("over",): "more_than", ("at", "least"): "at_least",
                    ("about",): "about", ("around",): "about", ("nearly",): "about", ("almost",): "about",
                    ("some",): "about", ("up", "to"): "up_to", ("fewer", "than"): "fewer_than",
                    ("less", "than"): "fewer_than", ("roughly",): "about", ("approximately",): "about"}


def find_events(text: str, sentence_starts: Sequence[int], sentence_ends: Sequence[int],
                mentions: Sequence[Mention], counts: Sequence[CountFact], dates: Sequence[DateFact],
                published: date | None = None) -> list[EventFact]:
    """The events of one page, one per happening, in the order the page first reports them."""
    lex = load_events()
    flags = _trigger_levels(text, sentence_starts, sentence_ends, lex)
    if not any(flags):
        return []
    return _Page(text, sentence_starts, sentence_ends, mentions, counts, dates, published, lex).events(flags)


class _Page:
    def __init__(self, text: str, starts: Sequence[int], ends: Sequence[int], mentions: Sequence[Mention],
                 counts: Sequence[CountFact], dates: Sequence[DateFact], published: date | None = None,
                 lex: EventLexicon | None = None) -> None:
        self.lex: EventLexicon = lex or load_events()
        self.published = published
        self.text = text
        self.bounds = list(zip(starts, ends, strict=True))
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.counts = sorted(counts, key=lambda c: c.start)
        self.dates = sorted(dates, key=lambda d: d.start)
        self._sents: dict[int, _Sentence] = {}
        self._mention_starts = [m.start for m in self.mentions]
        self._count_starts = [c.start for c in self.counts]
        self._date_starts_all = [d.start for d in self.dates]
        self._pronouns: dict[tuple[int, int], Mention | None] = {}
        self._depth = 0  # pronouns being resolved, one inside another
        self._gender: dict[int, str] = {}
        #: no character whose case ``re`` folds onto an ASCII letter otherwise than ``lower()`` does
        self._foldable = folded(text) is not None

    # --- sentences and words ------------------------------------------------------------------------------

    def sentence(self, k: int) -> _Sentence:
        """Sentence ``k``'s words (read once a page): lower case, with their offsets and the mentions they start."""
        s = self._sents.get(k)
        if s is None:
            s = self._sents[k] = self._read_sentence(*self.bounds[k])
        return s

    def _read_sentence(self, a: int, b: int) -> _Sentence:
        words, starts, ends = _tokens(self.text, a, b)
        s = _Sentence(a, b, words, starts, ends)
        for m in _within(self.mentions, self._mention_starts, a, b):
            n = bisect.bisect_left(starts, m.start)
            if n < len(starts) and starts[n] == m.start:
                # the token after the mention: the first from ``n`` that starts at or after its end
                s.mention_at[n] = (m, bisect.bisect_left(starts, m.end, n))
        return s

    def events(self, flags: list[int]) -> list[EventFact]:
        """The page's events; ``flags`` say which sentences hold a word a trigger can start with, and which
        of those may hold a trigger (the others' reports are none: they are not read for them)."""
        raws: list[_Raw] = []
        listing: _Raw | None = None  # the report a numbered list after "...:" names the people of
        item = False  # the sentence before was a bare list mark ("1."): this one is the item
        quiet = 0  # sentences since the list's last item
        for k, (a, b) in enumerate(self.bounds):
            if listing is not None:
                mark = _LIST_MARK_RE.match(self.text, a)
                if mark and mark.end() >= b:
                    item, quiet = True, 0  # "1." alone: the item follows
                elif mark or item:
                    s = self.sentence(k)
                    first = min((n for n in s.mention_at if n <= 4), default=None)
                    if first is not None:
                        listing.subjects.append(s.mention_at[first][0])
                    item, quiet = False, 0
                else:
                    quiet += 1
                    if quiet > 2:  # an item may run on a sentence or two; then the list has ended
                        listing = None
            if self.text[a:b].rstrip().endswith(":"):
                # "The freed included:" then "1. X, ..." "2. Y, ...": the people of the report just before
                listing = next((r for r in reversed(raws[-6:]) if k - r.rank <= 2 and not r.proposed), None)
                item, quiet = False, 0
            if not flags[k]:
                if raws:
                    self._followup(k, raws)
                continue
            if raws and self._opens_with_list(k):
                self._followup(k, raws)  # "Among them were X and Y, who were arrested in 2022."
            if not self._material(k):
                continue  # no name, pronoun, number or date: every report of it would have nothing of its own
            found = self._reports(k) if flags[k] == _MAY_MATCH else []
            if not found and raws:
                self._followup(k, raws)
            raws += found
        return [self._fact(e) for e in _join(raws, self.published)]

    def _material(self, k: int) -> bool:
        """Whether sentence ``k`` holds anything a report can take: a name, a count, a date, a pronoun, a number
        (or it introduces a list, "The freed included:"). Most trigger sentences of a page have one; the
        others are skipped before their words are read."""
        a, b = self.bounds[k]
        for items in (self._mention_starts, self._count_starts, self._date_starts_all):
            at = bisect.bisect_left(items, a)
            if at < len(items) and items[at] < b:
                return True
        return _has_material(self.text, a, b, self._foldable) or self.text[a:b].rstrip().endswith(("?", ":")) \
            or (k + 1 < len(self.bounds) and self.text[slice(*self.bounds[k + 1])].rstrip().endswith(":"))

    def _opens_with_list(self, k: int) -> bool:
        a, b = self.bounds[k]
        return _AMONG_RE.match(self.text, a, b) is not None

    # --- one sentence -------------------------------------------------------------------------------------

    def _reports(self, k: int) -> list[_Raw]:
        s = self.sentence(k)
        lex, words = self.lex, s.words
        found: list[_Raw] = []
        title_case: bool | None = None
        i = 0
        firsts = lex.firsts
        for n in compress(range(len(words)), map(firsts.__contains__, words)):  # most words start no trigger
            if n < i:
                continue
            w = words[n]
            i = n
            skip = lex.ignore.longest_at(words, i) if w in lex.ignore.starts or lex.ignore.any_start else None
            if skip is not None and skip > i:
                i = skip  # "house arrest"
                continue
            hits = lex.triggers_at(words, i) if w in lex.starts else []
            if not hits:
                continue
            kind, part, j = _choose(hits, words, i)
            if words[j - 1] == "term" and not _TERM_RE.search(words[j - 2]):
                continue  # "gave Maduro a third term": an office, not a sentence
            if j == i + 1 and w == "free" and not _frees_someone(words, i, s.mention_at):
                continue  # "free and fair", "a free press": not freeing anyone
            if i and self.text[s.starts[i]].isupper():
                if title_case is None:
                    title_case = _title_case(self.text, s)
                if not title_case:
                    i = j  # "Radio Free Europe", "the Release Foundation": a name, not a happening
                    continue
            if part == "noun" and j < len(words) and words[j] in lex.modifiers:
                i = j  # "the pardon commission": not a happening
                continue
            prev = found[-1] if found else None
            if prev and prev.kind == kind and prev.j <= i and _joined(words, prev.j, i):
                prev.j = j  # "pardoned and released": one report
                prev.trigger = self.text[s.starts[prev.i]:s.ends[j - 1]]
            else:
                found.append(_Raw(kind, False, i, j, part, s, self.text[s.starts[i]:s.ends[j - 1]],
                                  rank=k))
            i = j
        kept = []
        for r in found:
            if self._negated(s, r):
                continue
            if r.kind == "detention" and r.part == "verb" and self._present_state(s, r):
                r.kind, r.part = "held", "state"  # "up to 3,500 people may be imprisoned": a stock held
            r.proposed = r.kind != "held" and self._proposed(s, r)
            r.distinct = _any_phrase(lex.distinct, words, self._clause_start(s, r.i, 3, True), r.j)
            kept.append(r)
        if not kept:
            return []
        self._attach_counts(s, k, kept)
        # a tally ("Viasna counted ...") is a held stock only with a count of prisoners or detainees, or of
        # people in a sentence about prisoners ("listed 28 media workers among some 375 political prisoners")
        if any(r.part == "stock" for r in kept):
            prisoners = _STOCK_UNIT_RE.search(self.text, s.start, s.end) is not None
            kept = [r for r in kept if r.part != "stock" or (r.count is not None and (
                _STOCK_UNIT_RE.search(r.count.unit) or (prisoners and r.count.unit)))]
        self._attach_dates(s, kept)
        for r in kept:
            r.subjects = self._subjects(k, s, r, kept) if r.part != "stock" else []
        for n, r in enumerate(kept):
            r.other_side = _counterpart(s.words, r)
            if r.other_side and r.date is None:
                # "Sweden freed X in June in exchange for Y and Z": the other side of the swap, freed then too
                r.date, r.date_start = next(((p.date, p.date_start) for p in reversed(kept[:n])
                                             if p.kind == "release" and p.date), (None, None))
        return _complete(kept)

    def _negated(self, s: _Sentence, r: _Raw) -> bool:
        """A negation cue before the trigger in its clause; an aside about a name between commas is looked
        over ("no confirmation that X, an engineer detained in 2023, had been freed")."""
        words, end = s.words, r.i
        if not self.lex.negation.may_start_in(words, 0, r.i):
            return False  # no cue anywhere before the trigger: the window's bounds do not matter
        lo = max(0, r.i - self.lex.negation_window)
        for n in range(r.i - 1, lo - 1, -1):
            if words[n] in _CLAUSE_END or words[n] in (".", "!", "?") or words[n] in _SUBORDINATORS:
                lo = n + 1  # "who refused to be deported when Belarus released 50": the release is not denied
                break
            if words[n] == ",":
                back = next((m for m in range(n - 1, max(-1, n - 25), -1) if words[m] == ","), None)
                if back is not None and self._person_ending_any(s, back - 1) is not None:
                    lo = max(0, back - self.lex.negation_window)
                    end = back
                    continue
                lo = n + 1
                break
        return _any_phrase(self.lex.negation, words, lo, end)

    def _present_state(self, s: _Sentence, r: _Raw) -> bool:
        """"are imprisoned", "is jailed", "may be detained" (not "are being detained", "was jailed")."""
        if s.words[r.i] not in ("imprisoned", "jailed", "detained", "held", "incarcerated"):
            return False
        n = r.i - 1
        while n >= 0 and s.words[n] in _ADVERBS and s.words[n] not in _BE:
            n -= 1
        return n >= 0 and (s.words[n] in ("are", "is") or (s.words[n] == "be" and n > 0 and s.words[n - 1] in
                                                            ("may", "might", "could", "would", "will")))

    def _proposed(self, s: _Sentence, r: _Raw) -> bool:
        words, lex = s.words, self.lex
        if r.part == "verb" and r.i >= 1 and words[r.i - 1] == "to" and (r.i < 2 or words[r.i - 2] not in
                                                                         lex.infinitive_done):
            return True  # "Cuba to free 553", "agreed to release": a plan
        lo = self._clause_start(s, r.i, lex.proposed_window, stop_at_subordinators=True)
        before = words[lo:r.i]
        if "," in before:
            lo += len(before) - before[::-1].index(",")  # the word after the last comma
        if not lex.proposed.may_start_in(words, lo, r.i):
            return False  # most triggers: no cue's word before them
        for n in range(lo, r.i):
            if n and self.text[s.starts[n]].isupper():
                continue  # "May 2020", "Will Smith": not a cue
            for end in lex.proposed.matches_at(words, n):
                if end > r.i:
                    continue
                if words[n] in lex.proposed_adjacent_only and end < r.i - (1 if words[r.i - 1] == "prisoner" else 0):
                    continue
                return True
        return False

    def _clause_start(self, s: _Sentence, i: int, window: int, stop_at_subordinators: bool = False) -> int:
        """The first word of the window before word ``i`` that is in ``i``'s clause: after the last clause mark
        before ``i`` (the sentence's marks found once, :meth:`_clause_marks`), if it is in the window."""
        lo = max(0, i - window)
        marks = self._clause_marks(s, stop_at_subordinators)
        x = bisect.bisect_left(marks, i) - 1
        return marks[x] + 1 if x >= 0 and marks[x] >= lo else lo

    def _clause_marks(self, s: _Sentence, subordinators: bool) -> list[int]:
        """Indexes of the words that end a clause (";", "but", "."), and with ``subordinators`` those that open
        one ("after", "when"), in order; once a sentence."""
        found = s.clause_marks.get(subordinators)
        if found is None:
            marks = _CLAUSE_MARKS_SUB if subordinators else _CLAUSE_MARKS
            found = s.clause_marks[subordinators] = list(compress(range(len(s.words)),
                                                                  map(marks.__contains__, s.words)))
        return found

    # --- counts and dates ---------------------------------------------------------------------------------

    def _attach_counts(self, s: _Sentence, k: int, raws: list[_Raw]) -> None:
        spans: list[tuple[int, int, object]] = []
        taken: set[int] = set()
        for c in _within(self.counts, self._count_starts, s.start, s.end):
            n = _word_at(s.starts, c.start)
            if n is None:
                continue
            e = n
            while e < len(s.starts) and s.starts[e] < c.end:
                e += 1
            spans.append((n, e, c))
            taken.update(range(n, e))
        for r in raws:  # a number right by a trigger, written without a noun
            for n, e, c in _bare_numbers(s, r, taken):
                spans.append((n, e, c))
                taken.update(range(n, e))
        listed = self._list_spans(s)
        best: dict[int, tuple[int, object]] = {}
        for n, e, c in sorted(spans, key=lambda x: x[0]):
            if any(a <= n < b for a, b in listed):
                continue  # "52 were freed, including 14 foreign nationals": the 14 is part of the 52
            choice = None
            for idx, r in enumerate(raws):
                if self._split(s, min(e, r.i), max(n, r.j)):
                    continue
                d = r.i - e if e <= r.i else n - r.j if n >= r.j else 0
                if r.part == "noun" and n < r.j:
                    continue  # "1,100 remained after the release": a noun's count follows it ("the release of 16")
                if n >= r.j and d <= 2:
                    d = -1  # the trigger's object ("lets go 107 people detained after ..."): it wins
                elif e <= r.i and self._reduced(s, r) and any(x.i > r.j and not self._reduced(s, x)
                                                              and not self._split(s, r.j, x.i) for x in raws):
                    continue  # "359 people jailed over the protests are still behind bars": the held stock's
                if d <= 10 and (choice is None or d < choice[0]):
                    choice = (d, idx)
            if choice and (choice[1] not in best or choice[0] < best[choice[1]][0]):
                best[choice[1]] = (choice[0], c)
        for idx, (_, c) in best.items():
            raws[idx].count = c

    def _in_aside(self, s: _Sentence, n: int, after: int) -> bool:
        """Whether word ``n`` is in an aside about a name that opens after word ``after`` ("freed X, a former
        official serving a life sentence for his role in the 1988 executions, ..."): its dates are the aside's."""
        comma = next((m for m in range(n - 1, max(-1, n - 25), -1) if s.words[m] in (",", ";", ".")), None)
        return comma is not None and comma >= after and s.words[comma] == "," and comma + 1 < len(s.words) \
            and s.words[comma + 1] in ("a", "an", "the") and self._person_ending_any(s, comma - 1) is not None

    def _reduced(self, s: _Sentence, r: _Raw) -> bool:
        """A participle right after a noun, without "was"/"were" ("people detained after the vote")."""
        return r.part == "verb" and _participle(s.words[r.i]) and r.i > 0 and s.words[r.i - 1].isalpha() \
            and s.words[r.i - 1] not in _BE and s.words[r.i - 1] not in _ADVERBS \
            and s.words[r.i - 1] not in self.lex.prepositions \
            and not any(st <= r.i - 1 < e for st, (_, e) in s.mention_at.items())

    def _attach_dates(self, s: _Sentence, raws: list[_Raw]) -> None:
        """Each date of the sentence to one trigger, nearest pairs first: the trigger before the date ("freed
        ... on Thursday") or, a little less readily, the one after it ("On Thursday, X was freed")."""
        lex, words = self.lex, s.words
        listed = self._list_spans(s)
        pairs: list[tuple[int, int, DateFact, str, _Raw]] = []
        dates = _one_per_reference(_within(self.dates, self._date_starts_all, s.start, s.end), self.text)
        frame = self._frame(s, dates)
        for d in dates:
            n = _word_at(s.starts, d.start)
            if n is None or not _EVENT_DATE_RE.match(d.value):
                continue  # weeks and decades are not an event's date here
            after = _word_after(s, n, d.end)
            when = after + 1 < len(words) and words[after] == "," and words[after + 1] == "when"
            if (_ends_phrase(lex.since, words, n) and not when) or _ends_phrase(lex.reporting, words, n, gap=2) \
                    or _ends_phrase(lex.after, words, n, gap=2):
                continue  # "since July 2023" is a span; "since December 2018, when he was arrested" is not
            if after < len(words) and words[after] in ("—", "–", "--"):
                continue  # a dateline: "ANKARA, Aug 2 — ..." is when it was reported
            value = d.value[:4] if _ends_phrase(lex.before, words, n, gap=4, fillers=False) else d.value
            attributive = _is_attributive(words, s, d, self.text)
            before = [r for r in raws if r.j <= n]
            if before:
                r = max(before, key=lambda r: r.j)
                dist = _distance(s, r.j, n, listed)
                if dist <= (6 if r.part == "noun" else 25) and not self._split(s, r.j, n) \
                        and not _relative_between(words, r.j, n) and not _inside_relative(words, r.i, n) \
                        and not any(w in _FINITE for w in words[r.j:n]) and not self._in_aside(s, n, r.j) \
                        and not any(a <= n < b and a >= r.j for a, b in listed):
                    # "pardoned 18 people convicted of extremism on Wednesday": the pardon's date
                    main = [x for x in before if x is not r and not self._reduced(s, x)]
                    # "pardoned 18 people convicted over the 2020 protests": that year is the conviction's
                    reduced = bool(main) and self._reduced(s, r) and not attributive
                    if not (attributive and r.kind == "held"):  # a stock is dated "as of", not by "the 2021 protests"
                        pairs.append((dist + (6 if reduced else 0), 0, d, value, r))
                    if reduced:
                        x = max(main, key=lambda x: x.j)
                        pairs.append((_distance(s, x.j, n, listed), 0, d, value, x))
            later = [r for r in raws if r.i > n]
            if later:
                r = min(later, key=lambda r: r.i)
                dist = _distance(s, n, r.i, listed)
                if dist <= (1 if r.part == "noun" else 25) and not self._split(s, n, r.i) \
                        and not _relative_between(words, n, r.i) \
                        and not (pairs and pairs[-1][2] is d and _coordinated(words, n, r.i)) \
                        and not (attributive and r.kind == "held"):
                    # "detained last year and given a term last week": the date ends the first verb phrase
                    pairs.append((dist + 2, 1, d, value, r))
        used: set[int] = set()
        for _, _, d, value, r in sorted(pairs, key=lambda p: (p[0], p[1], p[2].start)):
            if r.date is None and d.start not in used:
                r.date, r.date_start = value, d.start
                # "the 2020 protests" names a thing; "the September release" dates the release itself
                r.date_weak = _is_attributive(words, s, d, self.text) and s.starts[r.i] > d.end
                used.add(d.start)
        if frame is not None:  # "In October, 141 people were detained ... and 88 were convicted"
            for r in raws:
                if r.date is None and r.i > 2 and not _relative_between(words, 0, r.i):
                    r.date, r.date_start = frame.value, frame.start

    def _frame(self, s: _Sentence, dates: list[DateFact]) -> DateFact | None:
        """A date that opens the sentence before a comma ("In October, ..."): the time of all it reports."""
        for d in dates:
            n = _word_at(s.starts, d.start)
            if n is not None and n <= 2 and all(w in ("in", "on", "during", "by", "since") for w in s.words[:n]) \
                    and _EVENT_DATE_RE.match(d.value):
                after = _word_after(s, n, d.end)
                if after < len(s.words) and s.words[after] == "," and s.words[:1] != ["since"]:
                    return d
        return None

    def _split(self, s: _Sentence, a: int, b: int) -> bool:
        """Whether words ``a``..``b`` cross a clause boundary (";", "but")."""
        return not _CLAUSE_END.isdisjoint(s.words[a:b])

    def _list_spans(self, s: _Sentence) -> list[tuple[int, int]]:
        """(start, end) word spans of the lists of the sentence ("including X, Y and Z"), once a sentence."""
        if s.lists is not None:
            return s.lists
        out: list[tuple[int, int]] = []
        for n, end in self._enumerations(s).items():
            if s.words[n] not in self.lex.enumerations.starts:
                continue  # a list opens with a word the phrases name (not with a phrase's "*")
            stop = end
            while stop < len(s.words) and s.words[stop] not in _CLAUSE_END and s.words[stop] != "." \
                    and s.words[stop] not in _LIST_STOPS and not self._date_follows(s, stop):
                stop += 1
            out.append((end, stop))
        s.lists = out
        return out

    def _enumerations(self, s: _Sentence) -> dict[int, int]:
        """Word index → end of the enumeration phrase starting there ("including", "among them"), in word
        order, once a sentence (lists and a trigger's people both look for them)."""
        if s.enumerations is None:
            phrases, words = self.lex.enumerations, s.words
            at = range(len(words)) if phrases.any_start else \
                compress(range(len(words)), map(phrases.starts.__contains__, words))
            found = ((n, phrases.longest_at(words, n)) for n in at)
            s.enumerations = {n: end for n, end in found if end is not None}
        return s.enumerations

    def _date_follows(self, s: _Sentence, n: int) -> bool:
        """Whether a date starts at word ``n`` or right after a preposition there ("in June")."""
        starts = self._date_starts(s)
        return n in starts or (s.words[n] in ("in", "on", "during", "at", "since") and n + 1 in starts)

    def _date_starts(self, s: _Sentence) -> set[int]:
        if s.date_words is None:
            dates = _within(self.dates, self._date_starts_all, s.start, s.end)
            s.date_words = {n for d in dates if (n := _word_at(s.starts, d.start)) is not None}
        return s.date_words

    # --- people ---------------------------------------------------------------------------------------------

    def _subjects(self, k: int, s: _Sentence, r: _Raw, others: list[_Raw]) -> list[Mention]:
        words = s.words
        out: list[Mention] = []
        passive = r.part in ("state", "intransitive") or self._passive(s, r)
        among = _among_before(words, r.i)
        if among is not None:
            # "X was also among the 52 freed" / "among those freed was X" / "Among the 52 freed were X, Y"
            left = among - 1
            while left >= 0 and (words[left] in _BE or words[left] in _ADVERBS):
                left -= 1
            before = self._antecedent(s, left) if left >= 0 and words[left] == "who" else \
                self._person_left(k, s, among)
            if before is not None:
                out += self._with_coordinated(s, before)
            else:
                out += self._list_people(k, s, r.j)
        elif r.part == "verb" and r.j < len(words) and words[r.j] in ("was", "were") \
                and (r.i == 0 or words[r.i - 1] in ("also", "and", "newly", "those")):
            out += self._list_people(k, s, r.j + 1)  # "Also freed was X", "Freed were X and Y"
        elif r.i == 0 or (r.i <= 2 and words[0] in ("after", "upon", "once")):
            # "Sentenced in absentia ..., he has been living in exile": the subject follows the first comma
            comma = next((n for n in range(r.j, len(words)) if words[n] == ","), None)
            if comma is not None and (m := self._person_at(k, s, comma + 1)) is not None:
                out.append(m)
        elif passive:
            out += self._passive_subject(k, s, r)
        else:
            if r.part == "noun":
                poss = self._possessor(k, s, r.i)
                if poss is not None:
                    out.append(poss)
            out += self._objects(k, s, r)
        for n in self._enumeration_after(s, r, others):
            out += self._list_people(k, s, n)
        seen: set[int] = set()
        return [m for m in out if not (m.start in seen or seen.add(m.start))]

    def _passive(self, s: _Sentence, r: _Raw) -> bool:
        words = s.words
        if r.part != "verb" or not words[r.i].endswith(("ed", "en", "eld")) and words[r.i] not in ("freed",):
            return False
        n = r.i - 1
        while n >= 0 and (words[n] in _ADVERBS or words[n].endswith("ly")) and words[n] not in _BE:
            n -= 1
        if n >= 0 and words[n] in _BE:
            return True
        if n >= 0 and words[n] in ("and", "or", ","):  # "was snatched ... and jailed"
            if self._earlier_be(s, n) is not None:
                return True
        # "The pair, arrested in December 2022, ...", "an engineer detained in Tabriz": a participle after a
        # comma or a noun, no object after it
        no_object = r.j >= len(words) or words[r.j] in self.lex.prepositions or words[r.j] in ("in", ",", "last")
        return no_object and _participle(words[r.i]) and (
            (n >= 0 and words[n] == ",") or self._reduced(s, r))

    def _earlier_be(self, s: _Sentence, n: int) -> int | None:
        for m in range(n - 1, max(-1, n - 14), -1):
            if s.words[m] in _CLAUSE_END:
                return None
            if s.words[m] in _BE and m + 1 < len(s.words):
                return m
        return None

    def _passive_subject(self, k: int, s: _Sentence, r: _Raw) -> list[Mention]:
        """Who a passive verb or a held state is about: the person before it (over "was", adverbs, an aside
        between commas, "who"), "the pair" after a sentence naming two, or the subject of the clause."""
        words = s.words
        n = r.i - 1
        while n >= 0 and (words[n] in _ADVERBS or words[n].endswith("ly") or words[n] in _BE):
            n -= 1
        if n >= 0 and words[n] in ("who", "that", "whom"):
            found = self._antecedent(s, n)
            return self._with_coordinated(s, found) if found is not None else []
        group = self._group_before(k, s, n)
        if group is not None:
            return group
        return self._passive_one(k, s, r, n)

    def _antecedent(self, s: _Sentence, who: int) -> Mention | None:
        """The person a relative "who" refers to: the name right before it, or the name an aside before it
        is about ("Rico Krieger, a German medic who ..."); not a name further back ("Lukashenko pardoned two
        priests who ...")."""
        x = who - 1
        if x >= 0 and s.words[x] == ",":
            x -= 1
        named = self._person_ending_any(s, x)
        if named is None and x >= 0 and s.words[x] == ")":
            named = self._person_ending_any(s, _before_parenthesis(s.words, x))
        if named is not None:
            start = next(st for st, (mm, _) in s.mention_at.items() if mm is named)
            # "the husband of X, who ...": the relative is about the husband, not X
            return None if start and s.words[start - 1] in self.lex.prepositions else named
        if x < 0:
            return None
        comma = next((m for m in range(x, max(-1, x - 14), -1) if s.words[m] in (",", ";")), None)
        if comma is None or s.words[comma] != "," \
                or not (comma + 1 < len(s.words) and s.words[comma + 1] in ("a", "an", "the")):
            return None
        return self._person_ending_any(s, comma - 1)

    def _group_before(self, k: int, s: _Sentence, n: int) -> list[Mention] | None:
        """"The pair", "the couple", "both" (over an aside between commas) right before word ``n`` + 1: the
        two or three people joined by "and" in the sentence before."""
        if n >= 0 and s.words[n] == ",":
            back = next((m for m in range(n - 1, max(-1, n - 10), -1) if s.words[m] == ","), None)
            n = back - 1 if back is not None else n
        if n < 0 or s.words[n] not in ("pair", "couple", "two", "both", "three", "duo", "they"):
            return None
        if s.words[n] not in ("both", "they") and (n == 0 or s.words[n - 1] not in ("the", "this")):
            return None
        for back in range(k - 1, max(-1, k - 3), -1):
            prev = self.sentence(back)
            found = [m for start, (m, e) in sorted(prev.mention_at.items())
                     if (e < len(prev.words) and prev.words[e] == "and" and e + 1 in prev.mention_at)
                     or (start >= 1 and prev.words[start - 1] == "and" and any(
                         e2 == start - 1 for _, (_, e2) in prev.mention_at.items()))]
            if len(found) >= 2:
                return found
        return None

    def _passive_one(self, k: int, s: _Sentence, r: _Raw, n: int) -> list[Mention]:
        words = s.words
        if n >= 0 and words[n] in ("—", "–"):  # "The journalists — A, B and C — were pardoned"
            opening = next((m for m in range(n - 1, max(-1, n - 30), -1) if words[m] in ("—", "–")), None)
            return self._list_people(k, s, opening + 1) if opening is not None else []
        if n >= 0 and words[n].isalpha() and not any(st <= n < e for st, (_, e) in s.mention_at.items()) \
                and words[n] not in self.lex.prepositions and words[n] not in _NOT_NOUNS \
                and words[n] not in _DETERMINERS and words[n] not in self.lex.pronoun_gender:
            # "Aleh Sakalouski, a 58-year-old mechanic freed on Saturday": the name the aside is about
            comma = next((m for m in range(n - 1, max(-1, n - 8), -1) if words[m] == ","), None)
            if comma is not None and comma + 1 < len(words) and words[comma + 1] in ("a", "an", "the"):
                named = self._person_ending_any(s, comma - 1)
                return [named] if named is not None else []
            return []
        one = self._passive_single(k, s, r, n)
        if one is None:
            return []
        return self._with_coordinated(s, one)

    def _with_coordinated(self, s: _Sentence, m: Mention) -> list[Mention]:
        """``m`` and the names joined to it before by "and" or commas ("A, B and C were arrested")."""
        starts = {mm.start: st for st, (mm, _) in s.mention_at.items()}
        ends = {e - 1: mm for _, (mm, e) in s.mention_at.items()}
        out = [m]
        x = starts.get(m.start)
        while x is not None:
            y = x - 1
            while y >= 0 and y >= x - 3 and s.words[y] in _KIN_WORDS:  # "and his wife Y"
                y -= 1
            if y < 1 or s.words[y] not in ("and", ","):
                break
            y -= 1
            if y >= 0 and s.words[y] == "," and y not in ends:  # "X, a retired engineer, and Y": over the aside
                back = next((m for m in range(y - 1, max(-1, y - 15), -1) if s.words[m] == ","), None)
                y = back - 1 if back is not None else y
            if y not in ends:
                break
            prev = ends[y]
            out.insert(0, prev)
            x = starts.get(prev.start)
        return out

    def _passive_single(self, k: int, s: _Sentence, r: _Raw | None, n: int) -> Mention | None:
        words = s.words
        if n >= 0 and words[n] in ("and", "or"):
            be = self._earlier_be(s, n)
            if be is not None and words[be - 1 if be else 0] not in ("and",):
                m = be - 1
                while m >= 0 and (words[m] in _ADVERBS or words[m].endswith("ly")):
                    m -= 1
                found = self._person_ending(k, s, m)
                if found is not None:
                    return found
            return self._clause_subject(k, s, n)
        if n >= 0 and words[n] == ",":
            # "Roman Protasevich, was arrested"; "X, 44, a dentist, was jailed": over up to three asides
            for _ in range(4):
                found = self._person_ending(k, s, n - 1)
                if found is not None:
                    return found
                back = next((m for m in range(n - 1, max(-1, n - 25), -1) if words[m] == ","), None)
                if back is None:
                    return None
                n = back
            return None
        return self._person_ending(k, s, n)

    def _clause_subject(self, k: int, s: _Sentence, before: int) -> Mention | None:
        """The first person of the clause ending at word ``before`` who is not an object ("X decided to run
        against Y ... and was arrested" → X)."""
        lo = 0
        for n in range(before - 1, -1, -1):
            if s.words[n] in _CLAUSE_END:
                lo = n + 1
                break
        for n in range(lo, before):
            if n in s.mention_at or (s.words[n] in self.lex.pronoun_gender
                                     and s.words[n] not in self.lex.possessive_pronouns):
                if n > 0 and s.words[n - 1] in self.lex.prepositions:
                    continue
                m = self._person_at(k, s, n)
                if m is not None and not self._possessive_after(s, n):
                    return m
        return None

    def _possessive_after(self, s: _Sentence, n: int) -> bool:
        e = s.mention_at[n][1] if n in s.mention_at else n + 1
        return e < len(s.words) and s.words[e] in ("'s", "’s")

    def _person_ending(self, k: int, s: _Sentence, n: int) -> Mention | None:
        """The person (mention or pronoun) whose last word is word ``n`` (a parenthesised alternate spelling
        after it is skipped), unless it is the object of a preposition."""
        if n < 0:
            return None
        if s.words[n] == ")":  # "Sergey Tikhanovsky (Siarhei Tsikhanouskiy)"
            opening = next((m for m in range(n - 1, max(-1, n - 8), -1) if s.words[m] == "("), None)
            if opening is None:
                return None
            n = opening - 1
        for start, (m, e) in s.mention_at.items():
            if e - 1 == n:
                if start > 0 and s.words[start - 1] in self.lex.prepositions:
                    return None
                return m
        if s.words[n] in self.lex.pronoun_gender and s.words[n] not in self.lex.possessive_pronouns:
            return self.pronoun(k, n)
        return None

    def _person_at(self, k: int, s: _Sentence, n: int) -> Mention | None:
        """The person named or referred to at word ``n`` (titles and adjectives before a name are skipped)."""
        for m in range(n, min(len(s.words), n + self.lex.object_skip)):
            if m in s.mention_at:
                return s.mention_at[m][0]
            if s.words[m] in self.lex.pronoun_gender:
                return self.pronoun(k, m)
            if not s.words[m].isalnum() and s.words[m] not in ("-",):
                return None
        return None

    def _person_left(self, k: int, s: _Sentence, n: int) -> Mention | None:
        """The person right before word ``n``, over "was", "is", "also" and asides ("X, 69, was among ...")."""
        m = n - 1
        while m >= 0 and (s.words[m] in _BE or s.words[m] in _ADVERBS):
            m -= 1
        return self._passive_single(k, s, None, m)

    def _possessor(self, k: int, s: _Sentence, i: int) -> Mention | None:
        """"X's release", "his arrest", "Tikhanovsky's dramatic release": the person whose it is."""
        words = s.words
        n = i - 1
        hops = 0
        while n >= 0 and hops < 3 and words[n] not in ("'s", "’s") and words[n] not in self.lex.possessive_pronouns:
            if not words[n].isalpha() or words[n] in _DETERMINERS or words[n] in self.lex.prepositions:
                return None
            n -= 1
            hops += 1
        if n < 0:
            return None
        if words[n] in self.lex.possessive_pronouns:
            return self.pronoun(k, n)
        if words[n] in ("'s", "’s"):
            return self._person_ending_any(s, n - 1)
        return None

    def _person_ending_any(self, s: _Sentence, n: int) -> Mention | None:
        for _start, (m, e) in s.mention_at.items():
            if e - 1 == n:
                return m
        return None

    def _objects(self, k: int, s: _Sentence, r: _Raw) -> list[Mention]:
        """The people right after an active verb or a noun ("arrested journalist X", "the release of X",
        "sentenced him", "pardoned X and Y"), over a few lower-case words; not across a count, a comma or
        another clause. People named inside the trigger are its objects too ("handed X a ten-year sentence")."""
        inside = [s.mention_at[m][0] for m in range(r.i + 1, r.j) if m in s.mention_at]
        inside += [p for m in range(r.i + 1, r.j) if s.words[m] in self.lex.object_pronouns
                   and (p := self.pronoun(k, m)) is not None]
        if inside:
            return inside
        words = s.words
        n = r.j
        if n < len(words) and words[n] in ("of", "for") and r.part == "noun":
            n += 1
        for m in range(n, min(len(words), n + self.lex.object_skip)):
            if m in s.mention_at:
                return self._list_people(k, s, m)
            w = words[m]
            if w in self.lex.possessive_pronouns and m + 1 < len(words) and words[m + 1] in self.lex.unnamed_gender:
                # "the release of her husband, Siarhei Tsikhanouski": the name in apposition, if any
                after = m + 2
                if after + 1 < len(words) and words[after] == "," and after + 1 in s.mention_at:
                    return [s.mention_at[after + 1][0]]
                return []
            if w in self.lex.object_pronouns or (w in self.lex.pronoun_gender and m == n):
                found = self.pronoun(k, m) if w not in self.lex.possessive_pronouns or m == n else None
                return [found] if found is not None else []
            if not w.isalpha() or w in self.lex.prepositions or w in _PLURAL_SUBJECTS or w in _RELATIVE \
                    or w in _BE or w in _SUBORDINATORS or w[0].isdigit():
                return []
        return []

    def _enumeration_after(self, s: _Sentence, r: _Raw, others: list[_Raw]) -> list[int]:
        """Word indexes where a list of the event's people starts, after the trigger in its clause and
        before the next trigger."""
        nxt = min((x.i for x in others if x.i >= r.j), default=len(s.words))
        for n, end in self._enumerations(s).items():  # in word order
            if n >= r.j:  # the first after the trigger: before the next one, and no clause ends on the way
                return [end] if n < nxt and _ENUMERATION_STOPS.isdisjoint(s.words[r.j:n + 1]) else []
        return []

    def _list_people(self, k: int, s: _Sentence, n: int) -> list[Mention]:
        """The people of a list starting at word ``n``: names separated by commas and "and", each maybe after a
        title ("journalist Igor Losik"); not the object of a preposition ("the husband of X"), not a possessor
        ("X's running mate"), not in a relative clause after an item ("Y, who was a candidate in 2010")."""
        words, out = s.words, []
        m = n
        item_of = False  # the current item has had "of": "the husband of X"
        while m < len(words):
            w = words[m]
            if w in _RELATIVE and m > n:  # "X, who was a candidate in 2010, and Y": the aside is skipped
                close = next((x for x in range(m + 1, len(words)) if words[x] in (",", ";", ".")), None)
                if close is None or words[close] != ",":
                    break
                m = close
                continue
            if w in _CLAUSE_END or w == "." or (w in _LIST_STOPS and m > n) or (m > n and self._date_follows(s, m)):
                break
            if w in (",", "and", "or"):
                item_of = False
            elif w in _ITEM_OF:
                item_of = True
            if w == "(":  # an alternate spelling or an aside: not a new item
                close = next((x for x in range(m + 1, min(len(words), m + 12)) if words[x] == ")"), None)
                m = (close + 1) if close is not None else m + 1
                continue
            if w in ("were", "was", "are", "is") and not out:
                m += 1
                continue
            if m in s.mention_at:
                mention, e = s.mention_at[m]
                prev = words[m - 1] if m > 0 else ""
                if not item_of and (m == n or prev not in self.lex.prepositions) and not self._possessive_after(s, m):
                    out.append(mention)
                m = e
                if m + 1 < len(words) and words[m] == "," and (words[m + 1] in ("a", "an", "the")
                                                               or words[m + 1][0].isdigit()):
                    # "X, a 64-year-old engineer with cancer, and Y": over the aside about X
                    close = next((x for x in range(m + 1, min(len(words), m + 20)) if words[x] in (",", ";", ".")),
                                 None)
                    if close is not None and words[close] == ",":
                        m = close
                continue
            if w in self.lex.pronoun_gender and w not in self.lex.possessive_pronouns:
                mention = self.pronoun(k, m)
                if mention is not None:
                    out.append(mention)
            m += 1
        return out

    def _followup(self, k: int, raws: list[_Raw]) -> None:
        """"The 52 include X, Y and Z": the people of an event of the sentence before, named right after the
        verb (not a pronoun: "They are expelled, ... she said")."""
        a, b = self.bounds[k]
        if not _starts_re(self.lex.followup_starts).match(self.text, a, b):
            return  # most sentences: no closer look
        recent = [r for r in raws[-12:] if k - r.rank <= 3 and not r.proposed]
        if not recent:
            return
        last = recent[-1]
        s = self.sentence(k)
        words = s.words
        if not words:
            return
        if words[0] not in self.lex.followup_starts:
            return
        verb = next((n for n, w in enumerate(words[:8]) if w in self.lex.followup_verbs), None)
        if verb is None:
            return
        number = next((parse_number(w) for w in words[:verb] if parse_number(w) is not None), None)
        if number is not None:  # "The 52 include": the release of 52 of the sentences before
            last = next((r for r in reversed(recent) if r.count is not None and r.count.value == number), None)
        elif last.rank != k - 1:
            return  # "They include": only the sentence right before
        if last is None:
            return
        if not any(n in s.mention_at for n in range(verb + 1, min(len(words), verb + 4))):
            return
        last.subjects += [m for m in self._list_people(k, s, verb + 1) if m.start >= s.starts[verb]
                          and any(mm is m for mm, _ in s.mention_at.values())]

    # --- pronouns -------------------------------------------------------------------------------------------

    def gender(self, m: Mention) -> str:
        g = self._gender.get(m.start)
        if g is None:
            g = self._gender[m.start] = _gender_of(m)
        return g

    def pronoun(self, k: int, n: int) -> Mention | None:
        """The person a he/she/him/her at word ``n`` of sentence ``k`` refers to, or None (unknown or unnamed).

        In its sentence: the nearest earlier person of its gender (an object pronoun never refers to the
        subject of its own clause), unless an unnamed person of that gender comes between ("the husband of X,
        who ... he"). Else the first person of its gender in the nearest of the three sentences before.
        """
        key = (k, n)
        if key in self._pronouns:
            return self._pronouns[key]
        if self._depth >= _PRONOUN_CHAIN:
            return None  # "He ... He ... He ..." over hundreds of sentences: a chain this long names nobody sure
        self._pronouns[key] = None  # a cycle resolves to nobody
        self._depth += 1
        try:
            found = self._resolve(k, n)
        finally:
            self._depth -= 1
        self._pronouns[key] = found
        return found

    def _resolve(self, k: int, n: int) -> Mention | None:
        s = self.sentence(k)
        g = self.lex.pronoun_gender.get(s.words[n])
        found = None
        if g is not None:
            found = self._in_sentence(k, s, n, g)
            if found is None and not self._blocked_in_sentence:
                # cataphora: "In her first words after her release, Larissa Shchyrakova said ..."
                comma = next((m for m in range(n, len(s.words)) if s.words[m] == ","), None)
                if comma is not None and s.words[0] not in self.lex.pronoun_gender \
                        and all(w not in ("said", "told") for w in s.words[:n]):
                    cand = s.mention_at.get(comma + 1) or (s.mention_at.get(comma + 2) if comma + 2 < len(s.words)
                                                           else None)
                    cand = cand or next((s.mention_at[x] for x in range(comma + 1, min(len(s.words), comma + 5))
                                         if x in s.mention_at), None)
                    if cand is not None and self.gender(cand[0]) in (g, ""):
                        found = cand[0]
                if found is None:
                    for back in range(k - 1, max(-1, k - 4), -1):
                        found = self._focus(back, g)
                        if found is not None:
                            break
        return found

    def _in_sentence(self, k: int, s: _Sentence, n: int, g: str) -> Mention | None:
        self._blocked_in_sentence = False
        obj = s.words[n] in self.lex.object_pronouns and s.words[n] not in self.lex.possessive_pronouns
        for start in sorted((x for x in s.mention_at if x < n), reverse=True):
            m, e = s.mention_at[start]
            if self.gender(m) not in (g, ""):
                continue
            if self._unnamed_between(s, e, n, g):
                self._blocked_in_sentence = True
                return None
            if obj and not any(w in _CLAUSE_END or w == "," for w in s.words[e:n]) and e <= n - 1:
                continue  # "Lukashenka's regime arrested him": not Lukashenka
            if start > 0 and s.words[start - 1] == "(":
                continue
            return m
        return None

    def _unnamed_between(self, s: _Sentence, a: int, b: int, g: str) -> bool:
        """An unnamed person of gender ``g`` named by a noun + "of" between words a and b ("including the
        husband of X, who ... he"); not one in apposition to a name ("Sergey Tikhanovsky, the husband of")."""
        for x in range(a, b):
            if self.lex.unnamed_gender.get(s.words[x]) == g and x + 1 < b and s.words[x + 1] == "of":
                y = x - 1
                while y >= 0 and s.words[y] in _DETERMINERS:
                    y -= 1
                if y >= 1 and s.words[y] == "," and (s.words[y - 1] == ")" or
                                                      any(e - 1 == y - 1 for _, e in s.mention_at.values())):
                    continue
                return True
        return False

    def _focus(self, k: int, g: str) -> Mention | None:
        """The first person of gender ``g`` in sentence ``k`` who is a subject (a name, or a pronoun resolved):
        not the object of a preposition, not in a leading subordinate clause ("While X fled ..., Y stayed");
        else the first person of that gender at all."""
        s = self.sentence(k)
        for n, w in enumerate(s.words):  # a pronoun carries its sentence's centre on ("he ... He was arrested")
            if w in ("he", "she") and self.lex.pronoun_gender.get(w) == g:
                found = self.pronoun(k, n)
                if found is not None:
                    return found
        lead = 0
        if s.words and s.words[0] in _SUBORDINATORS | {"despite", "unlike", "like"}:
            lead = next((n for n, w in enumerate(s.words) if w == ","), 0)
        first = None
        for n, w in enumerate(s.words):
            if n in s.mention_at:
                m = s.mention_at[n][0]
                prev = s.words[n - 1] if n else ""
                if self.gender(m) not in (g, "") or prev == "(":
                    continue
            elif self.lex.pronoun_gender.get(w) == g:
                m = self.pronoun(k, n)
                prev = s.words[n - 1] if n else ""
                if m is None:
                    continue
            else:
                continue
            if first is None:
                first = m
            if n >= lead and prev not in self.lex.prepositions:
                return m
        return first

    # --- results -------------------------------------------------------------------------------------------

    def _fact(self, e: _Event) -> EventFact:
        first = e.reports[0]
        c = e.count
        cf = c if isinstance(c, CountFact) else None
        return EventFact(
            kind=e.kind, proposed=e.proposed, date=e.date,
            count=int(c.value) if c is not None else None,
            high=c.high if c is not None else None,
            qualifier=c.qualifier if c is not None else None,
            subjects=tuple(e.subjects), trigger=first.trigger,
            text=self.text[first.sent.start:first.sent.end], start=first.sent.start, end=first.sent.end,
            count_start=cf.start if cf is not None else None, date_start=e.date_start,
        )


# --- joining the reports of a page ---------------------------------------------------------------------------

def _join(raws: list[_Raw], published: date | None = None) -> list[_Event]:
    """The events of a page from its reports: first those with a count or a date and no people, in text order,
    each joining the first event it agrees with; then those naming people, which join an event sharing a person
    (in any order of the text: "his release" in a caption before "X was released in June"), else the page's
    main event of their kind (see :func:`_main`), else start their own."""
    events: list[_Event] = []
    raws = [r for r in raws if r.count is not None or r.subjects or (r.date is not None and not r.date_weak)]
    figures = [r for r in raws if (r.count is not None or r.date is not None) and (not r.subjects or r.count)]
    people = [r for r in raws if r.subjects and r.count is None]
    # counts first, then reports with only a date: "Buses brought the freed prisoners across on Thursday" finds the
    # release of 52 whatever sentence gave that release its date
    for r in [r for r in figures if r.count is not None] + [r for r in figures if r.count is None]:
        target = next((e for e in events if _same(e, r)), None)
        if target is None and r.count is None and not r.subjects:
            # "Buses brought the freed prisoners across on Thursday": the date of the page's undated main event
            target = min((e for e in events if e.kind == r.kind and e.proposed == r.proposed and e.date is None),
                         default=None, key=_position)
        _add(events, r, target)
    for r in people:
        target = next((e for e in events if _same(e, r)), None)
        if target is None and not r.proposed:
            target = _main(events, r, published)
            _add(events, r, target, refine=False)  # one person's date is not the group's ("detained on Oct. 14")
        else:
            _add(events, r, target)
    return sorted(events, key=_position)


def _main(events: list[_Event], r: _Raw, published: date | None) -> _Event | None:
    """The event a report naming people belongs to when nothing else ties it: for a release, the page's first
    reported release ("Among those freed was X", "after her release, Y said"); for another kind, a group
    report of the page's lead that names nobody ("a court sentenced a married couple ... X was handed a
    13-year term"). A dated report joins only an event of a compatible date, or an undated one when its date is
    within ten days of the page's publication (a recent happening the page leads with)."""
    lead = [e for e in events if e.kind == r.kind and not e.proposed]
    if r.kind != "release":
        lead = [e for e in lead if not e.subjects and _sentence_rank(e) <= 3 and _group(e)]
    main = min(lead, default=None, key=_position)
    if main is None or r.date is None:
        return main
    if main.date is not None:
        return main if (main.date.startswith(r.date) or r.date.startswith(main.date)) else None
    return main if published is not None and _recent(r.date, published) else None


def _group(e: _Event) -> bool:
    """A report about several people: a count of two or more, or a group word ("a married couple")."""
    if e.count is not None:
        return e.count.value >= 2
    first = e.reports[0]
    return any(w in _GROUP_WORDS for w in first.sent.words)


def _sentence_rank(e: _Event) -> int:
    return e.reports[0].rank


def _recent(value: str, published: date) -> bool:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return 0 <= (published - day).days <= 10


def _position(e: _Event) -> int:
    return min(r.sent.start + r.i for r in e.reports)


def _add(events: list[_Event], r: _Raw, target: _Event | None, refine: bool = True) -> None:
    if target is None:
        events.append(_Event(r.kind, r.proposed, [r], r.count, r.date, r.date_start, list(r.subjects)))
    else:
        target.reports.append(r)
        if target.count is None and r.count is not None:
            target.count = r.count
        if r.date is not None and (target.date is None or (refine and len(r.date) > len(target.date)
                                                             and r.date[5:6].isdigit())):
            target.date, target.date_start = r.date, r.date_start  # the more specific date: "June" → "June 21"
        known = {m.start for m in target.subjects}
        target.subjects += [m for m in r.subjects if m.start not in known]


def _one_per_reference(dates: list[DateFact], text: str) -> list[DateFact]:
    """Dates with a date inside or right beside a more specific one folded into it: "June last year" is one
    reference (2024-06), not also "last year" (2024)."""
    out: list[DateFact] = []
    for d in dates:
        prev = out[-1] if out else None
        if prev is not None and (d.start < prev.end or not text[prev.end:d.start].strip()) \
                and (prev.value.startswith(d.value) or d.value.startswith(prev.value)):
            best = prev if len(prev.value) >= len(d.value) else d
            out[-1] = DateFact(best.value, text[prev.start:max(prev.end, d.end)], prev.start, max(prev.end, d.end))
            continue
        out.append(d)
    return out


def _complete(raws: list[_Raw]) -> list[_Raw]:
    """Reports of one kind in one sentence that complete each other are one: "X, who was taken into custody in
    May 2021, was freed in 2023 ... pardoned" → the date of one, the person of the other."""
    out: list[_Raw] = []
    for r in raws:
        prev = next((p for p in reversed(out) if p.kind == r.kind and p.proposed == r.proposed), None)
        if prev is not None and (not prev.subjects or not r.subjects) and not (prev.subjects and r.subjects) \
                and (prev.count is None or r.count is None) and (prev.date is None or r.date is None) \
                and not r.distinct and not r.other_side and not prev.other_side \
                and (prev.subjects or prev.count or prev.date) and (r.subjects or r.count or r.date):
            prev.subjects = prev.subjects or r.subjects
            prev.count = prev.count or r.count
            if prev.date is None:
                prev.date, prev.date_start = r.date, r.date_start
            continue
        out.append(r)
    return out


def _same(e: _Event, r: _Raw) -> bool:
    """Whether report ``r`` is of event ``e``: the same kind and proposal, no figure in conflict, and a tie."""
    if e.kind != r.kind or e.proposed != r.proposed:
        return False
    same_count = e.count is not None and r.count is not None and e.count.value == r.count.value
    if e.count is not None and r.count is not None and not same_count:
        return False
    if e.date is not None and r.date is not None and not (e.date.startswith(r.date) or r.date.startswith(e.date)):
        return False
    shared = bool({m.name for m in e.subjects} & {m.name for m in r.subjects}) or \
        bool(_ids(e.subjects) & _ids(r.subjects))
    here = r.sent.start + r.i
    if (r.distinct or any(x.distinct and x.sent.start + x.i > here for x in e.reports)) and not same_count:
        # "a new sentence", "another 14": not the one before unless the count, or the person and date, agree
        return shared and e.date is not None and r.date is not None
    if e.subjects and r.subjects and not shared and not same_count:
        return False
    # the same date ties reports only when one of them says nothing else ("freed prisoners on Thursday")
    same_date = e.date is not None and r.date is not None and (
        (e.count is None and not e.subjects) or (r.count is None and not r.subjects))
    if e.proposed:
        return same_count or shared or (e.count is None and not e.subjects) or (r.count is None and not r.subjects)
    if e.kind == "held":
        return same_count or shared
    return same_count or shared or same_date


def _ids(mentions: list[Mention]) -> set[str]:
    return {m.gazetteer_id for m in mentions if m.gazetteer_id}


# --- small helpers ---------------------------------------------------------------------------------------------

def _within(items: list, starts: list[int], a: int, b: int) -> list:
    """Items (sorted by start, ``starts`` their starts) that start in [a, b)."""
    return items[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]


def _word_at(starts: list[int], x: int) -> int | None:
    """The index of the word starting at offset ``x`` (``starts`` a sentence's word starts, increasing), or
    None: a bisection, not a dict of every word's start built for a few counts and dates a sentence."""
    n = bisect.bisect_left(starts, x)
    return n if n < len(starts) and starts[n] == x else None


def _tokens(text: str, a: int, b: int) -> tuple[list[str], list[int], list[int]]:
    """The words of ``text[a:b]`` (lower case, "’" as "'") with their start and end offsets: the sentence's
    lower case split by the tokens (one C call, see :data:`_TOKEN_SPLIT_RE`). Lower case keeps every
    character's class (a word character, a digit, a space) and the tokens' literals, except "S" after an
    apostrophe ("X'S" is one token, "x's" two) and a character whose lower case is longer: those sentences are
    read the plain way (:func:`_tokens_plain`)."""
    seg = text[a:b]
    low = seg.lower()
    if len(low) != len(seg) or "'S" in seg or "’S" in seg:
        return _tokens_plain(text, a, b)
    if "’" in low:
        low = low.replace("’", "'")
    if low.isprintable():  # no white space but " " (most sentences): its pieces between spaces
        return _tokens_by_space(low, a)
    parts = _TOKEN_SPLIT_RE.split(low)  # white space, token, white space, ..., token, white space
    offsets = list(accumulate(map(len, parts), initial=a))
    return parts[1::2], offsets[1:-1:2], offsets[2::2]


#: signs that end a piece between spaces after its letters or digits ("prisoners,"): a token of their own
_END_SIGNS = frozenset(',.;:!?)"')


def _tokens_by_space(low: str, a: int) -> tuple[list[str], list[int], list[int]]:
    """:func:`_tokens` of a sentence's lower case ``low`` (starting at ``a``) whose only white space is " ":
    most pieces between its spaces are one word ("freed") or a word and a sign ("prisoners,"), read without a
    regex; the others are matched by :data:`_TOKEN_RE` within the piece (a space or the end follows it, so its
    tokens are those of the whole sentence there). ``_TOKEN_SPLIT_RE`` cost 120,000 instructions a sentence."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    x = a
    for piece in low.split(" "):
        k = len(piece)
        if piece.isalnum():  # word characters only: one token, whether it starts with a letter or a digit
            words.append(piece)
            starts.append(x)
            ends.append(x + k)
        elif k > 1 and piece[-1] in _END_SIGNS and piece[:-1].isalnum():
            words += (piece[:-1], piece[-1])
            starts += (x, x + k - 1)
            ends += (x + k - 1, x + k)
        elif k:
            for m in _TOKEN_RE.finditer(low, x - a, x - a + k):
                words.append(m[0])
                starts.append(m.start() + a)
                ends.append(m.end() + a)
        x += k + 1
    return words, starts, ends


def _tokens_plain(text: str, a: int, b: int) -> tuple[list[str], list[int], list[int]]:
    """:func:`_tokens` by a match a token: the tokens of the text as written, each word the sentence's lower
    case there (one lower() a sentence, so a Greek final sigma reads as in the sentence), or its own lower case
    when a character's lower case is longer."""
    spans = [m.span() for m in _TOKEN_RE.finditer(text, a, b)]
    starts = [x for x, _ in spans]
    ends = [y for _, y in spans]
    low = text[a:b].lower()
    if len(low) == b - a:
        if "’" in low:
            low = low.replace("’", "'")
        words = [low[x - a:y - a] for x, y in spans]
    else:
        words = [text[x:y].lower().replace("’", "'") for x, y in spans]
    return words, starts, ends


def _choose(hits: list[tuple[str, str, int]], words: list[str], i: int) -> tuple[str, str, int]:
    """The trigger read at word ``i``: the longest; a word both verb and noun ("release") is a noun after a
    determiner or before "of"."""
    if len(hits) == 1:
        return hits[0]  # most words: one reading
    longest = max(e for _, _, e in hits)
    hits = [h for h in hits if h[2] == longest]
    if len(hits) > 1:
        noun = (i > 0 and (words[i - 1] in _DETERMINERS or words[i - 1] in ("prisoner", "surprise", "dramatic",
                                                                             "latest", "possible", "potential")))\
            or (i > 0 and words[i - 1] == "in" and longest < len(words) and words[longest] == "for")\
            or (longest < len(words) and words[longest] == "of")
        for h in hits:
            if (h[1] == "noun") == noun:
                return h
    return hits[0]


_IRREGULAR_PARTICIPLES = frozenset({"found", "held", "given", "taken", "put", "sent", "brought", "caught", "kept",
                                    "thrown", "let", "set", "seized", "picked", "rounded"})


def _participle(word: str) -> bool:
    """A past participle ("freed", "found", "taken"): what a passive or a reduced relative is made of."""
    return word.endswith("ed") or word in _IRREGULAR_PARTICIPLES


def _frees_someone(words: list[str], i: int, mention_at: dict) -> bool:
    """Whether "free" at ``i`` is the verb: after "to" or a modal, or before whom it frees ("free all 1,300",
    "free them", "free X")."""
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return before in ("to", "will", "would", "could", "can", "must", "should", "may", "might", "not") \
        or after in ("all", "the", "them", "him", "her", "those", "more", "political", "prisoners", "detainees") \
        or after[:1].isdigit() or (i + 1) in mention_at


def _word_after(s: _Sentence, n: int, end: int) -> int:
    """The first word from word ``n`` on that starts at or after offset ``end`` (the words' count if none)."""
    return bisect.bisect_left(s.starts, end, n)


def _is_attributive(words: list[str], s: _Sentence, d: DateFact, text: str) -> bool:
    """A year naming a thing rather than dating the event: "the 2021 protests", "Lukashenko's 2020 win"."""
    n = bisect.bisect_left(s.starts, d.start)
    if n == len(s.starts) or s.starts[n] != d.start:
        return False
    after = _word_after(s, n, d.end)
    return n > 0 and words[n - 1] in ("the", "'s") and after < len(words) and words[after].isalpha() \
        and text[s.starts[after]].islower()


def _counterpart(words: list[str], r: _Raw) -> bool:
    """"in exchange for Y": a release noun naming the other side of a swap."""
    return r.kind == "release" and r.part == "noun" and r.i > 0 and words[r.i - 1] == "in" \
        and r.j < len(words) and words[r.j] == "for"


def _joined(words: list[str], a: int, b: int) -> bool:
    """Whether words a..b are only "and"/"or"/"," (two triggers of one report)."""
    return 0 < b - a <= 2 and all(w in ("and", "or", ",") for w in words[a:b])


def _any_phrase(phrases: PhraseSet, words: list[str], a: int, b: int) -> bool:
    return phrases.within(words, a, b)


def _ends_phrase(phrases: PhraseSet, words: list[str], n: int, gap: int = 1, fillers: bool = True) -> bool:
    """Whether a phrase ends within ``gap`` words before word ``n`` ("since July", "reported on August 28")."""
    if phrases.starts.keys().isdisjoint(words[max(0, n - 4 - gap):n]):
        return False  # most dates: no such phrase starts before them
    for start in range(max(0, n - 4 - gap), n):
        if words[start] not in phrases.starts:
            continue
        for end in phrases.matches_at(words, start):
            if n - gap <= end <= n:
                if not fillers or all(w in ("the", "on", "in", "of", "a", "to", "late", "early", "mid")
                                      for w in words[end:n]):
                    return True
    return False


def _distance(s: _Sentence, a: int, b: int, listed: list[tuple[int, int]]) -> int:
    """Words from ``a`` to ``b``, not counting a parenthesis or a list of people between them."""
    if not listed and "(" not in s.words[a:b]:
        return b - a  # nothing to leave out
    skip = 0
    depth = 0
    for x in range(a, b):
        w = s.words[x]
        if w == "(":
            depth += 1
        if depth or any(lo <= x < hi for lo, hi in listed):
            skip += 1
        if w == ")" and depth:
            depth -= 1
    return b - a - skip


def _before_parenthesis(words: list[str], n: int) -> int:
    """The word before the parenthesis that closes at word ``n``."""
    opening = next((m for m in range(n - 1, max(-1, n - 12), -1) if words[m] == "("), None)
    return opening - 1 if opening is not None else -1


_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")


#: a sentence's level (:func:`_trigger_levels`): no word a trigger starts with; such a word but no trigger
#: phrase that its words allow; a trigger may match
_NO_TRIGGER, _NO_MATCH, _MAY_MATCH = 0, 1, 2


def _trigger_sentences(text: str, starts: Sequence[int], ends: Sequence[int], lex: EventLexicon) -> list[bool]:
    """Whether each sentence holds a word a trigger can start with (see :func:`_trigger_levels`)."""
    return [level != _NO_TRIGGER for level in _trigger_levels(text, starts, ends, lex)]


def _trigger_levels(text: str, starts: Sequence[int], ends: Sequence[int], lex: EventLexicon) -> list[int]:
    """Each sentence's level: whether it holds a word a trigger can start with (the words of each sentence
    looked up; a scan of the page's words, ``_trigger_words``, sees the same words when no word runs over a
    sentence's edge, otherwise that scan is made) and whether a trigger phrase may match there. A sentence's
    word ("held") that a phrase needs more words for ("held in custody") is often all it has: without
    an apostrophe (a word may then be written in pieces, "X's-freed") a sentence's plain words here are
    among its words read closer (``_tokens``), so a sentence missing a word a phrase needs holds no match of
    it, and is read no closer (:meth:`EventLexicon.may_match`)."""
    low = folded(text)  # the counts and dates of the page have lowered it (the cache's); else its lower case
    if low is None:
        low = text.lower()
    if len(low) == len(text) and not any(_runs_over(low, x) for x in (*starts, *ends)):
        keys = lex.starts.keys()
        levels = []
        plain = _plain_letters(low)
        for a, b in zip(starts, ends, strict=True):
            # the words of ``_WORD_RE`` in the sentence: its pieces between spaces when it has no hyphen
            words = plain[a:b].split() if plain.find("-", a, b) < 0 else _WORD_RE.findall(plain, a, b)
            firsts = keys & words
            if not firsts:
                levels.append(_NO_TRIGGER)
            elif low.find("'", a, b) >= 0 or low.find("’", a, b) >= 0 or lex.may_match(firsts, set(words)):
                levels.append(_MAY_MATCH)
            else:
                levels.append(_NO_MATCH)
        return levels
    hits = _trigger_words(text, lex)
    return [_MAY_MATCH if bisect.bisect_left(hits, a) < bisect.bisect_left(hits, b) else _NO_TRIGGER
            for a, b in zip(starts, ends, strict=True)]


#: every byte but a lower-case ASCII letter and "-" as a space (:func:`_plain_letters`)
_PLAIN_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz-" else 32 for c in range(256))


def _plain_letters(low: str) -> str:
    """``low`` with each character ``_WORD_RE`` cannot match (all but a-z and "-") as a space, offsets kept (a
    character outside ASCII becomes one "?", then a space). ``_WORD_RE`` finds the same words in it, and in a
    stretch without "-" they are its pieces between spaces: three C passes over the page instead of the regex
    tried at every character of every sentence (3.6 million instructions a page)."""
    return low.encode("ascii", "replace").translate(_PLAIN_BYTES).decode("ascii")


def _runs_over(low: str, x: int) -> bool:
    """Whether a word may run over offset ``x`` (letters or hyphens on both sides)."""
    return 0 < x < len(low) and low[x - 1] in _WORD_CHARS and low[x] in _WORD_CHARS


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz-")


def _trigger_words(text: str, lex: EventLexicon) -> list[int]:
    """Offsets of the words a trigger can start with: a scan of the page's words and a set lookup each (a regex
    of the ninety first words, tried at every character, cost ten times more)."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: offsets would shift
        return [m.start() for m in lex.maybe.finditer(text)]
    starts = lex.starts
    return [m.start() for m in _WORD_RE.finditer(low) if m[0] in starts]


@lru_cache(maxsize=8)
def _starts_re(words: frozenset[str]) -> re.Pattern[str]:
    """A sentence that starts with one of ``words`` ("The 52 include ...", "Among them were ...")."""
    return re.compile(r"\s*(?:" + "|".join(sorted(map(re.escape, words))) + r")\b", re.I)


def _title_case(text: str, s: _Sentence) -> bool:
    """A headline in title case ("Russia Frees Three Americans"): capitals there say nothing of names."""
    alpha = [x for w, x in zip(s.words, s.starts, strict=True) if w.isalpha() and len(w) > 3]
    return len(alpha) >= 3 and sum(text[x].isupper() for x in alpha) >= 0.7 * len(alpha)


def _inside_relative(words: list[str], i: int, n: int) -> bool:
    """Whether the trigger at ``i`` is in a relative clause ("X, who were among those freed, ...") that closes
    before word ``n``."""
    opening = next((m for m in range(i - 1, max(-1, i - 8), -1) if words[m] in ("who", "which", ",")), None)
    return opening is not None and words[opening] in ("who", "which") and "," in words[i:n]


def _word_char(c: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return c.isalnum() or c == "_"


def _has_material(text: str, a: int, b: int, foldable: bool) -> bool:
    """Whether ``_MATERIAL_RE`` finds something in ``text[a:b]``: a digit, or a run of word characters that is
    one of its words or starts with one of its numbers (the run's lower case, when ``foldable``: ``folded``
    says ``lower()`` then reads ASCII letters as IGNORECASE does). ``re`` tried the pattern at each character,
    70,000 instructions a sentence; a run at ``a`` that goes on before it starts no word (``\\b``)."""
    if not foldable:
        return _MATERIAL_RE.search(text, a, b) is not None
    seg = text[a:b]
    if seg.isascii():  # ``\d`` is [0-9] there, ``\w`` [A-Za-z0-9_]: byte passes, no regex
        return _ascii_material(seg, a > 0 and a < len(text) and _word_char(text[a - 1]) and _word_char(text[a]))
    if _DIGIT_RE.search(text, a, b) is not None:
        return True
    runs = _WORD_RUN_RE.findall(text, a, b)
    if runs and a and a < len(text) and _word_char(text[a - 1]) and _word_char(text[a]):
        del runs[0]  # the end of a word that starts before the sentence
    line = " ".join(runs).lower()
    if not _MATERIAL_WORDS.isdisjoint(line.split(" ")):
        return True
    line = " " + line  # a word starts with a number where " " and the number are in it (one C search a number)
    return any(map(line.__contains__, _SPACED_PREFIXES))



def _ascii_material(seg: str, inside_word: bool) -> bool:
    """:func:`_has_material` of an ASCII sentence ``seg`` (``inside_word``: it starts inside a word): a digit,
    else its runs are the pieces of its bytes lowered, all but letters and "_" as spaces (one translate)."""
    if any(map(seg.__contains__, "0123456789")):
        return True
    line = seg.encode("ascii").translate(_ASCII_RUNS)
    if inside_word:
        cut = line.find(b" ")  # the end of a word that starts before the sentence
        line = line[cut:] if cut >= 0 else b""
    if not _MATERIAL_BYTES.isdisjoint(line.split()):
        return True
    line = b" " + line
    return any(map(line.__contains__, _SPACED_PREFIX_BYTES))

def _coordinated(words: list[str], a: int, b: int) -> bool:
    """Whether the trigger at ``b`` starts a verb phrase joined by "and" after word ``a`` ("... and was given")."""
    n = b - 1
    while n > a and (words[n] in _BE or words[n] in _ADVERBS):
        n -= 1
    return n > a and words[n] in ("and", "or")


def _relative_between(words: list[str], a: int, b: int) -> bool:
    """A relative clause ("who was a candidate in 2010") or a parenthesis opens between words a and b."""
    return not _RELATIVE_OPENERS.isdisjoint(words[a:b])


_RELATIVE_OPENERS = frozenset({"who", "whose", "whom", "which"})


def _among_before(words: list[str], i: int) -> int | None:
    """Index of "among" when the trigger ends "among the 52 freed" / "among those freed" / "among the released"."""
    if "among" not in words[max(0, i - 5):i]:
        return None
    for n in range(i - 1, max(-1, i - 5), -1):
        if words[n] == "among":
            return n
        if not (words[n] in ("the", "those", "them", "others") or words[n][0].isdigit() or parse_number(words[n])
                or (words[n].isalpha() and n >= i - 3)):
            return None
    return None


def _bare_numbers(s: _Sentence, r: _Raw, taken: set[int]):
    """A number of people written without a noun next to a trigger: "over 1,100 still imprisoned" (before a
    held state), "the 52 freed" (before a verb), "released 14" (after one)."""
    words = s.words
    out = []
    for n in (r.i - 1, r.i - 2, r.j):
        if not 0 <= n < len(words) or n in taken:
            continue
        if n == r.i - 2 and words[r.i - 1] not in ("still", "were", "are", "remain"):
            continue
        w = words[n]
        value = parse_number(w) if w[0].isdigit() or w in _NUMBER_WORDS or "-" in w else None
        if not isinstance(value, int) or value < 2 or 1900 <= value <= 2100 and words[n].isdigit():
            continue
        qualifier, lo = "exact", n
        for ws, q in _QUALIFIER_WORDS.items():
            if n - len(ws) >= 0 and tuple(words[n - len(ws):n]) == ws:
                qualifier, lo = q, n - len(ws)
                break
        start, end = s.starts[lo], s.ends[n]
        out.append((lo, n + 1, _Count(value, qualifier, "", start, end)))
    return out


@lru_cache(maxsize=1)
def _gender_tables() -> tuple[dict[str, str], dict[str, str]]:
    people = {p.id: p.gender for p in load_people()}
    given = {form: g.gender for form, g in load_given_names().items() if g.gender in ("m", "f")}
    return people, given


_FEMININE_RE = re.compile(r"(?:aya|aja|aia|ova|eva|ava|owa|ewa|ina|yna|ska|cka|ienė|ytė|aitė|iūtė)$")


def _gender_of(m: Mention) -> str:
    """'m', 'f' or '' (unknown) for a mention: the gazetteer's, else the given name's, else a feminine
    surname ending (-aya, -ova, -ska ...)."""
    people, given = _gender_tables()
    if m.gazetteer_id and m.gazetteer_id in people:
        return people[m.gazetteer_id]
    words = fold(m.name).split()
    if not words:
        return ""
    if len(words) > 1 and words[0] in given:
        return given[words[0]]
    return "f" if _FEMININE_RE.search(words[-1]) else ""
