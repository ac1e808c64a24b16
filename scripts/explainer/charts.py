"""Charts as inline SVG, drawn at build time from data: no JavaScript, one figure per chart.

Each chart is laid out in logical coordinates (x grows in the reading direction) and
mirrored for Arabic, so Arabic bars grow leftwards from a right-hand axis and labels
sit on the right. Text is formatted by the page's Localiser, escaped, and set in the
page's direction; a range's left-to-right run becomes a <tspan direction="ltr">, as
<bdi> does in HTML. Colours are CSS classes (overrides/assets/site.css), so the charts
follow light mode, dark mode and print.

Every figure carries the same data as an HTML table in a <details>, for screen readers
and for readers without SVG. Values count top-level deals only (not `part_of` another)
and leave out deals since replaced or cancelled, as the computed totals do.

No figure grows with the number of deals (readers are on phones on slow networks): the
limits below cap bars, events, companies and listed items, and each figure says, in its
<desc> and under the chart, what it leaves out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup, escape

from . import aggregates as agg
from . import l10n, markup, render
from .model import FLOW_KINDS, Amount, Capacity, Deal

HUB = agg.HUB  # the company every chart is about
W = 400  # viewBox width: about one unit per CSS pixel on a phone
SIZE = 13  # default font size, in viewBox units

MAX_BARS = 12  # partners with a bar of their own; the rest share one "other partners" bar
MAX_LISTED = 10  # items in a "not counted" list or a table cell before "and N more"
MAX_EVENTS = 40  # most recent events on the timeline chart (the timeline page has them all)
MAX_FLOW_PARTNERS = 12  # partners with the largest disclosed flows on the money-flow chart


# ---------------------------------------------------------------------------
# Text


_ARABIC = re.compile("[\u0600-\u06ff]")


def _width(text: str, size: float) -> float:
    """A generous estimate of the rendered width of text (no font metrics at build time): joined
    Arabic letters take less room than Latin ones in the site's fonts."""
    text = l10n.strip_isolates(text)
    arabic = len(_ARABIC.findall(text))
    return size * (0.46 * arabic + 0.58 * (len(text) - arabic))


def _local(ctx: render.Ctx, text: str) -> str:
    """Data text in the page's digits: Arabic-Indic digits where the site asks for them
    (digits inside a Latin name such as MI450 stay as they are)."""
    if ctx.loc.digits != "arab":
        return text
    return re.sub(r"(?<![A-Za-z0-9])[0-9]+", lambda m: m.group(0).translate(l10n.ARABIC_INDIC), text)


_LTR_RUN = re.compile(f"{l10n.LRI}([^{l10n.PDI}]*){l10n.PDI}")


