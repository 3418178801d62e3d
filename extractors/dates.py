"""Dates: calendar references in plain text, normalised against the publication date.

One cheap left-to-right scan finds the anchor tokens every expression contains (a
number, a month or weekday name, "today", "week"/"year"/"summer", "ago", "century");
around each anchor the whole expression is matched in place (ISO dates, "August 15,
2025", "since July 2023", "the 1990s", "the 20th century", "last month", "five years
ago", "on Saturday", bare years ...) and its handler turns it into a TimeML-style value
at the granularity the text gives:

    YYYY-MM-DD  day            "August 28, 2025", "yesterday", "on Thursday"
    YYYY-Www    ISO week       "last week", "this week"
    YYYY-MM     month          "last month", "in March", "May 2020"
    YYYY-SP     season         "last summer", "the spring of 2020" (SP, SU, FA, WI)
    YYYY        year           "2021", "late 2021", "last year", "five years ago"
    YYY / YY    decade/century "the 1990s" -> 199, "the 20th century" -> 19

Rules for what the text leaves open (which year for "August 15", which Saturday):

* an expression without a year is placed relative to the publication date; news is
  mostly past tense, so a day or month that would lie ahead of the publication date
  goes to the previous year unless the clause before it reads as future ("will",
  "until", "due to", "next" ...) or the day is only a few days ahead;
* a sentence that opens with "In 2020," sets the year of its bare months and days;
* numeric dates are day first with dots ("11.09.2025"); with slashes the reading
  nearest the publication date wins ("9/11/2025" vs "11/9/2025");
* a weekday is the publication day itself when the page has that weekday, else the
  nearest such day before it (after it in a future clause);
* a bare month needs a temporal cue before it ("in May", "since June", "late July")
  because "May", "March" and "August" are also ordinary words and names;
* a number is a year only if it looks like one in context: not money ("$2020"),
  not part of a name ("Zapad-2025", "Expo 2020"), not a count ("2020 people"),
  not inside a bigger number ("1,300", "2020.5") or a time of day.

Expressions read from their context (after the scan): "the day before," / "a year earlier" /
"the following month" shift the nearest earlier date of the paragraph ("the day before the vote"
names an event and is left out); "at the weekend" is the ISO week of that weekend's Saturday;
"in spring" takes a year named earlier in the sentence, else the latest such season. A day without
a year up to 60 days ahead of publication is upcoming ("the Jan. 26 election" in early January).

Expressions that are times of day ("Friday afternoon", "15:00 GMT Saturday",
"tonight") or durations ("the past two years", "in five years") are not dates.
Without a publication date only expressions that carry their own year are kept.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.numbers import WORDS_RE, digit_starts, folded, matches_at, parse_number, word_before, word_starts
from gazetteer.calendar import load_calendar
from gazetteer.count_nouns import load_count_nouns
from records.facts import DateFact

__all__ = ["find_dates"]

# ---------------------------------------------------------------- vocabulary

_CAL = load_calendar()
#: month names and abbreviations (lower case) -> month number
MONTHS = {w.lower(): n for w, n in (*_CAL.months.items(), *_CAL.month_abbreviations.items())}
WEEKDAYS = {w.lower(): n for w, n in _CAL.weekdays.items()}
SEASONS = dict(_CAL.seasons)
#: first month of each season (northern hemisphere), to order seasons within a year
SEASON_START = dict(_CAL.season_start)
ORDINAL_WORDS = dict(_CAL.ordinals)

_MONTH_NAMES = "|".join(_CAL.months)
_MONTH_ABBREVIATIONS = "|".join(_CAL.month_abbreviations)
_MONTH = rf"(?:{_MONTH_NAMES}|(?:{_MONTH_ABBREVIATIONS})\b\.?)"
_WEEKDAY = "(?:" + "|".join(_CAL.weekdays) + ")"
#: the season words, in any case
_SEASON = "(?i:" + "|".join(SEASONS) + ")"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
#: a four-digit number that could be a year (checked further in _year_ok)
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
#: "no digit, comma+digit, dot+digit, colon+digit or percent right after"
_NUM_END = r"(?![\d%]|[.,:]\d)"

# Every expression contains one anchor token: a number, a month or weekday name, "today",
# a unit word ("week", "year", "summer"), "ago" or "century". A cheap scan finds the anchors;
# the expression around each is then matched in place (forwards) and looked back for its
# modifiers ("last", "early", "five years"), which keeps the pass at millions of chars/s.
#: The word anchors of each kind, each with the spellings it is found in ("l" lower case, "T" capitalised,
#: "U" upper case). ``ANCHOR_RE`` and the prefix scan (``_ANCHOR_WORDS``) are both built from this one table.
_ANCHOR_KINDS: dict[str, list[tuple[str, str]]] = {
    "mon": [(w, "T") for w in (*_CAL.months, *_CAL.month_abbreviations)],
    "wd": [(w, "T") for w in _CAL.weekdays],
    "deic": [("today", "lTU"), ("yesterday", "lTU"), ("tomorrow", "lT")],
    "unit": [("week", "lTU"), ("month", "lTU"), ("year", "lTU"), *((w, "lT") for w in SEASONS)],
    "ago": [("ago", "lU")],
    "cen": [("century", "lTU")],
}
_CASES = {"l": str.lower, "T": str.capitalize, "U": str.upper}


def _spellings(words: list[tuple[str, str]]) -> list[str]:
    """Each word in each of its cases, in table order."""
    return list(dict.fromkeys(_CASES[c](w) for w, cases in words for c in cases))


ANCHOR_RE = re.compile(
    r"(?<![\w])(?:(?P<num>\d+)|(?:"
    + "|".join(f"(?P<{kind}>{'|'.join(_spellings(words))})" for kind, words in _ANCHOR_KINDS.items())
    + r")\b)"
)
#: what may follow a number anchor
NUM_RE = re.compile("|".join([
    # 2025-08-28, 2025/08/28
    rf"(?P<iso>(?P<iso_y>{_YEAR})(?P<sep>[-/])(?P<iso_m>0[1-9]|1[0-2])(?P=sep)(?P<iso_d>0[1-9]|[12]\d|3[01])"
    r"(?![\d/-]))",
    # 11.09.2025 (day first), 9/11/2025 or 11/9/2025 (the reading nearest the publication date)
    rf"(?P<nd>(?P<nd_a>[0-3]?\d)(?P<nsep>[./])(?P<nd_b>[0-3]?\d)(?P=nsep)(?P<nd_y>{_YEAR})(?![.,/]?\d))",
    # the 20th century
    r"(?P<cen>(?P<cen_n>\d{1,2})(?:st|nd|rd|th)[\s-]+(?i:century)\b)",
    # 1990s, 90s
    r"(?P<dec>(?:(?P<dec_c>1[0-9]|20)(?P<dec_d>\d)0|(?P<dec_s>\d)0)['’]?s\b)",
    # 2009-2010, 1957-58
    rf"(?P<yr>(?P<yr_a>{_YEAR})\s?[-–]\s?(?P<yr_b>{_YEAR}|\d\d){_NUM_END}(?![-–/]\d))",
    # 3 weeks ago
    r"(?P<ago>(?P<ago_n>\d{1,3})[\s-]+(?P<ago_u>(?i:day|week|month|year|decade))s?\s+(?i:ago)\b)",
    # 28 August 2025, 28th of August
    rf"(?P<dm>(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_MONTH})(?![\w-])(?:,?\s+(?P<dm_y>{_YEAR}){_NUM_END})?)",
    # 2021
    rf"(?P<y>(?P<y_y>{_YEAR}){_NUM_END}(?![-–]?\w))",
]))
#: what may follow a month anchor
MON_RE = re.compile("|".join([
    rf"(?P<md>(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})(?![\d:.,]\d|\d|%|-year|\s*(?:years?|percent)\b)"
    rf"(?:,?\s+(?P<md_y>{_YEAR}){_NUM_END})?)",
    rf"(?P<my>(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}){_NUM_END})",
    rf"(?P<mo>(?P<mo_m>{_MONTH})(?![\w-]))",
]))
#: "spring of 2020", "summer 2021" after a season anchor
SEASON_YEAR_RE = re.compile(rf"{_SEASON}\s+(?:of\s+)?(?P<y>{_YEAR}){_NUM_END}")
#: the relative word before a unit anchor: "last", "earlier this", "the end of next"
REL_BEFORE_RE = re.compile(
    r"(?i:(?:(?:early|earlier|late|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?"
    r"(?P<w>last|this|next|the\s+last|the\s+current|current|the\s+coming|coming)(?:\s+fiscal)?\s+)\Z"
)
#: "five years " before "ago"
AGO_BEFORE_RE = re.compile(
    rf"(?<![\w-])(?P<n>(?i:an?|{WORDS_RE}))[\s-]+(?P<u>(?i:day|week|month|year|decade))s?\s+\Z"
)
#: "twentieth " before "century"
CEN_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<w>(?i:(?:twenty[\s-])?(?:" + "|".join(w for w in ORDINAL_WORDS if "-" not in w) + r")))"
    r"[\s-]+\Z"
)
#: "last", "next", "this" before a weekday
WD_REL_BEFORE_RE = re.compile(r"\b(?P<w>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+\Z")
#: "a Wednesday", "every Monday", "each Friday" are no particular day
NOT_A_DAY_BEFORE_RE = re.compile(r"\b(?i:a|every|each|any)\s+\Z")
#: a weekday before a date ("Thursday, August 28")
WD_BEFORE_RE = re.compile(rf"{_WEEKDAY},?\s+\Z")
#: "in"/"during" right before "June 14 prisoners": the month alone is the date
_MONTH_ONLY_BEFORE_RE = re.compile(r"\b(?i:in|during|throughout)\s+\Z")
#: a word (not a comma, a year or a time) right after the day number
_WORD_AFTER_RE = re.compile(rf"[^\S\n]+(?!{_YEAR}\b)(?!(?i:am|pm|a\.m|p\.m|GMT|UTC)\b)[^\W\d_]")
#: a modifier before a bare month ("early August", "mid-July")
MON_MOD_BEFORE_RE = re.compile(r"\b(?i:early|late|mid)[\s-]+\Z")
#: a date right after a weekday, which then belongs to that date
DATE_AFTER_WD_RE = re.compile(rf",?\s+(?:{_MONTH}\s+{_DAY}\b|{_DAY}\s+(?:of\s+)?{_MONTH}\b)")
#: time-of-day words that make "Friday afternoon" or "today's evening" a time
TIME_AFTER_RE = re.compile(r"\s+(?:morning|afternoon|evening|night|mornings|nights)\b")
_BACK = 48
#: a day without a year up to this many days after publication is an upcoming day, not last year's
_NEAR_AHEAD_DAYS = 60

#: a clause before the match that reads as future ("will", "until", "due to" ...)
FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned\s+for|scheduled|due|expected\s+to|set\s+to|"
    r"is\s+to|are\s+to|until|till|upcoming|coming|next|through|aims?\s+to|intends?\s+to|from\s+now)\b",
    re.I,
)
#: a past reporting verb, after which a future cue no longer applies
REPORTED_RE = re.compile(r"\b(?:said|told|announced|reported|added|stated|wrote|claimed|confirmed|revealed)\b")
#: the words that may introduce a bare month ("in May", "since June", "last July", "mid-August")
MONTH_CUE_RE = re.compile(
    r"(?:\b(?:in|since|until|till|through|throughout|by|from|during|before|after|of|last|next|this|early|late|mid|"
    r"on|between|around|as\s+of|starting|ending|until\s+early|until\s+late|at\s+least|as\s+early\s+as|"
    r"as\s+late\s+as|no\s+later\s+than|not\s+before)[\s-]+|\bmid-)$",
    re.I,
)
_MONTH_JOIN_PAIR_RE = re.compile(_MONTH + r"\s+(?:and|or|to|through|until)\s+\Z")
#: words that join two months ("between June and July", "May or June")
MONTH_JOIN_RE = re.compile(r"\b(?:and|or|to|through|until)\s+$", re.I)
#: a clock time just before a weekday makes it a time, not a date ("15:00 GMT Saturday")
CLOCK_BEFORE_RE = re.compile(
    r"(?:\d[:.]\d\d|\d\s*[ap]\.?m\.?|\bnoon|\bmidnight)(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|MSK|local\s+time))?"
    r"(?:\s+on)?\s+$", re.I,
)
#: count nouns that make a four-digit number a count, not a year ("2020 people")
#: (``gazetteer/data/count_nouns.yaml``: the nouns marked ``not_year`` and the ``quantities``)
COUNT_NOUN_RE = re.compile(
    r"\s+(?:more\s+|other\s+|new\s+)?(?:"
    + "|".join(re.escape(w) for w in sorted(load_count_nouns().not_year, key=lambda w: (-len(w), w)))
    + r")\b", re.I,
)
#: a capitalised word right before a number names a thing ("Expo 2020", "Euro 2024", "Windows 2000") unless
#: it is one of these ordinary words ("In 2021", "Since 2020", "The 2020 elections", "Last 1953 team")
PLAIN_WORDS = frozenset("""
a an the in on at of by for from to since until till through during before after about around circa
between and or but as than early late mid last next this that these those its his her their our my your
since when while until whereas because if also only even still just already back
year years season seasons
""".split()) | frozenset(SEASONS)
#: lower-case words before a number that make it a label, not a year ("article 2020", "flight 1234")
LABEL_WORDS = frozenset("""
no no. number nos article articles section sections paragraph chapter page pages flight flights room route
code decree resolution order model version item case rule law point clause part bus highway road
""".split())
#: words before a hyphen that leave a year a year ("mid-2021", "pre-2020"); other words make it a name
HYPHEN_PREFIXES = frozenset({"mid", "pre", "post", "early", "late", "end", "since", "by"})
_CAP_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w.&'’]*)\s+$")
_SENT_END_RE = re.compile(r"[.!?]\s+(?=[A-Z\"“‘'(])|\n")
_CONTEXT = 120
_HOURS_AFTER_RE = re.compile(r"\s*(?:GMT|UTC|hrs|hours|h)\b")
_QUARTER_RE = re.compile(r"[qh][1-4]")
_DIGITS_RE = re.compile(r"\d+")
_WORD_CHARS_RE = re.compile(r"\w+")
#: a sentence that opens with "In 2020," sets the year of the bare months and days in it
_IN_YEAR_RE = re.compile(rf"[\W_]*(?:[Bb]ack\s+)?[Ii]n\s+(?:(?:early|late|mid)[\s-]+)?({_YEAR}){_NUM_END}(?![-–]?\w)")


# ---------------------------------------------------------------- value helpers

def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_match(regex: re.Pattern, s: str) -> re.Match | None:
    found = None
    for found in regex.finditer(s):  # noqa: B007 - the last one is wanted
        pass
    return found


def _clause_before(text: str, start: int) -> str:
    """The text of the current sentence before ``start`` (at most _CONTEXT characters)."""
    lo = max(0, start - _CONTEXT)
    chunk = text[lo:start]
    last = _last_match(_SENT_END_RE, chunk)
    return chunk[last.end():] if last else chunk


def _is_future(text: str, start: int) -> bool:
    """Whether the clause before ``start`` reads as future ("will begin on April 7").

    A reporting verb after the cue ends the future part: "Lukashenko, who will host Putin,
    said on Monday" is a past Monday.
    """
    clause = _clause_before(text, start)
    cue = _last_match(FUTURE_RE, clause)
    return cue is not None and REPORTED_RE.search(clause, cue.end()) is None


def _anchor_year(text: str, start: int) -> int | None:
    """The year of a sentence that opens with "In 2020", which anchors its bare months and days."""
    lo = max(0, start - _CONTEXT)
    chunk = text[lo:start]
    last = _last_match(_SENT_END_RE, chunk)
    if last is None and lo > 0:
        return None  # the sentence starts further back than we look
    found = _IN_YEAR_RE.match(chunk, last.end() if last else 0)
    return int(found.group(1)) if found else None


def _day_value(y: int | None, m: int, d: int, text: str, start: int, pub: date | None) -> str | None:
    """``YYYY-MM-DD`` for a day without a year placed against ``pub`` (or the year given)."""
    if y is None:
        y = _anchor_year(text, start)
    if y is None:
        if pub is None:
            return None
        y = pub.year
        cand = _safe_date(y, m, d)
        if cand is None:
            return None
        if cand > pub + timedelta(days=_NEAR_AHEAD_DAYS) and not _is_future(text, start):
            y -= 1  # "the Jan. 26 election" in early January is ahead; "December 20" then is last year
        elif cand < pub - timedelta(days=300) and _is_future(text, start):
            y += 1
    cand = _safe_date(y, m, d)
    return cand.isoformat() if cand else None


def _month_value(m: int, rel: str | None, text: str, start: int, pub: date) -> str:
    """``YYYY-MM`` for a month without a year ("in March", "last July")."""
    y = pub.year
    if rel == "last":
        if m >= pub.month:
            y -= 1
    elif rel == "next":
        if m <= pub.month:
            y += 1
    elif rel != "this":
        anchor = _anchor_year(text, start)
        if anchor is not None:
            y = anchor
        elif m > pub.month and not _is_future(text, start):
            y -= 1
    return f"{y}-{m:02d}"


def _season_value(code: str, rel: str, pub: date) -> str:
    """``YYYY-SU`` etc. for "last summer", "this winter", "next spring"."""
    start = SEASON_START[code]
    current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(pub.month, "FA")
    y = pub.year - (1 if pub.month < 3 and code == "WI" else 0)  # winter is named after the year it starts
    if rel == "last":
        if code == current or start > pub.month:
            y -= 1
    elif rel == "next":
        if code == current or start <= pub.month:
            y += 1
    return f"{y}-{code}"


def _weekday_value(wd: int, rel: str | None, text: str, start: int, pub: date) -> str:
    diff = (pub.weekday() - wd) % 7  # days back to the latest such weekday (0 = today)
    if rel == "last":
        back = diff or 7
        return (pub - timedelta(days=back)).isoformat()
    ahead = (wd - pub.weekday()) % 7
    if rel == "next":
        return (pub + timedelta(days=ahead or 7)).isoformat()
    if rel in ("this", "coming"):
        if rel == "coming":
            return (pub + timedelta(days=ahead or 7)).isoformat()
        return (pub + timedelta(days=wd - pub.weekday())).isoformat()
    if diff == 0:
        return pub.isoformat()
    if _is_future(text, start):
        return (pub + timedelta(days=ahead)).isoformat()
    return (pub - timedelta(days=diff)).isoformat()


def _year_ok(text: str, start: int, end: int, year: int) -> bool:
    """Whether the four digits at ``start:end`` read as a year in their context."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    if before.endswith(("$", "€", "£", "¥", "US$ ", "$ ", "No. ", "no. ", "# ")):
        return False
    if year < 1900 and not _OLD_YEAR_CUE_RE.search(before):
        return False
    if COUNT_NOUN_RE.match(after) or _HOURS_AFTER_RE.match(after):
        return False
    w = _CAP_WORD_BEFORE_RE.search(before)
    if w:
        word = w.group(1)
        low = word.lower()
        if low in LABEL_WORDS:
            return False
        if _QUARTER_RE.fullmatch(low):
            return True  # "Q3 2024", "H1 2025"
        possessive = low.endswith(("'s", "’s", "s'", "s’"))
        if word[0].isupper() and not possessive and low not in PLAIN_WORDS and low not in MONTHS \
                and low not in WEEKDAYS:
            return False
    return True


