"""Check two import rules of ``kg`` that import-linter's layers contract does not express.

1. **No cycles**: no module imports (directly or through others) a module that
   imports it back, function-level imports included.
2. **No private names across modules**: no module imports another module's
   ``_name``, nor reads ``module._name`` of a kg module it imported.

Run by ``make lint``; prints every violation and exits 1 if there is one.

    python tools/check_imports.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
# The extraction layer is restructured on its own branch (issue 13), which removes its cycle
# (companies <-> regions) and its private cross-imports; that branch empties this tuple.
NOT_YET_CHECKED: tuple[str, ...] = ()  # every module is checked


def _skipped(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in NOT_YET_CHECKED)


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The import cycles among kg's modules: strongly connected components of two or more."""
    modules = sorted(m for m in graph.modules if not _skipped(m))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(m: str) -> None:  # Tarjan's algorithm
        index[m] = low[m] = len(index)
        stack.append(m)
        on_stack.add(m)
        for n in sorted(graph.find_modules_directly_imported_by(m)):
            if _skipped(n):
                continue
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in on_stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            component = []
            while True:
                n = stack.pop()
                on_stack.discard(n)
                component.append(n)
                if n == m:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for m in modules:
        if m not in index:
            visit(m)
    return found


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def private_imports(path: Path) -> list[str]:
    """``file:line: what`` for each private name ``path`` takes from another kg module."""
    me = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: list[str] = []
    aliases: dict[str, str] = {}  # local name -> kg module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
            for a in node.names:
                if _private(a.name) and node.module != me:
                    out.append(f"{path}:{node.lineno}: from {node.module} import {a.name}")
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "kg":
                    aliases[a.asname or a.name] = a.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and _private(node.attr)):
            out.append(f"{path}:{node.lineno}: {node.value.id}.{node.attr}")
    return out


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def main() -> int:
    problems = []
    for component in cycles(grimp.build_graph("kg")):
        problems.append("import cycle: " + " <-> ".join(component))
    for path in sorted((ROOT / "kg").rglob("*.py")):
        if not _skipped(module_name(path)):
            problems += [f"private import: {p}" for p in private_imports(path)]
    for p in problems:
        print(p)
    skipped = f" (not yet checked: {', '.join(NOT_YET_CHECKED)})" if NOT_YET_CHECKED else ""
    print(f"check_imports: {len(problems)} problem{'s' if len(problems) != 1 else ''}{skipped}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