def _svg_text(text: str) -> str:
    """Escaped SVG text, escaped as l10n.to_html() does; SVG has no <bdi>, so a left-to-right
    run (a range) becomes a <tspan> with its direction, and other isolates are dropped."""
    escaped = str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")
    escaped = _LTR_RUN.sub(r'<tspan direction="ltr" unicode-bidi="embed">\1</tspan>', escaped)
    return l10n.strip_isolates(escaped)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Canvas:
    """SVG elements in logical coordinates, mirrored horizontally for right-to-left pages."""

    def __init__(self, ctx: render.Ctx, name: str):
        self.ctx, self.name, self.rtl = ctx, name, ctx.lang == "ar"
        self.parts: list[str] = []

    def x(self, x: float) -> str:
        return _n(W - x if self.rtl else x)

    def text(self, x, y, text, cls="", anchor="start", size=None) -> None:
        attrs = f' class="{cls}"' if cls else ""
        attrs += f' text-anchor="{anchor}"' if anchor != "start" else ""
        attrs += f' font-size="{_n(size)}"' if size else ""
        self.parts.append(f'<text x="{self.x(x)}" y="{_n(y)}"{attrs}>{_svg_text(_local(self.ctx, text))}</text>')

    def rect(self, x, y, w, h, cls, extra="") -> None:
        left = W - x - w if self.rtl else x
        self.parts.append(f'<rect class="{cls}" x="{_n(left)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{extra}/>')

    def path(self, points, cls, extra="") -> None:
        d = "M" + " L".join(f"{self.x(x)} {_n(y)}" for x, y in points)
        self.parts.append(f'<path class="{cls}" d="{d}"{extra}/>')

    def curve(self, p0, c1, c2, p1, cls, extra="") -> None:
        """A cubic Bézier from p0 to p1 through control points c1 and c2."""
        d = f"M{self.x(p0[0])} {_n(p0[1])} C{self.x(c1[0])} {_n(c1[1])} {self.x(c2[0])} {_n(c2[1])} {self.x(p1[0])} {_n(p1[1])}"
        self.parts.append(f'<path class="{cls}" d="{d}"{extra}/>')

    def circle(self, x, y, r, cls) -> None:
        self.parts.append(f'<circle class="{cls}" cx="{self.x(x)}" cy="{_n(y)}" r="{_n(r)}"/>')

    def svg(self, height: float, title: str, desc: str, defs: str = "") -> str:
        uid = f"ox-{self.name}-{self.ctx.lang}"
        direction = ' direction="rtl"' if self.rtl else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="ox-svg" role="img" '
            f'aria-labelledby="{uid}-title {uid}-desc" viewBox="0 0 {W} {_n(height)}" '
            f'font-size="{SIZE}"{direction}>'
            f'<title id="{uid}-title">{_svg_text(_local(self.ctx, title))}</title>'
            f'<desc id="{uid}-desc">{_svg_text(_local(self.ctx, desc))}</desc>'
            f"{defs}{''.join(self.parts)}</svg>"
        )


# ---------------------------------------------------------------------------
# Figures


@dataclass
class Chart:
    title: str
    svg: str
    head: list[str]  # table column labels
    rows: list[list[str]] = field(default_factory=list)  # table cells, as HTML
    note: str = ""  # shown under the chart (what is not counted)
    more: str = ""  # HTML line under the chart: what the chart leaves out, and where to find it


def figure(ctx: render.Ctx, chart_id: str, page: str = "charts.md", kit: bool = True, credit: str = "") -> str:
    """A chart as a <figure> (templates/html/figure.html): caption, SVG, notes, the same data as
    a table, and its reuse kit: downloads, embed and citation (reuse.py). With kit=False (the
    embed page, where the chart is all there is), no kit, the caption is the page's heading,
    and `credit` (HTML) closes the figure."""
    from . import reuse  # reuse draws files from these charts
    if chart_id not in CHARTS:
        raise KeyError(f"no chart '{chart_id}' (known: {', '.join(CHARTS)})")
    chart = CHARTS[chart_id](ctx, page)
    return markup.html(
        "figure.html", id=chart_id, heading=not kit, title=ctx.html(chart.title), svg=Markup(chart.svg),
        more=Markup(chart.more) if chart.more else "", note=ctx.html(chart.note) if chart.note else "",
        data_label=ctx.t("chart-data"), head=chart.head, rows=[[Markup(c) for c in r] for r in chart.rows],
        kit=reuse.kit(ctx, page, chart_id, chart) if kit else None, credit=Markup(credit),
    )


def charts_page(ctx: render.Ctx) -> str:
    title = ctx.t("charts")
    return (
        render.front_matter(title, ctx.t("charts-intro"), hide=["navigation", "toc"])
        + f"# {ctx.md(title)}\n\n"
        + f'<p class="ox-lede">{ctx.html(ctx.t("charts-intro"))}</p>\n\n'
        + "\n".join(figure(ctx, chart_id) for chart_id in CHARTS)
    )


def _list(ctx: render.Ctx, items) -> str:
    return ctx.comma.join(items)


def _some(ctx: render.Ctx, items, html: bool = False) -> str:
    """A list of at most MAX_LISTED items, then "and N more" (escaped for HTML if html)."""
    items = list(items)
    if len(items) <= MAX_LISTED:
        return _list(ctx, items)
    rest = len(items) - MAX_LISTED
    more = ctx.t("chart-and-more").format(n=ctx.loc.number(rest), deals=ctx.loc.count(rest, "deal"))
    return f"{_list(ctx, items[:MAX_LISTED])} {ctx.html(more) if html else more}"


