"""The one MkDocs integration module (listed under `hooks:` in mkdocs.yml).

Everything MkDocs-specific lives here; the rest of scripts/explainer knows
nothing of MkDocs, so the site can move to a successor by rewriting this file.

What it does, by MkDocs event:
- on_startup:       remember whether this is `build` or `serve`.
- on_config:        load and validate data/ (a problem aborts the build *before*
                    site/ is cleaned, so the last good site stays; under `serve` the
                    preview keeps the last good data and prints the problems), write
                    the generated pages for both languages into docs/<lang>/, and check
                    the hand-written pages (same structure in both languages, no
                    numbers typed into prose).
- on_page_markdown: resolve `{{ kind:id }}` placeholders in the page's own language;
                    isolate Latin names in Arabic page titles.
- on_page_content:  glossary tooltips, Latin isolation and digits on the page's HTML.
- on_page_context:  hreflang/OpenGraph alternates, the language switch, the search link.
- on_post_build:    once all languages are built: open-data downloads, Atom feeds, share
                    cards (cards.py, cached in .cache/cards/), /en/sitemap.xml, the
                    Pagefind search index.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from explainer import (  # noqa: E402
    cards,
    enrich,
    feed,
    l10n,
    links,
    loader,
    opendata,
    pages,
    parity,
    placeholders,
    preview,
    render,
    reuse,
    share,
    writer,
)
from explainer.model import LANGS  # noqa: E402

log = logging.getLogger("mkdocs.hooks.explainer")

_state: dict = {}


def data_dir() -> Path:
    return Path(os.environ.get("EXPLAINER_DATA", ROOT / "data"))


def _cache_dir() -> Path:
    """Where drawn images (share cards, chart PNGs) are kept between builds; git-ignored."""
    return Path(os.environ.get("EXPLAINER_CACHE", ROOT / ".cache"))


def on_startup(command, dirty):
    _state["command"] = command
    if command == "serve":
        # after MkDocs's own console handler, so the problems print after its lines
        logging.getLogger("mkdocs").addHandler(_ReportLast())


def _serving() -> bool:
    return _state.get("command") == "serve"


def _problem(lines: list[str]) -> None:
    """Under `serve`, a problem is recorded and shown (in the terminal, last, and in a banner
    on every page) while the preview keeps serving; under `build` it stops the build."""
    _state.setdefault("problems", []).extend(lines)


class _ReportLast(logging.Handler):
    """Prints this build's problems right after MkDocs says it has finished a (re)build."""

    def __init__(self):
        super().__init__(logging.INFO)

    def emit(self, record):
        message = record.getMessage()
        # (the live-reload server stamps its lines with the time: "[12:00:00] Reloading browsers")
        last = "Documentation built" if _state.get("builds") == 1 else "Reloading browsers"
        if last in message and _state.get("report"):
            sys.stderr.write(_state["report"])
            sys.stderr.flush()


class _CollectWarnings(logging.Handler):
    """MkDocs's own warnings (a link to a missing page or heading) during a preview build."""

    def __init__(self):
        super().__init__(logging.WARNING)

    def emit(self, record):
        if record.name.startswith("mkdocs") and not record.name.startswith("mkdocs.hooks"):
            _problem([_plain_warning(record.getMessage())])


def _plain_warning(message: str) -> str:
    """MkDocs's warning about a link or an anchor, in the words check.py uses."""
    link = re.search(r"Doc file '([^']+)' contains a link '([^']+)', but the target(?: '[^']+')? is not found", message)
    if link:
        return f"docs/{link.group(1)}: link to {link.group(2)}: no such page"
    anchor = re.search(r"Doc file '([^']+)' contains a link '([^']+)', but the doc '[^']+' does not contain an anchor '#([^']+)'", message)
    if anchor:
        return f"docs/{anchor.group(1)}: link to {anchor.group(2)}: no heading #{anchor.group(3)} on that page"
    return " ".join(message.split())


def _load_and_write(docs_dir: Path):
    try:
        data = loader.load(data_dir())
    except loader.DataError as exc:
        lines = "\n".join(f"  {p}" for p in exc.problems)
        if _serving() and "data" in _state:
            # Previewing: keep serving the site built from the last good data (MkDocs
            # would otherwise stall every page until the data is fixed), and say why.
            _problem([str(p) for p in exc.problems])
            return _state["data"]
        raise PluginError(
            f"data/ has {len(exc.problems)} problem(s); nothing was built:\n{lines}"
        ) from None
    try:
        generated = pages.all_pages(data, _state.get("site_url", ""))
    except render.MissingLabel as exc:
        raise PluginError(f"{exc}; nothing was built") from None
    try:
        changed = writer.write_pages(docs_dir, generated)
    except writer.CollisionError as exc:
        if not _serving():
            raise PluginError(str(exc)) from None
        _problem([str(exc)])
        changed = []
    if changed:
        log.info("explainer: %d generated page(s) updated from data/", len(changed))
    return data


