"""Localisation through Babel: amounts, plurals, units, dates, digits, isolation."""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.l10n import LRI, PDI, Localiser, strip_isolates, to_html
from explainer.model import Amount, Capacity, Timeframe

AR, EN, AR_ARAB = Localiser("ar"), Localiser("en"), Localiser("ar", "arab")


def usd(kind="exact", **kw):
    return Amount(kind=kind, **kw)


@pytest.mark.parametrize(
    "amount, ar, en",
    [
        ("500 billion", "500 مليار دولار", "$500 billion"),
        ("1 billion", "مليار دولار", "$1 billion"),              # one: the noun alone
        ("2 billion", "ملياري دولار", "$2 billion"),              # two: dual, construct state
        ("4 billion", "4 مليارات دولار", "$4 billion"),           # few (3-10)
        ("10 billion", "10 مليارات دولار", "$10 billion"),
        ("38 billion", "38 مليار دولار", "$38 billion"),          # many (11-99)
        ("100 billion", "100 مليار دولار", "$100 billion"),       # other
        ("4.5 billion", "4.5 مليار دولار", "$4.5 billion"),       # decimals are 'other'
        ("350 million", "350 مليون دولار", "$350 million"),
        ("3 million", "3 ملايين دولار", "$3 million"),
        ("1.4 trillion", "1.4 تريليون دولار", "$1.4 trillion"),
        ("3 trillion", "3 تريليونات دولار", "$3 trillion"),
        ("600", "600 دولار", "$600"),
        ("40", "40 دولارًا", "$40"),
    ],
)
def test_money_exact_in_every_plural_category(amount, ar, en):
    assert AR.money(usd(amount=amount)) == ar
    assert EN.money(usd(amount=amount)) == en


def test_babel_plural_categories_drive_the_forms():
    assert [AR.plural(n) for n in (0, 1, 2, 3, 11, 100, 4.5)] == ["zero", "one", "two", "few", "many", "other", "other"]


def test_qualifiers_ranges_and_undisclosed():
    assert AR.money(usd("up-to", amount="100 billion")) == "ما يصل إلى 100 مليار دولار"
    assert EN.money(usd("up-to", amount="100 billion")) == "up to $100 billion"
    assert AR.money(usd("about", amount="1.4 trillion")) == "نحو 1.4 تريليون دولار"
    assert EN.money(usd("more-than", amount="450 billion")) == "more than $450 billion"
    assert AR.money(usd("more-than", amount="450 billion")) == "أكثر من 450 مليار دولار"
    assert AR.money(usd("range", min="50 billion", max="60 billion")) == f"{LRI}50–60{PDI} مليار دولار"
    assert EN.money(usd("range", min="50 billion", max="60 billion")) == "$50–60 billion"
    assert AR.money(usd("undisclosed")) == "لم يُكشف"
    assert EN.money(usd("undisclosed")) == "undisclosed"


def test_capacity_percent_counts():
    assert AR.capacity(Capacity(kind="exact", amount=10)) == "10 غيغاواط"
    assert EN.capacity(Capacity(kind="at-least", amount=10)) == "at least 10 GW"
    assert AR.capacity(Capacity(kind="up-to", amount=750, unit="MW")) == "ما يصل إلى 750 ميغاواط"
    assert AR.quantity(usd("up-to", amount="160 million"), "shares") == "ما يصل إلى 160 مليون سهم"
    assert EN.quantity(usd("up-to", amount="160 million"), "shares") == "up to 160 million shares"
    assert AR.quantity(usd("about", amount=10), "percent") == "نحو 10%"
    assert AR_ARAB.quantity(usd("about", amount=10), "percent") == "نحو ١٠٪"
    assert [AR.count(n, "year") for n in (1, 2, 7, 11, 100)] == ["سنة واحدة", "سنتان", "7 سنوات", "11 سنة", "100 سنة"]
    assert EN.count(1, "deal") == "1 deal" and EN.count(3, "deal") == "3 deals"


def test_dates_and_periods_use_cldr_month_and_quarter_names():
    assert AR.date(dt.date(2025, 10, 6)) == "6 أكتوبر 2025"
    assert EN.date(dt.date(2025, 10, 6)) == "6 October 2025"
    assert AR.period("2026-H2") == "النصف الثاني من 2026"
    assert EN.period("2026-H2") == "H2 2026"
    assert AR.period("2026-Q1") == "الربع الأول من 2026"
    assert EN.period("2026-Q1") == "Q1 2026"
    assert AR.period("2026-03") == "مارس 2026"
    assert AR.timeframe(Timeframe(start="2026-H2", end="2029")) == "من النصف الثاني من 2026 حتى 2029"
    assert EN.timeframe(Timeframe(years=5, start="2027")) == "over five years, from 2027"
    assert AR.timeframe(Timeframe(years=4, start="2025")) == "على مدى أربع سنوات، بدءًا من 2025"
    assert AR.timeframe(Timeframe(years=20)) == "على مدى 20 سنة"
    assert (EN.timeframe(Timeframe(end="2030")), AR.timeframe(Timeframe(end="2030"))) == ("until 2030", "حتى 2030")


def test_arabic_indic_digit_setting_applies_everywhere():
    assert AR_ARAB.money(usd(amount="4.5 billion")) == "٤٫٥ مليار دولار"
    assert AR_ARAB.number(1234567) == "١٬٢٣٤٬٥٦٧"
    assert AR_ARAB.date(dt.date(2025, 10, 6)) == "٦ أكتوبر ٢٠٢٥"
    assert AR_ARAB.period("2026-H2") == "النصف الثاني من ٢٠٢٦"
    # the setting is for the Arabic half only
    assert Localiser("en", "arab").number(1234) == "1,234"


def test_no_stray_bidi_marks_and_isolates_become_bdi():
    for text in (AR.percent(10), AR.date(dt.date(2025, 1, 21)), AR.money(usd(amount="22.4 billion"))):
        assert not set(text) & {"\u200e", "\u200f", "\u061c"}
    html = to_html(AR.money(usd("range", min="50 billion", max="60 billion")))
    assert html == '<bdi dir="ltr">50–60</bdi> مليار دولار'
    assert strip_isolates(AR.money(usd("range", min="50 billion", max="60 billion"))) == "50–60 مليار دولار"
    assert to_html("<script>") == "&lt;script&gt;"
