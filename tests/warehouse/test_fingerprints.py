"""Near-duplicate lookup by bands, and fingerprints of an older scheme recomputed by the maintenance step (not by
opening the warehouse)."""

import random

import pyarrow as pa
import pytest

from extractors.pipeline import text_fingerprint as fingerprint
from newsfacts.demo_site import load_articles
from records.fingerprints import BITS, METHOD, NEAR_DUPLICATE_BITS
from warehouse.db import connect
from warehouse.fingerprints import bands, near_duplicates_sql, refresh, stale
from warehouse.load import article_id

from .test_load import load_pages
from .test_load import make_page as _make_page


def make_page(text, url):
    """A page whose canonical URL is its own URL (test_load's pages share one)."""
    page = _make_page(text, url)
    page.article.canonical_url = url
    return page


def test_bands_cover_every_bit_once():
    covered = [b for shift, width in bands() for b in range(shift, shift + width)]
    assert sorted(covered) == list(range(BITS))
    assert len(bands()) == NEAR_DUPLICATE_BITS + 1


@pytest.mark.parametrize("max_distance", [3, NEAR_DUPLICATE_BITS, 12])
def test_banded_lookup_finds_exactly_what_comparing_every_pair_finds(tmp_path, max_distance):
    rng = random.Random(max_distance)
    stored = [rng.getrandbits(64) for _ in range(3000)]
    probes = [rng.getrandbits(64) for _ in range(60)]
    for i in range(0, 60, 2):  # half the probes: a stored fingerprint with 0..max_distance + 2 bits flipped
        x = rng.choice(stored)
        for bit in rng.sample(range(64), rng.randint(0, max_distance + 2)):
            x ^= 1 << bit
        probes[i] = x
    con = connect(tmp_path / "w.duckdb")
    con.register("s", pa.table({"article_id": [f"a{i}" for i in range(len(stored))],
                                "simhash": pa.array(stored, pa.uint64())}))
    con.execute("INSERT INTO content_fingerprints (article_id, simhash, method) SELECT *, ? FROM s", [METHOD])
    con.register("probe", pa.table({"i": list(range(len(probes))), "fp": pa.array(probes, pa.uint64())}))
    found = con.execute(near_duplicates_sql("probe", max_distance)).fetchall()
    expected = sorted((i, f"a{j}", (p ^ s).bit_count()) for i, p in enumerate(probes) for j, s in enumerate(stored)
                      if (p ^ s).bit_count() <= max_distance)
    assert sorted(found) == expected
    assert len({i for i, _, _ in expected}) >= 20  # the planted ones were found, not only chance neighbours
    assert found == sorted(found, key=lambda r: (r[0], r[2], r[1]))  # nearest first per probe


def old_scheme(con):
    """Make every stored fingerprint look as the first scheme left it (another method, other bits)."""
    con.execute("UPDATE content_fingerprints SET method = 'bigram-blake2b-v1', simhash = xor(simhash, 65535)")


def test_fingerprints_of_another_scheme_are_recomputed_from_the_text_by_refresh_not_by_opening(tmp_path):
    path = tmp_path / "w.duckdb"
    texts = [a.body_text for a in load_articles()[:3]]
    con = connect(path)
    load_pages(con, [make_page(t, url=f"http://example.test/{i}") for i, t in enumerate(texts)])
    old_scheme(con)
    assert stale(con) == 3
    con.close()

    con = connect(path)  # opening (a writer) recomputes nothing: storage does not load the NLP that makes them
    assert stale(con) == 3
    assert refresh(con, fingerprint) == 3  # what the extract flow's first task does
    assert stale(con) == 0
    rows = dict(con.execute("SELECT a.text, f.simhash FROM content_fingerprints f JOIN articles a "
                            "ON a.id = f.article_id").fetchall())
    assert rows == {t: fingerprint(t) for t in texts}
    assert {m for (m,) in con.execute("SELECT DISTINCT method FROM content_fingerprints").fetchall()} == {METHOD}


def test_a_copy_of_an_article_loaded_before_the_new_scheme_is_still_a_duplicate(tmp_path):
    path = tmp_path / "w.duckdb"
    text = load_articles()[0].body_text
    con = connect(path)
    load_pages(con, [make_page(text, url="http://example.test/original")])
    old_scheme(con)
    con.close()
    con = connect(path)
    refresh(con, fingerprint)
    copy = make_page("By Wire Staff. " + text + " Reporting by the wire desk.", url="http://wire.test/copy")
    stats = load_pages(con, [copy])
    assert stats["duplicates"] == 1 and stats["articles"] == 0
    assert con.execute("SELECT article_id, relation FROM article_urls WHERE url = 'http://wire.test/copy'"
                       ).fetchone() == (article_id("http://example.test/original"), "duplicate")


def test_refresh_drops_fingerprints_without_text_to_recompute_from(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    con.execute("INSERT INTO content_fingerprints (article_id, simhash) VALUES ('gone', 1)")  # default: old scheme
    load_pages(con, [make_page("Too short to compare.", url="http://example.test/short")])
    assert refresh(con, fingerprint) == 0
    assert con.execute("SELECT count(*) FROM content_fingerprints").fetchone() == (0,)
