"""Name vocabulary as data: ``name_rules.yaml`` and ``[resolution]`` of ``settings.toml`` validate, and a new
country's surname rules are a change to one data file."""

import shutil
from pathlib import Path

import pytest

from gazetteer import ENV_DIR
from gazetteer.load import GazetteerError
from gazetteer.name_rules import load_name_rules
from gazetteer.settings import resolution_settings
from resolution import names
from resolution.resolve import Resolver

DATA = Path(__file__).resolve().parents[2] / "gazetteer" / "data"


def test_shipped_rules_load_in_order():
    r = load_name_rules()
    fem = [e for e, _ in r.surname_feminine]
    assert fem.index("skaya") < fem.index("ska") and fem.index("ovova") < fem.index("ova")
    assert ("owi", "") in r.case_endings and r.case_endings[-1] == ("e", "")
    assert "von" in r.particles and "y" in r.detector_particles and "y" not in r.particles
    assert "ich" in r.patronymic_male and "ovna" in r.patronymic_female


@pytest.fixture
def gazetteer_copy(tmp_path, monkeypatch):
    """A copy of the shipped gazetteer that the loaders and the parser read instead (caches cleared)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.setenv(ENV_DIR, str(data))
    names.clear_caches()
    resolution_settings.cache_clear()
    yield data
    monkeypatch.delenv(ENV_DIR)
    names.clear_caches()
    resolution_settings.cache_clear()


def _same(a: str, b: str) -> bool:
    return names.compare(names.parse(a), names.parse(b)).same


def test_a_new_case_ending_is_a_one_file_change(gazetteer_copy):
    # Lithuanian genitive -io of a surname in -is ("Landsbergio" = of Landsbergis): not known today
    pairs = [("Vytautas Landsbergis", "Landsbergio"), ("Landsbergis", "Landsbergio")]
    apart = [("Vytautas Landsbergis", "Lansbergio"), ("Vytautas Landsbergis", "Landsbergiene"),
             ("Vytautas Landsbergis", "Gabrielius Landsbergio")]
    assert not any(_same(a, b) for a, b in pairs + apart)
    path = gazetteer_copy / "name_rules.yaml"
    text = path.read_text(encoding="utf-8")
    assert '[ie, ""], [e, ""]]' in text
    path.write_text(text.replace('[ie, ""], [e, ""]]', '[ie, ""], [e, ""], [io, is]]'), encoding="utf-8")
    names.clear_caches()
    assert all(_same(a, b) for a, b in pairs)
    assert names.compare(names.parse("Landsbergis"), names.parse("Landsbergio")).reason.startswith("case ending")
    assert not any(_same(a, b) for a, b in apart)  # another surname, his wife, another given name
    assert Resolver(people=[]).same_person("Vytautas Landsbergis", "Landsbergio")[0]


def test_a_new_feminine_ending_is_a_one_file_change(gazetteer_copy):
    # Lithuanian married women's -iene beside the husband's -as: one surname key, two genders
    assert names.parse("Kazlauskiene").stem != names.parse("Kazlauskas").stem
    assert names.parse("Kazlauskiene").surname_gender == ""
    path = gazetteer_copy / "name_rules.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("feminine: [[skaya, ski]", "feminine: [[iene, as], [skaya, ski]"), encoding="utf-8")
    names.clear_caches()
    wife, husband = names.parse("Ona Kazlauskiene"), names.parse("Kazlauskas")
    assert wife.stem == husband.stem and wife.surname_gender == "f"
    assert _same("Kazlauskiene", "Ona Kazlauskiene")
    assert not _same("Kazlauskiene", "Jonas Kazlauskas")  # his wife: same key, other gender


def _rules(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "name_rules.yaml"
    text = (DATA / "name_rules.yaml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_unknown_section_and_key_name_file_and_line(tmp_path):
    path = _rules(tmp_path, "case_endings:\n", "case_endngs:\n")
    line = _line_of(path, "case_endngs:")
    with pytest.raises(GazetteerError, match=rf"name_rules\.yaml:{line}: unknown section\(s\) \['case_endngs'\]"):
        load_name_rules(path)
    path = _rules(tmp_path, "  detector_also:", "  detector_als:")
    line = _line_of(path, "detector_als:")
    with pytest.raises(GazetteerError, match=rf"name_rules\.yaml:{line}: particles: expected exactly the keys "
                                             r".*unknown \['detector_als'\]; missing \['detector_also'\]"):
        load_name_rules(path)


@pytest.mark.parametrize(("old", "new", "reason"), [
    ("[skaya, ski],", "[skaya, ski, x],", r"surname_gender\.feminine\[0\]: \['skaya', 'ski', 'x'\] is not an "
                                          r"\[ending, replacement\] pair"),
    ("[skiego, m],", "[skiego, x],", r"oblique_cases\.surname\[0\]: gender 'x' of 'skiego' is not m, f or u"),
    ("[y, a], [a, \"\"],", "[y, a], [A, \"\"],", r"case_endings\.endings\[17\]: \['A', ''\] is not an"),
    ("[ovich, evich,", "[on, evich,", r"patronymics\.male\[0\]: True is not a lower-case ASCII word \(quote it"),
    ("[de, van,", "[van, van,", r"particles\.words\[1\]: 'van' is listed twice"),
    ("[ov, ov], [ev, ev],", "[ov, ov], [ov, ev],", r"surname_gender\.masculine\[12\]: ending 'ov' is listed twice"),
])
def test_bad_value_names_file_line_entry_and_reason(tmp_path, old, new, reason):
    path = _rules(tmp_path, old, new)
    line = _line_of(path, new)  # the line of the bad entry itself
    with pytest.raises(GazetteerError, match=rf"name_rules\.yaml:{line}: {reason}"):
        load_name_rules(path)


@pytest.mark.parametrize(("key", "value", "reason"), [
    ("GREY_LOW", "1.5", "grey_low must be at most 1.0"),
    ("FULL_SURNAME_MIN", "0", "full_surname_min must be positive"),
    ("CHUNK_ROWS", "many", "chunk_rows must be an integer"),
])
def test_resolution_thresholds_are_validated(monkeypatch, key, value, reason):
    monkeypatch.setenv(f"NEWSFACTS_RESOLVE_{key}", value)
    resolution_settings.cache_clear()
    try:
        with pytest.raises(GazetteerError, match=reason):
            resolution_settings()
    finally:
        monkeypatch.delenv(f"NEWSFACTS_RESOLVE_{key}")
        resolution_settings.cache_clear()


def test_thresholds_come_from_the_settings_file():
    s = resolution_settings()
    assert (names.FULL_SURNAME_MIN, names.GREY_LOW, names.MIXED_MIN) == (s.full_surname_min, s.grey_low, s.mixed_min)
    assert 0 < s.given_fuzzy_min <= 1 and 0 < s.surname_only_min <= 1 and s.chunk_rows > 0


def test_missing_threshold_fails(tmp_path, monkeypatch, gazetteer_copy):
    path = gazetteer_copy / "settings.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("mixed_min = 0.92\n", ""), encoding="utf-8")
    resolution_settings.cache_clear()
    with pytest.raises(GazetteerError, match="missing key 'mixed_min'"):
        resolution_settings()
