"""No number is typed into a hand-written page: figures come from data."""

from __future__ import annotations

import pytest

from explainer.prose import bare_numbers, broken_markup
from helpers import ROOT


def test_bare_numbers_are_reported_with_file_and_line():
    text = (
        "---\ndescription: Written in 2025\n---\n"
        "# Title\n\n"
        "OpenAI signed 3 deals in ٢٠٢٥ worth $500 billion.\n"
        "Fine: {{ figure:x }}, {{ year:2025 }}, [link](deals/x.md#2025), <bdi dir=\"ltr\">x</bdi>,\n"
        "MI450 and GB200 and a16z, `code 42`, ## Heading {#part-2}\n"
    )
    problems = bare_numbers("docs/en/x.md", text)
    assert [p.split(":")[1] for p in problems] == ["6", "6", "6"]
    assert "the number '3' is typed in the text" in problems[0]
    assert "'٢٠٢٥'" in problems[1] and "'500'" in problems[2]


def test_only_the_text_a_reader_reads_is_checked():
    text = '# T\n\n<span title="a > 2025">x</span> <!-- updated\n2025 --> and 3 left, `1\n2`\n'
    problems = bare_numbers("docs/en/x.md", text)
    assert [p.split(":")[1] for p in problems] == ["4"]
    assert "the number '3' is typed in the text" in problems[0]


def test_real_hand_written_pages_have_no_bare_numbers():
    from explainer.parity import hand_written_pages
    pages, _ = hand_written_pages(ROOT / "docs")
    problems = [p for lang, files in pages.items() for rel, text in files.items()
                for p in bare_numbers(f"docs/{lang}/{rel}", text)]
    assert problems == []
    assert sum(len(files) for files in pages.values()) >= 10


# Markup typed wrong, which the build would turn into broken text on the page.
BROKEN = [
    ("---\ndescription: The Gulf: Stargate UAE\n---\n# T\n", 2, "front matter is not valid YAML"),
    ("---\ndescription: x\n# T\n\nText.\n", 1, "front matter opened here with --- is never closed"),
    ("# T\n\n<div class=\"note\">\n\nText.\n", 3, "<div> is opened and never closed"),
    ("# T\n\n## Part {#part\n", 3, "a heading id is not closed"),
    ("# T\n\nSee [the method](methodology.md.\n", 3, "a link is not closed"),
    ("# T\n\nIt began on { deal:amd.announced }.\n", 3, "a placeholder has single braces"),
    ("# T\n\n| a | b |\n|---|---|---|\n| x | y |\n", 3, "a table that will not be drawn"),
    ("# T\n\n## One {#part}\n\n## Two {#part}\n", 5, "the id #part is already used on line 3"),
    ("\ufeff# T\n", 1, "byte-order mark"),
    ("# T\n\nSee <a href=\"https://g42.ai\">G42 now.\n", 3, "<a> is opened and never closed in this paragraph"),
    ("# T\n\nAs reported[^src].\n", 3, "the footnote [^src] has no text"),
    ("# T\n\n**Value: unknown.\n", 3, "bold is not closed"),
    ("# T\n\n!! note \"Caveat\"\n    Text.\n", 3, "a note box is written !!! note"),
    ("# T\n\n##The chips\n", 3, "a heading needs a space after its #"),
]


@pytest.mark.parametrize("text, line, message", BROKEN)
def test_broken_markup_is_reported_with_its_line(text, line, message):
    problems = broken_markup("docs/en/x.md", text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"docs/en/x.md:{line}: ") and message in problems[0], problems


def test_markup_typed_right_passes():
    text = ('---\ndescription: "The Gulf: Stargate UAE"\n---\n# T {#top}\n\n<div class="note" markdown="1">\n\n'
            "See [the method](methodology.md), {{ deal:amd.announced }}.\n\n</div>\n\n| a | b |\n|---|---|\n| x | y |\n"
            '\nSee <a href="https://g42.ai">G42</a>, **bold**, a note[^1].\n\n!!! note "Caveat"\n    Text.\n\n'
            "[^1]: The note.\n")
    assert broken_markup("docs/en/x.md", text) == []


def test_real_hand_written_pages_have_no_broken_markup():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n# GENERATED"):
            assert broken_markup(path.relative_to(ROOT).as_posix(), text) == [], path


def test_a_footnote_mark_is_not_a_typed_number():
    assert bare_numbers("docs/en/x.md", "# T\n\nAs reported[^1].\n\n[^1]: See the source.\n") == []


def test_english_pasted_into_an_arabic_page_is_reported():
    text = "# عنوان\n\nOpenAI signed a new agreement with Oracle for more cloud capacity.\n\nوقّعت OpenAI مع Oracle Cloud Infrastructure اتفاقًا.\n"
    assert broken_markup("docs/ar/x.md", text) == [
        "docs/ar/x.md:3: this line reads as English in the Arabic page: translate it (Latin names inside Arabic "
        "sentences are fine)"]
    assert broken_markup("docs/en/x.md", text.replace("# عنوان", "# Title")) == []
