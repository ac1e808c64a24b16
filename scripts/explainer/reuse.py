"""The reuse kit of every chart, per language: PNG, SVG and CSV files, an embed page, an
<iframe> snippet and a citation, for newsrooms that republish or cite a chart.

- SVG: the very SVG the page shows, made standalone: the page colours it with CSS classes
  (overrides/assets/site.css, the one home of the chart styles); here those rules are read
  with a CSS parser (tinycss2), resolved with the print palette (light, on white) and
  written onto each element as a style attribute, and a title and a source line are added
  around the chart, so the file looks the same in any viewer and carries its credit.
- PNG: that SVG drawn by Typst with the site's vendored font (fonts/): no browser and no
  system library at build time.
- CSV: the chart's numbers, never formatted text, UTF-8 with a BOM so spreadsheets read the
  Arabic; the columns are documented in the kit beside the chart (CSV_COLUMNS).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import tinycss2
from markupsafe import Markup, escape

from . import aggregates as agg
from . import cards, charts, enrich, l10n, opendata, render
from .cards import FONTS, HERE

SVG = "http://www.w3.org/2000/svg"
STYLES = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "site.css"
FOLDER = "downloads/charts"  # under each language's root
EMBED = "embed"  # embed pages: <lang root>/embed/<chart>/
FONT_FAMILY = "IBM Plex Sans Arabic, Arial, sans-serif"
PNG_SCALE = 3  # the 400-unit-wide chart becomes a 1200 px wide image
PAD, HEAD_SIZE, FOOT_SIZE = 12, 15, 10

# What each chart's CSV holds: column -> label key of its meaning (data/labels.yaml).
CSV_COLUMNS = {
    "money": ["partner_id", "partner", "amount_kind", "amount_usd", "amount_min_usd", "amount_max_usd", "deals"],
    "capacity": ["basis", "deal_id", "deal", "capacity_kind", "capacity_mw", "capacity_min_mw", "capacity_max_mw"],
    "timeline": ["date", "deal_id", "deal", "status", "status_label", "note"],
    "money-flow": ["payer_id", "payer", "payee_id", "payee", "kind", "kind_label",
                   "amount_kind", "amount_usd", "amount_min_usd", "amount_max_usd", "deals"],
}
CSV_OF = {"into-openai": "money", "openai-buys": "money", "capacity": "capacity",
          "timeline": "timeline", "money-flow": "money-flow"}


# ---------------------------------------------------------------------------
# Chart styles, read from the site's stylesheet


@lru_cache(maxsize=4)
def _chart_rules(css_path: Path = STYLES) -> tuple[dict[str, str], list[tuple[list[list[str]], dict[str, str]]]]:
    """(the print palette, [(selector parts, declarations)]) of every `.ox-svg …` rule."""
    sheet = tinycss2.parse_stylesheet(css_path.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True)
    palette: dict[str, str] = {}
    rules: list[tuple[list[list[str]], dict[str, str]]] = []

    def declarations(block) -> dict[str, str]:
        out = {}
        for item in tinycss2.parse_blocks_contents(block, skip_whitespace=True, skip_comments=True):
            if item.type == "declaration":
                out[item.lower_name if not item.name.startswith("--") else item.name] = \
                    tinycss2.serialize(item.value).strip()
        return out

    for node in sheet:
        if node.type == "at-rule" and node.lower_at_keyword == "media" and "print" in tinycss2.serialize(node.prelude):
            for inner in tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True):
                if inner.type == "qualified-rule" and ".ox-chart" in tinycss2.serialize(inner.prelude):
                    palette.update({k: v for k, v in declarations(inner.content).items() if k.startswith("--")})
        elif node.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(node.prelude).split(",")]
            parts = [s.split()[1:] for s in selectors if s.split()[0] == ".ox-svg"]
            if parts:
                rules.append((parts, declarations(node.content)))
    return palette, rules


def _matches(part: str, element: ET.Element) -> bool:
    tag = element.tag.rsplit("}", 1)[-1]
    if part.startswith("."):
        return all(c in (element.get("class") or "").split() for c in part[1:].split("."))
    return tag == part


def _selector_matches(parts: list[str], element: ET.Element, ancestors: list[ET.Element]) -> bool:
    if not _matches(parts[-1], element):
        return False
    rest = parts[:-1]
    for ancestor in reversed(ancestors):
        if rest and _matches(rest[-1], ancestor):
            rest = rest[:-1]
    return not rest


def _resolve(value: str, palette: dict[str, str]) -> str | None:
    while "var(" in value:
        start = value.index("var(")
        end = value.index(")", start)
        name = value[start + 4:end].split(",")[0].strip()
        if name not in palette:
            return None
        value = value[:start] + palette[name] + value[end + 1:]
    return value


def _apply_styles(root: ET.Element) -> None:
    palette, rules = _chart_rules()

    def visit(element: ET.Element, ancestors: list[ET.Element]) -> None:
        chosen: dict[str, tuple[tuple[int, int], str]] = {}
        for order, (selectors, decls) in enumerate(rules):
            for parts in selectors:
                if _selector_matches(parts, element, ancestors):
                    weight = (sum(p.count(".") for p in parts), order)
                    for prop, value in decls.items():
                        if prop not in chosen or chosen[prop][0] <= weight:
                            chosen[prop] = (weight, value)
        style = {}
        for prop, (_, value) in sorted(chosen.items()):
            resolved = _resolve(value, palette)
            if resolved is not None:
                style[prop] = resolved
        style.update(_style(element))  # the element's own style attribute wins, as in a browser
        if style:
            element.set("style", ";".join(f"{prop}:{value}" for prop, value in style.items()))
        for child in element:
            visit(child, ancestors + [element])

    visit(root, [])


# ---------------------------------------------------------------------------
# Files


def _chart(ctx: render.Ctx, chart_id: str) -> charts.Chart:
    return charts.CHARTS[chart_id](ctx, "charts.md")


def source_line(ctx: render.Ctx) -> str:
    """What a reused chart credits: the site and the date its data was checked up to."""
    return ctx.t("chart-source").format(site=ctx.data.site.title[ctx.lang], date=ctx.loc.date(ctx.data.site.as_of))


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines no wider than width, never breaking a number from its unit or a date apart."""
    return charts._wrapped(enrich.glue(text), width, size)


