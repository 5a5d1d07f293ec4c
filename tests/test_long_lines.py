"""Long lines: a run without sentence punctuation is cut into windows, a long text is read in
blocks, and the work grows with the length of the text, not with its square (issue 15, 16).

The texts are the seeds with their sentence punctuation and line breaks taken out, repeated:
real prose that never ends a sentence.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kg.model import Document
from kg.pipeline import DEFAULT_PIPELINE, MAX_BLOCK, Pipeline, blocks
from kg.resolve import resolve
from kg.sentences import MAX_SENTENCE

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_SENTENCE_END = re.compile(r"[。！？!?；;\s]+")


def one_line(chars: int, keep_punctuation: bool = False) -> str:
    """``chars`` characters of the seeds on one line (without sentence punctuation unless
    ``keep_punctuation``)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if keep_punctuation:
        texts = [re.sub(r"\s+", "", t) for t in texts]
    else:
        texts = [_SENTENCE_END.sub("", t) for t in texts]
    out = "".join(texts)
    while len(out) < chars:
        out += out
    return out[:chars]


@pytest.fixture(scope="module")
def no_lac() -> Pipeline:
    """The default pipeline without the statistical tagger (linear already, and slow)."""
    return Pipeline([n for n in DEFAULT_PIPELINE if not n.startswith("lac")])


def test_a_run_without_punctuation_is_cut_into_windows() -> None:
    text = one_line(5_000)
    doc = Pipeline(["normalise", "sentences"])(Document(path="a", name="a", raw=text))
    assert len(doc.sentences) >= 5_000 // MAX_SENTENCE
    assert all(len(s.text) <= MAX_SENTENCE for s in doc.sentences)
    # nothing lost: the windows follow each other with at most spaces between them
    assert doc.sentences[0].start == 0 and doc.sentences[-1].end == len(doc.text)
    assert all(not doc.text[a.end:b.start].strip()
               for a, b in zip(doc.sentences, doc.sentences[1:], strict=False))
    # and most end after a comma
    commas = sum(s.text[-1] in "，,、；;：:" for s in doc.sentences[:-1])
    assert commas >= len(doc.sentences) // 2


@pytest.mark.slow
def test_a_long_text_is_read_in_blocks(no_lac: Pipeline) -> None:
    text = one_line(3 * MAX_BLOCK, keep_punctuation=True)
    doc = no_lac(Document(path="a", name="a", raw=text))
    spans = blocks(doc)
    assert len(spans) >= 3 and all(hi - lo <= MAX_BLOCK for lo, hi, _ in spans)
    # what the blocks found is in the document's positions
    assert doc.mentions and all(0 <= m.start < m.end <= len(doc.text) for m in doc.mentions)
    named = [m for m in doc.mentions if m.type == "Person"]
    assert named and all(doc.text[m.start:m.end] in m.name or m.name in doc.text[m.start:m.end]
                         for m in named)
    assert all(f.sentence is None or 0 <= f.sentence < len(doc.sentences) for f in doc.facts)
    late = [m for m in doc.mentions if m.start > 2 * MAX_BLOCK]
    assert late, "the last block was read"
    assert resolve(doc).entities


def _cpu(pipeline: Pipeline, chars: int) -> float:
    """CPU seconds of ``pipeline`` over a one-line text of ``chars`` characters."""
    doc = Document(path="a", name="a", raw=one_line(chars))
    t = time.process_time()
    resolve(pipeline(doc))
    return time.process_time() - t


@pytest.mark.slow
def test_the_extractors_grow_with_the_length_not_its_square(no_lac: Pipeline) -> None:
    """Without the tagger, 160 K characters of one line cost about 4 times 40 K (on main,
    where the text was one document, 25 K took 2.8 CPU seconds and 100 K 96: 35 times)."""
    no_lac(Document(path="w", name="w", raw=one_line(2_000)))  # load the lexicons
    small, large = _cpu(no_lac, 2 * MAX_BLOCK), _cpu(no_lac, 8 * MAX_BLOCK)
    assert large < 7 * small, (small, large)


@pytest.mark.slow
def test_the_time_of_a_long_line_grows_linearly() -> None:
    """The whole pipeline (with the statistical tagger) over 50 K and 200 K characters of one
    line: about 4 times the time (on main it grew with the square of the length)."""
    pipeline = Pipeline()
    pipeline(Document(path="w", name="w", raw=one_line(2_000)))  # load the models
    small, large = _cpu(pipeline, 50_000), _cpu(pipeline, 200_000)
    assert large < 7 * small, (small, large)


def test_lac_orgs_tags_sentences_but_not_the_windows_of_a_run(monkeypatch) -> None:
    """LAC (``lac_orgs``) reads every sentence of an ordinary text, and none of the windows a
    run without sentence punctuation is cut into; the rules still read those."""
    from kg.extract import orgcands

    seen: list[str] = []

    class Spy:
        def run(self, texts):
            seen.extend(texts)
            return [[(t, "n")] for t in texts]

    monkeypatch.setattr(orgcands, "lac_model", lambda: Spy())
    pipe = Pipeline(["normalise", "metadata", "sentences", "lac_orgs"])
    prose = "星河电子与远山集团签约。双方将合作建设新工厂\n项目明年投产"
    pipe(Document(path="a.txt", name="a.txt", raw=prose))
    assert seen == ["星河电子与远山集团签约。", "双方将合作建设新工厂", "项目明年投产"]
    seen.clear()
    run = "，".join(["星河电子与远山集团签约"] * 60)  # 659 characters, no sentence end
    doc = pipe(Document(path="b.txt", name="b.txt", raw="标题\n" + run + "\n后记。"))
    assert len(doc.sentences) == 4  # the title, two windows of the run, the last line
    assert seen == ["标题", "后记。"]
