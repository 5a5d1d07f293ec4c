"""Project candidates kept or dropped by a learned classifier.

The project rules propose names by their shape (an ending such as 项目,
工程, 生产线 or a facility word, a start found by the name rules).  On real
news a good part of what they propose is a generic phrase (大型新能源项目,
新签合同项目, 上述募投项目) or a fragment.  A perceptron trained on the gold
in the repository (``python -m kg.learn.train``) looks at each distinct
project name of an article -- its first and last characters and words, a
figure or capacity in it, a company or place inside it, the words before its
mentions -- and drops the ones that are not projects.
"""

from __future__ import annotations

import re

from kg.components import component
from kg.extract import perceptron
from kg.extract.mentions import rail_lines
from kg.lexicons import alternation
from kg.model import REGION_TYPES, Document
from kg.segment import segment

# score(yes) - score(no) at or below which a name is dropped: chosen on real0/real1, each left out
MARGIN = 2.0

_CAPACITY = re.compile(r"\d[\d.]*\s*(?:" + alternation("capacity_units") + ")")
_DIGIT = re.compile(r"\d")
# 投资2亿元建设X / 总投资5000万元兴建X: a sum invested in building what follows
_FUNDED = re.compile(r"投资[\d.]+[万亿]*(?:元|美元)(?:用于|来|,|，)?(?:建设|兴建|新建|建|打造)$")


def features(doc: Document, name: str, spans: list[tuple[int, int]],
             inner_types: set[str]) -> list[str]:
    """The features of project name ``name``, named at ``spans``, with mentions of
    ``inner_types`` inside it."""
    words = segment(name)
    f = ["bias", f"first1={name[0]}", f"first2={name[:2]}", f"last2={name[-2:]}",
         f"last3={name[-3:]}", f"len={min(len(name) // 2, 8)}", f"w0={words[0]}",
         f"nwords={min(len(words), 6)}"]
    if len(words) >= 2:
        f.append(f"wlast-1={words[-2]}")
    if _CAPACITY.search(name):
        f.append("capacity")
    elif _DIGIT.search(name):
        f.append("digit")
    if re.search(r"[A-Za-z]", name):
        f.append("latin")
    if "至" in name:
        f.append("route")
    f.extend(f"inner={t}" for t in sorted(inner_types))
    if len(spans) > 1:
        f.append("repeated")
    for s, _ in spans[:3]:
        before = doc.text[max(0, s - 2):s]
        f.append(f"before1={before[-1:] or '^'}")
        f.append(f"before2={before}")
        if _FUNDED.search(doc.text, max(0, s - 16), s):
            f.append("funded")
    return f


def model() -> perceptron.Model:
    return perceptron.load("project_candidates")


def candidates(doc: Document) -> dict[str, tuple[list[tuple[int, int]], set[str]]]:
    """Project name -> (its spans, the types of other mentions inside them), but for the railway
    lines named by their end points, which the filter does not judge."""
    out: dict[str, tuple[list[tuple[int, int]], set[str]]] = {}
    others = [m for m in doc.mentions if m.type != "Project"]
    # a railway line named by its end points (京沪线) has a shape of its own that the rules check
    unjudged = {name for _, name in rail_lines(doc)}
    for m in doc.mentions:
        if m.type != "Project" or m.name in unjudged:
            continue
        spans, inner = out.setdefault(m.name, ([], set()))
        spans.append((m.start, m.end))
        for o in others:
            if m.start <= o.start and o.end <= m.end:
                inner.add("Region" if o.type in REGION_TYPES else o.type)
    return out


@component("project_filter", requires=("sentences",))
def project_filter(doc: Document) -> None:
    """Drop the project names the classifier rejects, with their facts."""
    drop = set()
    for name, (spans, inner) in sorted(candidates(doc).items()):
        sc = perceptron.scores(model(), features(doc, name, sorted(spans), inner))
        if sc.get("yes", 0.0) - sc.get("O", 0.0) <= MARGIN:
            drop.add(name)
    if not drop:
        return
    doc.mentions[:] = [m for m in doc.mentions if not (m.type == "Project" and m.name in drop)]
    gone = {("Project", n) for n in drop}
    doc.facts[:] = [f for f in doc.facts if f.subject not in gone and f.obj not in gone]
