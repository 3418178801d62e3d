"""Load and validate ``gazetteer/data/events.yaml``: the words that report events and the cues around them.

A phrase of the file ("remain|remains [still] in jail|prison") becomes a :class:`Phrase`: a sequence of
slots, each a set of words (``None`` for ``*``, any word) and whether it may be left out. The extractor
matches phrases over a sentence's lower-case words (``Phrase.match``), trying at each word only the phrases
that can start with it (:attr:`EventLexicon.starts`). A bad entry raises :class:`EventsError` naming the
file, the section and the phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gazetteer import data_dir
from gazetteer.load import GazetteerError, read_sections
from records.facts import EVENT_KINDS

_WORD_RE = re.compile(r"[a-z][a-z'\-]*|\*")
_SECTIONS = {"kinds", "modifiers", "ignore", "proposed", "negation", "distinct", "enumerations", "followups",
             "before", "after", "since", "reporting", "pronouns", "unnamed", "prepositions", "object_skip"}
_KIND_KEYS = {"verbs", "nouns", "intransitive", "states", "stocks"}


class EventsError(GazetteerError):
    """``events.yaml`` is unreadable or invalid; the message names the file, section and phrase."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase of words, choices and optional words; ``label`` is how the file wrote it."""

    label: str
    slots: tuple[tuple[frozenset[str] | None, bool], ...]  # (words or None for any, optional)
    #: every word sequence the phrase stands for, by length, longest first; None when it has a "*" (or too many)
    forms: tuple[tuple[int, frozenset[tuple[str, ...]]], ...] | None = None

    def match(self, words: Sequence[str], i: int) -> int | None:
        """The end (exclusive) of the longest match of the phrase at ``words[i]``, or None."""
        if len(self.slots) == 1:  # most phrases are one word: no recursion
            choice, optional = self.slots[0]
            return i + 1 if i < len(words) and (choice is None or words[i] in choice) else (i if optional else None)
        if self.forms is not None:  # one set lookup a length instead of a walk over the slots
            for n, forms in self.forms:
                if tuple(words[i:i + n]) in forms:
                    return i + n
            return None
        return _match(self.slots, words, i)

    def match_slots(self, words: Sequence[str], i: int) -> int | None:
        """:meth:`match` the plain way, slot by slot (what ``forms`` must agree with)."""
        return _match(self.slots, words, i)

    def after_first(self, w: str) -> tuple[bool, frozenset[str] | None]:
        """Of the phrase's matches that start with word ``w``: whether one is ``w`` alone, and the words that
        may follow ``w`` in a longer one (None: any word, after a "*")."""
        states = self._skip_optional({j + 1 for j in self._skip_optional({0})
                                      if self.slots[j][0] is None or w in self.slots[j][0]})
        nexts: set[str] = set()
        for j in states:
            if j < len(self.slots):
                if self.slots[j][0] is None:
                    return len(self.slots) in states, None
                nexts |= self.slots[j][0]
        return len(self.slots) in states, frozenset(nexts)

    def _skip_optional(self, states: set[int]) -> set[int]:
        """Slot indexes ``states`` and those reached from them over optional slots."""
        out, todo = set(), list(states)
        while todo:
            j = todo.pop()
            if j not in out:
                out.add(j)
                if j < len(self.slots) and self.slots[j][1]:
                    todo.append(j + 1)
        return out

    def first_words(self) -> set[str] | None:
        """Words a match can start with; None when any word can."""
        out: set[str] = set()
        for words, optional in self.slots:
            if words is None:
                return None
            out |= words
            if not optional:
                return out
        return out


