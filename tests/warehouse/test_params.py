"""warehouse.params: id lists as one text parameter select what list parameters select, converted once."""

from __future__ import annotations

import importlib.abc
import random
import sys

import duckdb
import pytest

from warehouse.params import id_list


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute("CREATE TABLE t AS SELECT range AS id, range % 7 AS k FROM range(-500, 5000)")
    yield c
    c.close()


@pytest.mark.parametrize("seed", range(5))
def test_id_list_selects_what_a_list_parameter_selects(con, seed):
    rng = random.Random(seed)
    ids = rng.sample(range(-600, 5100), rng.choice([0, 1, 3, 200, 2000]))
    plain = con.execute("SELECT id, k FROM t WHERE id IN (SELECT unnest(?)) ORDER BY id", [ids]).fetchall()
    fast = con.execute("SELECT id, k FROM t WHERE id IN (SELECT unnest(?::BIGINT[])) ORDER BY id",
                       [id_list(ids)]).fetchall()
    assert fast == plain
    assert con.execute("SELECT ?::BIGINT[]", [id_list(ids)]).fetchone()[0] == ids  # order and values kept


def test_id_list_takes_only_integers():
    assert id_list([3, 5, 8]) == "[3,5,8]"
    assert id_list([]) == "[]"
    with pytest.raises(ValueError):
        id_list(["1]; DROP TABLE t; --"])


def test_id_list_is_one_value_to_convert(con):
    """The point of it: DuckDB's client checks a list parameter element by element (each check an import
    attempt when pandas is absent); one text parameter is checked once."""
    recorder = _Recorder()
    sys.meta_path.insert(0, recorder)
    try:
        con.execute("SELECT count(*) FROM t WHERE id IN (SELECT unnest(?::BIGINT[]))", [id_list(range(200))]).fetchone()
        fast = len(recorder.asked)
        recorder.asked.clear()
        con.execute("SELECT count(*) FROM t WHERE id IN (SELECT unnest(?))", [list(range(200))]).fetchone()
        plain = len(recorder.asked)
    finally:
        sys.meta_path.remove(recorder)
    assert fast <= 10 and (plain == 0 or plain >= 200)  # no probes at all if pandas is installed


class _Recorder(importlib.abc.MetaPathFinder):
    def __init__(self) -> None:
        self.asked: list[str] = []

    def find_spec(self, fullname, path=None, target=None):
        self.asked.append(fullname)
        return None
