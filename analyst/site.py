"""``newsfacts report``: the warehouse as a static site, one folder that opens from disk with no network.

``index.html`` (charts of releases and of the number still held, the releases linked across sources),
``people.html``, ``events.html``, ``articles.html``, and a page per person, event and article in
``people/``, ``events/``, ``articles/``. Every page is the web app's page (``pages``, ``templates``) without
the search box, filters and downloads; charts are inline SVG, styles inline: nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from analyst import pages
from analyst.pages import Links, safe_id
from analyst.render import render
from analyst.store import Store

TOP = Links(prefix="", suffix=".html")
BELOW = Links(prefix="../", suffix=".html")


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def write_report(store: Store, out: Path, db_label: str = "",
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Write the report into folder ``out`` (created); return how many pages were written.

    ``progress(done, total)`` is called as the per-person, per-event and per-article pages are written."""
    out.mkdir(parents=True, exist_ok=True)
    if store.is_empty():
        _write(out / "index.html", render("empty", {"title": "Nothing to report yet", "db": db_label}, TOP))
        return 1
    _write(out / "index.html", render("index", pages.index_page(store, TOP), TOP))
    _write(out / "people.html", render("people", pages.people_page(store, TOP), TOP))
    _write(out / "events.html", render("events", pages.events_page(store, TOP), TOP))
    _write(out / "articles.html", render("articles", pages.articles_page(store, TOP), TOP))
    people = [r["person_id"] for r in store.rows("people")]
    events = [r["cluster_id"] for r in store.rows("linked_events")]
    articles = [r["id"] for r in store.rows("articles")]
    jobs = ([("person", "people", pid, pages.person_page) for pid in people]
            + [("event", "events", cid, pages.event_page) for cid in events]
            + [("article", "articles", aid, pages.article_page) for aid in articles])
    for n, (template, folder, key, build) in enumerate(jobs, 1):
        page = build(store, BELOW, key)
        if page is not None:
            _write(out / folder / f"{safe_id(key)}.html", render(template, page, BELOW))
        if progress is not None:
            progress(n, len(jobs))
    return 4 + len(jobs)