def _after_colon(ctx: render.Ctx, sentence: str) -> str:
    """A sentence set after a colon: English lower-cases its first word ("A warrant" -> "a warrant"),
    not an acronym or a name in capitals ("AMD", "OpenAI")."""
    if ctx.lang == "en" and sentence[:1].isupper() and sentence[1:2].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence


def _not_counted(ctx: render.Ctx, items: list[str], key: str = "not-counted") -> str:
    return f"{ctx.t(key)}: {_some(ctx, items)}." if items else ""


def _with_link(ctx: render.Ctx, key: str, href: str, text: str, **values) -> str:
    """A label as HTML, its {link} made a link to href with text as the link's text."""
    before, after = ctx.t(key).split("{link}")
    link = f'<a href="{href}">{ctx.html(text)}</a>'
    return f"{ctx.html(before.format(**values))}{link}{ctx.html(after.format(**values))}"


# ---------------------------------------------------------------------------
# Bar charts: money by partner, capacity by deal. Every number comes from aggregates.


def reason_text(ctx: render.Ctx, deal: Deal, reason: str, measure) -> str:
    """Why a deal is left out of a measure, in a phrase: 'part of the Stargate project, which
    is counted in the same total', «آخر تطوّر: استبدال»."""
    ancestor = agg.counting_ancestor(ctx.data, deal, measure) if reason == "part-of" else None
    status = ctx.status_label(deal.current_status.status)
    return ctx.t(f"reason-{reason}").format(
        status=status.lower() if ctx.lang == "en" else status,  # inside a sentence
        deal=render.title_in_text(ctx, ancestor) if ancestor else "",
    )


def _left_out(ctx: render.Ctx, measure) -> list[str]:
    return [f"{render.title_in_text(ctx, deal)} ({reason_text(ctx, deal, why, measure)})"
            for deal, why in agg.left_out(ctx.data, measure)]


@dataclass
class Bar:
    key: str | None  # company or deal id; None for the "others" bar
    name: str
    total: Amount
    items: list[tuple[Deal, Amount]]
    group: str = ""  # a heading row above the first bar of a group


def _draw_bars(ctx: render.Ctx, name: str, bars: list[Bar], fmt) -> tuple[str, float, list[str]]:
    """Horizontal bars with their labels; returns the SVG parts' canvas, its height and the labels."""
    canvas = Canvas(ctx, name)
    labels = [fmt(bar.total) for bar in bars]
    row, thick, small = 30, 20, SIZE - 1
    axis = min(max((_width(bar.name, SIZE) for bar in bars), default=40) + 16, 150)
    room = W - axis - 4
    biggest = max((bar.total.high or Decimal(0) for bar in bars), default=Decimal(1)) or Decimal(1)
    scale = room / float(biggest)
    for _ in range(2):  # the longest bar leaves room for any label that must sit beyond a bar
        for bar, label in zip(bars, labels):
            high = float(bar.total.high or 0)
            ink = _width(label, small) + 12
            if high and ink > high * scale:
                scale = min(scale, (room - ink) / high)
    y = 6
    group = ""
    segments: list[float] = []  # the axis runs beside the bars, never through a group's heading
    for bar, label in zip(bars, labels):
        if bar.group and bar.group != group:
            if group:
                segments.append(y - 4)
            group = bar.group
            canvas.text(0, y + 14, group, "ox-label ox-strong")
            y += 24
        if len(segments) % 2 == 0:
            segments.append(y - 4 if group else 0.0)
        length = float(bar.total.high or 0) * scale
        # a name too long for the label column takes two lines (or more), never the chart's margin
        lines = _wrapped(bar.name, axis - 12, SIZE) if _width(bar.name, SIZE) > axis - 12 else [bar.name]
        extra = (len(lines) - 1) * 14
        y += extra / 2
        for i, line in enumerate(lines):
            canvas.text(axis - 8, y + thick / 2 + 4 - extra / 2 + i * 14, line, "ox-label", anchor="end")
        data = f' data-key="{bar.key}"' if bar.key else ' data-others="1"'
        canvas.rect(axis, y, max(length, 0), thick, "ox-bar", data)
        inside = _width(label, small) + 12 <= length
        canvas.text(axis + length + (-6 if inside else 6), y + thick / 2 + 4, label,
                    "ox-value ox-value--in" if inside else "ox-value", "end" if inside else "start", small)
        y += row + extra / 2
    segments.append(y + 2)
    for top, bottom in zip(segments[::2], segments[1::2]):
        canvas.path([(axis, top), (axis, bottom)], "ox-axis")
    return canvas, y + 2, labels


