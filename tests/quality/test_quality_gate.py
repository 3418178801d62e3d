"""Quality gate: the shared scorers run on the real CLI, against floors kept in floors.toml."""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EVAL = ROOT.parent / "shared" / "eval"
NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
FLOORS = tomllib.loads((HERE / "floors.toml").read_text())

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the project")


def run_score(*extra: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), "--cmd", f"{NEWSFACTS} extract --format jsonl", "--json", *extra],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


HELDOUT = ROOT / "tests" / "heldout"


@pytest.mark.parametrize(("floors", "gold"), [
    ("seeds", None),
    ("te3", EVAL / "te3" / "te3.gold.json"),
    ("heldout_facts", HELDOUT / "facts" / "gold.json"),
    ("heldout_people", HELDOUT / "people" / "gold.json"),
    ("heldout_events", HELDOUT / "events" / "gold.json"),
    ("heldout_events_blind", HELDOUT / "events_blind" / "gold.json"),
])
def test_articles_meet_floors(floors, gold):
    summary = run_score(*(["--gold", str(gold)] if gold else []))
    for key, floor in FLOORS[floors].items():
        assert summary[key]["f1"] >= floor, f"{floors} {key} F1 {summary[key]['f1']} < floor {floor}"


@pytest.mark.parametrize(("floors", "pairs"), [
    ("names", EVAL / "names" / "pairs.tsv"),
    ("heldout_names", HELDOUT / "names" / "pairs.tsv"),
])
def test_name_pairs_meet_floor_and_merge_no_two_people(floors, pairs):
    proc = subprocess.run(
        [sys.executable, str(EVAL / "names_score.py"), "--pairs", str(pairs), "--cmd", f"{NEWSFACTS} names match"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    m = re.search(r"F1=([\d.]+) different-people-merged=(\d+)", proc.stdout)
    assert m, proc.stdout[-2000:]
    assert float(m.group(1)) >= FLOORS[floors]["f1"], proc.stdout
    assert int(m.group(2)) <= FLOORS[floors]["max_different_people_merged"], proc.stdout
