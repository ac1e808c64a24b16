"""Every aggregate on the site, computed in one place: totals, each partner's figures,
capacity, and what is left out and why. Charts, tables, open data and the `{{ calc:... }}`
placeholders all take their numbers from here, so no two pages can count differently.

The rules, each applied the same way to every measure:

- Money has a direction and a kind. "Money into OpenAI" (equity investments and loans paid
  to OpenAI) and "OpenAI's commitments to buy" (cloud and chip purchases OpenAI pays for)
  are different measures and are never added together. Shares, warrants, guarantees and
  the ceilings of letters of intent are shown but never added to money.
- A party is credited only with its own flows. A project budget with several backers
  (Stargate) is a measure of its own, and its backers are listed without an amount unless
  their own share was reported.
- A deal that has ended (replaced, dropped, cancelled) counts nowhere. A deal known only from
  press reports (status "reported") is listed but not counted until a company confirms it, and
  a stalled one (frozen, paused) is listed but not counted while it stays stalled.
- A deal that is `part_of` another counts in a measure only when no deal above it already
  counts in that measure: Oracle's 4.5 gigawatts are inside Stargate's 10, so they are not
  added to them; Oracle's contract is still OpenAI's commitment to buy, which Stargate's
  budget is not, so it counts there.
- Capacity has a basis: the power of data-centre sites, or the chips a deal deploys. The
  two overlap (chips go into sites), so each has its own total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .model import ENDED, STALLED, UNCONFIRMED, Amount, Capacity, DataSet, Deal, Flow

HUB = "openai"  # the company the site is about


# ---------------------------------------------------------------------------
# Measures


@dataclass(frozen=True)
class Money:
    """Flows of some kinds, optionally only into or only out of OpenAI."""

    name: str
    kinds: tuple[str, ...]
    direction: str | None = None  # "into" (payee is OpenAI), "from" (payer is OpenAI) or None

    def takes(self, flow: Flow) -> bool:
        if flow.kind not in self.kinds:
            return False
        if self.direction == "into":
            return flow.payee == HUB
        if self.direction == "from":
            return flow.payer == HUB
        return True

    def partner(self, flow: Flow) -> str:
        """The company on the other side of OpenAI (for a flow between two others, the payer)."""
        return flow.payer if flow.payee == HUB else flow.payee if flow.payer == HUB else flow.payer


@dataclass(frozen=True)
class Power:
    """Capacity of one basis: `site` (data-centre power) or `chips` (chips a deal contracts to deploy)."""

    name: str
    basis: str


@dataclass(frozen=True)
class Budget:
    """A project's own budget (Stargate's $500 billion), credited to no single party."""

    name: str = "project-budget"


Measure = Money | Power | Budget

INTO_OPENAI = Money("into-openai", ("equity-investment", "loan"), "into")
OPENAI_BUYS = Money("openai-buys", ("cloud-purchase", "chip-purchase", "lease"), "from")
SITES = Power("capacity-sites", "site")
CHIPS = Power("capacity-chips", "chips")
BUDGETS = Budget()
MEASURES: dict[str, Measure] = {m.name: m for m in (INTO_OPENAI, OPENAI_BUYS, SITES, CHIPS, BUDGETS)}
BUDGET_KINDS = ("joint-venture", "data-centre-site")
NOT_ADDED_KINDS = ("shares", "guarantee", "loi-ceiling")  # shown, never added to money


def flow_measure(kind: str) -> Money:
    """One kind of flow in any direction: an arrow of the money-flow diagram."""
    return Money(f"flow-{kind}", (kind,))


# ---------------------------------------------------------------------------
# What a deal puts into a measure, and whether it counts


def own_items(deal: Deal, measure: Measure) -> list:
    """What the deal itself states for the measure: flows, its capacity, or its budget."""
    if isinstance(measure, Money):
        return [flow for flow in deal.flows if measure.takes(flow)]
    if isinstance(measure, Power):
        cap = deal.capacity
        return [cap] if cap is not None and cap.basis == measure.basis and cap.disclosed else []
    if deal.kind in BUDGET_KINDS and deal.value.disclosed and not any(
        f.kind not in NOT_ADDED_KINDS for f in deal.flows
    ):
        return [deal.value]
    return []


def exclusion(data: DataSet, deal: Deal, measure: Measure) -> str | None:
    """Why the deal's items do not count in the measure ("ended", "unconfirmed", "stalled",
    "part-of"), or None when they count. Deals with no items in the measure return None."""
    status = deal.current_status.status
    if status in ENDED:
        return "ended"
    if status in UNCONFIRMED:
        return "unconfirmed"
    if status in STALLED:
        return "stalled"
    if counting_ancestor(data, deal, measure):
        return "part-of"
    return None


def counting_ancestor(data: DataSet, deal: Deal, measure: Measure) -> Deal | None:
    """The nearest deal above this one (through part_of) that itself counts in the measure."""
    seen = {deal.id}
    parent_id = deal.part_of
    while parent_id and parent_id in data.deals and parent_id not in seen:
        parent = data.deals[parent_id]
        if own_items(parent, measure) and exclusion(data, parent, measure) is None:
            return parent
        seen.add(parent_id)
        parent_id = parent.part_of
    return None


def counted(data: DataSet, measure: Measure) -> list[tuple[Deal, list]]:
    """(deal, its items) for every deal that counts in the measure, in reading order."""
    out = []
    for deal in data.deals_sorted():
        items = own_items(deal, measure)
        if items and exclusion(data, deal, measure) is None:
            out.append((deal, items))
    return out


def left_out(data: DataSet, measure: Measure) -> list[tuple[Deal, str]]:
    """(deal, reason) for every deal with items in the measure that do not count."""
    out = []
    for deal in data.deals_sorted():
        if own_items(deal, measure):
            reason = exclusion(data, deal, measure)
            if reason:
                out.append((deal, reason))
    return out


# ---------------------------------------------------------------------------
# Adding amounts


def add(amounts: Iterable[Amount]) -> Amount:
    """The sum of the top of each disclosed amount, qualified as honestly as one word allows:
    'up to' if any part was a ceiling (a sum of tops is a ceiling too, even with approximate
    parts: "$60B + up to $50B + about $23B" is "up to about $163B", said "up to"), 'at least'
    if some part is undisclosed or a floor, 'about' when ceilings and floors meet or every
    qualified part is approximate."""
    amounts = list(amounts)
    shown = [a for a in amounts if a.disclosed]
    if not shown:
        return Amount(kind="undisclosed")
    kinds = {"up-to" if a.kind == "range" else a.kind for a in shown}
    if len(shown) < len(amounts):
        kinds.add("at-least")
    if len(kinds) > 1:
        kinds.discard("exact")
    bounds = kinds & {"up-to", "at-least", "more-than"}
    if bounds == {"up-to"}:
        kind = "up-to"
    elif bounds and bounds <= {"at-least", "more-than"}:
        kind = bounds.pop() if len(bounds) == 1 else "at-least"
    else:
        kind = kinds.pop() if len(kinds) == 1 else "about"
    return Amount(kind=kind, amount=sum((a.high for a in shown), Decimal(0)))


def in_gw(capacity: Capacity) -> Amount:
    """A capacity in gigawatts, as a plain amount (a range becomes 'up to' its top)."""
    if not capacity.disclosed:
        return Amount(kind="undisclosed")
    kind = "up-to" if capacity.kind == "range" else capacity.kind
    return Amount(kind=kind, amount=capacity.megawatts / 1000)


def as_gw(amount: Amount, basis: str | None = None) -> Capacity:
    return Capacity(**amount.model_dump(), unit="GW", basis=basis)


def _amount(item) -> Amount:
    if isinstance(item, Flow):
        return item.amount
    if isinstance(item, Capacity):
        return in_gw(item)
    return item


def total(data: DataSet, measure: Measure) -> Amount:
    """The grand total of a measure: each counted deal's items once. Capacity is in GW."""
    return add(_amount(item) for _, items in counted(data, measure) for item in items)


