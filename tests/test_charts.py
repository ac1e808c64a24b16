"""Charts are inline SVG built from data: accessible, localised, mirrored in Arabic, true to the numbers."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from explainer import aggregates as agg
from explainer import charts, l10n, placeholders, render
from explainer.model import Deal
from helpers import Doc

SVG = "{http://www.w3.org/2000/svg}"
CHART_FUNCTIONS = {
    "into-openai": charts.into_openai,
    "openai-buys": charts.openai_buys,
    "capacity": charts.capacity,
    "timeline": charts.timeline,
    "money-flow": charts.money_flow,
}
BAR_CHARTS = ["into-openai", "openai-buys", "capacity"]
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def svg_of(data, lang: str, chart: str) -> ET.Element:
    return ET.fromstring(CHART_FUNCTIONS[chart](render.Ctx.make(data, lang)))


def texts(root: ET.Element) -> list[str]:
    """Every text node a reader (or screen reader) meets: <title>, <desc> and <text>."""
    return [
        "".join(el.itertext())
        for el in root.iter()
        if el.tag in (f"{SVG}title", f"{SVG}desc", f"{SVG}text")
    ]


def num(value: str) -> float:
    return float(value)


def with_deals(data, *deals: dict):
    extra = {d["id"]: Deal.model_validate(d) for d in deals}
    return data.model_copy(update={"deals": {**data.deals, **extra}})


def deal(id: str, parties: list[tuple[str, str]], value: dict, **more) -> dict:
    status = [{"date": "2025-11-01", "status": "announced", "note": {"ar": "أُعلنت.", "en": "Announced."}, "sources": ["src-a"]}]
    return {
        "id": id, "title": {"ar": f"صفقة {id}", "en": f"Deal {id}"}, "summary": {"ar": "ملخص.", "en": "Summary."},
        "kind": "funding-round", "parties": [{"company": c, "role": r} for c, r in parties],
        "value": value, "announced": "2025-11-01", "status": status, "sources": ["src-a"],
        "verified": "2026-11-30", **more,
    }


# ---------------------------------------------------------------------------
# Every chart


@pytest.mark.parametrize("chart", CHART_FUNCTIONS)
@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("which", ["fixture_data", "real_data"])
def test_every_chart_is_an_accessible_scalable_svg(chart, lang, which, request):
    data = request.getfixturevalue(which)
    root = svg_of(data, lang, chart)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") is None and root.get("height") is None  # sized by the viewBox and CSS
    assert len(root.get("viewBox").split()) == 4
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text.strip() and desc.text.strip()
    assert (root.get("direction") == "rtl") == (lang == "ar")


def test_chart_text_is_in_the_page_language(real_data):
    for chart in CHART_FUNCTIONS:
        ar = " ".join(texts(svg_of(real_data, "ar", chart)))
        en = " ".join(texts(svg_of(real_data, "en", chart)))
        assert not ARABIC_LETTER.search(en), chart
        assert "billion" not in ar and "Nvidia" not in ar, chart
    value_ar = " ".join(texts(svg_of(real_data, "ar", "into-openai")))
    assert "سوفت بنك" in value_ar and "مليار دولار" in value_ar
    assert "أوراكل" in " ".join(texts(svg_of(real_data, "ar", "openai-buys")))
    assert "غيغاواط" in " ".join(texts(svg_of(real_data, "ar", "capacity")))
    timeline_ar = " ".join(texts(svg_of(real_data, "ar", "timeline")))
    assert "يناير 2025" in timeline_ar and "أكتوبر" in timeline_ar
    assert "January 2025" in " ".join(texts(svg_of(real_data, "en", "timeline")))
    flow_ar = " ".join(texts(svg_of(real_data, "ar", "money-flow")))
    assert "إنفيديا" in flow_ar and "أوبن إيه آي" in flow_ar and "استثمار في رأس المال" in flow_ar


def test_arabic_indic_digits_reach_every_chart_text(real_data):
    data = real_data.model_copy(update={"site": real_data.site.model_copy(update={"arabic_digits": "arab"})})
    for chart in CHART_FUNCTIONS:
        ar = texts(svg_of(data, "ar", chart))
        assert not any(re.search("[0-9]", t) for t in ar), chart
        assert any(re.search("[٠-٩]", t) for t in ar), chart
        assert re.search("[٠-٩]", " ".join(texts(svg_of(data, "en", chart)))) is None


def test_text_from_data_is_escaped(fixture_data):
    nvidia = fixture_data.companies["nvidia"]
    evil = nvidia.model_copy(update={"name": nvidia.name.model_copy(update={"en": "<b>Nv</b> {{ figure:x }}"})})
    data = fixture_data.model_copy(update={"companies": {**fixture_data.companies, "nvidia": evil}})
    ctx = render.Ctx.make(data, "en")
    for chart in charts.CHARTS:
        html = charts.figure(ctx, chart)
        assert "<b>" not in html and "{{" not in html
        ET.fromstring(CHART_FUNCTIONS[chart](ctx))  # still well-formed


def test_a_range_keeps_left_to_right_order_inside_arabic_svg_text():
    out = charts._svg_text(f"{l10n.LRI}50–60{l10n.PDI} مليار <دولار>")
    assert out == '<tspan direction="ltr" unicode-bidi="embed">50–60</tspan> مليار &lt;دولار&gt;'


# ---------------------------------------------------------------------------
# Bar charts


def bars(root: ET.Element) -> tuple[float, list[tuple[str, float, float]]]:
    axis = root.find(f"{SVG}path[@class='ox-axis']").get("d")
    axis_x = num(re.match(r"M([\d.]+) ", axis).group(1))
    rects = [
        (r.get("data-key"), num(r.get("x")), num(r.get("width")))
        for r in root.iter(f"{SVG}rect") if r.get("class") == "ox-bar"
    ]
    return axis_x, rects


@pytest.mark.parametrize("chart", BAR_CHARTS)
def test_arabic_bars_grow_leftwards_from_a_right_hand_axis(chart, real_data):
    axis_ar, bars_ar = bars(svg_of(real_data, "ar", chart))
    axis_en, bars_en = bars(svg_of(real_data, "en", chart))
    assert axis_ar > 200 > axis_en
    assert bars_ar and all(x + width == pytest.approx(axis_ar, abs=0.11) for _, x, width in bars_ar)
    assert all(x == pytest.approx(axis_en, abs=0.06) for _, x, _ in bars_en)
    # Arabic labels sit to the right of the axis, English ones to its left
    names_ar = [num(t.get("x")) for t in svg_of(real_data, "ar", chart).iter(f"{SVG}text")
                if t.get("class") == "ox-label" and t.get("text-anchor") == "end"]
    assert names_ar and all(x > axis_ar for x in names_ar)


def test_bar_lengths_are_proportional_to_values(fixture_data, real_data):
    _, rects = bars(svg_of(fixture_data, "en", "capacity"))
    width = {key: w for key, _, w in rects}
    assert width["nvidia-loi"] > width["amd"]
    assert width["amd"] / width["nvidia-loi"] == pytest.approx(6 / 10, rel=0.01)
    for chart in ("into-openai", "openai-buys"):  # longest first
        widths = [w for _, _, w in bars(svg_of(real_data, "en", chart))[1]]
        assert widths == sorted(widths, reverse=True)


def test_money_chart_credits_each_investor_its_own_flow_and_skips_parts(fixture_data):
    invest = lambda who, amount: {"payer": who, "payee": "openai", "kind": "equity-investment",  # noqa: E731
                                  "amount": {"kind": "exact", "amount": amount}}
    round_ = deal("round", [("openai", "recipient"), ("nvidia", "investor"), ("amd", "investor")],
                  {"kind": "exact", "amount": "40 billion"},
                  flows=[invest("nvidia", "30 billion"), invest("amd", "10 billion")])
    part = deal("part", [("openai", "recipient"), ("amd", "investor")], {"kind": "exact", "amount": "5 billion"},
                flows=[invest("amd", "5 billion")], part_of="round")
    data = with_deals(fixture_data, round_, part)
    root = ET.fromstring(charts.into_openai(render.Ctx.make(data, "en")))
    width = {key: w for key, _, w in bars(root)[1]}
    # the letter of intent's ceiling is not money in; the part is inside the round
    assert width["amd"] / width["nvidia"] == pytest.approx(10 / 30, rel=0.02)
    labels = [t.text for t in root.iter(f"{SVG}text") if "ox-value" in (t.get("class") or "")]
    assert labels == ["$30 billion", "$10 billion"]
    desc = root.find(f"{SVG}desc").text
    assert "Left out of the total: Deal part (part of Deal round, which is counted in the same total)." in desc
    assert "Total, with no deal counted twice: $40 billion." in desc


# ---------------------------------------------------------------------------
# Timeline


def test_timeline_has_a_dot_per_event_in_order(real_data):
    for lang in ("ar", "en"):
        root = svg_of(real_data, lang, "timeline")
        dots = [el for el in root.iter() if "ox-dot" in (el.get("class") or "").split()]  # events, not the key
        assert len(dots) == len(render.timeline_events(real_data))
        ys = [num(d.get("cy") or d.get("y")) for d in dots]
        assert ys == sorted(ys)
        xs = {round(num(d.get("cx")) if d.get("cx") else num(d.get("x")) + 4.5, 1) for d in dots}
        assert len(xs) == 1 and ((xs.pop() > 200) == (lang == "ar"))  # the axis is on the reading side


# ---------------------------------------------------------------------------
# Money flow


def node_centres(root: ET.Element) -> dict[tuple[str, str | None], tuple[float, float]]:
    """(company, side) -> centre of its box; the hub is (id, None)."""
    out = {}
    for g in root.iter(f"{SVG}g"):
        shape = g.find(f"{SVG}circle")
        if shape is not None:
            out[(g.get("data-id"), None)] = (num(shape.get("cx")), num(shape.get("cy")))
        else:
            r = g.find(f"{SVG}rect")
            out[(g.get("data-id"), g.get("data-side"))] = (num(r.get("x")) + num(r.get("width")) / 2,
                                                           num(r.get("y")) + num(r.get("height")) / 2)
    return out


def boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    return [(num(r.get("x")), num(r.get("y")), num(r.get("x")) + num(r.get("width")), num(r.get("y")) + num(r.get("height")))
            for g in root.iter(f"{SVG}g") if g.get("data-side") for r in g.findall(f"{SVG}rect")]


def ends(path: ET.Element) -> tuple[tuple[float, float], tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_money_flow_draws_one_arrow_per_aggregated_flow(real_data, lang):
    ctx = render.Ctx.make(real_data, lang)
    root = ET.fromstring(charts.money_flow(ctx))
    edges = charts.flow_edges(ctx)
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("data-from")]
    assert sorted((a.get("data-from"), a.get("data-to"), a.get("marker-end")) for a in arrows) == sorted(
        (e.payer, e.payee, f"url(#ox-arrow-{charts.STYLE[e.kind]})") for e in edges
    )
    assert len({(e.payer, e.payee, e.kind) for e in edges}) == len(edges)
    centres = node_centres(root)
    hub = centres[(charts.HUB, None)]
    for arrow in arrows:  # each arrow runs from the payer to the payee
        start, end = ends(arrow)
        payer, payee = arrow.get("data-from"), arrow.get("data-to")
        source = hub if payer == charts.HUB else centres[(payer, "into")]
        target = hub if payee == charts.HUB else centres[(payee, "from")]
        assert math.dist(end, target) < math.dist(start, target)
        assert math.dist(start, source) < math.dist(end, source)
    labels = sorted(t.text for t in root.iter(f"{SVG}text") if "ox-flow-label" in (t.get("class") or ""))
    assert labels == sorted(ctx.loc.money(e.amount) if e.amount.disclosed else ctx.t("undisclosed") for e in edges)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_money_flow_lines_stay_between_the_columns_and_boxes_never_overlap(real_data, lang):
    """Every amount sits in its partner's box, and every line runs in the gap between the
    columns: so no line crosses a label, and no two labels overlap."""
    root = ET.fromstring(charts.money_flow(render.Ctx.make(real_data, lang)))
    placed = boxes(root)
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)
    inner = sorted({a[2] for a in placed} | {a[0] for a in placed})
    left_edge, right_edge = min(b[2] for b in placed), max(b[0] for b in placed)
    for arrow in (p for p in root.iter(f"{SVG}path") if p.get("data-from")):
        xs = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", arrow.get("d"))][0::2]
        assert all(left_edge - 0.5 <= x <= right_edge + 0.5 for x in xs), (arrow.get("d"), left_edge, right_edge, inner[:2])
    # Arabic mirrors the layout: money into OpenAI sits on the reading-start side
    into = [b for g in root.iter(f"{SVG}g") if g.get("data-side") == "into" for b in g.findall(f"{SVG}rect")]
    assert all((num(r.get("x")) > charts.W / 2) == (lang == "ar") for r in into)


def test_flows_add_up_per_pair_and_type_leaving_out_ended_deals(fixture_data):
    pay = lambda amount: {"payer": "openai", "payee": "amd", "kind": "chip-purchase", "amount": amount}  # noqa: E731
    first = deal("first", [("openai", "buyer"), ("amd", "supplier")], {"kind": "undisclosed"},
                 flows=[pay({"kind": "exact", "amount": "38 billion"})])
    second = deal("second", [("openai", "buyer"), ("amd", "supplier")], {"kind": "undisclosed"},
                  flows=[pay({"kind": "up-to", "amount": "100 billion"})])
    ended = deal("ended", [("openai", "buyer"), ("amd", "supplier")], {"kind": "undisclosed"},
                 flows=[pay({"kind": "exact", "amount": "7 billion"})])
    ended["status"].append({"date": "2025-12-01", "status": "cancelled", "note": {"ar": "أُلغيت.", "en": "Cancelled."}, "sources": ["src-a"]})
    data = with_deals(fixture_data, first, second, ended)
    for lang, label in (("en", "up to $138 billion"), ("ar", "ما يصل إلى 138 مليار دولار")):
        ctx = render.Ctx.make(data, lang)
        (edge,) = [e for e in charts.flow_edges(ctx) if e.payee == "amd"]
        assert [d.id for d in edge.deals] == ["first", "second"]  # counted deals only, by date, then id
        assert ctx.loc.money(edge.amount) == label
        root = ET.fromstring(charts.money_flow(ctx))
        assert label in texts(root)
        assert ("Deal ended (latest development: cancelled)" in root.find(f"{SVG}desc").text) == (lang == "en")


# ---------------------------------------------------------------------------
# Figures, the charts page and the placeholder


def test_figure_has_caption_chart_and_the_same_data_as_a_table(real_data):
    for lang, summary in (("ar", "البيانات في جدول"), ("en", "Data as a table")):
        ctx = render.Ctx.make(real_data, lang)
        html = charts.figure(ctx, "into-openai", "charts.md")
        assert html.startswith('<figure class="ox-chart" id="chart-into-openai"><figcaption>')
        assert "\n\n" not in html  # one raw HTML block in Markdown
        doc = Doc(html)
        assert doc.find_all("summary") and summary in doc.text
        rows = len(doc.find_all("tr")) - 1
        assert rows == len(bars(ET.fromstring(charts.into_openai(ctx)))[1])


def test_charts_page_exists_in_both_languages(fixture_data):
    from explainer import pages
    for lang in ("ar", "en"):
        md = pages.generated_pages(fixture_data, lang)["charts.md"]
        assert md.startswith("---\n" + render.GENERATED_MARK)
        assert md.count('<figure class="ox-chart"') == len(charts.CHARTS) == 5
        assert md.count('role="img"') == 5


def test_chart_placeholder(fixture_data):
    ctx = render.Ctx.make(fixture_data, "ar")
    out = placeholders.resolve("intro\n\n{{ chart:money-flow }}\n", ctx, "circular-deals.md", "docs/ar/circular-deals.md")
    assert '<figure class="ox-chart" id="chart-money-flow">' in out and "إنفيديا" in out
    with pytest.raises(placeholders.PlaceholderError) as error:
        placeholders.resolve("{{ chart:pie }}", ctx, "index.md", "docs/ar/index.md")
    assert error.value.problems == [
        "docs/ar/index.md:1: {{ chart:pie }}: no chart 'pie' "
        "(known: into-openai, openai-buys, capacity, timeline, money-flow)"
    ]


# ---------------------------------------------------------------------------
# Bounded: no figure grows with the number of deals

FIGURE_BUDGET = 40_000  # bytes of HTML per figure (SVG, notes and table), whatever the data


@pytest.fixture(scope="module")
def thousand_deals(tmp_path_factory):
    """bench.py's synthetic data set: 1000 deals, 200 partner companies (made and loaded once)."""
    import bench
    from explainer.loader import load
    target = tmp_path_factory.mktemp("synthetic") / "data"
    bench.synthetic_data(target, 1000)
    return load(target)


