"""Which pages are generated from data, per language: {path under docs/<lang>/: Markdown}."""

from __future__ import annotations

from . import charts, render
from .model import LANGS, DataSet


def generated_pages(data: DataSet, lang: str) -> dict[str, str]:
    ctx = render.Ctx.make(data, lang)
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
    }
    for deal in data.deals.values():
        pages[f"deals/{deal.id}.md"] = render.deal_page(ctx, deal)
    for company in data.companies.values():
        pages[f"companies/{company.id}.md"] = render.company_page(ctx, company)
    return pages


def all_pages(data: DataSet) -> dict[str, dict[str, str]]:
    return {lang: generated_pages(data, lang) for lang in LANGS}
