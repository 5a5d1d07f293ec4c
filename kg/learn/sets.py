"""The gold sets in the repository: where their gold and their articles are."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def shared() -> Path:
    """``../shared`` beside the repository (or ``$KG_SHARED``)."""
    return Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))


def _make_articles():
    spec = importlib.util.spec_from_file_location("make_articles", DATA / "real" / "make_articles.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_BUILT: dict[str, Path] = {}


def articles_dir(name: str) -> Path:
    """The articles of gold set ``name`` (a real batch's are rebuilt from the corpus once)."""
    folder = DATA / name
    if (folder / "articles").is_dir():
        return folder / "articles"
    if name == "gold":
        return ROOT / "seeds"
    if name not in _BUILT:
        out = Path(tempfile.mkdtemp(prefix=f"kg-{name}-"))
        _make_articles().build(folder, out)
        _BUILT[name] = out
    return _BUILT[name]


def gold_sets() -> list[str]:
    """Every gold set: the seeds (``gold``), the written held-out sets and the real batches."""
    return sorted(p.parent.name for p in DATA.glob("*/gold") if p.is_dir())


def gold_dir(name: str) -> Path:
    """The gold folder of set ``name`` (``gold`` is the seeds' gold)."""
    return DATA / "gold" if name == "gold" else DATA / name / "gold"