#: the words before a year before 1900 that make it a year ("in 1812", "summer 1850"); not "fall", also a verb
_OLD_YEAR_CUE_RE = re.compile(
    r"\b(?:in|since|from|by|until|to|of|circa|c\.|before|after|between|and|during|early|late|mid|year|"
    + "|".join(s for s in SEASONS if s != "fall") + r")\s+$", re.I,
)


def _number_start_ok(text: str, start: int) -> bool:
    """Whether a number starting at ``start`` stands on its own (not "$2020", "1.2020", "Zapad-2025")."""
    c = text[start - 1] if start else ""
    if not c or c.isspace():
        return True
    if c in "$€£¥#":
        return False
    if c in ".,/:" and start >= 2 and text[start - 2].isdigit():
        return False
    if c in "-–‑":
        w = re.search(r"(\w+)[-–‑]$", text[max(0, start - 12):start])
        return w is None or w.group(1).lower() in HYPHEN_PREFIXES
    return True


# ---------------------------------------------------------------- main

def find_dates(text: str, published: date | None) -> list[DateFact]:
    """Calendar references in ``text`` normalised against ``published``.

    Takes the plain article text and its publication date (``None`` when unknown:
    then only expressions that carry their own year are returned) and returns one
    ``DateFact`` per expression, in text order, with offsets into ``text``.
    """
    out: list[DateFact] = []
    pos = 0
    low = folded(text)
    for a in _anchors(text, low):
        start = a.start()
        if start < pos:
            continue
        kind = a.lastgroup
        if kind == "num" and not _num_may_match(text, start, a.end()):
            continue  # NUM_RE cannot match there: "14 prisoners", "150,000"
        found = _ANCHOR_HANDLERS[kind](text, start, pos, published)
        if not found:
            continue
        facts, pos = found
        out.extend(DateFact(v, text[s:e], s, e) for v, s, e in facts)
    if published is not None:
        out = _add_contextual(text, out, published, low)
    return out


