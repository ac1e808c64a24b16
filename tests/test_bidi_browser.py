"""Mixed Arabic, Latin names and figures render in the right visual order in Chromium."""

from __future__ import annotations

import pytest

from browser import Server
from helpers import FIXTURE_DATA, copy_project, mkdocs_build

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("bidi-site")]  # one worker builds its site

SENTENCE_AR = "أعلنت AMD عن صفقة بقيمة {{ figure:cost-per-gw-huang }} في {{ date:2025-10-06 }} وفق AMD."
SENTENCE_EN = "AMD announced a deal worth {{ figure:cost-per-gw-huang }} on {{ date:2025-10-06 }}."

RECT_OF = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const i = node.data.indexOf(needle);
    if (i >= 0) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + needle.length);
      const b = range.getBoundingClientRect();
      return {x: b.x, y: b.y, right: b.right};
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def bidi_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("bidi")
    project = copy_project(work / "project", data=FIXTURE_DATA)
    (project / "docs" / "ar" / "bidi.md").write_text(f"# اختبار\n\n{SENTENCE_AR}\n", encoding="utf-8")
    (project / "docs" / "en" / "bidi.md").write_text(f"# Test\n\n{SENTENCE_EN}\n", encoding="utf-8")
    result = mkdocs_build(project, work / "site")
    assert result.returncode == 0, result.stderr
    server = Server(work / "site")
    yield server
    server.close()


def positions(page, *needles):
    found = {n: page.evaluate(RECT_OF, n) for n in needles}
    assert all(found.values()), found
    return found


def test_arabic_sentence_reads_right_to_left_with_ranges_left_to_right(desktop, bidi_site):
    desktop.goto(bidi_site.url + "/bidi/")
    p = positions(desktop, "أعلنت", "AMD", "50", "60", "مليار", "أكتوبر", "2025")
    assert len({round(v["y"]) for v in p.values()}) == 1, "the sentence should sit on one line"
    # in running prose a range reads «بين 50 و60», so the logical order أعلنت, AMD, 50, 60,
    # مليار, أكتوبر runs right to left on screen, with nothing scrambled
    order = ["أعلنت", "AMD", "50", "60", "مليار", "أكتوبر"]
    xs = [p[n]["x"] for n in order]
    assert xs == sorted(xs, reverse=True), p
    # the year follows the month: to its left
    assert p["2025"]["x"] < p["أكتوبر"]["x"]


def test_without_isolation_the_same_range_would_scramble(desktop):
    """The control: why isolation is needed. Unisolated, 50–60 shows as 60–50."""
    desktop.set_content('<article dir="rtl" lang="ar"><p>بقيمة 50–60 مليار دولار</p></article>')
    p = positions(desktop, "50", "60")
    assert p["50"]["x"] > p["60"]["x"]


def test_english_sentence_reads_left_to_right(desktop, bidi_site):
    desktop.goto(bidi_site.url + "/en/bidi/")
    p = positions(desktop, "AMD", "50", "60", "billion", "October")
    xs = [p[n]["x"] for n in ("AMD", "50", "60", "billion", "October")]
    assert xs == sorted(xs)
