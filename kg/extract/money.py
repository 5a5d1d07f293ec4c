"""Amounts of money as written in Chinese news: ``总投资98.2亿元``, ``三千五百万元``, ``2亿美元``.

>>> parse_money("总投资超过2亿美元")
Money(value=200000000.0, currency='USD')
>>> parse_money("三千五百万元")
Money(value=35000000.0, currency='CNY')
"""

from __future__ import annotations

import re

from kg.lexicons import alternation, mapping
from kg.model import Money

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


_MULT = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}


_CURRENCY = mapping("currencies")


# A Chinese numeral may hold its own 万 and 亿 sections (四亿五千万, 一亿两千万); it starts with a
# digit or a unit below 万 (千万元 is 1000 x 万).
_NUM = r"\d+(?:[.,]\d+)*|[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*"


MONEY = re.compile(
    r"(?P<num>" + _NUM + r")\s*(?P<mult>万亿|千亿|百亿|亿|千万|百万|十万|万)?\s*"
    f"(?P<cur>{alternation('currencies', keys=True)})"
)


def chinese_number(s: str) -> float | None:
    """Value of a Chinese numeral, with its 万 and 亿 sections: ``三千五百`` -> 3500.

    >>> chinese_number("三千五百"), chinese_number("十二"), chinese_number("二〇")
    (3500.0, 12.0, 20.0)
    >>> chinese_number("四亿五千万"), chinese_number("一亿两千万"), chinese_number("一万亿")
    (450000000.0, 120000000.0, 1000000000000.0)
    """
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if unit in s:
            high, _, low = s.partition(unit)
            top = chinese_number(high) if high else 1.0
            rest = chinese_number(low) if low else 0.0
            if top is None or rest is None:
                return None
            return top * size + rest
    return _below_ten_thousand(s)


def _below_ten_thousand(s: str) -> float | None:
    """Value of a numeral without 万/亿: digits with 十/百/千, or digit by digit (``二〇``)."""
    if not s:
        return None
    if all(c in _CN_DIGITS for c in s):  # digit by digit: 二〇 -> 20
        return float("".join(str(_CN_DIGITS[c]) for c in s))
    total, digit = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[c]
            digit = 0
        else:
            return None
    return float(total + digit)


def parse_money(text: str) -> Money | None:
    """The first amount of money in ``text``, in whole units with an ISO currency.

    >>> parse_money("36018万元"), parse_money("约1.5万亿元").value
    (Money(value=360180000.0, currency='CNY'), 1500000000000.0)
    >>> parse_money("8000万美元").currency
    'USD'
    >>> parse_money("没有金额") is None
    True
    """
    m = MONEY.search(text)
    return money_of(m) if m else None


def money_of(m: re.Match[str]) -> Money | None:
    """The :class:`Money` of a :data:`MONEY` match."""
    num = m.group("num")
    if num[0].isdigit():
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            return None
    else:
        v = chinese_number(num)
        if v is None:
            return None
        value = v
    value *= _MULT.get(m.group("mult") or "", 1)
    return Money(round(value, 2), _CURRENCY[m.group("cur")])
