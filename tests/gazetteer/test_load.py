"""Gazetteer loading: the shipped files validate; bad files fail with file, entry and reason."""

from pathlib import Path

import pytest

from gazetteer.load import GazetteerError, GivenName, load_given_names, load_people
from gazetteer.translit import fold


def test_shipped_people_load_with_unique_ids():
    people = load_people()
    assert len(people) >= 60
    assert len({p.id for p in people}) == len(people)
    assert all(p.gender in ("m", "f") and p.name in p.spellings for p in people)


def test_shipped_given_names_map_folded_forms_to_classes():
    given = load_given_names()
    assert given[fold("Siarhei")].cls == given[fold("Сергей")].cls == given[fold("Sergey")].cls
    assert given[fold("Kolya")].cls == given[fold("Mikalai")].cls
    assert given[fold("Stasia")] == GivenName(given[fold("Stanislava")].cls, "f")
    assert given[fold("Sviatlana")].gender == "f" and given[fold("Donald")].gender == "m"
    assert given[fold("Viktar")].cls != given[fold("Eduard")].cls


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_gender_names_file_entry_and_reason(tmp_path):
    path = _write(tmp_path, "- id: a\n  name: Ann Bee\n  gender: x\n  spellings: [Ann Bee]\n")
    with pytest.raises(GazetteerError, match=r"people\.yaml:1: entry 1 \(a\): bad gender 'x'"):
        load_people(path)


def test_unknown_key_and_missing_field_fail(tmp_path):
    path = _write(tmp_path, "- id: a\n  name: Ann Bee\n  gender: f\n  spellings: [A]\n"
                            "- id: b\n  name: Bob Cee\n  gender: m\n  spelings: [B]\n")
    with pytest.raises(GazetteerError, match=r"people\.yaml:5: entry 2 \(b\): unknown key\(s\) \['spelings'\]"):
        load_people(path)
    path = _write(tmp_path, "- id: c\n  gender: m\n  spellings: [C]\n")
    with pytest.raises(GazetteerError, match=r"entry 1 \(c\): missing required field 'name'"):
        load_people(path)


def test_given_name_form_in_two_classes_fails(tmp_path):
    path = tmp_path / "given.yaml"
    path.write_text("a: {gender: m, forms: [Zed]}\nb: {gender: f, forms: [zed]}\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"given\.yaml:2: entry 'b': form 'zed' already belongs to class 'a'"):
        load_given_names(path)
    path.write_text("a: {gender: q, forms: [Zed]}\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="bad gender 'q'"):
        load_given_names(path)


def test_missing_file_raises(tmp_path):
    with pytest.raises(GazetteerError, match="cannot read"):
        load_people(tmp_path / "nope.yaml")


def test_diminutives_are_known_as_written_only():
    from gazetteer.load import load_given_names
    from resolution.names import GivenIndex

    given = load_given_names()
    assert given[fold("Gena")].cls == given[fold("Gennady")].cls and given[fold("Gena")].exact
    assert not given[fold("Gennady")].exact
    index = GivenIndex(given)
    assert index.classes("gena") == {given[fold("Gennady")].cls}
    assert given[fold("Gennady")].cls not in index.classes("hana")  # Gena's key does not reach other spellings