def _lines(root: ET.Element, lines: list[str], x: float, y: float, size: float, fill: str, bold: bool = False) -> float:
    """Text lines at (x, y) downwards, anchored at the reading edge; returns the y below them."""
    for line in lines:
        y += size * 1.45
        text = ET.SubElement(root, f"{{{SVG}}}text", {
            "x": charts._n(x), "y": charts._n(y), "font-size": charts._n(size), "fill": fill,
            **({"font-weight": "700"} if bold else {})})
        text.text = line
    return y


def _text_extent(svg: ET.Element, rtl: bool) -> tuple[float, float]:
    """The leftmost and rightmost x any text reaches, by the charts' own width estimate."""
    left, right = 0.0, 0.0
    for text in svg.iter(f"{{{SVG}}}text"):
        x, size = float(text.get("x", 0)), float(text.get("font-size", charts.SIZE))
        width = charts._width("".join(text.itertext()), size)
        anchor = text.get("text-anchor", "start")
        if anchor == "middle":
            left, right = min(left, x - width / 2), max(right, x + width / 2)
        elif (anchor == "end") != rtl:  # the text ends at x, on its right
            left = min(left, x - width)
        else:
            right = max(right, x + width)
    return left, right


def standalone_svg(ctx: render.Ctx, chart_id: str) -> str:
    """The page's SVG as a file: styles written onto the elements, the title above, and below
    it what the page says under the chart (what is left out, totals) and the source line."""
    chart = _chart(ctx, chart_id)
    ET.register_namespace("", SVG)
    inner = ET.fromstring(chart.svg)
    _apply_styles(inner)
    width, height = (float(v) for v in inner.get("viewBox").split()[2:])
    rtl = ctx.lang == "ar"
    # the page lets long labels overflow the chart's box into the margin; the file makes room
    left, right = _text_extent(inner, rtl)
    pad_left, pad_right = max(PAD, PAD - left), max(PAD, right - width + PAD)
    full_width = pad_left + width + pad_right
    room = full_width - 2 * PAD
    x = full_width - PAD if rtl else PAD  # text starts at the reading edge ("start" is the right under rtl)
    root = ET.Element(f"{{{SVG}}}svg", {
        "font-family": FONT_FAMILY, "font-size": str(charts.SIZE), "lang": ctx.lang,
        **({"direction": "rtl"} if rtl else {}),
    })
    ET.SubElement(root, f"{{{SVG}}}rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    y = _lines(root, _wrap(l10n.strip_isolates(chart.title), room, HEAD_SIZE), x, PAD * 0.4, HEAD_SIZE,
               "#000000", bold=True)
    inner.attrib.pop("class", None)
    inner.set("x", charts._n(pad_left))
    inner.set("y", charts._n(y + 10))
    inner.set("width", charts._n(width))
    inner.set("height", charts._n(height))
    inner.set("overflow", "visible")
    root.append(inner)
    y += 10 + height + 4
    for note in (enrich.text_of(chart.more), l10n.strip_isolates(chart.note)):
        if note:
            y = _lines(root, _wrap(note, room, FOOT_SIZE), x, y, FOOT_SIZE, "#444444") + 3
    credit = _wrap(source_line(ctx), room, FOOT_SIZE) + ([chart_url(ctx, chart_id)] if ctx.base_url else [])
    y = _lines(root, credit, x, y + 6, FOOT_SIZE, "#000000") + PAD
    root.set("viewBox", f"0 0 {charts._n(full_width)} {charts._n(y)}")
    root.set("width", charts._n(full_width * PNG_SCALE / 2))
    root.set("height", charts._n(y * PNG_SCALE / 2))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# Typst draws a PNG from an SVG with resvg, which shapes each Arabic word but lays words out