def table_rows(html: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def svg_in(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))


def notes(html: str) -> list[str]:
    return re.findall(r'<p class="ox-chart__note">(.*?)</p>', html, re.S)


@pytest.mark.xdist_group("thousand-deals")
@pytest.mark.parametrize("chart", CHART_FUNCTIONS)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_figure_stays_small_with_a_thousand_deals(thousand_deals, chart, lang):
    html = charts.figure(render.Ctx.make(thousand_deals, lang), chart)
    assert len(html.encode("utf-8")) < FIGURE_BUDGET
    ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))  # still well-formed
    for row in table_rows(html):  # the last cell lists a few deals, then "and N more"
        assert row[-1].count("<a ") <= charts.MAX_LISTED


@pytest.mark.xdist_group("thousand-deals")
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_money_chart_shows_the_largest_partners_and_one_bar_for_the_rest(thousand_deals, lang):
    ctx = render.Ctx.make(thousand_deals, lang)
    html = charts.figure(ctx, "openai-buys")
    root = svg_in(html)
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "ox-bar"]
    assert len(rects) == charts.MAX_BARS + 1 == len(table_rows(html))

    partners = [p for p in agg.by_partner(thousand_deals, agg.OPENAI_BUYS) if p.total.disclosed]
    shown, omitted = partners[:charts.MAX_BARS], partners[charts.MAX_BARS:]
    assert [r.get("data-key") for r in rects[:-1]] == [p.company for p in shown]
    assert rects[-1].get("data-key") is None and rects[-1].get("data-others") == "1"
    # the "others" bar is the sum of the omitted partners' disclosed amounts
    amount = agg.add(a for p in omitted for _, a in p.items)
    assert amount.amount == sum(p.total.high for p in omitted)
    name = ctx.t("chart-other-partners").format(n=ctx.loc.number(len(omitted)))
    assert name == {"en": f"Other partners ({len(omitted)})", "ar": f"شركاء آخرون ({len(omitted)})"}[lang]
    assert table_rows(html)[-1][:2] == [str(ctx.html(name)), str(ctx.html(ctx.loc.money(amount)))]
    assert f"{name}: {ctx.loc.money(amount)}" in root.find(f"{SVG}desc").text
    widths = [num(r.get("width")) for r in rects]
    assert widths[:-1] == sorted(widths[:-1], reverse=True)


