"""Figures computed from data, never typed by hand: totals and what the capacity implies.

Totals count top-level deals only: a deal that is `part_of` another (Oracle's contract
inside Stargate) is left out, so nothing is counted twice.
"""

from __future__ import annotations

from decimal import Decimal

from . import render
from .model import Amount, DataSet, Deal

COST_FIGURE = "cost-per-gw-huang"  # the $50-60 billion per gigawatt estimate


def top_level_with_capacity(data: DataSet) -> list[Deal]:
    return [
        deal for deal in data.deals_sorted()
        if deal.capacity and deal.capacity.disclosed and deal.part_of is None
        and deal.current_status.status not in ("cancelled", "replaced")
    ]


def _gw(deal: Deal) -> Decimal:
    return deal.capacity.megawatts / 1000


def figures(data: DataSet) -> dict[str, tuple[Amount, str]]:
    deals = top_level_with_capacity(data)
    total_gw = sum((_gw(d) for d in deals), Decimal(0))
    out: dict[str, tuple[Amount, str]] = {
        "capacity-total": (Amount(kind="exact", amount=total_gw), "gw"),
        "capacity-deals": (Amount(kind="exact", amount=len(deals)), "number"),
    }
    cost = data.figures.get(COST_FIGURE)
    if cost is not None and cost.value.kind == "range":
        out["implied-cost"] = (
            Amount(kind="range", min=total_gw * cost.value.min, max=total_gw * cost.value.max),
            "usd",
        )
    return out


def gigawatt_costs_table(ctx: render.Ctx, page: str) -> str:
    """Each deal with a capacity, and what the per-gigawatt estimate implies for it."""
    cost = ctx.data.figures.get(COST_FIGURE)
    if cost is None or cost.value.kind != "range":
        raise KeyError(f"figure '{COST_FIGURE}' must exist and be a range")
    rows = []
    for deal in top_level_with_capacity(ctx.data):
        gw = _gw(deal)
        implied = Amount(kind="range", min=gw * cost.value.min, max=gw * cost.value.max)
        rows.append(
            "<tr>"
            f'<td><a href="{render.href(page, f"deals/{deal.id}.md")}">{ctx.html(deal.title[ctx.lang])}</a></td>'
            f'<td data-sort="{deal.capacity.megawatts}">{ctx.html(ctx.loc.capacity(deal.capacity))}</td>'
            f'<td data-sort="{deal.value.sort_value if deal.value.disclosed else -1}">{ctx.html(ctx.loc.money(deal.value))}</td>'
            f'<td data-sort="{implied.max}">{ctx.html(ctx.loc.money(implied))}</td>'
            "</tr>"
        )
    heads = ("deal", "announced-capacity", "announced-value", "implied-cost")
    head = "".join(render.th(ctx, h, numeric=h != "deal") for h in heads)
    return (
        '<div class="ox-table" markdown="0">\n'
        f'<table class="ox-sortable"><thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n</div>\n"
    )


def tables():
    return {"gigawatt-costs": gigawatt_costs_table}