def deal_amount(deal: Deal, measure: Measure) -> Amount:
    return add(_amount(item) for item in own_items(deal, measure))


# ---------------------------------------------------------------------------
# By partner


@dataclass
class Partner:
    company: str
    total: Amount
    items: list[tuple[Deal, Amount]]  # each counted deal once, with this partner's own amount


def by_partner(data: DataSet, measure: Money) -> list[Partner]:
    """Each partner's own flows in a money measure, largest first (ties by id)."""
    groups: dict[str, dict[str, tuple[Deal, list[Amount]]]] = {}
    for deal, flows in counted(data, measure):
        for flow in flows:
            entry = groups.setdefault(measure.partner(flow), {}).setdefault(deal.id, (deal, []))
            entry[1].append(flow.amount)
    partners = [
        Partner(company, add(a for _, amounts in deals.values() for a in amounts),
                [(deal, add(amounts)) for deal, amounts in deals.values()])
        for company, deals in groups.items()
    ]
    return sorted(partners, key=lambda p: (-(p.total.high or 0), p.company))


def backers_without_share(data: DataSet) -> list[tuple[Deal, list[str]]]:
    """Projects counted in the budget measure and the backers whose own share was not reported."""
    out = []
    for deal, _ in counted(data, BUDGETS):
        backers = [p.company for p in deal.parties if p.role in ("funder", "investor") and p.company != HUB]
        out.append((deal, list(dict.fromkeys(backers))))
    return out