def _bar_figure(ctx: render.Ctx, page: str, chart_id: str, bars: list[Bar], fmt, notes: list[str],
                head: list[str]) -> Chart:
    canvas, height, labels = _draw_bars(ctx, chart_id, bars, fmt)
    title = ctx.t(f"chart-{chart_id}")
    summary = _list(ctx, (f"{bar.name}: {label}" for bar, label in zip(bars, labels)))
    note = " ".join(n for n in notes if n)
    desc = " ".join(s for s in (ctx.t(f"chart-{chart_id}-desc"), summary and f"{summary}.", note) if s)
    return Chart(
        title, canvas.svg(height, title, desc), head,
        [[str(ctx.html(bar.name)), str(ctx.html(label)),
          _some(ctx, (f"{render.deal_link(ctx, page, d)} ({ctx.html(fmt(a))})" for d, a in bar.items), html=True)]
         for bar, label in zip(bars, labels)],
        note,
    )


def _money_chart(ctx: render.Ctx, page: str, measure: agg.Money) -> Chart:
    partners = agg.by_partner(ctx.data, measure)
    shown = [p for p in partners if p.total.disclosed]
    bars = [Bar(p.company, ctx.company_name(p.company), p.total, p.items) for p in shown[:MAX_BARS]]
    rest = shown[MAX_BARS:]
    if rest:
        items = [item for p in rest for item in p.items]
        name = ctx.t("chart-other-partners").format(n=ctx.loc.number(len(rest)))
        bars.append(Bar(None, name, agg.add(a for _, a in items), items))
    hidden = [ctx.company_name(p.company) for p in partners if not p.total.disclosed]
    notes = [
        f"{ctx.t('chart-undisclosed')}: {_some(ctx, hidden)}." if hidden else "",
        _not_counted(ctx, _left_out(ctx, measure)),
        ctx.t(f"chart-{measure.name}-total").format(total=ctx.loc.money(agg.total(ctx.data, measure))),
    ]
    return _bar_figure(ctx, page, measure.name, bars, ctx.loc.money, notes,
                       [ctx.t("partner"), ctx.t("amount"), ctx.t("deals")])


def _into_openai(ctx, page):
    return _money_chart(ctx, page, agg.INTO_OPENAI)


def _openai_buys(ctx, page):
    return _money_chart(ctx, page, agg.OPENAI_BUYS)


def _capacity_text(ctx: render.Ctx, amount: Amount) -> str:
    """A capacity in gigawatts, or in megawatts below one gigawatt ("750 MW", not "0.75 GW")."""
    if 0 < (amount.high or 0) < 1:
        scaled = {k: (v * 1000 if v is not None else None) for k, v in amount.model_dump().items() if k != "kind"}
        return ctx.loc.capacity(Capacity(kind=amount.kind, **scaled, unit="MW"))
    return ctx.loc.capacity(agg.as_gw(amount))


