"""Translation parity between docs/ar/ and docs/en/, and scripts/check.py as a pre-commit hook."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explainer import parity
from explainer.render import GENERATED_MARK
from helpers import FIXTURE_DATA, ROOT

AR = """---
title: الصفقات الدائرية
---
# الصفقات الدائرية

تستثمر {{ company:nvidia }} في أوبن إيه آي ({{ deal:nvidia-loi.value }})، انظر [الجدول](deals/index.md).

## من يدفع لمن

| الجهة | المبلغ |
|---|---|
| إنفيديا | {{ figure:cost-per-gw-huang }} |

```text
# ليس عنوانًا، و[ليس رابطًا](nowhere.md)
```

## المصادر {#sources}

[الجدول مرة أخرى](deals/index.md) و<a href="glossary.md#gigawatt">{{ term:gigawatt }}</a>
"""

EN = """# Circular deals

See [the table](deals/index.md): {{ company:nvidia }} invests in OpenAI ({{ deal:nvidia-loi.value }}).

## Who pays whom

| Party | Amount |
|---|---|
| Nvidia | {{ figure:cost-per-gw-huang }} |

## Sources {#sources}

<a href='glossary.md#gigawatt'>{{term:gigawatt}}</a>, and [the table again](deals/index.md "Deals").
"""


def test_same_structure_passes_whatever_the_words_and_order():
    assert parity.compare_page("circular-deals.md", AR, EN) == []


def test_heading_difference_is_one_line_with_levels_and_where():
    en = EN.replace("## Sources {#sources}", "### Sources {#sources}")
    assert parity.compare_page("circular-deals.md", AR, en) == [
        "docs/en/circular-deals.md: headings differ from docs/ar/circular-deals.md: "
        "ar has 3 (#,##,##), en has 3 (#,##,###); first difference at heading 3: ar line 18 (##), en line 11 (###)"
    ]


def test_link_and_placeholder_counts_are_compared():
    en = EN.replace(", and [the table again](deals/index.md \"Deals\")", "").replace("{{ figure:cost-per-gw-huang }}", "$50 billion")
    assert parity.compare_page("circular-deals.md", AR, en) == [
        "docs/en/circular-deals.md: link to deals/index.md appears 2 times in ar, 1 in en (ar: lines 6, 20; en: line 3)",
        "docs/en/circular-deals.md: placeholder {{ figure:cost-per-gw-huang }} appears 1 time in ar, 0 in en "
        "(ar: line 12; en: nowhere)",
    ]


def test_tables_are_compared_by_count_and_columns():
    en = EN.replace("| Party | Amount |\n|---|---|\n| Nvidia |", "| Party | Role | Amount |\n|---|---|---|\n| Nvidia | buyer |")
    (line,) = parity.compare_page("circular-deals.md", AR, en)
    assert line == (
        "docs/en/circular-deals.md: tables differ from docs/ar/circular-deals.md: "
        "ar has 1 (line 10: 2 columns), en has 1 (line 7: 3 columns)"
    )


def test_missing_translation_in_either_direction():
    assert parity.compare({"a.md": "# A", "b.md": "# B"}, {"a.md": "# A", "c.md": "# C"}) == [
        "docs/en/b.md is missing (docs/ar/b.md exists)",
        "docs/ar/c.md is missing (docs/en/c.md exists)",
    ]


def test_front_matter_and_code_are_ignored_but_line_numbers_are_the_files():
    text = "---\ntitle: x\nlinks: '[a](b.md)'\n---\n# T\n\n`[x](y.md)` and [z](z.md)\n"
    skeleton = parity.skeleton(text)
    assert skeleton.headings == [(1, 5)]
    assert skeleton.links == [("z.md", 7)]


def test_pages_are_read_by_parsers_where_patterns_went_wrong():
    text = (
        "# T\n\n"
        '<p><a title="a > b" href="deals/x.md">x</a> <span title="<h2>">not a heading</span></p>\n\n'
        "<!-- [retired](old.md)\n## not a heading either -->\n\n"
        '<table><tr><th colspan="2">Deal</th><th>Value</th></tr></table>\n\n'
        "`[code](in-code.md)\nstill code` and [real](real.md)\n"
    )
    skeleton = parity.skeleton(text)
    assert skeleton.headings == [(1, 1)]  # no <h2> inside an attribute or a comment
    assert skeleton.links == [("deals/x.md", 3), ("real.md", 11)]  # `>` in an attribute; code over two lines
    assert skeleton.tables == [(3, 8)]  # colspan counted


def test_admonitions_footnotes_and_markdown_in_html_hold_markdown():
    text = (
        '# T\n\n!!! note "Note"\n    ## Inside\n\n    | a | b |\n    |---|---|\n    | c | d |\n\n'
        '<div class="x" markdown="1">\n## In a div\n[in a div](div.md)\n</div>\n\n'
        "Text.[^1]\n\n[^1]: See [the note](note.md).\n"
    )
    skeleton = parity.skeleton(text)
    assert skeleton.headings == [(1, 1), (2, 4), (2, 11)]
    assert skeleton.tables == [(2, 6)]
    assert skeleton.links == [("div.md", 12), ("note.md", 17)]


def test_generated_pages_are_not_compared(tmp_path):
    docs = tmp_path / "docs"
    for lang in ("ar", "en"):
        (docs / lang / "deals").mkdir(parents=True)
        (docs / lang / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "ar" / "deals" / "amd.md").write_text(f"---\n{GENERATED_MARK}\n---\n# x\n## y\n", encoding="utf-8")
    (docs / "en" / "deals" / "amd.md").write_text(f"---\n{GENERATED_MARK}\n---\n# x\n", encoding="utf-8")
    assert parity.check(docs) == []
    (docs / "en" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    assert parity.check(docs) == ["docs/ar/extra.md is missing (docs/en/extra.md exists)"]


def test_real_pages_match():
    assert parity.check(ROOT / "docs") == []


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    for lang, text in (("ar", AR), ("en", EN)):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "circular-deals.md").write_text(text, encoding="utf-8")
    return tmp_path


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "scripts" / "check.py")], capture_output=True, text=True)


def test_check_passes_fast_without_importing_mkdocs(project):
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-X", "importtime", str(project / "scripts" / "check.py")], capture_output=True, text=True
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert "1 hand-written page(s) match in both languages" in result.stdout
    assert "mkdocs" not in result.stderr  # -X importtime lists every module imported
    assert elapsed < 3  # well under a second on a laptop; generous for a busy CI machine


def test_check_reports_parity_and_unknown_placeholders_with_file_and_line(project):
    en = project / "docs" / "en" / "circular-deals.md"
    en.write_text(EN.replace("{{ deal:nvidia-loi.value }}", "{{ deal:nvidia-loi.valeu }}"), encoding="utf-8")
    (project / "docs" / "ar" / "methodology.md").write_text("# المنهجية\n", encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert "docs/en/methodology.md is missing (docs/ar/methodology.md exists)" in lines
    assert any(l.startswith("docs/en/circular-deals.md: placeholder {{ deal:nvidia-loi.valeu }} appears 0 times in ar, 1 in en") for l in lines), lines
    assert (
        "docs/en/circular-deals.md:3: {{ deal:nvidia-loi.valeu }}: deal field 'valeu' is not one of "
        "value, capacity, announced, title, link"
    ) in lines
    assert lines[-1] == f"{len(lines) - 1} problem(s) in docs/"


@pytest.mark.build
def test_build_and_check_give_the_same_line_for_a_page_with_front_matter(tmp_path):
    from helpers import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    for lang, title in (("ar", "اختبار"), ("en", "Test")):
        (project / "docs" / lang / "front-matter-test.md").write_text(
            f"---\ndescription: {title}\n---\n\n# {title}\n\n{{{{ figure:cost-per-gw-huang }}}}\n\n{{{{ figure:nope }}}}\n",
            encoding="utf-8",
        )
    expected = "docs/ar/front-matter-test.md:9: {{ figure:nope }}: no figure 'nope' in data/figures.yaml"
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert expected in result.stderr
    checked = run_check(project)
    assert expected in checked.stderr.splitlines()


def test_heading_ids_are_the_same_in_both_languages():
    ar = "# عنوان\n\n## الأول {#first}\n\n## الثاني {#second}\n"
    en = "# Title\n\n## First {#first}\n\n## Second {#second-part}\n"
    assert parity.compare_page("x.md", ar, en) == [
        "docs/ar/x.md:5: heading id #second is not on any heading of docs/en/x.md: give the matching heading "
        "the same {#second}",
        "docs/en/x.md:5: heading id #second-part is not on any heading of docs/ar/x.md: give the matching heading "
        "the same {#second-part}",
    ]
    assert parity.compare_page("x.md", ar, en.replace("second-part", "second")) == []
