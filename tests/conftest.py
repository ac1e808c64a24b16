from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURE_DATA, ROOT, copy_project, mkdocs_build


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A writable copy of the fixture data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture(scope="session")
def real_data():
    from explainer.loader import load
    return load(ROOT / "data")


@pytest.fixture(scope="session")
def fixture_data():
    from explainer.loader import load
    return load(FIXTURE_DATA)


@pytest.fixture(scope="session")
def site_port() -> int:
    """A free local port, chosen before the build so site_url can name it: then every
    absolute URL in the pages (hreflang, OpenGraph) is served by the test server."""
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(site_port) -> str:
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_url) -> Path:
    """The real site (data/ and docs/ as they are), built once with --strict."""
    work = tmp_path_factory.mktemp("real")
    project = copy_project(work / "project")
    site = work / "site"
    # dated as CI's deploy dates it, so test_integrity can rebuild it byte for byte
    result = mkdocs_build(project, site, env={"SITE_URL": site_url, "SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def server(built_site, site_port):
    from browser import Server
    srv = Server(built_site, site_port)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _pages(chromium):
    """One page per screen size for the whole worker, reused by every test that asks for
    `phone` or `desktop`. A page keeps its renderer process across same-site navigations,
    and with it the scripts it has already compiled (Material's, Pagefind's, axe's); a new
    context per test started all of that from cold and cost half the suite's browser time."""
    context = chromium.new_context()
    made: dict[str, object] = {}

    def get(name: str, viewport: dict):
        page = made.get(name)
        if page is None or page.is_closed():
            page = made[name] = context.new_page()
        page.set_viewport_size(viewport)
        return page

    yield get
    context.close()


def _fresh(page):
    """What a test may leave behind on a shared page, undone: stored settings, cookies,
    the pointer's position (a hover), and the page itself."""
    try:
        page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
    except Exception:  # a page that crashed or navigated to a frame-less state
        page.close()
        return
    page.context.clear_cookies()
    page.mouse.move(0, 0)


@pytest.fixture
def phone(_pages):
    page = _pages("phone", {"width": 390, "height": 844})
    yield page
    _fresh(page)


@pytest.fixture
def desktop(_pages):
    page = _pages("desktop", {"width": 1280, "height": 900})
    yield page
    _fresh(page)
