"""`mkdocs serve` as a contributor uses it: data and page edits show up in both languages,
the rebuilds stop, and bad data keeps the last good preview while the error is printed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from helpers import FIXTURE_DATA, ROOT, copy_project

pytestmark = pytest.mark.build


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 40) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def quiet_for(log, seconds: float, within: float = 30) -> bool:
    """True once the serve log has had no new build for `seconds` (polled, up to `within`)."""
    end = time.monotonic() + within
    count, since = log.read_text().count("Building documentation"), time.monotonic()
    while time.monotonic() < end:
        time.sleep(0.25)
        now = log.read_text().count("Building documentation")
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return True
    return False


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    # share cards already drawn by other runs are reused, as on a contributor's machine
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EXPLAINER_CACHE": str(ROOT / ".cache")}
    env.pop("EXPLAINER_DATA", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: "<h1" in fetch(base + "/deals/amd/"), 60), (tmp_path / "serve.log").read_text()
        yield project, base, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_edits_reload_both_languages_without_a_loop_and_bad_data_keeps_the_preview(served):
    project, base, log = served
    deals = project / "data" / "deals.yaml"
    good = deals.read_text(encoding="utf-8")
    deals.write_text(good.replace("en: AMD deal", "en: AMD deal revised").replace("ar: صفقة إيه إم دي", "ar: صفقة إيه إم دي المعدّلة"), encoding="utf-8")
    assert wait_for(lambda: "AMD deal revised" in fetch(base + "/en/deals/amd/"))
    assert wait_for(lambda: "صفقة إيه إم دي المعدّلة" in fetch(base + "/deals/amd/"))

    # a hand-written page edit shows too
    page = project / "docs" / "en" / "methodology.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    assert wait_for(lambda: "A new closing sentence." in fetch(base + "/en/methodology/"))

    # then the rebuilding stops: writing generated pages must not trigger more builds (in a
    # loop the next build would start within 5 s: a build of this data takes one or two)
    assert quiet_for(log, 5), "the preview kept rebuilding"

    # bad data: the error is printed, and the last good preview is still served
    deals.write_text(good.replace("amount: 100 billion}", "amount: -1}", 1), encoding="utf-8")
    assert wait_for(lambda: "must not be negative" in log.read_text())
    assert "data/deals.yaml:8: deal 'nvidia-loi': value.amount: must not be negative" in log.read_text()
    assert "Traceback" not in log.read_text()
    assert "AMD deal" in fetch(base + "/en/deals/amd/")
    deals.write_text(good, encoding="utf-8")
    assert wait_for(lambda: "AMD deal revised" not in fetch(base + "/en/deals/amd/"))


def test_a_mistake_in_a_page_or_in_data_never_hangs_the_preview(served):
    """Every page keeps answering, shows a banner in its language naming file, line and
    problem, the terminal prints the problems after MkDocs's lines, and the fix clears it."""
    project, base, log = served
    page = project / "docs" / "en" / "methodology.md"
    good_page = page.read_text(encoding="utf-8")
    page.write_text(good_page + "\nA {{ figure:no-such-figure }} and a [link](nowhere.md).\n", encoding="utf-8")
    line = len(good_page.split("\n")) + 1

    def banner(path: str) -> str:
        import html as html_lib
        html = fetch(base + path)
        if "ox-preview-problems" not in html:
            return ""
        return html_lib.unescape(html.split('class="ox-preview-problems"', 1)[1].split("</div>", 1)[0])

    assert wait_for(lambda: "no-such-figure" in banner("/en/methodology/"))
    en, ar = banner("/en/methodology/"), banner("/deals/amd/")  # every page, in its own language
    assert f"docs/en/methodology.md:{line}: {{{{ figure:no-such-figure }}}}: no figure" in en
    assert f"docs/en/methodology.md:{line}: link to nowhere.md: no such page" in en
    assert "This preview has problems to fix" in en and "في هذه المعاينة أخطاء" in ar
    assert "<h1" in fetch(base + "/en/methodology/")  # the last good page is still underneath
    text = log.read_text()
    assert text.rstrip().endswith(("shown at the top of each page.", "Reloading browsers"))
    assert text.rfind("no-such-figure") > text.rfind("Building documentation")
    assert "Traceback" not in text and "Aborted" not in text

    page.write_text(good_page, encoding="utf-8")
    assert wait_for(lambda: not banner("/en/methodology/") and not banner("/deals/amd/"))

    deals = project / "data" / "deals.yaml"
    good = deals.read_text(encoding="utf-8")
    deals.write_text(good.replace("status: definitive", "status: definitve", 1), encoding="utf-8")
    assert wait_for(lambda: "definitve" in banner("/deals/amd/"))
    assert "deal 'amd'" in banner("/en/deals/amd/")
    deals.write_text(good, encoding="utf-8")
    assert wait_for(lambda: not banner("/deals/amd/"))