class PhraseSet:
    """Phrases indexed by the words they can start with: matching at a word tries only the phrases that can
    start there (a set of a hundred cues costs one dict lookup at most words)."""

    __slots__ = ("any_start", "nexts", "ones", "phrases", "starts")

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.phrases = tuple(phrases)
        starts: dict[str, list[Phrase]] = {}
        any_start: list[Phrase] = []
        for p in self.phrases:
            first = p.first_words()
            if first is None:
                any_start.append(p)
                continue
            for w in first:
                starts.setdefault(w, []).append(p)
        self.starts = {w: tuple(ps) for w, ps in starts.items()}
        self.any_start = tuple(any_start)
        #: first word → the words that may follow it in a match of two words or more (None: any word), and how
        #: many of its phrases match it alone: a word whose next word is none of them needs no phrase tried
        self.nexts: dict[str, frozenset[str] | None] = {}
        self.ones: dict[str, int] = {}
        for w, ps in self.starts.items():
            after = [p.after_first(w) for p in ps]
            self.nexts[w] = _union([nexts for _, nexts in after])
            self.ones[w] = sum(one for one, _ in after)

    def matches_at(self, words: Sequence[str], i: int) -> list[int]:
        """The ends of every phrase matching at ``words[i]`` (a phrase may match with or without its options)."""
        if i >= len(words):
            return []
        w = words[i]
        candidates = self.starts.get(w, ())
        if self.any_start:
            candidates += self.any_start
        elif not candidates:
            return []
        elif (nexts := self.nexts[w]) is not None and (i + 1 == len(words) or words[i + 1] not in nexts):
            return [i + 1] * self.ones[w]  # most words: no phrase goes on past them
        out = []
        for p in candidates:
            end = p.match(words, i)
            if end is not None and end > i:
                out.append(end)
        return out

    def matches_at_plain(self, words: Sequence[str], i: int) -> list[int]:
        """:meth:`matches_at` by a match of each phrase that can start at ``words[i]`` (what the next-word
        check must agree with)."""
        if i >= len(words):
            return []
        out = []
        for p in self.starts.get(words[i], ()) + self.any_start:
            end = p.match(words, i)
            if end is not None and end > i:
                out.append(end)
        return out

    def may_start_in(self, words: Sequence[str], a: int, b: int) -> bool:
        """Whether a phrase may start at one of words a..b: one of them starts a phrase (one C set test; most
        windows hold none)."""
        return bool(self.any_start) or not self.starts.keys().isdisjoint(words[max(0, a):b])

    def longest_at(self, words: Sequence[str], i: int) -> int | None:
        ends = self.matches_at(words, i)
        return max(ends) if ends else None

    def within(self, words: Sequence[str], a: int, b: int) -> bool:
        """Whether a phrase starts and ends within words a..b."""
        if not self.may_start_in(words, a, b):
            return False
        starts = self.starts
        return any(e <= b for n in range(max(0, a), min(b, len(words)))
                   if words[n] in starts or self.any_start for e in self.matches_at(words, n))


def _union(sets: Sequence[frozenset[str] | None]) -> frozenset[str] | None:
    """The union of word sets, None (any word) when one of them is."""
    return None if any(x is None for x in sets) else frozenset().union(*sets)


#: a phrase standing for more word sequences than this is matched slot by slot
_MAX_FORMS = 1024


def _forms(slots) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...] | None:
    """The word sequences of a phrase without "*" ("remain|remains [still] in jail" → four), grouped by length,
    longest first: the longest match at a word is the first length whose words are one of them."""
    seqs: list[tuple[str, ...]] = [()]
    for choice, optional in slots:
        if choice is None:
            return None
        seqs = [seq + (w,) for seq in seqs for w in sorted(choice)] + (seqs if optional else [])
        if len(seqs) > _MAX_FORMS:
            return None
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for seq in seqs:
        by_length.setdefault(len(seq), set()).add(seq)
    return tuple((n, frozenset(by_length[n])) for n in sorted(by_length, reverse=True))


def _match(slots, words: Sequence[str], i: int) -> int | None:
    if not slots:
        return i
    (choice, optional), rest = slots[0], slots[1:]
    best = None
    if i < len(words) and (choice is None or words[i] in choice):
        best = _match(rest, words, i + 1)
    if optional:
        skipped = _match(rest, words, i)
        if skipped is not None and (best is None or skipped > best):
            best = skipped
    return best