@pytest.mark.xdist_group("thousand-deals")
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_not_counted_lists_a_few_deals_then_how_many_more(thousand_deals, lang):
    ctx = render.Ctx.make(thousand_deals, lang)
    left_out = agg.left_out(thousand_deals, agg.OPENAI_BUYS)
    assert len(left_out) > charts.MAX_LISTED
    note = notes(charts.figure(ctx, "openai-buys"))[0]
    rest = len(left_out) - charts.MAX_LISTED
    more = {"en": f"and {rest} more.", "ar": f"و{ctx.loc.count(rest, 'deal')} غيرها."}[lang]
    assert str(ctx.html(more)) in note


def test_and_n_more_in_both_languages(fixture_data):
    items = [f"d{i}" for i in range(charts.MAX_LISTED + 2)]
    en, ar = (charts._some(render.Ctx.make(fixture_data, lang), items) for lang in ("en", "ar"))
    assert en == ", ".join(items[:charts.MAX_LISTED]) + " and 2 more"
    assert ar == "، ".join(items[:charts.MAX_LISTED]) + " وصفقتان غيرها"
    assert charts._some(render.Ctx.make(fixture_data, "en"), items[:charts.MAX_LISTED]) == ", ".join(items[:-2])


@pytest.mark.xdist_group("thousand-deals")
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_timeline_chart_shows_the_latest_events_and_links_to_the_rest(thousand_deals, lang):
    ctx = render.Ctx.make(thousand_deals, lang)
    html = charts.figure(ctx, "timeline", "charts.md")
    root = svg_in(html)
    dots = [el for el in root.iter() if "ox-dot" in (el.get("class") or "").split()]  # events, not the key
    latest = render.timeline_events(thousand_deals)[-charts.MAX_EVENTS:]
    assert len(dots) == charts.MAX_EVENTS
    assert [re.search(r'datetime="([^"]+)"', row[0]).group(1) for row in table_rows(html)] == [
        day.isoformat() for day, _, _ in latest
    ]
    shown = ctx.t("chart-timeline-latest").format(n=ctx.loc.number(charts.MAX_EVENTS), link=ctx.t("timeline"))
    assert root.find(f"{SVG}desc").text.endswith(shown)
    (note,) = notes(html)
    assert f'<a href="../timeline/">{ctx.t("timeline")}</a>' in note
    assert charts.figure(ctx, "timeline", "circular-deals.md").count('<a href="../timeline/">') == 1


