"""The whole fault suite (scripts/fault_suite.py) as one end-to-end test: nothing lost, duplicated or crashed."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_fault_suite_loses_duplicates_and_crashes_nothing():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "fault_suite.py")], capture_output=True,
                          text=True, timeout=900, cwd=ROOT)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    m = re.fullmatch(r"RESULT faults_injected=(\d+) runs_completed=(\d+) lost=(\d+) duplicated=(\d+) crashes=(\d+)",
                     last)
    assert m, proc.stdout[-3000:] + proc.stderr[-3000:]
    injected, completed, lost, duplicated, crashes = map(int, m.groups())
    assert (lost, duplicated, crashes) == (0, 0, 0), proc.stdout[-3000:]
    assert injected >= 30 and completed >= 3
    assert proc.returncode == 0, proc.stdout[-3000:]
