"""Counts of people: "more than 1,000 political prisoners", "between 15 and 20 people", "six Lithuanians".

One regex scan finds every cardinal (digits or words); for each, a few cheap looks
decide whether it counts people:

1. right of the number: "-year-old", "14th", "50%", "10:30" rule it out; a second number
   makes a range ("15 to 20", "15-20", "between 15 and 20", "two or three"); then up to
   four modifiers and a head noun from ``gazetteer/data/count_nouns.yaml`` that agrees in
   number with the value ("one prisoner", "14 prisoners"). Modifiers are the file's words,
   demonym adjectives ("German nationals"), capitalised names ("Belsat journalists"),
   hyphenated words ("high-profile") and -ly/-ed/-ing words ("newly freed", "striking").
   Without a head noun there is no count, so ages, durations, money, times and
   percentages never get one ("a 16 year prison sentence", "five years", "150,000 euros");
2. left of the number, only when a noun was found: money signs and joined names
   ("$150,000", "Zapad-2025", "COVID-19"), name prefixes ("Article 342", "Charter 97"),
   months ("August 15", but "In June 14 prisoners" is a month and a count), "aged", ratios
   ("one in five"), a capitalised word mid-sentence outside a headline ("Boeing 737"; not after
   "told"/"according to": "told Reuters 52 prisoners") and bare years ("2020 protesters") rule it out;
   "members" of a bloc of states ("NATO's 32 members") and "others" whose sentence counted things
   before ("two newspapers ... and three others") are not people;
3. "a 2,000-strong crowd" counts the group after "-strong"; one unlisted lower-case word may stand
   right before a head noun ("15 freelance reporters"), never a unit or a verb ("five years", "10 am");
   a qualifier phrase ("at least", "more than", "up to", ...) sets the qualifier, unless
   the word before makes it a particle ("handed over 52", "talked about 14").

Qualifiers (``records.facts.QUALIFIERS``):

- ``exact``: no qualifier, or a determiner ("another", "all", "the", "only", "exactly");
- ``at_least``: "at least", "no fewer/less than", "not less than", "a minimum of", "X or more";
- ``more_than``: "more than", "over", "above", "in excess of", "upwards of", "X-plus", "X+";
- ``about``: "about", "around", "some", "roughly", "approximately", "an estimated", "circa",
  "X or so", and also "nearly", "almost", "close to": they give an approximate size, not a bound;
- ``up_to``: "up to", "as many as", "at most", "no/not more than", "a maximum of";
- ``fewer_than``: "fewer than", "less than", "under", "below" (with "just/well" before them);
- ``range``: two numbers, ``value`` the low end and ``high`` the high end.

Not counted, on purpose: vague amounts ("dozens of", "hundreds of", "tens of
thousands"), a number without a noun ("the remaining 1,300", "52 were freed"), and
partitives ("two of them", "two of the sources", "five of the 14 prisoners" gives the 14 only):
the noun is elsewhere or nowhere, so there is no unit to report. "300 of them women" names its
noun after "of them" and is counted (300 women).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from extractors.numbers import (
    CARDINAL_WORDS_RE,
    DIGITS_RE,
    TENS,
    UNITS,
    digit_starts,
    folded,
    matches_at,
    parse_number,
    word_starts,
)
from gazetteer.calendar import load_calendar
from gazetteer.count_nouns import load_count_nouns
from records.facts import CountFact

_NOUNS = load_count_nouns()

_SPACE_DIGITS = r"\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)"  # "1 300" with a no-break or thin space
_NUMBER = (rf"(?:{_SPACE_DIGITS}|{DIGITS_RE})(?:\s+(?:million|billion|thousand)\b)?"
           rf"|\b(?:{CARDINAL_WORDS_RE})\b")
#: Every cardinal, with nothing glued to its left ("$150,000", "Zapad-2025", "1.5", "10:30", "IK3").
_NUMBER_RE = re.compile(rf"(?<![\w$€£¥#№.,:/\-+'’])(?:{_NUMBER})", re.I)
_RANGE_RE = re.compile(rf"\s*(?P<sep>[-\u2010\u2011\u2013\u2014]|\s(?:to|and|or)\s)\s*(?P<num>{_NUMBER})", re.I)
#: "52 or more", "100 or so", "1,000-plus", "1,000+", "a dozen or so".
_POST_RE = re.compile(r"\s+or\s+(?P<more>more|so)\b|(?P<plus>-plus\b|\+)|(?P<odd>-odd\b)", re.I)
_STRONG_RE = re.compile(r"[-\u2010\u2011]strong\s+")
_OF_THEM_RE = re.compile(r"\s+of\s+(?:them|whom)\b,?", re.I)
_WORD_RE = re.compile(r"[^\S\n]+(U\.S\.|U\.K\.|[^\W\d_][^\W_]*(?:[-'’][^\W\d_]+)*(?:['’]s?)?)")

_QUALIFIERS = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not fewer than": "at_least", "not less than": "at_least", "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "upwards of": "more_than", "just over": "more_than", "well over": "more_than",
    "slightly more than": "more_than", "well above": "more_than",
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "circa": "about", "nearly": "about", "almost": "about",
    "close to": "about", "approx.": "about", "ca.": "about",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "no more than": "up_to",
    "not more than": "up_to", "a maximum of": "up_to",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than", "below": "fewer_than",
    "just under": "fewer_than", "well under": "fewer_than", "just below": "fewer_than",
    "slightly fewer than": "fewer_than", "slightly less than": "fewer_than",
}
_TOKEN_RE = re.compile(r"[\w.’']+")
_PREV_WORD_RE = re.compile(r"[^\W\d_][\w.’']*")
_QUAL_WINDOW = 48
#: Last words of qualifiers (and determiners after them): the qualifier regex runs only after one of these.
_QUAL_LAST_WORDS = {q.split()[-1] for q in _QUALIFIERS} | {"another", "the"}

#: Words after which "over"/"about"/"under"/"around" are not qualifiers: "handed over 52 prisoners",
#: "talked about 14 prisoners".
_PARTICLE_VERBS = {
    "over": {"hand", "hands", "handed", "handing", "turn", "turned", "turning", "turns", "pass", "passed",
             "passing", "fought", "fight", "argue", "argued", "worry", "worried", "concern", "concerned"},
    "about": {"talk", "talks", "talked", "talking", "speak", "speaks", "spoke", "speaking", "hear", "heard",
              "learn", "learned", "learnt", "ask", "asked", "asking", "write", "wrote", "written", "writing",
              "worry", "worried", "concerned", "care", "cared", "forget", "forgot", "remind", "reminded", "warn",
              "warned", "complain", "complained", "news", "information", "question", "questions", "story",
              "bring", "brought", "joke", "joked", "lie", "lied"},
    "under": {"held", "detained", "arrested", "convicted", "charged", "sentenced", "jailed", "imprisoned",
              "prosecuted", "tried", "go", "went", "gone", "put", "placed", "pressure", "came", "come", "fell"},
    "around": {"turn", "turned", "turning", "come", "came", "look", "looked", "go", "went", "travel",
               "travelled", "traveled"},
}
#: Before "from X to Y" these make a change of level, not a range: "rose from 1,100 to 1,300".
_CHANGE_VERBS = {
    "rose", "risen", "rise", "rises", "rising", "increased", "increase", "increases", "grew", "grown", "grow",
    "jumped", "climbed", "soared", "surged", "swelled", "doubled", "tripled", "fell", "fallen", "fall", "falls",
    "dropped", "decreased", "declined", "shrank", "shrunk", "reduced", "cut", "went", "gone", "up", "down",
    "changed", "revised", "raised", "lowered",
}

_CAL = load_calendar()
#: Month names and abbreviations, lower case, the abbreviations also with their dot ("sept.").
MONTHS = {w.lower() for w in _CAL.months} | {f"{w.lower()}{dot}" for w in _CAL.month_abbreviations for dot in ("", ".")}
#: Words that make the next number part of a name or a reference, in any case: "Article 342", "Charter 97".
_NAME_PREFIXES = {
    "article", "articles", "charter", "part", "paragraph", "section", "clause", "chapter", "page", "pages",
    "no", "no.", "nos.", "nr", "nr.", "number", "colony", "cell", "room", "ward", "block", "flight",
    "boeing", "airbus", "route", "bus", "line", "decree", "resolution", "protocol", "act", "law",
    "zapad", "covid", "formula", "apollo", "unit", "battalion", "brigade", "regiment", "division", "platoon",
    "company", "group", "list", "item", "step", "level", "phase", "stage", "round", "vol.", "volume",
    "issue", "episode", "season", "grade", "class", "category", "type", "model", "version",
    "aged", "age", "ages", "ageing", "minus", "times", "top", "per", "every",
}
#: Words allowed right before the number even when capitalised mid-sentence (titles: "Frees 52 Political
#: Prisoners" are let through separately).
_FUNCTION_WORDS = {
    "the", "another", "all", "some", "about", "around", "over", "nearly", "almost", "roughly", "approximately",
    "only", "just", "and", "but", "or", "while", "with", "of", "for", "by", "to", "from", "since", "among",
    "including", "exactly", "least", "than", "as", "many", "up", "under", "below", "above", "an", "a", "those",
    "these", "their", "its", "his", "her", "our", "at", "in", "on", "after", "before", "when", "if", "then",
    "now", "yet", "so", "also", "further", "still", "estimated", "between", "whereas", "where", "although",
}
_WEEKDAYS = {w.lower() for w in _CAL.weekdays}
_PLACE_PREPOSITIONS = {"in", "at", "from", "across", "throughout", "inside", "outside", "near", "within"}
_SENTENCE_START = set(".!?:;\"“”‘'(\n[•—–")

_ANAPHORA = _NOUNS.anaphora
_PRONOUNS = _ANAPHORA["pronouns"]
_VERBS = _ANAPHORA["verbs"]
_PARTICIPLES = _ANAPHORA["participles"]
_DETERMINERS = _ANAPHORA["determiners"]
_TALLIES = _ANAPHORA["tallies"]
_PAIR_DETERMINERS = _ANAPHORA["pair_determiners"]
#: "14 of them", "some of those": the pronoun is group 1.
_OF_PRONOUN_RE = re.compile(r"\s+of\s+([^\W\d_]+)\b,?", re.I)
#: "5, 7 and 9 political prisoners": the numbers before the last of a list share its noun.
_COORD_RE = re.compile(rf"(?:\s*,\s*(?:{_NUMBER}))*\s*,?\s+and\s+(?P<last>{_NUMBER})", re.I)
#: Where a sentence ends: the antecedent of a number without its noun is in its sentence or the one before.
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*\s+|\n")
_PLAIN_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
#: How far back (characters) the sentence before may start.
_ANTECEDENT_REACH = 400
#: Words after "those" that make it the head of a relative clause ("one of those who fled"), not a reference back.
_RELATIVES = {"who", "whom", "that", "which", "whose"}

_HEADS_PLURAL = _NOUNS.plural
_HEADS_SINGULAR = _NOUNS.singular
_ALL_HEADS = _HEADS_PLURAL | _HEADS_SINGULAR
_MODIFIERS = _NOUNS.modifiers
_FILLERS = _NOUNS.fillers
_DEM_PLURAL = _NOUNS.demonym_plural
_DEM_SINGULAR = _NOUNS.demonym_singular
_ADJECTIVES = _NOUNS.adjectives
#: Demonyms whose singular noun is also the adjective ("Belarusian"): one alone is a noun only when no
#: noun follows it ("one Belarusian court" is not a person).
_AMBIGUOUS = _DEM_SINGULAR & _ADJECTIVES
_BLOCKED_HYPHEN = re.compile(r"year|month|week|day|hour|old|minute|second|time|percent|fold", re.I)
_MAX_MODIFIERS = 4
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_POSSESSIVE_RE = re.compile(r"['’]s?$")
#: -ly/-ed/-ing words that never stand between a number and its noun.
_NOT_MODIFIERS = {"including", "during", "according", "regarding", "following", "concerning", "excluding",
                  "only", "early", "nearly", "roughly", "reportedly", "allegedly", "respectively", "mostly",
                  "mainly", "chiefly", "largely", "daily", "weekly", "monthly", "yearly", "indeed", "instead"}
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
#: Words that may follow a person noun without being a noun themselves ("one Belarusian who fled").
_CLAUSE_WORDS = {"who", "whom", "whose", "was", "is", "has", "had", "were", "are", "will", "would", "could",
                 "said", "says", "that", "which", "remains", "remained", "did", "does"}
#: Verbs after which a capitalised name may stand right before a count: "told Reuters 52 prisoners",
#: "informed the OSCE 14 observers" (the name is the addressee, not part of the number).
_ADDRESSEE_VERBS = {"told", "tell", "tells", "telling", "informed", "inform", "informs", "assured", "briefed",
                    "reminded", "warned", "notified"}
#: Words before a month that make "Month N" a month and a count, not a day: "In June 14 prisoners were ...".
_MONTH_ONLY_BEFORE = {"in", "during", "throughout"}
#: Owners whose members are states, not people: "NATO's 32 members", "32 members of the EU".
_STATE_BLOCS = {"nato", "eu", "un", "osce", "csto", "cis", "brics", "asean", "opec", "g7", "g20", "wto", "eaeu",
                "sco", "alliance", "bloc", "commonwealth", "eurozone", "schengen"}
_BLOC_UNIONS = {"european", "eurasian", "african"}  # "the European Union's 27 members"
#: Lower-case words that never stand as an unknown modifier before a head noun ("five years", "10 am").
_NOT_UNKNOWN_MODIFIERS = {
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
    "second", "seconds", "decade", "decades", "percent", "per", "cent", "times", "am", "pm", "noon", "km",
    "kg", "kilograms", "kilometres", "kilometers", "miles", "metres", "meters", "tonnes", "tons", "euros",
    "dollars", "pounds", "rubles", "roubles", "zlotys", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "and", "or", "but", "than", "as", "into", "out", "remain", "remained", "become", "became", "stay",
    "stayed", "being", "been", "be", "were", "are", "was", "is", "not", "no", "also", "all", "each",
}
#: Things an "others" may refer back to that are not a person: time and measure words are skipped instead.
_TIME_WORDS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "decade",
               "decades", "minute", "minutes", "time", "times", "percent", "per", "cent"}
_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by",
                      "as", "after", "over", "into", "amid", "vs"}
#: Words that never stand as the one unlisted modifier before a head noun (:func:`_unknown_modifier_ok`).
_NEVER_UNKNOWN = frozenset().union(_NOT_UNKNOWN_MODIFIERS, _FUNCTION_WORDS, _CLAUSE_WORDS, _NOT_MODIFIERS, _VERBS,
                                   _PARTICIPLES)
_NAMES_OR_QUALIFIERS = frozenset(_NAME_PREFIXES | _QUALIFIERS.keys())
#: The dashes that may join a range's two numbers with no space before ("15-20").
_DASHES = "-\u2010\u2011\u2013\u2014"
_OR = ("or",)
_AND = ("and",)
_OF = ("of",)
_RANGE_WORDS = ("to", "and", "or")
_QUOTES = "'’"


class _Next(NamedTuple):
    """What follows a number, read once and shared by the checks of :func:`_count_at` and :func:`_elided_count`."""

    match: re.Match | None  #: ``_WORD_RE`` at the number's end: white space (no line break), then a word
    low: str  #: that word in lower case ("" without one)
    space: bool  #: whether white space follows the number


def _next_word(text: str, end: int) -> _Next:
    m = _WORD_RE.match(text, end)
    return _Next(m, m.group(1).lower() if m else "", text[end:end + 1].isspace())


def _word_may_follow(after: _Next, words: tuple[str, ...]) -> bool:
    """Whether a pattern that begins with white space and one of ``words`` (any case, then white space or a word's
    end) can match after the number: when a word follows, only if it is one of them; else whenever white space
    follows (a line break, a digit or punctuation after it: the pattern decides)."""
    return after.low in words if after.match else after.space


def _bare(word: str) -> str:
    """``_POSSESSIVE_RE.sub("", word)``: a word without its possessive ending ("prisoners'", "Belarus's")."""
    last = word[-1:]
    if last and last in _QUOTES:
        return word[:-1]
    if last == "s" and len(word) >= 2 and word[-2] in _QUOTES:
        return word[:-2]
    return word


def find_counts(text: str, names: Sequence[tuple[int, str]] | None = None) -> list[CountFact]:
    """Numbers of people in ``text``, in order of appearance.

    Each :class:`~records.facts.CountFact` holds the value (low end of a range),
    ``high`` (ranges only), the qualifier, the counted noun phrase without trailing
    modifiers as ``unit``, and ``text``/``start``/``end``: the span from the qualifier
    to the head noun. A number written without its noun takes the unit of the phrase it
    refers to and is marked ``anaphoric`` (:func:`_elided_count`). ``names`` are the
    (start, name) of the people named in ``text`` when known: "the two leaders" after two
    of them is a pair, not a tally, and is left out. Never raises on any input string.
    """
    out: list[CountFact] = []
    last_end = 0
    for m in _numbers(text):
        start, end = m.span()
        if start < last_end:
            continue
        raw = m.group()
        after = _next_word(text, end)  # read once for both: most numbers are followed by a word that ends it
        fact = _count_at(text, start, end, raw, after) or _elided_count(text, start, end, raw, out, after)
        if fact is not None and not (names and _named_pair(text, fact, names)):
            out.append(fact)
            last_end = fact.end
    return out


#: The first word of a cardinal in words other than "a" and "half": a unit, a teen or a ten, a whole word.
_FIRST_WORDS = tuple(sorted({w for w, v in UNITS.items() if v} | set(TENS)))
#: "a" and "half a" begin a cardinal only right before one of these ("a dozen", "a hundred", "a thousand").
_AFTER_A = ("dozen", "hundred", "thousand", "million")


def _numbers(text: str):
    """``_NUMBER_RE.finditer(text)``, matched only where a number can start: a run of digits, a number word,
    or the "a"/"half a" before "dozen", "hundred", "thousand" or "million"."""
    low = folded(text)
    if low is None:
        return _NUMBER_RE.finditer(text)
    starts: list[int] = []
    digit_starts(text, starts)
    word_starts(text, low, _FIRST_WORDS, starts)
    # "dozen" ... after a space only, so at a word start: white space is no word character
    after_a: list[int] = []
    word_starts(text, low, _AFTER_A, after_a, whole=False)
    for i in after_a:
        j = i
        while j and text[j - 1].isspace():
            j -= 1
        if j < i and low[j - 1:j] == "a":  # "a dozen"; "half a dozen"
            starts.append(j - 1)
            k = j - 1
            while k and text[k - 1].isspace():
                k -= 1
            if k < j - 1 and k >= 4 and low[k - 4:k] == "half":
                starts.append(k - 4)
    return matches_at(_NUMBER_RE, text, starts)


@lru_cache(maxsize=1024)  # each number is read by both _count_at and _elided_count; pages repeat numbers
def _value(raw: str) -> int | None:
    """The integer a matched number stands for; ``None`` for fractions ("1.5")."""
    if raw.isdigit():
        return int(raw)
    v = parse_number(raw.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", ""))
    if v is None or v != int(v):
        return None
    return int(v)


def _count_at(text: str, start: int, end: int, raw: str, after: _Next | None = None) -> CountFact | None:
    """The count that the number at ``text[start:end]`` begins, or ``None``.

    The noun phrase is looked at first: most numbers in news text (years, durations,
    "one of") have none, and the left-context checks then never run. ``after`` is
    ``_next_word(text, end)`` when already read.
    """
    value = _value(raw)
    if value is None:
        return None
    nxt = text[end:end + 1]
    if nxt and (nxt.isalnum() or nxt in "%°:"):  # "14th", "50%", "10:30"
        return None
    if after is None:
        after = _next_word(text, end)
    # "or more", "-plus", "+" start with a space and "or", "-" or "+"; "-strong" with a hyphen (most numbers:
    # neither)
    post = _POST_RE.match(text, end) if nxt and (nxt in "-+" or _word_may_follow(after, _OR)) else None
    strong = _STRONG_RE.match(text, end) if nxt and nxt in "-\u2010\u2011" else None
    if strong:  # "a 2,000-strong crowd": the size of a group of people
        return _strong_count(text, start, strong, value)
    if nxt in "-\u2010\u2011" and text[end + 1:end + 2].isalpha() and not post:
        return None  # "69-year-old", "five-year term", "one-way"

    # what follows: a second number (a range), a qualifier ("or more"), then the counted noun phrase
    high = None
    unit = None
    r = _RANGE_RE.match(text, end) if nxt in _DASHES or _word_may_follow(after, _RANGE_WORDS) else None
    if r:
        high = _value(r.group("num"))
        unit = _noun_phrase(text, r.end(), high) if high else None
    if unit is None:
        r = high = None
        unit = _noun_phrase(text, post.end(), value) if post else _noun_phrase_from(text, after.match, value)
        if unit is None:
            # "300 of them women": the noun comes after "of them"
            of_them = _OF_THEM_RE.match(text, end) if _word_may_follow(after, _OF) else None
            unit = _noun_phrase(text, of_them.end(), value) if of_them and not _verb_at(text, of_them.end()) \
                else None
            if unit is None:
                return None

    window = text[max(0, start - _QUAL_WINDOW):start]
    prev_low = _left_word(text, start, end, window)
    if prev_low is None:
        return None
    if not _is_people_unit(text, start, window, prev_low, unit):
        return None  # "NATO's 32 members", "two newspapers ... and three others"
    qualifier, q_start = _qualifier(window, start) if prev_low in _QUAL_LAST_WORDS else ("exact", start)

    if r is not None and high is not None:
        _, prev_start = _previous_word(window)
        ok = _is_range(r.group("sep").strip().lower(), prev_low, window[:prev_start])
        low = value
        scale = r.group("num").split()[-1].lower()
        if scale in _SCALES and not raw.lower().endswith(scale) and value * _SCALES[scale] < high:
            low = value * _SCALES[scale]  # "between 1 and 2 million"
        if ok and low < high:
            value, qualifier = low, "range"
            if prev_low in ("between", "from") and q_start == start:
                q_start = start - len(window) + prev_start
        else:  # not a range after all: count the first number alone, if it has a noun of its own
            high = None
            unit = _noun_phrase(text, post.end() if post else end, value)
            if unit is None:
                return None
    if high is None and post:
        more = post.group("more")
        qualifier = ("at_least" if more.lower() == "more" else "about") if more else \
            "more_than" if post.group("plus") else "about"
    if raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2099 and qualifier == "exact":
        return None  # a year: "the 2020 protesters"
    u_start, u_end = unit
    return CountFact(value, high, qualifier, text[u_start:u_end], text[q_start:u_end], q_start, u_end)


def _left_word(text: str, start: int, end: int, window: str) -> str | None:
    """The lower-case word right before the number at ``text[start:end]`` ("" when none), or ``None`` when
    what stands left of it makes the number no count: a name prefix ("Article 342"), a day of a month,
    a ratio ("one in five") or a capitalised word mid-sentence ("Boeing 737"; "told Reuters 52" is fine)."""
    prev, prev_start = _previous_word(window)
    prev_low = prev.lower()
    if prev.endswith(".") and prev_low not in MONTHS and prev_low not in _NAMES_OR_QUALIFIERS:
        prev = prev_low = ""  # the end of the previous sentence: "... Tikhanovskaya. Thirteen others"
    if prev_low in _NAME_PREFIXES or (prev_low in MONTHS and not _month_only(window[:prev_start], text, end)):
        return None
    if prev_low == "in" and _is_number_before(window, prev_start):
        return None  # a ratio: "one in five prisoners"
    if prev and prev[0].isupper() and prev_low not in _FUNCTION_WORDS and prev_low not in MONTHS \
            and not _proper_noun_ok(window[:prev_start], prev_low) and not _is_title_line(text, start) \
            and not _after_addressee_verb(window[:prev_start]):
        return None
    return prev_low


def _verb_at(text: str, pos: int, after_pronoun: bool = True) -> bool:
    """Whether the word at ``pos`` is a verb: a listed one, an irregular participle or a lower-case -ed/-ing
    word ("were", "held", "moved").

    After "of them" (``after_pronoun``) such a word starts a clause, never the counted noun ("ten of them
    visited doctors"). Right after a number, an -ing word or an -ed word with a lower-case noun after it is an
    adjective ("three outstanding champions", "three celebrated champions"), so only a bare -ed word is a verb.
    """
    return _verb_word(text, _WORD_RE.match(text, pos), after_pronoun)


def _verb_word(text: str, m: re.Match | None, after_pronoun: bool) -> bool:
    """:func:`_verb_at` for the word ``m`` already matched there by ``_WORD_RE``."""
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in _VERBS or low in _PARTICIPLES:
        return True
    if not word.islower() or len(low) <= 4 or low in _NOT_MODIFIERS or not low.endswith(("ed", "ing")):
        return False
    return after_pronoun or (low.endswith("ed") and _no_noun_after(text, m.end()))


def _elided_count(text: str, start: int, end: int, raw: str, before: list[CountFact],
                  after: _Next | None = None) -> CountFact | None:
    """The count a number written without its noun makes, with the unit of the phrase it refers to, or ``None``.

    Shapes (words from ``count_nouns.yaml``, section ``anaphora``):

    - a partitive with a pronoun: "14 of them were moved", "around 30 of those" ("those who" is no reference);
    - a verb right after the number: "another 30 were freed", "52 jailed", "14 remain";
    - a determiner before it and no noun after it: "the remaining 1,300.", "a further 12 in Minsk";
    - a tally before it in its sentence: "the number of political prisoners, averaging 1,150";
    - a list whose last number has the noun: "freed 5 and 7 political prisoners, respectively" (the unit is
      that noun, so no antecedent is needed).

    The unit of the first four is the nearest people noun phrase before the number, in its sentence or the
    one before (:func:`_antecedent`); without one there is no count ("Two of them were freed." alone).
    One is never such a count: "one" is mostly a pronoun ("one can", "the one who"), and a single person
    is no tally. The left-context checks of :func:`_count_at` apply, and a bare year is never a count.
    ``after`` is ``_next_word(text, end)`` when already read.
    """
    value = _value(raw)
    if value is None or value < 2 or (raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2099):
        return None
    nxt = text[end:end + 2]
    if nxt[:1] and (nxt[0].isalnum() or nxt[0] in "%°:+\u2010\u2011-" or (nxt[0] in ".," and nxt[1:].isdigit())):
        return None  # "14th", "50%", "10:30", "1,000+" (counted with a noun only), "10-15"
    if after is None:
        after = _next_word(text, end)
    # ", 7 and 9", " and 9" start with a comma or a space and "and"; "of them" with a space and "of"
    coord = _COORD_RE.match(text, end) if nxt[:1] == "," or _word_may_follow(after, _AND) else None
    of = _OF_PRONOUN_RE.match(text, end) if _word_may_follow(after, _OF) else None
    verb = _verb_word(text, after.match, after_pronoun=False)
    no_noun = _no_noun_word(after.match)
    if not coord and not (of and of.group(1).lower() in _PRONOUNS) and not verb and not no_noun:
        return None  # none of the shapes below, whatever stands left of it (most numbers: looked at first)
    window = text[max(0, start - _QUAL_WINDOW):start]
    prev_low = _left_word(text, start, end, window)
    if prev_low is None:
        return None
    span_end = end
    unit: str | None = None
    if coord and prev_low != "between":
        last = _value(coord.group("last"))
        phrase = _noun_phrase(text, coord.end(), last) if last is not None else None
        if phrase is None:
            return None
        unit = text[phrase[0]:phrase[1]]
    elif of and of.group(1).lower() in _PRONOUNS:
        after = _WORD_RE.match(text, of.end())
        if of.group(1).lower() in ("those", "these") and after and after.group(1).lower() in _RELATIVES:
            return None  # "two of those who fled": the clause, not an earlier phrase, says who
        span_end = of.end() - (1 if of.group().endswith(",") else 0)
    elif not (verb or (prev_low in _DETERMINERS and no_noun) or (no_noun and _after_tally(text, start))):
        return None
    if unit is None:
        unit = _antecedent(text, start, before)
        if unit is None:
            return None
    qualifier, q_start = _qualifier(window, start) if prev_low in _QUAL_LAST_WORDS else ("exact", start)
    return CountFact(value, None, qualifier, unit, text[q_start:span_end], q_start, span_end, anaphoric=True)


def _no_noun_after(text: str, end: int) -> bool:
    """Whether no noun follows the number: the sentence goes on with punctuation or a function word."""
    return _no_noun_word(_WORD_RE.match(text, end))


def _no_noun_word(m: re.Match | None) -> bool:
    """:func:`_no_noun_after` for the word ``m`` matched by ``_WORD_RE`` after the number (``None``: none)."""
    if not m:
        return True
    low = m.group(1).lower()
    return low in _FUNCTION_WORDS or low in _CLAUSE_WORDS or low in _VERBS


def _after_tally(text: str, start: int) -> bool:
    """Whether the number's sentence names a tally of people before it: "the number of political prisoners"."""
    reach = text[max(0, start - _ANTECEDENT_REACH):start].lower()  # the sentence starts in it
    if not any(t in reach for t in _TALLIES):
        return False  # most numbers: no tally word written before them at all
    words = _PLAIN_WORD_RE.findall(text, _sentence_start(text, start), start)
    for i in range(len(words) - 2):
        if words[i].lower() in _TALLIES and words[i + 1].lower() == "of":
            for w in words[i + 2:i + 2 + _MAX_MODIFIERS + 2]:
                bare = _bare(w)
                if (bare.islower() and bare in _HEADS_PLURAL) or bare in _DEM_PLURAL:
                    return True
    return False


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (at most :data:`_ANTECEDENT_REACH` characters back)."""
    lo = max(0, pos - _ANTECEDENT_REACH)
    found = lo
    for m in _SENTENCE_END_RE.finditer(text, lo, pos):
        found = m.end()
    return found


def _antecedent(text: str, start: int, before: list[CountFact]) -> str | None:
    """The unit of the nearest plural people phrase before ``start``, in its sentence or the one before.

    Either the unit of a count found there ("52 prisoners were freed; 14 of them ...") or a people noun
    phrase without a number ("Political prisoners were moved; 14 of them ..."), whichever ends nearer.
    """
    here = _sentence_start(text, start)
    p = here
    while p > 0 and text[p - 1].isspace():
        p -= 1
    lo = _sentence_start(text, p) if p > 0 else here
    counted = next((c for c in reversed(before) if lo <= c.start and c.end <= start and c.value != 1), None)
    words = list(_PLAIN_WORD_RE.finditer(text, max(lo, counted.end if counted else lo), start))
    for i in range(len(words) - 1, -1, -1):
        bare = _bare(words[i].group())
        if not ((bare.islower() and bare in _HEADS_PLURAL) or bare in _DEM_PLURAL):
            continue
        j = i
        while j > 0 and _phrase_joined(text, words[j - 1], words[j]) and _antecedent_modifier(
                text, words[j - 1].group(), words[j - 1].start(), here, lo, next_is_head=j == i):
            j -= 1
        while j < i and words[j].group().lower() in _FILLERS:
            j += 1
        unit = text[words[j].start():words[i].start() + len(bare)]
        first = words[j].group()
        if first[:1].isupper() and first not in _ADJECTIVES and first not in _DEM_PLURAL and first not in _DEM_SINGULAR:
            unit = unit[0].lower() + unit[1:]  # capitalised only as a sentence's first word: "Hunger strikers"
        return unit
    return counted.unit if counted else None


def _antecedent_modifier(text: str, word: str, at: int, here: int, prev_start: int, next_is_head: bool) -> bool:
    """Whether ``word`` (at ``at``) belongs to the antecedent noun phrase before its head: a listed modifier
    or, right before the head, one unlisted word ("hunger strikers"). Written lower case, or capitalised only
    as the first word of a sentence ("Hunger strikers were moved"); a capitalised word elsewhere is a name."""
    low = word.lower()
    if not word[:1].islower() and at not in (here, prev_start):
        return False
    if low in _MODIFIERS or low in _ALL_HEADS or (len(low) > 4 and low.endswith(("ly", "ed", "ing"))
                                                  and low not in _NOT_MODIFIERS):
        return True
    return next_is_head and low.isalpha() and low not in _NOT_UNKNOWN_MODIFIERS and low not in _FUNCTION_WORDS \
        and low not in _CLAUSE_WORDS and low not in _VERBS and low not in _PARTICIPLES and low not in _FILLERS \
        and low not in _DETERMINERS and low not in _PRONOUNS


def _phrase_joined(text: str, left: re.Match, right: re.Match) -> bool:
    """Whether two words stand next to each other with only spaces between (one noun phrase may span them)."""
    gap = text[left.end():right.start()]
    return bool(gap) and gap.isspace() and "\n" not in gap


def _named_pair(text: str, fact: CountFact, names: Sequence[tuple[int, str]]) -> bool:
    """Whether a count is a pair of named people, not a tally: "the two leaders", "both two men" after two
    people were named in its sentence or the one before."""
    if fact.value != 2 or fact.high is not None or fact.qualifier != "exact":
        return False
    window = text[max(0, fact.start - _QUAL_WINDOW):fact.start]
    prev, _ = _previous_word(window)
    if prev.lower() not in _PAIR_DETERMINERS:
        return False
    here = _sentence_start(text, fact.start)
    p = here
    while p > 0 and text[p - 1].isspace():
        p -= 1
    lo = _sentence_start(text, p) if p > 0 else here
    return len({name for at, name in names if lo <= at < fact.start}) >= 2


def _is_range(sep: str, prev_low: str, before: str) -> bool:
    """Whether "X <sep> Y" is a range: "and" needs "between"; "from X to Y" after "rose" is a change."""
    if sep == "and":
        return prev_low == "between"
    if prev_low == "from":
        return not any(w.strip(",.") in _CHANGE_VERBS for w in before.lower().split()[-3:])
    return True


def _qualifier(window: str, start: int) -> tuple[str, int]:
    """The qualifier ending ``window`` (the text before the number at ``start``) and where it starts.

    Looks up the last one to four words (then the same before a determiner: "up to another 300")
    in :data:`_QUALIFIERS`; the word before a qualifier can cancel it ("handed over 52").
    """
    spans = [(m.start(), m.group().lower()) for m in _TOKEN_RE.finditer(window, max(0, len(window) - 40))][-6:]
    words = [w for _, w in spans]
    for skip in (0, 1) if words and words[-1] in ("another", "the") else (0,):
        last = len(words) - skip
        for n in (4, 3, 2, 1):
            if last - n < 0:
                continue
            q = " ".join(words[last - n:last])
            if q in _QUALIFIERS:
                before = words[last - n - 1] if last - n > 0 else ""
                if before in _PARTICLE_VERBS.get(q, ()):
                    return "exact", start
                return _QUALIFIERS[q], start - len(window) + spans[last - n][0]
    return "exact", start


def _proper_noun_ok(before: str, prev_low: str) -> bool:
    """Whether a capitalised word can stand right before a count: at a sentence start ("Another 14"),
    as a possessive ("Belarus's 1,300") or a weekday, or as a place after a preposition ("In Minsk 300 people")."""
    before = before.rstrip()
    if not before or before[-1] in _SENTENCE_START or prev_low.endswith(("'s", "’s")) or prev_low in _WEEKDAYS:
        return True
    return before.rsplit(None, 1)[-1].lower() in _PLACE_PREPOSITIONS


def _is_number_before(window: str, pos: int) -> bool:
    """Whether the word before ``window[pos:]`` is a number ("one" in "one in five")."""
    words = window[:pos].split()
    return bool(words) and _NUMBER_RE.fullmatch(words[-1].strip("(\"“")) is not None


def _is_title_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is a Title Case headline: short, content words capitalised."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    words = [w for w in _TITLE_WORD_RE.findall(line) if w.lower() not in _TITLE_SMALL_WORDS]
    return 2 < len(words) <= 20 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _previous_word(window: str) -> tuple[str, int]:
    """The word right before the number (same line, spaces only between) and its offset in ``window``."""
    stripped = window.rstrip()
    gap = window[len(stripped):]
    if not gap or "\n" in gap:
        return "", 0
    i = max(stripped.rfind(" "), stripped.rfind("\n"), stripped.rfind("\t"), stripped.rfind("\u00a0")) + 1
    word = stripped[i:]
    return (word, i) if _PREV_WORD_RE.fullmatch(word) else ("", 0)


def _noun_phrase(text: str, pos: int, value: int) -> tuple[int, int] | None:
    """(start, end) of the counted noun phrase at ``pos``, or ``None`` without a head noun."""
    return _noun_phrase_from(text, _WORD_RE.match(text, pos), value)


def _noun_phrase_from(text: str, m: re.Match | None, value: int) -> tuple[int, int] | None:
    """:func:`_noun_phrase` from its first word ``m``, the ``_WORD_RE`` match at its start (``None``: none)."""
    plural = value != 1
    heads = _HEADS_PLURAL if plural else _HEADS_SINGULAR
    demonyms = _DEM_PLURAL if plural else _DEM_SINGULAR
    u_start = None
    head_end = None
    n_mods = 0
    unknown_used = False
    word_match = _WORD_RE.match
    while m:
        word = m.group(1)
        bare = _bare(word)
        low = bare.lower()
        is_head = low in heads or bare in demonyms
        if head_end is not None:  # a head already: extend only over more heads ("women prisoners")
            if not is_head:
                break
            head_end = m.start(1) + len(bare)
            m = word_match(text, m.end())
            continue
        if is_head:
            if bare in _AMBIGUOUS and not plural and _next_is_noun(text, m.end()):
                return None  # "one Belarusian court"
            head_end = m.start(1) + len(bare)
        elif n_mods < _MAX_MODIFIERS and _is_modifier(bare, low):
            n_mods += 1
        elif n_mods < _MAX_MODIFIERS and not unknown_used and _unknown_modifier_ok(text, m.end(), word, heads):
            unknown_used = True  # one unlisted lower-case word right before a head: "15 freelance reporters"
            n_mods += 1
        else:
            break
        if u_start is None and low not in _FILLERS:
            u_start = m.start(1)
        m = word_match(text, m.end())
    if head_end is None or u_start is None:
        return None
    return u_start, head_end


def _unknown_modifier_ok(text: str, pos: int, word: str, heads: frozenset[str]) -> bool:
    """Whether an unlisted word may modify the head noun that follows it at once ("freelance reporters",
    "police officers"): lower-case letters only, not a unit, function word or verb of a clause."""
    if not word.isalpha() or not word.islower() or word in _NEVER_UNKNOWN:
        return False  # a verb is never part of a unit: "12 of them have children" counts no "have children"
    m = _WORD_RE.match(text, pos)
    return bool(m) and _bare(m.group(1)).lower() in heads


def _is_modifier(word: str, low: str) -> bool:
    """Whether ``word`` may stand between the number and the head noun."""
    if low in _MODIFIERS or word in _ADJECTIVES or low in _ALL_HEADS or word in _DEM_SINGULAR:
        return True  # a singular head before a plural one: "student activists", "German nationals"
    if "-" in word:
        return not _BLOCKED_HYPHEN.search(word)  # "high-profile", not "year-old"
    if word[0].isupper():
        return low not in MONTHS and low not in _WEEKDAYS  # an organisation or a place: "three Belsat journalists"
    if len(low) > 4 and low.endswith(("ly", "ed", "ing")):  # "newly freed", "detained", "striking workers"
        return low not in _NOT_MODIFIERS
    return False


def _next_is_noun(text: str, pos: int) -> bool:
    """Whether a lower-case word that may be a noun follows ``pos`` ("court" in "one Belarusian court")."""
    m = _WORD_RE.match(text, pos)
    return bool(m) and m.group(1).islower() and m.group(1) not in _FUNCTION_WORDS | _CLAUSE_WORDS


def _month_only(before: str, text: str, end: int) -> bool:
    """Whether "Month N" is a month followed by a count: "In June 14 prisoners were ..." (a day takes "on").

    Needs "in"/"during" before the month and a word, not a comma or a year, after the number.
    """
    words = before.split()
    return bool(words) and words[-1].lower() in _MONTH_ONLY_BEFORE and re.match(r"[^\S\n]+[^\W\d_]", text[end:]) \
        is not None


def _after_addressee_verb(before: str) -> bool:
    """Whether the capitalised name before the number follows "told"/"informed" ("told the BBC 52 prisoners")."""
    words = before.split()
    while words and (words[-1][:1].isupper() or words[-1].lower() in ("the", "of")):
        words.pop()
    if len(words) >= 2 and words[-1].lower() == "to" and words[-2].lower() == "according":
        return True  # "according to Viasna 1,200 people"
    return bool(words) and words[-1].lower().strip(",") in _ADDRESSEE_VERBS


def _is_people_unit(text: str, start: int, window: str, prev_low: str, unit: tuple[int, int]) -> bool:
    """Whether a count whose head is "members" or "others" counts people in its context.

    "members" of a bloc of states are states: "NATO's 32 members", "27 members of the EU".
    "others" refers back to the nearest earlier number of the sentence: "two newspapers ... and three
    others" counts newspapers; durations ("for two years") are skipped, partitives ("three of the freed")
    and people nouns keep the count.
    """
    head = text[unit[0]:unit[1]].split()[-1].lower()
    if head in ("member", "members"):
        owner = _POSSESSIVE_RE.sub("", prev_low)
        if owner in _STATE_BLOCS:
            return False
        if owner == "union":  # "the European Union's 27 members", but "the union's 300 members" are people
            words = window.split()
            return not (len(words) >= 2 and words[-2].lower() in _BLOC_UNIONS)
        after = re.match(r"\s+of\s+(?:the\s+)?([\w.]+)", text[unit[1]:unit[1] + 40])
        return not (after and after.group(1).lower().rstrip(".") in _STATE_BLOCS)
    if head in ("other", "others"):
        return _antecedent_is_people(text, start)
    return True


def _antecedent_is_people(text: str, start: int) -> bool:
    """For "N others": whether the nearest earlier number in the sentence counts people (or is unknown)."""
    lo = max(0, start - 200)
    chunk = text[lo:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("? "), chunk.rfind("! "))
    sentence_start = lo + cut + 1 if cut >= 0 else lo
    for m in reversed(list(_NUMBER_RE.finditer(text, sentence_start, start))):
        words = _WORD_RE.findall(text[m.end():m.end() + 60])[:_MAX_MODIFIERS + 1]
        for word in words:
            low = word.lower()
            if low in _TIME_WORDS:
                break  # a duration: look further back
            if low in _ALL_HEADS or word in _DEM_PLURAL or word in _DEM_SINGULAR:
                return True
            if low in _MODIFIERS or word in _ADJECTIVES or low in ("of", "the", "them", "whom"):
                if low == "of":
                    return True  # a partitive: "three of the freed"
                continue
            return not word.islower()  # a thing: "two newspapers"; a name or a verb: unknown
        else:
            return True
    return True


def _strong_count(text: str, start: int, strong: re.Match, value: int) -> CountFact | None:
    """ "a 2,000-strong crowd", "a 300-strong delegation": the number counts the group after "-strong"."""
    pos = strong.end() - 1
    head = None
    u_start = None
    for _ in range(_MAX_MODIFIERS):
        m = _WORD_RE.match(text, pos)
        if not m:
            break
        word = m.group(1)
        if u_start is None:
            u_start = m.start(1)
        if word.islower() and word not in _MODIFIERS:
            head = m.end(1)
            break
        pos = m.end()
    if head is None or u_start is None:
        return None
    window = text[max(0, start - _QUAL_WINDOW):start]
    prev, _ = _previous_word(window)
    qualifier, q_start = _qualifier(window, start) if prev.lower() in _QUAL_LAST_WORDS else ("exact", start)
    return CountFact(value, None, qualifier, text[u_start:head], text[q_start:head], q_start, head)
