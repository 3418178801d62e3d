"""The ``newsfacts extract --format jsonl`` record of one page (eval/README.md §1)."""

from __future__ import annotations

from typing import Any

from records.facts import PageFacts


def page_record(source: str, page: PageFacts) -> dict[str, Any]:
    """One JSON object per page: metadata, people with stable ids, counts, dates, events (§3).

    Each count carries ``anaphoric`` (its noun taken from an earlier phrase) always, so consumers need no
    default; the scorer reads only the contract's keys and ignores it.
    A page cut to a limit also has ``truncated_from`` (characters before the cut), ``names_total``
    (distinct names before the names limit) and ``notes`` (one sentence per limit hit).
    """
    art = page.article
    record = {
        "source": source,
        "url": art.url,
        "title": art.title,
        "published": art.published.isoformat() if art.published else None,
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "mentions": sorted({m.text for m in p.mentions}),
                "offsets": [[m.start, m.end] for m in p.mentions],
            }
            for p in page.people
        ],
        "counts": [
            {"value": c.value, "high": c.high, "qualifier": c.qualifier, "unit": c.unit,
             "text": c.text, "start": c.start, "end": c.end, "anaphoric": c.anaphoric}
            for c in page.counts
        ],
        "dates": [{"value": d.value, "text": d.text, "start": d.start, "end": d.end} for d in page.dates],
        "events": [
            {"kind": e.kind, "proposed": e.proposed, "date": e.date, "count": e.count, "high": e.high,
             "qualifier": e.qualifier, "people": page.event_people(e), "trigger": e.trigger,
             "text": e.text, "start": e.start, "end": e.end}
            for e in page.events
        ],
    }
    # only on pages over a limit (extractors/settings.toml): other pages' records are as they were
    if art.truncated_from is not None:
        record["truncated_from"] = art.truncated_from
    if page.names_total is not None:
        record["names_total"] = page.names_total
    if page.notes:
        record["notes"] = page.notes
    return record
