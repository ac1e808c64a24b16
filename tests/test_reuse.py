"""The reuse kit of every chart, in both languages: PNG, SVG and CSV files, an embed page with
no site chrome, an <iframe> snippet and a citation, all usable without JavaScript."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from PIL import Image

from explainer import aggregates as agg
from explainer import charts, render, reuse
from helpers import read

LANGS = [("ar", ""), ("en", "en/")]
CHARTS = list(charts.CHARTS)
SVG = "{http://www.w3.org/2000/svg}"


def _kit(doc_html: str, chart_id: str):
    """The chart's <figure> on the charts page, as a Doc of its own."""
    from helpers import Doc
    start = doc_html.index(f'id="chart-{chart_id}"')
    return Doc(doc_html[doc_html.rindex("<figure", 0, start):doc_html.index("</figure>", start)])


def _column_names(html: str, chart_id: str) -> list[str]:
    from html.parser import HTMLParser
    start = html.index(f'id="chart-{chart_id}"')
    block = html[html.index('<ul class="ox-kit__columns">', start):]
    block = block[:block.index("</ul>")]

    class Names(HTMLParser):
        def __init__(self):
            super().__init__()
            self.names, self.first = [], False

        def handle_starttag(self, tag, attrs):
            if tag == "li":
                self.first = True
            elif tag == "code" and self.first:
                self.names.append("")

        def handle_endtag(self, tag):
            if tag == "code":
                self.first = False

        def handle_data(self, data):
            if self.first and self.names:
                self.names[-1] += data

    reader = Names()
    reader.feed(block)
    return reader.names


@pytest.mark.parametrize("lang, prefix", LANGS)
@pytest.mark.parametrize("chart_id", CHARTS)
def test_every_chart_has_its_kit_and_every_file_exists(built_site, site_url, lang, prefix, chart_id):
    html = (built_site / prefix / "charts" / "index.html").read_text(encoding="utf-8")
    figure = _kit(html, chart_id)
    links = {a["href"] for a in figure.find_all("a") if "download" in a}
    assert links == {f"../{reuse.FOLDER}/{chart_id}.{ext}" for ext in ("png", "svg", "csv")}
    for link in links:
        assert (built_site / prefix / reuse.FOLDER / link.rsplit("/", 1)[1]).stat().st_size > 100
    # embed: a preview link and the snippet, whose address is the embed page's, absolute
    assert any(a["href"] == f"../embed/{chart_id}/" for a in figure.find_all("a"))
    snippet = ET.fromstring(next(p for p in figure.text_parts if "<iframe" in p).strip())
    assert snippet.get("src") == f"{site_url}{prefix}embed/{chart_id}/"
    assert snippet.get("title") and int(snippet.get("height")) > 200
    assert (built_site / prefix / "embed" / chart_id / "index.html").is_file()
    # every CSV column is explained beside the chart: each item of the list starts with its name
    assert _column_names(html, chart_id) == reuse.CSV_COLUMNS[reuse.CSV_OF[chart_id]]


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_a_citation_names_title_site_date_and_address(built_site, real_data, site_url, lang, prefix):
    ctx = render.Ctx.make(real_data, lang)
    html = (built_site / prefix / "charts" / "index.html").read_text(encoding="utf-8")
    text = _kit(html, "money-flow").text
    for part in (reuse.chart_title(ctx, "money-flow"), real_data.site.title[lang],
                 ctx.loc.date(real_data.site.as_of), f"{site_url}{prefix}charts/#chart-money-flow"):
        assert part in text.replace("\xa0", " ")
    # the address is one left-to-right unit, never cut into isolated pieces (Arabic scrambled it)
    assert f'<bdi dir="ltr">{site_url}{prefix}charts/#chart-money-flow</bdi>' in html


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_csv_holds_the_charts_numbers_with_a_bom(built_site, real_data, lang, prefix):
    raw = (built_site / prefix / reuse.FOLDER / "into-openai.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    expected = {p.company: p.total for p in agg.by_partner(real_data, agg.INTO_OPENAI)}
    assert {row["partner_id"] for row in rows} == set(expected)
    for row in rows:
        total = expected[row["partner_id"]]
        assert row["amount_kind"] == total.kind
        if total.amount is not None:
            assert Decimal(row["amount_usd"]) == total.amount
        assert row["partner"] == real_data.companies[row["partner_id"]].name[lang]


def test_capacity_csv_is_in_megawatts(real_data):
    ctx = render.Ctx.make(real_data, "en")
    rows = {row["deal_id"]: row for row in csv.DictReader(io.StringIO(reuse.chart_csv(ctx, "capacity").decode("utf-8-sig")))}
    for deal_id, row in rows.items():
        capacity = real_data.deals[deal_id].capacity
        expected = capacity.amount * (1000 if capacity.unit == "GW" else 1)
        assert Decimal(row["capacity_mw"]) == expected, deal_id


def test_every_status_change_is_a_row_of_the_timeline_csv(real_data):
    ctx = render.Ctx.make(real_data, "en")
    rows = list(csv.reader(io.StringIO(reuse.chart_csv(ctx, "timeline").decode("utf-8-sig"))))
    assert len(rows) - 1 == len(render.timeline_events(real_data))


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_the_svg_file_stands_alone(built_site, real_data, lang, prefix):
    root = ET.parse(built_site / prefix / reuse.FOLDER / "money-flow.svg").getroot()
    assert root.get("lang") == lang and (root.get("direction") == "rtl") == (lang == "ar")
    texts = list(root.iter(f"{SVG}text"))
    # coloured without the site's stylesheet: every shape and text carries its own style
    for element in root.iter():
        if element.get("class") and element.tag in (f"{SVG}path", f"{SVG}rect", f"{SVG}circle"):
            assert "fill:" in element.get("style", "") or "stroke:" in element.get("style", ""), element.attrib
    credit = " ".join("".join(t.itertext()) for t in texts[-4:]).replace("\xa0", " ")
    assert real_data.site.title[lang] in credit and "CC BY 4.0" in credit
    # widths by amount survive: a flow's own stroke width is not replaced by the stylesheet's
    widths = {e.get("style") for e in root.iter(f"{SVG}path") if "ox-edge" in (e.get("class") or "")}
    assert len({w.split("stroke-width:")[1].split(";")[0] for w in widths}) > 1


def test_the_png_is_the_svg_drawn_with_its_text_in_each_language(built_site):
    ar = Image.open(built_site / reuse.FOLDER / "capacity.png")
    en = Image.open(built_site / "en" / reuse.FOLDER / "capacity.png")
    assert ar.width >= charts.W * reuse.PNG_SCALE and en.width >= charts.W * reuse.PNG_SCALE
    assert ar.tobytes() != en.tobytes()


@pytest.mark.parametrize("rtl, anchor, edge", [(True, "start", "right"), (True, "end", "left"),
                                               (False, "start", "left"), (False, "end", "right")])
def test_png_text_sits_on_its_anchor_in_its_direction(rtl, anchor, edge):
    """resvg reads text-anchor as left-to-right whatever the direction; the PNG must not."""
    word = "مليار دولار" if rtl else "Amazon"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 40" font-size="16"'
           f'{" direction=" + chr(34) + "rtl" + chr(34) if rtl else ""}>'
           f'<rect width="100%" height="100%" fill="#fff"/>'
           f'<text x="200" y="28" text-anchor="{anchor}">{word}</text></svg>')
    image = Image.open(io.BytesIO(reuse.draw_png([svg])[0])).convert("L")
    left, _, right, _ = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    x = 200 * reuse.PNG_SCALE
    if edge == "right":
        assert abs(right - x) < 6 and left < x - 30
    else:
        assert abs(left - x) < 6 and right > x + 30


