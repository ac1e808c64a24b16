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

`parse()` reads a page with parsers, never with regular expressions: markdown-it-py for the
Markdown (CommonMark and pipe tables, plus the structure the site's Python-Markdown extensions
give: admonitions, footnotes, `markdown="1"` HTML blocks) and html.parser for its HTML. prose.py
and links.py read pages through it too.

Each difference is one line, naming the file to fix:
  docs/en/circular-deals.md: headings differ from docs/ar/circular-deals.md: ar has 5 (##,##,###,##,##), en has 4 (##,##,###,##)

`compare_page()` and `compare()` are pure (text in, lines out); `hand_written_pages()`
and `check()` read docs/.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt, rules_block, rules_inline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .model import TolerantHTMLParser
from .placeholders import PLACEHOLDER
from .writer import is_generated

LANGS = ("ar", "en")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# the line that opens an admonition (`!!! note "Title"`) or a collapsible one (`??? note`, `???+ note`)
_ADMONITION = re.compile(r'(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"(.*)")?[ \t]*$')
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:")  # `[^1]:` opening a footnote
_MARKDOWN_INSIDE = {"1", "block", "span"}  # md_in_html: <div markdown="1"> holds Markdown
_NOT_PROSE = {"script", "style"}  # HTML elements whose content is not text


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


# ---------------------------------------------------------------------------
# The Markdown parser: CommonMark with pipe tables, plus what the site's Python-Markdown
# extensions change about the structure of a page (admonitions, footnotes, md_in_html;
# attr_list's `{#id}` stays text in the heading, where links.py reads it).


class _Markdown(MarkdownIt):
    """Link targets as typed: not percent-encoded, and none refused (the checks judge them)."""

    def normalizeLink(self, url: str) -> str:
        return url

    def validateLink(self, url: str) -> bool:
        return True


def _admonition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`!!! note "Title"` (and `??? note`): the lines indented under it are Markdown of
    their own, as Python-Markdown's admonition extension reads them, not an indented code block."""
    if state.is_code_block(start):
        return False
    marker = _ADMONITION.match(state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]])
    if not marker:
        return False
    if silent:
        return True
    last = line = start + 1
    while line < end:
        if not state.isEmpty(line):
            if state.sCount[line] < state.blkIndent + 4:
                break
            last = line + 1
        line += 1
    saved = state.lineMax, state.blkIndent
    token = state.push("admonition_open", "div", 1)
    token.map = [start, last]
    token.meta = {"title": marker.group(1) or ""}
    state.lineMax, state.blkIndent = last, state.blkIndent + 4
    state.md.block.tokenize(state, start + 1, last)
    state.lineMax, state.blkIndent = saved
    state.push("admonition_close", "div", -1)
    state.line = last
    return True


