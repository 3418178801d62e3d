"""The layers depend only downward: an import that points up or across fails here.

    flows → crawler | extractors | resolution → gazetteer → records
    warehouse → records
    analyst → resolution | warehouse (→ gazetteer, records)
    newsfacts (the command line, the sample and fault sites), benchmarks, scripts → anything

Every import of our packages is read from the source (an AST walk, function-level imports included),
so a lazy import cannot hide an arrow. Third-party engines are held to their layer too: only ``flows``
(and the layers above it) import Prefect; storage never imports spaCy.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"records", "gazetteer", "crawler", "extractors", "resolution", "warehouse", "flows", "analyst", "newsfacts",
        "benchmarks", "scripts"}
#: package → the packages of ours it may import (itself always)
MAY_IMPORT = {
    "records": set(),
    "gazetteer": {"records"},
    "crawler": {"records"},
    "extractors": {"gazetteer", "records"},
    "resolution": {"gazetteer", "records"},
    "warehouse": {"records"},
    "flows": {"crawler", "extractors", "resolution", "gazetteer", "warehouse", "records"},
    "analyst": {"resolution", "warehouse", "gazetteer", "records"},
}
#: package → third-party engines it must not import
NEVER = {
    "records": {"prefect", "spacy", "duckdb", "trafilatura"},
    "gazetteer": {"prefect", "spacy", "duckdb", "trafilatura"},
    "crawler": {"prefect", "spacy", "duckdb"},
    "extractors": {"prefect", "duckdb"},
    "resolution": {"prefect", "spacy", "duckdb"},
    "warehouse": {"prefect", "spacy", "trafilatura"},
    "flows": set(),
    "analyst": {"prefect", "spacy", "trafilatura"},
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) of every absolute import in a file, wherever it sits."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module.split(".")[0]))
    return out


def arrows(root: Path = ROOT) -> list[str]:
    """Every import that breaks MAY_IMPORT or NEVER, as ``file:line imports module``."""
    bad = []
    for pkg, allowed in MAY_IMPORT.items():
        for f in sorted((root / pkg).rglob("*.py")):
            for line, mod in imports_of(f):
                if (mod in OURS and mod != pkg and mod not in allowed) or mod in NEVER[pkg]:
                    bad.append(f"{f.relative_to(root)}:{line} imports {mod}")
    return bad


def test_every_arrow_points_down():
    assert arrows() == []


def test_each_package_says_what_it_may_import():
    for pkg in MAY_IMPORT:
        doc = ast.get_docstring(ast.parse((ROOT / pkg / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "may import" in doc.lower(), f"{pkg}/__init__.py: its docstring should say what it may import"


@pytest.mark.parametrize("source,expected", [
    ("from extractors.pipeline import build_nlp\n", "warehouse/x.py:1 imports extractors"),
    ("def f():\n    import prefect\n", "warehouse/x.py:2 imports prefect"),
])
def test_the_check_sees_upward_and_hidden_arrows(tmp_path, source, expected):
    (tmp_path / "warehouse").mkdir()
    (tmp_path / "warehouse" / "x.py").write_text(source, encoding="utf-8")
    assert arrows(tmp_path) == [expected]


def module_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Our modules (``pkg.mod``) → the modules of ours they import, function-level imports included."""
    mods = {".".join(f.relative_to(root).with_suffix("").parts): f
            for pkg in (*MAY_IMPORT, "newsfacts") for f in (root / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, f in mods.items():
        out = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            out.update(t.removesuffix(".__init__") for t in targets if t in mods or f"{t}.__init__" in mods)
        graph[name.removesuffix(".__init__")] = out - {name.removesuffix(".__init__")}
    return graph


def cycles_in(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import loops of a module graph, each as the list of modules around it."""
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            # a package's __init__ importing its own submodules is not a loop
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif not state.get(nxt):
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [node])
    return cycles


def test_no_import_cycles():
    """No two modules import each other, however deep the loop or however hidden (a function-level import)."""
    assert cycles_in(module_graph()) == []


def test_the_cycle_check_sees_a_hidden_loop():
    assert cycles_in({"a.x": {"a.y"}, "a.y": {"a.x"}, "a.z": set()}) == [["a.x", "a.y", "a.x"]]
