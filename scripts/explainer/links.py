"""Links and #anchors in hand-written pages, checked without building the site.

Every relative link in docs/<lang>/*.md must lead to a page that exists in that language,
hand-written or generated from data, and every #anchor to a heading or element id on that
page, as MkDocs would find it. Problems read `docs/ar/x.md:12: link to y.md: no such page`
or `... link to y.md#z: no heading #z on that page`, so check.py catches before a build
what the strict build would stop on.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pymdownx.slugs import slugify

from . import pages, parity, placeholders, render
from .model import LANGS, DataSet

_SLUG = slugify(case="lower")


def anchors(markdown: str) -> set[str]:
    """The ids a page will have: its headings (explicit {#id} or slugified as MkDocs's toc
    extension does) and the ids of its HTML elements."""
    page = parity.parse(markdown)
    found = set(page.ids)
    for text, _ in page.heading_texts:
        explicit, title = parity.explicit_id(text)
        found.add(explicit or _SLUG(title, "-"))
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


def other_files(docs_dir: Path) -> dict[str, set[str]]:
    """The files of each language's folder that are not pages (images and the like), which a
    page may link to, as relative paths."""
    return {
        lang: {p.relative_to(Path(docs_dir) / lang).as_posix() for p in (Path(docs_dir) / lang).rglob("*")
               if p.is_file() and p.suffix != ".md"}
        for lang in LANGS
    }


def check(data: DataSet, hand_written: dict[str, dict[str, str]],
          files: dict[str, set[str]] | None = None) -> list[str]:
    """One line per broken link or anchor in the hand-written pages of every language; `files`
    are the other files a page may link to (other_files)."""
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
                if not target.endswith(".md"):  # an image or other file, as MkDocs checks it
                    if target not in (files or {}).get(lang, set()):
                        problems.append(f"{where}: no such file in docs/{lang}/")
                    continue
                if target not in resolved:
                    problems.append(f"{where}: no such page")
                    continue
                if fragment:
                    if ids[target] is None:
                        ids[target] = anchors(resolved[target])
                    if fragment not in ids[target]:
                        problems.append(f"{where}: no heading #{fragment} on that page")
    return problems
