"""Search in each language, as a reader uses it: the search page, a query, the results.

Deliberately on the real site: these are queries readers type for its real pages, and only a
site of that size shows that spelling variants and plurals rank the same pages first."""

from __future__ import annotations

import urllib.parse

import pytest

from browser import tab_to

pytestmark = pytest.mark.browser

TOP = 5
# (query, a page that must be among the first results). Arabic queries cover the article
# and attached particles, hamza and alef forms, ta marbuta, diacritics and plurals.
ARABIC = [
    ("إنفيديا", "/companies/nvidia/"),
    ("انفيديا", "/companies/nvidia/"),            # alef without hamza
    ("والرقائق", "/glossary/"),                   # و + ال + plural
    ("الصفقات الدائرية", "/circular-deals/"),
    ("ستارغيت", "/deals/stargate/"),
    ("برودكوم", "/companies/broadcom/"),
    ("أمازون", "/companies/amazon/"),
    ("كلفة الغيغاواط", "/gigawatt-cost/"),
    ("جيجاواط", "/glossary/"),                    # a variant spelling, from the glossary
]
ENGLISH = [
    ("warrant", "/en/glossary/"),
    ("letter of intent", "/en/deals/nvidia-loi/"),
    ("Stargate UK", "/en/deals/stargate-uk/"),
    ("circular", "/en/circular-deals/"),
    ("gigawatt cost", "/en/gigawatt-cost/"),
    ("Broadcom", "/en/companies/broadcom/"),
    ("Abilene", "/en/deals/oracle-cloud/"),
]


def search_for(page, base: str, path: str, query: str) -> None:
    """Search as a reader does: on the search page already, type the new query (the page
    keeps its loaded index); from anywhere else, open a link to the search with ?q=. Returns
    once the message names this query and every result has loaded."""
    url = f"{base}{path}"
    if page.url.split("?")[0] == url and page.locator(".pagefind-ui__search-input").count():
        # cleared first, so that the last query's results and message are gone: a message
        # naming this query can then only come from this query's search
        page.fill(".pagefind-ui__search-input", "")
        page.wait_for_function("() => !document.querySelector('.pagefind-ui__result, .pagefind-ui__message')")
        page.fill(".pagefind-ui__search-input", query)
    else:
        page.goto(f"{url}?q={urllib.parse.quote(query)}")
    # the message names the query both while searching ("Searching for q...") and after; only
    # the final one has no ellipsis. Then each result's placeholder is filled in.
    page.wait_for_function(
        "q => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && m.textContent.includes(q) && !m.textContent.trim().endsWith('...')"
        " && !document.querySelector('.pagefind-ui__loading'); }",
        arg=query, timeout=10_000)
    assert page.locator(".pagefind-ui__search-input").input_value() == query


def results(page, base: str, path: str, query: str) -> list[str]:
    search_for(page, base, path, query)
    hrefs = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    pages = []
    for href in hrefs:
        href = urllib.parse.unquote(href.split("#")[0])
        if href not in pages:
            pages.append(href)
    return pages


@pytest.mark.parametrize("query, expected", ARABIC)
def test_arabic_queries(desktop, server, query, expected):
    found = results(desktop, server.url, "/search/", query)
    assert expected in found[:TOP], found
    assert not any(p.startswith("/en/") for p in found), "Arabic search must return Arabic pages only"


# Spellings a reader may type that must find what the standard spelling finds.
EQUIVALENT = [
    ("صفقه", "صفقة"),      # ta marbuta written as ha
    ("صَفْقَة", "صفقة"),    # diacritics
]


@pytest.mark.parametrize("variant, standard", EQUIVALENT)
def test_arabic_spelling_variants_find_the_same_pages(desktop, server, variant, standard):
    expected = results(desktop, server.url, "/search/", standard)
    assert expected  # the standard spelling finds pages
    found = results(desktop, server.url, "/search/", variant)
    # the same pages come up (the list is paged, so its tail may differ with the ranking)
    assert len(set(found[:TOP]) & set(expected[:TOP])) >= 3, (found, expected)


@pytest.mark.parametrize("query, expected", ENGLISH)
def test_english_queries(desktop, server, query, expected):
    found = results(desktop, server.url, "/en/search/", query)
    assert expected in found[:TOP], found
    assert all(p.startswith("/en/") for p in found), "English search must return English pages only"


def test_search_is_reachable_from_every_page_by_keyboard(desktop, server):
    desktop.goto(server.url + "/deals/")
    link = desktop.locator("a.ox-search-link")
    assert tab_to(desktop, link, presses=30), "the search link is not reachable by keyboard"
    desktop.keyboard.press("Enter")
    desktop.wait_for_selector(".pagefind-ui__search-input")
    assert desktop.url.endswith("/search/")
    desktop.wait_for_function("document.activeElement && document.activeElement.classList.contains('pagefind-ui__search-input')")
    desktop.keyboard.type("ستارغيت")
    desktop.wait_for_selector(".pagefind-ui__result-link")
    assert "/deals/stargate" in desktop.locator(".pagefind-ui__result-link").first.get_attribute("href") or \
        "/deals/stargate" in " ".join(desktop.locator(".pagefind-ui__result-link").evaluate_all("e => e.map(x => x.getAttribute('href'))"))


@pytest.mark.parametrize("query, count_form", [("جالابينيو", "نتائج"), ("ستارغيت", "نتيجة"), ("zzzxqj", None)])
def test_arabic_result_count_agrees_with_its_noun(desktop, server, query, count_form):
    search_for(desktop, server.url, "/search/", query)
    message = desktop.locator(".pagefind-ui__message")
    text = message.text_content()
    assert text.endswith(f"لـ«{query}»")
    if count_form is None:
        assert text.startswith("لا نتائج")
    else:
        number = int(text.split()[0])  # these queries find more than two pages
        assert text.split()[1] == ("نتائج" if 3 <= number % 100 <= 10 else "نتيجة") == count_form


def test_cells_are_never_glued_for_search(built_site):
    """Adjacent cells (td, th, dt, dd, li) are separated by whitespace in every page, so search
    indexes «النوع» and «صانع رقائق» as separate words, not «النوعصانع»."""
    from explainer.enrich import _CELLS, tokens
    for path in list(built_site.glob("*/index.html")) + list(built_site.glob("en/*/index.html")):
        previous = None
        for token in tokens(path.read_text(encoding="utf-8")):
            if token.kind == "start" and previous is not None and previous.kind == "end":
                assert not (previous.tag in _CELLS and token.tag in _CELLS), (path, previous.tag, token.tag)
            previous = token
