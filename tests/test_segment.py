"""kg.segment gives jieba.lcut's words, word for word."""

from pathlib import Path

import jieba
import pytest

from kg.normalise import normalise
from kg.read import read_document
from kg.segment import Segmenter, segment

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "seeds").glob("*")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))

ODD = [
    "",
    " ",
    "\r\n\r\n",
    "　全角空格　",
    "ABC公司2024年Q3营收+12.5%，同比增长",
    "C++与C#开发者&设计师_2.0版-测试",
    "總投資50億元的新能源項目在張店區簽約",  # traditional script
    "龘龘龘靐齉",  # characters jieba has never seen
    "王小二李四张三丰",  # a run of names: the HMM cuts it
    "。。。！！？？",
    "2026年11月23日上午，市委书记王强调研",
    "a b\tc\nd",
]


def test_odd_strings_match_jieba():
    for text in ODD:
        assert segment(text) == jieba.lcut(text), text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_articles_match_jieba_sentence_by_sentence(path):
    doc = read_document(path)
    normalise(doc)
    lines = [line for line in doc.text.splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert segment(line) == jieba.lcut(line)
    assert segment(doc.text) == jieba.lcut(doc.text)


def test_hmm_cache_gives_the_same_words_twice():
    seg = Segmenter()
    text = "记者从高新区获悉，由罗霄霆牵头的鑫垚瑞科技项目开工"
    first = seg(text)
    assert seg._hmm_cache  # the run of unknown characters went through the HMM and was remembered
    assert seg(text) == first == jieba.lcut(text)


def test_words_added_to_jieba_are_seen():
    seg = Segmenter()
    word = "鑫垚瑞科技"
    assert word not in seg("鑫垚瑞科技有限公司")
    jieba.add_word(word, freq=10_000)
    try:
        assert word in seg("鑫垚瑞科技有限公司")
        assert seg("鑫垚瑞科技有限公司") == jieba.lcut("鑫垚瑞科技有限公司")
    finally:
        jieba.del_word(word)
    seg.reload()
    assert seg("鑫垚瑞科技有限公司") == jieba.lcut("鑫垚瑞科技有限公司")