def _capacity(ctx: render.Ctx, page: str) -> Chart:
    bars: list[Bar] = []
    totals = []
    fmt = lambda a: _capacity_text(ctx, a)  # noqa: E731
    for measure in (agg.SITES, agg.CHIPS):
        group = ctx.t(f"chart-{measure.name}")
        deals = agg.counted(ctx.data, measure)
        bars += [Bar(d.id, d.title[ctx.lang], agg.deal_amount(d, measure), [(d, agg.deal_amount(d, measure))], group)
                 for d, _ in sorted(deals, key=lambda item: -agg.deal_amount(item[0], measure).high)[:MAX_BARS]]
        totals.append(f"{group}: {fmt(agg.total(ctx.data, measure))}")
    left = _left_out(ctx, agg.SITES) + _left_out(ctx, agg.CHIPS)
    notes = [f"{ctx.t('chart-capacity-totals')}. {ctx.semicolon.join(totals)}.", _not_counted(ctx, left)]
    return _bar_figure(ctx, page, "capacity", bars, fmt, notes, [ctx.t("deal"), ctx.t("capacity"), ctx.t("deals")])


# ---------------------------------------------------------------------------
# Timeline


DOT = {  # status -> marker: hollow circle (new), filled circle (firmer), square (setback or end)
    "reported": "new", "announced": "new",
    "confirmed": "firm", "definitive": "firm", "progress": "firm", "expanded": "firm", "completed": "firm",
    "scaled-back": "setback", "frozen": "setback", "paused": "setback",
    "dropped": "end", "replaced": "end", "cancelled": "end",
}


def _quarter_after(day: dt.date) -> dt.date:
    month = (day.month - 1) // 3 * 3 + 4
    return dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)


def _dot(canvas: Canvas, x: float, y: float, kind: str, cls: str) -> None:
    """A timeline marker: a circle for news and firmer steps, a square for a setback or an end."""
    if kind in ("new", "firm"):
        canvas.circle(x, y, 4.5, f"{cls} ox-dot--{kind}")
    else:
        canvas.rect(x - 4.5, y - 4.5, 9, 9, f"{cls} ox-dot--{kind}")


def _timeline(ctx: render.Ctx, page: str) -> Chart:
    every = render.timeline_events(ctx.data)
    events = every[-MAX_EVENTS:]
    start = dt.date(events[0][0].year, 1, 1)
    end = _quarter_after(max(events[-1][0], ctx.data.site.as_of))
    canvas = Canvas(ctx, "timeline")
    top, row, per_day, axis = 16, 36, 0.6, 92
    # Time runs down at per_day units a day, stretched where events come closer than a row,
    # so every event has a row of its own; the quarter ticks show where time was stretched.
    ys: list[float] = []
    for day, _, _ in events:
        y = top + (day - start).days * per_day
        ys.append(max(y, ys[-1] + row) if ys else y)
    last = events[-1][0]
    anchors = [(start, top), *zip((e[0] for e in events), ys), (end, ys[-1] + (end - last).days * per_day)]

    def y_of(day: dt.date) -> float:
        for (d0, y0), (d1, y1) in zip(anchors, anchors[1:]):
            if d0 <= day <= d1:
                return y0 if d0 == d1 else y0 + (y1 - y0) * (day - d0).days / (d1 - d0).days
        return anchors[-1][1]

    height = max(anchors[-1][1], ys[-1] + 22) + 6
    canvas.path([(axis, top), (axis, anchors[-1][1])], "ox-axis")
    tick = start
    while tick <= end:
        y = y_of(tick)
        canvas.path([(axis - 5, y), (axis, y)], "ox-axis")
        canvas.text(axis - 9, y + 4, ctx.loc.month(tick), "ox-muted", "end", SIZE - 2)
        tick = _quarter_after(tick)
    rows = []
    for (day, deal_id, change), y in zip(events, ys):
        title, status, label, _ = render.timeline_entry(ctx, page, deal_id, change)
        kind = DOT.get(status, "new")
        _dot(canvas, axis, y, kind, "ox-dot")
        name = ctx.data.deals[deal_id].title[ctx.lang] if deal_id else change.title[ctx.lang]
        canvas.text(axis + 14, y + 4.5, name, "ox-label ox-strong")
        canvas.text(axis + 14, y + 19, f"{ctx.loc.date(day)} · {label}", "ox-muted", size=SIZE - 1.5)
        rows.append([
            f'<time datetime="{day.isoformat()}">{ctx.html(ctx.loc.date(day))}</time>',
            str(title),
            str(ctx.html(label)),
        ])
    # the key to the markers, under the axis, so the chart reads on its own (as a PNG, an embed)
    y = height + 20
    for kind in ("new", "firm", "setback", "end"):
        _dot(canvas, axis, y, kind, "ox-key-dot")  # drawn as a dot, not counted as an event
        canvas.text(axis + 14, y + 4, ctx.t(f"chart-dot-{kind}"), "ox-muted", size=SIZE - 1.5)
        y += 18
    height = y
    title = ctx.t("chart-timeline")
    desc = ctx.t("chart-timeline-desc").format(start=ctx.loc.month(start), end=ctx.loc.month(end))
    more = ""
    if len(every) > len(events):
        shown = {"n": ctx.loc.number(len(events))}
        desc += " " + ctx.t("chart-timeline-latest").format(link=ctx.t("timeline"), **shown)
        more = _with_link(ctx, "chart-timeline-latest", render.href(page, "timeline.md"), ctx.t("timeline"), **shown)
    return Chart(title, canvas.svg(height, title, desc), [ctx.t("date"), ctx.t("deal"), ctx.t("status")], rows,
                 more=more)


