"""Investment amounts of projects: totalInvestment (facts of the values extractor).

An investment amount (``总投资98.2亿元``, ``投资超过2亿美元``) goes to the one
project its sentence is about (or that ``该项目`` refers to); never to a sum
over several projects (``总投资98.2亿元的5个项目``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.mentions import names_by_sentence
from kg.extract.money import MONEY, money_of
from kg.extract.text import clause_at
from kg.lexicons import alternation
from kg.model import Document, Fact, Money, Sentence

# an investment figure: the cue right before the amount
_INVEST_CUE = re.compile(
    f"(?:{alternation('value_investment_cues')})"
    r"(?:额|规模)?(?:初步|估计|估算|预计|将|会|约|为|达到?|超过|超|逾|近|高达|共计|合计){0,4}"
    r"\s*(?:人民币|RMB)?\s*$"
)


_NOT_TOTAL = re.compile(f"(?:{alternation('value_not_total_words')})(?:计划)?投资")


# a count of projects (5个项目, 两大工程, 等项目): a figure near it is a sum; not a count of other
# things (全线3个工程标段, 13座桥梁)
_COUNTED = re.compile(r"(?:\d+|[一二两三四五六七八九十几多]+)[个项大][^，,。；;\d]{0,8}?"
                      r"(?:项目|工程)(?!标段|师|队|部)|等项目|等\d+个|批项目|项目群")


_COREF = re.compile(alternation("value_project_references"))


def _investment_figures(doc: Document, sent: Sentence) -> Iterator[tuple[re.Match[str], Money]]:
    """Each amount of ``sent`` written as an investment figure (总投资X, not 累计完成投资X), with
    its value."""
    for m in MONEY.finditer(doc.text, sent.start, sent.end):
        before = doc.text[max(sent.start, m.start() - 16):m.start()]
        if not _INVEST_CUE.search(before) or _NOT_TOTAL.search(before):
            continue
        money = money_of(m)
        if money and money.value > 0:
            yield m, money


def add_investments(doc: Document) -> None:
    last: list[str] = []
    by_sentence = names_by_sentence(doc, "Project")
    for sent in doc.sentences:
        projects = by_sentence.get(sent.index, [])
        for _m, money in _investment_figures(doc, sent):
            if _COUNTED.search(sent.text):
                continue
            targets = projects
            if not targets and _COREF.search(sent.text) and len(last) == 1:
                targets = last
            if len(targets) == 1:
                doc.facts.append(Fact(("Project", targets[0]), "totalInvestment", money, "values",
                                      sentence=sent.index))
        if len(projects) > 1 or projects and _COUNTED.search(sent.text):
            _local_investments(doc, sent)
        if projects:
            last = projects


_OF = re.compile(r"(?:建设|兴建|新建|打造)?的")


_PARTITIVE = re.compile(r"(?:\d+|[一二两三四五六七八九十几多]+)个(?:重点|重大)?项目中")


def _local_investments(doc: Document, sent: Sentence) -> None:
    """Amounts in a sentence about several projects, each paired with its own project.

    ``投资20亿元的A项目，投资8.5亿元的B项目`` gives each amount to the project
    right after ``的``; otherwise an amount goes to the one project of its
    ``；``-separated part of the sentence (``A项目总投资15亿元，…；B工程由…投资1.5亿元建设``),
    never to a sum (``2个项目总投资``), which the counted words rule out.

    >>> from kg.model import Mention
    >>> from kg.sentences import split_sentences
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="甲公司投资2亿元的A项目，乙公司投资3亿元的B项目。"))
    >>> d.mentions = [Mention("Project", "A项目", 9, 12, "t"),
    ...     Mention("Project", "B项目", 22, 25, "t")]
    >>> _local_investments(d, d.sentences[0])
    >>> [(f.subject[1], f.obj.value) for f in d.facts]
    [('A项目', 200000000.0), ('B项目', 300000000.0)]
    >>> d = split_sentences(Document(path="a", name="a", raw="",
    ...     text="包括投资2亿元的A项目、投资3亿元的B项目等9个。"))
    >>> d.mentions = [Mention("Project", "A项目", 8, 11, "t"),
    ...     Mention("Project", "B项目", 18, 21, "t")]
    >>> _local_investments(d, d.sentences[0])
    >>> [(f.subject[1], f.obj.value) for f in d.facts]
    [('A项目', 200000000.0), ('B项目', 300000000.0)]
    """
    text = doc.text
    spans = sorted((m.start, m.end, m.name) for m in doc.mentions
                   if m.type == "Project" and sent.start <= m.start < sent.end)
    have = {f.subject for f in doc.facts if f.predicate == "totalInvestment"}
    figures = list(_investment_figures(doc, sent))
    # 投资15亿元的A项目、投资8亿元的B项目等40个: each item has its own figure
    own = sum(1 for m, _ in figures if (of := _OF.match(text, m.end()))
              and any(s == of.end() for s, _e, _n in spans)) >= 2
    for m, money in figures:
        target = None
        of = _OF.match(text, m.end())
        # 投资20亿元的A项目: the project named right after, unless it heads a list
        # (的A项目、B等6个项目)
        if of:
            hit = next(((e, name) for s, e, name in spans if s == of.end()), None)
            if hit:
                conj = re.match(r"和|及|与|以及", text[hit[0]:hit[0] + 2])
                listed = text[hit[0]:hit[0] + 1] in ("、", "等") or conj is not None and any(
                    s == hit[0] + conj.end() for s, _e, _n in spans)
                target = None if listed and not own else hit[1]
        else:  # the one project of this ；-part of the sentence
            a, b = clause_at(doc, sent, m.start(), "；;")
            names = {name for s, _e, name in spans if a <= s < b}
            if len(names) == 1 and not _COUNTED.search(_PARTITIVE.sub("", text[a:b])):
                target = names.pop()
        if target and ("Project", target) not in have:
            have.add(("Project", target))
            doc.facts.append(
                Fact(("Project", target), "totalInvestment", money, "values", sentence=sent.index)
            )
