"""``newsfacts web``: the report's pages served live over the warehouse, read-only, on 127.0.0.1.

Built on FastAPI (installed with Prefect) and the same pages and templates as the static report. Each
request opens the analyst's read-only, locked-down connection (``warehouse.db.connect_analyst``) with a
short wait and closes it before answering, so a crawl writing the warehouse is never kept out for longer
than one page takes; when the crawl holds the file, the page says the warehouse is busy and retries by
itself (``Retry-After`` and a refresh). Every table a page shows downloads as CSV or JSON with
``?download=TABLE&format=csv|json``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from analyst import pages
from analyst.lookup import SpellingError
from analyst.pages import Links, safe_id
from analyst.render import render
from analyst.search import ArticleIndex, SearchUnavailable, search_articles
from analyst.store import Store
from warehouse.db import WarehouseBusyError, WarehouseError, WarehouseMissingError, connect_analyst

#: seconds a request waits for a crawl's lock before answering "busy" (the page then retries by itself)
BUSY_WAIT = 2.0
RETRY_AFTER = 3
LINKS = Links()


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def download(table: dict[str, Any], name: str, fmt: str) -> Response:
    """A page's table as a CSV or JSON file."""
    rows = [{c: _plain(r[c]) for c in table["columns"]} for r in table["rows"]]
    if fmt == "json":
        return Response(json.dumps(rows, ensure_ascii=False, indent=1), media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{name}.json"'})
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=table["columns"])
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in r.items()})
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def create_app(db: str | None = None, busy_wait: float = BUSY_WAIT) -> FastAPI:
    """The web app over warehouse ``db`` (None: the default warehouse)."""
    app = FastAPI(title="newsfacts", docs_url=None, redoc_url=None, openapi_url=None)
    index = ArticleIndex()

    @contextmanager
    def store() -> Iterator[Store]:
        con = connect_analyst(db, timeout=busy_wait, on_wait=lambda _pid: None)
        try:
            yield Store(con)
        finally:
            con.close()

    def message(title: str, text: str, hint: str = "", status: int = 200, q: str = "",
                headers: dict[str, str] | None = None) -> HTMLResponse:
        return HTMLResponse(render("message", {"title": title, "message": text, "hint": hint, "q": q}, LINKS,
                                   live=True), status_code=status, headers=headers)

    def page(request: Request, template: str, build: Callable[[Store], dict[str, Any] | None],
             missing: str = "") -> Response:
        """Build a page on a short connection: the page, a table download, or the reason there is none."""
        params = dict(request.query_params)
        try:
            with store() as st:
                if st.is_empty():
                    return HTMLResponse(render("empty", {"title": "Nothing to show yet", "db": db or ""}, LINKS,
                                               live=True))
                built = build(st)
        except WarehouseBusyError:
            return HTMLResponse(
                render("message", {"title": "Warehouse busy, retrying",
                                   "message": "A crawl is writing to the warehouse right now; this page tries "
                                              f"again in {RETRY_AFTER} seconds.",
                                   "hint": "Nothing needs doing: the page reloads by itself.", "q": ""},
                       LINKS, live=True).replace("<head>", f'<head><meta http-equiv="refresh" content="{RETRY_AFTER}">',
                                                 1),
                status_code=503, headers={"Retry-After": str(RETRY_AFTER)})
        except WarehouseMissingError as exc:
            return HTMLResponse(render("empty", {"title": "No warehouse yet", "db": str(exc)}, LINKS, live=True))
        except WarehouseError as exc:
            return message("The warehouse cannot be read", str(exc), status=500)
        except (SpellingError, ValueError) as exc:
            return message("Cannot show that", str(exc), "Change the search or the filters and try again.",
                           status=400, q=params.get("q", ""))
        if built is None:
            return message("Not found", missing or "There is no such page.", status=404)
        if "download" in params:
            name, fmt = params["download"], params.get("format", "csv")
            if name not in built.get("tables", {}) or fmt not in ("csv", "json"):
                return message("No such download", f"this page has tables {', '.join(built.get('tables', {}))}; "
                               "formats csv and json", status=400)
            return download(built["tables"][name], name, fmt)
        return HTMLResponse(render(template, built, LINKS, live=True, params=params))

    def by_safe_id(st: Store, query: str, column: str, key: str) -> str | None:
        """The id whose ``safe_id`` is ``key`` (ids that are not plain are hashed in URLs)."""
        return next((r[column] for r in st.rows(query) if safe_id(r[column]) == key), None)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        return page(request, "index", lambda st: pages.index_page(st, LINKS))

    @app.get("/index.html", response_class=HTMLResponse)
    def home_file(request: Request) -> Response:
        return home(request)

    @app.get("/people", response_class=HTMLResponse)
    def people(request: Request) -> Response:
        return page(request, "people", lambda st: pages.people_page(st, LINKS))

    def detail(request: Request, template: str, key: str, listing: str, column: str,
               build: Callable[[Store, Links, str], dict[str, Any] | None], missing: str) -> Response:
        """A person, event or article page: the id whose ``safe_id`` is the URL's key, then its page."""
        def built(st: Store) -> dict[str, Any] | None:
            found = by_safe_id(st, listing, column, key)
            return build(st, LINKS, found) if found else None
        return page(request, template, built, missing)

    @app.get("/people/{key}", response_class=HTMLResponse)
    def person(request: Request, key: str) -> Response:
        return detail(request, "person", key, "people", "person_id", pages.person_page,
                      "No one in the warehouse has that id; search for a name instead.")

    @app.get("/events", response_class=HTMLResponse)
    def events(request: Request, kind: str = "") -> Response:
        start = request.query_params.get("from") or None
        end = request.query_params.get("to") or None
        return page(request, "events", lambda st: pages.events_page(st, LINKS, kind or None, start, end))

    @app.get("/events/{key}", response_class=HTMLResponse)
    def event(request: Request, key: str) -> Response:
        return detail(request, "event", key, "linked_events", "cluster_id", pages.event_page,
                      "No event has that id (events are linked again after each run).")

    @app.get("/articles", response_class=HTMLResponse)
    def articles(request: Request) -> Response:
        return page(request, "articles", lambda st: pages.articles_page(st, LINKS))

    @app.get("/articles/{key}", response_class=HTMLResponse)
    def article(request: Request, key: str) -> Response:
        return detail(request, "article", key, "articles", "id", pages.article_page, "No article has that id.")

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = "") -> Response:
        """Any spelling → the people it names; the words → articles (full-text search)."""
        def build(st: Store) -> dict[str, Any]:
            found = pages.lookup_page(st, LINKS, q)
            try:
                hits = search_articles(st, index, q)
            except SearchUnavailable as exc:
                hits, found["search_error"] = [], str(exc)
            found["articles"] = hits
            found["title"] = f"Search: {found['query']}"
            found["q"] = q
            found["tables"]["articles"] = pages.table(["id", "title", "url", "site", "published", "score"], hits)
            return found
        return page(request, "lookup", build)

    return app


def serve(db: str | None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