# ---------------------------------------------------------------------------
# Money flows

# Arrow styles: kinds of the same nature share a colour and dash pattern (site.css).
STYLE = {
    "equity-investment": "investment", "loan": "investment", "loi-ceiling": "investment",
    "cloud-purchase": "payment", "chip-purchase": "payment",
    "lease": "payment", "shares": "equity", "guarantee": "supply",
}
STYLES = ("investment", "payment", "equity", "supply")


def flow_edges(ctx: render.Ctx) -> list[agg.Edge]:
    return agg.edges(ctx.data)


def _markers(ctx: render.Ctx, kinds) -> str:
    return "<defs>" + "".join(
        f'<marker id="ox-arrow-{k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'markerUnits="userSpaceOnUse" orient="auto"><path class="ox-arrow--{k}" d="M0 1 L10 5 L0 9 z"/></marker>'
        for k in kinds
    ) + "</defs>"


def _largest_flows(edges: list[agg.Edge]) -> tuple[list[agg.Edge], int]:
    """The edges among OpenAI and the MAX_FLOW_PARTNERS partners with the largest total
    disclosed flow (ties: more flows first, then id), and how many partners are left out."""
    total: dict[str, Decimal] = {}
    flows: dict[str, int] = {}
    for edge in edges:
        for company in (edge.payer, edge.payee):
            if company != HUB:
                amount = edge.amount.high if edge.amount.disclosed else 0
                total[company] = total.get(company, 0) + amount
                flows[company] = flows.get(company, 0) + len(edge.deals)
    ranked = sorted(total, key=lambda c: (-total[c], -flows[c], c))
    kept = {HUB, *ranked[:MAX_FLOW_PARTNERS]}
    return [e for e in edges if e.payer in kept and e.payee in kept], len(ranked[MAX_FLOW_PARTNERS:])


def _wrapped(text: str, width: float, size: float) -> list[str]:
    """Text broken at spaces into lines no wider than `width` (by the same estimate as _width)."""
    lines: list[str] = []
    for word in (w for w in text.split(" ") if w):  # a no-break space holds its words together
        if lines and _width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [text]


@dataclass
class _Node:
    company: str
    side: str  # "into": pays or issues to OpenAI (reading-start column); "from": OpenAI pays it
    edges: list[agg.Edge]
    y: float = 0.0
    height: float = 0.0
    name: list[str] = field(default_factory=list)  # the name, in as many lines as the box needs

    def weight(self) -> Decimal:
        return sum((e.amount.high for e in self.edges if e.amount.disclosed), Decimal(0))


