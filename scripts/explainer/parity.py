"""Translation parity: each hand-written page has the same skeleton in Arabic and English.

The words differ by design; the structure must not. For every hand-written page
(docs/<lang>/*.md without the GENERATED line) this compares, between docs/ar/ and docs/en/:

- that the page exists in both languages (a missing translation is an error),
- the sequence of heading levels (how many headings, and their levels, in order),
- the link targets: `[text](target)`, `![alt](target)`, `[id]: target` and `<a href="target">`,
  as a multiset (order may differ between languages, counts may not),
- the tables: how many, and how many columns each has (Markdown pipe tables and <table>),
- the placeholders `{{ kind:id(.field) }}` as a multiset (figures, terms, companies, ...).

Front matter is ignored. Code (fenced blocks and `inline code`) is ignored for headings,
links and tables, but not for placeholders, which the build resolves everywhere.

Each difference is one line, naming the file to fix:
  docs/en/circular-deals.md: headings differ from docs/ar/circular-deals.md: ar has 5 (##,##,###,##,##), en has 4 (##,##,###,##)

`compare_page()` and `compare()` are pure (text in, lines out); `hand_written_pages()`
and `check()` read docs/.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .placeholders import PLACEHOLDER
from .writer import is_generated

LANGS = ("ar", "en")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_HEADING = re.compile(r"<h([1-6])[\s>]", re.I)
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_MD_LINK = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)")  # not footnotes [^1]:
_A_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_HTML_ROW = re.compile(r"<tr\b.*?(?:</tr\s*>|(?=<tr\b)|\Z)", re.I | re.S)
_HTML_CELL = re.compile(r"<t[hd]\b[^>]*?(?:\bcolspan\s*=\s*[\"']?(\d+))?[^>]*>", re.I)


@dataclass
class Skeleton:
    """What must match between the two languages of a page, with the line of each item."""

    headings: list[tuple[int, int]] = field(default_factory=list)  # (level, line)
    links: list[tuple[str, int]] = field(default_factory=list)  # (target, line)
    tables: list[tuple[int, int]] = field(default_factory=list)  # (columns, line)
    placeholders: list[tuple[str, int]] = field(default_factory=list)  # (token, line)


def strip_front_matter(text: str) -> tuple[str, int]:
    """The page without its front matter, and how many lines the front matter took."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, 0
    return text[match.end():], match.group(0).count("\n")


def _placeholder_token(match: re.Match) -> str:
    kind, key, fld = match.groups()
    return "{{ " + f"{kind}:{key}" + (f".{fld}" if fld else "") + " }}"


