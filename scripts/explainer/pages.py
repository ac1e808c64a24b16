"""Which pages are generated from data, per language: {path under docs/<lang>/: Markdown}."""

from __future__ import annotations

from . import charts, render
from .model import LANGS, DataSet


def generated_pages(data: DataSet, lang: str) -> dict[str, str]:
    ctx = render.Ctx.make(data, lang)
    pages = {
        "deals/index.md": render.deals_index(ctx),
        "companies/index.md": render.companies_index(ctx),
        "glossary.md": render.glossary_page(ctx),
        "timeline.md": render.timeline_page(ctx),
        "sources.md": render.sources_page(ctx),
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
