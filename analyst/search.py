"""Words → articles with DuckDB full-text search (the ``fts`` extension, BM25), kept off the warehouse.

The index lives in an in-memory DuckDB of its own, built from the articles' titles and texts the analyst's
read-only connection reads, so searching never writes to the warehouse (or blocks a crawl): it is rebuilt
when the articles change (their number or newest fetch time). The extension comes from PyPI
(``duckdb-extension-fts``, built for this DuckDB version) and is loaded from that file: nothing is
downloaded at run time.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from analyst.store import Row, Store

#: results a search returns at most
LIMIT = 50
MAX_QUERY = 300


class SearchUnavailable(RuntimeError):
    """The full-text extension for this DuckDB version is not installed; the message says how to get it."""


def extension_path() -> Path:
    """The ``fts`` extension file the ``duckdb-extension-fts`` wheel installed for this DuckDB."""
    try:
        import duckdb_extension_fts
    except ImportError:
        raise SearchUnavailable("full-text search needs the duckdb-extension-fts package: run `make install`") \
            from None
    path = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise SearchUnavailable(f"no full-text extension for DuckDB {duckdb.__version__} at {path}: "
                                "duckdb and duckdb-extension-fts must be the same version (requirements.lock)")
    return path


class ArticleIndex:
    """A BM25 index over the warehouse's articles, rebuilt when they change."""

    def __init__(self) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._key: tuple | None = None
        self._lock = threading.Lock()

    def _build(self, store: Store, key: tuple) -> None:
        con = duckdb.connect(":memory:")
        con.execute(f"LOAD '{extension_path()}'")
        con.execute("SET enable_external_access = false")
        con.register("_texts", store.con.execute("SELECT id, coalesce(title, '') AS title, text FROM articles")
                     .to_arrow_table())
        con.execute("CREATE TABLE docs AS SELECT * FROM _texts")
        con.unregister("_texts")
        con.execute("PRAGMA create_fts_index('docs', 'id', 'title', 'text', stemmer = 'porter', "
                    "stopwords = 'english', overwrite = 1)")
        if self._con is not None:
            self._con.close()
        self._con, self._key = con, key

    def search(self, store: Store, words: str, limit: int = LIMIT) -> list[tuple[str, float]]:
        """(article id, score) of the articles matching ``words``, best first."""
        words = " ".join(words.split())[:MAX_QUERY]
        if not words:
            return []
        key = store.con.execute("SELECT count(*), max(fetched_at) FROM articles").fetchone()
        with self._lock:
            if self._con is None or key != self._key:
                self._build(store, key)
            return self._con.execute(
                "SELECT id, score FROM (SELECT id, fts_main_docs.match_bm25(id, ?) AS score FROM docs) "
                "WHERE score IS NOT NULL ORDER BY score DESC, id LIMIT ?", [words, limit]).fetchall()


def search_articles(store: Store, index: ArticleIndex, words: str) -> list[Row]:
    """The matching articles as rows (title, url, site, published, score), best first."""
    hits = index.search(store, words)
    if not hits:
        return []
    by_id = {r["id"]: r for r in store.rows("articles") if r["id"] in dict(hits)}
    return [{**by_id[aid], "score": round(score, 3)} for aid, score in hits if aid in by_id]
