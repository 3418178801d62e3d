"""Extraction commands that need no warehouse: ``extract`` (pages → JSON lines) and ``names match``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

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


def extract(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Saved article pages (.html, .htm, optionally .gz) or folders.")],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT",
                                     help="Output format: jsonl (one JSON object per page).")] = "jsonl",
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="Add the extracted article text as `text`, so offsets can be checked.")] = False,
) -> None:
    """Extract people, counts of people, dates and events from saved pages; print one JSON line per page.

    Needs no warehouse and no network. Each page's line is printed as soon as that
    page is done. A page that cannot be read prints an object with an "error"
    field; the exit code is 0 when every page was processed, 2 when a PATH does not exist.
    """
    if fmt != "jsonl":
        raise typer.BadParameter(f"unknown format {fmt!r}; use jsonl", param_hint="--format")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    from extractors.jsonl import page_record
    from extractors.pipeline import extract_pages_isolated
    from extractors.settings import SettingsError, extract_settings
    from extractors.text import ExtractionError, extract_article, read_page
    from resolution.resolve import resolve_pages

    try:
        extract_settings()  # a bad setting stops here with one line, before any page
    except SettingsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    out = sys.stdout

    def emit(record: dict) -> None:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()

    # Page by page: ids of gazetteer people and of canonical name keys do not depend on the other pages
    # of the call, so resolving each page alone gives the ids a resolve over all pages gives.
    for f in _page_paths(paths):
        try:
            art = extract_article(read_page(f), url=None)
        except (OSError, ExtractionError) as exc:
            emit({"source": str(f), "error": str(exc)})
            continue
        except Exception as exc:  # noqa: BLE001 - one bad page is one error line, never a stopped run
            emit({"source": str(f), "error": f"{f}: {type(exc).__name__}: {exc}"})
            continue
        pages, failed = extract_pages_isolated([art])
        for _, reason in failed:
            emit({"source": str(f), "error": reason})
        resolve_pages(pages)
        for page in pages:
            record = page_record(str(f), page)
            if with_text:
                record["text"] = page.article.text
            emit(record)


def names_match(
    args: Annotated[list[str], typer.Argument(
        metavar="FILE | - | NAME_A NAME_B",
        help="A TSV with header name_a<TAB>name_b and one pair per line, - for that TSV on stdin, "
             "or two spellings.")],
) -> None:
    """For each pair print name_a, name_b, same (1/0) and a score, tab-separated.

    `newsfacts names match "Siarhei Tsikhanouski" "Сергей Тихановский"` prints one line.
    """
    from resolution.resolve import same_person

    out = sys.stdout
    if len(args) == 2:
        pairs = [(None, [args[0], args[1]])]
        origin = "arguments"
    elif len(args) == 1:
        origin = "<stdin>" if args[0] == "-" else args[0]
        if args[0] == "-":
            lines = sys.stdin.read().splitlines()
        else:
            file = Path(args[0])
            if not file.is_file():
                typer.echo(f"error: {file} is not a file; give a TSV FILE, - for stdin, or two names", err=True)
                raise typer.Exit(2)
            lines = file.read_text(encoding="utf-8").splitlines()
        pairs = [(n, line.split("\t")) for n, line in enumerate(lines)
                 if line.strip() and not (n == 0 and line.startswith("name_a\t"))]
    else:
        typer.echo(f"error: give a TSV FILE, - for stdin, or two names (got {len(args)} arguments)", err=True)
        raise typer.Exit(2)
    for n, cols in pairs:
        if len(cols) < 2:
            typer.echo(f"{origin}:{n + 1}: expected two tab-separated names", err=True)
            raise typer.Exit(2)
        same, score = same_person(cols[0], cols[1])
        out.write(f"{cols[0]}\t{cols[1]}\t{int(same)}\t{score:.3f}\n")
