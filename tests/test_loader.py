"""Loading and validation: every class of contributor mistake gives one clear line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.loader import DataError, load
from helpers import ROOT


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data_dir)
    return [str(p) for p in info.value.problems]


def test_fixture_and_real_data_are_valid(fixture_data, real_data):
    assert len(fixture_data.deals) == 2
    assert fixture_data.deals["nvidia-loi"].value.amount == 100 * 10**9
    assert len(real_data.deals) >= 10


def test_missing_arabic_text_names_file_line_entry_and_field(data_dir):
    edit(data_dir / "deals.yaml", "title: {ar: صفقة إيه إم دي, en: AMD deal}", "title: {en: AMD deal}")
    lines = problems(data_dir)
    assert lines == ["data/deals.yaml:22: deal 'amd': title.ar: is required"]


def test_unknown_field_is_reported_not_ignored(data_dir):
    edit(data_dir / "deals.yaml", "  kind: chip-supply\n  parties:\n    - {company: openai, role: buyer}\n    - {company: amd",
         "  kind: chip-supply\n  valu: 3\n  parties:\n    - {company: openai, role: buyer}\n    - {company: amd")
    (line,) = problems(data_dir)
    assert line.startswith("data/deals.yaml:25: deal 'amd': valu: is not a known field")


def test_wrong_enum_value_lists_allowed_values(data_dir):
    edit(data_dir / "deals.yaml", "kind: chip-supply\n  parties:\n    - {company: openai, role: buyer}\n    - {company: amd",
         "kind: chips\n  parties:\n    - {company: openai, role: buyer}\n    - {company: amd")
    (line,) = problems(data_dir)
    assert "deal 'amd': kind: 'chips' is not one of:" in line and "'chip-supply'" in line


def test_negative_money_and_inverted_range(data_dir):
    edit(data_dir / "deals.yaml", "value: {kind: up-to, amount: 100 billion}", "value: {kind: up-to, amount: -5}")
    edit(data_dir / "figures.yaml", "min: 50 billion, max: 60 billion", "min: 70 billion, max: 60 billion")
    lines = problems(data_dir)
    assert "data/deals.yaml:8: deal 'nvidia-loi': value.amount: must not be negative" in lines
    assert any(
        l.startswith("data/figures.yaml:") and "figure 'cost-per-gw-huang': value:" in l
        and "minimum 70000000000 is greater than maximum 60000000000" in l
        for l in lines
    ), lines


def test_malformed_date_and_non_http_url(data_dir):
    edit(data_dir / "deals.yaml", "announced: 2025-10-06", "announced: 2025-13-06")
    edit(data_dir / "sources.yaml", "url: https://example.com/a", "url: javascript:alert(1)")
    lines = problems(data_dir)
    assert "data/deals.yaml:30: deal 'amd': announced: '2025-13-06' is not a real date; write it as YYYY-MM-DD, e.g. 2025-10-06" in lines
    assert "data/sources.yaml:5: source 'src-a': url: 'javascript:alert(1)' is not an http(s) URL" in lines


def test_unknown_reference_and_duplicate_id(data_dir):
    edit(data_dir / "deals.yaml", "- {company: amd, role: supplier}", "- {company: amdd, role: supplier}")
    with (data_dir / "companies.yaml").open("a", encoding="utf-8") as handle:
        handle.write("- id: nvidia\n  name: {ar: س, en: S}\n  kind: chipmaker\n  country: US\n  description: {ar: س, en: S}\n")
    lines = problems(data_dir)
    assert "data/companies.yaml:16: company 'nvidia': id: duplicate id (first used on line 6)" in lines
    # cross-references are checked once the files themselves are valid
    (data_dir / "companies.yaml").write_text(
        (data_dir / "companies.yaml").read_text(encoding="utf-8").rsplit("- id: nvidia\n  name: {ar: س", 1)[0],
        encoding="utf-8",
    )
    lines = problems(data_dir)
    assert lines == [
        "data/deals.yaml:27: deal 'amd': parties[1].company: unknown company id 'amdd' (not in data/companies.yaml)"
    ]


def test_all_problems_reported_at_once(data_dir):
    edit(data_dir / "deals.yaml", "announced: 2025-10-06", "announced: yesterday")
    edit(data_dir / "companies.yaml", "country: US", "country: usa")
    edit(data_dir / "glossary.yaml", "term: {ar: ميغاواط, en: megawatt}", "term: {ar: '', en: megawatt}")
    lines = problems(data_dir)
    files = {l.split(":")[0] for l in lines}
    assert files == {"data/deals.yaml", "data/companies.yaml", "data/glossary.yaml"}, lines


def test_yaml_syntax_error_gives_line(data_dir):
    edit(data_dir / "people.yaml", "company: openai", "company: [openai")
    (line,) = problems(data_dir)
    assert line.startswith("data/people.yaml:") and "YAML syntax error" in line
    assert int(line.split(":")[1]) >= 4


def test_aliases_are_refused_fast(data_dir):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    (data_dir / "quotes.yaml").write_text(laughs, encoding="utf-8")
    (line,) = problems(data_dir)
    assert "YAML anchors and aliases (& and *) are not allowed" in line


def test_bidi_controls_and_invisible_characters_are_refused(data_dir):
    edit(data_dir / "deals.yaml", "en: Nvidia letter of intent", "en: Nvidia \u202eletter of intent")
    edit(data_dir / "people.yaml", "en: Sam Altman", "en: Sam\u200bAltman")
    lines = problems(data_dir)
    assert "data/deals.yaml:2: deal 'nvidia-loi': title.en: contains a bidirectional control character (U+202E); remove it" in lines
    assert "data/people.yaml:2: person 'sam-altman': name.en: contains a zero-width space (U+200B); remove it" in lines


def test_duplicate_key_and_oversize_text(data_dir):
    edit(data_dir / "people.yaml", "company: openai", "company: openai\n  company: nvidia")
    edit(data_dir / "sources.yaml", "title: Example headline", "title: " + "x" * 9000)
    lines = problems(data_dir)
    assert "data/people.yaml:5: person 'sam-altman': company: is given twice (first on line 4)" in lines
    assert any("data/sources.yaml:3: source 'src-a': title: text is 9000 characters long" in l for l in lines), lines


def test_check_command_prints_lines_and_no_traceback(data_dir, tmp_path):
    edit(data_dir / "deals.yaml", "value: {kind: undisclosed}", "value: {kind: range, min: 5}")
    script = tmp_path / "scripts"
    shutil.copytree(ROOT / "scripts", script)
    (tmp_path / "data").exists()
    result = subprocess.run([sys.executable, str(script / "check.py")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/deals.yaml:28: deal 'amd': value: a range needs both min and max" in result.stderr
    assert result.stderr.strip().endswith("1 problem(s) in data/")


def test_missing_interface_label_is_a_clear_message_not_a_traceback(data_dir, tmp_path):
    labels = (data_dir / "labels.yaml").read_text(encoding="utf-8")
    (data_dir / "labels.yaml").unlink()  # the fixture's is a link to data/labels.yaml
    (data_dir / "labels.yaml").write_text(
        "\n".join(l for l in labels.splitlines() if not l.strip().startswith("search:")) + "\n", encoding="utf-8"
    )
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    result = subprocess.run([sys.executable, str(tmp_path / "scripts" / "check.py")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/labels.yaml: ui.search: is missing; add `search: {ar: ..., en: ...}` under ui:" in result.stderr


def test_html_in_data_text_is_refused_with_its_tag(data_dir):
    edit(data_dir / "deals.yaml", "en: A non-binding letter of intent.}", "en: A <b>non-binding</b> letter.}")
    edit(data_dir / "companies.yaml", "en: The chipmaker.", 'en: <img src=x onerror="alert(1)"> The chipmaker.')
    lines = problems(data_dir)
    assert "data/deals.yaml:3: deal 'nvidia-loi': summary.en: contains the HTML tag <b>; data text is shown as typed, so remove the tag" in lines
    assert any(l.startswith("data/companies.yaml:") and "description.en: contains the HTML tag <img" in l for l in lines), lines


def test_html_tags_are_found_by_a_tokenizer(data_dir):
    edit(data_dir / "deals.yaml", "en: A non-binding letter of intent.}", 'en: A <abbr title="x > y">LOI</abbr> where 1 < 2.}')
    assert problems(data_dir) == [
        "data/deals.yaml:3: deal 'nvidia-loi': summary.en: contains the HTML tag <abbr title=\"x > y\">; "
        "data text is shown as typed, so remove the tag"
    ]


def test_text_in_the_wrong_language_is_refused(data_dir):
    edit(data_dir / "deals.yaml", "summary: {ar: خطاب نوايا غير ملزم., en: A non-binding letter of intent.}",
         "summary: {ar: A non-binding letter of intent., en: خطاب نوايا غير ملزم.}")
    assert problems(data_dir) == [
        "data/deals.yaml:3: deal 'nvidia-loi': summary: the ar text looks like English; "
        "write the Arabic text in ar and the English in en"
    ]
    edit(data_dir / "deals.yaml", "summary: {ar: A non-binding letter of intent., en: خطاب نوايا غير ملزم.}",
         "summary: {ar: خطاب نوايا غير ملزم., en: خطاب نوايا غير ملزم.}")
    assert problems(data_dir) == [
        "data/deals.yaml:3: deal 'nvidia-loi': summary: the en text looks like Arabic; "
        "write the English text in en and the Arabic in ar"
    ]


def test_a_number_with_commas_inside_braces_is_reported_once_with_the_fix(data_dir):
    edit(data_dir / "deals.yaml", "value: {kind: undisclosed}", "value: {kind: exact, amount: 1,500,000}")
    assert problems(data_dir) == [
        "data/deals.yaml:28: deal 'amd': value: the number 1,500,000 is written with a comma inside {…}, "
        "which splits it in two; write it without commas (1500000) or in words (e.g. 22.4 billion)"
    ]


def test_yaml_syntax_errors_say_what_is_probably_wrong(data_dir):
    good = (data_dir / "deals.yaml").read_text(encoding="utf-8")
    (data_dir / "deals.yaml").write_text(good.replace("  kind: chip-supply\n", "\tkind: chip-supply\n", 1), encoding="utf-8")
    assert problems(data_dir) == ["data/deals.yaml:4: this line is indented with a tab; YAML needs spaces: replace the tab with spaces"]
    (data_dir / "deals.yaml").write_text(good.replace("  kind: chip-supply\n", "   kind: chip-supply\n", 1), encoding="utf-8")
    (line,) = problems(data_dir)
    assert line.startswith("data/deals.yaml:4: YAML syntax error: ")
    assert "indented by 3 spaces and the line above by 2" in line
    assert "did not find" not in line and "mkdocs" not in line.lower() and "pydantic" not in line.lower()
    # a word before a {…} mapping: YAML says "mapping values are not allowed in this context"
    (data_dir / "deals.yaml").write_text(good.replace("value: {kind: undisclosed}", "value: secret {kind: undisclosed}", 1),
                                         encoding="utf-8")
    (line,) = problems(data_dir)
    assert line.endswith("YAML syntax error: a colon inside a text: put the text in quotes"), line
    # a field pushed in under a list item
    (data_dir / "deals.yaml").write_text(good.replace("  value: {kind: undisclosed}", "     value: {kind: undisclosed}", 1),
                                         encoding="utf-8")
    (line,) = problems(data_dir)
    assert "indented by 5 spaces and the line above by 4" in line, line


def test_a_quote_left_open_is_reported_where_it_opens(data_dir):
    """YAML itself stops where the next quote mark happens to close the text, far below."""
    good = (data_dir / "deals.yaml").read_text(encoding="utf-8")
    (data_dir / "deals.yaml").write_text(good.replace("  kind: chip-supply\n", '  kind: "chip-supply\n', 1), encoding="utf-8")
    # never closed in the file
    assert problems(data_dir) == ["data/deals.yaml:4: YAML syntax error: a quote opened on this line is never closed; "
                                  "close it on the same line"]
    # closed by a quote mark further down
    (data_dir / "deals.yaml").write_text(good.replace("  kind: chip-supply\n", '  kind: "chip-supply\n', 1)
                                         .replace("status: definitive", 'status: "definitive"', 1), encoding="utf-8")
    (line,) = problems(data_dir)
    assert line.startswith("data/deals.yaml:4: YAML syntax error: a quote opened on this line is only closed on line ")
    # a quoted text that closes on its own line is fine
    (data_dir / "deals.yaml").write_text(good.replace("  kind: chip-supply\n", '  kind: "chip-supply"\n', 1), encoding="utf-8")
    assert load(data_dir).deals["nvidia-loi"].kind == "chip-supply"


@pytest.mark.parametrize("old, new, expected", [
    # a decimal comma, quoted or not, is not read as a thousands separator (10,5 -> 105)
    ('value: {kind: undisclosed}', 'value: {kind: exact, amount: "10,5 billion"}',
     "data/deals.yaml:28: deal 'amd': value.amount: '10,5 billion' has a comma that is not a thousands "
     "separator: write decimals with a point (10.5)"),
    ('value: {kind: undisclosed}', 'value: {kind: exact, amount: 10,5 billion}',
     "data/deals.yaml:28: deal 'amd': value: the number 10,5 is written with a comma inside {…}, which splits "
     "it in two; write decimals with a point (10.5)"),
    # a status history told out of order, or a year typed wrong
    ("- date: 2025-10-06\n      status: definitive\n      note: {ar: أُعلنت الصفقة., en: The deal was announced.}\n"
     "      sources: [src-a]\n", "- date: 2025-10-20\n      status: definitive\n      note: {ar: أُعلنت الصفقة., "
     "en: The deal was announced.}\n      sources: [src-a]\n    - date: 2025-10-08\n      status: paused\n"
     "      note: {ar: توقّفت., en: It paused.}\n      sources: [src-a]\n",
     "data/deals.yaml:36: deal 'amd': status[1].date: 2025-10-08 comes before the entry above it (2025-10-20): "
     "list the status history oldest first"),
    ("verified: 2026-05-31\n- id: amd", "verified: 2062-05-31\n- id: amd",
     "data/deals.yaml:20: deal 'nvidia-loi': verified: 2062-05-31 is after 2026-05-31, the day the data is "
     "checked to (as_of in data/site.yaml): a typo in the year?"),
    # money moving to a company that is not a party; a deal related to itself
    ("{payer: nvidia, payee: openai,", "{payer: nvidia, payee: amd,",
     "data/deals.yaml:18: deal 'nvidia-loi': flows[0].payee: 'amd' is not one of this deal's parties: add it "
     "under parties, or correct the flow"),
    ("  sources: [src-a]\n  verified: 2026-05-31\n- id: amd", "  related: [nvidia-loi]\n  sources: [src-a]\n"
     "  verified: 2026-05-31\n- id: amd", "data/deals.yaml:19: deal 'nvidia-loi': related[0]: a deal cannot be "
     "related to itself"),
])
def test_entries_must_hold_together(data_dir, old, new, expected):
    edit(data_dir / "deals.yaml", old, new)
    assert problems(data_dir) == [expected]


def test_a_yes_or_no_typed_as_text_gets_the_quotes_hint(data_dir):
    edit(data_dir / "companies.yaml", "country: US", "country: NO")
    (line,) = problems(data_dir)
    assert line.endswith("country: must be a text: YAML reads yes, no, on and off as true or false, so put the text in quotes")


def test_a_quoted_word_followed_by_more_text_gets_the_quotes_hint(data_dir):
    edit(data_dir / "deals.yaml", "en: AMD deal}", 'en: "AMD" deal}')
    (line,) = problems(data_dir)
    assert line == ("data/deals.yaml:22: YAML syntax error: a text that starts with a quote mark must also end "
                    "with one: put the whole text in quotes")


def test_a_deal_with_one_party_is_told_how_many_it_needs(data_dir):
    edit(data_dir / "deals.yaml", "    - {company: amd, role: supplier}\n", "")
    assert problems(data_dir) == ["data/deals.yaml:25: deal 'amd': parties: needs at least 2 entries"]


@pytest.mark.parametrize("file, old, new, expected", [
    # GW and MW swapped
    ("deals.yaml", "amount: 6, unit: GW", "amount: 6000, unit: GW",
     "data/deals.yaml:29: deal 'amd': capacity: 6000 GW is not a believable capacity (between 0.01 and 100 GW): "
     "is the unit MW?"),
    # a flow bigger than the whole deal
    ("deals.yaml", "value: {kind: up-to, amount: 100 billion}", "value: {kind: up-to, amount: 10 billion}",
     "data/deals.yaml:18: deal 'nvidia-loi': flows[0].amount: 100 billion is more than the whole deal's value "
     "(10 billion): check the digits and million/billion"),
    # checked before it was announced
    ("deals.yaml", "verified: 2026-05-31\n- id: amd", "verified: 2025-01-31\n- id: amd",
     "data/deals.yaml:20: deal 'nvidia-loi': verified: 2025-01-31 is before the deal was announced (2025-09-22)"),
    # a # inside a text: YAML would silently drop the rest
    ("deals.yaml", "en: Chips for a warrant.}", "en: Chips for its #2 warrant.}",
     "data/deals.yaml:23: a ' #' inside a text starts a YAML comment, and the rest of the text would be dropped: "
     "put the whole text in quotes"),
    # the Arabic comma between fields
    ("deals.yaml", "- {company: amd, role: supplier}", "- {company: amd، role: supplier}",
     "data/deals.yaml:27: YAML syntax error: fields inside {…} are separated by a Latin comma (,), not the "
     "Arabic comma (،)"),
    # a spelling that would lead to two definitions
    ("glossary.yaml", "  definition: {ar: وحدة قدرة., en: A unit of power.}",
     "  definition: {ar: وحدة قدرة., en: A unit of power.}\n  variants: {ar: [جيجاواط]}",
     "data/glossary.yaml:10: term 'megawatt': variants.ar[0]: 'جيجاواط' is already a variant of the term "
     "'gigawatt': a word can lead to one definition only"),
])
def test_slips_that_would_mislead_readers(data_dir, file, old, new, expected):
    edit(data_dir / file, old, new)
    assert problems(data_dir) == [expected]
