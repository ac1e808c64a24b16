"""Figures inside hand-written Markdown: `{{ kind:id }}` resolved per language at build time.

Writers never type a number in prose; they reference data, so the Arabic and English
pages cannot disagree and digits follow the site's digit setting. Syntax:

  {{ figure:openai-revenue-h1-2025 }}   a headline figure from data/figures.yaml
  {{ figure:openai-revenue-h1-2025.as_of }}  the period that figure describes
  {{ calc:into-openai }}                 a total computed from data (see aggregates.figures)
  {{ deal:amd.value }}                  a deal's value, capacity, announced, title or link
  {{ date:2025-10-08 }}  {{ year:2025 }}  {{ period:2026-H2 }}  {{ number:3 }}  {{ number:4.5 }}
  {{ count:deals }}                     how many deals, companies, terms or sources
  {{ term:gigawatt }}                   the glossary term, linked to its entry
  {{ company:nvidia }}                  the company's name, linked to its page
  {{ quote:altman-expect-more }}        a quotation block (on a line of its own)
  {{ table:gigawatt-costs }}            a generated table (on a line of its own)
  {{ chart:money-flow }}                a chart with its data table (on a line of its own):
                                        into-openai, openai-buys, capacity, timeline, money-flow

An unknown reference is an error naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from decimal import Decimal

from . import aggregates, charts, derived, l10n, render
from .model import PERIOD_RE

PLACEHOLDER = re.compile(r"\{\{\s*([a-z]+):([A-Za-z0-9-]+(?:\.[0-9]+)?)(?:\.([a-z_]+))?\s*\}\}")


class PlaceholderError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _rel(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def resolve(markdown: str, ctx: render.Ctx, page: str, file_label: str) -> str:
    """Replace every placeholder; raise PlaceholderError listing each unknown one with its line."""
    text, problems = resolve_leniently(markdown, ctx, page, file_label)
    if problems:
        raise PlaceholderError(problems)
    return text


def resolve_leniently(markdown: str, ctx: render.Ctx, page: str, file_label: str) -> tuple[str, list[str]]:
    """Replace every placeholder that resolves; leave the others as typed and return, with
    the text, one line per problem (the preview shows the page and the problems)."""
    problems: list[str] = []
    out_lines = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        def replace(match: re.Match) -> str:
            try:
                return _value(ctx, page, match.group(1), match.group(2), match.group(3))
            except KeyError as exc:
                problems.append(f"{file_label}:{number}: {match.group(0)}: {exc.args[0]}")
                return match.group(0)
        out_lines.append(PLACEHOLDER.sub(replace, line))
    return "\n".join(out_lines), problems


def _wrap(ctx: render.Ctx, text: str) -> str:
    """A figure inside prose: isolated as a whole, so it never mixes with its neighbours."""
    return f"<bdi>{l10n.to_html(text)}</bdi>" if ctx.lang == "ar" else str(l10n.to_html(text))


def _value(ctx: render.Ctx, page: str, kind: str, key: str, field: str | None) -> str:
    data, loc = ctx.data, ctx.prose  # placeholders sit in running prose
    if kind == "figure":
        if key not in data.figures:
            raise KeyError(f"no figure '{key}' in data/figures.yaml")
        figure = data.figures[key]
        if field == "as_of":
            return _wrap(ctx, loc.period(figure.as_of))
        if field:
            raise KeyError(f"figure field '{field}' is not as_of")
        return _wrap(ctx, loc.quantity(figure.value, figure.unit))
    if kind == "calc":
        figures = aggregates.figures(data)
        if key not in figures:
            raise KeyError(f"no computed figure '{key}' (known: {', '.join(sorted(figures))})")
        amount, unit = figures[key]
        return _wrap(ctx, loc.quantity(amount, unit))
    if kind == "deal":
        if key not in data.deals:
            raise KeyError(f"no deal '{key}' in data/deals.yaml")
        deal = data.deals[key]
        field = field or "link"
        if field == "value":
            return _wrap(ctx, loc.money(deal.value))
        if field == "capacity" and deal.capacity:
            return _wrap(ctx, loc.capacity(deal.capacity))
        if field == "announced":
            return _wrap(ctx, loc.date(deal.announced))
        if field == "title":
            return ctx.md(deal.title[ctx.lang])
        if field == "link":
            return f"[{ctx.md(deal.title[ctx.lang])}]({_rel(page, f'deals/{key}.md')})"
        raise KeyError(f"deal field '{field}' is not one of value, capacity, announced, title, link")
    if kind == "company":
        if key not in data.companies:
            raise KeyError(f"no company '{key}' in data/companies.yaml")
        return f"[{ctx.md(ctx.company_name(key))}]({_rel(page, f'companies/{key}.md')})"
    if kind == "term":
        if key not in data.glossary:
            raise KeyError(f"no term '{key}' in data/glossary.yaml")
        return f"[{ctx.md(data.glossary[key].term[ctx.lang])}]({_rel(page, ctx.term_page(key))}#{key})"
    if kind == "date":
        try:
            return _wrap(ctx, loc.date(dt.date.fromisoformat(key)))
        except ValueError:
            raise KeyError(f"'{key}' is not a date (YYYY-MM-DD)") from None
    if kind == "period":
        if not PERIOD_RE.match(key):
            raise KeyError(f"'{key}' is not a period (2027, 2026-H2, 2026-Q1, 2026-03)")
        return _wrap(ctx, loc.period(key))
    if kind == "year":
        if not re.fullmatch(r"\d{4}", key):
            raise KeyError(f"'{key}' is not a year")
        return loc.year(int(key))
    if kind == "number":  # a number quoted as it was written, e.g. in a verbatim quotation
        if not re.fullmatch(r"\d+(\.\d+)?", key):
            raise KeyError(f"'{key}' is not a number such as 3 or 4.5")
        return loc.number(Decimal(key))
    if kind == "count":
        collections = {"deals": "deal", "companies": "company", "terms": "term", "sources": "source"}
        if key not in collections:
            raise KeyError(f"count of '{key}' is not one of {', '.join(collections)}")
        size = len(getattr(data, "glossary" if key == "terms" else key))
        return _wrap(ctx, loc.count(size, collections[key]))
    if kind == "quote":
        if key not in data.quotes:
            raise KeyError(f"no quote '{key}' in data/quotes.yaml")
        return render.quote_block(ctx, page, key)
    if kind == "table":
        tables = derived.tables()
        if key not in tables:
            raise KeyError(f"no table '{key}' (known: {', '.join(sorted(tables))})")
        return tables[key](ctx, page)
    if kind == "chart":
        return charts.figure(ctx, key, page)
    raise KeyError(f"unknown placeholder kind '{kind}'")