#: The word anchors, lower case: every word ANCHOR_RE matches is one of these in some case (same table).
_ANCHOR_WORDS = tuple(dict.fromkeys(w.lower() for words in _ANCHOR_KINDS.values() for w in _spellings(words)))


def _anchors(text: str, low: str | None):
    """``ANCHOR_RE.finditer(text)``, matched only at digits and at words that begin like an anchor."""
    if low is None:
        return ANCHOR_RE.finditer(text)
    starts: list[int] = []
    digit_starts(text, starts)
    word_starts(text, low, _ANCHOR_WORDS, starts)
    return matches_at(ANCHOR_RE, text, starts)


#: What may follow one to three digits in a NUM_RE match: "11.09.2025", "20th century", "90s", "90's", "3 weeks ago",
#: "28 August", "15th of May"; white space and "-" only before one of :data:`_AFTER_DIGITS_LETTERS`.
_AFTER_DIGITS = frozenset("./snrt'’")
#: The first letters of what follows white space (or "-") after a day or a number of units: "of", a month, and
#: "day", "week", "month", "year", "decade" in any case.
_AFTER_DIGITS_LETTERS = frozenset({"o", *(w[0] for w in (*_CAL.months, *_CAL.month_abbreviations)), *"dwmyDWMY"})


def _num_may_match(text: str, start: int, end: int) -> bool:
    """Whether ``NUM_RE`` can match at the run of digits ``text[start:end]`` (a superset: the pattern decides).

    Four digits make a year or a decade only from "1" or "20"; five or more never match; one to three need one of
    :data:`_AFTER_DIGITS` right after them, or white space or "-" and then one of :data:`_AFTER_DIGITS_LETTERS`
    (most numbers of a page: "14 prisoners", "150,000", "2.5 million" are none of these).
    """
    size = end - start
    if size == 4:
        return text[start] == "1" or text.startswith("20", start)
    if size > 4:
        return False
    c = text[end:end + 1]
    if not c:
        return False
    if c in _AFTER_DIGITS:
        return True
    n = len(text)
    while end < n and (text[end].isspace() or text[end] == "-"):
        end += 1
    return end < n and end > start + size and text[end] in _AFTER_DIGITS_LETTERS


