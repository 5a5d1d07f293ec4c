"""Rebuild the article files of a real dev batch from ``../shared/corpus/articles``.

    python tests/data/real/make_articles.py tests/data/real2 /tmp/real2-articles

The variants and the bytes are :mod:`kg.evaluate.sets`'s (``kg eval --set`` does the same).
"""

import sys
from pathlib import Path

from kg.evaluate.sets import GoldSet

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_articles.py BATCH_DIR OUT_DIR")
    out = GoldSet(Path(sys.argv[1])).materialise(Path(sys.argv[2]))
    for p in sorted(out.iterdir()):
        print(p)