def test_split_text_keeps_every_text_and_leaves_none_in_the_image(real_data):
    ctx = render.Ctx.make(real_data, "ar")
    svg = reuse.standalone_svg(ctx, "timeline")
    split = reuse.split_text(svg)
    assert len(split["texts"]) == len(list(ET.fromstring(svg.split("?>", 1)[1]).iter(f"{SVG}text")))
    assert "<text" not in split["svg"] and "text>" not in split["svg"]


@pytest.mark.parametrize("lang, prefix", LANGS)
def test_an_embed_page_is_the_chart_alone_in_its_language(built_site, lang, prefix):
    doc = read(built_site, f"{prefix}embed/money-flow/index.html")
    html = doc.find_all("html")[0]
    assert html["lang"] == lang and html["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert not doc.find_all("script") and not doc.find_all("nav") and not doc.find_all("header")
    assert len(doc.find_all("figure")) == 1 and doc.find_all("svg")
    assert doc.find_all("meta", name="robots")[0]["content"] == "noindex"
    assert doc.find_all("base")[0]["target"] == "_blank"
    back = [a for a in doc.find_all("a") if a.get("href", "").startswith("../../charts/#chart-money-flow")]
    assert back, "the source line links back to the chart on the explainer"
    assert not [a for a in doc.find_all("a") if a.get("href", "").endswith(".png")]  # no kit inside the embed


@pytest.mark.browser
def test_the_copy_button_copies_the_embed_code(chromium, server):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    page.goto(f"{server.url}/charts/")
    figure = page.locator("#chart-capacity")
    figure.locator("details.ox-kit__part").nth(1).locator("summary").click()
    button = figure.locator("button.ox-kit__copy")
    assert button.inner_text() == "نسخ"
    button.click()
    page.wait_for_function("document.querySelector('#chart-capacity button.ox-kit__copy').textContent === 'نُسخ'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("<iframe") and "/embed/capacity/" in copied
    context.close()