_UNITS = ("day", "week", "month", "year")


def _anaphors(text: str, low: str | None):
    """``ANAPHOR_RE.finditer(text)``, matched only one and two words before a unit word ("the day before",
    "the following month"): every match has its unit word after spaces, and starts one or two words before."""
    if low is None:
        return ANAPHOR_RE.finditer(text)
    units: list[int] = []
    word_starts(text, low, _UNITS, units, whole=False)  # a unit word after spaces begins a word
    starts: list[int] = []
    for i in units:
        if i and text[i - 1].isspace() and _anaphor_unit(text, low, i):
            w1 = word_before(text, i)
            if w1 >= 0:
                starts.append(w1)
                w2 = word_before(text, w1)
                if w2 >= 0:
                    starts.append(w2)
    return matches_at(ANAPHOR_RE, text, starts) if starts else ()


# ---------------------------------------------------------------- expressions read from their context

#: The words after a unit ("the day before") and before it ("the following month") in ANAPHOR_RE.
_ANAPHOR_AFTER = ("earlier", "later", "before", "after")
_ANAPHOR_BEFORE = ("previous", "following", "next", "preceding", "prior")


def _anaphor_unit(text: str, low: str, i: int) -> bool:
    """Whether the unit word that begins at ``i`` can be the unit of an ``ANAPHOR_RE`` match (a superset): a
    word of :data:`_ANAPHOR_BEFORE` stands before it, or it is a whole unit word (plural too) with white space
    and a word of :data:`_ANAPHOR_AFTER` after it. ``low`` is ``folded(text)``."""
    if low[max(0, i - 12):i].rstrip().endswith(_ANAPHOR_BEFORE):
        return True
    for u in _UNITS:
        if low.startswith(u, i):
            k = i + len(u)
            if low[k:k + 1] == "s":
                k += 1
            q = k
            while q < len(text) and text[q].isspace():
                q += 1
            return q > k and low.startswith(_ANAPHOR_AFTER, q)
    return False

