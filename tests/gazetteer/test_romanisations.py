"""Romanisation systems as data: ``romanisations.yaml`` validates, and a new system is a one-file change."""

import shutil
from pathlib import Path

import pytest

from gazetteer import ENV_DIR
from gazetteer.load import GazetteerError
from gazetteer.romanisations import load_romanisations
from resolution import names

DATA = Path(__file__).resolve().parents[2] / "gazetteer" / "data"


def test_shipped_systems_load_with_their_context():
    systems = {s.name: s for s in load_romanisations()}
    assert {"french", "swedish", "dutch", "x_for_kh", "belarusian_l", "belarusian_ts"} <= set(systems)
    sw = systems["swedish"]
    assert sw.scope == "name" and sw.shows("vasiljevitj") and not sw.shows("vasilyevich")
    assert sw.read("tjechov") == "chekhov"  # one pass: the ch a rewrite wrote is not rewritten again
    assert systems["x_for_kh"].read("maxix") == "maxikh"  # at the end only
    assert systems["belarusian_l"].read("vouk") == "volk"
    assert systems["belarusian_l"].read("kazlouski") == "kazlouski"  # not before s
    assert not systems["french"].shows("tsikhanouski")  # not_with: ts, kh


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "romanisations.yaml"
    text = (DATA / "romanisations.yaml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "reason"), [
    ("  scope: name\n", "  scope: sentence\n", r"swedish\.scope: 'sentence' is not one of"),
    ("[[tj, ch],", "[[Tj, ch],", r"swedish\.rewrites\[0\]"),
    ("  at_end: true\n", "  at_end: yes please\n", r"x_for_kh\.at_end"),
    ("  before: bcdfghkmnptvz\n", "  before: B-Z\n", r"belarusian_l\.before"),
    ("  not_with: [sh,", "  not_wiht: [sh,", r"french: allowed keys .*unknown \['not_wiht'\]"),
])
def test_bad_value_names_file_and_reason(tmp_path, old, new, reason):
    path = _copy(tmp_path, old, new)
    with pytest.raises(GazetteerError, match=rf"romanisations\.yaml:\d+: {reason}"):
        load_romanisations(path)


def test_a_new_system_is_a_one_file_change(tmp_path, monkeypatch):
    # Polish transliteration of Russian: cz = ч, sz = ш, ch = х ("Czernych" = "Chernykh")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.setenv(ENV_DIR, str(data))
    names.clear_caches()
    try:
        def same(a, b):
            return names.compare(names.parse(a), names.parse(b)).same
        assert not same("Iwan Czernuch", "Ivan Chernukh")
        path = data / "romanisations.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\npolish:\n  scope: name\n  marks: [cz, sz, rz]\n"
                        "  rewrites: [[cz, ch], [sz, sh], [ch, kh]]\n", encoding="utf-8")
        names.clear_caches()
        assert same("Iwan Czernuch", "Ivan Chernukh")
        assert not same("Iwan Czernuch", "Ivan Chernov")
    finally:
        monkeypatch.delenv(ENV_DIR)
        names.clear_caches()
