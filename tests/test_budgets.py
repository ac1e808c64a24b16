"""Budgets proven in Chromium: no console errors, no failed or third-party requests,
zero axe-core violations on every page type in both languages, and a light first load."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser]  # spread over both workers; each opens one context per scheme

HOME_BUDGET_BYTES = 90 * 1024  # the Arabic home's first load, gzipped, web font included


PAGE_TYPES = [
    "", "deals/", "deals/stargate/", "companies/", "companies/openai/", "glossary/",
    "timeline/", "sources/", "quotes/", "charts/", "search/",
    "circular-deals/", "gulf/", "gigawatt-cost/", "corrections/", "methodology/",
    "changes/", "embed/money-flow/",
]
DARK = ("", "deals/stargate/", "sources/", "charts/")  # the page types checked in dark mode too
SWEEP = [(prefix, scheme, path) for prefix in ("", "en/") for scheme in ("light", "dark")
         for path in PAGE_TYPES if scheme == "light" or path in DARK]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


def visit(page, url):
    """Load a page; return console errors, failed requests and requests to other hosts."""
    errors, failed, foreign = [], [], []
    host = urlsplit(url).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.goto(url, wait_until="load")  # every resource the page names has loaded (or failed)
    if "search/" in url:
        page.wait_for_selector(".pagefind-ui__result-link")
    return errors, failed, foreign


@pytest.fixture(scope="module")
def contexts(chromium):
    """One phone-sized browser context per colour scheme, shared by the sweep's pages."""
    made = {scheme: chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
            for scheme in ("light", "dark")}
    yield made
    for context in made.values():
        context.close()


@pytest.mark.parametrize("prefix, scheme, path", SWEEP)
def test_every_page_type_is_clean(contexts, server, axe, prefix, scheme, path):
    if path == "search/":
        path += "?q=" + ("deal" if prefix else "%D8%B5%D9%81%D9%82%D8%A9")
    page = contexts[scheme].new_page()
    url = f"{server.url}/{prefix}{path}"
    errors, failed, foreign = visit(page, url)
    violations = axe.run(page, options={"resultTypes": ["violations"]}).response["violations"]
    page.close()
    problems = [f"{url}: {kind}: {f}" for kind, found in
                (("console error", errors), ("failed request", failed), ("other host", foreign)) for f in found]
    problems += [f"{url}: axe {v['id']}: {v['nodes'][0]['target']}" for v in violations]
    assert problems == []


@pytest.mark.parametrize("path", ["", "embed/money-flow/"])
def test_arabic_home_and_an_embed_first_load_is_light(chromium, server, path):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.goto(server.url + "/" + path)
    page.wait_for_load_state("networkidle")
    sizes = {r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished}
    total = sum(sizes.values())
    assert any(u.endswith(".woff2") for u in sizes), "the Arabic web font should be part of the first load"
    assert any("gzip" in (r.response().headers.get("content-encoding", "")) for r in finished)
    assert total <= HOME_BUDGET_BYTES, sorted(sizes.items(), key=lambda kv: -kv[1])
    context.close()


def test_no_google_fonts_or_cdn_in_any_page(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html, path
