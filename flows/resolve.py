"""Name resolution as a task: one call for a whole batch of pages, honouring recorded review decisions."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from records.facts import PageFacts
from resolution.resolve import decision_key, resolve_pages
from warehouse.db import connect
from warehouse.review import decisions as review_decisions

Uncertain = tuple[str, str, str, str, float]  # name_a, name_b, key_a, key_b, score


@task(name="resolve-names", cache_policy=NO_CACHE)
def resolve_task(pages: list[PageFacts], db: str | None) -> tuple[list[PageFacts], list[Uncertain]]:
    """Merge spellings across the batch; return the pages and the pairs too close to call."""
    return resolve_with(pages, read_decisions(db))


def read_decisions(db: str | None) -> dict[tuple[str, str], bool]:
    """The analysts' recorded review answers: the one resolver state the warehouse holds."""
    con = connect(db)
    try:
        return review_decisions(con)
    finally:
        con.close()


def resolve_with(pages: list[PageFacts], recorded: dict[tuple[str, str], bool]
                 ) -> tuple[list[PageFacts], list[Uncertain]]:
    """:func:`resolve_task` with the review answers given: the scaled path reads them once a run and hands them
    to every worker, which never opens the warehouse."""
    uncertain = resolve_pages(pages, recorded)
    return pages, [(a, b, decision_key(a), decision_key(b), score) for a, b, score in uncertain]
