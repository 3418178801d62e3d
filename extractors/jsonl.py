"""The ``newsfacts extract --format jsonl`` record of one page (eval/README.md §1)."""

from __future__ import annotations

from typing import Any

from extractors.pipeline import PageFacts


def page_record(source: str, page: PageFacts) -> dict[str, Any]:
    """One JSON object per page: metadata, people with stable ids, counts, dates."""
    art = page.article
    return {
        "source": source,
        "url": art.url,
        "title": art.title,
        "published": art.published,
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
             "text": c.text, "start": c.start, "end": c.end}
            for c in page.counts
        ],
        "dates": [{"value": d.value, "text": d.text, "start": d.start, "end": d.end} for d in page.dates],
    }
