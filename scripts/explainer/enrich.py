"""Post-processing of a page's HTML: glossary terms in context, and bidi isolation of Latin runs.

Pure functions on HTML strings. They only touch text between tags, never inside
code, links, headings' anchors, scripts, styles or SVG, and they leave entities alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from . import l10n
from .model import DataSet

TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source", "area", "base", "embed", "track"}

# Where glossary links must not go: inside other links, code, headings, quotations, charts.
NO_TERMS = {"a", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6",
            "button", "textarea", "select", "label", "title", "th", "caption", "blockquote",
            "figcaption", "summary", "kbd", "dt", "nav"}
# Where Latin runs need no isolation (or must not be touched).
NO_ISOLATION = {"code", "pre", "script", "style", "svg", "bdi", "textarea", "title", "kbd"}

ARABIC_LETTER = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff"
# Attached particles an Arabic word may carry before a term: و ف (and, so), ب ك ل (with, like,
# for) and the article ال, including the contracted لل (ل + ال).
AR_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"


def _walk(html: str, skip: set[str], transform) -> str:
    """Apply transform(text) to every text segment not inside a skipped element."""
    out = []
    stack: list[str] = []
    for part in TAG.split(html):
        if not part:
            continue
        if part.startswith("<"):
            out.append(part)
            match = TAG_NAME.match(part)
            if not match or part.startswith("<!"):
                continue
            name = match.group(1).lower()
            if part.startswith("</"):
                if name in stack:
                    while stack and stack.pop() != name:
                        pass
            elif name not in VOID and not part.endswith("/>"):
                stack.append(name)
            continue
        if any(name in skip for name in stack):
            out.append(part)
        else:
            out.append(transform(part))
    return "".join(out)


def isolate_latin(html: str) -> str:
    """Wrap runs of Latin script in <bdi> (for Arabic pages)."""
    return _walk(html, NO_ISOLATION, lambda text: l10n.LATIN_RUN.sub(lambda m: f"<bdi>{m.group(0)}</bdi>", text))


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


GLOSSARY_LINK = re.compile(r'href="[^"]*glossary/(?:page-\d+/)?#([a-z0-9-]+)"')

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
    seen: set[str] = set(skip_ids) | set(GLOSSARY_LINK.findall(html))

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
            f'<span class="ox-tip" role="tooltip" id="{tip}" data-pagefind-ignore>{escape(term.definition)}</span></span>'
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