def on_config(config):
    # mkdocs-static-i18n runs one nested build per extra language from inside the
    # first build's on_post_build. `depth` tells the outermost build from the nested
    # ones: data is loaded and pages are written once, at depth 1.
    _state["depth"] = _state.get("depth", 0) + 1
    if _serving():
        # A preview never stops on a content mistake: MkDocs would leave every page waiting
        # for a build that never finishes. `strict: true` is read before this event, as a
        # warning counter on the "mkdocs" logger; under serve it is taken off, and MkDocs's
        # warnings are collected and shown like every other problem.
        config.strict = False
        for handler in list(logging.getLogger("mkdocs").handlers):
            if isinstance(handler, CountHandler):
                logging.getLogger("mkdocs").removeHandler(handler)
    if _state["depth"] == 1:
        _state["site_url"] = _site_url(config)
        _state["urls"] = {}
        _state["cards"] = {}
        _state["problems"] = []
        _state["report"] = ""
        if _serving():
            _state["collector"] = _state.get("collector") or _CollectWarnings()
            logging.getLogger("mkdocs").addHandler(_state["collector"])
        _state["data"] = _load_and_write(Path(config.docs_dir))
        _state["ctx"] = {}
        docs = Path(config.docs_dir)
        _fail_on(parity.check(docs), "the Arabic and English pages do not match")
        hand_written, _ = parity.hand_written_pages(docs)
        _fail_on(links.check_site(_state["data"], hand_written, docs, Path(config.config_file_path)),
                 "some links lead nowhere")
        _state["builds"] = _state.get("builds", 0) + 1
    return config


def on_build_error(error):
    _state["depth"] = 0


def _fail_on(problems: list[str], what: str) -> None:
    if problems and _serving():
        _problem(problems)
        return
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"{what} ({len(problems)} problem(s)); nothing was built:\n{lines}")


def _ctx(lang: str) -> render.Ctx:
    """One rendering context per language per build (it caches which page lists each
    glossary term and source), shared by every page instead of rebuilt for each."""
    if lang not in _state["ctx"]:
        _state["ctx"][lang] = render.Ctx.make(_state["data"], lang, pages.language_root(_state["site_url"], lang))
    return _state["ctx"][lang]


def _page_lang(page, config) -> str:
    """The language a page's Markdown is written in: its docs/<lang>/ folder."""
    path = Path(page.file.abs_src_path).resolve()
    docs = Path(config.docs_dir).resolve()
    try:
        first = path.relative_to(docs).parts[0]
    except ValueError:
        first = ""
    return first if first in LANGS else config.theme.get("language", LANGS[0])


def _page_rel(page, config) -> str:
    """The page's path inside its language folder, e.g. deals/amd.md."""
    path = Path(page.file.abs_src_path).resolve().relative_to(Path(config.docs_dir).resolve())
    parts = path.parts[1:] if path.parts and path.parts[0] in LANGS else path.parts
    return "/".join(parts)


def on_page_markdown(markdown, page, config, files):
    data = _state["data"]
    lang = _page_lang(page, config)
    if lang == "ar" and page.meta.get("title"):
        title = str(page.meta["title"])
        if data.site.arabic_digits == "arab":
            title = enrich.arabic_digits_text(title)
        # <title> cannot hold <bdi>: Latin names are isolated with FSI ... PDI instead
        page.meta["title"] = l10n.isolate_latin(title)
    ctx = _ctx(lang)
    skip = _front_matter_lines(page.file.content_string, markdown)
    rel = _page_rel(page, config)
    try:
        resolved, problems = placeholders.resolve_leniently("\n" * skip + markdown, ctx, rel, f"docs/{lang}/{rel}")
    except render.MissingLabel as exc:
        if not _serving():
            raise PluginError(str(exc)) from None
        _problem([str(exc)])
        return markdown
    if problems:
        if not _serving():
            raise PluginError("\n".join(problems))
        _problem(problems)
        # the last good version of the page stays underneath the banner
        return _state.setdefault("good", {}).get((lang, rel), resolved[skip:])
    _state.setdefault("good", {})[(lang, rel)] = resolved[skip:]
    return resolved[skip:]


