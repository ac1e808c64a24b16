"""Sentences and labels that code assembles, checked over every value they can take, in both
languages: statuses as verbal nouns, number–noun agreement, «ما يصل إلى», «بين … و…», and
every interface label with a {slot} filled with every value the code passes to it."""

from __future__ import annotations

import re
import string
from decimal import Decimal

import pytest

from explainer import aggregates as agg
from explainer import charts, l10n, render
from explainer.model import ENDED, STATUS_ORDER, Amount, Capacity

AR, EN = l10n.Localiser("ar"), l10n.Localiser("en")
AR_PROSE, EN_PROSE = AR.in_prose(), EN.in_prose()

# The Arabic status labels are verbal nouns, so they read right beside any deal title,
# masculine (مشروع) or feminine (صفقة), and after a date: «21 يناير 2025 · إعلان».
VERBAL_NOUNS = {
    "reported": "تقرير صحفي", "announced": "إعلان", "confirmed": "تأكيد", "definitive": "اتفاق نهائي",
    "progress": "تقدّم في التنفيذ",
    "expanded": "توسيع", "completed": "اكتمال", "scaled-back": "تقليص", "frozen": "تجميد",
    "paused": "تعليق", "dropped": "انسحاب", "replaced": "استبدال", "cancelled": "إلغاء",
}


def test_every_status_has_a_verbal_noun_in_arabic_and_a_label_in_english(real_data):
    labels = real_data.labels.statuses
    assert set(labels) == set(STATUS_ORDER) == set(VERBAL_NOUNS)
    for status, noun in VERBAL_NOUNS.items():
        assert labels[status]["ar"] == noun
        assert labels[status]["en"][0].isupper()
        # no passive verb forms (أُعلنت، وُسِّعت) nor adjectives that carry a gender (معلَّقة)
        assert not re.search("[\u064f\u0650]", labels[status]["ar"]), status


@pytest.mark.parametrize("noun", sorted(l10n.AR_GENDER))
def test_counts_agree_with_their_noun_for_every_number(noun):
    feminine = l10n.AR_GENDER[noun] == "f"
    for n in range(0, 121):
        table, prose = AR.count(n, noun), AR_PROSE.count(n, noun)
        if n == 1:
            assert "1" not in table and "واحد" in table
        elif n == 2:
            assert "2" not in table and re.search("(ان|تا)$", table.split()[0]), table  # a dual, construct or free
        elif 3 <= n <= 10:
            word = l10n.AR_WORDS[n][0 if feminine else 1]
            assert prose.startswith(word + " "), prose  # three to ten as words, opposite gender
            assert (word.endswith("ة")) == (not feminine)
            assert str(n) in table
            assert not re.search("[0-9]", prose)
        else:
            assert prose == table and l10n.strip_isolates(table).startswith(AR.number(n))
        en = EN_PROSE.count(n, noun)
        assert (en.split()[0] == l10n.EN_WORDS[n]) if 1 <= n <= 9 else en.startswith(EN.number(n))
        assert en.endswith(l10n.EN_NOUNS[noun][0] if n == 1 else l10n.EN_NOUNS[noun][1])


def money(kind: str, **numbers) -> Amount:
    return Amount(kind=kind, **{k: Decimal(str(v)) for k, v in numbers.items()})


QUALIFIED = [
    ("exact", {"amount": 38e9}), ("about", {"amount": 1.4e12}), ("up-to", {"amount": 22.4e9}),
    ("at-least", {"amount": 500e9}), ("more-than", {"amount": 300e9}), ("range", {"min": 50e9, "max": 60e9}),
    ("undisclosed", {}),
]


@pytest.mark.parametrize("kind,numbers", QUALIFIED)
def test_every_qualifier_reads_as_the_press_writes_it(kind, numbers):
    amount = money(kind, **numbers)
    for loc in (AR, AR_PROSE):
        text = l10n.strip_isolates(loc.money(amount))
        assert "حتى" not in text  # "until": never used for "up to"
        assert text.startswith({"exact": "38", "about": "نحو ", "up-to": "ما يصل إلى ", "at-least": "ما لا يقل عن ",
                                "more-than": "أكثر من ", "undisclosed": "لم يُكشف",
                                "range": "بين " if loc.prose else "50"}[kind]), text
    if kind == "range":
        assert AR_PROSE.money(amount) == "بين 50 و60 مليار دولار"
        assert AR.money(amount) == f"{l10n.LRI}50–60{l10n.PDI} مليار دولار"
        assert EN_PROSE.money(amount) == EN.money(amount) == "$50–60 billion"
    capacity = Capacity(**amount.model_dump(), unit="GW")
    assert "حتى" not in AR_PROSE.capacity(capacity)