def _money_flow(ctx: render.Ctx, page: str) -> Chart:
    """Investors on the reading-start side, OpenAI in the middle, suppliers on the other side
    (mirrored in Arabic). Each partner is a box holding its name and the amount of each of its
    flows, so no amount sits on a line; each flow is a curve from the line of the box that
    names it to OpenAI, as thick as its amount. Lines stay in the gap between the columns."""
    all_edges, omitted = _largest_flows(flow_edges(ctx))
    edges = [e for e in all_edges if HUB in (e.payer, e.payee)]
    canvas = Canvas(ctx, "money-flow")
    small, line_h, pad = SIZE - 2.5, 14, 6
    box_w, cx, hub_r, top = 146, W / 2, 29, 28
    sides: dict[str, dict[str, _Node]] = {"into": {}, "from": {}}
    for edge in edges:
        side, company = ("into", edge.payer) if edge.payee == HUB else ("from", edge.payee)
        sides[side].setdefault(company, _Node(company, side, [])).edges.append(edge)
    columns = {}
    for side, nodes in sides.items():
        ordered = sorted(nodes.values(), key=lambda n: (-n.weight(), ctx.company_name(n.company)))
        y = top
        for node in ordered:
            node.edges.sort(key=lambda e: (FLOW_KINDS.index(e.kind), -(e.amount.high or 0)))
            node.name = _wrapped(ctx.company_name(node.company), box_w - 16, small + 1)
            node.y, node.height = y, pad * 2 + line_h * (len(node.name) + len(node.edges))
            y += node.height + 8
        columns[side] = ordered
    bottom = max([top + 2 * hub_r] + [n.y + n.height for nodes in columns.values() for n in nodes])
    cy = (top + bottom) / 2
    heaviest = max((e.amount.high for e in edges if e.amount.disclosed), default=Decimal(1)) or Decimal(1)

    canvas.text(0, 14, ctx.t("direction-into"), "ox-muted", size=small)
    canvas.text(W, 14, ctx.t("direction-from"), "ox-muted", "end", small)
    styles_used = []
    for side, nodes in columns.items():
        count = sum(len(n.edges) for n in nodes)
        slot = 0
        for node in nodes:
            left = 0 if side == "into" else W - box_w
            canvas.parts.append(f'<g class="ox-node" data-id="{node.company}" data-side="{side}">')
            canvas.rect(left, node.y, box_w, node.height, "ox-node__shape", ' rx="6"')
            for j, part in enumerate(node.name):
                canvas.text(left + 8, node.y + pad + 11 + line_h * j, part, "ox-node__name", size=small + 1)
            canvas.parts.append("</g>")
            for i, edge in enumerate(node.edges, start=len(node.name) - 1):
                style = STYLE[edge.kind]
                if style not in styles_used:
                    styles_used.append(style)
                line_y = node.y + pad + line_h * (i + 1) + 11
                label = ctx.loc.money(edge.amount) if edge.amount.disclosed else ctx.t("undisclosed")
                canvas.text(left + 8, line_y, label, f"ox-flow-label ox-flow-label--{style}", size=small)
                # the curve leaves the box level with its label and meets the hub at its own point
                angle = math.pi * (0.35 - 0.7 * (slot + 0.5) / max(count, 1))
                slot += 1
                hub_x = cx + (-1 if side == "into" else 1) * hub_r * math.cos(angle)
                hub_y = cy - hub_r * math.sin(angle)
                box_x = box_w if side == "into" else W - box_w
                edge_y = line_y - 4
                width = 1.2 + 5 * math.sqrt(float(edge.amount.high / heaviest)) if edge.amount.disclosed else 1.2
                start, end = ((box_x, edge_y), (hub_x, hub_y)) if side == "into" else ((hub_x, hub_y), (box_x, edge_y))
                bend = (end[0] - start[0]) * 0.5
                undisclosed = "" if edge.amount.disclosed else " ox-edge--undisclosed"
                canvas.curve(start, (start[0] + bend, start[1]), (end[0] - bend, end[1]), end,
                             f"ox-edge ox-edge--{style}{undisclosed}",
                             f' style="stroke-width:{_n(width)}" marker-end="url(#ox-arrow-{style})"'
                             f' data-from="{edge.payer}" data-to="{edge.payee}" data-kind="{edge.kind}"')
    canvas.parts.append(f'<g class="ox-node ox-node--hub" data-id="{HUB}">')
    canvas.circle(cx, cy, hub_r, "ox-node__shape")
    canvas.text(cx, cy + 4.5, ctx.company_name(HUB), "ox-node__name", "middle", small)
    canvas.parts.append("</g>")

    kinds = [k for k in FLOW_KINDS if any(e.kind == k for e in edges)]
    styles = [s for s in STYLES if s in styles_used]
    y = bottom + 26
    for kind in kinds:  # legend: one line per kind, drawn as its arrows are
        style = STYLE[kind]
        canvas.path([(8, y), (44, y)], f"ox-edge ox-edge--{style}", f' marker-end="url(#ox-arrow-{style})"')
        canvas.text(54, y + 4, ctx.data.labels.flow_kinds[kind][ctx.lang], "ox-label", size=small)
        y += 18
    for part in _wrapped(ctx.t("chart-flow-width"), W - 16, small):
        canvas.text(8, y + 4, part, "ox-muted", size=small)
        y += 15

    left = {}
    for kind in dict.fromkeys(f.kind for d in ctx.data.deals.values() for f in d.flows):
        measure = agg.flow_measure(kind)
        for deal, why in agg.left_out(ctx.data, measure):
            left.setdefault(deal.id, f"{render.title_in_text(ctx, deal)} ({reason_text(ctx, deal, why, measure)})")
    # what a stake or a warrant stands for is part of the picture, wherever the chart goes
    # (a PNG or an embed carries this note, not the table): Microsoft's stake came from its
    # investments since 2019, AMD's warrant has not vested
    stakes = [ctx.t("chart-flow-stake").format(payer=ctx.company_name(e.payer), payee=ctx.company_name(e.payee),
                                                note=_after_colon(ctx, f.note[ctx.lang]))
              for e in edges if e.kind == "shares" for d in e.deals for f in d.flows
              if f.note and (f.payer, f.payee, f.kind) == (e.payer, e.payee, e.kind)]
    note = " ".join([*stakes, _not_counted(ctx, list(left.values()), "not-shown")])
    title = ctx.t("chart-flow")
    more = ""
    if omitted:
        more = ctx.t("chart-flow-largest").format(n=ctx.loc.number(MAX_FLOW_PARTNERS),
                                                  companies=ctx.loc.count(omitted, "company"))
    desc = " ".join(s for s in (ctx.t("chart-flow-desc"), more, note) if s)
    notes = {id(e): [f.note[ctx.lang] for d in e.deals for f in d.flows
                     if f.note and (f.payer, f.payee, f.kind) == (e.payer, e.payee, e.kind)] for e in all_edges}
    rows = [
        [str(ctx.html(ctx.company_name(e.payer))), str(ctx.html(ctx.company_name(e.payee))),
         str(ctx.html(ctx.data.labels.flow_kinds[e.kind][ctx.lang])),
         str(ctx.html(ctx.loc.money(e.amount)))
         + "".join(f'<br><span class="ox-note">{ctx.html(n)}</span>' for n in notes[id(e)]),
         _some(ctx, (render.deal_link(ctx, page, d) for d in e.deals), html=True)]
        for e in all_edges
    ]
    return Chart(
        title, canvas.svg(y + 12, title, desc, _markers(ctx, styles)),
        [ctx.t("payer"), ctx.t("payee"), ctx.t("type"), ctx.t("amount"), ctx.t("deals")], rows, note,
        str(ctx.html(more)) if more else "",
    )


CHARTS = {
    "into-openai": _into_openai,
    "openai-buys": _openai_buys,
    "capacity": _capacity,
    "timeline": _timeline,
    "money-flow": _money_flow,
}


def into_openai(ctx: render.Ctx) -> str:
    return _into_openai(ctx, "charts.md").svg


def openai_buys(ctx: render.Ctx) -> str:
    return _openai_buys(ctx, "charts.md").svg


def capacity(ctx: render.Ctx) -> str:
    return _capacity(ctx, "charts.md").svg


def timeline(ctx: render.Ctx) -> str:
    return _timeline(ctx, "charts.md").svg


def money_flow(ctx: render.Ctx) -> str:
    return _money_flow(ctx, "charts.md").svg
