"""A real-shaped corpus for the scale benchmarks: the real articles, replicated.

A city's news over a year names the same districts, bodies, officials and
companies in hundreds of articles.  This corpus takes every article of
``../shared/corpus/articles`` (2,863 real 2011 articles, in file-name order; ``$KG_SHARED/corpus/articles`` where set)
and deals them out in turn until there are ``n`` files: file ``i`` is source
article ``i mod N`` in its copy ``i // N``.  Each copy after the first is
made unique (its title line gets a ``（第k稿）`` suffix, so its digest and
article IRI differ) while its entities, facts and posts recur exactly as in
the original; the sources themselves already repeat each other's places,
bodies and companies, as a real feed does.  10k files are 3.5 copies of each
source, 100k files 35.

The corpus is written outside the repository (default: ``$TMPDIR/kg-bench-real/corpus``)
in folders of 1,000 files, with :mod:`make_corpus`'s folders and resumable writer: the first 1k, 10k or 100k
articles are the first 1, 10 or 100 folders.  File ``i`` depends only on ``i``
and the sources, and the writer resumes where it stopped.  No corpus text enters
the repository.

    .venv/bin/python bench/real_corpus.py /tmp/kg-bench-real/corpus 10000

>>> titled("标题\\n正文", 0), titled("标题\\n正文", 3)
('标题\\n正文', '标题（第3稿）\\n正文')
>>> real_path(Path("c"), 1234).as_posix()
'c/00001/r0001234.txt'
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import PER_FOLDER, write_missing  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(os.environ.get("KG_SHARED") or ROOT.parent / "shared") / "corpus" / "articles"
DEFAULT_DIR = Path(tempfile.gettempdir()) / "kg-bench-real"


def titled(text: str, copy: int) -> str:
    """The article with its first line (the title) marked as copy number ``copy`` (0: as is)."""
    if copy == 0:
        return text
    first, sep, rest = text.partition("\n")
    return f"{first.rstrip()}（第{copy}稿）{sep}{rest}"


def real_path(root: Path, i: int) -> Path:
    return root / f"{i // PER_FOLDER:05d}" / f"r{i:07d}.txt"


def sources(folder: Path = SOURCES) -> list[Path]:
    found = sorted(folder.glob("*.txt"))
    if not found:
        raise SystemExit(f"{folder}: no articles (the real corpus lies in ../shared/corpus)")
    return found


def make_real_corpus(root: Path, n: int, source_dir: Path = SOURCES, quiet: bool = False) -> int:
    """Write files 0..n-1 under ``root`` that are not there yet; return how many were written."""
    src = sources(source_dir)
    texts: dict[int, str] = {}

    def text_of(i: int) -> str:
        k = i % len(src)
        if k not in texts:
            texts[k] = src[k].read_text(encoding="utf-8")
        return titled(texts[k], i // len(src))

    return write_missing(n, lambda i: real_path(root, i), text_of, quiet)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--sources", type=Path, default=SOURCES)
    args = ap.parse_args(argv)
    print(make_real_corpus(args.root, args.n, args.sources), "files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