# ---------------------------------------------------------------------------
# Money-flow edges


@dataclass
class Edge:
    payer: str
    payee: str
    kind: str
    deals: list[Deal]  # every counted deal behind the edge
    amount: Amount


def edges(data: DataSet) -> list[Edge]:
    """Counted flows added up per (payer, payee, kind), in order of first appearance."""
    groups: dict[tuple[str, str, str], list[tuple[Deal, Amount]]] = {}
    kinds = dict.fromkeys(f.kind for d in data.deals.values() for f in d.flows)
    for kind in kinds:
        for deal, flows in counted(data, flow_measure(kind)):
            for flow in flows:
                groups.setdefault((flow.payer, flow.payee, flow.kind), []).append((deal, flow.amount))
    out = []
    for (payer, payee, kind), items in groups.items():
        deals = list({d.id: d for d, _ in items}.values())
        out.append(Edge(payer, payee, kind, deals, add(a for _, a in items)))
    order = {d.id: i for i, d in enumerate(data.deals_sorted())}
    return sorted(out, key=lambda e: min(order[d.id] for d in e.deals))


def direction(deal: Deal) -> str:
    """How money runs in a deal: 'into' OpenAI, 'from' OpenAI, 'both', or 'project' for a
    budget with no flows of its own; '' when the deal states no money flow at all."""
    ways = set()
    for flow in deal.flows:
        if flow.kind == "shares":
            continue
        if flow.payee == HUB:
            ways.add("into")
        elif flow.payer == HUB:
            ways.add("from")
    if len(ways) == 2:
        return "both"
    if ways:
        return ways.pop()
    return "project" if deal.kind in BUDGET_KINDS else ""


# ---------------------------------------------------------------------------
# Named figures for hand-written pages: {{ calc:<name> }}

COST_FIGURE = "cost-per-gw-huang"  # the $50-60 billion per gigawatt estimate
OPERATING_FIGURE = "openai-compute-2025"  # capacity OpenAI actually runs, set against what is announced


def implied_cost(data: DataSet, gigawatts: Decimal) -> Amount | None:
    cost = data.figures.get(COST_FIGURE)
    if cost is None or cost.value.kind != "range":
        return None
    return Amount(kind="range", min=gigawatts * cost.value.min, max=gigawatts * cost.value.max)


def figures(data: DataSet) -> dict[str, tuple[Amount, str]]:
    """Every computed figure a page may quote, with its unit (usd, gw, or deal for a count)."""
    out: dict[str, tuple[Amount, str]] = {}
    for name, measure in MEASURES.items():
        unit = "gw" if isinstance(measure, Power) else "usd"
        out[name] = (total(data, measure), unit)
        out[f"{name}-deals"] = (Amount(kind="exact", amount=len(counted(data, measure))), "deal")
        out[f"{name}-left-out"] = (Amount(kind="exact", amount=len(left_out(data, measure))), "deal")
    for name, measure in (("sites", SITES), ("chips", CHIPS)):
        gw = total(data, measure)
        cost = implied_cost(data, gw.high) if gw.disclosed else None
        if cost is not None:
            out[f"implied-cost-{name}"] = (cost, "usd")
    return out