def _front_matter_lines(source: str, markdown: str) -> int:
    """How many lines MkDocs removed from the top of the file (front matter and the blank
    lines after it), so placeholder errors can give the file's own line numbers."""
    body, lines = parity.strip_front_matter(source)
    rest = body.lstrip("\n")
    if not markdown or not rest.startswith(markdown[:200]):
        return 0
    return lines + len(body) - len(rest)


def on_page_content(html, page, config, files):
    """Glossary terms in context on every page but the glossary; Latin runs isolated in Arabic."""
    data = _state["data"]
    lang = _page_lang(page, config)
    rel = _page_rel(page, config)
    ctx = _ctx(lang)
    if lang == "ar":
        if data.site.arabic_digits == "arab":
            html = enrich.arabic_digits(html)
        # Latin names are isolated whole first; a glossary link may then sit inside one
        # ("Stargate" in "Stargate UK") without splitting it
        html = enrich.isolate_latin(html)
    if not (rel == "glossary.md" or rel.startswith("glossary/")):
        html = enrich.link_terms(html, data, lang, lambda term: render.href(rel, ctx.term_page(term), term))
    return enrich.space_cells(enrich.keep_together(html))


def on_post_page(output, page, config):
    """Valid HTML: Material's templates put `autocomplete` on checkboxes, where HTML does not
    allow it, and a table-of-contents label `for` a checkbox that pages outside the sidebar lack."""
    return enrich.repair_theme_markup(output)


OG_LOCALES = {"ar": "ar_AR", "en": "en_GB"}
LANG_NAMES = {"ar": ("العربية", "rtl"), "en": ("English", "ltr")}


def _site_url(config) -> str:
    """The site's absolute address with one trailing slash (SITE_URL overrides mkdocs.yml)."""
    return (config.site_url or "/").rstrip("/") + "/"


def on_env(env, config, files):
    """The template filter that shortens a page's description for shared links (share.py)."""
    env.filters["og_description"] = share.og_description
    return env