def _footnote(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`[^1]: text` (Python-Markdown's footnotes): the text, the lines that continue it and
    those indented under it are Markdown, read by readers; `[^1]:` itself is not a link."""
    if state.is_code_block(start):
        return False
    marker = _FOOTNOTE.match(state.src, state.bMarks[start] + state.tShift[start], state.eMarks[start])
    if not marker:
        return False
    if silent:
        return True
    text = marker.end()
    while text < state.eMarks[start] and state.src[text] in " \t":
        text += 1
    saved = state.bMarks[start], state.tShift[start], state.sCount[start], state.blkIndent
    token = state.push("footnote_open", "div", 1)
    state.bMarks[start], state.tShift[start] = marker.end(), text - marker.end()
    state.blkIndent += 4
    state.sCount[start] = state.blkIndent  # the text after `[^1]:` is the footnote's first line
    state.md.block.tokenize(state, start, end)
    state.bMarks[start], state.tShift[start], state.sCount[start], state.blkIndent = saved
    state.line = max(state.line, start + 1)
    token.map = [start, state.line]
    state.push("footnote_close", "div", -1)
    return True


def _definitions_only(state: StateCore) -> None:
    """Keep `[id]: target` definitions aside, so `[text][id]` stays text: a definition is
    counted once, where it is defined, however many times it is used."""
    state.env["definitions"] = state.env.pop("references", {})


def _counting_lines(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """An inline rule that notes, on the last token it makes, how many line breaks its source
    spans (a code span, link or image may run over lines), so each token's line is known."""

    def counted(state: StateInline, silent: bool) -> bool:
        start, before = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > before:
            state.tokens[-1].meta["newlines"] = state.src.count("\n", start, state.pos)
        return True

    return counted


_MD = _Markdown("commonmark").enable("table")
_MD.block.ruler.before("code", "admonition", _admonition, {"alt": ["paragraph", "reference", "blockquote", "list"]})
_MD.block.ruler.before("reference", "footnote", _footnote, {"alt": ["paragraph"]})
# Python-Markdown finds an `[id]: target` definition on any line of a paragraph
_MD.block.ruler.at("reference", rules_block.reference, {"alt": ["paragraph"]})
_MD.core.ruler.after("block", "definitions_only", _definitions_only)
for _name, _rule in (("backticks", rules_inline.backtick), ("link", rules_inline.link), ("image", rules_inline.image)):
    _MD.inline.ruler.at(_name, _counting_lines(_rule))


class _Offsets:
    """Line and column (as HTMLParser.getpos() gives them) to an offset into the text."""

    def __init__(self, text: str):
        self.starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]

    def __call__(self, position: tuple[int, int]) -> int:
        return self.starts[position[0] - 1] + position[1]


class _MarkdownInside(TolerantHTMLParser):
    """(start, end) offsets of the content of each element marked markdown="1" in an HTML
    block (Python-Markdown's md_in_html): that content is Markdown, not HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.regions: list[tuple[int, int]] = []
        self._offset = _Offsets(html)
        self._open: list = []  # [tag, depth, content start] of the element being read
        self.feed(html)
        self.close()
        if self._open:  # closed in a later block: Markdown to the end of this one
            self.regions.append((self._open[2], len(html)))

    def handle_starttag(self, tag, attrs):
        if self._open:
            self._open[1] += tag == self._open[0]
        elif dict(attrs).get("markdown") in _MARKDOWN_INSIDE:
            self._open = [tag, 1, self._offset(self.getpos()) + len(self.get_starttag_text() or "")]

    def handle_startendtag(self, tag, attrs):  # <div markdown="1"/> holds nothing
        pass

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self._open[1] -= 1
            if not self._open[1]:
                self.regions.append((self._open[2], self._offset(self.getpos())))
                self._open = []


class _Html(TolerantHTMLParser):
    """Headings, <a href> targets, tables, ids and text of a page's HTML, with their lines.

    Fed the page's HTML blocks and inline tags, each at its own line, so getpos() gives
    the file's line numbers."""

    def __init__(self, chunks: list[tuple[str, int]]):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, int]] = []
        self.links: list[tuple[str, int]] = []
        self.tables: list[list[int]] = []  # [columns, line]
        self.ids: set[str] = set()
        self.text: list[tuple[str, int]] = []
        self._tables: list[list] = []  # [table, rows seen] of each <table> still open
        self._not_prose = 0
        line = 1
        for chunk, at in chunks:
            if at > line:
                self.feed("\n" * (at - line))
                line = at
            self.feed(chunk)
            line += chunk.count("\n")
        self.close()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(reversed(attrs))  # the first of a repeated attribute counts
        if values.get("id"):
            self.ids.add(values["id"])
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append((int(tag[1]), line))
        elif tag == "a" and values.get("href") is not None:
            self.links.append((values["href"].strip(), line))
        elif tag == "table":
            self.tables.append([0, line])
            self._tables.append([self.tables[-1], 0])
        elif tag == "tr" and self._tables:
            self._tables[-1][1] += 1
        elif tag in ("th", "td") and self._tables and self._tables[-1][1] == 1:  # columns of the first row
            span = (values.get("colspan") or "").strip()
            self._tables[-1][0][0] += int(span) if span.isdigit() else 1
        if tag in _NOT_PROSE:
            self._not_prose += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _NOT_PROSE:
            self._not_prose -= 1

    def handle_endtag(self, tag):
        if tag == "table" and self._tables:
            self._tables.pop()
        if tag in _NOT_PROSE and self._not_prose:
            self._not_prose -= 1

    def handle_data(self, data):
        if not self._not_prose:
            line = self.getpos()[0]
            self.text += [(text, line + index) for index, text in enumerate(data.split("\n")) if text.strip()]


