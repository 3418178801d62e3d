"""The resolver benchmark runs and merges no two generated people (small size, fast)."""

from benchmarks.resolve import main


def test_benchmark_small_run_has_no_wrong_merges(capsys):
    assert main(["--mentions", "3000", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "ids merging different generated people 0 " in out
