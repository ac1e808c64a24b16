"""Lists are paginated so that no page grows with the data (synthetic data, no build)."""

from __future__ import annotations

import re

import pytest

import bench
from explainer import loader, pages, render
from helpers import Doc

pytestmark = pytest.mark.xdist_group("big-data")  # the synthetic data is made once


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    target = tmp_path_factory.mktemp("scale") / "data"
    bench.synthetic_data(target, 450)
    return loader.load(target)


def test_deals_list_is_split_into_pages_with_every_deal_once(big):
    generated = pages.generated_pages(big, "ar")
    deal_pages = sorted(k for k in generated if re.fullmatch(r"deals/(index|page-\d+)\.md", k))
    assert deal_pages == ["deals/index.md", "deals/page-2.md", "deals/page-3.md", "deals/page-4.md", "deals/page-5.md"]
    seen = []
    for key in deal_pages:
        doc = Doc(generated[key])
        seen += [row["id"].removeprefix("deal-") for row in doc.find_all("tr") if row.get("id", "").startswith("deal-")]
        assert doc.find_all("nav", class_="ox-pager"), key
    assert sorted(seen) == sorted(big.deals) and len(seen) == len(set(seen))
    # page links resolve to the pages that exist, in Arabic digits' setting too
    assert '<a rel="next" href="../page-3/">' in generated["deals/page-2.md"]
    assert '<a rel="prev" href="../">' in generated["deals/page-2.md"]
    assert 'href="../../downloads/deals.csv"' in generated["deals/page-2.md"]


def test_no_generated_page_grows_past_a_fixed_size(big, fixture_data):
    generated = pages.generated_pages(big, "en")
    lists = {k: v for k, v in generated.items() if not k.startswith(("deals/deal-", "companies/co-"))}
    largest = max(len(v.encode("utf-8")) for v in lists.values())
    assert largest < 200_000, sorted(((len(v), k) for k, v in lists.items()), reverse=True)[:3]
    openai = generated["companies/openai.md"]
    rows = [row for row in Doc(openai).find_all("tr") if row.get("id", "").startswith("deal-")]
    assert len(rows) == render.COMPANY_DEALS_SHOWN
    assert "downloads/deals.csv" in openai


def test_sources_link_to_the_page_that_lists_them(big):
    ctx = render.Ctx.make(big, "en")
    ordered = render.sources_in_order(big)
    last = ordered[-1].id
    page = ctx.source_page(last)
    assert page == render.paged_src("sources.md", (len(ordered) - 1) // render.SOURCES_PAGE_SIZE + 1)
    assert f'id="src-{last}"' in pages.generated_pages(big, "en")[page]


def test_glossary_pages_hold_the_same_terms_in_both_languages(big, monkeypatch):
    monkeypatch.setattr(render, "GLOSSARY_PAGE_SIZE", 20)
    ar, en = pages.generated_pages(big, "ar"), pages.generated_pages(big, "en")
    glossary_pages = sorted(k for k in ar if k == "glossary.md" or k.startswith("glossary/"))
    assert len(glossary_pages) == -(-len(big.glossary) // 20) > 1
    for key in glossary_pages:
        ids = lambda md: sorted(re.findall(r"\{#([a-z0-9-]+)\}", md))
        assert ids(ar[key]) == ids(en[key]) and ids(ar[key])
    # links to a term on another page name that page; the term placeholder does too
    ctx = render.Ctx.make(big, "en")
    last = render.glossary_in_order(big)[-1].id
    assert ctx.term_page(last) != "glossary.md"
    from explainer import placeholders
    link = placeholders.resolve(f"{{{{ term:{last} }}}}", ctx, "index.md", "x")
    assert f"({ctx.term_page(last)}#{last})" in link


def test_a_group_of_tests_stays_on_one_worker(request):
    """The suite relies on xdist's groups to make each costly fixture once (this module's data,
    the checker's run, the poisoned and bidi sites). pytest 9.2 broke them silently
    (pytest-dev/pytest-xdist#1386); requirements-dev.txt pins a pytest they work with."""
    if getattr(request.config.option, "loadgroup", False):  # a worker of `pytest -n N --dist loadgroup`
        assert request.node.nodeid.endswith("@big-data"), request.node.nodeid