@pytest.mark.parametrize("value,form", [
    (1e9, "مليار دولار"), (2e9, "ملياري دولار"), (3e9, "3 مليارات دولار"), (10e9, "10 مليارات دولار"),
    (11e9, "11 مليار دولار"), (100e9, "100 مليار دولار"), (4.5e9, "4.5 مليار دولار"),
])
def test_money_takes_the_plural_form_of_its_number(value, form):
    assert AR_PROSE.money(money("exact", amount=value)) == form


def filled(template: str, values: dict[str, str]) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    assert names <= set(values), (template, names - set(values))
    return template.format(**{k: v for k, v in values.items() if k in names})


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_reason_reads_for_every_status_and_every_parent(real_data, lang):
    ctx = render.Ctx.make(real_data, lang)
    for deal in real_data.deals.values():
        for status in ENDED:
            text = filled(ctx.t("reason-ended"), {"status": ctx.status_label(status), "deal": ""})
            assert ctx.status_label(status) in text and "{" not in text
        for measure in agg.MEASURES.values():
            ancestor = agg.counting_ancestor(real_data, deal, measure)
            if ancestor:  # the reason names the deal that is counted instead, as it reads mid-sentence
                text = charts.reason_text(ctx, deal, "part-of", measure)
                assert render.title_in_text(ctx, ancestor) in text and not re.search(r"part of The ", text)
        assert charts.reason_text(ctx, deal, "unconfirmed", agg.SITES)
        assert ctx.status_label(deal.current_status.status).lower() in charts.reason_text(ctx, deal, "stalled", agg.SITES).lower()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_label_with_slots_is_filled_by_the_code(real_data, lang):
    ctx = render.Ctx.make(real_data, lang)
    values = {"n": "12", "deals": ctx.loc.count(12, "deal"), "companies": ctx.loc.count(3, "company"),
              "total": ctx.loc.money(agg.total(real_data, agg.INTO_OPENAI)), "status": ctx.status_label("paused"),
              "deal": real_data.deals["stargate"].title[lang], "start": "x", "end": "y", "link": "z",
              "operating": "1.9 GW", "year": ctx.loc.period("2025"), "site": real_data.site.title[lang],
              "date": ctx.loc.date(real_data.site.as_of), "title": "t", "url": "https://example.org/",
              "last": ctx.loc.date(real_data.site.as_of), "payer": "a", "payee": "b", "note": "c"}
    for key, text in real_data.labels.ui.items():
        out = filled(text[lang], values)
        assert "{" not in out and "}" not in out, key


def test_arabic_titles_used_as_subjects_are_definite(real_data):
    """A deal title heads timeline items, chart bars and "not counted" lists: in Arabic it is
    definite (ال, a proper name, or a construct whose last noun is definite), never «خطاب نوايا بين…»."""
    indefinite_heads = ("خطاب نوايا", "صفقة مع", "عقد مع", "مشروع Stargate")
    for deal in real_data.deals.values():
        title = deal.title["ar"]
        assert not title.startswith(indefinite_heads), title
        assert "Stargate" not in title, title  # foreign projects are named in Arabic


def test_arabic_ui_never_uses_hatta_for_up_to(real_data):
    for key, text in real_data.labels.ui.items():
        # «محدَّثة حتى» is "checked until", a date, never an amount
        assert "حتى" not in text["ar"] or key in ("as-of", "search-noscript", "chart-source", "chart-cite", "changes-latest"), key


def test_a_quoted_number_keeps_its_decimals_in_each_digit_setting(real_data):
    from explainer import placeholders
    arab = real_data.model_copy(update={"site": real_data.site.model_copy(update={"arabic_digits": "arab"})})
    out = {lang: placeholders.resolve("«{{ number:4.5 }}»", render.Ctx.make(data, lang), "index.md", "t")
           for lang, data in (("en", real_data), ("ar", arab))}
    assert out == {"en": "«4.5»", "ar": "«٤٫٥»"}


@pytest.mark.parametrize("typed", ["{{ figure:openai-revenue-h1-2025.", "{{figure openai-revenue-h1-2025}}",
                                   "{ figure:openai-revenue-h1-2025 }}", "{{ Figure:x }}"])
def test_a_mistyped_placeholder_is_reported_not_shown_as_braces(real_data, typed):
    from explainer import placeholders
    with pytest.raises(placeholders.PlaceholderError) as info:
        placeholders.resolve(f"Intro.\n\nRevenue was {typed} in total.\n", render.Ctx.make(real_data, "en"),
                             "index.md", "docs/en/index.md")
    (problem,) = info.value.problems
    assert problem.startswith("docs/en/index.md:3: ") and "two braces on each side" in problem
