"""check.py catches broken links and #anchors in hand-written pages before any build."""

from __future__ import annotations

import shutil

from explainer import links, pages, parity
from helpers import ROOT


def pages_with(tmp_path, lang: str, rel: str, extra: str):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / lang, docs / lang, ignore=shutil.ignore_patterns("deals", "companies"))
    page = docs / lang / rel
    page.write_text(page.read_text(encoding="utf-8") + extra, encoding="utf-8")
    found, _ = parity.hand_written_pages(docs)
    return {lang: {r: t for r, t in found.get(lang, {}).items() if not t.startswith("---\n# GENERATED")}}


def test_a_link_to_a_missing_page_names_file_line_and_target(tmp_path, real_data):
    hand = pages_with(tmp_path, "en", "methodology.md", "\nSee [the old page](old-page.md).\n")
    line = len(hand["en"]["methodology.md"].split("\n")) - 1
    assert links.check(real_data, hand) == [f"docs/en/methodology.md:{line}: link to old-page.md: no such page"]


def test_a_missing_anchor_on_a_generated_or_hand_written_page_is_reported(tmp_path, real_data):
    extra = ("\n[a source](sources.md#src-no-such-source) [a deal](deals/aws.md#nowhere) "
             "[fine](sources.md#src-reuters-2025-09-25) [a heading](gigawatt-cost.md#no-such-heading)\n")
    hand = pages_with(tmp_path, "ar", "index.md", extra)
    line = len(hand["ar"]["index.md"].split("\n")) - 1
    assert links.check(real_data, hand) == [
        f"docs/ar/index.md:{line}: link to sources.md#src-no-such-source: no heading #src-no-such-source on that page",
        f"docs/ar/index.md:{line}: link to deals/aws.md#nowhere: no heading #nowhere on that page",
        f"docs/ar/index.md:{line}: link to gigawatt-cost.md#no-such-heading: no heading #no-such-heading on that page",
    ]


def test_the_real_pages_have_no_broken_link(real_data):
    found, _ = parity.hand_written_pages(ROOT / "docs")
    hand = {lang: {r: t for r, t in texts.items() if not t.startswith("---\n# GENERATED")} for lang, texts in found.items()}
    assert links.check(real_data, hand) == []


def test_slugs_match_what_mkdocs_gives_arabic_and_english_headings():
    ids = links.anchors("# عنوان\n\n## ما الذي بقي منها؟\n\n## The key numbers {#key-numbers}\n\n## Why *circular*?\n")
    assert {"ما-الذي-بقي-منها", "key-numbers", "why-circular"} <= ids


def test_anchors_are_the_headings_markdown_reads():
    ids = links.anchors("# T\n\n```\n## Not a heading\n```\n\nSetext heading\n--------------\n\n## Styled {: .wide}\n")
    assert {"setext-heading", "styled"} <= ids
    assert "not-a-heading" not in ids


def test_a_link_to_an_image_needs_the_file_in_that_language(tmp_path, real_data):
    hand = pages_with(tmp_path, "en", "methodology.md", "\n![logo](img/logo.svg) ![chart](img/none.png)\n")
    line = len(hand["en"]["methodology.md"].split("\n")) - 1
    files = {"en": {"img/logo.svg"}, "ar": {"img/none.png"}}
    assert links.check(real_data, hand, files) == [
        f"docs/en/methodology.md:{line}: link to img/none.png: no such file in docs/en/"]
    docs = tmp_path / "docs"
    (docs / "en" / "img").mkdir()
    (docs / "en" / "img" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    assert "img/logo.svg" in links.other_files(docs)["en"]


def test_every_menu_entry_leads_to_a_page_and_has_an_english_title(tmp_path, real_data):
    found, _ = parity.hand_written_pages(ROOT / "docs")
    hand = {lang: {r: t for r, t in texts.items() if not t.startswith("---\n# GENERATED")} for lang, texts in found.items()}
    good = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    generated = pages.all_pages(real_data)
    config = tmp_path / "mkdocs.yml"
    config.write_text(good, encoding="utf-8")
    assert links.nav(config, generated, hand) == []
    broken = (good.replace("الخليج في الصفقات: gulf.md", "الخليج في الصفقات: gulf-region.md")
              .replace("            الخليج في الصفقات: The Gulf\n", ""))
    config.write_text(broken, encoding="utf-8")
    line = broken.split("\n").index("  - الخليج في الصفقات: gulf-region.md") + 1
    assert links.nav(config, generated, hand) == [
        f"mkdocs.yml:{line}: nav: gulf-region.md: no such page in docs/ar/ or docs/en/",
        f"mkdocs.yml:{line}: nav: «الخليج في الصفقات» has no English title: add it under nav_translations "
        "(the en language of the i18n plugin)",
    ]