@pytest.mark.xdist_group("thousand-deals")
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_money_flow_shows_the_partners_with_the_largest_flows(thousand_deals, lang):
    ctx = render.Ctx.make(thousand_deals, lang)
    html = charts.figure(ctx, "money-flow")
    root = svg_in(html)
    centres = node_centres(root)
    assert len({company for company, _ in centres}) == charts.MAX_FLOW_PARTNERS + 1 and (charts.HUB, None) in centres
    edges = charts.flow_edges(ctx)
    total: dict[str, float] = {}
    for edge in edges:
        total[edge.payee] = total.get(edge.payee, 0) + float(edge.amount.high or 0)
    kept = list(dict.fromkeys(c for c, _ in centres if c != charts.HUB))
    omitted = set(total) - set(kept)
    assert min(total[c] for c in kept) >= max(total[c] for c in omitted)
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("data-from")]
    assert len(arrows) == len(table_rows(html)) == len([e for e in edges if e.payee in kept])
    left_out = ctx.t("chart-flow-largest").format(
        n=ctx.loc.number(charts.MAX_FLOW_PARTNERS), companies=ctx.loc.count(len(omitted), "company"))
    assert left_out in root.find(f"{SVG}desc").text
    assert str(ctx.html(left_out)) in notes(html)


def test_money_flow_ranks_partners_by_disclosed_flow_then_number_then_id():
    def edge(partner, amount, n=1):  # amount: a disclosed number, 0 for undisclosed, None for ended
        value = charts.Amount(kind="exact", amount=amount) if amount else charts.Amount(kind="undisclosed")
        return agg.Edge("openai", partner, "cloud-purchase", [None] * n, value)

    many = [edge(f"p{i:02}", 0) for i in range(20)]
    pair = edge("a-pair", 0, 2)  # undisclosed: ranked by its number of flows
    edges, omitted = charts._largest_flows([*many, edge("z-big", 5), edge("z-busy", 0, 3), pair])
    partners = {e.payee for e in edges}
    assert omitted == 23 - charts.MAX_FLOW_PARTNERS
    assert partners == {"z-big", "z-busy", "a-pair", *(f"p{i:02}" for i in range(charts.MAX_FLOW_PARTNERS - 3))}
    assert [e.payee for e in edges][-3:] == ["z-big", "z-busy", "a-pair"]  # in their first order


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_real_data_charts_are_not_cut(real_data, lang):
    ctx = render.Ctx.make(real_data, lang)
    for measure in (agg.INTO_OPENAI, agg.OPENAI_BUYS):
        html = charts.figure(ctx, measure.name)
        shown = [p for p in agg.by_partner(real_data, measure) if p.total.disclosed]
        assert len(bars(svg_in(html))[1]) == len(shown) == len(table_rows(html)) <= charts.MAX_BARS
        assert "data-others" not in html and len(agg.left_out(real_data, measure)) <= charts.MAX_LISTED
    html = charts.figure(ctx, "timeline")
    assert len(table_rows(html)) == len(render.timeline_events(real_data)) <= charts.MAX_EVENTS
    assert not notes(html)
    html = charts.figure(ctx, "money-flow")
    edges = charts.flow_edges(ctx)
    assert len(table_rows(html)) == len(edges)
    assert {c for c, _ in node_centres(svg_in(html))} == {c for e in edges for c in (e.payer, e.payee)}
    assert ctx.t("chart-flow-largest").split("{")[0] not in html
