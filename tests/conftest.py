from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURE_DATA, ROOT, copy_project

# The longest tests first, so that both workers finish together instead of one waiting for
# the other's last long test: xdist hands tests out in this order as workers run short (its
# groups go first). Among them, serve's tests need no build of the real site.
LONG_FIRST = ("tests/test_serve.py", "tests/test_bidi_sweep.py", "tests/test_integrity.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in LONG_FIRST)


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


# --- the real site, built once for the whole run --------------------------------------
#
# The run's first process (pytest itself, or xdist's controller) copies the project, starts
# building the real site in the background and serves its folder on a free port. Workers
# inherit where and on which port through the environment, and wait for the build only when a
# test first needs it, so the build overlaps their start-up and the tests that need no site.
# The port is chosen before the build so site_url can name it: then every absolute URL in the
# pages (hreflang, OpenGraph) is served by the test server.

SHARED = "EXPLAINER_TEST_SITE"
EPOCH = "1767225600"  # dated as CI's deploy dates it, so test_integrity can rebuild it byte for byte


def pytest_configure(config):
    if hasattr(config, "workerinput") or config.option.collectonly:
        return  # a worker finds the build in its environment
    import json
    import socket
    import tempfile

    from browser import Server
    from helpers import start_build
    work = Path(tempfile.mkdtemp(prefix="explainer-real-"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    project = copy_project(work / "project")
    process = start_build(project, work / "site", env={"SITE_URL": f"http://127.0.0.1:{port}/", "SOURCE_DATE_EPOCH": EPOCH})
    server = Server(work / "site", port)
    os.environ[SHARED] = json.dumps({"work": str(work), "port": port})
    config.stash[_shared_key] = (process, server, work)


_shared_key = pytest.StashKey[tuple]()


def pytest_unconfigure(config):
    shared = config.stash.get(_shared_key, None)
    if shared is None:
        return
    process, server, work = shared
    from helpers import stop_build
    stop_build(process)  # a run that never needed the site
    server.close()
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def _shared() -> dict:
    import json
    return json.loads(os.environ[SHARED])


@pytest.fixture(scope="session")
def site_port(_shared) -> int:
    return _shared["port"]


@pytest.fixture(scope="session")
def site_url(site_port) -> str:
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def built_site(_shared) -> Path:
    """The real site (data/ and docs/ as they are), built once with --strict."""
    from helpers import wait_for_build
    site = Path(_shared["work"]) / "site"
    code, output = wait_for_build(site)
    assert code == 0, output
    return site


class _Served:
    def __init__(self, url: str):
        self.url = url


@pytest.fixture(scope="session")
def server(built_site, site_url):
    """The built site, served by the run's first process: .url, without a trailing slash."""
    return _Served(site_url.rstrip("/"))


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
        # the one in front: a page behind another gets no animation frames and 1-second
        # timers, so every wait on it took a second
        page.bring_to_front()
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
