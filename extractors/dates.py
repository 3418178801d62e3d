"""Dates: calendar references in plain text, normalised against the publication date.

One combined regular expression finds every candidate (ISO dates, "August 15, 2025",
"since July 2023", "the 1990s", "the 20th century", "last month", "five years ago",
"on Saturday", bare years ...) in a single left-to-right scan; a small handler per
kind turns the match into a TimeML-style value at the granularity the text gives:

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
* a weekday is the publication day itself when the page has that weekday, else the
  nearest such day before it (after it in a future clause);
* a bare month needs a temporal cue before it ("in May", "since June", "late July")
  because "May", "March" and "August" are also ordinary words and names;
* a number is a year only if it looks like one in context: not money ("$2020"),
  not part of a name ("Zapad-2025", "Expo 2020"), not a count ("2020 people"),
  not inside a bigger number ("1,300", "2020.5") or a time of day.

Expressions that are times of day ("Friday afternoon", "15:00 GMT Saturday",
"tonight") or durations ("the past two years", "in five years") are not dates.
Without a publication date only expressions that carry their own year are kept.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.model import DateFact
from extractors.numbers import WORDS_RE, parse_number

__all__ = ["find_dates"]

# ---------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: first month of each season (northern hemisphere), to order seasons within a year
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21, "twenty-second": 22,
}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
#: a four-digit number that could be a year (checked further in _year_ok)
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
#: "no digit, comma+digit, dot+digit, colon+digit or percent right after"
_NUM_END = r"(?![\d%]|[.,:]\d)"
_MOD = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_N = rf"(?:\d{{1,3}}|an?|{WORDS_RE})"

PATTERN = re.compile(
    "|".join([
        # 2025-08-28, 2025/08/28 (optionally followed by a time)
        rf"(?P<iso>(?<![\w.,/-])(?P<iso_y>{_YEAR})([-/])(?P<iso_m>0[1-9]|1[0-2])\3(?P<iso_d>0[1-9]|[12]\d|3[01])"
        r"(?![\d/-]))",
        # (Thursday,) August 28, 2025 / August 28 / 28 August 2025 / 28 August
        rf"(?P<md>(?:{_WEEKDAY},?\s+)?(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})(?![\d:.,]\d|\d|%|-year|\s*(?:years?|percent)\b)"
        rf"(?:,?\s+(?P<md_y>{_YEAR}){_NUM_END})?)",
        rf"(?P<dm>(?:{_WEEKDAY},?\s+)?(?<![\d.,$€£])\b(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_MONTH})"
        rf"(?:,?\s+(?P<dm_y>{_YEAR}){_NUM_END})?)",
        # July 2023, May of 2010
        rf"(?P<my>(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}){_NUM_END})",
        # the summer of 2020, spring 2021
        rf"(?P<sy>(?i:(?P<sy_s>{_SEASON}))\s+(?:of\s+)?(?P<sy_y>{_YEAR}){_NUM_END})",
        # 2009-2010, 1957-58, 2019–20
        rf"(?P<yr>(?<![\w$€£.,/-])(?P<yr_a>{_YEAR})\s?[-–]\s?(?P<yr_b>{_YEAR}|\d\d){_NUM_END}(?![-–/]\d))",
        # the 1990s, the '90s, mid-1990s
        r"(?P<dec>(?<![\w$€£.,/-])(?:(?P<dec_c>1[0-9]|20)(?P<dec_d>\d)0|(?i:the\s+)['’]?(?P<dec_s>\d)0)['’]?s\b)",
        # the 20th century, the twenty-first century
        r"(?P<cen>(?i:(?P<cen_n>\d{1,2})(?:st|nd|rd|th)|(?P<cen_w>(?:twenty[\s-])?(?:first|second|"
        r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
        r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)))[\s-]+(?i:century)\b)",
        # last month, this week, next year, earlier this year, the last week, last summer
        r"(?P<rel>(?i:(?:(?:early|earlier|late|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)"
        r"[\s-]+)?(?P<rel_w>last|this|next|the\s+last|the\s+current|current|the\s+coming|coming)"
        r"(?:\s+fiscal)?\s+(?P<rel_u>week|month|year|spring|summer|autumn|fall|winter)\b))",
        # five years ago, a month ago, 3 weeks ago
        rf"(?P<ago>(?i:\b(?P<ago_n>{_N})[\s-]+(?P<ago_u>day|week|month|year|decade)s?\s+ago)\b)",
        # today, yesterday, tomorrow
        r"(?P<deic>(?i:\b(?P<deic_w>today|yesterday|tomorrow))\b(?!\s+(?:morning|afternoon|evening|night)\b))",
        # (last|next|this|on) Saturday
        rf"(?P<wd>(?:(?P<wd_r>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?(?P<wd_w>{_WEEKDAY})\b"
        r"(?!s\b|\s+(?:morning|afternoon|evening|night|mornings|nights)\b|\s+\d))",
        # a bare month: in May, since June, late July (cue checked by the handler)
        rf"(?P<mo>(?:(?i:early|late|mid)[\s-]+)?(?P<mo_m>{_MONTH})(?![\w-]))",
        # a bare year: 2021, late 2021, the 2020 elections
        rf"(?P<y>(?<![\w$€£.,/#-])(?P<y_y>{_YEAR}){_NUM_END}(?![-–]?\w))"
        rf"|(?P<yh>(?<=[A-Za-z]-)(?P<yh_y>{_YEAR}){_NUM_END}(?![-–]?\w))",
    ])
)

#: a clause before the match that reads as future ("will", "until", "due to" ...)
FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned\s+for|scheduled|due|expected\s+to|set\s+to|"
    r"is\s+to|are\s+to|until|till|upcoming|coming|next|through|aims?\s+to|intends?\s+to|from\s+now)\b",
    re.I,
)
#: the words that may introduce a bare month ("in May", "since June", "last July", "mid-August")
MONTH_CUE_RE = re.compile(
    r"(?:\b(?:in|since|until|till|through|throughout|by|from|during|before|after|of|last|next|this|early|late|mid|"
    r"on|between|around|as\s+of|starting|ending|until\s+early|until\s+late)[\s-]+|\bmid-)$",
    re.I,
)
#: words that join two months ("between June and July", "May or June")
MONTH_JOIN_RE = re.compile(r"\b(?:and|or|to|through|until)\s+$", re.I)
#: a clock time just before a weekday makes it a time, not a date ("15:00 GMT Saturday")
CLOCK_BEFORE_RE = re.compile(
    r"(?:\d[:.]\d\d|\d\s*[ap]\.?m\.?|\bnoon|\bmidnight)(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|MSK|local\s+time))?"
    r"(?:\s+on)?\s+$", re.I,
)
#: count nouns that make a four-digit number a count, not a year ("2020 people")
COUNT_NOUN_RE = re.compile(
    r"\s+(?:more\s+|other\s+|new\s+)?(?:people|persons|men|women|children|kids|prisoners|detainees|troops|soldiers|"
    r"officers|police|protesters|workers|employees|staff|dollars|euros|rubles|roubles|pounds|francs|yuan|yen|"
    r"zlotys?|tonnes|tons|km|kilometres|kilometers|miles|metres|meters|feet|votes|cases|deaths|times|units|"
    r"copies|pages|signatures|members|students|residents|families|refugees|migrants|jobs|homes|houses|cars|"
    r"flights|points|hectares|acres|shares|barrels|participants|delegates|seats|calories|others|names|"
    r"hours|minutes|seconds|days|weeks|months|years)\b", re.I,
)
#: a capitalised word right before a number names a thing ("Expo 2020", "Euro 2024", "Windows 2000") unless
#: it is one of these ordinary words ("In 2021", "Since 2020", "The 2020 elections", "Last 1953 team")
PLAIN_WORDS = frozenset("""
a an the in on at of by for from to since until till through during before after about around circa
between and or but as than early late mid last next this that these those its his her their our my your
since when while until whereas because if also only even still just already back
spring summer autumn fall winter year years season seasons
""".split())
#: lower-case words before a number that make it a label, not a year ("article 2020", "flight 1234")
LABEL_WORDS = frozenset("""
no no. number nos article articles section sections paragraph chapter page pages flight flights room route
code decree resolution order model version item case rule law point clause part bus highway road
""".split())
_CAP_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w.&'’]*)\s+$")
_SENT_END_RE = re.compile(r"[.!?]\s+(?=[A-Z\"“‘'(])|\n")
_CONTEXT = 120
_IN_YEAR_RE = re.compile(rf"\b[Ii]n\s+({_YEAR}){_NUM_END}(?![-–]?\w)")


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
    return FUTURE_RE.search(_clause_before(text, start)) is not None


def _anchor_year(text: str, start: int) -> int | None:
    """An explicit "in 2020" earlier in the same sentence, which anchors a bare month or day."""
    found = _last_match(_IN_YEAR_RE, _clause_before(text, start))
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
        if cand > pub + timedelta(days=7) and not _is_future(text, start):
            y -= 1
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
    if year < 1900 and not re.search(r"\b(?:in|since|from|by|until|of|circa|c\.|before|after)\s+$", before, re.I):
        return False
    if COUNT_NOUN_RE.match(after) or re.match(r"\s*(?:GMT|UTC|hrs|hours|h)\b", after):
        return False
    w = _CAP_WORD_BEFORE_RE.search(before)
    if w:
        word = w.group(1)
        low = word.lower()
        if low in LABEL_WORDS:
            return False
        if word[0].isupper() and low not in PLAIN_WORDS and low not in MONTHS and low not in WEEKDAYS:
            return False
    return True


# ---------------------------------------------------------------- main

def find_dates(text: str, published: date | None) -> list[DateFact]:
    """Calendar references in ``text`` normalised against ``published``.

    Takes the plain article text and its publication date (``None`` when unknown:
    then only expressions that carry their own year are returned) and returns one
    ``DateFact`` per expression, in text order, with offsets into ``text``.
    """
    pub = published
    out: list[DateFact] = []
    for m in PATTERN.finditer(text):
        for value, s, e in _HANDLERS[m.lastgroup](m, text, pub):
            out.append(DateFact(value, text[s:e], s, e))
    return out


def _h_iso(m: re.Match, text: str, pub: date | None):
    d = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if d:
        yield d.isoformat(), m.start(), m.end()


def _h_md(m: re.Match, text: str, pub: date | None):
    mon = MONTHS[m["md_m"].rstrip(".").lower()]
    day = int(re.match(r"\d+", m["md_d"]).group())
    y = int(m["md_y"]) if m["md_y"] else None
    v = _day_value(y, mon, day, text, m.start(), pub)
    if v:
        yield v, m.start(), m.end()


def _h_dm(m: re.Match, text: str, pub: date | None):
    mon = MONTHS[m["dm_m"].rstrip(".").lower()]
    day = int(re.match(r"\d+", m["dm_d"]).group())
    y = int(m["dm_y"]) if m["dm_y"] else None
    v = _day_value(y, mon, day, text, m.start(), pub)
    if v:
        yield v, m.start(), m.end()


def _h_my(m: re.Match, text: str, pub: date | None):
    mon = MONTHS[m["my_m"].rstrip(".").lower()]
    yield f"{int(m['my_y'])}-{mon:02d}", m.start(), m.end()


def _h_sy(m: re.Match, text: str, pub: date | None):
    yield f"{int(m['sy_y'])}-{SEASONS[m['sy_s'].lower()]}", m.start(), m.end()


def _h_yr(m: re.Match, text: str, pub: date | None):
    a = int(m["yr_a"])
    b_txt = m["yr_b"]
    b = int(b_txt) if len(b_txt) == 4 else a // 100 * 100 + int(b_txt)
    if not b > a or b - a > 50 or not _year_ok(text, m.start(), m.end(), a):
        return
    yield str(a), m.start("yr_a"), m.end("yr_a")
    yield str(b), m.start("yr_b"), m.end("yr_b")


def _h_dec(m: re.Match, text: str, pub: date | None):
    if m["dec_c"]:
        yield f"{m['dec_c']}{m['dec_d']}", m.start(), m.end()
        return
    d = int(m["dec_s"])
    ref = pub.year if pub else 2000
    century = ref // 100 if d * 10 <= ref % 100 else ref // 100 - 1
    yield f"{century}{d}", m.start(), m.end()


def _h_cen(m: re.Match, text: str, pub: date | None):
    if m["cen_n"]:
        n = int(m["cen_n"])
    else:
        n = ORDINAL_WORDS.get(re.sub(r"\s+", " ", m["cen_w"].lower()).replace(" ", "-"))
        n = n or ORDINAL_WORDS.get(m["cen_w"].lower())
    if n and 1 <= n <= 22:
        yield f"{n - 1:02d}", m.start(), m.end()


def _h_rel(m: re.Match, text: str, pub: date | None):
    if pub is None:
        return
    word = m["rel_w"].lower().split()[-1]
    unit = m["rel_u"].lower()
    k = {"last": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[word]
    if unit == "week":
        v = _week(pub + timedelta(weeks=k))
    elif unit == "month":
        y, mo = _shift_month(pub.year, pub.month, k)
        v = f"{y}-{mo:02d}"
    elif unit == "year":
        v = str(pub.year + k)
    else:
        v = _season_value(SEASONS[unit], {-1: "last", 0: "this", 1: "next"}[k], pub)
    yield v, m.start(), m.end()


def _h_ago(m: re.Match, text: str, pub: date | None):
    if pub is None:
        return
    raw = m["ago_n"].lower()
    n = 1 if raw in ("a", "an") else parse_number(raw)
    if not isinstance(n, int) or n <= 0 or n > 1000:
        return
    unit = m["ago_u"].lower()
    if unit == "day":
        v = (pub - timedelta(days=n)).isoformat()
    elif unit == "week":
        v = _week(pub - timedelta(weeks=n))
    elif unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        v = f"{y}-{mo:02d}"
    elif unit == "year":
        v = str(pub.year - n)
    else:
        v = str((pub.year - 10 * n) // 10)
    yield v, m.start(), m.end()


def _h_deic(m: re.Match, text: str, pub: date | None):
    if pub is None:
        return
    w = m["deic_w"].lower()
    if w == "today" and re.search(r"\bthan\b(?:\W+\w+){0,5}\W+$", _clause_before(text, m.start())):
        return  # "faster than can be done today": the present in general, not a day
    k = {"today": 0, "yesterday": -1, "tomorrow": 1}[w]
    yield (pub + timedelta(days=k)).isoformat(), m.start(), m.end()


def _h_wd(m: re.Match, text: str, pub: date | None):
    if pub is None:
        return
    if CLOCK_BEFORE_RE.search(text[max(0, m.start() - 30):m.start()]):
        return
    rel = m["wd_r"].lower() if m["wd_r"] else None
    yield _weekday_value(WEEKDAYS[m["wd_w"].lower()], rel, text, m.start(), pub), m.start(), m.end()


def _month_cue(text: str, start: int) -> str | None:
    """The cue word before a bare month ("in", "last" ...), or None when there is none."""
    before = text[max(0, start - 30):start]
    c = MONTH_CUE_RE.search(before)
    if c:
        return c.group().strip(" -").split()[-1].lower()
    if MONTH_JOIN_RE.search(before) and re.search(_MONTH + r"\s+(?:and|or|to|through|until)\s+$", before):
        return "in"
    return None


def _h_mo(m: re.Match, text: str, pub: date | None):
    if pub is None:
        return
    name = m["mo_m"]
    has_mod = m.start("mo_m") > m.start()
    cue = "in" if has_mod else _month_cue(text, m.start())
    if cue is None:
        return
    if name in ("May", "March") and not has_mod and cue in ("by", "of", "on", "to"):
        return  # "by May" is fine, but "of May" / "on March" are too often a name or a verb
    rel = cue if cue in ("last", "next", "this") else None
    start = m.start()
    if rel:
        rs = text.rfind(rel, max(0, start - 12), start)
        if rs < 0:
            rs = text.lower().rfind(rel, max(0, start - 12), start)
        start = rs if rs >= 0 else start
    yield _month_value(MONTHS[name.rstrip(".").lower()], rel, text, m.start(), pub), start, m.end()


def _h_y(m: re.Match, text: str, pub: date | None):
    y = int(m["y_y"])
    if pub is not None and y > pub.year + 100:
        return
    if _year_ok(text, m.start(), m.end(), y):
        yield str(y), m.start(), m.end()


def _h_yh(m: re.Match, text: str, pub: date | None):
    # "mid-2021", "pre-2020" are years; "Zapad-2025", "COVID-2019" are names
    word = re.search(r"([A-Za-z]+)-$", text[max(0, m.start() - 12):m.start()])
    if word and word.group(1).lower() in ("mid", "pre", "post", "early", "late", "end", "since"):
        yield from _h_y_like(m, text, pub, int(m["yh_y"]))


def _h_y_like(m: re.Match, text: str, pub: date | None, y: int):
    if pub is None or y <= pub.year + 100:
        yield str(y), m.start(), m.end()


_HANDLERS = {
    "iso": _h_iso, "md": _h_md, "dm": _h_dm, "my": _h_my, "sy": _h_sy, "yr": _h_yr, "dec": _h_dec,
    "cen": _h_cen, "rel": _h_rel, "ago": _h_ago, "deic": _h_deic, "wd": _h_wd, "mo": _h_mo, "y": _h_y,
    "yh": _h_yh,
}