# left to right and reads text-anchor as if every text ran left to right. So the PNG is drawn
# in two layers from the same SVG: everything but the text, as an image; and each <text>,
# placed by Typst at the same point with the same size, weight, colour and anchor, where
# Typst's own shaping and bidi set it (as on the share cards).
PNG_TEMPLATE = HERE / "templates" / "chart.typ"


def _style(element: ET.Element) -> dict[str, str]:
    return {prop.strip(): value.strip() for prop, value in
            (part.split(":", 1) for part in (element.get("style") or "").split(";") if ":" in part)}


def _text_content(element: ET.Element) -> str:
    """The text of a <text> as a reader sees it: a left-to-right <tspan> becomes an isolate."""
    parts = [element.text or ""]
    for child in element:
        inner = "".join(child.itertext())
        parts.append(f"{l10n.LRI}{inner}{l10n.PDI}" if child.get("direction") == "ltr" else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def split_text(svg: str) -> dict:
    """{width, height, svg: the SVG without its text, texts: [{x, y, anchor, size, bold, fill, halo, rtl, text}]}."""
    root = ET.fromstring(svg.split("?>", 1)[-1])
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    texts: list[dict] = []

    def visit(element: ET.Element, dx: float, dy: float, size: float, rtl: bool) -> None:
        size = float(element.get("font-size", size))
        rtl = element.get("direction", "rtl" if rtl else "ltr") == "rtl"
        for child in list(element):
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "text":
                style = _style(child)
                texts.append({
                    "x": dx + float(child.get("x", 0)), "y": dy + float(child.get("y", 0)),
                    "anchor": child.get("text-anchor", "start"),
                    "size": float(child.get("font-size", size)),
                    "bold": "700" in (style.get("font-weight", ""), child.get("font-weight", "")),
                    "fill": style.get("fill", child.get("fill", "#000000")),
                    "halo": style.get("stroke", "") if style.get("paint-order") == "stroke" else "",
                    "rtl": child.get("direction", "rtl" if rtl else "ltr") == "rtl",
                    "text": _text_content(child),
                })
                element.remove(child)
            elif tag == "svg":
                visit(child, dx + float(child.get("x", 0)), dy + float(child.get("y", 0)), size, rtl)
            elif tag not in ("title", "desc", "defs"):
                visit(child, dx, dy, size, rtl)

    visit(root, 0.0, 0.0, float(root.get("font-size", charts.SIZE)), root.get("direction") == "rtl")
    return {"width": width, "height": height, "svg": ET.tostring(root, encoding="unicode"), "texts": texts}


def draw_png(svgs: list[str]) -> list[bytes]:
    """PNG bytes of each standalone SVG, from one Typst run, with the vendored fonts only."""
    if not svgs:
        return []
    import typst

    payload = json.dumps([split_text(svg) for svg in svgs], ensure_ascii=False)
    images = typst.compile(str(PNG_TEMPLATE), root=str(HERE), font_paths=[str(FONTS)], ignore_system_fonts=True,
                           format="png", ppi=72 * PNG_SCALE, sys_inputs={"charts": payload})
    return images if isinstance(images, list) else [images]



def _amount_cells(amount, scale: Decimal = Decimal(1)) -> list[str]:
    return list(opendata._amount(amount, scale))


GW_IN_MW = Decimal(1000)  # aggregates add capacity in gigawatts; the CSV gives megawatts, as deals.csv does


def chart_rows(ctx: render.Ctx, chart_id: str) -> list[list[str]]:
    """The chart's numbers as CSV rows (no header), in the page's language for names."""
    data, kind = ctx.data, CSV_OF[chart_id]
    rows: list[list[str]] = []
    if kind == "money":
        measure = agg.INTO_OPENAI if chart_id == "into-openai" else agg.OPENAI_BUYS
        for partner in agg.by_partner(data, measure):
            rows.append([partner.company, ctx.company_name(partner.company), *_amount_cells(partner.total),
                         ";".join(d.id for d, _ in partner.items)])
    elif kind == "capacity":
        for measure in (agg.SITES, agg.CHIPS):
            for deal, _ in agg.counted(data, measure):
                rows.append([measure.basis, deal.id, deal.title[ctx.lang],
                             *_amount_cells(agg.deal_amount(deal, measure), GW_IN_MW)])
    elif kind == "timeline":
        for date, key, item in render.timeline_events(data):
            title = data.deals[key].title[ctx.lang] if key else item.title[ctx.lang]
            status = item.status if key else "milestone"
            rows.append([date.isoformat(), key or "", title, status,
                         ctx.status_label(status) if key else ctx.t("milestone"), item.note[ctx.lang]])
    else:
        for edge in charts.flow_edges(ctx):
            rows.append([edge.payer, ctx.company_name(edge.payer), edge.payee, ctx.company_name(edge.payee),
                         edge.kind, data.labels.flow_kinds[edge.kind][ctx.lang], *_amount_cells(edge.amount),
                         ";".join(d.id for d in edge.deals)])
    return rows


def chart_csv(ctx: render.Ctx, chart_id: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS[CSV_OF[chart_id]])
    writer.writerows(chart_rows(ctx, chart_id))
    return buffer.getvalue().encode("utf-8-sig")


def _png_name(svg: str) -> str:
    """A chart PNG's cache name: a hash of its SVG, the template that draws it and the fonts."""
    digest = hashlib.sha256(cards.renderer_digest(PNG_TEMPLATE).encode())
    digest.update(svg.encode())
    return f"{digest.hexdigest()[:24]}.png"


def files(ctx: render.Ctx, cache_dir: Path | None = None) -> dict[str, bytes]:
    """Every chart's SVG, PNG and CSV for ctx's language: {path under the language root: bytes}.
    With a cache folder, a PNG is drawn only when its SVG (or the template or fonts) changed."""
    svgs = {chart_id: standalone_svg(ctx, chart_id) for chart_id in charts.CHARTS}
    names = {chart_id: _png_name(svg) for chart_id, svg in svgs.items()}
    pngs, _ = cards.drawn_once({names[c]: svg for c, svg in svgs.items()}, draw_png, cache_dir)
    out: dict[str, bytes] = {}
    for chart_id, svg in svgs.items():
        out[f"{FOLDER}/{chart_id}.svg"] = svg.encode("utf-8")
        out[f"{FOLDER}/{chart_id}.png"] = pngs[names[chart_id]]
        out[f"{FOLDER}/{chart_id}.csv"] = chart_csv(ctx, chart_id)
    return out


# ---------------------------------------------------------------------------
# The kit beside a chart, and the embed page


def _key(chart_id: str) -> str:
    """The chart's label key in data/labels.yaml (chart-<key> is its title, chart-<key>-desc its description)."""
    return "flow" if chart_id == "money-flow" else chart_id


def chart_title(ctx: render.Ctx, chart_id: str) -> str:
    return l10n.strip_isolates(ctx.t(f"chart-{_key(chart_id)}"))


def citation(ctx: render.Ctx, chart_id: str) -> str:
    return ctx.t("chart-cite").format(
        title=chart_title(ctx, chart_id), site=ctx.data.site.title[ctx.lang],
        date=ctx.loc.date(ctx.data.site.as_of), url=chart_url(ctx, chart_id))


def _citation_html(ctx: render.Ctx, chart_id: str) -> str:
    """The citation as it is copied: plain text (in a <blockquote>, which gets no glossary
    links), its address one left-to-right unit inside Arabic (isolated before the Latin-run
    isolation could cut it into pieces)."""
    url = chart_url(ctx, chart_id)
    return str(Markup(escape(ctx.t("chart-cite"))).format(
        title=ctx.html(chart_title(ctx, chart_id)), site=ctx.html(ctx.data.site.title[ctx.lang]),
        date=ctx.html(ctx.loc.date(ctx.data.site.as_of)), url=Markup('<bdi dir="ltr">{}</bdi>').format(url)))


def _with_code(ctx: render.Ctx, text: str) -> Markup:
    """Text in which `backticked` names (a column, a path) are code, kept left to right."""
    parts = text.split("`")
    return Markup("").join(Markup('<code dir="ltr">{}</code>').format(p) if i % 2 else ctx.html(p)
                           for i, p in enumerate(parts))


def chart_url(ctx: render.Ctx, chart_id: str) -> str:
    return ctx.base_url + render.page_url("charts.md") + f"#chart-{chart_id}"


def embed_src(chart_id: str) -> str:
    return f"{EMBED}/{chart_id}.md"


def iframe(ctx: render.Ctx, chart_id: str, height: float) -> str:
    url = ctx.base_url + render.page_url(embed_src(chart_id))
    # escaped for an attribute in double quotes, and no more: the code is read by people too
    title = chart_title(ctx, chart_id).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return (f'<iframe src="{escape(url)}" title="{title}" width="100%" height="{round(height)}" '
            f'style="border:0" loading="lazy"></iframe>')


def embed_height(chart: charts.Chart) -> float:
    """The iframe's height on a phone-width column (about 340 px): the chart, scaled to it, its
    caption, notes wrapped at about 45 characters a line, the table's summary and the source."""
    height = float(ET.fromstring(chart.svg).get("viewBox").split()[3])
    notes = len(enrich.text_of(chart.more)) + len(l10n.strip_isolates(chart.note))
    return height * 340 / 400 + 60 + (notes / 45 + 1) * 21 + 110


def kit(ctx: render.Ctx, page: str, chart_id: str, chart: charts.Chart) -> dict:
    """What templates/html/kit.html shows under a chart: download, the CSV's columns, embed and
    cite, as plain links and <details> (kit.js adds a copy button where JavaScript runs)."""
    root = render.to_root(page)
    return {
        "download_label": ctx.html(ctx.t("chart-download")),
        "files": [{"href": Markup(f"{root}{FOLDER}/{chart_id}.{ext}"), "label": label}
                  for ext, label in (("png", "PNG"), ("svg", "SVG"), ("csv", ctx.t("chart-csv")))],
        "columns_label": ctx.html(ctx.t("chart-columns")),
        "columns": [(name, _with_code(ctx, ctx.t("csv-" + name.replace("_", "-")))) for name in CSV_COLUMNS[CSV_OF[chart_id]]],
        "embed_label": ctx.html(ctx.t("chart-embed")),
        "embed_how": ctx.html(ctx.t("chart-embed-how")),
        "embed_href": Markup(render.href(page, embed_src(chart_id))),
        "embed_preview": ctx.html(ctx.t("chart-embed-preview")),
        "copy_label": ctx.t("copy"), "copied_label": ctx.t("copied"),
        "snippet": iframe(ctx, chart_id, embed_height(chart)),  # shown as text, escaped by the template
        "cite_label": ctx.html(ctx.t("chart-cite-label")),
        "citation": Markup(_citation_html(ctx, chart_id)),
    }


def embed_page(ctx: render.Ctx, chart_id: str) -> str:
    """A page with nothing but the chart, its notes, its data and its source line: the
    template (overrides/embed.html) has no header, navigation or footer."""
    src = embed_src(chart_id)
    back = render.href(src, "charts.md", f"chart-{chart_id}")
    credit = Markup(f'<p class="ox-embed__source"><a href="{back}" target="_blank" rel="noopener">'
                    f"{ctx.html(source_line(ctx))}</a></p>")
    return (
        render.front_matter(chart_title(ctx, chart_id), ctx.t(f"chart-{_key(chart_id)}-desc"), template="embed.html")
        + charts.figure(ctx, chart_id, src, kit=False, credit=credit)
    )


def embed_pages(ctx: render.Ctx) -> dict[str, str]:
    return {embed_src(chart_id): embed_page(ctx, chart_id) for chart_id in charts.CHARTS}
