"""Choose the articles of new real dev batches from ``../shared/corpus/articles``.

    python tests/data/real/select_batches.py --seed 20261207-real5-6 real5 real6   # reproduces them

Every file already in a batch (``tests/data/real*/articles.tsv``) or in
``../shared/gold-real/batch0`` is left out.  Of the rest (300-5,000 characters), each batch
takes 17 articles about investment, projects or zones (at least six hits of a keyword list),
drawn from the corpus's sections in proportion to their size, and 4 other articles (a section
in turn), then gives them variants: 3 traditional, 1 Big5, 4 HTML, 1 GBK HTML, 12 plain.
Writes ``tests/data/NAME/articles.tsv`` for each batch; the articles are then annotated blind.
"""

import argparse
import csv
import os
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
SHARED = Path(os.environ.get("KG_SHARED") or DATA.parent.parent.parent / "shared")
KEYWORDS = ["项目", "投资", "开工", "签约", "园区", "开发区", "竣工", "亿元", "落户", "投产",
            "区委", "县委"]
VARIANTS = ["trad"] * 3 + ["trad-big5"] + ["html"] * 4 + ["html-gbk"] + ["plain"] * 12


def used() -> set[str]:
    names = {p.name for p in (SHARED / "gold-real" / "batch0" / "articles").glob("*.txt")}
    for tsv in DATA.glob("real*/articles.tsv"):
        names |= {line.split("\t")[0] for line in tsv.read_text().splitlines()
                  if line and not line.startswith("#")}
    return names


def pools(rng: random.Random) -> tuple[dict, dict]:
    corpus = SHARED / "corpus" / "articles"
    rows = list(csv.reader(open(SHARED / "corpus" / "SOURCES.tsv", encoding="utf-8"),
                           delimiter="\t"))[1:]
    skip = used()
    about, other = {}, {}
    for row in rows:
        name, section = row[0], row[8]
        if name in skip:
            continue
        text = (corpus / name).read_text(encoding="utf-8")
        if not 300 <= len(text) <= 5000:
            continue
        hits = sum(text.count(k) for k in KEYWORDS)
        (about if hits >= 6 else other).setdefault(section, []).append(name)
    for d in (about, other):
        for k in d:
            d[k].sort()
            rng.shuffle(d[k])
    return about, other


def proportional(d: dict, n: int) -> list[str]:
    total = sum(len(v) for v in d.values())
    order = sorted(d, key=lambda s: -len(d[s]))
    quota = {s: max(1, round(n * len(d[s]) / total)) for s in order}
    while sum(quota.values()) > n:
        quota[order[0]] -= 1
    while sum(quota.values()) < n:
        quota[order[0]] += 1
    return [d[s].pop() for s in order for _ in range(min(quota[s], len(d[s])))]


def in_turn(d: dict, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n and any(d.values()):
        for s in sorted(d):
            if d[s] and len(out) < n:
                out.append(d[s].pop())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", required=True)
    ap.add_argument("names", nargs="+")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    about, other = pools(rng)
    chosen = {}
    for name in args.names:
        files = sorted(proportional(about, 17) + in_turn(other, 4))
        variants = list(VARIANTS)
        rng.shuffle(variants)
        chosen[name] = list(zip(files, variants, strict=True))
    for name, rows in chosen.items():
        folder = DATA / name
        folder.mkdir(exist_ok=True)
        (folder / "articles.tsv").write_text(
            "# file\tvariant (see tests/data/real/make_articles.py)\n"
            + "".join(f"{f}\t{v}\n" for f, v in rows))
        print(folder / "articles.tsv")


if __name__ == "__main__":
    main()
