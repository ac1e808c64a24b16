"""Renderers are pure: model in, Markdown/HTML out. Tested on the fixture data."""

from __future__ import annotations

import re

from explainer import pages, render
from helpers import Doc


def test_href_follows_directory_urls():
    assert render.href("deals/index.md", "deals/amd.md") == "amd/"
    assert render.href("deals/amd.md", "companies/openai.md") == "../../companies/openai/"
    assert render.href("index.md", "deals/index.md") == "deals/"
    assert render.href("deals/amd.md", "sources.md", "src-a") == "../../sources/#src-a"


def test_every_page_exists_in_both_languages(fixture_data):
    generated = pages.all_pages(fixture_data)
    assert set(generated["ar"]) == set(generated["en"])
    assert {"deals/index.md", "deals/amd.md", "companies/nvidia.md", "glossary.md", "timeline.md", "sources.md"} <= set(generated["ar"])
    for content in generated["ar"].values():
        assert content.startswith("---\n" + render.GENERATED_MARK + "\n")


def test_deals_table_has_a_row_per_deal_with_raw_sort_values(fixture_data):
    for lang in ("ar", "en"):
        md = pages.generated_pages(fixture_data, lang)["deals/index.md"]
        doc = Doc(md)
        rows = doc.find_all("tr")
        assert len(rows) == 1 + len(fixture_data.deals)
        values = [a["data-sort"] for a in doc.find_all("td") if a.get("data-col") == "value"]
        assert values == ["100000000000", "-1"]
    assert "ما يصل إلى 100 مليار دولار" in pages.generated_pages(fixture_data, "ar")["deals/index.md"]
    assert "up to $100 billion" in pages.generated_pages(fixture_data, "en")["deals/index.md"]


def test_text_from_data_cannot_inject_markup(fixture_data):
    deal = fixture_data.deals["amd"]
    evil = deal.model_copy(update={
        "title": deal.title.model_copy(update={"en": "<script>alert(1)</script> | [x](javascript:alert(1)) {{ figure:x }}"}),
    })
    data = fixture_data.model_copy(update={"deals": {**fixture_data.deals, "amd": evil}})
    ctx = render.Ctx.make(data, "en")
    page = render.deal_page(ctx, evil)
    table = render.deals_index(ctx, data.deals_sorted())
    for out in (page, table):
        _, meta, body = out.split("---\n", 2)
        assert "<script>" not in meta  # the theme prints front matter unescaped
        assert "<script>" not in body
        assert "&lt;script&gt;" in body
        assert 'href="javascript' not in body
        assert "{{ figure:x }}" not in body  # braces are escaped: no placeholder forms
    heading = next(line for line in page.split("---\n", 2)[2].split("\n") if line.startswith("# "))
    assert r"\[x\]\(javascript:alert\(1\)\)" in heading  # Markdown syntax escaped where Markdown runs


def test_latin_runs_are_isolated_in_arabic_only(fixture_data):
    ar, en = render.Ctx.make(fixture_data, "ar"), render.Ctx.make(fixture_data, "en")
    assert str(ar.html("مشروع Stargate UK في بريطانيا")) == "مشروع <bdi>Stargate UK</bdi> في بريطانيا"
    assert str(en.html("Stargate UK")) == "Stargate UK"


def test_quote_is_marked_as_translation_on_the_other_language(fixture_data):
    ar = render.quote_block(render.Ctx.make(fixture_data, "ar"), "quotes.md", "altman-expect-more")
    en = render.quote_block(render.Ctx.make(fixture_data, "en"), "quotes.md", "altman-expect-more")
    assert "ترجمة الموقع من الإنجليزية" in ar and '<blockquote class="ox-original" lang="en" dir="ltr">' in ar
    assert "You should expect much more from us in the coming months." in en
    assert "Translated" not in en


def test_timeline_is_chronological(fixture_data):
    md = pages.generated_pages(fixture_data, "en")["timeline.md"]
    dates = re.findall(r'datetime="([\d-]+)"', md)
    assert dates == sorted(dates) and len(dates) == 2