@dataclass(frozen=True)
class EventLexicon:
    """Everything ``extractors.events`` needs from the file, validated."""

    #: (kind, part, phrase): part is "verb", "noun", "intransitive", "state" or "stock"
    triggers: tuple[tuple[str, str, Phrase], ...]
    #: nouns after a trigger noun that make it a modifier ("pardon commission")
    modifiers: frozenset[str]
    #: phrases that hold a trigger word but report none ("house arrest")
    ignore: PhraseSet
    proposed: PhraseSet
    proposed_window: int
    proposed_adjacent_only: frozenset[str]
    #: words before the "to" of an infinitive trigger that make it done ("allowed to leave prison")
    infinitive_done: frozenset[str]
    negation: PhraseSet
    negation_window: int
    distinct: PhraseSet
    enumerations: PhraseSet
    followup_starts: frozenset[str]
    followup_verbs: frozenset[str]
    before: PhraseSet
    after: PhraseSet
    since: PhraseSet
    reporting: PhraseSet
    pronoun_gender: dict[str, str]
    object_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    unnamed_gender: dict[str, str]
    prepositions: frozenset[str]
    object_skip: int
    #: first word → indexes into ``triggers`` of the phrases that can start with it
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: finds any word a trigger can start with: a sentence without one needs no closer look
    maybe: re.Pattern[str] = re.compile(r"(?!)")
    #: the words a trigger or an ignored phrase can start with
    firsts: frozenset[str] = frozenset()
    #: first word → for each trigger phrase that can start with it, the word sets a match needs one word of
    #: each (its required slots of plain words, see :func:`_needs`)
    needs: dict[str, tuple[tuple[frozenset[str], ...], ...]] = field(default_factory=dict)
    #: first word → (kind, part, phrase) of the triggers that can start with it, in the file's order; phrase
    #: None for a phrase of one word (it matches wherever its word is: no match to try)
    entries: dict[str, tuple[tuple[str, str, Phrase | None], ...]] = field(default_factory=dict)
    #: the first words one of whose phrases needs no other word (a phrase of one word: "freed")
    sufficient: frozenset[str] = frozenset()
    #: first word → the words of its phrases that need one word more (any of them will do: "held" +
    #: "custody"), and the needs of its phrases that need more than one
    needs_one: dict[str, frozenset[str]] = field(default_factory=dict)
    needs_more: dict[str, tuple[tuple[frozenset[str], ...], ...]] = field(default_factory=dict)
    #: first word → the words that may follow it in a trigger of two words or more (None: any word), and the
    #: (kind, part) of its triggers that are it alone, in the file's order (:meth:`triggers_at`)
    next_words: dict[str, frozenset[str] | None] = field(default_factory=dict)
    alone: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def may_match(self, firsts: set[str], words: set[str]) -> bool:
        """Whether a trigger phrase may match among ``words``, ``firsts`` those of them a trigger can start
        with: a phrase needs a word of each of its required slots (see :attr:`needs`)."""
        if not self.sufficient.isdisjoint(firsts):
            return True
        for w in firsts:
            if not words.isdisjoint(self.needs_one[w]):
                return True
            for need in self.needs_more[w]:
                if all(not words.isdisjoint(choice) for choice in need):
                    return True
        return False

    def triggers_at(self, words: Sequence[str], i: int) -> list[tuple[str, str, int]]:
        """(kind, part, end) of every trigger phrase matching at ``words[i]``, in the file's order: when the next
        word goes on no phrase, those that are the word alone (most trigger words)."""
        w = words[i]
        nexts = self.next_words.get(w)
        if nexts is not None and (i + 1 == len(words) or words[i + 1] not in nexts):
            alone = self.alone[w]
            if len(alone) == 1:  # most trigger words: one reading
                ((kind, part),) = alone
                return [(kind, part, i + 1)]
            return [(kind, part, i + 1) for kind, part in alone]
        out = []
        for kind, part, phrase in self.entries.get(w, ()):
            if phrase is None:
                out.append((kind, part, i + 1))
                continue
            end = phrase.match(words, i)
            if end is not None and end > i:
                out.append((kind, part, end))
        return out

    def triggers_at_plain(self, words: Sequence[str], i: int) -> list[tuple[str, str, int]]:
        """:meth:`triggers_at` by a match of each trigger phrase that can start at ``words[i]``."""
        out = []
        for kind, part, phrase in self.entries.get(words[i], ()):
            if phrase is None:
                out.append((kind, part, i + 1))  # a phrase of one word, the one at ``i``
                continue
            end = phrase.match(words, i)
            if end is not None and end > i:
                out.append((kind, part, end))
        return out


