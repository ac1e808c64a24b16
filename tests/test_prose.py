"""No number is typed into a hand-written page: figures come from data."""

from __future__ import annotations

from explainer.prose import bare_numbers
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
