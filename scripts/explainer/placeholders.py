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
        rest = PLACEHOLDER.sub("", line)
        if "{{" in rest or "}}" in rest:  # a placeholder mistyped would reach readers as braces
            at = rest.find("{{") if "{{" in rest else rest.find("}}")
            shown = rest[max(at - 20, 0): at + 40].strip()
            problems.append(f"{file_label}:{number}: {shown}: a placeholder is written {{{{ kind:id }}}} on one "
                            "line, with two braces on each side")
    return "\n".join(out_lines), problems


def _wrap(ctx: render.Ctx, text: str) -> str:
    """A figure inside prose: isolated as a whole, so it never mixes with its neighbours."""
    return f"<bdi>{l10n.to_html(text)}</bdi>" if ctx.lang == "ar" else str(l10n.to_html(text))


def _figure(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if key not in ctx.data.figures:
        raise KeyError(f"no figure '{key}' in data/figures.yaml")
    figure = ctx.data.figures[key]
    if field == "as_of":
        return _wrap(ctx, ctx.prose.period(figure.as_of))
    if field:
        raise KeyError(f"figure field '{field}' is not as_of")
    return _wrap(ctx, ctx.prose.quantity(figure.value, figure.unit))


def _calc(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    figures = aggregates.figures(ctx.data)
    if key not in figures:
        raise KeyError(f"no computed figure '{key}' (known: {', '.join(sorted(figures))})")
    amount, unit = figures[key]
    return _wrap(ctx, ctx.prose.quantity(amount, unit))


def _deal(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if key not in ctx.data.deals:
        raise KeyError(f"no deal '{key}' in data/deals.yaml")
    deal, loc = ctx.data.deals[key], ctx.prose
    fields = {
        "value": lambda: _wrap(ctx, loc.money(deal.value)),
        "announced": lambda: _wrap(ctx, loc.date(deal.announced)),
        "title": lambda: ctx.md(deal.title[ctx.lang]),
        "link": lambda: f"[{ctx.md(deal.title[ctx.lang])}]({_rel(page, f'deals/{key}.md')})",
    }
    if deal.capacity:
        fields["capacity"] = lambda: _wrap(ctx, loc.capacity(deal.capacity))
    if (field or "link") not in fields:
        raise KeyError(f"deal field '{field}' is not one of value, capacity, announced, title, link")
    return fields[field or "link"]()


def _company(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if key not in ctx.data.companies:
        raise KeyError(f"no company '{key}' in data/companies.yaml")
    return f"[{ctx.md(ctx.company_name(key))}]({_rel(page, f'companies/{key}.md')})"


def _term(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if key not in ctx.data.glossary:
        raise KeyError(f"no term '{key}' in data/glossary.yaml")
    return f"[{ctx.md(ctx.data.glossary[key].term[ctx.lang])}]({_rel(page, ctx.term_page(key))}#{key})"


def _date(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    try:
        return _wrap(ctx, ctx.prose.date(dt.date.fromisoformat(key)))
    except ValueError:
        raise KeyError(f"'{key}' is not a date (YYYY-MM-DD)") from None


def _period(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if not PERIOD_RE.match(key):
        raise KeyError(f"'{key}' is not a period (2027, 2026-H2, 2026-Q1, 2026-03)")
    return _wrap(ctx, ctx.prose.period(key))


def _year(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if not re.fullmatch(r"\d{4}", key):
        raise KeyError(f"'{key}' is not a year")
    return ctx.prose.year(int(key))


def _number(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    """A number quoted as it was written, e.g. in a verbatim quotation."""
    if not re.fullmatch(r"\d+(\.\d+)?", key):
        raise KeyError(f"'{key}' is not a number such as 3 or 4.5")
    return ctx.prose.number(Decimal(key))


COUNTED = {"deals": "deal", "companies": "company", "terms": "term", "sources": "source"}


def _count(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if key not in COUNTED:
        raise KeyError(f"count of '{key}' is not one of {', '.join(COUNTED)}")
    size = len(getattr(ctx.data, "glossary" if key == "terms" else key))
    return _wrap(ctx, ctx.prose.count(size, COUNTED[key]))


def _quote(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    if key not in ctx.data.quotes:
        raise KeyError(f"no quote '{key}' in data/quotes.yaml")
    return render.quote_block(ctx, page, key)


def _table(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    tables = derived.tables()
    if key not in tables:
        raise KeyError(f"no table '{key}' (known: {', '.join(sorted(tables))})")
    return tables[key](ctx, page)


def _chart(ctx: render.Ctx, page: str, key: str, field: str | None) -> str:
    return charts.figure(ctx, key, page)


# The placeholder kinds: `{{ kind:key.field }}` -> KINDS[kind](ctx, page, key, field).
# A new kind is one function here; the syntax at the top of this module lists them for writers.
KINDS = {
    "figure": _figure, "calc": _calc, "deal": _deal, "company": _company, "term": _term,
    "date": _date, "period": _period, "year": _year, "number": _number, "count": _count,
    "quote": _quote, "table": _table, "chart": _chart,
}


def _value(ctx: render.Ctx, page: str, kind: str, key: str, field: str | None) -> str:
    if kind not in KINDS:
        raise KeyError(f"unknown placeholder kind '{kind}' (known: {', '.join(KINDS)})")
    return KINDS[kind](ctx, page, key, field)
