"""Query parameters DuckDB's Python client converts cheaply.

DuckDB's client checks every element of a list parameter for a pandas missing-value marker. With pandas not
installed (it is not a dependency), each check tries ``import pandas`` again, and a failed import searches
``sys.path`` anew: ~60 µs an element, so a batch's 200 page ids cost ~25 ms a query (most of the merger's
``mark_extracted``). :func:`id_list` passes integer ids as one text parameter cast in SQL (``?::BIGINT[]``):
one value to check instead of one an id.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["id_list"]


def id_list(ids: Iterable[int]) -> str:
    """Integer ids as one DuckDB list literal (``"[3,5,8]"``) for a ``?::BIGINT[]`` parameter.

    ``int()`` of each id: nothing but digits and a sign reach the text."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
