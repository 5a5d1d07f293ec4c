"""The gold sets in the repository: where their gold and their articles are."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate.sets import GoldSet

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


_BUILT: dict[str, Path] = {}


def articles_dir(name: str) -> Path:
    """The articles of gold set ``name`` (a real batch's are rebuilt from the corpus once)."""
    if name == "gold":
        return ROOT / "seeds"
    if name not in _BUILT:
        _BUILT[name] = GoldSet(DATA / name).materialise()
    return _BUILT[name]


def gold_sets() -> list[str]:
    """Every gold set: the seeds (``gold``), the written held-out sets and the real batches."""
    return sorted(p.parent.name for p in DATA.glob("*/gold") if p.is_dir())


def gold_dir(name: str) -> Path:
    """The gold folder of set ``name`` (``gold`` is the seeds' gold)."""
    return DATA / "gold" if name == "gold" else DATA / name / "gold"
