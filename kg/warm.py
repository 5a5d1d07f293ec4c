"""Importing this module loads extraction's models into the process, once.

Extraction loads its models on first use: jieba's dictionary and tag table,
the segmenter's table of log-probabilities, OpenCC, the LAC ONNX model and
the learned components' models (``kg/models/*.json``, and the division names
``lac_orgs`` reads); together seconds of CPU.  Importing ``kg.warm`` runs the
default pipeline over a short text that needs most of them, then loads the
learned models a short text may not reach, so that all are loaded when the
import returns (a second import does nothing: Python keeps the module).

:mod:`kg.parallel` has its pool's fork server import this module: every
worker forked from the server starts with the models loaded, instead of
each loading its own copy before it can help.  Workers started another way
import it in their initializer.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.article import extract_text
from kg.extract import orgcands, perceptron

# regions, posts, companies and a clause that LAC is asked about (两个项目…复工 after names)
WARM_UP_TEXT = "張店區委書記王小明出席。力争民祥化工、盛日中天2个项目2月底前复工。"


def load_models() -> None:
    """Run the default pipeline over :data:`WARM_UP_TEXT`, then load every learned model.

    The learned components load their model when a candidate first needs it
    (an organisation LAC found, a project name, a pair the rules left open),
    which the warm-up text does not always give: each is loaded here by name.
    """
    extract_text(WARM_UP_TEXT, name="warm-up.txt")
    for path in sorted(Path(os.environ.get("KG_MODELS") or perceptron.MODELS).glob("*.json")):
        perceptron.load(path.stem)
    orgcands.classes("华为公司")  # the lexicon suffixes and the division names


load_models()
