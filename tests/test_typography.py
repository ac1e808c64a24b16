"""Arabic typography: the self-hosted font covers the text, and the page sets it as promised."""

from __future__ import annotations

import re
import unicodedata

import pytest

from helpers import ROOT

FONTS = ROOT / "overrides" / "assets" / "fonts"
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def covered() -> set[int]:
    from fontTools.ttLib import TTFont
    cmaps = [set(TTFont(path).getBestCmap()) for path in sorted(FONTS.glob("*.woff2"))]
    assert len(cmaps) == 2
    return set.intersection(*cmaps)


def test_font_covers_every_arabic_character_in_data_and_pages():
    have = covered()
    texts = list((ROOT / "data").glob("*.yaml")) + list((ROOT / "docs").rglob("*.md"))
    missing = {}
    for path in texts:
        for char in set(ARABIC.findall(path.read_text(encoding="utf-8"))):
            if ord(char) not in have:
                missing.setdefault(f"U+{ord(char):04X} {unicodedata.name(char, '?')}", path.name)
    assert missing == {}


def test_unicode_range_in_css_matches_the_font():
    css = (ROOT / "overrides" / "assets" / "site.css").read_text(encoding="utf-8")
    ranges = re.findall(r"unicode-range:\s*([^;]+);", css)
    assert len(ranges) == 2 and ranges[0] == ranges[1]
    declared = set()
    for part in ranges[0].split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        declared |= set(range(int(lo, 16), int(hi or lo, 16) + 1))
    have = covered()
    arabic_in_font = {c for c in have if ARABIC.match(chr(c))}
    assert arabic_in_font <= declared  # every Arabic glyph we ship can be used by the page
    assert {c for c in declared if ARABIC.match(chr(c))} <= have  # and the CSS claims no glyph we lack


@pytest.mark.browser
def test_arabic_text_uses_the_font_with_generous_lines_and_no_italics(phone, server):
    phone.goto(server.url + "/circular-deals/")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.fonts.check('16px \"IBM Plex Sans Arabic\"', 'بيانات')")
    loaded = phone.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)")
    assert any("IBM Plex Sans Arabic" in f and "400" in f for f in loaded), loaded
    style = phone.locator("article p").first.evaluate(
        "p => { const s = getComputedStyle(p); return [s.fontFamily, s.lineHeight, s.fontSize, s.letterSpacing]; }"
    )
    family, line_height, size, spacing = style
    assert family.strip().startswith('"IBM Plex Sans Arabic"')
    assert 1.7 <= float(line_height.removesuffix("px")) / float(size.removesuffix("px")) <= 1.9
    assert float(size.removesuffix("px")) >= 16
    assert spacing in ("normal", "0px")
    styles = phone.locator("article em, article blockquote").evaluate_all("els => els.map(e => getComputedStyle(e).fontStyle)")
    assert styles and set(styles) == {"normal"}
    # the English half reads in the system's Latin font: no Latin web font is downloaded
    phone.goto(server.url + "/en/deals/")
    phone.wait_for_load_state("networkidle")
    fonts = phone.evaluate("performance.getEntriesByType('resource').map(e => e.name).filter(n => /\\.(woff2?|ttf|otf)$/.test(n))")
    assert all("ibm-plex-sans-arabic" in f for f in fonts), fonts
