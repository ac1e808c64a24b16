"""Text from data/ is text: Markdown, links, angle brackets and placeholders typed into a YAML
field (by mistake or on purpose) must show as typed, run nothing, and break no page, in Chromium.
HTML tags themselves are refused by the loader (tests/test_loader.py), and charts and tables
escape what they print (tests/test_charts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import FIXTURE_DATA, copy_project, mkdocs_build

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.xdist_group("poisoned-site")]  # built once

ANGLES = "x < y & z > w &amp; 1 <2"  # brackets and entities that are not tags
PAYLOAD = (
    f"{ANGLES} "
    "[click](javascript:window.__pwned=1) "
    "**bold** {{ figure:nope }}\n\n"
    "| a | b |\n|---|---|\n| c | d |\n\n"
    "<javascript:window.__pwned=1>\n\n"
    "[click](javascript:window.__pwned=1)"
)
# one line, for fields shown in one line (titles and names)
INLINE = " ".join(PAYLOAD.split())


def _poison(data_dir: Path) -> None:
    def edit(name: str, change) -> None:
        path = data_dir / f"{name}.yaml"
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(value)
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def deals(entries):
        deal = next(d for d in entries if d["id"] == "nvidia-loi")
        deal["title"] = {"ar": f"صفقة {INLINE}", "en": f"Deal {INLINE}"}
        deal["summary"] = {"ar": f"ملخص {PAYLOAD}", "en": f"Summary {PAYLOAD}"}
        deal["status"][0]["note"] = {"ar": f"ملاحظة {PAYLOAD}", "en": f"Note {PAYLOAD}"}

    def companies(entries):
        company = next(c for c in entries if c["id"] == "nvidia")
        company["name"] = {"ar": f"شركة {INLINE}", "en": f"Company {INLINE}"}
        company["description"] = {"ar": f"وصف {PAYLOAD}", "en": f"About {PAYLOAD}"}

    def glossary(entries):
        term = next(t for t in entries if t["id"] == "gigawatt")
        term["definition"] = {"ar": f"تعريف {PAYLOAD}", "en": f"Definition {PAYLOAD}"}

    def sources(entries):
        entries[0]["title"] = f"Headline {INLINE}"
        entries[0]["publisher"] = f"Publisher {INLINE}"
        entries[0]["via"] = {"ar": f"نسخة {INLINE}", "en": f"copy {INLINE}"}

    edit("deals", deals)
    edit("companies", companies)
    edit("glossary", glossary)
    edit("sources", sources)


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("injection")
    data = work / "data"
    import shutil

    shutil.copytree(FIXTURE_DATA, data)
    _poison(data)
    project = copy_project(work / "project", data=data)
    site = work / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def poisoned_server(poisoned_site):
    from browser import Server

    server = Server(poisoned_site)
    yield server
    server.close()


PAGES = ["deals/nvidia-loi/", "deals/", "companies/nvidia/", "glossary/", "sources/", "timeline/"]

INSPECT = """() => ({
    pwned: typeof window.__pwned,
    jsLinks: [...document.querySelectorAll('a[href], area[href]')]
        .filter(a => a.protocol === 'javascript:' || /^\\s*javascript:/i.test(a.getAttribute('href')))
        .map(a => a.outerHTML),
    handlers: [...document.querySelectorAll('*')]
        .filter(e => [...e.attributes].some(attr => attr.name.startsWith('on')))
        .map(e => e.outerHTML.slice(0, 120)),
    injectedScripts: [...document.querySelectorAll('script')]
        .filter(s => s.textContent.includes('__pwned')).length,
    payloadTables: [...document.querySelectorAll('article th')]
        .filter(th => th.textContent.trim() === 'a').length,
    bold: [...document.querySelectorAll('article strong, article b')]
        .filter(e => e.textContent.trim() === 'bold').length,
    text: document.querySelector('article').innerText,
})"""


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_markup_in_data_shows_as_text_and_runs_nothing(desktop, poisoned_server, prefix, path):
    response = desktop.goto(f"{poisoned_server.url}/{prefix}{path}")  # a new document: nothing carries over
    assert response.status == 200
    found = desktop.evaluate(INSPECT)
    assert found["pwned"] == "undefined"
    assert found["jsLinks"] == []
    assert found["handlers"] == []
    assert found["injectedScripts"] == 0
    assert found["payloadTables"] == 0  # a pipe table typed in a field is not a table
    assert found["bold"] == 0  # nor is **bold** bold
    assert ANGLES in found["text"]  # the brackets and entities are there, as typed
    assert "**bold**" in found["text"]
    assert "{{ figure:nope }}" in found["text"]  # and a placeholder typed in data stays text


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_deals_table_keeps_one_row_per_deal(desktop, poisoned_server, prefix):
    desktop.goto(f"{poisoned_server.url}/{prefix}deals/")
    rows = desktop.locator("table.ox-sortable > tbody > tr").count()
    desktop.goto(f"{poisoned_server.url}/{prefix}companies/nvidia/")
    company_rows = desktop.locator("table.ox-sortable > tbody > tr").count()
    assert rows == 2
    assert company_rows == 1


# A source url such as `javascript:alert(1)` is refused by the loader:
# tests/test_loader.py::test_malformed_date_and_non_http_url.
