"""Content fingerprints in the warehouse: the near-duplicate lookup and keeping them all of one scheme.

Only fingerprints of the current scheme (``records.fingerprints.METHOD``) are compared; older ones are
recomputed by ``refresh`` with a function the caller passes (the extract flow passes the extractor's),
so storage never imports the NLP that makes them.

The lookup finds stored fingerprints within ``NEAR_DUPLICATE_BITS`` of a batch's
without comparing the batch with every stored one (which grew with the
warehouse: 0.36 s a 200-page batch at 20,000 articles, 1.8 s at 100,000). The
64 bits are cut into ``NEAR_DUPLICATE_BITS + 1`` bands; two fingerprints at most
that many bits apart agree exactly on at least one band (pigeonhole), so an
equality join per band finds every candidate, and only candidates are compared.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import duckdb
import pyarrow as pa

from records.fingerprints import BITS, METHOD, NEAR_DUPLICATE_BITS

#: stale fingerprints recomputed per round trip, so a large warehouse is not read into memory at once
REFRESH_CHUNK = 2_000


def bands(bits: int = BITS, max_distance: int = NEAR_DUPLICATE_BITS) -> list[tuple[int, int]]:
    """``(shift, width)`` of each band: ``max_distance + 1`` bands of near-equal width covering every bit."""
    n = max_distance + 1
    widths = [bits // n + (1 if i < bits % n else 0) for i in range(n)]
    shifts = [sum(widths[:i]) for i in range(n)]
    return list(zip(shifts, widths, strict=True))


@lru_cache(maxsize=4)
def near_duplicates_sql(batch: str, max_distance: int = NEAR_DUPLICATE_BITS) -> str:
    """SQL of ``(i, article_id, distance)`` for stored fingerprints within ``max_distance`` bits of ``batch.fp``.

    ``batch`` is a relation with columns ``i`` and ``fp`` (UBIGINT); rows come nearest first per ``i``.
    """
    parts = []
    for shift, width in bands(BITS, max_distance):
        mask = (1 << width) - 1
        parts.append(
            f"SELECT b.i, f.article_id, bit_count(xor(f.simhash, b.fp)) AS d FROM {batch} b "
            f"JOIN content_fingerprints f ON (f.simhash >> {shift}) & {mask} = (b.fp >> {shift}) & {mask} "
            f"WHERE bit_count(xor(f.simhash, b.fp)) <= {max_distance} AND f.method = '{METHOD}'")
    return f"SELECT DISTINCT * FROM ({' UNION ALL '.join(parts)}) ORDER BY i, d, article_id"


def stale(con: duckdb.DuckDBPyConnection) -> int:
    """How many stored fingerprints were made by another scheme than ``records.fingerprints.METHOD``."""
    return con.execute("SELECT count(*) FROM content_fingerprints WHERE method IS DISTINCT FROM ?",
                       [METHOD]).fetchone()[0]


def refresh(con: duckdb.DuckDBPyConnection, compute: Callable[[str], int | None]) -> int:
    """Recompute, from the article text, every fingerprint of another scheme with ``compute``; return how many.

    One transaction per chunk: an interrupted refresh leaves the rest stale, and the next writer finishes it.
    """
    done = 0
    while rows := con.execute(
            "SELECT f.article_id, a.text FROM content_fingerprints f JOIN articles a ON a.id = f.article_id "
            "WHERE f.method IS DISTINCT FROM ? ORDER BY f.article_id LIMIT ?", [METHOD, REFRESH_CHUNK]).fetchall():
        fps = [(aid, compute(text)) for aid, text in rows]
        table = pa.table({"article_id": pa.array([a for a, _ in fps], pa.string()),
                          "simhash": pa.array([f for _, f in fps], pa.uint64())})
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_newsfacts_fps", table)
            con.execute("DELETE FROM content_fingerprints WHERE article_id IN "
                        "(SELECT article_id FROM _newsfacts_fps WHERE simhash IS NULL)")
            con.execute("UPDATE content_fingerprints f SET simhash = r.simhash, method = ? FROM _newsfacts_fps r "
                        "WHERE f.article_id = r.article_id AND r.simhash IS NOT NULL", [METHOD])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_newsfacts_fps")
        done += len(rows)
    # a fingerprint whose article row is gone has no text to recompute from; it can never match again
    con.execute("DELETE FROM content_fingerprints WHERE method IS DISTINCT FROM ? "
                "AND article_id NOT IN (SELECT id FROM articles)", [METHOD])
    return done
