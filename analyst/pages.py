"""What each analysts' page shows, from the warehouse: one function a page, shared by the static report
(``site``) and the web app (``web``), which differ only in how they link (``Links``).

Each page is a dict for its template (``templates/NAME.html``); its ``tables`` are the tables it shows,
by name, which the web app also offers as CSV and JSON.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from analyst import charts
from analyst.lookup import find_people
from analyst.store import Row, Store

KINDS = ("release", "detention", "sentence", "held")


@dataclass(frozen=True)
class Links:
    """URLs between pages: the static report links files relative to the page (``prefix`` "../" below the
    front page, ``suffix`` ".html"); the web app links absolute paths."""

    prefix: str = "/"
    suffix: str = ""

    def index(self) -> str:
        return f"{self.prefix}index.html" if self.suffix else self.prefix

    def people(self) -> str:
        return f"{self.prefix}people{self.suffix}"

    def events(self) -> str:
        return f"{self.prefix}events{self.suffix}"

    def articles(self) -> str:
        return f"{self.prefix}articles{self.suffix}"

    def person(self, pid: str) -> str:
        return f"{self.prefix}people/{safe_id(pid)}{self.suffix}"

    def event(self, cid: str) -> str:
        return f"{self.prefix}events/{safe_id(cid)}{self.suffix}"

    def article(self, aid: str, start: int | None = None) -> str:
        return f"{self.prefix}articles/{safe_id(aid)}{self.suffix}" + (f"#c{start}" if start is not None else "")


def safe_id(value: str) -> str:
    """An id as a file or path name: itself when plain (letters, digits, ``-``, ``_``), else a hash of it."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", value):
        return value
    return "h" + hashlib.sha256(value.encode()).hexdigest()[:20]


def table(columns: list[str], rows: list[Row]) -> dict[str, Any]:
    return {"columns": columns, "rows": [{c: r.get(c) for c in columns} for r in rows]}


def in_range(value: str | None, start: str | None, end: str | None) -> bool:
    """Whether a warehouse date (any precision) may fall in [start, end] (ISO days; None: open)."""
    if not (start or end):
        return True
    if not value:
        return False
    lo = value[:10] if len(value) >= 10 else value
    hi = value[:10] if len(value) >= 10 else value + "\uffff"  # "2025-09" reaches every day of September
    return (not start or hi >= start) and (not end or lo <= end)


# --- the pages ---------------------------------------------------------------------------------------------

def index_page(store: Store, links: Links) -> dict[str, Any]:
    summary = store.row("summary") or {}
    releases = store.rows("release_events")
    reports = store.rows("release_reports")
    held = store.rows("held")
    releases_svg, releases_undated = charts.releases_chart(reports)
    held_svg, held_undated = charts.held_chart(held)
    people = store.rows("people")[:20]
    return {
        "title": "Releases, detentions and political prisoners: what the articles say",
        "summary": summary,
        "releases": releases,
        "releases_svg": releases_svg,
        "releases_marks": len(reports) - releases_undated,
        "releases_undated": releases_undated,
        "held_svg": held_svg,
        "held_marks": len(held) - held_undated,
        "held_undated": held_undated,
        "people": people,
        "tables": {
            "releases": table(["cluster_id", "date", "lowest", "highest", "counts", "sources", "people", "sites"],
                              releases),
            "release_reports": table(["cluster_id", "date", "count", "high", "qualifier", "source", "title"],
                                     reports),
            "held": table(["date", "count", "high", "qualifier", "reported", "source", "url", "sentence"], held),
        },
    }


def people_page(store: Store, links: Links) -> dict[str, Any]:
    people = store.rows("people")
    return {"title": "People", "people": people,
            "tables": {"people": table(["person_id", "name", "spellings", "articles", "mentions", "first_seen",
                                        "last_seen"], people)}}


def person_page(store: Store, links: Links, pid: str) -> dict[str, Any] | None:
    person = store.row("person", pid)
    if person is None:
        return None
    events = store.rows("person_events", pid)
    mentions = store.rows("person_mentions", pid)
    svg, undated = charts.timeline_chart(events)
    return {
        "title": person["name"], "person": person, "events": events, "mentions": mentions,
        "timeline_svg": svg if len(events) > undated else None, "timeline_undated": undated,
        "tables": {
            "events": table(["cluster_id", "kind", "date", "count", "reports", "sites", "sources", "first_reported",
                             "sentence"], events),
            "mentions": table(["article_id", "title", "url", "site", "published", "text", "sentence"], mentions),
        },
    }


