"""Train the learned components from the gold in the repository.

    python -m kg.learn.train                  # writes the models into kg/models/
    python -m kg.learn.train --without real1  # the same without one gold set (to measure on it)

Three averaged perceptrons (``kg.extract.perceptron``), each deciding where
the rules end:

- ``org_candidates.json``: keep LAC's organisation spans as Company or Org, or drop them
  (``kg.extract.orgcands``);
- ``project_candidates.json``: keep or drop the project names the rules propose
  (``kg.extract.projectfilter``);
- ``investor.json`` and ``located.json``: investor and locatedIn between the entities an article
  names (``kg.extract.pairs``).

Training is deterministic: the gold sets are read in a fixed order, the
examples come in text order, and the perceptron's updates are integers.
The real batches' articles are rebuilt from ``../shared/corpus`` (see
``tests/data/real/README.md``); LAC's tags are cached in ``~/.cache/kg-lac``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.extract import perceptron
from kg.learn.goldspans import Example, examples
from kg.learn.sets import articles_dir, gold_dir

# Every gold set whose first-run score has been recorded (sealed batches stay out).
TRAIN_SETS = ("gold", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
              "heldout7", "real0", "real1")
REAL_WEIGHT = 10  # real articles count this many times for the project filter (rules fit the rest)
EPOCHS = {"org_candidates": 20, "project_candidates": 10, "investor": 10, "located": 10}
MODELS = Path(__file__).resolve().parents[1] / "models"


def _forms(entity: dict) -> set[str]:
    """The simplified forms of a gold entity: its name and aliases, without white space."""
    from kg.learn.goldspans import simplified

    return {simplified("".join(f.split())) for f in [entity["name"], *entity.get("aliases", [])]}


def load(names) -> list[Example]:
    out = []
    for n in names:
        out.extend(examples(gold_dir(n), articles_dir(n)))
    return out


def org_examples(names) -> list[tuple[list[str], str]]:
    """Features and gold labels of LAC's ORG spans over the gold sets ``names``."""
    from kg.extract import orgcands
    from kg.learn.lacdata import tag_sentences

    out = []
    fam = {"Company": "Company", "Org": "Org"}
    for ex in load(names):
        gold = {(s, e): fam.get(f, "O") for s, e, f in ex.spans}
        text = ex.doc.text
        sents = [s for s in ex.doc.sentences if s.text.strip()]
        tagged_all = tag_sentences([s.text for s in sents])
        cands = []
        for sent, tagged in zip(sents, tagged_all, strict=True):
            for s, e, k in orgcands.org_spans(tagged, sent.start):
                cands.append((s, e, k, tagged))
        counts = {}
        for s, e, _, _ in cands:
            counts[text[s:e]] = counts.get(text[s:e], 0) + 1
        for s, e, k, tagged in cands:
            name = text[s:e]
            feats = orgcands.features(text, s, e, tagged, k, orgcands.classes(name), counts[name])
            out.append((feats, gold.get((s, e), "O")))
    return out


def _gold_context(ex: Example):
    from kg.extract.pairs import Context, Named
    from kg.learn.goldspans import entity_mentions, simplified

    spans = entity_mentions(ex.doc, ex.gold)
    named = {}
    for e in ex.gold["entities"]:
        forms = tuple(sorted(_forms(e)))
        named[e["id"]] = Named(e["type"], simplified(e["name"]), forms, spans[e["id"]])
    ents = [n for n in named.values() if n.spans]
    ctx = Context(ex.doc.text, [s.start for s in ex.doc.sentences], ents)
    return ctx, named


def pair_examples(names) -> tuple[list, list]:
    """(investor examples, locatedIn examples) from the gold sets ``names``."""
    from kg.extract import pairs as P

    inv, loc = [], []
    for ex in load(names):
        ctx, named = _gold_context(ex)
        rels = {(r["s"], r["p"], r.get("o")) for r in ex.gold["relations"]}
        ids = {id(n): k for k, n in named.items()}
        cand_inv, cand_loc = P.pairs(ctx)
        for p, c in cand_inv:
            y = "yes" if (ids[id(p)], "investor", ids[id(c)]) in rels else "O"
            inv.append((P.investor_features(ctx, p, c), y))
        for e, r in cand_loc:
            y = "yes" if (ids[id(e)], "locatedIn", ids[id(r)]) in rels else "O"
            loc.append((P.located_features(ctx, e, r), y))
    return inv, loc


def project_examples(names) -> list:
    """Features and labels of the project names the rules propose on the gold sets ``names``."""
    from kg.extract import projectfilter
    from kg.pipeline import DEFAULT_PIPELINE, Pipeline
    from kg.read import read_document

    upto = Pipeline(DEFAULT_PIPELINE[:DEFAULT_PIPELINE.index("projects") + 1])
    out = []
    for ex in load(names):
        doc = upto(read_document(ex.doc.path))
        gold = set()
        for e in ex.gold["entities"]:
            if e["type"] == "Project":
                gold |= _forms(e)
        for name, (spans, inner) in sorted(projectfilter.candidates(doc).items()):
            forms = {name} | {doc.text[s:e] for s, e in spans}
            feats = projectfilter.features(doc, name, sorted(spans), inner)
            out.append((feats, "yes" if forms & gold else "O"))
    return out



def _write(model: perceptron.Model, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n", "utf-8")


def train_all(names, out: Path) -> None:
    """Train every model on the gold sets ``names`` into folder ``out``."""
    orgs = org_examples(names)
    _write(perceptron.train(orgs, EPOCHS["org_candidates"]), out / "org_candidates.json")
    projects = []
    for n in names:
        projects += project_examples([n]) * (REAL_WEIGHT if n.startswith("real") else 1)
    model = perceptron.train(projects, EPOCHS["project_candidates"])
    _write(model, out / "project_candidates.json")
    inv, loc = pair_examples(names)
    _write(perceptron.train(inv, EPOCHS["investor"]), out / "investor.json")
    _write(perceptron.train(loc, EPOCHS["located"]), out / "located.json")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--without", action="append", default=[], metavar="SET",
                    help="leave this gold set out (repeatable)")
    ap.add_argument("--out", type=Path, default=MODELS,
                    help="folder for the models (default kg/models)")
    args = ap.parse_args(argv)
    names = [n for n in TRAIN_SETS if n not in args.without]
    train_all(names, args.out)
    print(f"trained on {', '.join(names)} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
