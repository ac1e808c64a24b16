"""The aggregate module: every total on the site, and the invariants that keep it honest.

Property tests generate whole data sets (deals with parts, statuses, flows of every kind and
direction, capacities of both bases) and check that no rule can be broken by any data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import aggregates as agg
from explainer import charts, render
from explainer.model import ENDED, FLOW_KINDS, STATUS_ORDER, Deal

COMPANIES = ["openai", "nvidia", "amd"]  # the fixture's companies
STATUSES = STATUS_ORDER


@st.composite
def amounts(draw):
    kind = draw(st.sampled_from(["exact", "about", "up-to", "at-least", "more-than", "range", "undisclosed"]))
    if kind == "undisclosed":
        return {"kind": kind}
    if kind == "range":
        low = draw(st.integers(1, 500))
        return {"kind": kind, "min": f"{low} billion", "max": f"{low + draw(st.integers(0, 100))} billion"}
    return {"kind": kind, "amount": f"{draw(st.integers(1, 900))} billion"}


@st.composite
def flows(draw):
    payer, payee = draw(st.lists(st.sampled_from(COMPANIES), min_size=2, max_size=2, unique=True))
    return {"payer": payer, "payee": payee, "kind": draw(st.sampled_from(FLOW_KINDS)), "amount": draw(amounts())}


@st.composite
def data_sets(draw, base):
    n = draw(st.integers(1, 9))
    deals = {}
    for i in range(n):
        statuses = draw(st.lists(st.sampled_from(STATUSES), min_size=1, max_size=3))
        start = dt.date(2025, 1, 1) + dt.timedelta(days=i)
        deal = {
            "id": f"d{i}", "title": {"ar": f"صفقة {i}", "en": f"Deal {i}"},
            "summary": {"ar": "ملخص.", "en": "Summary."},
            "kind": draw(st.sampled_from(["joint-venture", "cloud-contract", "funding-round", "data-centre-site"])),
            "parties": [{"company": "openai", "role": "buyer"}, {"company": "nvidia", "role": "funder"}],
            "value": draw(amounts()), "announced": start,
            "status": [{"date": start + dt.timedelta(days=j), "status": s, "note": {"ar": "ملاحظة.", "en": "Note."},
                        "sources": ["src-a"]} for j, s in enumerate(statuses)],
            "flows": draw(st.lists(flows(), max_size=4)),
            "sources": ["src-a"], "verified": "2026-11-30",
        }
        if draw(st.booleans()):
            cap = draw(amounts())
            deal["capacity"] = {**cap, "unit": draw(st.sampled_from(["GW", "MW"])),
                                "basis": draw(st.sampled_from(["site", "chips"]))}
        if i and draw(st.booleans()):
            deal["part_of"] = f"d{draw(st.integers(0, i - 1))}"
        deals[deal["id"]] = Deal.model_validate(deal)
    return base.model_copy(update={"deals": deals})


def ancestors(data, deal):
    out, parent = [], deal.part_of
    while parent:
        out.append(parent)
        parent = data.deals[parent].part_of
    return out


def high(amount) -> Decimal:
    return amount.high if amount.disclosed else Decimal(0)


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(st.data())
def test_nothing_part_of_another_is_counted_twice(fixture_data, draw):
    data = draw.draw(data_sets(fixture_data))
    for measure in agg.MEASURES.values():
        ids = {deal.id for deal, _ in agg.counted(data, measure)}
        for deal_id in ids:
            assert not ids & set(ancestors(data, data.deals[deal_id])), (measure.name, deal_id)


@PROPERTY
@given(st.data())
def test_grand_totals_are_the_sum_over_counted_deals_of_one_measure(fixture_data, draw):
    data = draw.draw(data_sets(fixture_data))
    for measure in agg.MEASURES.values():
        counted = agg.counted(data, measure)
        assert high(agg.total(data, measure)) == sum((high(agg.deal_amount(d, measure)) for d, _ in counted), Decimal(0))
        # every deal with items is either counted or left out, never both, never neither
        with_items = {d.id for d in data.deals.values() if agg.own_items(d, measure)}
        left = {d.id for d, _ in agg.left_out(data, measure)}
        assert {d.id for d, _ in counted} | left == with_items
        assert not {d.id for d, _ in counted} & left


@PROPERTY
@given(st.data())
def test_no_partner_exceeds_its_own_deals_each_counted_once(fixture_data, draw):
    data = draw.draw(data_sets(fixture_data))
    for measure in (agg.INTO_OPENAI, agg.OPENAI_BUYS):
        for partner in agg.by_partner(data, measure):
            deal_ids = [d.id for d, _ in partner.items]
            assert len(deal_ids) == len(set(deal_ids))
            own = sum((high(agg.deal_amount(data.deals[i], measure)) for i in deal_ids), Decimal(0))
            assert high(partner.total) <= own
            assert partner.company != agg.HUB


@PROPERTY
@given(st.data())
def test_ended_deals_are_left_out_the_same_way_everywhere(fixture_data, draw):
    data = draw.draw(data_sets(fixture_data))
    ended = {d.id for d in data.deals.values() if d.current_status.status in ENDED}
    for measure in agg.MEASURES.values():
        assert not ended & {d.id for d, _ in agg.counted(data, measure)}
        for deal, why in agg.left_out(data, measure):
            assert (why == "ended") == (deal.id in ended)
    for edge in agg.edges(data):
        assert not ended & {d.id for d in edge.deals}
    for measure in (agg.INTO_OPENAI, agg.OPENAI_BUYS):
        for partner in agg.by_partner(data, measure):
            assert not ended & {d.id for d, _ in partner.items}


@PROPERTY
@given(st.data())
def test_money_in_and_purchases_never_share_a_flow(fixture_data, draw):
    data = draw.draw(data_sets(fixture_data))
    into = {id(f) for _, flows in agg.counted(data, agg.INTO_OPENAI) for f in flows}
    buys = {id(f) for _, flows in agg.counted(data, agg.OPENAI_BUYS) for f in flows}
    assert not into & buys
    for _, flows in agg.counted(data, agg.INTO_OPENAI):
        assert all(f.payee == agg.HUB and f.kind in ("equity-investment", "loan") for f in flows)
    for _, flows in agg.counted(data, agg.OPENAI_BUYS):
        assert all(f.payer == agg.HUB and f.kind in ("cloud-purchase", "chip-purchase", "lease") for f in flows)


@PROPERTY
@given(st.data())
def test_charts_show_the_aggregate_totals(fixture_data, draw):
    data = draw.draw(data_sets(fixture_data))
    ctx = render.Ctx.make(data, "en")
    for measure in (agg.INTO_OPENAI, agg.OPENAI_BUYS):
        total = ctx.loc.money(agg.total(data, measure))
        assert f"Total, with no deal counted twice: {total}." in charts.figure(ctx, measure.name)


# ---------------------------------------------------------------------------
# The real data


def test_a_multi_party_budget_is_credited_to_no_single_party(real_data):
    stargate = real_data.deals["stargate"]
    assert not stargate.flows
    for measure in (agg.INTO_OPENAI, agg.OPENAI_BUYS):
        for partner in agg.by_partner(real_data, measure):
            assert "stargate" not in {d.id for d, _ in partner.items}
    (project, backers), = agg.backers_without_share(real_data)
    assert project.id == "stargate" and set(backers) == {"softbank", "oracle", "mgx"}


def test_no_partner_is_credited_with_stargate_or_with_money_flowing_the_other_way(real_data):
    into = {p.company: p.total for p in agg.by_partner(real_data, agg.INTO_OPENAI)}
    buys = {p.company: p.total for p in agg.by_partner(real_data, agg.OPENAI_BUYS)}
    assert into["softbank"].high == Decimal("60e9")  # its own $30B + $30B, not Stargate's $500B
    assert "mgx" not in into and "oracle" not in into
    assert into["amazon"].high == Decimal("50e9") and into["amazon"].kind == "up-to"
    assert buys["amazon"].high == Decimal("138e9")  # what OpenAI pays AWS, never added to Amazon's investment
    assert buys["oracle"].kind == "more-than" and buys["oracle"].high == Decimal("300e9")


def test_capacity_counts_stargate_once_and_keeps_sites_and_chips_apart(real_data):
    sites = {d.id for d, _ in agg.counted(real_data, agg.SITES)}
    chips = {d.id for d, _ in agg.counted(real_data, agg.CHIPS)}
    assert "stargate" in sites and not {"oracle-cloud", "stargate-michigan"} & sites
    assert not sites & chips
    assert "aws" in chips  # about 2 GW of Trainium is counted, with chips
    assert "ohio-campus" in {d.id for d, why in agg.left_out(real_data, agg.SITES) if why == "unconfirmed"}
    assert "nvidia-loi" in {d.id for d, why in agg.left_out(real_data, agg.CHIPS) if why == "stalled"}  # frozen
