"""Importing this module loads extraction's models into the process, once.

Extraction loads its models on first use: jieba's dictionary and tag table,
the segmenter's table of log-probabilities, OpenCC and the LAC ONNX model;
together seconds of CPU.  Importing ``kg.warm`` runs the default pipeline
over a short text that needs all of them, so that they are loaded when the
import returns (a second import does nothing: Python keeps the module).

:mod:`kg.parallel` has its pool's fork server import this module: every
worker forked from the server starts with the models loaded, instead of
each loading its own copy before it can help.  Workers started another way
import it in their initializer.
"""

from __future__ import annotations

from kg.article import extract_text

# regions, posts, companies and a clause that LAC is asked about (两个项目…复工 after names)
WARM_UP_TEXT = "張店區委書記王小明出席。力争民祥化工、盛日中天2个项目2月底前复工。"


def load_models() -> None:
    """Run the default pipeline over :data:`WARM_UP_TEXT` (loads every model it uses)."""
    extract_text(WARM_UP_TEXT, name="warm-up.txt")


load_models()