@dataclass(frozen=True)
class Page:
    """The structure of one Markdown page, each item with its line in the file.

    `prose` is the text a reader reads, line by line: Markdown text (links' text included)
    and the text of HTML elements, without code, link targets, tags or attributes.
    `heading_texts` are the Markdown headings' text as it reads, `{#id}` attribute lists included."""

    headings: tuple[tuple[int, int], ...]  # (level, line)
    heading_texts: tuple[tuple[str, int], ...]  # (text, line)
    links: tuple[tuple[str, int], ...]  # (target, line)
    tables: tuple[tuple[int, int], ...]  # (columns, line)
    ids: frozenset[str]  # id="..." of HTML elements
    prose: tuple[tuple[str, int], ...]  # (text, line)


class _Reader:
    """Walks markdown-it's tokens (and, in them, the HTML) of one page."""

    def __init__(self):
        self.headings: list[tuple[int, int]] = []
        self.heading_texts: list[tuple[str, int]] = []
        self.links: list[tuple[str, int]] = []
        self.tables: list[tuple[int, int]] = []
        self.prose: list[tuple[str, int]] = []
        self.html: list[tuple[str, int]] = []  # (HTML, line), in the order of the page

    def read(self, text: str, first: int) -> None:
        """Read Markdown whose first line is line `first` of the file."""
        env: dict = {}
        tokens = _MD.parse(text, env)
        definitions = [(label, ref) for label, ref in env.get("definitions", {}).items()]
        definitions += [(ref["label"], ref) for ref in env.get("duplicate_refs", [])]
        for label, ref in definitions:
            if not label.startswith("^"):  # [^1]: is a footnote, not a link
                self.links.append((ref["href"].strip(), first + ref["map"][0]))
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                self.headings.append((int(token.tag[1]), first + token.map[0]))
            elif token.type == "table_open":
                columns = 0
                for cell in tokens[index + 1:]:
                    if cell.type == "tr_close":
                        break
                    columns += cell.type == "th_open"
                self.tables.append((columns, first + token.map[0]))
            elif token.type == "inline":
                plain = self._inline(token, first + token.map[0])
                if tokens[index - 1].type == "heading_open":
                    self.heading_texts.append((plain, first + token.map[0]))
            elif token.type == "html_block":
                self._html_block(token.content, first + token.map[0])
            elif token.type == "admonition_open" and token.meta["title"]:
                self.prose.append((token.meta["title"], first + token.map[0]))

    def _inline(self, inline: Token, line: int) -> str:
        """Note the links, HTML and prose of a paragraph, heading or cell; return its text as
        it reads (code included, HTML tags left out)."""
        prose: list[str] = []
        plain: list[str] = []
        first = line
        link: tuple[Token, int] | None = None  # the open link and its first line
        for child in inline.children or []:
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                prose.append("\n")
                plain.append(" ")
                line += 1
            elif kind == "text":
                text = child.content.replace("\n", " ")
                plain.append(text)
                prose.append(" " if link and link[0].markup == "autolink" else text)
            elif kind == "code_inline":
                plain.append(child.content)
                newlines = child.meta.get("newlines", 0)
                prose.append(" " + "\n" * newlines)
                line += newlines
            elif kind == "html_inline":
                self.html.append((child.content, line))
                newlines = child.content.count("\n")
                prose.append(" " + "\n" * newlines)
                line += newlines
            elif kind == "image":
                alt = "".join(" " if part.type in ("softbreak", "hardbreak") else part.content
                              for part in child.children or [])
                plain.append(alt)
                prose.append(alt)
                newlines = child.meta.get("newlines", 0)
                prose.append("\n" * newlines)
                line += newlines
                self.links.append((child.attrs.get("src", "").strip(), line))
            elif kind == "link_open":
                link = (child, line)
            elif kind == "link_close" and link:
                opened, at = link
                end = at + child.meta.get("newlines", 0)  # the line of the target
                prose.append("\n" * (end - line))
                line = max(line, end)
                if opened.markup != "autolink":  # <https://...> was never counted as a link
                    self.links.append((str(opened.attrs.get("href", "")).strip(), line))
                link = None
        for offset, text in enumerate("".join(prose).split("\n")):
            if text.strip():
                self.prose.append((text, first + offset))
        return "".join(plain)

    def _html_block(self, html: str, line: int) -> None:
        """An HTML block: HTML, except the content of elements marked markdown="1"."""
        done = 0
        for start, end in _MarkdownInside(html).regions if "markdown" in html else []:
            self.html.append((html[done:start], line + html.count("\n", 0, done)))
            self.read(html[start:end], line + html.count("\n", 0, start))
            done = end
        self.html.append((html[done:], line + html.count("\n", 0, done)))


