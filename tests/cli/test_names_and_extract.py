"""`names match` takes a FILE, - (stdin) or two spellings; `extract` streams, checks paths, adds text on ask."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app

NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
PAGE = """<html><head><title>Belarus frees 14</title><meta property="article:published_time" content="2025-06-22">
</head><body><article><h1>Belarus frees 14</h1>
<p>Belarus released 14 political prisoners on Saturday, including Sergei Tikhanovsky, officials said.</p>
<p>Svetlana Tikhanovskaya said more than 1,100 people are still behind bars after the release.</p>
</article></body></html>"""


def test_names_match_two_spellings_prints_one_line():
    result = CliRunner().invoke(app, ["names", "match", "Siarhei Tsikhanouski", "Сергей Тихановский"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Siarhei Tsikhanouski\tСергей Тихановский\t1\t1.000"]


def test_names_match_reads_stdin_and_a_file_alike(tmp_path):
    tsv = "name_a\tname_b\nSiarhei Tsikhanouski\tSviatlana Tsikhanouskaya\nMaria Kalesnikava\tМария Колесникова\n"
    f = tmp_path / "pairs.tsv"
    f.write_text(tsv, encoding="utf-8")
    from_file = CliRunner().invoke(app, ["names", "match", str(f)])
    from_stdin = CliRunner().invoke(app, ["names", "match", "-"], input=tsv)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.output == from_stdin.output
    assert [line.split("\t")[2] for line in from_file.output.splitlines()] == ["0", "1"]


@pytest.mark.parametrize("args", [["a", "b", "c"], ["no-such.tsv"]])
def test_names_match_bad_arguments(args):
    result = CliRunner().invoke(app, ["names", "match", *args])
    assert result.exit_code == 2 and result.output.count("\n") == 1


def test_extract_missing_path_is_one_line_and_exit_2(tmp_path):
    result = subprocess.run([NEWSFACTS, "extract", str(tmp_path / "missing.html")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: no such file or folder: {tmp_path / 'missing.html'}"]
    assert result.stdout == ""


def test_extract_with_text_gives_the_text_offsets_point_into(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--with-text", str(tmp_path / "a.html")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    text = record["text"]
    for p in record["people"]:
        for start, end in p["offsets"]:
            assert text[start:end] in p["mentions"]
    for c in record["counts"]:
        assert text[c["start"]:c["end"]] == c["text"]
    plain = json.loads(CliRunner().invoke(app, ["extract", str(tmp_path / "a.html")]).output)
    assert "text" not in plain


def test_extract_streams_a_line_per_page_as_it_is_done(tmp_path, monkeypatch):
    """Each page's line is written (and flushed) before the next page is extracted."""
    import extractors.pipeline as pipeline

    for i in range(4):
        (tmp_path / f"p{i}.html").write_text(PAGE.replace("14", str(14 + i)), encoding="utf-8")
    seen = []
    real = pipeline.extract_pages_isolated

    def spy(articles, *args, **kwargs):
        # CliRunner's stdout: a text wrapper over a BytesIO; what was flushed is in the BytesIO
        seen.append(sys.stdout.buffer.getvalue().count(b"\n"))
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_pages_isolated", spy)
    result = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 4
    assert seen == [0, 1, 2, 3]