def events_page(store: Store, links: Links, kind: str | None = None, start: str | None = None,
                end: str | None = None) -> dict[str, Any]:
    """Every linked happening, filtered by kind and by a date range (ISO days; a month-precise date is in
    a range that touches its month)."""
    if kind and kind not in KINDS:
        raise ValueError(f"no kind {kind!r}; choose one of {', '.join(KINDS)}")
    for name, value in (("from", start), ("to", end)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{name} date {value!r} is not a day like 2025-09-11") from None
    events = [e for e in store.rows("linked_events")
              if (not kind or e["kind"] == kind) and in_range(e["date"], start, end)]
    return {"title": "Events", "events": events, "kind": kind or "", "start": start or "", "end": end or "",
            "kinds": KINDS,
            "tables": {"events": table(["cluster_id", "kind", "proposed", "date", "count", "lowest", "highest",
                                        "counts", "reports", "sites", "first_reported", "people", "sentence"],
                                       events)}}


def event_page(store: Store, links: Links, cid: str) -> dict[str, Any] | None:
    event = store.row("event", cid)
    if event is None:
        return None
    reports = store.rows("event_reports", cid)
    people = store.rows("event_people", cid)
    return {"title": f"{event['kind'].capitalize()} {event['date'] or '(undated)'}", "event": event,
            "reports": reports, "people": people,
            "tables": {"reports": table(["article_id", "site", "title", "url", "published", "date", "count", "high",
                                         "qualifier", "trigger", "sentence"], reports),
                       "people": table(["person_id", "name"], people)}}


def articles_page(store: Store, links: Links) -> dict[str, Any]:
    articles = store.rows("articles")
    return {"title": "Articles", "articles": articles,
            "tables": {"articles": table(["id", "title", "url", "site", "published"], articles)}}


def highlight(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut into segments, each fact span (``start``, ``end``, ``kind``, ``label``, ``href``) its own
    segment; where spans overlap the earlier-listed one wins (people, then counts, dates, event words)."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for s in spans:
        a, b = s["start"], s["end"]
        if not (0 <= a < b <= len(text)) or any(a < y and x < b for x, y in taken):
            continue
        taken.append((a, b))
        chosen.append(s)
    chosen.sort(key=lambda s: s["start"])
    out, at = [], 0
    for s in chosen:
        if s["start"] > at:
            out.append({"text": text[at:s["start"]], "kind": None})
        out.append({"href": None, **s, "text": text[s["start"]:s["end"]]})
        at = s["end"]
    if at < len(text):
        out.append({"text": text[at:], "kind": None})
    return out


def article_page(store: Store, links: Links, aid: str) -> dict[str, Any] | None:
    art = store.row("article", aid)
    if art is None:
        return None
    mentions = store.rows("article_mentions", aid)
    counts = store.rows("article_counts", aid)
    dates = store.rows("article_dates", aid)
    events = store.rows("article_events", aid)
    text = art["text"]
    spans = [{"start": m["start_char"], "end": m["end_char"], "kind": "person", "label": m["name"],
              "href": links.person(m["person_id"])} for m in mentions]
    spans += [{"start": c["start_char"], "end": c["end_char"], "kind": "count",
               "label": f"count {c['value']}{'-' + str(c['high']) if c['high'] else ''} {c['unit']}"} for c in counts]
    spans += [{"start": d["start_char"], "end": d["end_char"], "kind": "date", "label": f"date {d['value']}"}
              for d in dates]
    for e in events:  # the event's words ("were freed") inside the sentence that reports it
        at = text.find(e["trigger"], e["start_char"], e["end_char"])
        if at >= 0:
            spans.append({"start": at, "end": at + len(e["trigger"]), "kind": "event",
                          "label": f"{e['kind']}{' (proposed)' if e['proposed'] else ''} {e['date'] or ''}".strip(),
                          "href": links.event(e["cluster_id"]) if e["cluster_id"] else None})
    return {"title": art["title"] or art["url"], "article": art, "segments": highlight(text, spans),
            "mentions": mentions, "counts": counts, "dates": dates, "events": events,
            "tables": {"mentions": table(["start_char", "end_char", "text", "person_id", "name"], mentions),
                       "counts": table(["start_char", "end_char", "text", "value", "high", "qualifier", "unit",
                                        "event_kind"], counts),
                       "dates": table(["start_char", "end_char", "text", "value"], dates),
                       "events": table(["event_no", "kind", "proposed", "date", "count", "trigger", "cluster_id"],
                                       events)}}


def lookup_page(store: Store, links: Links, spelling: str) -> dict[str, Any]:
    """The people a spelling names (``lookup.find_people``), or a friendly miss with the nearest names."""
    found = find_people(store, spelling)
    rows = [{"person_id": c.person_id, "name": c.name, "confidence": c.confidence, "spelling": c.spelling,
             "reason": c.reason} for c in found.matches]
    return {"title": f"People named {found.query}", "query": found.query, "matches": found.matches,
            "near": found.near,
            "tables": {"matches": table(["person_id", "name", "confidence", "spelling", "reason"], rows)}}
