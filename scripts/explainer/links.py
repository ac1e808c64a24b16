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

import yaml
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


def check_site(data: DataSet, hand_written: dict[str, dict[str, str]], docs_dir: Path, mkdocs_yml: Path,
               generated: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Every link check, with the generated pages rendered once (or given): the links and
    anchors of the hand-written pages, and the menu."""
    generated = generated if generated is not None else pages.all_pages(data)
    return check(data, hand_written, other_files(docs_dir), generated) + nav(mkdocs_yml, generated, hand_written)


def check(data: DataSet, hand_written: dict[str, dict[str, str]], files: dict[str, set[str]] | None = None,
          generated: dict[str, dict[str, str]] | None = None) -> list[str]:
    """One line per broken link or anchor in the hand-written pages of every language; `files`
    are the other files a page may link to (other_files), `generated` the generated pages
    (pages.all_pages, rendered here if not given)."""
    problems: list[str] = []
    generated = generated if generated is not None else pages.all_pages(data)
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


# ---------------------------------------------------------------------------
# The menu: mkdocs.yml's nav names pages by file and titles them in Arabic; the English
# titles are under the i18n plugin's nav_translations.


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: tags such as !ENV and !!python/... are read as nothing."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)  # only tags it has no constructor for


def _entries(node: yaml.Node) -> list[tuple[str, str, int]]:
    """(title, page, line) for every page of a nav (sections included)."""
    found = []
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        if not isinstance(item, yaml.MappingNode):
            continue
        for key, value in item.value:
            if isinstance(value, yaml.ScalarNode):
                found.append((key.value, value.value, key.start_mark.line + 1))
            else:
                found.append((key.value, "", key.start_mark.line + 1))
                found += _entries(value)
    return found


def nav(mkdocs_yml: Path, generated: dict[str, dict[str, str]], hand_written: dict[str, dict[str, str]]) -> list[str]:
    """One line per menu entry that leads nowhere or has no English title."""
    if not Path(mkdocs_yml).is_file():
        return []  # no site configuration, no menu
    loader = _AnyTags(Path(mkdocs_yml).read_text(encoding="utf-8"))
    try:  # the nodes, for the lines of the menu's entries; the values, for its translations
        root = loader.get_single_node()
        config = (loader.construct_document(root) if root is not None else None) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [f"mkdocs.yml:{mark.line + 1 if mark else 1}: not valid YAML; check the indentation of the line"]
    nav_node = next((value for key, value in getattr(root, "value", []) if key.value == "nav"), None)
    if nav_node is None:
        return []
    languages = next((plugin["i18n"]["languages"] for plugin in config.get("plugins") or []
                      if isinstance(plugin, dict) and "i18n" in plugin), [])
    english = next((lang.get("nav_translations") or {} for lang in languages if lang.get("locale") == "en"), {})
    problems = []
    for title, page, line in _entries(nav_node):
        if page and not page.startswith(("http://", "https://")):
            missing = [lang for lang in LANGS
                       if page not in hand_written.get(lang, {}) and page not in generated.get(lang, {})]
            if missing:
                where = " or ".join(f"docs/{lang}/" for lang in missing)
                problems.append(f"mkdocs.yml:{line}: nav: {page}: no such page in {where}")
        if title not in english:
            problems.append(f"mkdocs.yml:{line}: nav: «{title}» has no English title: add it under "
                            "nav_translations (the en language of the i18n plugin)")
    return problems