def on_page_context(context, page, config, nav):
    """Alternates of this page in every language: absolute for hreflang and
    OpenGraph, relative for the switcher (so a local preview stays local)."""
    site_url = _site_url(config)
    lang = config.theme.get("language", LANGS[0])
    url = page.url
    if url.startswith(pages.lang_prefix(lang)):
        url = url[len(pages.lang_prefix(lang)):]
    context["explainer_alternates"] = [
        {"lang": other, "href": f"{site_url}{pages.lang_prefix(other)}{url}"} for other in LANGS
    ]
    context["explainer_default_href"] = f"{site_url}{url}"
    # Material's head prints one hreflang link per config.extra.alternate entry;
    # mkdocs-static-i18n has just set them for this page, relative: make them absolute
    # (it sets them as an attribute, which is what the template reads)
    config.extra.alternate = [
        {"lang": alt["lang"], "link": alt["href"], "name": LANG_NAMES[alt["lang"]][0]}
        for alt in context["explainer_alternates"]
    ]
    context["explainer_self_href"] = f"{site_url}{pages.lang_prefix(lang)}{url}"
    context["explainer_feed"] = {
        "href": f"{site_url}{pages.lang_prefix(lang)}{feed.FEED_FILE}",
        "title": _state["data"].labels.ui["feed"][lang],
    }
    # the share card: drawn once per content in on_post_build, named by its content's hash
    # what a shared link is called: the site's name on each language's home page (whose nav
    # title is only "Home"), else the page's own title
    rel_src = _page_rel(page, config)
    title = config.site_name if rel_src == "index.md" else page.meta.get("title") or page.title or config.site_name
    context["explainer_title"] = str(Markup(title).striptags())
    context["explainer_is_home"] = rel_src == "index.md"  # also /en/, which MkDocs does not call a homepage
    # (no card for an embed page, which is shown inside other sites and carries no share tags)
    if page.meta.get("template") != "embed.html":
        card = cards.card_for(_ctx(lang), rel_src, context["explainer_title"])
        _state["cards"][card.file_name()] = card
        context["explainer_card"] = {
            "href": f"{site_url}{cards.FOLDER}/{card.file_name()}", "alt": card.alt(),
            "width": cards.WIDTH, "height": cards.HEIGHT,
        }
    context["explainer_og_locale"] = OG_LOCALES[lang]
    context["explainer_og_alternates"] = [OG_LOCALES[o] for o in LANGS if o != lang]
    other = next(o for o in LANGS if o != lang)
    # every page URL is a directory (use_directory_urls), so the relative link does too
    rel = posixpath.relpath(f"{pages.lang_prefix(other)}{url}" or ".", page.url or ".")
    rel = "./" if rel == "." else rel.rstrip("/") + "/"
    search = posixpath.relpath(f"{pages.lang_prefix(lang)}search/", page.url or ".")
    context["explainer_search_href"] = search.rstrip("/") + "/" if search != "." else "./"
    context["explainer_search_label"] = _state["data"].labels.ui["search"][lang]
    name, direction = LANG_NAMES[other]
    context["explainer_switch"] = {"lang": other, "href": rel, "name": name, "dir": direction}
    _state["urls"].setdefault(lang, {})[page.url] = context["explainer_alternates"]
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config):
    """Once every language is built: open-data downloads and the Atom feed in each language folder,
    a sitemap.xml for each extra language (the root one is MkDocs'), and the search index."""
    _state["depth"] -= 1
    if _state["depth"] > 0:
        return
    site = Path(config.site_dir)
    if _serving():
        logging.getLogger("mkdocs").removeHandler(_state.get("collector"))
    for lang in LANGS:
        downloads = site / pages.lang_prefix(lang) / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        for name, make in opendata.DOWNLOADS.items():
            (downloads / name).write_bytes(make(_state["data"]))
        base = pages.language_root(_state["site_url"], lang)
        _images(lambda: _write_chart_files(site / pages.lang_prefix(lang), lang), "the charts' downloads")
        (site / pages.lang_prefix(lang) / feed.FEED_FILE).write_text(feed.atom_feed(_ctx(lang), base), encoding="utf-8")
        if lang != LANGS[0]:
            alternates = _state["urls"].get(lang, {}).values()
            (site / lang / "sitemap.xml").write_text(_sitemap(alternates, lang), encoding="utf-8")
    drawn = _images(lambda: cards.write(list(_state["cards"].values()), site / cards.FOLDER, _cache_dir() / "cards"),
                    "the share cards")
    if drawn:
        log.info("explainer: %d share card(s) drawn", drawn)
    for page in site.rglob("404.html"):  # rendered from a template, without on_post_page
        page.write_text(on_post_page(page.read_text(encoding="utf-8"), None, config), encoding="utf-8")
    _index_search(site)
    if _serving():
        problems = preview.without_repeats(_state.get("problems", []))
        preview.mark_pages(site, problems, _state["data"])
        _state["report"] = preview.report(problems)


def _write_chart_files(language_root: Path, lang: str) -> None:
    """Every chart as SVG, PNG and CSV (reuse.py), under the language's downloads/charts/."""
    for rel, content in reuse.files(_ctx(lang), _cache_dir() / "charts").items():
        (language_root / rel).parent.mkdir(parents=True, exist_ok=True)
        (language_root / rel).write_bytes(content)


def _images(draw, what: str):
    """Draw images; a failure stops a build with a plain message, and under `serve` it is shown
    like any other problem while the preview keeps answering (a crash here would stall it)."""
    try:
        return draw()
    except Exception as exc:  # Typst, a font, a full disk: whatever it is, say it plainly
        message = f"{what} could not be drawn: {exc}"
        if _serving():
            _problem([message])
            return 0
        raise PluginError(message) from None


def _sitemap(pages_alternates, lang: str) -> str:
    entries = []
    for alternates in sorted(pages_alternates, key=lambda alts: alts[0]["href"]):
        own = next(a["href"] for a in alternates if a["lang"] == lang)
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{a["lang"]}" href="{escape(a["href"])}"/>' for a in alternates
        )
        entries.append(f"  <url><loc>{escape(own)}</loc>{links}</url>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "".join(entries) + "</urlset>\n"
    )


def _index_search(site_dir: Path) -> None:
    """Pagefind: one search index per <html lang>, written to site/pagefind/."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
         "--exclude-selectors", ".headerlink, .ox-tip, .md-source-file"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"search indexing (Pagefind) failed: {result.stderr.strip() or result.stdout.strip()}")
    # Pagefind lists its languages in hash-map order, which changes from run to run;
    # sorted, the same input gives a byte-identical site (tests/test_integrity.py).
    entry_file = site_dir / "pagefind" / "pagefind-entry.json"
    if entry_file.is_file():
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
        entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
