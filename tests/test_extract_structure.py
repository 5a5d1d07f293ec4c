"""The shape of the extraction layer, read from the code's own imports.

* no module of ``kg`` imports another module's private (``_x``) name;
* no import cycle through the extraction layer (imports inside functions count too);
* the base layer of ``kg/extract`` imports no extractor: model <- base <- extractors <- pipeline;
* no component module imports another (they share the base, and the document);
* ruff: no function more complex than 12 (C901), no unused argument (ARG), no line over 100
  columns (E501) in the extraction layer and its tests.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

# the shared base of the extractors: what they read text, words and names with
BASE = {"kg.extract.text", "kg.lexicons", "kg.extract.mentions", "kg.extract.names",
        "kg.extract.divisions", "kg.extract.company_names", "kg.extract.person_names",
        "kg.extract.organs", "kg.extract.lac_model", "kg.extract.onnx_patch",
        "kg.extract.title_chains", "kg.extract.money"}
# below the base: what every layer may use
FOUNDATION = {"kg.model", "kg.lexicons", "kg.segment", "kg.components"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, list[tuple[str, str | None]]]:
    """Module -> [(imported module, imported name or None)] for imports of kg modules."""
    modules = {_module_name(p): p for p in KG.rglob("*.py")}
    out: dict[str, list[tuple[str, str | None]]] = {}
    for mod, path in modules.items():
        found: list[tuple[str, str | None]] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.split(".")[0] == "kg":
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.append((sub, None) if sub in modules else (node.module, alias.name))
            elif isinstance(node, ast.Import):
                found += [(a.name, None) for a in node.names if a.name.split(".")[0] == "kg"]
        out[mod] = [(m, n) for m, n in found if m in modules]
    return out


def test_no_module_imports_a_private_name_of_another():
    private = [(mod, f"{target}.{name}") for mod, found in _imports().items()
               for target, name in found if name and name.startswith("_") and target != mod]
    assert private == []


# the modules of the extraction layer (cycles elsewhere in kg are another layer's business)
EXTRACTION = (
    "kg.extract",
    "kg.pipeline",
    "kg.components",
    "kg.model",
    "kg.lexicons",
    "kg.sentences",
    "kg.segment",
    "kg.normalise",
)


def test_no_import_cycles_through_the_extraction_layer():
    graph = {
        mod: {target for target, _ in found if target != mod} for mod, found in _imports().items()
    }
    # a package imports its submodules when they import from it: count only module -> module edges
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(mod: str, path: list[str]) -> None:
        state[mod] = 1
        for nxt in sorted(graph.get(mod, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[mod] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    assert [c for c in cycles if any(m.startswith(EXTRACTION) for m in c)] == []


def test_the_base_layer_imports_no_extractor():
    allowed = BASE | FOUNDATION
    bad = {mod: sorted({t for t, _ in found if t.startswith("kg.") and t not in allowed})
           for mod, found in _imports().items() if mod in BASE}
    assert {m: t for m, t in bad.items() if t} == {}


def _component_modules() -> set[str]:
    """The modules that register a pipeline component."""
    return {_module_name(p) for p in KG.rglob("*.py")
            if "@component(" in p.read_text(encoding="utf-8") and p.name != "components.py"}


def test_components_import_no_other_component():
    """Components hand data on through the document, never by calling one another."""
    components = _component_modules()
    bad = {mod: sorted({t for t, _ in found if t in components and t != mod})
           for mod, found in _imports().items() if mod in components}
    assert {m: t for m, t in bad.items() if t} == {}


def test_no_extractor_imports_the_pipeline():
    """Components register with kg.components; the pipeline imports them, never the other way."""
    bad = sorted(mod for mod, found in _imports().items()
                 if mod.startswith("kg.extract") and any(t == "kg.pipeline" for t, _ in found))
    assert bad == []


EXTRACTION_FILES = [
    *sorted((KG / "extract").glob("*.py")),
    *(KG / name for name in ("pipeline.py", "components.py", "lexicons.py", "sentences.py",
                             "segment.py", "normalise.py")),
    *sorted((KG.parent / "tests").glob("test_extract_*.py")),
    KG.parent / "tests" / "test_segment.py",
    KG.parent / "tests" / "test_normalise.py",
]


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed")
def test_the_extraction_layer_passes_complexity_argument_and_line_checks():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "C901,ARG,E501",
         "--config", "lint.mccabe.max-complexity=12", *map(str, EXTRACTION_FILES)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
