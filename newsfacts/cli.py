"""The ``newsfacts`` command line: a thin layer over the libraries and flows.

Heavy imports (spaCy, Prefect, DuckDB) happen inside the commands, so
``newsfacts --help`` and the fast commands start quickly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="newsfacts: turn news articles into queryable facts (people, counts of people, dates).",
    no_args_is_help=True,
    add_completion=False,
)
names_app = typer.Typer(help="Decide whether name spellings name the same person.", no_args_is_help=True)
app.add_typer(names_app, name="names")

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def _page_paths(paths: list[Path]) -> list[Path]:
    """Expand folders into the pages they hold; keep files as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(PAGE_SUFFIXES)))
        else:
            out.append(p)
    return out


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Saved article pages (.html, .htm, optionally .gz) or folders.")],
    fmt: Annotated[str, typer.Option("--format", help="Output format: jsonl (one JSON object per page).")] = "jsonl",
) -> None:
    """Extract people, counts of people and dates from saved pages; print one JSON line per page.

    Needs no warehouse and no network. A page that cannot be read prints an
    object with an "error" field; the exit code is 0 when every page was processed.
    """
    if fmt != "jsonl":
        raise typer.BadParameter(f"unknown format {fmt!r}; use jsonl", param_hint="--format")
    from extractors.jsonl import page_record
    from extractors.pipeline import extract_pages, resolve_pages
    from extractors.text import ExtractionError, extract_article, read_page

    files = _page_paths(paths)
    articles, sources, failures = [], [], []
    for f in files:
        try:
            articles.append(extract_article(read_page(f), url=None))
            sources.append(str(f))
        except (OSError, ExtractionError) as exc:
            failures.append({"source": str(f), "error": str(exc)})
    pages = resolve_pages(list(extract_pages(articles)))
    out = sys.stdout
    for src, page in zip(sources, pages, strict=True):
        out.write(json.dumps(page_record(src, page), ensure_ascii=False) + "\n")
    for failure in failures:
        out.write(json.dumps(failure, ensure_ascii=False) + "\n")


@names_app.command("match")
def names_match(
    file: Annotated[Path, typer.Argument(help="TSV with header name_a<TAB>name_b, one pair per line.")],
) -> None:
    """For each pair print name_a, name_b, same (1/0) and a score, tab-separated."""
    from gazetteer.resolve import same_person

    if not file.exists():
        raise typer.BadParameter(f"{file} does not exist", param_hint="FILE")
    lines = file.read_text(encoding="utf-8").splitlines()
    out = sys.stdout
    for n, line in enumerate(lines):
        if not line.strip() or (n == 0 and line.startswith("name_a\t")):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            typer.echo(f"{file}:{n + 1}: expected two tab-separated names", err=True)
            raise typer.Exit(2)
        same, score = same_person(cols[0], cols[1])
        out.write(f"{cols[0]}\t{cols[1]}\t{int(same)}\t{score:.3f}\n")


if __name__ == "__main__":
    app()
