"""Post-processing of a page's HTML: glossary terms in context, and bidi isolation of Latin runs.

Pure functions on HTML strings. They only touch text between tags, never inside
code, links, headings' anchors, scripts, styles or SVG, and they leave entities alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from markupsafe import escape

from . import l10n
from .model import DataSet

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that end a run of text: a Latin name never continues across them.
BLOCK = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
         "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
         "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}

# Where glossary links must not go: inside other links, code, headings, quotations, charts.
NO_TERMS = {"a", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6",
            "button", "textarea", "select", "label", "title", "th", "caption", "blockquote",
            "figcaption", "summary", "kbd", "dt", "nav"}
# Where Latin runs need no isolation (or must not be touched).
NO_ISOLATION = {"code", "pre", "script", "style", "svg", "bdi", "textarea", "title", "kbd"}
TOOLTIP = "ox-tip"  # a glossary tooltip: not part of the sentence it sits in

ARABIC_LETTER = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff"
# Attached particles an Arabic word may carry before a term: و ف (and, so), ب ك ل (with, like,
# for) and the article ال, including the contracted لل (ل + ال).
AR_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"


@dataclass
class Token:
    kind: str  # "start", "end", "text" (text and character references), "other" (comments, doctype)
    raw: str  # exactly as it was in the page
    tag: str = ""
    tooltip: bool = False  # a start tag of a glossary tooltip


class _Tokenizer(HTMLParser):
    """The page's HTML as a list of tokens, each keeping its original text, so tags and
    attributes are copied untouched and only text between tags is ever changed."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.tokens: list[Token] = []
        self.feed(html)
        self.close()

    def _text(self, raw: str) -> None:
        if self.tokens and self.tokens[-1].kind == "text":
            self.tokens[-1].raw += raw
        else:
            self.tokens.append(Token("text", raw))

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or f"<{tag}>"
        classes = (dict(attrs).get("class") or "").split()
        self.tokens.append(Token("start", raw, tag, TOOLTIP in classes))
        if tag in VOID:
            self.tokens.append(Token("end", "", tag))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(Token("start", self.get_starttag_text() or f"<{tag}/>", tag))
        self.tokens.append(Token("end", "", tag))

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.tokens.append(Token("end", f"</{tag}>", tag))

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def handle_comment(self, data):
        self.tokens.append(Token("other", f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.tokens.append(Token("other", f"<!{decl}>"))

    def handle_pi(self, data):
        self.tokens.append(Token("other", f"<?{data}>"))

    def unknown_decl(self, data):
        self.tokens.append(Token("other", f"<![{data}]>"))


def tokens(html: str) -> list[Token]:
    return _Tokenizer(html).tokens


def _open_elements(toks: list[Token]):
    """Yield (index, token, names of the elements it sits in, inside a tooltip?)."""
    stack: list[tuple[str, bool]] = []
    for index, token in enumerate(toks):
        if token.kind == "start":
            yield index, token, [n for n, _ in stack], any(t for _, t in stack)
            stack.append((token.tag, token.tooltip))
        elif token.kind == "end":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == token.tag:
                    del stack[depth:]
                    break
            yield index, token, [n for n, _ in stack], any(t for _, t in stack)
        else:
            yield index, token, [n for n, _ in stack], any(t for _, t in stack)


def _walk(html: str, skip: set[str], transform) -> str:
    """Apply transform(text) to every text segment not inside a skipped element."""
    toks = tokens(html)
    out = []
    for _, token, open_names, _ in _open_elements(toks):
        if token.kind == "text" and not any(name in skip for name in open_names):
            out.append(transform(token.raw))
        else:
            out.append(token.raw)
    return "".join(out)


_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


def text_of(html: str) -> str:
    """The text of an HTML fragment as it reads: tags dropped, character references resolved,
    runs of white space as one space (a no-break space stays one: it holds its words together)."""
    raw = "".join(token.raw for token in tokens(html) if token.kind == "text")
    return re.sub(r"[ \t\r\n\f]+", " ", unescape(raw)).strip()


def isolate_latin(html: str) -> str:
    """Wrap runs of Latin script in <bdi> (for Arabic pages), so digits and punctuation next
    to them cannot reorder them. A name that continues across markup ("Stargate" linked, then
    " UK") is left whole to the bidi algorithm instead: isolating each piece apart would
    make the pieces trade places on screen ("UK Stargate")."""
    toks = tokens(html)
    flow = list(_open_elements(toks))
    # the text of the sentence each text token sits in, ignoring inline tags and tooltips
    texts: list[tuple[int, str]] = []  # (token index, text) in reading order; index -1 marks a block edge
    for index, token, open_names, in_tip in flow:
        if token.kind in ("start", "end") and token.tag in BLOCK:
            texts.append((-1, ""))
        elif token.kind == "text" and any(name in NO_ISOLATION for name in open_names):
            texts.append((-1, ""))  # code and <bdi> are units of their own
        elif token.kind == "text" and not in_tip:
            texts.append((index, token.raw))
    neighbours: dict[int, tuple[str, str]] = {}
    for position, (index, _) in enumerate(texts):
        if index < 0:
            continue
        before = texts[position - 1][1] if position > 0 else ""
        after = texts[position + 1][1] if position + 1 < len(texts) else ""
        neighbours[index] = (before, after)
    out = []
    for index, token, open_names, _ in flow:
        if token.kind != "text" or any(name in NO_ISOLATION for name in open_names):
            out.append(token.raw)
            continue
        before, after = neighbours.get(index, ("", ""))
        text = token.raw

        def wrap(match: re.Match, text=text, before=before, after=after) -> str:
            # the run continues a Latin word in the text before it, or goes on into the next
            left = not text[: match.start()].strip() and _LATIN_EDGE.match(before.rstrip()[-1:] or " ")
            right = not text[match.end():].strip() and _LATIN_EDGE.match(after.lstrip()[:1] or " ")
            return match.group(0) if (left or right) else f"<bdi>{match.group(0)}</bdi>"

        out.append(l10n.LATIN_RUN.sub(wrap, text))
    return "".join(out)


@dataclass(frozen=True)
class Term:
    id: str
    definition: str


def _term_pattern(data: DataSet, lang: str) -> tuple[re.Pattern, dict[str, Term]]:
    forms: dict[str, Term] = {}
    for term in data.glossary.values():
        entry = Term(term.id, term.definition[lang])
        for form in [term.term[lang], *term.variants[lang], *term.abbr[lang]]:
            key = form.casefold() if lang == "en" else form
            forms.setdefault(key, entry)
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if lang == "ar":
        pattern = re.compile(f"(?<![{ARABIC_LETTER}])({AR_PREFIX})({alternatives})(?![{ARABIC_LETTER}])")
    else:
        pattern = re.compile(rf"()\b({alternatives})\b", re.IGNORECASE)
    return pattern, forms


def _linked_terms(html: str) -> set[str]:
    """Glossary entries the page already links to (<a href=".../glossary/#term">)."""
    found = set()
    for token in tokens(html):
        if token.kind == "start" and token.tag == "a":
            href = dict(_attrs(token.raw)).get("href") or ""
            path, _, fragment = href.partition("#")
            if fragment and re.search(r"glossary/(?:page-\d+/)?$", path):
                found.add(fragment)
    return found


class _Attrs(HTMLParser):
    def __init__(self, tag: str):
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []
        self.feed(tag)

    def handle_starttag(self, tag, attrs):
        self.attrs = attrs

    handle_startendtag = handle_starttag


def _attrs(start_tag: str) -> list[tuple[str, str | None]]:
    return _Attrs(start_tag).attrs

# One compiled pattern per glossary and language. Keyed by the glossary mapping's identity,
# holding a reference to it so the id cannot be reused by a newer glossary (mkdocs serve
# reloads the data on every edit).
_PATTERNS: dict[tuple[int, str], tuple[dict, re.Pattern, dict[str, Term]]] = {}


def link_terms(html: str, data: DataSet, lang: str, glossary_href, skip_ids: set[str] = frozenset()) -> str:
    """Link the first use of each glossary term on the page to its entry, with a tooltip
    (the definition) that shows on hover and on keyboard focus. glossary_href is the
    glossary's URL relative to the page, or a function from term id to the entry's URL."""
    entry_href = glossary_href if callable(glossary_href) else (lambda term_id: f"{glossary_href}#{term_id}")
    key = (id(data.glossary), lang)
    if key not in _PATTERNS or _PATTERNS[key][0] is not data.glossary:
        if len(_PATTERNS) > 16:
            _PATTERNS.clear()
        _PATTERNS[key] = (data.glossary, *_term_pattern(data, lang))
    _, pattern, forms = _PATTERNS[key]
    # terms the page already links to its glossary entry (through {{ term:... }}) count as used
    seen: set[str] = set(skip_ids) | _linked_terms(html)
    direction = "rtl" if lang == "ar" else "ltr"  # the tooltip keeps its language's direction

    def replace(match: re.Match) -> str:
        word = match.group(0)
        form = match.group(2).casefold() if lang == "en" else match.group(2)
        term = forms.get(form)
        if term is None or term.id in seen:
            return word
        seen.add(term.id)
        tip = f"ox-tip-{term.id}"
        return (
            f'<span class="ox-term"><a href="{entry_href(term.id)}" aria-describedby="{tip}">{word}</a>'
            f'<span class="ox-tip" role="tooltip" id="{tip}" dir="{direction}" data-pagefind-ignore>'
            f"{escape(term.definition)}</span></span>"
        )

    return _walk(html, NO_TERMS, lambda text: pattern.sub(replace, text))


# Western digits written in data text ("110", "2026") when the Arabic half uses
# Arabic-Indic digits; not inside Latin names ("MI450", "GB200", "a16z").
NUMBER_OUTSIDE_LATIN = re.compile(r"(?<![A-Za-z0-9])\d+(?:[.,]\d+)*(?![A-Za-z0-9])")
NO_DIGITS = {"code", "pre", "script", "style", "svg", "kbd", "textarea"}
_ARABIC_INDIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")


def arabic_digits_text(text: str) -> str:
    return NUMBER_OUTSIDE_LATIN.sub(lambda m: m.group(0).translate(_ARABIC_INDIC), text)


def arabic_digits(html: str) -> str:
    """Arabic-Indic digits in the page's text (for the arabic_digits: arab setting)."""
    return _walk(html, NO_DIGITS, lambda text: arabic_digits_text(text) if "&#" not in text else _digits_outside_entities(text))


def _digits_outside_entities(text: str) -> str:
    parts = re.split(r"(&#?\w+;)", text)
    return "".join(part if part.startswith("&") else arabic_digits_text(part) for part in parts)


# A number and its unit, and the parts of a date, are never split across lines:
# "50–60 مليار دولار", "$22.4 billion", "10 GW", "6 October 2025" keep no-break spaces.
_NB = "\u00a0"
_AR_MONTHS = "يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر"
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DIGIT = "[0-9٠-٩]"
_KEEP_TOGETHER = [  # (pattern, replacement): the space before the lookahead becomes a no-break space
    (re.compile(rf"({_DIGIT}) +(?=(?:مليار|مليارات|مليون|ملايين|تريليون|تريليونات|غيغاواط|ميغاواط|دولار|دولارات|ألف|آلاف|سهم)(?!\w))"),
     rf"\1{_NB}"),
    (re.compile(r"(مليار|مليارا|ملياري|مليون|مليوني|ملايين|تريليون|تريليونات|مليارات|تريليوني) +(?=دولار)"), rf"\1{_NB}"),
    (re.compile(rf"({_DIGIT}) +({_AR_MONTHS}) +(?={_DIGIT})"), rf"\1{_NB}\2{_NB}"),
    (re.compile(rf"({_DIGIT}) +(?=(?:billion|million|trillion|GW|MW|shares|GPUs)\b)"), rf"\1{_NB}"),
    (re.compile(rf"({_DIGIT}) +({_EN_MONTHS}) +(?={_DIGIT})"), rf"\1{_NB}\2{_NB}"),
    (re.compile(rf"({_AR_MONTHS}|{_EN_MONTHS}) +(?={_DIGIT}{{4}})"), rf"\1{_NB}"),
]


def glue(text: str) -> str:
    """No-break spaces between a number and its unit and inside dates, in plain text."""
    for pattern, replacement in _KEEP_TOGETHER:
        text = pattern.sub(replacement, text)
    return text


def keep_together(html: str) -> str:
    """No-break spaces between a number and its unit and inside dates, in the page's text."""
    return _walk(html, {"script", "style", "code", "pre", "textarea"}, glue)


_CELLS = {"td", "th", "tr", "dt", "dd", "li", "caption", "figcaption", "summary", "p", "h1", "h2", "h3", "h4"}


def space_cells(html: str) -> str:
    """A newline between a cell (td, th, dt, dd, li…) and the next, where the HTML had none:
    the page looks the same, and search indexes the cells' words apart, not glued together."""
    out = []
    previous = None
    for token in tokens(html):
        if token.kind == "start" and previous is not None and previous.kind == "end" and previous.tag in _CELLS \
                and token.tag in _CELLS | {"tr", "thead", "tbody"}:
            out.append("\n")
        out.append(token.raw)
        previous = token
    return "".join(out)


def _start_tag_without(tag: str, attrs: list[tuple[str, str | None]], attribute: str) -> str:
    kept = "".join(f' {k}="{escape(v)}"' if v is not None else f" {k}" for k, v in attrs if k != attribute)
    return f"<{tag}{kept}>"


LABELABLE = {"input", "select", "textarea", "button", "meter", "output", "progress"}


def repair_theme_markup(html: str) -> str:
    """The page without the invalid markup Material's templates leave, in one pass; every
    other byte is kept as it was:
    - `autocomplete` on checkboxes, where HTML does not allow it;
    - `for` on a <label> whose control is not on the page: the table-of-contents title points
      at a checkbox that only pages listed in the sidebar carry (without `for` it looks the same)."""
    page = tokens(html)
    controls = {dict(_attrs(t.raw)).get("id") for t in page if t.kind == "start" and t.tag in LABELABLE}
    out = []
    for token in page:
        if token.kind == "start" and token.tag in ("input", "label"):
            attrs = _attrs(token.raw)
            values = dict(attrs)
            if token.tag == "input" and values.get("type") == "checkbox" and "autocomplete" in values:
                out.append(_start_tag_without("input", attrs, "autocomplete"))
                continue
            if token.tag == "label" and "for" in values and values["for"] not in controls:
                out.append(_start_tag_without("label", attrs, "for"))
                continue
        out.append(token.raw)
    return "".join(out)
