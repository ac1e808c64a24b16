"""Share cards: drawn by Typst in the site's own font, Arabic joined and set right to left,
one card per page and language, named by content, and linked from every page's <head>."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from explainer import cards, render
from helpers import ROOT, read

GOLDEN = ROOT / "tests" / "golden" / "card-ar.png"
BLANK = cards.Card(lang="ar", dir="rtl", site="", title="", title_size=60)
ZWNJ = "\u200c"  # stops two letters joining, so each keeps its isolated form


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("L")


def _ink(image: Image.Image) -> tuple[int, int, int, int]:
    """The bounding box of the dark pixels below the card's top bar."""
    body = image.crop((0, 30, image.width, image.height))
    box = body.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box, "nothing drawn"
    return box


def _titles(*titles: str) -> list[Image.Image]:
    return [_image(png) for png in cards.draw([replace(BLANK, title=t) for t in titles])]


def test_arabic_letters_are_joined_not_isolated():
    word = "مليار"
    joined, isolated = _titles(word, ZWNJ.join(word))
    # the isolated forms of the same letters take more room than the word as written
    joined_width = _ink(joined)[2] - _ink(joined)[0]
    isolated_width = _ink(isolated)[2] - _ink(isolated)[0]
    assert joined_width < 0.9 * isolated_width, (joined_width, isolated_width)


def test_arabic_is_set_from_the_right_and_english_from_the_left():
    arabic, = _titles("صفقة رقائق")
    english, = (_image(png) for png in cards.draw([replace(BLANK, lang="en", dir="ltr", title="AMD chip deal")]))
    left, _, right, _ = _ink(arabic)
    assert right > cards.WIDTH - 100 and left > 400  # flush right, short of the left margin
    left, _, right, _ = _ink(english)
    assert left < 100 and right < cards.WIDTH - 400


def test_a_fixed_card_matches_its_golden_image():
    """The Arabic card of a fixed text: layout, font, shaping and the order of the Latin name and
    numbers inside Arabic. To accept a deliberate change, run with UPDATE_GOLDEN=1 and look at it."""
    card = cards.Card(
        lang="ar", dir="rtl", site="صفقات البنية التحتية لأوبن إيه آي", title="ستارغيت الإمارات (Stargate UAE)",
        title_size=60, figure="ما يصل إلى 5 غيغاواط", figure_label="القدرة", detail="أول 200 ميغاواط في 2026",
        status="آخر تطوّر: إعلان (22 مايو 2025)", as_of="البيانات محدَّثة حتى 30 نوفمبر 2026",
    )
    png, = cards.draw([card])
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(png)
    drawn, golden = _image(png), _image(GOLDEN.read_bytes())
    assert drawn.size == golden.size == (cards.WIDTH, cards.HEIGHT)
    difference = ImageChops.difference(drawn, golden).point(lambda v: 255 if v > 64 else 0)
    changed = difference.histogram()[255]
    assert changed < 200, f"{changed} pixels differ from {GOLDEN.name}"


def test_cards_are_drawn_once_and_renamed_when_their_text_changes(tmp_path):
    card = replace(BLANK, title="عنوان")
    assert cards.write([card, card], tmp_path / "out", tmp_path / "cache") == 1
    assert cards.write([card], tmp_path / "out2", tmp_path / "cache") == 0  # from the cache
    assert (tmp_path / "out2" / card.file_name()).read_bytes() == (tmp_path / "out" / card.file_name()).read_bytes()
    changed = replace(card, title="عنوان آخر")
    assert changed.file_name() != card.file_name()
    assert cards.write([changed], tmp_path / "out", tmp_path / "cache") == 1


def test_what_a_deal_card_says(real_data):
    for lang in ("ar", "en"):
        ctx = render.Ctx.make(real_data, lang)
        deal = real_data.deals["nvidia-loi"]
        card = cards.card_for(ctx, "deals/nvidia-loi.md", deal.title[lang])
        assert card.figure == ctx.loc.money(deal.value)
        assert ctx.status_label(deal.current_status.status) in card.status
        assert ctx.loc.date(real_data.site.as_of) in card.as_of
        assert card.title in card.alt() and card.figure in card.alt()


def _meta(doc, key: str) -> str | None:
    found = doc.find_all("meta", property=key) or doc.find_all("meta", name=key)
    return found[0]["content"] if found else None


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("index.html")
                  if "embed" not in p.parts and "pagefind" not in p.parts)


def test_every_page_has_its_own_card_in_its_head(built_site, site_url):
    for rel in _pages(built_site):
        doc = read(built_site, rel)
        image = _meta(doc, "og:image")
        assert image and image.startswith(site_url + cards.FOLDER + "/"), rel
        path = built_site / image[len(site_url):]
        assert Image.open(path).size == (1200, 630), rel
        assert _meta(doc, "og:image:width") == "1200" and _meta(doc, "og:image:height") == "630"
        assert _meta(doc, "og:image:alt"), rel
        assert _meta(doc, "twitter:card") == "summary_large_image", rel
        assert _meta(doc, "twitter:image") == image


def test_each_deal_page_has_a_different_card_in_each_language(built_site, real_data):
    for deal in real_data.deals:
        ar = _meta(read(built_site, f"deals/{deal}/index.html"), "og:image")
        en = _meta(read(built_site, f"en/deals/{deal}/index.html"), "og:image")
        assert ar != en, deal
        assert (built_site / ar.split("/", 3)[3]).read_bytes() != (built_site / en.split("/", 3)[3]).read_bytes()


@pytest.mark.parametrize("rel", ["index.html", "en/index.html"])
def test_the_pages_themselves_never_load_a_card(built_site, rel):
    doc = read(built_site, rel)
    assert not [img for img in doc.find_all("img") if cards.FOLDER in img.get("src", "")]


def test_a_broken_card_template_stops_the_build_with_a_plain_message(tmp_path):
    from helpers import FIXTURE_DATA, copy_project, mkdocs_build
    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    template = project / "scripts" / "explainer" / "templates" / "card.typ"
    template.write_text(template.read_text(encoding="utf-8") + "\n#let broken = (\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", env={"EXPLAINER_CACHE": str(tmp_path / "cache")})
    assert result.returncode != 0
    assert "the share cards could not be drawn" in result.stderr
    assert "Traceback" not in result.stderr