#: "the day before,", "a day earlier", "the previous year", "two days later", "the following month"
ANAPHOR_RE = re.compile(
    r"\b(?:(?P<n>the|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<u>day|week|month|year)s?"
    r"\s+(?P<d>earlier|later|before|after)|the\s+(?P<d2>previous|following|next|preceding|prior)\s+"
    r"(?P<u2>day|week|month|year))\b(?!['’]|\s+than\b)",
    re.I,
)
#: ("a month earlier than usual" is a comparison, not a date)
#: "the day before" / "a year after" name a date only at a clause boundary ("the day before the vote" does not)
_BOUNDARY_AFTER_RE = re.compile(r"\s*(?:[,.;:!?)\u2013\u2014]|\Z)|\s+(?:and|but|when|while|as|he|she|they|it)\b")
#: "at the weekend", "over the weekend", "last weekend", "this weekend"
WEEKEND_RE = re.compile(
    r"\b(?P<w>at|over|during|on|this|last|next|past|coming)\s+(?:the\s+)?(?:(?:past|coming)\s+)?weekend\b"
    r"(?!['’]|\s+of\b)",
    re.I,
)
#: "in spring", "during the summer", "in late autumn" without a year after them
SEASON_CUE_RE = re.compile(
    r"\b(?i:in|during|over|throughout|by|until|since)\s+(?:the\s+)?(?:(?i:early|late|mid)[\s-]+)?"
    rf"(?P<s>{_SEASON})\b"
    r"(?!\s+(?:of|\d)|\s+(?i:camps?|olympics|games|palace|holidays?|session|months|term|semester)\b)",
)
_SEASON_PAIR_YEAR_RE = re.compile(
    rf"\s+(?:and|or|to|through|into)\s+(?:the\s+)?(?:(?i:early|late|mid)[\s-]+)?{_SEASON}"
    rf",?\s+(?:of\s+)?(?P<y>{_YEAR}){_NUM_END}"
)
_NUMBER_WORDS = {"the": 1, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _add_contextual(text: str, out: list[DateFact], pub: date, low: str | None = None) -> list[DateFact]:
    """Add the expressions whose value comes from the text around them, not from the calendar alone:

    * "the day before", "a year earlier", "the following month": the nearest earlier date of that
      granularity in the same paragraph, shifted ("in late 2021 ... the year before" -> 2020); nothing
      without such a date, and nothing for "the day before the vote" (an event, not a date);
    * "at the weekend", "last weekend": the ISO week of that weekend's Saturday;
    * "in spring", "during the summer": the season of a year named earlier in the sentence, else the
      latest such season (the coming one in a future clause).
    """
    taken = [(f.start, f.end) for f in out]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    added: list[DateFact] = []
    for m in _anaphors(text, low):
        if not free(m.start(), m.end()):
            continue
        unit = (m["u"] or m["u2"]).lower()
        word = (m["d"] or m["d2"]).lower()
        if word in ("before", "after") and not _BOUNDARY_AFTER_RE.match(text, m.end()):
            continue
        raw = (m["n"] or "the").lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        sign = -1 if word in ("earlier", "before", "previous", "preceding", "prior") else 1
        v = _shift_anchor(text, out, m.start(), unit, sign * n)
        if v:
            added.append(DateFact(v, m.group(), m.start(), m.end()))
    for m in _cued(WEEKEND_RE, text, low, ("weekend",)):
        if free(m.start(), m.end()):
            w = m["w"].lower()
            inner = m.group().lower()
            rel = "last" if w in ("last", "past") or "past" in inner else "next" if w in ("next", "coming") or \
                "coming" in inner else "this" if w == "this" else None
            added.append(DateFact(_weekend_value(rel, text, m.start(), pub), m.group(), m.start(), m.end()))
    for m in _cued(SEASON_CUE_RE, text, low, SEASONS):
        if free(m.start("s"), m.end("s")):
            code = SEASONS[m["s"].lower()]
            later = _SEASON_PAIR_YEAR_RE.match(text, m.end())  # "in the spring and summer of 2020"
            v = f"{later['y']}-{code}" if later else _season_in_context(code, text, out, m.start(), pub)
            added.append(DateFact(v, m.group(), m.start(), m.end()))
    if not added:
        return out
    return sorted(out + added, key=lambda f: f.start)


#: the characters between the start of a WEEKEND_RE or SEASON_CUE_RE match and its "weekend" or season word
#: (cue words, "the", "early", "past": ASCII letters under IGNORECASE when ``folded`` gave a lower case;
#: white space; "-")
_CUE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CUE_CHARS = _CUE_LETTERS | {"-"}


def _cued(pattern: re.Pattern, text: str, low: str | None, words):
    """``pattern.finditer(text)`` for a pattern whose matches run from a cue word over letters, white space and
    "-" only to one of ``words`` ("in the late spring", "over the weekend"): matched only at the word starts
    of that run before each place one of ``words`` is written (a page's scan by the regex cost 3 million
    instructions; most pages hold none of ``words``)."""
    if low is None:
        return pattern.finditer(text)
    starts: list[int] = []
    for w in words:
        p = low.find(w)
        while p >= 0:
            q = p
            while q and (text[q - 1] in _CUE_CHARS or text[q - 1].isspace()):
                q -= 1
            starts += [x for x in range(q, p) if x == q or text[x - 1] not in _CUE_LETTERS]  # a word's start
            p = low.find(w, p + 1)
    return matches_at(pattern, text, starts) if starts else ()


def _shift_anchor(text: str, out: list[DateFact], pos: int, unit: str, k: int) -> str | None:
    """The nearest earlier date of the paragraph that has ``unit`` granularity, shifted by ``k`` units."""
    para = text.rfind("\n", 0, pos)
    for f in reversed(out):
        if f.end > pos:
            continue
        if f.start < para:
            return None
        v = f.value
        if unit in ("day", "week") and re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            d = date.fromisoformat(v) + timedelta(days=k * (7 if unit == "week" else 1))
            return d.isoformat() if unit == "day" else _week(d)
        if unit == "month" and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", v):
            y, mo = _shift_month(int(v[:4]), int(v[5:7]), k)
            return f"{y}-{mo:02d}"
        if unit == "year" and re.match(r"\d{4}(?:-|$)", v):
            return str(int(v[:4]) + k)
    return None


def _weekend_value(rel: str | None, text: str, start: int, pub: date) -> str:
    """ISO week of the weekend meant: the latest one (the coming one when future or "this"/"next")."""
    wd = pub.weekday()
    in_weekend = wd >= 5
    latest_sat = pub - timedelta(days=wd - 5 if in_weekend else wd + 2)
    coming_sat = latest_sat if in_weekend else pub + timedelta(days=5 - wd)
    if rel == "last":
        sat = latest_sat - timedelta(days=7) if in_weekend else latest_sat
    elif rel == "next":
        sat = coming_sat + timedelta(days=7) if in_weekend else coming_sat
    elif rel == "this" or _is_future(text, start):
        sat = coming_sat
    else:
        sat = latest_sat
    return _week(sat)


def _season_in_context(code: str, text: str, out: list[DateFact], start: int, pub: date) -> str:
    """The season of a year named earlier in the same sentence, else the latest (or coming) such season."""
    clause_start = start - len(_clause_before(text, start))
    for f in reversed(out):
        if clause_start <= f.start < start and re.match(r"\d{4}(?:-|$)", f.value):
            return f"{f.value[:4]}-{code}"
    current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(pub.month, "FA")
    if code == current:
        return _season_value(code, "this", pub)
    return _season_value(code, "next" if _is_future(text, start) else "last", pub)


Found = tuple[list[tuple[str, int, int]], int] | None


def _on_number(text: str, p: int, lo: int, pub: date | None) -> Found:
    m = NUM_RE.match(text, p)
    if m is None or not _number_start_ok(text, p):
        return None
    kind = m.lastgroup
    e = m.end()
    if kind == "iso":
        d = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return ([(d.isoformat(), p, e)], e) if d else None
    if kind == "nd":
        a, b, y = int(m["nd_a"]), int(m["nd_b"]), int(m["nd_y"])
        readings = [d for d in (_safe_date(y, b, a), _safe_date(y, a, b) if m["nsep"] == "/" else None) if d]
        if not readings:
            return None
        d = min(readings, key=lambda d: abs((d - pub).days)) if pub else readings[0]
        return [(d.isoformat(), p, e)], e
    if kind == "cen":
        n = int(m["cen_n"])
        return ([(f"{n - 1:02d}", p, e)], e) if 1 <= n <= 22 else None
    if kind == "dec":
        if m["dec_c"]:
            if e - p == 6:  # "1990's": a decade after "the", "early" ... once over; else a year's possessive
                y = int(text[p:p + 4])
                over = pub is None or y + 10 <= pub.year
                if not (over and re.search(r"(?i:the|early|late|mid)[\s-]+$", text[max(lo, p - 8):p])):
                    return ([(str(y), p, p + 4)], p + 4) if _year_ok(text, p, p + 4, y) else None
            return [(f"{m['dec_c']}{m['dec_d']}", p, e)], e
        before = text[max(lo, p - 5):p]
        if not (before.endswith(("'", "’")) or re.search(r"(?i:the)\s+$", before)):
            return None
        d = int(m["dec_s"])
        ref = pub.year if pub else 2000
        century = ref // 100 if d * 10 <= ref % 100 else ref // 100 - 1
        return [(f"{century}{d}", p - 1 if before.endswith(("'", "’")) else p, e)], e
    if kind == "yr":
        a = int(m["yr_a"])
        b_txt = m["yr_b"]
        b = int(b_txt) if len(b_txt) == 4 else a // 100 * 100 + int(b_txt)
        if not 0 < b - a <= 50 or not _year_ok(text, p, e, a):
            return None
        return [(str(a), p, m.end("yr_a")), (str(b), m.start("yr_b"), e)], e
    if kind == "ago":
        v = _ago_value(int(m["ago_n"]), m["ago_u"].lower(), pub)
        return ([(v, p, e)], e) if v else None
    if kind == "dm":
        if text[p - 1:p] in ".,":
            return None
        y = int(m["dm_y"]) if m["dm_y"] else None
        v = _day_value(y, MONTHS[m["dm_m"].rstrip(".").lower()], int(_DIGITS_RE.match(m["dm_d"]).group()),
                       text, p, pub)
        if not v:
            return None
        w = WD_BEFORE_RE.search(text, max(lo, p - 12), p)
        return [(v, w.start() if w else p, e)], e
    # a bare year
    y = int(m["y_y"])
    if (pub is not None and y > pub.year + 100) or not _year_ok(text, p, e, y):
        return None
    return [(str(y), p, e)], e


def _on_month(text: str, p: int, lo: int, pub: date | None) -> Found:
    m = MON_RE.match(text, p)
    if m is None:
        return None
    kind = m.lastgroup
    e = m.end()
    if kind == "md" and not m["md_y"] and _MONTH_ONLY_BEFORE_RE.search(text, max(lo, p - 12), p) \
            and _WORD_AFTER_RE.match(text, m.end("md_d")) and pub is not None:
        # "In June 14 prisoners were ...": a day takes "on", so "in" makes this a month and a count
        e = m.start("md_d")
        e = len(text[:e].rstrip())
        return [(_month_value(MONTHS[m["md_m"].rstrip(".").lower()], None, text, p, pub), p, e)], e
    if kind == "md":
        y = int(m["md_y"]) if m["md_y"] else None
        v = _day_value(y, MONTHS[m["md_m"].rstrip(".").lower()], int(_DIGITS_RE.match(m["md_d"]).group()),
                       text, p, pub)
        if not v:
            return None
        w = WD_BEFORE_RE.search(text, max(lo, p - 12), p)
        return [(v, w.start() if w else p, e)], e
    if kind == "my":
        return [(f"{int(m['my_y'])}-{MONTHS[m['my_m'].rstrip('.').lower()]:02d}", p, e)], e
    # a bare month needs a cue before it
    if pub is None:
        return None
    name = m["mo_m"]
    mod = MON_MOD_BEFORE_RE.search(text, max(lo, p - 8), p)
    start = mod.start() if mod else p
    cue = _month_cue(text, start, lo)
    if cue is None:
        if mod is None:
            return None
        cue = "in"
    elif cue in ("last", "next", "this"):
        start = text.lower().rfind(cue, max(lo, start - 12), start)
    if name in ("May", "March") and mod is None and cue in ("by", "of", "on", "to"):
        return None  # "by May" is fine, but "of May" / "on March" are too often a name or a verb
    rel = cue if cue in ("last", "next", "this") else None
    return [(_month_value(MONTHS[name.rstrip(".").lower()], rel, text, p, pub), start, e)], e


def _month_cue(text: str, start: int, lo: int) -> str | None:
    """The cue word before a bare month ("in", "last" ...), or None when there is none."""
    before = text[max(lo, start - 30):start]
    c = MONTH_CUE_RE.search(before)
    if c:
        return c.group().strip(" -").split()[-1].lower()
    if MONTH_JOIN_RE.search(before) and _MONTH_JOIN_PAIR_RE.search(text, max(0, start - 30), start):
        return "in"
    return None


def _on_weekday(text: str, p: int, lo: int, pub: date | None) -> Found:
    if pub is None:
        return None
    e = p + text[p:p + 10].index("day") + 3
    if DATE_AFTER_WD_RE.match(text, e) or TIME_AFTER_RE.match(text, e):
        return None  # "Thursday, August 28" is read from the date; "Friday afternoon" is a time
    if CLOCK_BEFORE_RE.search(text, max(lo, p - 30), p) or NOT_A_DAY_BEFORE_RE.search(text, max(lo, p - 8), p):
        return None  # "15:00 GMT Saturday" is a time; "a Wednesday", "every Monday" name no particular day
    r = WD_REL_BEFORE_RE.search(text, max(lo, p - 8), p)
    rel = r["w"].lower() if r else None
    v = _weekday_value(WEEKDAYS[text[p:e].lower()], rel, text, p, pub)
    return [(v, r.start() if r else p, e)], e


def _on_deictic(text: str, p: int, lo: int, pub: date | None) -> Found:
    if pub is None:
        return None
    w = _WORD_CHARS_RE.match(text[p:p + 10]).group().lower()
    e = p + len(w)
    if TIME_AFTER_RE.match(text, e):
        return None
    if w == "today" and re.search(r"\bthan\b(?:\W+\w+){0,5}\W+$", _clause_before(text, p)):
        return None  # "faster than can be done today": the present in general, not a day
    k = {"today": 0, "yesterday": -1, "tomorrow": 1}[w]
    return [((pub + timedelta(days=k)).isoformat(), p, e)], e


def _on_unit(text: str, p: int, lo: int, pub: date | None) -> Found:
    unit = _WORD_CHARS_RE.match(text[p:p + 10]).group().lower()
    e = p + len(unit)
    if unit in SEASONS:
        sy = SEASON_YEAR_RE.match(text, p)
        if sy:
            return [(f"{int(sy['y'])}-{SEASONS[unit]}", p, sy.end())], sy.end()
    if pub is None:
        return None
    r = REL_BEFORE_RE.search(text, max(lo, p - _BACK), p) if _rel_may_end(text, max(lo, p - _BACK), p) else None
    if r is None:
        return None
    if unit == "fall" and r["w"].lower().startswith("the"):
        return None  # "the last fall of the regime"
    if r["w"].lower() == "next" and re.search(r"\b(?i:the)\s+\Z", text[max(lo, r.start() - 6):r.start()]):
        return None  # "sentenced the next year": relative to the story, resolved by _anaphoric
    k = {"last": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[r["w"].lower().split()[-1]]
    if unit == "week":
        v = _week(pub + timedelta(weeks=k))
    elif unit == "month":
        y, mo = _shift_month(pub.year, pub.month, k)
        v = f"{y}-{mo:02d}"
    elif unit == "year":
        v = str(pub.year + k)
    else:
        v = _season_value(SEASONS[unit], {-1: "last", 0: "this", 1: "next"}[k], pub)
    return [(v, r.start(), e)], e


#: The words REL_BEFORE_RE's match ends with before its white space.
_REL_LAST_WORDS = ("last", "this", "next", "current", "coming", "fiscal")


def _rel_may_end(text: str, lo: int, p: int) -> bool:
    """Whether ``REL_BEFORE_RE`` can match ``text[lo:p]`` (a superset): it ends with white space after one of
    :data:`_REL_LAST_WORDS` (any case; text with other than ASCII before the spaces is left to the pattern)."""
    tail = text[lo:p]
    stripped = tail.rstrip()
    if len(stripped) == len(tail):
        return False
    end = stripped[-7:]
    return not end.isascii() or end.lower().endswith(_REL_LAST_WORDS)


def _ago_value(n: int, unit: str, pub: date | None) -> str | None:
    if pub is None or not 0 < n <= 1000:
        return None
    if unit == "day":
        return (pub - timedelta(days=n)).isoformat()
    if unit == "week":
        return _week(pub - timedelta(weeks=n))
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        return f"{y}-{mo:02d}"
    if unit == "year":
        return str(pub.year - n)
    return str((pub.year - 10 * n) // 10)


def _on_ago(text: str, p: int, lo: int, pub: date | None) -> Found:
    b = AGO_BEFORE_RE.search(text, max(lo, p - 60), p)
    if b is None:
        return None
    raw = b["n"].lower()
    n = 1 if raw in ("a", "an") else parse_number(raw)
    if not isinstance(n, int):
        return None
    v = _ago_value(n, b["u"].lower(), pub)
    return ([(v, b.start(), p + 3)], p + 3) if v else None


def _on_century(text: str, p: int, lo: int, pub: date | None) -> Found:
    b = CEN_BEFORE_RE.search(text, max(lo, p - 20), p)
    if b is None:
        return None
    n = ORDINAL_WORDS.get(re.sub(r"[\s-]+", "-", b["w"].lower()))
    return ([(f"{n - 1:02d}", b.start(), p + 7)], p + 7) if n else None


_ANCHOR_HANDLERS = {
    "num": _on_number, "mon": _on_month, "wd": _on_weekday, "deic": _on_deictic, "unit": _on_unit,
    "ago": _on_ago, "cen": _on_century,
}
