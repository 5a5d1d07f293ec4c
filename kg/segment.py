"""Word segmentation: jieba's accurate mode, computed faster, same words.

:func:`segment` returns exactly what ``jieba.lcut(text)`` returns (the same
dictionary, the same maximum-probability route, the same HMM for runs of
unknown characters; ``tests/test_segment.py`` checks it word for word over
the seeds and the held-out articles), with the route found in one pass
instead of jieba's two:

* jieba builds the DAG of dictionary words as a dict of lists, then scores
  each route with a generator of tuples and ``math.log``; here the words
  starting at each position are scored as they are found, against a table
  of log-probabilities made once per dictionary;
* the HMM that cuts runs of single characters (jieba's ``finalseg``) is a
  pure function of the run, so its cuts are remembered: names recur within
  an article and across a corpus.

jieba itself is left untouched (no monkey-patching), so ``jieba.lcut``
stays the baseline it is in ``bench/``.  Words added with ``jieba.add_word``
are seen at the next call; after ``jieba.del_word`` call
``segmenter().reload()``.  The table costs about 30 MB per process.

>>> segment("张店区委书记王强出席签约仪式")
['张店', '区委书记', '王强', '出席', '签约', '仪式']
>>> segment("总投资2.5亿元，年产10万吨") == __import__("jieba").lcut("总投资2.5亿元，年产10万吨")
True
"""

from __future__ import annotations

import functools
from math import log

_HMM_CACHE_MAX = 100_000


class Segmenter:
    """jieba's accurate mode (``cut_all=False, HMM=True``) over ``jieba.dt``'s dictionary."""

    def __init__(self) -> None:
        import jieba
        import jieba.finalseg

        jieba.setLogLevel(60)
        jieba.initialize()
        self._dt = jieba.dt
        self._re_han = jieba.re_han_default
        self._re_skip = jieba.re_skip_default
        self._hmm_cut = jieba.finalseg.cut
        self._hmm_cache: dict[str, list[str]] = {}
        self._seen: tuple[int, int, int] | None = None
        self._logp: dict[str, float | None] = {}
        self._freq: dict[str, int] = {}
        self._default = 0.0

    def _tables(self) -> None:
        """Log-probabilities of the dictionary's words, made again when words were added to
        jieba."""
        dt = self._dt
        seen = (id(dt.FREQ), dt.total, len(dt.FREQ))
        if seen == self._seen:
            return
        logtotal = log(dt.total)
        # jieba scores a word as log(freq or 1) - logtotal; words of frequency 0 are prefixes only
        # (None here); a string not in the table ends the words that start where it starts
        self._logp = {w: (log(f) - logtotal if f else None) for w, f in dt.FREQ.items()}
        self._default = log(1) - logtotal
        self._freq = dt.FREQ
        self._seen = seen

    def reload(self) -> None:
        """Read jieba's dictionary again (after ``jieba.del_word``, which changes neither its
        size nor total)."""
        self._seen = None
        self._hmm_cache.clear()

    def _route(self, s: str) -> list[int]:
        """For each start, the end (exclusive) of the word on the best route (jieba's calc over
        get_DAG)."""
        logp, default = self._logp, self._default
        n = len(s)
        score = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            end = k + 1
            i = k
            p = logp.get(s[k], 1)
            while p != 1:
                if p is not None:
                    # max over (score, x) tuples: ties go to the longer word, as in jieba
                    v = p + score[i + 1]
                    if best is None or v >= best:
                        best, end = v, i + 1
                i += 1
                p = logp.get(s[k:i + 1], 1) if i < n else 1
            if best is None:
                best, end = default + score[k + 1], k + 1
            score[k] = best
            nxt[k] = end
        return nxt

    def _hmm(self, buf: str) -> list[str]:
        got = self._hmm_cache.get(buf)
        if got is None:
            if len(self._hmm_cache) >= _HMM_CACHE_MAX:
                self._hmm_cache.clear()
            got = self._hmm_cache[buf] = list(self._hmm_cut(buf))
        return got

    def _cut_block(self, s: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG`` for one block of Han characters, letters and digits."""
        freq = self._freq
        nxt = self._route(s)
        n = len(s)
        x = 0
        buf = ""
        while x < n:
            y = nxt[x]
            if y - x == 1:
                buf += s[x]
            else:
                if buf:
                    self._flush(buf, freq, out)
                    buf = ""
                out.append(s[x:y])
            x = y
        if buf:
            self._flush(buf, freq, out)

    def _flush(self, buf: str, freq: dict[str, int], out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(self._hmm(buf))
        else:
            out.extend(buf)

    def __call__(self, text: str) -> list[str]:
        self._tables()
        out: list[str] = []
        re_han, re_skip = self._re_han, self._re_skip
        for blk in re_han.split(text):
            if not blk:
                continue
            if re_han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in re_skip.split(blk):
                    if re_skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out


@functools.lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """The process's segmenter (loads jieba's dictionary on first use)."""
    return Segmenter()


def segment(text: str) -> list[str]:
    """The words of ``text``, as ``jieba.lcut(text)`` gives them."""
    return segmenter()(text)
