"""Staged batches (warehouse/staging.py): the scaled path's Parquet hand-over and its claims."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from records.pages import FetchResult
from warehouse.crawl_state import archive_pages, mark_extracted, pages_by_id
from warehouse.db import connect
from warehouse.staging import (
    StagedBatch,
    claim_batch,
    claim_batches,
    drop_inputs,
    input_path,
    loaded,
    mark_loaded,
    read_batch,
    read_pages,
    release_expired,
    staged_files,
    staging_dir,
    write_batch,
    write_pages,
)


@pytest.fixture
def con(tmp_path):
    c = connect(tmp_path / "w.duckdb")
    now = datetime.now(UTC).replace(tzinfo=None)
    archive_pages(c, [FetchResult(f"https://site.test/{i}", f"https://site.test/{i}", 200,
                                  f"<p>page {i}</p>".encode() * (i + 1), "text/html", None, None, now)
                      for i in range(10)], "test", "en")
    yield c
    c.close()


def test_facts_go_through_parquet_unchanged(tmp_path):
    """Every field of real extracted pages (people resolved, events with subjects, a 64-bit fingerprint) survives."""
    from benchmarks.pages import write_pages
    from extractors.pipeline import extract_pages
    from extractors.text import extract_article
    from resolution.resolve import resolve_pages

    paths = list(write_pages(tmp_path / "pages", 6))
    pages = list(extract_pages([extract_article(p.read_bytes(), url=f"https://site.test/{p.name}") for p in paths]))
    resolve_pages(pages)
    assert any(p.events for p in pages) and any(p.people for p in pages)
    batch = StagedBatch("000000000001-abc", [1, 2, 3], pages, [("https://site.test/x", "extract", "no text")],
                        [("https://site.test/y", "extract", "text cut")], [("A B", "A C", "a b", "a c", 0.81)])
    path = write_batch(tmp_path / "staged", batch)
    assert read_batch(path) == batch
    assert staged_files(tmp_path / "staged") == [path]
    assert not [p for p in (tmp_path / "staged").iterdir() if p.name.startswith(".")], "a temporary file was left"


@pytest.mark.parametrize("fingerprint", [0, 1, (1 << 63) - 1, 1 << 63, (1 << 64) - 1])
def test_fingerprints_keep_all_64_bits(tmp_path, fingerprint):
    from records.facts import PageFacts
    from records.pages import Article

    page = PageFacts(Article("u", "u", None, None, None, None, "en", "text"), [], [], [], [0], [4],
                     fingerprint=fingerprint)
    path = write_batch(tmp_path, StagedBatch("b-1", [1], [page]))
    assert read_batch(path).pages[0].fingerprint == fingerprint


def test_batches_with_empty_columns_read_back_unchanged(tmp_path):
    """Columns no row fills (no pages, no events anywhere, every author unknown) are typed null by pyarrow."""
    from records.facts import EventFact, Mention, PageFacts, Person
    from records.pages import Article

    m = Mention("Ales Bialiatski", "Ales Bialiatski", 0, 15, "bialiatski-ales", 1)
    bare = PageFacts(Article("a", "a", None, None, None, None, "en", "x"), [], [], [], [], [])
    full = PageFacts(Article("b", "b", "T", None, None, "S", "en", "Ales Bialiatski was freed."), [m], [], [], [0],
                     [26], [Person("p1", "Ales Bialiatski", [m])], 7, "2", 1, 1,
                     [EventFact("release", False, None, None, None, None, (m,), "was freed", "t", 0, 26)])
    for i, batch in enumerate([StagedBatch("b-0", []), StagedBatch("b-1", [1], [bare]),
                               StagedBatch("b-2", [1, 2], [bare, full]), StagedBatch("b-3", [2, 1], [full, bare])]):
        assert read_batch(write_batch(tmp_path / str(i), batch)) == batch


@pytest.mark.parametrize("bad", ["../escape", "a/b", "", "x.parquet;rm"])
def test_a_batch_id_is_never_a_path(tmp_path, bad):
    with pytest.raises(ValueError):
        write_batch(tmp_path, StagedBatch(bad, []))


def test_claims_never_give_one_page_twice_and_expire(con):
    first = claim_batch(con, "run-a", 4, ttl_s=60)
    second = claim_batch(con, "run-b", 4, ttl_s=60)
    third = claim_batch(con, "run-b", 4, ttl_s=60)
    assert first and second and third
    assert len(first[1]) == 4 and len(second[1]) == 4 and len(third[1]) == 2
    assert not set(first[1]) & set(second[1]) and not set(second[1]) & set(third[1])
    assert claim_batch(con, "run-c", 4, ttl_s=60) is None  # every page is held
    # run-a loads its batch; run-b dies: its claims expire and give its pages back
    mark_extracted(con, first[1])
    mark_loaded(con, first[0])
    assert loaded(con, first[0]) and not loaded(con, second[0])
    time.sleep(0.05)
    again = claim_batch(con, "run-c", 10, ttl_s=0.01)
    assert again and sorted(again[1]) == sorted(second[1] + third[1])
    assert [p.id for p in pages_by_id(con, again[1])] == sorted(again[1])


def test_expired_claims_are_forgotten_but_loaded_batches_kept(con):
    a = claim_batch(con, "run-a", 5, ttl_s=60)
    claim_batch(con, "run-b", 5, ttl_s=60)
    mark_loaded(con, a[0])
    time.sleep(0.05)
    assert release_expired(con, ttl_s=0.01) == 1
    assert loaded(con, a[0])


def test_staging_sits_beside_the_warehouse(tmp_path, monkeypatch):
    assert staging_dir(tmp_path / "w.duckdb") == tmp_path / "w.duckdb.staging"
    monkeypatch.chdir(tmp_path)  # a relative --db: workers elsewhere get the absolute place
    assert staging_dir("w.duckdb") == tmp_path / "w.duckdb.staging"


def test_claims_of_several_batches_at_once_are_the_batches_one_by_one(con, tmp_path):
    together = claim_batches(con, "run-a", 3, ttl_s=60, count=3)
    assert [len(ids) for _, ids in together] == [3, 3, 3]
    assert [i for _, ids in together for i in ids] == sorted(i for _, ids in together for i in ids)
    assert len({b for b, _ in together}) == 3
    rest = claim_batches(con, "run-b", 3, ttl_s=60, count=3)  # one page is left
    assert [len(ids) for _, ids in rest] == [1]
    assert not {i for _, ids in rest for i in ids} & {i for _, ids in together for i in ids}
    assert claim_batches(con, "run-c", 3, ttl_s=60, count=2) == []


def test_a_batch_pages_file_gives_the_pages_the_archive_gives(con, tmp_path):
    batch_id, ids = claim_batch(con, "run-a", 6, ttl_s=60)
    path = write_pages(con, tmp_path, batch_id, ids)
    assert path == input_path(tmp_path, batch_id) and path.parent == tmp_path / "in"
    assert read_pages(path) == pages_by_id(con, ids)
    assert len({p.body for p in read_pages(path)}) == 6  # the bodies themselves, unzipped
    assert not [p for p in path.parent.iterdir() if p != path]  # no temporary file left


def test_pages_files_no_unloaded_claim_needs_are_dropped(con, tmp_path):
    live, ids = claim_batch(con, "run-a", 3, ttl_s=60)
    done, done_ids = claim_batch(con, "run-a", 3, ttl_s=60)
    kept, gone = write_pages(con, tmp_path, live, ids), write_pages(con, tmp_path, done, done_ids)
    orphan = input_path(tmp_path, "000000000099-deadbeef0000")  # a claim row no longer there
    orphan.write_bytes(b"")
    mark_loaded(con, done)
    assert drop_inputs(con, tmp_path) == 2
    assert kept.exists() and not gone.exists() and not orphan.exists()
