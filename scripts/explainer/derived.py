"""Generated tables for hand-written pages (`{{ table:... }}`). Their numbers come from
aggregates.py, like every other total on the site."""

from __future__ import annotations

from markupsafe import Markup

from . import aggregates as agg
from . import charts, markup, render


def gigawatt_costs_table(ctx: render.Ctx, page: str) -> str:
    """Each counted deal with a capacity, grouped by basis, and what the per-gigawatt estimate implies."""
    cost = ctx.data.figures.get(agg.COST_FIGURE)
    if cost is None or cost.value.kind != "range":
        raise KeyError(f"figure '{agg.COST_FIGURE}' must exist and be a range")
    rows = []
    for measure in (agg.SITES, agg.CHIPS):
        basis = ctx.t(f"chart-{measure.name}")
        for deal, _ in agg.counted(ctx.data, measure):
            gw = agg.deal_amount(deal, measure).high
            implied = agg.implied_cost(ctx.data, gw)
            rows.append(render.row([
                render.cell(render.deal_link(ctx, page, deal)),
                render.cell(ctx.html(basis)),
                render.cell(ctx.html(ctx.loc.capacity(deal.capacity)), deal.capacity.megawatts),
                render.cell(ctx.html(ctx.loc.money(deal.value)), deal.value.sort_value if deal.value.disclosed else -1),
                render.cell(ctx.html(ctx.loc.money(implied)), implied.max),
            ]))
    heads = ("deal", "basis", "announced-capacity", "announced-value", "implied-cost")
    head = [render.th(ctx, h, numeric=h not in ("deal", "basis")) for h in heads]
    return render.sortable_table(head, rows)


def left_out_table(ctx: render.Ctx, page: str) -> str:
    """Every deal left out of a total, the total it is left out of, and why."""
    rows = []
    for name, measure in agg.MEASURES.items():
        for deal, why in agg.left_out(ctx.data, measure):
            rows.append(render.row([
                render.cell(render.deal_link(ctx, page, deal)),
                render.cell(ctx.html(ctx.t(f"measure-{name}"))),
                render.cell(ctx.html(charts.reason_text(ctx, deal, why, measure))),
            ]))
    head = [render.th(ctx, h, numeric=False) for h in ("deal", "measure", "reason")]
    return render.sortable_table(head, rows)


def totals_table(ctx: render.Ctx, page: str) -> str:
    """The site's grand totals, one row per measure, with how many deals each counts."""
    rows = []
    for name, measure in agg.MEASURES.items():
        amount = agg.total(ctx.data, measure)
        text = ctx.loc.capacity(agg.as_gw(amount)) if isinstance(measure, agg.Power) else ctx.loc.money(amount)
        count = len(agg.counted(ctx.data, measure))
        rows.append(render.row([
            render.cell(ctx.html(ctx.t(f"measure-{name}"))),
            render.cell(ctx.html(text), amount.high if amount.disclosed else -1),
            render.cell(ctx.html(ctx.loc.count(count, "deal")), count),
        ]))
    head = [render.th(ctx, h, numeric=h != "measure") for h in ("measure", "total", "deals")]
    return render.sortable_table(head, rows)


def headline_cards(ctx: render.Ctx, page: str) -> str:
    """The home page's opening: four figures a reader came for, each linking to its detail."""
    buys = agg.total(ctx.data, agg.OPENAI_BUYS)
    sites = agg.total(ctx.data, agg.SITES)
    operating = ctx.data.figures.get(agg.OPERATING_FIGURE)
    if operating is None:
        raise KeyError(f"figure '{agg.OPERATING_FIGURE}' must exist")
    loc = ctx.loc
    cards = [
        ("card-buys", loc.money(buys), ctx.t("card-buys-note"), "#key-numbers"),
        ("card-capacity", loc.capacity(agg.as_gw(sites)),
         ctx.t("card-capacity-note").format(operating=loc.quantity(operating.value, operating.unit),
                                            year=loc.period(str(operating.as_of))), "#capacity"),
        ("card-deals", loc.number(len(ctx.data.deals)), ctx.t("card-deals-note"), render.href(page, "deals/index.md")),
        ("card-updated", loc.date(ctx.data.site.as_of), ctx.t("card-updated-note"), render.href(page, render.CHANGES)),
    ]
    return markup.html("headline.html", cards=[
        {"label": ctx.html(ctx.t(label)), "value": ctx.html(value), "note": ctx.html(note), "href": Markup(target)} for label, value, note, target in cards])


def tables():
    return {"headline": headline_cards, "gigawatt-costs": gigawatt_costs_table, "left-out": left_out_table, "totals": totals_table}
