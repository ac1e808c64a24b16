"""The built site as a whole: reproducible, no broken internal link or anchor, sources on https."""

from __future__ import annotations

import gzip
import shutil
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from helpers import Doc, mkdocs_build

pytestmark = pytest.mark.build

SITE_URL = "https://openai-deals.example.org/"
# MkDocs stamps the sitemap (<lastmod>, and the mtime inside sitemap.xml.gz) with the build
# date, unless SOURCE_DATE_EPOCH is set (https://reproducible-builds.org/specs/source-date-epoch/).
# Without it, two builds on the same day are identical and builds on different days differ
# there only; CI's deploy sets it to the commit time, and so does this test.
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_input_are_byte_identical(built_site, site_url, tmp_path):
    """The suite's own build of the real site, and a second build of a copy of that very project
    (not of the working tree, so an edit made meanwhile cannot count as non-determinism) at
    another path, with the same settings."""
    second = tmp_path / "elsewhere" / "two"
    shutil.copytree(built_site.parent / "project", second, ignore=shutil.ignore_patterns("__pycache__"))
    site = second.parent / "site-two"
    result = mkdocs_build(second, site, env={"SITE_URL": site_url, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    one, two = files_of(built_site), files_of(site)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
    # the date stamp is the one asked for, in the sitemap and in its gzip header
    sitemap = one["sitemap.xml"].decode("utf-8")
    assert "<lastmod>2026-01-01</lastmod>" in sitemap
    assert int.from_bytes(one["sitemap.xml.gz"][4:8], "little") == int(EPOCH)
    assert gzip.decompress(one["sitemap.xml.gz"]).decode("utf-8") == sitemap
    # and no build path leaks into the output
    for name, content in one.items():
        assert str(tmp_path).encode() not in content and str(built_site.parent).encode() not in content, name


# --- internal links and anchors ------------------------------------------------------

@cache
def _parse(path: Path) -> tuple[list[str], frozenset[str]]:
    doc = Doc(path.read_text(encoding="utf-8"))
    hrefs = [attrs["href"] for tag, attrs in doc.elements if tag == "a" and attrs.get("href") is not None]
    ids = {attrs["id"] for _, attrs in doc.elements if attrs.get("id")}
    ids |= {attrs["name"] for tag, attrs in doc.elements if tag == "a" and attrs.get("name")}
    return hrefs, frozenset(ids)


def _target_file(site: Path, path: str) -> Path | None:
    target = site / unquote(path)
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    elif target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_every_internal_link_and_anchor_resolves(built_site):
    host = urlsplit(SITE_URL).netloc
    broken: list[str] = []
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        rel = page.relative_to(built_site).as_posix()
        hrefs, _ = _parse(page)
        for href in hrefs:
            url = urljoin(SITE_URL + rel, href.strip())
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue  # external, mailto:, tel: ...
            path = parts.path[1:]  # relative to the site root
            target = _target_file(built_site, path)
            if target is None:
                broken.append(f"{rel}: {href} -> {path} does not exist")
                continue
            checked += 1
            fragment = unquote(parts.fragment)
            if not fragment or fragment.startswith("__") or target.suffix != ".html":
                continue  # top of page, or Material's own anchors (#__drawer, #__search, ...)
            if fragment not in _parse(target)[1]:
                broken.append(f"{rel}: {href} -> no id '{fragment}' in {target.relative_to(built_site)}")
    assert checked > 500, checked
    assert broken == [], "\n".join(broken)


# --- sources -------------------------------------------------------------------------

def test_every_source_url_is_well_formed_https(real_data):
    bad = []
    for source in real_data.sources.values():
        if source.url is None:  # address not recorded: the page says so (tests/test_sources.py)
            continue
        parts = urlsplit(source.url)
        if parts.scheme != "https" or not parts.netloc or "." not in (parts.hostname or "") \
                or any(c.isspace() for c in source.url):
            bad.append(f"data/sources.yaml: source '{source.id}': url: {source.url}")
    assert bad == [], "\n".join(bad)


def test_pages_carry_no_invalid_attributes(built_site):
    """Nu's complaints about the site: `autocomplete` on a checkbox (from Material's templates)
    and `markdown="0"` left over from Markdown; checked on every page with a real tokenizer."""
    from explainer.enrich import _attrs, tokens
    for path in built_site.rglob("*.html"):
        for token in tokens(path.read_text(encoding="utf-8")):
            if token.kind != "start":
                continue
            attrs = dict(_attrs(token.raw))
            assert "markdown" not in attrs, (path, token.raw)
            assert not (token.tag == "input" and attrs.get("type") == "checkbox" and "autocomplete" in attrs), (path, token.raw)
