"""Links and #anchors in hand-written pages, checked without building the site.

Every relative link in docs/<lang>/*.md must lead to a page that exists in that language,
hand-written or generated from data, and every #anchor to a heading or element id on that
page, as MkDocs would find it. Problems read `docs/ar/x.md:12: link to y.md: no such page`
or `... link to y.md#z: no heading #z on that page`, so check.py catches before a build
what the strict build would stop on.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from pymdownx.slugs import slugify

from . import pages, parity, placeholders, render
from .model import LANGS, DataSet

_SLUG = slugify(case="lower")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ATTR_ID = re.compile(r"\{[^}\n]*#([\w-]+)[^}\n]*\}\s*$")
_MD_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


class _Ids(HTMLParser):
    """Every id="..." an HTML fragment declares."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


class _Text(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(html)

    def handle_data(self, data):
        self.parts.append(data)


def anchors(markdown: str) -> set[str]:
    """The ids a page will have: its headings (explicit {#id} or slugified as MkDocs's toc
    extension does) and the ids of its HTML elements."""
    body, _ = parity.strip_front_matter(markdown)
    found = set(_Ids(body).ids)
    for line in body.split("\n"):
        match = _ATX.match(line)
        if not match:
            continue
        text = match.group(2)
        explicit = _ATTR_ID.search(text)
        if explicit:
            found.add(explicit.group(1))
            continue
        text = _MD_LINK_TEXT.sub(r"\1", text).replace("\\", "")
        text = "".join(_Text(text).parts).replace("*", "").replace("`", "")
        found.add(_SLUG(text, "-"))
    return found


def _target(page: str, href: str) -> tuple[str | None, str]:
    """(page source the link points to, or None for an external link; its #fragment)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "data:")):
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or not posixpath.splitext(target)[1]:
        target = posixpath.join(target, "index.md")
    return target, unquote(parts.fragment)


def check(data: DataSet, hand_written: dict[str, dict[str, str]]) -> list[str]:
    """One line per broken link or anchor in the hand-written pages of every language."""
    problems: list[str] = []
    generated = pages.all_pages(data)
    for lang in LANGS:
        ctx = render.Ctx.make(data, lang)
        own = hand_written.get(lang, {})
        resolved: dict[str, str] = dict(generated.get(lang, {}))
        for rel, text in own.items():
            try:
                resolved[rel] = placeholders.resolve(text, ctx, rel, f"docs/{lang}/{rel}")
            except placeholders.PlaceholderError:
                resolved[rel] = text  # reported by check.py's placeholder check
        ids = {rel: None for rel in resolved}  # computed when first needed
        for rel, text in own.items():
            for href, line in parity.skeleton(text).links:
                target, fragment = _target(rel, href)
                if target is None:
                    continue
                where = f"docs/{lang}/{rel}:{line}: link to {href}"
                if target not in resolved:
                    problems.append(f"{where}: no such page")
                    continue
                if fragment:
                    if ids[target] is None:
                        ids[target] = anchors(resolved[target])
                    if fragment not in ids[target]:
                        problems.append(f"{where}: no heading #{fragment} on that page")
    return problems
