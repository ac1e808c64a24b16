"""What a reader sees in a real headless Chromium."""

from __future__ import annotations

import pytest

from browser import tab_to

pytestmark = pytest.mark.browser


def test_arabic_page_lays_out_right_to_left(desktop, server):
    desktop.goto(server.url + "/timeline/")  # a page with its navigation (data pages drop it for width)
    title = desktop.locator("article h1").bounding_box()
    content = desktop.locator("article").bounding_box()
    # the heading hugs the right edge of the content column in RTL
    assert title["x"] + title["width"] > content["x"] + content["width"] - 60
    nav = desktop.locator(".md-sidebar--primary").bounding_box()
    assert nav["x"] > content["x"]  # the navigation sits on the right


def test_switcher_lands_on_the_same_page_in_the_other_language(phone, server, real_data):
    deal = next(iter(real_data.deals))
    phone.goto(f"{server.url}/deals/{deal}/")
    phone.locator("a.ox-lang__link").click()
    phone.wait_for_load_state()
    assert phone.url == f"{server.url}/en/deals/{deal}/"
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("article h1").inner_text().rstrip("¶").strip() == real_data.deals[deal].title.en
    phone.locator("a.ox-lang__link").click()
    phone.wait_for_load_state()
    assert phone.url == f"{server.url}/deals/{deal}/"
    assert phone.locator("article h1").inner_text().rstrip("¶").strip() == real_data.deals[deal].title.ar


def test_glossary_tooltip_on_hover_and_keyboard_focus(desktop, server, real_data):
    for deal in real_data.deals:
        desktop.goto(f"{server.url}/deals/{deal}/")
        if desktop.locator("article .ox-term").count():
            break
    term = desktop.locator("article .ox-term").first
    tip = term.locator(".ox-tip")
    assert not tip.is_visible()
    term.locator("a").hover()
    assert tip.is_visible()
    assert tip.inner_text().strip()
    desktop.mouse.move(0, 0)
    desktop.locator("article h1").hover()
    assert not tip.is_visible()
    # keyboard: Tab until the term's link has focus
    link = term.locator("a")
    assert tab_to(desktop, link), "the glossary link is not reachable by keyboard"
    assert tip.is_visible()
    href = link.get_attribute("href")
    assert "/glossary/#" in href or href.startswith("../../glossary/#")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_value_header_sorts_rows_numerically_both_ways(desktop, server, real_data, prefix):
    desktop.goto(f"{server.url}{prefix}/deals/")
    values = lambda: [float(v) for v in desktop.locator("table.ox-sortable tbody td[data-col=value]").evaluate_all(
        "cells => cells.map(c => c.dataset.sort)")]
    built = values()
    assert built != sorted(built) and built != sorted(built, reverse=True)  # the test can fail
    header = desktop.locator("table.ox-sortable th[data-col=value]")
    header.click()
    first = values()
    assert first in (sorted(built), sorted(built, reverse=True))
    header.click()
    second = values()
    assert second == list(reversed(first)) or second == sorted(built, reverse=first == sorted(built))
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    assert len(second) == len(real_data.deals)
    # the keyboard works too: Enter on the focused header sorts again
    header.focus()
    desktop.keyboard.press("Enter")
    assert values() != second


def test_charts_are_drawn_in_both_languages(phone, desktop, server):
    import re

    for page in (phone, desktop):
        for path, arabic in (("/charts/", True), ("/en/charts/", False)):
            page.goto(server.url + path)
            svgs = page.locator("figure.ox-chart svg[role=img]")
            assert svgs.count() == 5
            for i in range(5):
                box = svgs.nth(i).bounding_box()
                assert svgs.nth(i).is_visible() and box["width"] > 0 and box["height"] > 0, (path, i)
                assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1, (path, i)
            first_text = " ".join(svgs.first.locator("text").all_text_contents())
            assert bool(re.search("[\u0621-\u064a]", first_text)) == arabic, path


def test_deals_table_is_a_stack_of_cards_on_a_phone_and_still_sorts(phone, server, real_data):
    phone.goto(f"{server.url}/deals/")
    width = phone.evaluate("document.documentElement.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= width  # nothing to scroll sideways
    rows = phone.locator("table.ox-cards tbody tr")
    assert rows.count() == len(real_data.deals)
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"]  # stacked, not side by side
    assert first["width"] <= width
    label = rows.nth(0).locator("td[data-col=value]").evaluate("td => getComputedStyle(td, '::before').content")
    assert "القيمة" in label
    phone.locator("table.ox-cards th[data-col=value]").click()
    values = [float(v) for v in phone.locator("table.ox-cards tbody td[data-col=value]").evaluate_all("c => c.map(x => x.dataset.sort)")]
    assert values in (sorted(values), sorted(values, reverse=True))


WIDE_PAGES = ["deals/", "companies/nvidia/", "companies/openai/", "charts/", "gigawatt-cost/", "circular-deals/",
              "corrections/", "methodology/", ""]


@pytest.mark.parametrize("width", [1024, 1280])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_table_shows_all_its_columns_from_1024_px(desktop, server, width, prefix):
    """No table hides a column behind a sideways scrollbar on a laptop screen (phones get cards)."""
    page = desktop
    page.set_viewport_size({"width": width, "height": 900})
    overflowing = []
    for path in WIDE_PAGES:
        page.goto(f"{server.url}/{prefix}{path}")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        overflowing += page.evaluate("""() => [...document.querySelectorAll('article table')]
            .map(t => t.closest('.ox-table') || t.parentElement)
            .filter(box => box.scrollWidth > box.clientWidth + 1)
            .map(box => location.pathname + ': ' + box.scrollWidth + ' > ' + box.clientWidth)""")
    assert overflowing == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_home_opens_with_the_figures_then_the_chart_on_a_phone(phone, server, real_data, prefix):
    """Above the fold at 390 × 844: four figure cards (purchase commitments, announced against
    operating capacity, deals tracked, last update), then the start of the money-flow chart."""
    phone.goto(f"{server.url}/{prefix}")
    cards = phone.locator("ul.ox-headline > li")
    assert cards.count() == 4
    for i in range(4):
        box = cards.nth(i).bounding_box()
        assert box["y"] + box["height"] <= 844, i
    assert cards.nth(2).locator(".ox-headline__value").inner_text() == str(len(real_data.deals))
    chart = phone.locator("article figure svg, article svg").first.bounding_box()
    assert chart["y"] < 844
    intro = phone.locator("article [data-pagefind-body] > p").first.bounding_box(timeout=5000)
    assert intro["y"] > chart["y"]  # the prose follows the picture