#: a word the extractor's page scan finds whole wherever it is a sentence's word (no apostrophe)
_PLAIN_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _needs(triggers, starts: dict[str, list[int]]) -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    """First word → the required slots of each trigger phrase starting with it, as word sets (only slots
    whose words are all plain: a word with an apostrophe may be written in pieces; not the sets holding the
    first word itself, which a sentence with that word has). A sentence whose plain words miss one word of
    every set of a phrase holds no match of it: the extractor reads such a sentence no closer."""
    out = {}
    for w, ns in starts.items():
        found = {tuple(choice for choice, optional in triggers[n][2].slots if choice is not None and not optional
                       and w not in choice and all(_PLAIN_WORD_RE.fullmatch(c) for c in choice)) for n in ns}
        out[w] = tuple(sorted(found, key=len))
    return out


def _first_words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def parse_phrase(label: str, where: str) -> Phrase:
    """``"remain|remains [still] in jail"`` → a Phrase; raises EventsError on anything else."""
    if not isinstance(label, str) or not label.strip():
        raise EventsError(f"{where}: phrase {label!r} is not a non-empty string")
    slots = []
    for part in label.split():
        optional = part.startswith("[") and part.endswith("]")
        body = part[1:-1] if optional else part
        choices = body.split("|")
        if not all(_WORD_RE.fullmatch(c) for c in choices):
            raise EventsError(f"{where}: phrase {label!r}: {part!r} is not lower-case words joined by '|'")
        slots.append((None if choices == ["*"] else frozenset(choices), optional))
    if all(optional for _, optional in slots):
        raise EventsError(f"{where}: phrase {label!r} has only optional words")
    return Phrase(label, tuple(slots), _forms(slots))


def load_events(path: Path | str | None = None) -> EventLexicon:
    """The event lexicon from ``path`` (default ``gazetteer/data/events.yaml``), cached."""
    return _load(Path(path) if path else data_dir() / "events.yaml")


