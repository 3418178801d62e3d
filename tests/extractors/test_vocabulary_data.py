"""Vocabulary is data: a new count noun or calendar word is a change to one YAML file, nothing else.

Each test copies ``gazetteer/data`` to a temporary folder, edits one file there, and runs the extractors
in a fresh interpreter pointed at the copy with ``NEWSFACTS_GAZETTEER_DIR`` (the tables are built once,
at import). The same sentence run against the shipped data shows what the edit changed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer import ENV_DIR, data_dir
from gazetteer.calendar import CalendarError, load_calendar
from gazetteer.count_nouns import CountNounsError, load_count_nouns

ROOT = Path(__file__).resolve().parents[2]
PUB = "2025-08-28"
_RUN = """
import json, sys
from datetime import date
from extractors.counts import find_counts
from extractors.dates import find_dates
out = []
for text in json.loads(sys.argv[1]):
    out.append({"counts": [[c.value, c.unit] for c in find_counts(text)],
                "dates": [[d.value, d.text] for d in find_dates(text, date.fromisoformat(sys.argv[2]))]})
print(json.dumps(out))
"""


def _extract(texts: list[str], gazetteer: Path | None = None) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k != ENV_DIR}
    if gazetteer is not None:
        env[ENV_DIR] = str(gazetteer)
    done = subprocess.run([sys.executable, "-c", _RUN, json.dumps(texts), PUB], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def _copy_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_a_new_count_noun_is_one_line_of_count_nouns_yaml(tmp_path):
    texts = ["On Monday 14 wardens were freed.", "In 2020 wardens went on strike."]
    before = _extract(texts)
    assert before[0]["counts"] == [] and before[1]["dates"] == [["2020", "2020"]]
    folder = _copy_with(tmp_path, "count_nouns.yaml", "  - {singular: guard, plural: guards}\n",
                        "  - {singular: guard, plural: guards}\n"
                        "  - {singular: warden, plural: wardens, not_year: true}\n")
    after = _extract(texts, folder)
    assert after[0]["counts"] == [[14, "wardens"]]  # counts reads the new noun ...
    assert after[0]["dates"] == before[0]["dates"] == [["2025-08-25", "Monday"]]
    assert after[1]["dates"] == []  # ... and dates reads "2020 wardens" as a count, not a year


def test_a_new_calendar_word_is_one_line_of_calendar_yaml(tmp_path):
    texts = ["The law was passed on Febr. 3, 2024.", "Talks resumed last springtime."]
    before = _extract(texts)
    assert before[0]["dates"] == [["2024", "2024"]] and before[1]["dates"] == []
    folder = _copy_with(tmp_path, "calendar.yaml", "{name: February, abbreviations: [Feb]}",
                        "{name: February, abbreviations: [Febr, Feb]}")
    text = (folder / "calendar.yaml").read_text(encoding="utf-8")
    (folder / "calendar.yaml").write_text(
        text.replace("  - {name: summer,", "  - {name: springtime, code: SP, start: 3}\n  - {name: summer,"),
        encoding="utf-8")
    after = _extract(texts, folder)
    assert after[0]["dates"] == [["2024-02-03", "Febr. 3, 2024"]]
    assert after[1]["dates"] == [["2025-SP", "last springtime"]]


# ---------------------------------------------------------------- the calendar loader

def test_shipped_calendar():
    cal = load_calendar()
    assert cal.months["January"] == 1 and cal.month_abbreviations["Sept"] == 9 and "May" not in cal.month_abbreviations
    assert cal.weekdays["Monday"] == 0 and cal.weekday_abbreviations["Thurs"] == 3
    assert cal.seasons["fall"] == cal.seasons["autumn"] == "FA" and cal.season_start["WI"] == 12
    assert cal.ordinals["twentieth"] == 20 and cal.ordinals["twenty-first"] == 21


@pytest.mark.parametrize("old, new, reason", [
    ("{name: May}", "{name: May, colour: red}", ":22: months entry 5 (May): unknown key(s) ['colour']"),
    ("{name: May}", "{name: may}", ":22: months entry 5 (may): name 'may' is not a capitalised word"),
    ("abbreviations: [Jun]", "abbreviations: [Jun, Jun]", "months entry 6 (June): 'Jun' is already listed at"),
    ("abbreviations: [Oct]", "abbreviations: [Okt]", "abbreviation 'Okt' does not begin 'October'"),
    ("  - {name: May}\n", "", "section 'months' must list 12 entries, got 11"),
    ("{name: Friday, abbreviations: [Fri]}", "{name: Freitag}", "a weekday name ends in 'day'"),
    ("{name: fall, code: FA, start: 9}", "{name: fall, code: AU, start: 9}", "bad code 'AU'"),
    ("{name: fall, code: FA, start: 9}", "{name: fall, code: FA, start: 10}", "season FA starts in month 9"),
    ("{name: winter, code: WI, start: 12}", "{name: winter, code: WI, start: 13}", "start 13 is not a month"),
    ("ordinals: [", "ordinal: [", "unknown section(s) ['ordinal']"),
    ("  first, second,", "  first, first,", "ordinals entry 2 ('first'): listed twice"),
])
def test_calendar_errors_name_file_line_entry_and_reason(tmp_path, old, new, reason):
    folder = _copy_with(tmp_path, "calendar.yaml", old, new)
    with pytest.raises(CalendarError) as err:
        load_calendar(folder / "calendar.yaml")
    assert str(folder / "calendar.yaml") in str(err.value)
    assert reason in str(err.value)


# ---------------------------------------------------------------- count nouns that make a number no year

def test_shipped_not_year_words():
    nouns = load_count_nouns()
    assert {"people", "persons", "prisoners", "staff", "others"} <= nouns.not_year  # marked nouns' plurals
    assert {"dollars", "km", "zloty", "zlotys", "years", "kids"} <= nouns.not_year  # quantities
    assert "voters" in nouns.plural and "voters" not in nouns.not_year  # "the 2020 voters" keeps its year
    assert "kids" not in nouns.plural  # a quantity is no head noun of a count of people


@pytest.mark.parametrize("old, new, reason", [
    ("{singular: guard, plural: guards}", "{singular: guard, plural: guards, not_year: 1}",
     "(guard): 'not_year' must be true or false, got 1"),
    ("quantities: [\n", "quantities: [\n  prisoners,\n", "section 'quantities': 'prisoners' is already listed at"),
    ("  kids, police,", "  kids, kids,", "quantities entry 2 ('kids'): listed twice"),
])
def test_count_noun_year_errors(tmp_path, old, new, reason):
    folder = _copy_with(tmp_path, "count_nouns.yaml", old, new)
    with pytest.raises(CountNounsError, match=re.escape(reason)):
        load_count_nouns(folder / "count_nouns.yaml")