def _link_target(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        raw = raw[1:-1]
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return raw.strip()


def _columns(row: str) -> int:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return len(re.split(r"(?<!\\)\|", row))


def skeleton(markdown: str) -> Skeleton:
    """Headings, link targets, tables and placeholders of one page (front matter ignored)."""
    body, offset = strip_front_matter(markdown)
    out = Skeleton()
    lines = body.split("\n")
    fence: str | None = None
    prose: list[tuple[int, str]] = []  # (line number, text) outside fenced code
    for index, line in enumerate(lines):
        number = index + 1 + offset
        for match in PLACEHOLDER.finditer(line):
            out.placeholders.append((_placeholder_token(match), number))
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = None
            prose.append((number, ""))
            continue
        if fence_match:
            fence = fence_match.group(1)
            prose.append((number, ""))
            continue
        prose.append((number, _INLINE_CODE.sub(" ", line)))

    previous = ""  # the previous line, if it can be a setext heading's text
    for number, line in prose:
        atx = _ATX.match(line)
        setext = _SETEXT.match(line)
        if atx:
            out.headings.append((len(atx.group(1)), number))
        elif setext and previous and "|" not in previous and "|" not in line:
            out.headings.append((1 if setext.group(1)[0] == "=" else 2, number - 1))
            previous = ""
            continue
        for match in _HTML_HEADING.finditer(line):
            out.headings.append((int(match.group(1)), number))
        for match in _MD_LINK.finditer(line):
            out.links.append((_link_target(match.group(1)), number))
        ref = _REF_DEF.match(line)
        if ref:
            out.links.append((_link_target(ref.group(1)), number))
        for match in _A_HREF.finditer(line):
            out.links.append((_link_target(match.group(1)), number))
        if _DELIMITER_ROW.match(line) and "|" in previous:
            out.tables.append((_columns(line), number - 1))
        stripped = line.strip()
        is_plain = bool(stripped) and not atx and not stripped.startswith(("<", ">", "-", "*", "+", "!!!", "???"))
        previous = line if is_plain or (stripped and "|" in stripped) else ""

    # HTML tables: columns of the first row (colspan counted)
    html = "\n".join(text for _, text in prose)
    for match in _HTML_TABLE.finditer(html):
        line = html.count("\n", 0, match.start()) + 1 + offset
        first_row = _HTML_ROW.search(match.group(0))
        columns = 0
        if first_row:
            columns = sum(int(cell.group(1) or 1) for cell in _HTML_CELL.finditer(first_row.group(0)))
        out.tables.append((columns, line))
    out.tables.sort(key=lambda item: item[1])
    out.headings.sort(key=lambda item: item[1])
    return out


def _lines(numbers: list[int]) -> str:
    if not numbers:
        return "nowhere"
    word = "line" if len(numbers) == 1 else "lines"
    return f"{word} {', '.join(str(n) for n in numbers)}"


def _times(count: int) -> str:
    return "1 time" if count == 1 else f"{count} times"


def compare_page(rel: str, ar_text: str, en_text: str) -> list[str]:
    """Differences between the Arabic and English versions of one page, one line each."""
    ar, en = skeleton(ar_text), skeleton(en_text)
    ar_name, en_name = f"docs/ar/{rel}", f"docs/en/{rel}"
    problems: list[str] = []

    ar_levels = [level for level, _ in ar.headings]
    en_levels = [level for level, _ in en.headings]
    if ar_levels != en_levels:
        def shape(levels: list[int]) -> str:
            return ",".join("#" * level for level in levels)
        where = ""
        for i in range(max(len(ar_levels), len(en_levels))):
            a = ar.headings[i] if i < len(ar.headings) else None
            e = en.headings[i] if i < len(en.headings) else None
            if a is None or e is None or a[0] != e[0]:
                a_desc = f"ar line {a[1]} ({'#' * a[0]})" if a else "ar has none"
                e_desc = f"en line {e[1]} ({'#' * e[0]})" if e else "en has none"
                where = f"; first difference at heading {i + 1}: {a_desc}, {e_desc}"
                break
        problems.append(
            f"{en_name}: headings differ from {ar_name}: ar has {len(ar_levels)} ({shape(ar_levels)}), "
            f"en has {len(en_levels)} ({shape(en_levels)}){where}"
        )

    for noun, ar_items, en_items in (
        ("link to", ar.links, en.links),
        ("placeholder", ar.placeholders, en.placeholders),
    ):
        ar_count = Counter(item for item, _ in ar_items)
        en_count = Counter(item for item, _ in en_items)
        for item in sorted(set(ar_count) | set(en_count)):
            if ar_count[item] != en_count[item]:
                ar_at = [n for i, n in ar_items if i == item]
                en_at = [n for i, n in en_items if i == item]
                problems.append(
                    f"{en_name}: {noun} {item or '(empty)'} appears {_times(ar_count[item])} in ar, "
                    f"{en_count[item]} in en (ar: {_lines(ar_at)}; en: {_lines(en_at)})"
                )

    ar_cols = [columns for columns, _ in ar.tables]
    en_cols = [columns for columns, _ in en.tables]
    if ar_cols != en_cols:
        def tables(items: list[tuple[int, int]]) -> str:
            return ", ".join(f"line {line}: {columns} columns" for columns, line in items) or "none"
        problems.append(
            f"{en_name}: tables differ from {ar_name}: ar has {len(ar_cols)} ({tables(ar.tables)}), "
            f"en has {len(en_cols)} ({tables(en.tables)})"
        )
    return problems


def compare(ar_pages: dict[str, str], en_pages: dict[str, str]) -> list[str]:
    """Compare two sets of hand-written pages {relative path: Markdown}; one line per difference."""
    problems: list[str] = []
    for rel in sorted(set(ar_pages) | set(en_pages)):
        if rel not in en_pages:
            problems.append(f"docs/en/{rel} is missing (docs/ar/{rel} exists)")
        elif rel not in ar_pages:
            problems.append(f"docs/ar/{rel} is missing (docs/en/{rel} exists)")
        else:
            problems.extend(compare_page(rel, ar_pages[rel], en_pages[rel]))
    return problems


def hand_written_pages(docs_dir: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """{lang: {relative path: text}} of the hand-written pages, and lines for unreadable files."""
    pages: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    for lang in LANGS:
        root = Path(docs_dir) / lang
        found: dict[str, str] = {}
        if root.is_dir():
            for path in sorted(root.rglob("*.md")):
                if not path.is_file() or is_generated(path):
                    continue
                rel = path.relative_to(root).as_posix()
                try:
                    found[rel] = path.read_text(encoding="utf-8")
                except UnicodeDecodeError as exc:
                    problems.append(f"docs/{lang}/{rel}: is not UTF-8 text ({exc.reason} at byte {exc.start})")
                    found[rel] = ""
                except OSError as exc:
                    problems.append(f"docs/{lang}/{rel}: cannot be read ({exc.strerror})")
                    found[rel] = ""
        pages[lang] = found
    return pages, problems


def check(docs_dir: Path) -> list[str]:
    """Every problem of the hand-written pages under docs_dir, one line each: pages that
    do not match across languages, and numbers typed into prose (see prose.py)."""
    pages, problems = hand_written_pages(Path(docs_dir))
    generated = {
        lang: {
            path.relative_to(Path(docs_dir) / lang).as_posix()
            for path in (Path(docs_dir) / lang).rglob("*.md")
            if is_generated(path)
        }
        if (Path(docs_dir) / lang).is_dir() else set()
        for lang in LANGS
    }
    for rel in sorted(set(pages["ar"]) ^ set(pages["en"])):
        lang, other = ("en", "ar") if rel in pages["ar"] else ("ar", "en")
        if rel in generated[lang]:  # the other language has a generated page there
            problems.append(
                f"docs/{lang}/{rel} is generated from data/, but docs/{other}/{rel} is hand-written; "
                f"rename docs/{other}/{rel}"
            )
            pages[other].pop(rel)
    from .prose import bare_numbers

    for lang in LANGS:
        for rel, text in sorted(pages[lang].items()):
            problems += bare_numbers(f"docs/{lang}/{rel}", text)
    return problems + compare(pages["ar"], pages["en"])
