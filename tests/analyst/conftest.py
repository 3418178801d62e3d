"""A warehouse of the bundled sample site, built once for the analysts' tests through the library stages the
flows call (fetch from the site on loopback → text → facts → names → load), plus one hostile page of our own
whose title and text carry markup."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

#: a page whose title and body try to inject markup into the analysts' pages
HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">Nine freed'
HOSTILE_HTML = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{HOSTILE_TITLE.replace('<', '&lt;').replace('>', '&gt;')}</title>
<meta property="og:title" content="{HOSTILE_TITLE.replace('"', '&quot;').replace('<', '&lt;').replace('>', '&gt;')}">
<meta name="date" content="2025-09-14"></head><body><article>
<h1>{HOSTILE_TITLE.replace('<', '&lt;').replace('>', '&gt;')}</h1>
<p>Belarus freed nine political prisoners on September 12, 2025, including the journalist Ihar Losik, a rights group
said on Sunday. The group said the nine crossed into Lithuania by bus and were met by diplomats in Vilnius.</p>
<p>Among them was &lt;b&gt;Andrei Kuznechyk&lt;/b&gt;, who had been held for three years, the group said. Several of
the freed men needed medical care after their release, relatives told reporters in Vilnius on Sunday.</p>
</article></body></html>"""


def build_warehouse(path: Path) -> Path:
    from extractors.pipeline import extract_pages
    from extractors.text import extract_article
    from newsfacts.demo_site import article_urls, serve_site
    from resolution.resolve import resolve_pages
    from warehouse.db import connect
    from warehouse.load import load_batch

    articles = []
    with serve_site() as base:
        for url in article_urls(base):
            with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - the site on 127.0.0.1
                articles.append(extract_article(r.read(), url=url))
    articles.append(extract_article(HOSTILE_HTML.encode(), url="http://127.0.0.1:9/news/hostile"))
    pages = list(extract_pages(articles))
    resolve_pages(pages)
    con = connect(path)
    try:
        load_batch(con, pages)
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site's warehouse (read it, never write it: tests share it)."""
    return build_warehouse(tmp_path_factory.mktemp("analyst") / "sample.duckdb")


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from warehouse.db import connect

    path = tmp_path_factory.mktemp("analyst-empty") / "empty.duckdb"
    connect(path).close()
    return path


@pytest.fixture
def store(sample_db: Path):
    from analyst.store import Store
    from warehouse.db import connect_analyst

    con = connect_analyst(sample_db)
    try:
        yield Store(con)
    finally:
        con.close()
