"""The package layout is the pipeline: imports run one way, from the CLI down through the stages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Lower ranks come first in the pipeline; a module may import its own rank or lower, never higher.
RANKS = {
    "errors": 0,
    "files": 0,
    "domain": 0,
    "spec": 1,
    "contract": 2,
    "render": 3,
    "word": 4,
    "proof": 5,
    "pipeline": 6,
    "config": 6,
    "batch": 6,
    "cli": 7,
    "__main__": 8,
}


def stage_of(module: str) -> str:
    """'generator.spec.loader' -> 'spec'; 'generator' (the package itself) -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports_of(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module) of every generator import in a file, lazy imports included."""
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(relative.parts[:-1]) if relative.name != "__init__" else list(relative.parts[:-1])
    found = []
    text = source if source is not None else path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            found += [(node.lineno, n) for n in names if n.startswith("generator")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("generator")]
    return found


def back_edges(path: Path, source: str | None = None) -> list[str]:
    """Imports in a module of the package that reach a later stage."""
    own = stage_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    edges = []
    for line, module in imports_of(path, source):
        target = stage_of(module)
        if target not in RANKS:
            continue  # the package root (its version), not a stage
        if RANKS[target] > RANKS[own]:
            edges.append(f"{path.name}:{line}: {own} imports {module} (a later stage)")
    return edges


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.stem != "__init__")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path: Path) -> None:
    assert back_edges(path) == []


def test_every_stage_is_ranked_and_documented() -> None:
    for item in PACKAGE.iterdir():
        if item.name.startswith("_") or item.name == "templates":
            continue
        assert item.stem in RANKS, f"{item.name} has no place in the pipeline (RANKS)"
        if item.is_dir():
            doc = ast.get_docstring(ast.parse((item / "__init__.py").read_text(encoding="utf-8")))
            assert doc, f"{item.name}/__init__.py says nothing about what the package owns"


@pytest.mark.parametrize(
    "source",
    [
        "from ..contract import compute\n",
        "from ..contract.compute import share_of\n",
        "def f():\n    import generator.proof.rules\n",
    ],
)
def test_a_back_edge_is_caught(source: str) -> None:
    assert back_edges(PACKAGE / "spec" / "validate.py", source)
