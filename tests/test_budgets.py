"""Budgets proven in Chromium: no console errors, no failed or third-party requests,
zero axe-core violations on every page type in both languages, and a light first load."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser]  # spread over both workers; each has one page for the sweep

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
def axe() -> str:
    """axe-core's source, as packaged by axe-playwright-python."""
    from axe_playwright_python.sync_playwright import Axe
    return Axe().axe_script


def violations(page, axe: str, options: dict) -> list[dict]:
    """axe-core's violations on the page as it is now (axe is added to a page that lacks it)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe)
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


# In the dark scheme only the colours change (Material swaps its palette's custom properties;
# the markup, names and roles are the light page's), so the dark pages are checked for colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


class Visitor:
    """One phone-sized page for the whole sweep, listening once for console errors, failed
    requests and requests to other hosts. Reusing the page keeps its renderer, which has
    already compiled the site's scripts and axe: a new page per URL doubled the sweep's time."""

    def __init__(self, chromium, axe: str):
        self.context = chromium.new_context(viewport={"width": 390, "height": 844})
        # axe comes with every page the sweep opens, instead of 570 KB sent to each one
        self.context.add_init_script(script=axe)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.host = ""
        page = self.page
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("request", lambda r: self.foreign.append(r.url)
                if urlsplit(r.url).netloc not in (self.host, "") and not r.url.startswith("data:") else None)

    def visit(self, url: str, scheme: str):
        """Load a page in a colour scheme; return console errors, failed requests and
        requests to other hosts."""
        self.errors, self.failed, self.foreign = [], [], []
        self.host = urlsplit(url).netloc
        self.page.emulate_media(color_scheme=scheme)
        self.page.bring_to_front()  # a page behind another gets no animation frames
        self.page.goto(url, wait_until="load")  # every resource the page names has loaded (or failed)
        if "search/" in url:
            self.page.wait_for_selector(".pagefind-ui__result-link")
        return self.errors, self.failed, self.foreign


@pytest.fixture(scope="module")
def visitor(chromium, axe):
    made = Visitor(chromium, axe)
    yield made
    made.context.close()


@pytest.mark.parametrize("prefix, scheme, path", SWEEP)
def test_every_page_type_is_clean(visitor, server, axe, prefix, scheme, path):
    if path == "search/":
        path += "?q=" + ("deal" if prefix else "%D8%B5%D9%81%D9%82%D8%A9")
    url = f"{server.url}/{prefix}{path}"
    errors, failed, foreign = visitor.visit(url, scheme)
    options = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    reported = violations(visitor.page, axe, options)
    # the scheme really is the one asked for (a palette remembered from an earlier page would win)
    shown = visitor.page.evaluate("document.body.dataset.mdColorScheme || null")  # embeds have none
    assert shown in (None, {"light": "default", "dark": "slate"}[scheme]), shown
    problems = [f"{url}: {kind}: {f}" for kind, found in
                (("console error", errors), ("failed request", failed), ("other host", foreign)) for f in found]
    problems += [f"{url}: axe {v['id']}: {v['nodes'][0]['target']}" for v in reported]
    assert problems == []


def test_the_sweep_can_fail(visitor, axe):
    """The sweep's checks report what they should: an image without a text alternative, and,
    for the dark pages, grey on near-black."""
    visitor.page.emulate_media(color_scheme="light")
    visitor.page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                             '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>')
    assert "image-alt" in [v["id"] for v in violations(visitor.page, axe, {"resultTypes": ["violations"]})]
    visitor.page.emulate_media(color_scheme="dark")
    visitor.page.set_content('<html lang="en"><body style="background:#111"><main>'
                             '<p style="color:#333">Hard to read</p></main></body></html>')
    options = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}}
    assert [v["id"] for v in violations(visitor.page, axe, options)] == ["color-contrast"]


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