@lru_cache(maxsize=8)
def _load(path: Path) -> EventLexicon:
    data = read_sections(path, _SECTIONS, EventsError)

    def section(name: str, kind: type = dict):
        value = data.get(name)
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != "__line__"}
        if not isinstance(value, kind):
            raise EventsError(f"{path}: section {name!r} must be a {kind.__name__}")
        return value

    def phrases(name: str, values) -> tuple[Phrase, ...]:
        if not isinstance(values, list) or not values:
            raise EventsError(f"{path}: {name} must be a non-empty list of phrases")
        return tuple(parse_phrase(v, f"{path}: {name}") for v in values)

    def words(name: str, values) -> frozenset[str]:
        if not isinstance(values, list) or not all(isinstance(v, str) and _WORD_RE.fullmatch(v) for v in values):
            raise EventsError(f"{path}: {name} must be a list of lower-case words")
        return frozenset(values)

    def number(name: str, value) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 50:
            raise EventsError(f"{path}: {name} must be a whole number from 1 to 50, not {value!r}")
        return value

    kinds = section("kinds")
    if set(kinds) != set(EVENT_KINDS):
        raise EventsError(f"{path}: kinds must be exactly {list(EVENT_KINDS)}, not {sorted(kinds)}")
    triggers = []
    for kind in EVENT_KINDS:
        entry = kinds[kind]
        if not isinstance(entry, dict):
            raise EventsError(f"{path}: kinds.{kind} must be a mapping")
        entry = {k: v for k, v in entry.items() if k != "__line__"}
        if bad := sorted(set(entry) - _KIND_KEYS):
            raise EventsError(f"{path}: kinds.{kind}: unknown key(s) {bad}; allowed: {sorted(_KIND_KEYS)}")
        for part in ("verbs", "nouns", "intransitive", "states", "stocks"):
            if part in entry:
                name = part if part == "intransitive" else part[:-1]
                triggers += [(kind, name, p) for p in phrases(f"kinds.{kind}.{part}", entry[part])]
    starts: dict[str, list[int]] = {}
    for n, (_, _, phrase) in enumerate(triggers):
        first = phrase.first_words()
        if first is None:
            raise EventsError(f"{path}: trigger {phrase.label!r} may start with any word")
        for w in first:
            starts.setdefault(w, []).append(n)

    proposed, negation = section("proposed"), section("negation")
    followups, pronouns, unnamed = section("followups"), section("pronouns"), section("unnamed")
    gender = {w: g for g in ("m", "f") for w in words(f"pronouns.{g}", pronouns.get(g))}
    ignore = PhraseSet(phrases("ignore", section("ignore", list)))
    return EventLexicon(
        triggers=tuple(triggers),
        modifiers=words("modifiers", section("modifiers", list)),
        ignore=ignore,
        proposed=PhraseSet(phrases("proposed.cues", proposed.get("cues"))),
        proposed_window=number("proposed.window", proposed.get("window")),
        proposed_adjacent_only=words("proposed.adjacent_only", proposed.get("adjacent_only", [])),
        infinitive_done=words("proposed.infinitive_done", proposed.get("infinitive_done", [])),
        negation=PhraseSet(phrases("negation.cues", negation.get("cues"))),
        negation_window=number("negation.window", negation.get("window")),
        distinct=PhraseSet(phrases("distinct", section("distinct", list))),
        enumerations=PhraseSet(phrases("enumerations", section("enumerations", list))),
        followup_starts=words("followups.starts", followups.get("starts")),
        followup_verbs=words("followups.verbs", followups.get("verbs")),
        before=PhraseSet(phrases("before", section("before", list))),
        after=PhraseSet(phrases("after", section("after", list))),
        since=PhraseSet(phrases("since", section("since", list))),
        reporting=PhraseSet(phrases("reporting", section("reporting", list))),
        pronoun_gender=gender,
        object_pronouns=words("pronouns.object", pronouns.get("object")),
        possessive_pronouns=words("pronouns.possessive", pronouns.get("possessive")),
        unnamed_gender={w: g for g in ("m", "f") for w in words(f"unnamed.{g}", unnamed.get(g))},
        prepositions=words("prepositions", section("prepositions", list)),
        object_skip=number("object_skip", data.get("object_skip")),
        starts={w: tuple(ns) for w, ns in starts.items()},
        maybe=_first_words_re(tuple(starts)),
        firsts=frozenset(starts) | frozenset(ignore.starts),
        needs=(needs := _needs(triggers, starts)),
        entries={w: tuple((kind, part, None if len(phrase.slots) == 1 else phrase)
                          for kind, part, phrase in (triggers[n] for n in ns)) for w, ns in starts.items()},
        sufficient=frozenset(w for w, need in needs.items() if () in need),
        needs_one={w: frozenset().union(*(n[0] for n in need if len(n) == 1)) for w, need in needs.items()},
        needs_more={w: tuple(n for n in need if len(n) > 1) for w, need in needs.items()},
        next_words={w: _union([triggers[n][2].after_first(w)[1] for n in ns]) for w, ns in starts.items()},
        alone={w: tuple((kind, part) for kind, part, phrase in (triggers[n] for n in ns) if phrase.after_first(w)[0])
               for w, ns in starts.items()},
    )
