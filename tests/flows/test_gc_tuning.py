"""The process that runs flows (and the CLI) collects garbage with batch-work thresholds."""

import subprocess
import sys

from flows.gc_tuning import THRESHOLDS


def test_importing_flows_sets_the_thresholds():
    # a fresh interpreter: this test process may have imported flows already
    out = subprocess.run([sys.executable, "-c", "import gc, flows; print(gc.get_threshold())"],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(THRESHOLDS)


def test_defaults_are_left_alone_by_the_plain_libraries():
    code = "import gc; d = gc.get_threshold(); import extractors.pipeline, resolution.resolve, warehouse.load; " \
           "print(gc.get_threshold() == d)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
