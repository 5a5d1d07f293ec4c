"""An averaged multiclass perceptron over string features: small, exact, deterministic.

Weights are integers during training (updates of +-1, averaged with the
usual timestamp trick), so the same examples in the same order give the
same model on every machine.

>>> m = train([(["suffix=公司"], "Company"), (["suffix=局"], "Org"), (["x"], "O")], epochs=3)
>>> predict(m, ["suffix=公司"])
'Company'
"""

from __future__ import annotations

import functools
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

Model = dict[str, dict[str, float]]


def scores(model: Model, feats: Iterable[str]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for f in feats:
        for label, w in model.get(f, {}).items():
            out[label] += w
    return out


def predict(model: Model, feats: Iterable[str], labels: Sequence[str] | None = None) -> str:
    """The best label (ties broken by label name); ``O`` when no feature is known."""
    sc = scores(model, feats)
    if labels is None:
        labels = sorted({lab for ws in model.values() for lab in ws} | {"O"})
    return max(sorted(labels), key=lambda lab: sc.get(lab, 0.0))


def train(examples: Sequence[tuple[Sequence[str], str]], epochs: int = 10) -> Model:
    """Averaged weights after ``epochs`` passes over ``examples`` in their order."""
    labels = sorted({y for _, y in examples} | {"O"})
    w: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    stamp: dict[tuple[str, str], int] = defaultdict(int)
    t = 0
    for _ in range(epochs):
        for feats, y in examples:
            t += 1
            sc: dict[str, int] = defaultdict(int)
            for f in feats:
                for lab in labels:
                    sc[lab] += w.get((f, lab), 0)
            guess = max(labels, key=lambda lab: (sc[lab], lab == "O", lab))
            if guess == y:
                continue
            for f in feats:
                for lab, d in ((y, 1), (guess, -1)):
                    k = (f, lab)
                    total[k] += (t - stamp[k]) * w[k]
                    stamp[k] = t
                    w[k] += d
    model: Model = {}
    for k, v in w.items():
        total[k] += (t - stamp[k]) * v
        avg = round(total[k] / t, 4)
        if avg:
            model.setdefault(k[0], {})[k[1]] = avg
    return {f: dict(sorted(ws.items())) for f, ws in sorted(model.items())}


MODELS = Path(__file__).resolve().parent.parent / "models"


@functools.lru_cache(maxsize=8)
def load(name: str) -> Model:
    """The shipped model ``kg/models/<name>.json`` (``$KG_MODELS`` names another folder, for
    measuring a model trained without a gold set: ``python -m kg.learn.train --without``)."""
    folder = Path(os.environ.get("KG_MODELS") or MODELS)
    return json.loads((folder / f"{name}.json").read_text("utf-8"))
