"""House rules for hand-written pages that a machine can check.

No bare numbers in prose: every figure, date and year comes from data through a
placeholder ({{ figure:... }}, {{ date:... }}, {{ year:... }}, {{ number:... }}), so the
Arabic and English pages cannot disagree and digits follow the site's digit setting.
Digits are allowed inside placeholders, link targets, HTML tags, heading ids, front
matter, code, and inside Latin names that mix letters and digits (MI450, a16z, GB200).

The page is read with a Markdown and an HTML parser (parity.parse), so only the text a
reader reads is checked; placeholders and `{#id .class}` attribute lists are taken out of it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml

from .parity import _MD, explicit_ids, parse, strip_front_matter
from .placeholders import KINDS

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
_ATTRIBUTE_LIST = re.compile(r"\{[#.][^}\n]*\}")  # {#id .class}
BARE_NUMBER = re.compile(r"(?<![A-Za-z0-9٠-٩])[0-9٠-٩][0-9٠-٩.,٫٬]*(?![A-Za-z0-9٠-٩])")


def bare_numbers(rel: str, text: str) -> list[str]:
    """One line per bare number in a hand-written page: 'docs/ar/x.md:12: ...'."""
    problems = []
    for prose, number in parse(text).prose:
        prose = _ATTRIBUTE_LIST.sub(" ", _PLACEHOLDER.sub(" ", prose))
        prose = _FOOTNOTE_USED.sub(" ", prose)  # [^1] is a footnote's mark, not a number
        for match in BARE_NUMBER.finditer(prose):
            problems.append(
                f"{rel}:{number}: the number '{match.group(0)}' is typed in the text; take it from data "
                "with a placeholder such as {{ figure:... }}, {{ year:... }} or {{ number:... }}"
            )
    return problems


# Markup typed wrong, which the build turns into text a reader sees ("[a](b.md." or
# "{#id") or into a page swallowed by an HTML element left open.
_PLACEHOLDER_KIND = re.compile(r"(?<!\{)\{\s*(" + "|".join(sorted(KINDS)) + r")\s*:")
_LINK_LEFT_OPEN = re.compile(r"\]\(")
_ID_LEFT_OPEN = re.compile(r"\{[#:]")
_BLOCKS = {"div", "section", "details", "figure", "aside", "table", "blockquote", "article", "nav"}
_INLINE = {"a", "span", "bdi", "strong", "em", "b", "i", "abbr", "small", "sup", "sub", "mark", "q", "cite"}
_FOOTNOTE_DEFINED = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
_FOOTNOTE_USED = re.compile(r"\[\^([^\]\s]+)\]")


class _Blocks(HTMLParser):
    """The elements (block ones, unless told others) opened and not closed, with their lines."""

    def __init__(self, tags: set[str] = _BLOCKS):
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.open: list[tuple[str, int]] = []
        self.line = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.tags:
            self.open.append((tag, self.line + self.getpos()[0] - 1))

    def handle_endtag(self, tag):
        if tag in self.tags:
            for index in range(len(self.open) - 1, -1, -1):
                if self.open[index][0] == tag:
                    del self.open[index]
                    break


def _english(prose: str) -> bool:
    """A line of English: six Latin words or more, and far more Latin letters than Arabic."""
    latin = len(re.findall(r"[A-Za-z]", prose))
    arabic = len(re.findall(r"[\u0600-\u06FF]", prose))
    return len(re.findall(r"[A-Za-z]{2,}", prose)) >= 6 and latin > 3 * arabic


def broken_markup(rel: str, text: str) -> list[str]:
    """One line per piece of Markdown or HTML that would reach readers broken."""
    problems = []
    if text.startswith("\ufeff"):
        problems.append(f"{rel}:1: the file starts with an invisible byte-order mark (BOM); save it as UTF-8 "
                        "without BOM")
        text = text[1:]
    body, offset = strip_front_matter(text)
    if text.startswith("---") and not offset:
        problems.append(f"{rel}:1: the front matter opened here with --- is never closed: end it with a line ---")
    elif offset:
        block = "\n".join(text[: len(text) - len(body)].rstrip("\n").split("\n")[1:-1])  # between the --- lines
        try:
            meta = yaml.safe_load(block)
            if meta is not None and not isinstance(meta, dict):
                raise yaml.YAMLError("not a mapping")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark else 1  # the block starts after the opening --- line
            problems.append(f"{rel}:{line}: the front matter is not valid YAML (a value containing a colon "
                            "must be put in quotes)")
    table_at = -1  # the last line of a table that will not be drawn (reported at its first line)
    notes = set(_FOOTNOTE_DEFINED.findall(text))
    for prose, number in parse(text).prose:
        prose = _PLACEHOLDER.sub(" ", prose)
        for note in _FOOTNOTE_USED.findall(prose):
            if note not in notes:
                problems.append(f"{rel}:{number}: the footnote [^{note}] has no text: add a line "
                                f"[^{note}]: ... at the end of the page")
        if rel.startswith("docs/ar/") and _english(prose):
            problems.append(f"{rel}:{number}: this line reads as English in the Arabic page: translate it "
                            "(Latin names inside Arabic sentences are fine)")
        if "**" in prose or "__" in prose:
            problems.append(f"{rel}:{number}: bold is not closed: ** must come in pairs, around the words")
        if re.match(r"\s*(?:!!|\?\?)(?!!)", prose) and not re.match(r"\s*(?:!!!|\?\?\?)", prose):
            problems.append(f"{rel}:{number}: a note box is written !!! note \"Title\", with three marks")
        if re.match(r"\s*#{1,6}[^#\s]", prose):
            problems.append(f"{rel}:{number}: a heading needs a space after its #: ## Title")
        if _PLACEHOLDER_KIND.search(prose):
            problems.append(f"{rel}:{number}: a placeholder has single braces; write it {{{{ kind:id }}}}")
        if _LINK_LEFT_OPEN.search(prose):
            problems.append(f"{rel}:{number}: a link is not closed: write it [text](target) with its closing ')'")
        if _ID_LEFT_OPEN.search(_ATTRIBUTE_LIST.sub(" ", prose)):
            problems.append(f"{rel}:{number}: a heading id is not closed: write it {{#id}}")
        if prose.lstrip().startswith("|") and prose.count("|") > 1:
            table_at, reported = number, table_at == number - 1
            if reported:
                continue
            problems.append(f"{rel}:{number}: a table that will not be drawn: its second line (|---|---|) "
                            "must have as many columns as its first")
    seen_ids: dict[str, int] = {}
    for heading_id, line in explicit_ids(text):
        if heading_id in seen_ids:
            problems.append(f"{rel}:{line}: the id #{heading_id} is already used on line "
                            f"{seen_ids[heading_id]}: each heading id must be different")
        seen_ids.setdefault(heading_id, line)
    blocks = _Blocks()
    for token in _MD.parse(body):
        if token.type == "html_block" and token.map:
            blocks.line = offset + token.map[0]
            blocks.feed(token.content)
            blocks.close()
            blocks.reset()
        elif token.type == "inline" and token.map:  # a paragraph's <a>, <span>…: closed in it
            inline = _Blocks(_INLINE)
            inline.feed("".join(child.content for child in token.children or [] if child.type == "html_inline"))
            inline.close()
            for tag, _ in inline.open:
                problems.append(f"{rel}:{offset + token.map[0] + 1}: <{tag}> is opened and never closed in this "
                                f"paragraph: add </{tag}>")
    for tag, line in blocks.open:
        problems.append(f"{rel}:{line + 1}: <{tag}> is opened and never closed: add </{tag}>, or the rest of "
                        "the page is shown as raw Markdown")
    return problems
