"""Which pages are generated from data, per language: {path under docs/<lang>/: Markdown}."""

from __future__ import annotations

from . import charts, render, reuse
from .model import LANGS, DataSet


def generated_pages(data: DataSet, lang: str, base_url: str = "") -> dict[str, str]:
    """base_url: the absolute address of the site's root, for citations and embed snippets."""
    ctx = render.Ctx.make(data, lang, language_root(base_url, lang))
    pages = {
        **render.deals_index_pages(ctx),
        **render.companies_index_pages(ctx),
        **render.glossary_pages(ctx),
        **render.timeline_pages(ctx),
        **render.changes_pages(ctx),
        **render.sources_pages(ctx),
        "quotes.md": render.quotes_page(ctx),
        "charts.md": charts.charts_page(ctx),
        "search.md": render.search_page(ctx),
        **reuse.embed_pages(ctx),
    }
    for deal in data.deals.values():
        pages[f"deals/{deal.id}.md"] = render.deal_page(ctx, deal)
    for company in data.companies.values():
        pages[f"companies/{company.id}.md"] = render.company_page(ctx, company)
    return pages


def lang_prefix(lang: str) -> str:
    """A language's folder in the built site: none for the first language, "en/" for English."""
    return "" if lang == LANGS[0] else f"{lang}/"


def language_root(base_url: str, lang: str) -> str:
    """The absolute address of a language's home: the site's root for the first language."""
    if not base_url:
        return ""
    return base_url.rstrip("/") + "/" + lang_prefix(lang)


def all_pages(data: DataSet, base_url: str = "") -> dict[str, dict[str, str]]:
    return {lang: generated_pages(data, lang, base_url) for lang in LANGS}
