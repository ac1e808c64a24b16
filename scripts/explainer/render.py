"""Renderers: pure functions from the validated model to page Markdown, one language at a time.

Data text never reaches Markdown unescaped: it is emitted inside HTML (escaped by
markupsafe, isolates turned into <bdi>) or, in headings and list items, through
`md_inline()`, which escapes Markdown syntax too. Links between generated pages
are computed by `href()` from the site's URL scheme (directory URLs).
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from markupsafe import Markup, escape

from . import aggregates, l10n, markup
from .model import STATUS_ORDER, UNCONFIRMED, Company, DataSet, Deal, Source

GENERATED_MARK = "# GENERATED from data/ by scripts/explainer: do not edit; edit data/*.yaml instead."

def page_url(src: str) -> str:
    """The URL path (relative to the language root) of a page source path."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


@lru_cache(maxsize=65536)
def href(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative link from one page to another, as the browser resolves it."""
    base = [part for part in page_url(from_src).split("/") if part]
    target = [part for part in page_url(to_src).split("/") if part]
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    parts = [".."] * (len(base) - common) + target[common:]
    rel = "/".join(parts) + "/" if parts else "./"
    return rel + (f"#{anchor}" if anchor else "")


# Lists (deals, companies, timeline, sources) are cut into pages of a fixed size, so
# no page grows with the data: readers are on phones and slow connections.
PAGE_SIZE = 100
TIMELINE_PAGE_SIZE = 150
SOURCES_PAGE_SIZE = 200
GLOSSARY_PAGE_SIZE = 80
COMPANY_DEALS_SHOWN = 100


def paged_src(base: str, number: int) -> str:
    """deals/index.md, deals/page-2.md, ...; timeline.md, timeline/page-2.md, ..."""
    if number == 1:
        return base
    folder = base[: -len("index.md")] if base.endswith("index.md") else base[: -len(".md")] + "/"
    return f"{folder}page-{number}.md"


def chunked(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _page_of(items: list, base: str, size: int) -> dict[str, str]:
    """Which page of a paginated list (base, page size) carries each item, by id."""
    return {item.id: paged_src(base, index // size + 1) for index, item in enumerate(items)}


def to_root(src: str) -> str:
    """The relative path from a page to its language root ("" for the home page)."""
    return "../" * page_url(src).count("/")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


class MissingLabel(Exception):
    """An interface word the pages need is not in data/labels.yaml."""

    def __init__(self, key: str):
        super().__init__(
            f"data/labels.yaml: ui.{key}: is missing; add `{key}: {{ar: ..., en: ...}}` under ui:"
        )


@dataclass
class Ctx:
    """What every renderer needs: the data, the language and its formatter."""

    data: DataSet
    lang: str
    loc: l10n.Localiser
    prose: l10n.Localiser  # the same, for running prose: number words, «بين … و…»
    base_url: str = ""  # the absolute address of this language's home ("" where unknown): citations, embeds
    _source_pages: dict[str, str] | None = None
    _term_pages: dict[str, str] | None = None

    @classmethod
    def make(cls, data: DataSet, lang: str, base_url: str = "") -> Ctx:
        loc = l10n.Localiser(lang, data.site.arabic_digits)
        return cls(data, lang, loc, loc.in_prose(), base_url)

    @property
    def comma(self) -> str:
        """The list separator of the page's language: "، " or ", "."""
        return l10n.PUNCTUATION[self.lang][0]

    @property
    def semicolon(self) -> str:
        return l10n.PUNCTUATION[self.lang][1]

    # -- text ----------------------------------------------------------
    def t(self, key: str) -> str:
        try:
            return self.data.labels.ui[key][self.lang]
        except KeyError:
            raise MissingLabel(key) from None

    def iso(self, text: str) -> str:
        """Isolate Latin runs inside Arabic text (no-op on English pages)."""
        return _iso(text, self.lang)

    def html(self, text: str) -> Markup:
        return _html(text, self.lang)

    def md(self, text: str) -> str:
        """Inline Markdown-safe text: HTML-escaped, Markdown syntax escaped, isolates as <bdi>."""
        text = " ".join(self.iso(text).split())
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return l10n.isolates_to_bdi(_MD_SPECIAL.sub(r"\\\1", text))

    def term_page(self, term_id: str) -> str:
        """The glossary page that carries this term's entry."""
        if self._term_pages is None:
            self._term_pages = _page_of(glossary_in_order(self.data), "glossary.md", GLOSSARY_PAGE_SIZE)
        return self._term_pages[term_id]

    def source_page(self, source_id: str) -> str:
        """The page of the sources list that carries this source's entry."""
        if self._source_pages is None:
            self._source_pages = _page_of(sources_in_order(self.data), "sources.md", SOURCES_PAGE_SIZE)
        return self._source_pages[source_id]

    # -- names and labels ------------------------------------------------
    def company_name(self, company_id: str) -> str:
        return self.data.companies[company_id].name[self.lang]

    def deal_kind(self, deal: Deal) -> str:
        return self.data.labels.deal_kinds[deal.kind][self.lang]

    def status_label(self, status: str) -> str:
        return self.data.labels.statuses[status][self.lang]

    def role(self, role: str) -> str:
        return self.data.labels.roles[role][self.lang]


def deal_link(ctx: Ctx, page: str, deal: Deal) -> Markup:
    """A link from a page to a deal's page, titled in the page's language."""
    return Markup(f'<a href="{href(page, f"deals/{deal.id}.md")}">{ctx.html(deal.title[ctx.lang])}</a>')


def title_in_text(ctx: Ctx, deal: Deal) -> str:
    """A deal's title as it reads inside a sentence: English titles drop the capital of a
    leading article ("part of the Stargate project"); Arabic titles are already definite."""
    title = deal.title[ctx.lang]
    if ctx.lang == "en" and title.startswith("The "):
        return "the " + title[4:]
    return title


def _meta(value: str) -> str:
    """A front-matter value. The theme prints these unescaped into <title> and
    attributes, so they are HTML-escaped here, once, at the source."""
    return json.dumps(str(escape(" ".join(l10n.strip_isolates(value).split()))), ensure_ascii=False)


def front_matter(title: str, description: str, **extra) -> str:
    lines = ["---", GENERATED_MARK, f"title: {_meta(title)}", f"description: {_meta(description)}"]
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


# The same names, labels, dates and amounts recur on many pages: escape them once.
@lru_cache(maxsize=200_000)
def _iso(text: str, lang: str) -> str:
    if lang != "ar":
        return text
    return l10n.isolate_latin(text)


@lru_cache(maxsize=200_000)
def _html(text: str, lang: str) -> Markup:
    return l10n.to_html(_iso(text, lang))


def _text(value: object) -> Markup:
    """Data text inside HTML: escaped, and braces as entities so it never forms a placeholder."""
    return l10n.to_html(str(value))


@lru_cache(maxsize=200_000)
def _attr(value: object) -> str:
    """An attribute value: escaped like text, without isolates (no markup in attributes)."""
    return str(l10n.to_html(l10n.strip_isolates(str(value))))


def _sort_amount(value: Decimal | None) -> str:
    return "-1" if value is None else format(value, "f")


# ---------------------------------------------------------------------------
# Tables


DEAL_COLUMNS = ("announced", "deal", "parties", "kind", "direction", "value", "capacity", "status")
NUMERIC_COLUMNS = {"value", "capacity", "status", "deals"}


def deals_table(ctx: Ctx, deals: list[Deal], page: str, role_of: str | None = None) -> str:
    """An HTML table of deals, one row each, sortable by the raw values in data-sort."""
    columns = list(DEAL_COLUMNS)
    if role_of:
        columns.insert(3, "role")
    rows = []
    for deal in deals:
        party_links = ctx.comma.join(
            f'<a href="{href(page, f"companies/{p.company}.md")}">{ctx.html(ctx.company_name(p.company))}</a>'
            for p in deal.parties
        )
        status = deal.current_status
        way = aggregates.direction(deal)
        direction = ctx.t(f"direction-{way}") if way else "—"
        cells = {
            "announced": (deal.announced.isoformat(), ctx.html(ctx.loc.date(deal.announced))),
            "deal": (
                l10n.strip_isolates(deal.title[ctx.lang]),
                deal_link(ctx, page, deal),
            ),
            "parties": (
                " ".join(ctx.company_name(p.company) for p in deal.parties),
                Markup(party_links),
            ),
            "kind": (ctx.deal_kind(deal), ctx.html(ctx.deal_kind(deal))),
            "direction": (direction, ctx.html(direction)),
            "value": (_sort_amount(deal.value.sort_value), ctx.html(ctx.loc.money(deal.value))),
            "capacity": (
                _sort_amount(deal.capacity.megawatts if deal.capacity else None),
                ctx.html(ctx.loc.capacity(deal.capacity)) if deal.capacity else Markup("—"),
            ),
            "status": (
                STATUS_ORDER.index(status.status),
                Markup(
                    f'<span class="ox-status ox-status--{status.status}">{ctx.html(ctx.status_label(status.status))}</span>'
                ),
            ),
        }
        if role_of:
            roles = [ctx.role(p.role) for p in deal.parties if p.company == role_of]
            joined = ctx.comma.join(roles)
            cells["role"] = (joined, ctx.html(joined))
        rows.append(row([cell(cells[c][1], cells[c][0], c, ctx.t(c)) for c in columns], f"deal-{deal.id}"))
    caption = ctx.t("all-deals") if not role_of else ctx.t("deals-of-company")
    # on a company page the heading above already says it: the caption stays for screen readers
    return markup.html(
        "table.html", classes="ox-sortable ox-cards", count=len(deals), caption=caption, caption_hidden=bool(role_of),
        head=[{"col": c, "label": ctx.t(c), "numeric": c in NUMERIC_COLUMNS} for c in columns], rows=rows,
    )


def sortable_table(head: list[dict], rows: list[dict | str]) -> str:
    """The one table every sortable list on the site shares (templates/html/table.html):
    `head` from th(), rows as {"id", "cells": [cell()]} or as ready <tr> HTML."""
    rows = [{"html": Markup(r)} if isinstance(r, str) else r for r in rows]
    return markup.html("table.html", classes="ox-sortable", count=None, caption=None, caption_hidden=False,
                       head=head, rows=rows)


def cell(html: Markup | str, sort: object = None, col: str | None = None, label: str | None = None) -> dict:
    """A table cell for table.html: its HTML (Markup, or text to escape) and the raw value it sorts by."""
    return {"html": html, "sort": None if sort is None else Markup(_attr(sort)), "col": col,
            "label": Markup(_attr(label)) if label else None}


def row(cells: list[dict], row_id: str | None = None) -> dict:
    return {"id": row_id, "cells": cells}


def th(ctx: Ctx, column: str, numeric: bool | None = None) -> dict:
    """A sortable column header; numeric columns sort by their cells' raw data-sort numbers."""
    return {"col": column, "label": ctx.t(column), "numeric": column in NUMERIC_COLUMNS if numeric is None else numeric}


def _dl(items: list[tuple[str, Markup]]) -> str:
    return markup.html("facts.html", items=items)


def _source_link(ctx: Ctx, page: str, source_id: str) -> Markup:
    source = ctx.data.sources[source_id]
    label = f"{source.publisher_in(ctx.lang)}{ctx.comma}{ctx.loc.date(source.date)}"
    return Markup(f'<a href="{href(page, ctx.source_page(source_id), f"src-{source_id}")}">{ctx.html(label)}</a>')


def _sources_inline(ctx: Ctx, page: str, ids: list[str]) -> Markup:
    return Markup(ctx.semicolon.join(str(_source_link(ctx, page, s)) for s in ids))


# ---------------------------------------------------------------------------
# Pages


def pager(ctx: Ctx, base: str, number: int, count: int) -> str:
    """Links between the pages of a list; nothing when it fits on one page."""
    if count <= 1:
        return ""
    here = paged_src(base, number)
    links = []
    if number > 1:
        links.append({"rel": "prev", "href": href(here, paged_src(base, number - 1)), "text": ctx.t("previous-page")})
    for n in range(1, count + 1):
        links.append({"current": n == number, "href": href(here, paged_src(base, n)), "text": ctx.loc.number(n)})
    if number < count:
        links.append({"rel": "next", "href": href(here, paged_src(base, number + 1)), "text": ctx.t("next-page")})
    return markup.html("pager.html", label=ctx.t("pages"),
                       links=[{"current": False, "rel": "", **link} for link in links])


def _paged_title(ctx: Ctx, title: str, number: int) -> str:
    if number == 1:
        return title
    return f"{title}{ctx.comma}{ctx.t('page')} {ctx.loc.number(number)}"


def deals_index_pages(ctx: Ctx) -> dict[str, str]:
    base = "deals/index.md"
    deals = ctx.data.deals_sorted()
    parts = chunked(deals, PAGE_SIZE)
    return {
        paged_src(base, n): deals_index(ctx, chunk, n, len(parts), len(deals))
        for n, chunk in enumerate(parts, start=1)
    }


def deals_index(ctx: Ctx, deals: list[Deal], number: int = 1, count: int = 1, total: int | None = None) -> str:
    page = paged_src("deals/index.md", number)
    total = len(deals) if total is None else total
    title = _paged_title(ctx, ctx.t("deals"), number)
    reported = sum(1 for d in ctx.data.deals.values() if d.current_status.status in UNCONFIRMED)
    counted = ctx.loc.count(total, "deal")
    if reported:
        counted += ctx.comma + ctx.t("deals-count-reported").format(deals=ctx.prose.count(reported, "deal"))
    intro = (
        f"{counted}. {ctx.t('as-of')}: {ctx.loc.date(ctx.data.site.as_of)}."
        if ctx.lang == "en"
        else f"{counted}. {ctx.t('as-of')} {ctx.loc.date(ctx.data.site.as_of)}."
    )
    root = to_root(page)
    downloads = (
        '<p class="ox-downloads">'
        f'<a href="{root}downloads/deals.csv" download>{_text(ctx.t("download-csv"))}</a> · '
        f'<a href="{root}downloads/deals.json" download>{_text(ctx.t("download-json"))}</a></p>\n'
    )
    return (
        front_matter(title, ctx.data.site.description[ctx.lang], hide=["navigation", "toc"])
        + f"# {ctx.md(title)}\n\n"
        + f'<p class="ox-lede">{ctx.html(intro)}</p>\n\n'
        + deals_table(ctx, deals, page)
        + "\n"
        + pager(ctx, "deals/index.md", number, count)
        + downloads
    )


def deal_page(ctx: Ctx, deal: Deal) -> str:
    page = f"deals/{deal.id}.md"
    status = deal.current_status
    facts = [
        (ctx.t("kind"), ctx.html(ctx.deal_kind(deal))),
        (ctx.t("value"), ctx.html(ctx.loc.money(deal.value))),
    ]
    if deal.capacity:
        facts.append((ctx.t("capacity"), ctx.html(ctx.loc.capacity(deal.capacity))))
    first = min(deal.status, key=lambda change: change.date)
    facts.append((ctx.t("first-reported" if first.status in UNCONFIRMED else "announced"),
                  ctx.html(ctx.loc.date(deal.announced))))
    if deal.timeframe:
        facts.append((ctx.t("timeframe"), ctx.html(ctx.loc.timeframe(deal.timeframe))))
    facts.append(
        (
            ctx.t("status"),
            Markup(
                f'<span class="ox-status ox-status--{status.status}">{ctx.html(ctx.status_label(status.status))}</span> '
                f"({ctx.html(ctx.loc.date(status.date))})"
            ),
        )
    )
    way = aggregates.direction(deal)
    if way:
        facts.append((ctx.t("direction"), ctx.html(ctx.t(f"direction-{way}"))))
    facts.append((ctx.t("last-changed"), Markup(
        f'<a href="{href(page, CHANGES)}">{ctx.html(ctx.loc.date(status.date))}</a>')))
    facts.append((ctx.t("verified"), ctx.html(ctx.loc.date(deal.verified))))
    out = [
        # a shared link says where the deal stands first, before the summary of how it began
        front_matter(deal.title[ctx.lang], f"{ctx.t('status')}: {ctx.status_label(status.status)} "
                     f"({ctx.loc.date(status.date)}). {deal.summary[ctx.lang]}"),
        f"# {ctx.md(deal.title[ctx.lang])}\n",
        f'<p class="ox-lede">{ctx.html(deal.summary[ctx.lang])}</p>\n',
        _dl(facts),
        f"## {ctx.md(ctx.t('parties'))}\n",
    ]
    for party in deal.parties:
        link = f"[{ctx.md(ctx.company_name(party.company))}](../companies/{party.company}.md)"
        out.append(f"- {link}: {ctx.md(ctx.role(party.role))}")
    out.append("")
    out.append(f"## {ctx.md(ctx.t('status-history'))}\n")
    history = [
        _event(ctx, change.date, None, change.status, ctx.status_label(change.status),
               Markup(f'{ctx.html(change.note[ctx.lang])} <span class="ox-cite">({_sources_inline(ctx, page, change.sources)})</span>'))
        for change in sorted(deal.status, key=lambda c: c.date)
    ]
    out.append(markup.html("events.html", classes="ox-history", events=history))
    if deal.flows:
        out.append(f"## {ctx.md(ctx.t('money-flows'))}\n")
        rows = "".join(
            "<tr>"
            f"<td>{ctx.html(ctx.company_name(f.payer))}</td>"
            f"<td>{ctx.html(ctx.company_name(f.payee))}</td>"
            f"<td>{ctx.html(ctx.data.labels.flow_kinds[f.kind][ctx.lang])}</td>"
            f'<td data-sort="{_sort_amount(f.amount.sort_value)}">{ctx.html(ctx.loc.money(f.amount))}'
            + (f'<br><span class="ox-note">{ctx.html(f.note[ctx.lang])}</span>' if f.note else "")
            + "</td></tr>"
            for f in deal.flows
        )
        head = "".join(f'<th scope="col">{_text(ctx.t(k))}</th>' for k in ("payer", "payee", "type", "amount"))
        out.append(f'<div class="ox-table"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>\n')
    if deal.related:
        out.append(f"## {ctx.md(ctx.t('related-deals'))}\n")
        for other in deal.related:
            out.append(f"- [{ctx.md(ctx.data.deals[other].title[ctx.lang])}]({other}.md)")
        out.append("")
    out.append(f"## {ctx.md(ctx.t('sources'))}\n")
    # a raw HTML list, not a Markdown one: Markdown would read [text](url) typed in a source's title
    items = "".join(f"<li>{source_line(ctx, page, ctx.data.sources[s])}</li>" for s in deal.sources)
    out.append(f'<ul class="ox-deal-sources">{items}</ul>\n')
    return "\n".join(out)


def source_line(ctx: Ctx, page: str, source: Source) -> str:
    """Headline (linked when its exact address is known), publisher, date, and every mark a
    reader needs: our own description, a republished copy, a home page, no address."""
    sep = ctx.comma
    title = f'<span lang="{source.language}" dir="auto">{_text(source.title)}</span>'
    if source.url:
        title = (f'<a href="{_attr(source.url)}" hreflang="{source.language}" lang="{source.language}" '
                 f'dir="auto" rel="noopener">{_text(source.title)}</a>')
    marks = []
    if source.title_kind == "description":
        marks.append(ctx.t("source-description"))
    elif source.title_kind == "from-address":
        marks.append(ctx.t("source-from-address"))
    if source.republished:
        marks.append(ctx.t("source-copy"))
    if source.home_page:
        marks.append(ctx.t("source-home-page"))
    if not source.url:
        marks.append(ctx.t("source-no-address"))
    bits = [title, str(ctx.html(source.publisher_in(ctx.lang))), str(ctx.html(ctx.loc.date(source.date)))]
    text = sep.join(bits)
    if source.via:
        text += f"{sep}{ctx.html(source.via[ctx.lang])}"
    if marks:
        text += "".join(f' <span class="ox-mark">[{_text(m)}]</span>' for m in marks)
    if source.note:
        text += f' <span class="ox-note">({ctx.html(source.note[ctx.lang])})</span>'
    return text


def companies_index_pages(ctx: Ctx) -> dict[str, str]:
    base = "companies/index.md"
    companies = sorted(ctx.data.companies.values(), key=lambda c: c.name[ctx.lang])
    parts = chunked(companies, PAGE_SIZE)
    return {paged_src(base, n): companies_index(ctx, chunk, n, len(parts)) for n, chunk in enumerate(parts, start=1)}


def companies_index(ctx: Ctx, companies: list[Company], number: int = 1, count: int = 1) -> str:
    page = paged_src("companies/index.md", number)
    title = _paged_title(ctx, ctx.t("companies"), number)
    head = [th(ctx, k) for k in ("company", "kind", "country", "deals")]
    rows = []
    for company in companies:
        deals = len(ctx.data.deals_of(company.id))
        link = Markup(f'<a href="{href(page, f"companies/{company.id}.md")}">{ctx.html(company.name[ctx.lang])}</a>')
        rows.append(row([
            cell(link, company.name[ctx.lang]),
            cell(ctx.html(ctx.data.labels.company_kinds[company.kind][ctx.lang])),
            cell(ctx.html(ctx.loc.territory(company.country)) if company.country else "—"),
            cell(ctx.html(ctx.loc.number(deals)), deals),
        ]))
    return (
        front_matter(title, ctx.data.site.description[ctx.lang])
        + f"# {ctx.md(title)}\n\n"
        + sortable_table(head, rows)
        + pager(ctx, "companies/index.md", number, count)
    )


def company_page(ctx: Ctx, company: Company) -> str:
    page = f"companies/{company.id}.md"
    facts = [
        (ctx.t("kind"), ctx.html(ctx.data.labels.company_kinds[company.kind][ctx.lang])),
    ]
    if company.country:
        facts.append((ctx.t("country"), ctx.html(ctx.loc.territory(company.country))))
    if company.website:
        facts.append(
            (ctx.t("website"), Markup(f'<a href="{_attr(company.website)}" dir="ltr" rel="noopener">{_text(company.website)}</a>'))
        )
    out = [
        # a company's deals table needs the whole width: no sidebars
        front_matter(company.name[ctx.lang], company.description[ctx.lang], hide=["navigation", "toc"]),
        f"# {ctx.md(company.name[ctx.lang])}\n",
        f'<p class="ox-lede">{ctx.html(company.description[ctx.lang])}</p>\n',
        _dl(facts),
    ]
    deals = ctx.data.deals_of(company.id)
    if deals:
        out.append(f"## {ctx.md(ctx.t('deals-of-company'))}\n")
        if len(deals) > COMPANY_DEALS_SHOWN:  # the most recent ones; all are in the download
            deals = deals[-COMPANY_DEALS_SHOWN:]
            out.append(
                f'<p class="ox-note">{ctx.html(ctx.t("more-deals-in-csv"))} '
                f'<a href="{to_root(page)}downloads/deals.csv" download>{_text(ctx.t("download-csv"))}</a></p>\n'
            )
        out.append(deals_table(ctx, deals, page, role_of=company.id))
    people = [p for p in ctx.data.people.values() if p.company == company.id]
    if people:
        out.append(f"## {ctx.md(ctx.t('people'))}\n")
        for person in people:
            out.append(f"- **{ctx.md(person.name[ctx.lang])}**: {ctx.md(person.role[ctx.lang])}")
        out.append("")
    return "\n".join(out)


def glossary_in_order(data: DataSet) -> list:
    """Terms in Arabic alphabetical order: the split into pages follows the Arabic half,
    so page N holds the same terms in both languages (each page sorted in its language)."""
    return sorted(data.glossary.values(), key=lambda g: (g.term["ar"], g.id))


def md_link(from_src: str, to_src: str) -> str:
    """A Markdown link target between two page sources (MkDocs checks and converts it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def glossary_pages(ctx: Ctx) -> dict[str, str]:
    base = "glossary.md"
    parts = chunked(glossary_in_order(ctx.data), GLOSSARY_PAGE_SIZE)
    out = {}
    sep = ctx.comma
    for number, chunk in enumerate(parts, start=1):
        page = paged_src(base, number)
        title = _paged_title(ctx, ctx.t("glossary"), number)
        lines = [front_matter(title, ctx.data.site.description[ctx.lang]), f"# {ctx.md(title)}\n"]
        for term in sorted(chunk, key=lambda g: g.term[ctx.lang].casefold()):
            heading = term.term[ctx.lang]
            if term.abbr[ctx.lang]:
                heading += f" ({sep.join(term.abbr[ctx.lang])})"
            lines.append(f"## {ctx.md(heading)} {{#{term.id}}}\n")
            lines.append(f"<p>{ctx.html(term.definition[ctx.lang])}</p>\n")
            if term.variants[ctx.lang]:
                lines.append(
                    f'<p class="ox-note">{_text(ctx.t("also-written"))}: {ctx.html(sep.join(term.variants[ctx.lang]))}</p>\n'
                )
            if term.related:
                links = sep.join(
                    f"[{ctx.md(ctx.data.glossary[r].term[ctx.lang])}]"
                    f"({'' if ctx.term_page(r) == page else md_link(page, ctx.term_page(r))}#{r})"
                    for r in term.related
                )
                lines.append(f"{ctx.md(ctx.t('see-also'))}: {links}\n")
        lines.append(pager(ctx, base, number, len(parts)))
        out[page] = "\n".join(lines)
    return out


def sources_in_order(data: DataSet) -> list[Source]:
    return sorted(data.sources.values(), key=lambda s: (s.date, s.id))


def sources_pages(ctx: Ctx) -> dict[str, str]:
    base = "sources.md"
    sources = sources_in_order(ctx.data)
    parts = chunked(sources, SOURCES_PAGE_SIZE)
    out = {}
    for n, chunk in enumerate(parts, start=1):
        page = paged_src(base, n)
        title = _paged_title(ctx, ctx.t("sources"), n)
        items = "\n".join(f'<li id="src-{s.id}">{source_line(ctx, page, s)}</li>' for s in chunk)
        start = (n - 1) * SOURCES_PAGE_SIZE + 1
        out[page] = (
            front_matter(title, ctx.data.site.description[ctx.lang])
            + f"# {ctx.md(title)}\n\n"
            + f'<p class="ox-lede">{ctx.html(ctx.loc.count(len(sources), "source"))}</p>\n\n'
            + f'<ol class="ox-sources" start="{start}">\n{items}\n</ol>\n'
            + pager(ctx, base, n, len(parts))
        )
    return out


def timeline_events(data: DataSet) -> list[tuple]:
    """(date, deal id, status change) for every change of every deal, and (date, None, event)
    for each milestone that belongs to no deal (data/events.yaml), oldest first."""
    events = []
    for deal in data.deals.values():
        for change in deal.status:
            events.append((change.date, deal.id, change))
    for event in data.events.values():
        events.append((event.date, None, event))
    return sorted(events, key=lambda e: (e[0], e[1] or f"~{e[2].id}", getattr(e[2], "status", "")))


def timeline_entry(ctx: Ctx, page: str, key: str | None, item) -> tuple[Markup, str, str, str]:
    """What a timeline row shows: the linked title, the status class and label, and the note
    (a milestone that belongs to no deal carries its sources instead of a link)."""
    if key is None:
        cite = f' <span class="ox-cite">({_sources_inline(ctx, page, item.sources)})</span>'
        return ctx.html(item.title[ctx.lang]), "milestone", ctx.t("milestone"), str(ctx.html(item.note[ctx.lang])) + cite
    deal = ctx.data.deals[key]
    link = deal_link(ctx, page, deal)
    return link, item.status, ctx.status_label(item.status), str(ctx.html(item.note[ctx.lang]))


def _event(ctx: Ctx, date, title: Markup | None, status: str, label: str, note: Markup) -> dict:
    """One dated event for templates/html/events.html."""
    return {"iso": date.isoformat(), "date": ctx.html(ctx.loc.date(date)), "title": title,
            "status": status, "label": ctx.html(label), "note": note}


def timeline_pages(ctx: Ctx) -> dict[str, str]:
    base = "timeline.md"
    parts = chunked(timeline_events(ctx.data), TIMELINE_PAGE_SIZE)
    return {paged_src(base, n): timeline_page(ctx, chunk, n, len(parts)) for n, chunk in enumerate(parts, start=1)}


def changes(data: DataSet) -> list[tuple]:
    """What changed, newest first: every dated change of status of every deal (a deal's first
    entry is its first report or announcement). The feed and the "what changed" page list these."""
    return [(date, key, change) for date, key, change in reversed(timeline_events(data)) if key]


CHANGES = "changes.md"


def changes_pages(ctx: Ctx) -> dict[str, str]:
    parts = chunked(changes(ctx.data), TIMELINE_PAGE_SIZE)
    return {paged_src(CHANGES, n): timeline_page(ctx, chunk, n, len(parts), base=CHANGES)
            for n, chunk in enumerate(parts or [[]], start=1)}


def timeline_page(ctx: Ctx, events: list[tuple], number: int = 1, count: int = 1, base: str = "timeline.md") -> str:
    """A list of dated events under month headings, in the order given: the timeline (oldest
    first, milestones included) or what changed (newest first, the deals' changes only)."""
    page = paged_src(base, number)
    newest_first = base == CHANGES
    title = _paged_title(ctx, ctx.t("what-changed" if newest_first else "timeline"), number)
    intro = ctx.t("changes-intro") if newest_first else ctx.data.site.description[ctx.lang]
    out = [front_matter(title, intro), f"# {ctx.md(title)}\n"]
    if newest_first:
        feed = href(page, "index.md") + "feed.xml"
        if events and number == 1:  # a reader sees at once how quiet the months since have been
            intro += " " + ctx.t("changes-latest").format(last=ctx.loc.date(events[0][0]),
                                                          date=ctx.loc.date(ctx.data.site.as_of))
        out.append(f'<p class="ox-lede">{ctx.html(intro)} {ctx.html(ctx.t("changes-feed"))} <a href="{feed}" type="application/atom+xml">'
                   f"{_text(ctx.t('feed'))}</a></p>\n")
    current_month = None
    items: list[dict] = []

    def flush():
        if items:
            out.append(markup.html("events.html", classes="ox-timeline", events=list(items)))
            items.clear()

    for date, key, item in events:
        month = (date.year, date.month)
        if month != current_month:
            flush()
            current_month = month
            out.append(f"## {ctx.md(ctx.loc.month(date))}\n")
        title, status, label, note = timeline_entry(ctx, page, key, item)
        items.append(_event(ctx, date, title, status, label, Markup(note)))
    flush()
    out.append(pager(ctx, base, number, count))
    return "\n".join(out)


def quotes_page(ctx: Ctx) -> str:
    page = "quotes.md"
    title = ctx.t("quotes")
    out = [front_matter(title, ctx.data.site.description[ctx.lang]), f"# {ctx.md(title)}\n"]
    for quote in sorted(ctx.data.quotes.values(), key=lambda q: (q.date, q.id)):
        out.append(quote_block(ctx, page, quote.id))
    return "\n".join(out)


QUOTE_MARKS = {"ar": ("«", "»"), "en": ("\u201c", "\u201d")}


def _quoted(lang: str, html: Markup) -> str:
    """Quotation marks as each language prints them: «…» in Arabic, “…” in English."""
    opening, closing = QUOTE_MARKS[lang]
    return f"{opening}{html}{closing}"


def quote_block(ctx: Ctx, page: str, quote_id: str) -> str:
    """A quotation: original words on the page in their language, a marked translation otherwise."""
    quote = ctx.data.quotes[quote_id]
    person = ctx.data.people[quote.person]
    translated = quote.original_language != ctx.lang
    text = quote.text[ctx.lang]
    attribution = f"{person.name[ctx.lang]}{ctx.comma}{ctx.loc.date(quote.date)}"
    parts = [f'<figure class="ox-quote" id="q-{quote.id}">']
    parts.append(f"<blockquote><p>{_quoted(ctx.lang, ctx.html(text))}</p></blockquote>")
    if translated:
        lang = quote.original_language
        direction = "rtl" if lang == "ar" else "ltr"
        parts.append(f'<p class="ox-translation-note">{_text(ctx.t("translation-note"))}:</p>')
        parts.append(
            f'<blockquote class="ox-original" lang="{lang}" dir="{direction}">'
            f"<p>{_quoted(lang, _text(quote.text[lang]))}</p></blockquote>"
        )
    parts.append(
        f"<figcaption>{ctx.html(attribution)}. {ctx.html(quote.context[ctx.lang])} "
        f'<span class="ox-cite">({_sources_inline(ctx, page, quote.sources)})</span></figcaption>'
    )
    parts.append("</figure>\n")
    return "".join(parts)


def search_page(ctx: Ctx) -> str:
    """The search page: Pagefind's interface, filled in by assets/search.js (needs JavaScript)."""
    title = ctx.t("search")
    return (
        front_matter(title, ctx.t("search-description"), hide=["toc"])
        + f"# {ctx.md(title)}\n\n"
        + '<div id="ox-search" class="ox-search"></div>\n'
        + f'<noscript><p class="ox-note">{ctx.html(ctx.t("search-noscript"))}</p></noscript>\n'
    )