def _by_line(items: list) -> tuple:
    return tuple(sorted(items, key=lambda item: item[1]))


@functools.lru_cache(maxsize=256)
def parse(markdown: str) -> Page:
    """The structure of a page (front matter ignored; line numbers are the file's)."""
    body, offset = strip_front_matter(markdown)
    reader = _Reader()
    reader.read(body, offset + 1)
    html = _Html([(chunk, at) for chunk, at in reader.html if chunk])
    return Page(
        headings=_by_line(reader.headings + html.headings),
        heading_texts=tuple(reader.heading_texts),
        links=_by_line(reader.links + html.links),
        tables=_by_line(reader.tables + [(columns, at) for columns, at in html.tables]),
        ids=frozenset(html.ids),
        prose=_by_line(reader.prose + html.text),
    )


def _placeholder_token(match: re.Match) -> str:
    kind, key, fld = match.groups()
    return "{{ " + f"{kind}:{key}" + (f".{fld}" if fld else "") + " }}"


def skeleton(markdown: str) -> Skeleton:
    """Headings, link targets, tables and placeholders of one page (front matter ignored)."""
    body, offset = strip_front_matter(markdown)
    page = parse(markdown)
    out = Skeleton(headings=list(page.headings), links=list(page.links), tables=list(page.tables))
    for number, line in enumerate(body.split("\n"), start=offset + 1):
        for match in PLACEHOLDER.finditer(line):
            out.placeholders.append((_placeholder_token(match), number))
    return out


def _lines(numbers: list[int]) -> str:
    if not numbers:
        return "nowhere"
    word = "line" if len(numbers) == 1 else "lines"
    return f"{word} {', '.join(str(n) for n in numbers)}"


def _times(count: int) -> str:
    return "1 time" if count == 1 else f"{count} times"


HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{:?([^}\n]*)\}[ \t]*$")  # `{#id .class}` ending a heading
_ID = re.compile(r"#([\w-]+)")


def explicit_id(heading: str) -> tuple[str | None, str]:
    """A heading's explicit id (`## Title {#id}`), if it has one, and its text without it."""
    attributes = HEADING_ATTRIBUTES.search(heading)
    if not attributes:
        return None, heading
    ids = _ID.findall(attributes.group(1))
    return (ids[-1] if ids else None), heading[: attributes.start()]


def explicit_ids(markdown: str) -> list[tuple[str, int]]:
    """The explicit ids of a page's headings, in order, with their lines."""
    found = []
    for text, line in parse(markdown).heading_texts:
        heading_id, _ = explicit_id(text)
        if heading_id:
            found.append((heading_id, line))
    return found


def _heading_ids(markdown: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for heading_id, line in explicit_ids(markdown):
        found.setdefault(heading_id, line)
    return found


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

    # explicit heading ids ({#id}) are the same in both languages: links from other pages,
    # and the language switch, land on them
    ar_ids, en_ids = _heading_ids(ar_text), _heading_ids(en_text)
    for heading_id in sorted(set(ar_ids) ^ set(en_ids)):
        has, lacks = ("ar", "en") if heading_id in ar_ids else ("en", "ar")
        line = (ar_ids if has == "ar" else en_ids)[heading_id]
        problems.append(f"docs/{has}/{rel}:{line}: heading id #{heading_id} is not on any heading of "
                        f"docs/{lacks}/{rel}: give the matching heading the same {{#{heading_id}}}")

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
    from .prose import bare_numbers, broken_markup

    for lang in LANGS:
        for rel, text in sorted(pages[lang].items()):
            problems += broken_markup(f"docs/{lang}/{rel}", text)
            problems += bare_numbers(f"docs/{lang}/{rel}", text)
    return problems + compare(pages["ar"], pages["en"])
