"""Localisation: every number, amount, date, period and plural a reader sees.

Built on Babel (CLDR): numbers, percent signs, month and quarter names, plural
categories and digits all come from CLDR through Babel. The words around them
("billion", "مليار", "up to", "ما يصل إلى") are press conventions kept in the tables
below, one per language, and chosen by CLDR's plural category.

Output is plain text. Where the Unicode bidi algorithm alone would scramble
an Arabic line, the text carries isolates: LRI ... PDI around a left-to-right
run (a range such as 50–60), FSI ... PDI around a run of unknown direction.
`to_html()` turns them into <bdi> elements; `strip_isolates()` removes them
for data files.

Decimals and Arabic plurals: CLDR gives any number with a visible fraction
the category "other" (4.5 -> other), so "4.5 مليار دولار" takes the same
form as "100 مليار دولار". For a range the upper bound decides the form.
In Arabic, one and two are carried by the noun itself, as the press writes
them: "مليار دولار", "ملياري دولار" (not "1 مليار", "2 مليار").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from babel import Locale, dates, numbers
from markupsafe import Markup, escape

from .model import Amount, Capacity, Timeframe

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"), None)

SCALES = [
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
]

# Arabic noun forms by CLDR plural category. "{n}" marks where the number goes;
# one and two omit it, as Arabic does.
AR_NOUNS: dict[str, dict[str, str]] = {
    "trillion": {"one": "تريليون", "two": "تريليونا", "few": "{n} تريليونات", "many": "{n} تريليون", "other": "{n} تريليون"},
    "billion": {"one": "مليار", "two": "مليارا", "few": "{n} مليارات", "many": "{n} مليار", "other": "{n} مليار"},
    "million": {"one": "مليون", "two": "مليونا", "few": "{n} ملايين", "many": "{n} مليون", "other": "{n} مليون"},
    "dollar": {"one": "دولار واحد", "two": "دولاران", "few": "{n} دولارات", "many": "{n} دولارًا", "other": "{n} دولار"},
    "share": {"one": "سهم واحد", "two": "سهمان", "few": "{n} أسهم", "many": "{n} سهمًا", "other": "{n} سهم"},
    "gpu": {"one": "وحدة معالجة رسومات واحدة", "two": "وحدتا معالجة رسومات", "few": "{n} وحدات معالجة رسومات", "many": "{n} وحدة معالجة رسومات", "other": "{n} وحدة معالجة رسومات"},
    "year": {"one": "سنة واحدة", "two": "سنتان", "few": "{n} سنوات", "many": "{n} سنة", "other": "{n} سنة"},
    "deal": {"one": "صفقة واحدة", "two": "صفقتان", "few": "{n} صفقات", "many": "{n} صفقة", "other": "{n} صفقة"},
    "company": {"one": "شركة واحدة", "two": "شركتان", "few": "{n} شركات", "many": "{n} شركة", "other": "{n} شركة"},
    "term": {"one": "مصطلح واحد", "two": "مصطلحان", "few": "{n} مصطلحات", "many": "{n} مصطلحًا", "other": "{n} مصطلح"},
    "source": {"one": "مصدر واحد", "two": "مصدران", "few": "{n} مصادر", "many": "{n} مصدرًا", "other": "{n} مصدر"},
}
# CLDR's "zero" category (the number 0 itself) takes the "other" form: "0 دولار".
for _forms in AR_NOUNS.values():
    _forms.setdefault("zero", _forms["other"])
# In Arabic a scale word followed by "دولار" is in the construct state: the dual
# loses its nun ("ملياري دولار"), other forms are unchanged.
AR_CONSTRUCT_DUAL = {"تريليونا": "تريليوني", "مليارا": "ملياري", "مليونا": "مليوني"}
AR_DUAL_FREE = {"تريليونا": "تريليونان", "مليارا": "ملياران", "مليونا": "مليونان"}

# Grammatical gender of each counted Arabic noun in the singular: from three to ten the
# number takes the opposite gender ("ثلاث صفقات", "ثلاثة مصادر").
AR_GENDER = {"deal": "f", "company": "f", "year": "f", "gpu": "f", "term": "m", "source": "m", "share": "m"}
# Three to ten in words, as used before a feminine noun (the short form) and a masculine one.
AR_WORDS = {
    3: ("ثلاث", "ثلاثة"), 4: ("أربع", "أربعة"), 5: ("خمس", "خمسة"), 6: ("ست", "ستة"),
    7: ("سبع", "سبعة"), 8: ("ثماني", "ثمانية"), 9: ("تسع", "تسعة"), 10: ("عشر", "عشرة"),
}
EN_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}

EN_NOUNS: dict[str, tuple[str, str]] = {
    "share": ("share", "shares"),
    "gpu": ("GPU", "GPUs"),
    "year": ("year", "years"),
    "deal": ("deal", "deals"),
    "company": ("company", "companies"),
    "term": ("term", "terms"),
    "source": ("source", "sources"),
}

QUALIFIERS = {
    "en": {"exact": "{}", "about": "about {}", "up-to": "up to {}", "at-least": "at least {}", "more-than": "more than {}"},
    "ar": {"exact": "{}", "about": "نحو {}", "up-to": "ما يصل إلى {}", "at-least": "ما لا يقل عن {}", "more-than": "أكثر من {}"},
}
PUNCTUATION = {"ar": ("، ", "؛ "), "en": (", ", "; ")}  # list comma, semicolon
UNDISCLOSED = {"en": "undisclosed", "ar": "لم يُكشف"}  # impersonal: reads after المبلغ and القيمة alike
HALVES = {
    "en": {"H1": "H1 {y}", "H2": "H2 {y}"},
    "ar": {"H1": "النصف الأول من {y}", "H2": "النصف الثاني من {y}"},
}
UNITS = {"GW": {"en": "GW", "ar": "غيغاواط"}, "MW": {"en": "MW", "ar": "ميغاواط"}}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def significant(value: Decimal, digits: int) -> Decimal:
    """value rounded half up to `digits` significant figures (730.4e9 -> 730e9)."""
    if not value:
        return value
    exponent = value.adjusted() - digits + 1
    if value.as_tuple().exponent >= exponent:  # already no more precise than that
        return value
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _to_digits(text: str, digits: str) -> str:
    return text.translate(ARABIC_INDIC) if digits == "arab" else text


# Babel is exact but not fast; the same numbers and dates recur on many pages.
@lru_cache(maxsize=65536)
def _format_number(value: Decimal, fraction_digits: int, locale: Locale, digits: str) -> str:
    pattern = "#,##0" + ("." + "#" * fraction_digits if fraction_digits else "")
    # Rounded half up, as readers expect (1.125 -> 1.13), before Babel formats it; Babel gives
    # the separators of the numbering system (٫ ٬ for arab); the digits themselves are mapped
    # here, since Babel keeps them Latin.
    value = value.quantize(Decimal(1).scaleb(-fraction_digits), rounding=ROUND_HALF_UP) if value.as_tuple().exponent < -fraction_digits else value
    text = numbers.format_decimal(value, format=pattern, locale=locale, numbering_system=digits)
    return _to_digits(text.translate(BIDI_MARKS), digits)


@lru_cache(maxsize=65536)
def _format_date(value: dt.date, locale: Locale, digits: str) -> str:
    return _to_digits(dates.format_date(value, format="long", locale=locale).translate(BIDI_MARKS), digits)


class Localiser:
    """Formats values for one language. `digits` applies to the Arabic half only."""

    def __init__(self, lang: str, digits: str = "latn", prose: bool = False):
        if lang not in ("ar", "en"):
            raise ValueError(f"unsupported language {lang!r}")
        self.lang = lang
        # In running prose, press style writes small counts as words ("أربع صفقات", "four
        # deals") and Arabic ranges as «بين 50 و60»; tables and charts keep figures and dashes.
        self.prose = prose
        # English pages follow British usage (the site's spelling): "6 October 2025".
        self.locale = _locale("en_GB" if lang == "en" else lang)
        self.digits = digits if lang == "ar" else "latn"

    # -- numbers ---------------------------------------------------------
    def number(self, value: Decimal | int | float, fraction_digits: int = 2) -> str:
        return _format_number(Decimal(str(value)), fraction_digits, self.locale, self.digits)

    def plural(self, value: Decimal | int | float) -> str:
        """CLDR plural category of a number as displayed (so 4.5 is 'other')."""
        value = Decimal(str(value)).normalize()
        if value == value.to_integral_value():
            return self.locale.plural_form(int(value))
        return self.locale.plural_form(float(value))

    def in_prose(self) -> Localiser:
        """The same formatter for running prose (number words, «بين … و…» ranges)."""
        return Localiser(self.lang, self.digits, prose=True)

    def count(self, value: int | Decimal, noun: str) -> str:
        """A counted noun: '160 million shares', '3 مليارات', '7 سنوات', 'صفقتان'; in prose
        'four deals', 'أربع صفقات', 'ثلاثة مصادر'."""
        value = Decimal(str(value))
        whole = value == value.to_integral_value()
        if self.lang == "en":
            singular, plural = EN_NOUNS[noun]
            if self.prose and whole and int(value) in EN_WORDS:
                return f"{EN_WORDS[int(value)]} {singular if value == 1 else plural}"
            return f"{self.number(value)} {singular if value == 1 else plural}"
        form = AR_NOUNS[noun][self.plural(value)]
        form = AR_DUAL_FREE.get(form, form)
        if self.prose and whole and int(value) in AR_WORDS:
            word = AR_WORDS[int(value)][0 if AR_GENDER[noun] == "f" else 1]
            return form.format(n=word)
        return self._ltr(form.format(n=self.number(value)))

    def percent(self, value: Decimal | int | float) -> str:
        """10 -> '10%' / '10%' (or '١٠٪' with Arabic-Indic digits)."""
        sign = self.locale.number_symbols[self.digits]["percentSign"]
        return f"{self.number(value, 1)}{sign.translate(BIDI_MARKS)}"

    # -- amounts ---------------------------------------------------------
    def _scale(self, high: Decimal) -> tuple[Decimal, str | None]:
        for factor, word in SCALES:
            if high >= factor:
                return factor, word
        return Decimal(1), None

    def _usd_core(self, low: Decimal | None, high: Decimal) -> str:
        """The amount without qualifier: '$22.4 billion', '50–60 مليار دولار'."""
        factor, word = self._scale(high)
        hi = high / factor
        if low is not None and low != high:
            numbers_text = self._dash(self.number(low / factor), self.number(hi))
        else:
            numbers_text = self.number(hi)
        if self.lang == "en":
            return f"${numbers_text} {word}" if word else f"${numbers_text}"
        category = self.plural(hi)
        if word is None:
            form = AR_NOUNS["dollar"][category]
            if low is not None and low != high:
                form = AR_NOUNS["dollar"]["other"]
            return form.format(n=numbers_text)
        form = AR_NOUNS[word][category]
        if low is not None and low != high and "{n}" not in form:
            form = AR_NOUNS[word]["other"]
        form = AR_CONSTRUCT_DUAL.get(form, form)
        return f"{form.format(n=numbers_text)} دولار"

    def money(self, amount: Amount) -> str:
        return self._qualified(amount, lambda low, high: self._usd_core(low, high))

    def capacity(self, capacity: Capacity) -> str:
        unit = UNITS[capacity.unit][self.lang]
        return self._qualified(capacity, lambda low, high: self._unit_core(low, high, unit))

    def quantity(self, amount: Amount, unit: str) -> str:
        """A headline figure in its unit (usd, gw, mw, percent, shares, gpus)."""
        if unit == "usd":
            return self.money(amount)
        if unit in ("gw", "mw"):
            return self.capacity(Capacity(**amount.model_dump(), unit=unit.upper()))
        if unit == "number":
            return self._qualified(amount, lambda low, high: self._range(low, high, self.number))
        if unit == "percent":
            return self._qualified(amount, lambda low, high: self._range(low, high, self.percent))
        if unit in AR_GENDER and amount.kind == "exact":  # a count of deals, companies, ...
            return self.count(amount.amount, unit)
        noun = {"shares": "share", "gpus": "gpu"}[unit]
        return self._qualified(amount, lambda low, high: self._counted(low, high, noun))

    def _counted(self, low: Decimal | None, high: Decimal, noun: str) -> str:
        factor, word = self._scale(high)
        if word is None:
            return self.count(high, noun)
        if self.lang == "en":
            return f"{self._range(low, high, lambda v: self.number(v / factor))} {word} {EN_NOUNS[noun][1]}"
        # '160 مليون سهم': the counted noun after a scale word is singular
        scale = self._usd_core(low, high).removesuffix(" دولار")
        return f"{scale} {AR_NOUNS[noun]['other'].format(n='').strip()}"

    def _unit_core(self, low: Decimal | None, high: Decimal, unit: str) -> str:
        if self.lang == "ar" and (low is None or low == high) and high == 1:
            return f"{unit} واحد"  # «غيغاواط واحد», not «1 غيغاواط»
        return f"{self._range(low, high, self.number)} {unit}"

    def _range(self, low, high, fmt) -> str:
        if low is not None and low != high:
            return self._dash(fmt(low), fmt(high))
        return fmt(high)

    def _dash(self, low: str, high: str) -> str:
        """Two ends of a range: '50–60' (isolated left to right in Arabic), or in Arabic
        prose «بين 50 و60», which needs no isolation."""
        if self.prose and self.lang == "ar":
            return f"بين {low} و{high}"
        return self._ltr(f"{low}–{high}")

    def _qualified(self, amount: Amount, core) -> str:
        if amount.kind == "undisclosed":
            return UNDISCLOSED[self.lang]
        if amount.kind == "range":
            return core(amount.min, amount.max)
        value = amount.amount
        if amount.kind == "about":  # an estimate is shown no more precisely than three figures
            value = significant(value, 3)
        return QUALIFIERS[self.lang][amount.kind].format(core(None, value))

    def _ltr(self, text: str) -> str:
        """Isolate a left-to-right run (a range) inside Arabic text."""
        if self.lang == "ar" and re.search(r"\d.*[–-].*\d", text):
            return f"{LRI}{text}{PDI}"
        return text

    # -- dates and periods -----------------------------------------------
    def _digits(self, text: str) -> str:
        return _to_digits(text, self.digits)

    def date(self, value: dt.date) -> str:
        """'6 أكتوبر 2025' / '6 October 2025' (CLDR long format)."""
        return _format_date(value, self.locale, self.digits)

    def month(self, value: dt.date) -> str:
        skeleton = "yMMMM"
        return self._digits(
            dates.format_skeleton(skeleton, value, locale=self.locale).translate(BIDI_MARKS)
        )

    def year(self, year: int) -> str:
        return self._digits(str(year))

    def period(self, period: str) -> str:
        """2027, 2026-H2, 2026-Q1, 2026-03 or 2026-03-06, in words."""
        year, _, rest = period.partition("-")
        y = self.year(int(year))
        if not rest:
            return y
        if rest in ("H1", "H2"):
            return HALVES[self.lang][rest].format(y=y)
        if rest.startswith("Q"):
            quarter = int(rest[1])
            if self.lang == "en":
                name = self.locale.quarters["format"]["abbreviated"][quarter]
                return f"{name} {y}"
            name = self.locale.quarters["format"]["wide"][quarter]
            return f"{name} من {y}"
        if len(period) == 7:
            return self.month(dt.date(int(year), int(rest), 1))
        return self.date(dt.date.fromisoformat(period))

    def timeframe(self, timeframe: Timeframe) -> str:
        parts = []
        if timeframe.years:
            years = self.in_prose().count(timeframe.years, "year")  # "over five years", «على مدى خمس سنوات»
            parts.append(f"over {years}" if self.lang == "en" else f"على مدى {years}")
        if timeframe.start and timeframe.end:
            parts.append(
                f"{self.period(timeframe.start)} to {self.period(timeframe.end)}" if self.lang == "en"
                else f"من {self.period(timeframe.start)} حتى {self.period(timeframe.end)}"
            )
        elif timeframe.start:
            parts.append(
                f"from {self.period(timeframe.start)}" if self.lang == "en" else f"بدءًا من {self.period(timeframe.start)}"
            )
        elif timeframe.end:
            parts.append(f"until {self.period(timeframe.end)}" if self.lang == "en" else f"حتى {self.period(timeframe.end)}")
        return PUNCTUATION[self.lang][0].join(parts)

    def territory(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def language_name(self, code: str) -> str:
        return self.locale.languages.get(code, code)


# ---------------------------------------------------------------------------
# Text <-> HTML

_ISOLATE_RE = re.compile(f"([{LRI}{RLI}{FSI}])([^{LRI}{RLI}{FSI}{PDI}]*){PDI}")
_DIRS = {LRI: ' dir="ltr"', RLI: ' dir="rtl"', FSI: ""}


def to_html(text: str) -> Markup:
    """Escape text for HTML and turn isolate characters into <bdi> elements.
    Braces become entities so text from data can never form a {{ placeholder }}."""
    escaped = str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")
    return Markup(isolates_to_bdi(escaped))


def isolates_to_bdi(escaped: str) -> str:
    """Turn isolate characters in already-escaped text into <bdi> elements."""
    return _ISOLATE_RE.sub(lambda m: f"<bdi{_DIRS[m.group(1)]}>{m.group(2)}</bdi>", escaped)


def strip_isolates(text: str) -> str:
    return text.translate(dict.fromkeys(map(ord, LRI + RLI + FSI + PDI), None))


# Runs of Latin script ("Stargate UK", "MI450", "GB200/GB300") inside Arabic text, to be
# isolated so neighbouring digits and punctuation cannot reorder them. Not inside a longer
# Latin word or an HTML entity (&amp;), so the same pattern serves text and HTML.
LATIN_RUN = re.compile(r"(?<![&#A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[ \u00a0./&+'’-][A-Za-z0-9]+)*(?![A-Za-z0-9;])")


def isolate_latin(text: str) -> str:
    """Plain text: each Latin run between FSI and PDI (for titles, where HTML cannot be used;
    to_html() turns them into <bdi>)."""
    return LATIN_RUN.sub(lambda m: isolate(m.group(0)), text)


def isolate(text: str) -> str:
    """Wrap text of unknown direction (a Latin name inside Arabic, say) in FSI ... PDI."""
    return f"{FSI}{text}{PDI}"
