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
from functools import lru_cache
from decimal import Decimal

from markupsafe import Markup, escape

from . import l10n
from .model import Company, DataSet, Deal, Source, Status

GENERATED_MARK = "# GENERATED from data/ by scripts/explainer: do not edit; edit data/*.yaml instead."

# Runs of Latin script (names such as "Stargate UK", "MI450", "GB200/GB300") inside
# Arabic text are isolated so neighbouring digits and punctuation cannot reorder them.
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ ./&+'’-][A-Za-z0-9]+)*")


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
    base = page_url(from_src) or "."
    target = page_url(to_src) or "."
    rel = posixpath.relpath(target, base)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


@dataclass
class Ctx:
    """What every renderer needs: the data, the language and its formatter."""

    data: DataSet
    lang: str
    loc: l10n.Localiser

    @classmethod
    def make(cls, data: DataSet, lang: str) -> "Ctx":
        return cls(data, lang, l10n.Localiser(lang, data.site.arabic_digits))

    # -- text ----------------------------------------------------------
    def t(self, key: str) -> str:
        return self.data.labels.ui[key][self.lang]

    def iso(self, text: str) -> str:
        """Isolate Latin runs inside Arabic text (no-op on English pages)."""
        if self.lang != "ar":
            return text
        return LATIN_RUN.sub(lambda m: l10n.isolate(m.group(0)), text)

    def html(self, text: str) -> Markup:
        return l10n.to_html(self.iso(text))

    def md(self, text: str) -> str:
        """Inline Markdown-safe text: HTML-escaped, Markdown syntax escaped, isolates as <bdi>."""
        text = " ".join(self.iso(text).split())
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return l10n.isolates_to_bdi(_MD_SPECIAL.sub(r"\\\1", text))

    # -- names and labels ------------------------------------------------
    def company_name(self, company_id: str) -> str:
        return self.data.companies[company_id].name[self.lang]

    def deal_kind(self, deal: Deal) -> str:
        return self.data.labels.deal_kinds[deal.kind][self.lang]

    def status_label(self, status: str) -> str:
        return self.data.labels.statuses[status][self.lang]

    def role(self, role: str) -> str:
        return self.data.labels.roles[role][self.lang]


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


def _text(value: object) -> Markup:
    """Data text inside HTML: escaped, and braces as entities so it never forms a placeholder."""
    return l10n.to_html(str(value))


def _attr(value: object) -> str:
    """An attribute value: escaped like text, without isolates (no markup in attributes)."""
    return str(l10n.to_html(l10n.strip_isolates(str(value))))


def _sort_amount(value: Decimal | None) -> str:
    return "-1" if value is None else format(value, "f")


# ---------------------------------------------------------------------------
# Tables


DEAL_COLUMNS = ("announced", "deal", "parties", "kind", "value", "capacity", "status")
NUMERIC_COLUMNS = {"value", "capacity", "status", "deals"}
STATUS_ORDER = list(Status.__args__)  # lifecycle order, for sorting by status


def deals_table(ctx: Ctx, deals: list[Deal], page: str, role_of: str | None = None) -> str:
    """An HTML table of deals, one row each, sortable by the raw values in data-sort."""
    columns = list(DEAL_COLUMNS)
    if role_of:
        columns.insert(3, "role")
    head = "".join(th(ctx, c) for c in columns)
    rows = []
    for deal in deals:
        parties = "، ".join if ctx.lang == "ar" else ", ".join
        party_links = parties(
            f'<a href="{href(page, f"companies/{p.company}.md")}">{ctx.html(ctx.company_name(p.company))}</a>'
            for p in deal.parties
        )
        status = deal.current_status
        cells = {
            "announced": (deal.announced.isoformat(), ctx.html(ctx.loc.date(deal.announced))),
            "deal": (
                l10n.strip_isolates(deal.title[ctx.lang]),
                Markup(f'<a href="{href(page, f"deals/{deal.id}.md")}">{ctx.html(deal.title[ctx.lang])}</a>'),
            ),
            "parties": (
                " ".join(ctx.company_name(p.company) for p in deal.parties),
                Markup(party_links),
            ),
            "kind": (ctx.deal_kind(deal), ctx.html(ctx.deal_kind(deal))),
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
            joined = ("، " if ctx.lang == "ar" else ", ").join(roles)
            cells["role"] = (joined, ctx.html(joined))
        tds = "".join(
            f'<td data-col="{c}" data-sort="{_attr(cells[c][0])}">{cells[c][1]}</td>' for c in columns
        )
        rows.append(f'<tr id="deal-{deal.id}">{tds}</tr>')
    caption = ctx.t("all-deals") if not role_of else ctx.t("deals-of-company")
    return (
        '<div class="ox-table" markdown="0">\n'
        f'<table class="ox-sortable" data-rows="{len(deals)}">'
        f'<caption>{_text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>\n</div>\n"
    )


def th(ctx: Ctx, column: str, numeric: bool | None = None) -> str:
    """A sortable column header; numeric columns sort by their cells' raw data-sort numbers."""
    numeric = column in NUMERIC_COLUMNS if numeric is None else numeric
    method = ' data-sort-method="number"' if numeric else ""
    return f'<th scope="col" data-col="{column}"{method}>{_text(ctx.t(column))}</th>'


def _dl(items: list[tuple[str, Markup]]) -> str:
    inner = "".join(f"<dt>{_text(k)}</dt><dd>{v}</dd>" for k, v in items)
    return f'<dl class="ox-facts">{inner}</dl>\n'


def _source_link(ctx: Ctx, page: str, source_id: str) -> Markup:
    source = ctx.data.sources[source_id]
    label = f"{source.publisher}، {ctx.loc.date(source.date)}" if ctx.lang == "ar" else f"{source.publisher}, {ctx.loc.date(source.date)}"
    return Markup(f'<a href="{href(page, "sources.md", f"src-{source_id}")}">{ctx.html(label)}</a>')


def _sources_inline(ctx: Ctx, page: str, ids: list[str]) -> Markup:
    sep = "؛ " if ctx.lang == "ar" else "; "
    return Markup(sep.join(str(_source_link(ctx, page, s)) for s in ids))


# ---------------------------------------------------------------------------
# Pages


def deals_index(ctx: Ctx) -> str:
    page = "deals/index.md"
    deals = ctx.data.deals_sorted()
    title = ctx.t("deals")
    intro = (
        f"{ctx.loc.count(len(deals), 'deal')}. {ctx.t('as-of')}: {ctx.loc.date(ctx.data.site.as_of)}."
        if ctx.lang == "en"
        else f"{ctx.loc.count(len(deals), 'deal')}. {ctx.t('as-of')} {ctx.loc.date(ctx.data.site.as_of)}."
    )
    downloads = (
        '<p class="ox-downloads">'
        f'<a href="../downloads/deals.csv" download>{_text(ctx.t("download-csv"))}</a> · '
        f'<a href="../downloads/deals.json" download>{_text(ctx.t("download-json"))}</a></p>\n'
    )
    return (
        front_matter(title, ctx.data.site.description[ctx.lang], hide=["toc"])
        + f"# {ctx.md(title)}\n\n"
        + f'<p class="ox-lede">{ctx.html(intro)}</p>\n\n'
        + deals_table(ctx, deals, page)
        + "\n"
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
    facts.append((ctx.t("announced"), ctx.html(ctx.loc.date(deal.announced))))
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
    out = [
        front_matter(deal.title[ctx.lang], deal.summary[ctx.lang]),
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
    items = []
    for change in sorted(deal.status, key=lambda c: c.date):
        items.append(
            f'<li><time datetime="{change.date.isoformat()}">{ctx.html(ctx.loc.date(change.date))}</time> '
            f'<span class="ox-status ox-status--{change.status}">{ctx.html(ctx.status_label(change.status))}</span>'
            f'<br>{ctx.html(change.note[ctx.lang])} <span class="ox-cite">({_sources_inline(ctx, page, change.sources)})</span></li>'
        )
    out.append('<ol class="ox-history">' + "".join(items) + "</ol>\n")
    if deal.flows:
        out.append(f"## {ctx.md(ctx.t('money-flows'))}\n")
        rows = "".join(
            "<tr>"
            f"<td>{ctx.html(ctx.company_name(f.source))}</td>"
            f"<td>{ctx.html(ctx.company_name(f.target))}</td>"
            f"<td>{ctx.html(ctx.data.labels.flow_types[f.type][ctx.lang])}</td>"
            f'<td data-sort="{_sort_amount(f.amount.sort_value)}">{ctx.html(ctx.loc.money(f.amount))}</td>'
            "</tr>"
            for f in deal.flows
        )
        head = "".join(f'<th scope="col">{_text(ctx.t(k))}</th>' for k in ("from", "to", "type", "amount"))
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
    sep = "، " if ctx.lang == "ar" else ", "
    bits = [
        f'<a href="{_attr(source.url)}" hreflang="{source.language}" lang="{source.language}" '
        f'dir="auto" rel="noopener">{_text(source.title)}</a>',
        str(ctx.html(source.publisher)),
        str(ctx.html(ctx.loc.date(source.date))),
    ]
    text = sep.join(bits)
    if source.via:
        text += f"{sep}{_text(ctx.t('via'))} {ctx.html(source.via)}"
    if source.note:
        text += f' <span class="ox-note">({ctx.html(source.note[ctx.lang])})</span>'
    return text


def companies_index(ctx: Ctx) -> str:
    page = "companies/index.md"
    title = ctx.t("companies")
    companies = sorted(ctx.data.companies.values(), key=lambda c: c.name[ctx.lang])
    head = "".join(th(ctx, k) for k in ("company", "kind", "country", "deals"))
    rows = []
    for company in companies:
        count = len(ctx.data.deals_of(company.id))
        rows.append(
            "<tr>"
            f'<td data-sort="{_attr(company.name[ctx.lang])}"><a href="{href(page, f"companies/{company.id}.md")}">{ctx.html(company.name[ctx.lang])}</a></td>'
            f"<td>{ctx.html(ctx.data.labels.company_kinds[company.kind][ctx.lang])}</td>"
            f"<td>{ctx.html(ctx.loc.territory(company.country))}</td>"
            f'<td data-sort="{count}">{ctx.html(ctx.loc.number(count))}</td>'
            "</tr>"
        )
    return (
        front_matter(title, ctx.data.site.description[ctx.lang])
        + f"# {ctx.md(title)}\n\n"
        + '<div class="ox-table" markdown="0">\n'
        + f'<table class="ox-sortable"><thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n</div>\n"
    )


def company_page(ctx: Ctx, company: Company) -> str:
    page = f"companies/{company.id}.md"
    facts = [
        (ctx.t("kind"), ctx.html(ctx.data.labels.company_kinds[company.kind][ctx.lang])),
        (ctx.t("country"), ctx.html(ctx.loc.territory(company.country))),
    ]
    if company.website:
        facts.append(
            (ctx.t("website"), Markup(f'<a href="{_attr(company.website)}" dir="ltr" rel="noopener">{_text(company.website)}</a>'))
        )
    out = [
        front_matter(company.name[ctx.lang], company.description[ctx.lang]),
        f"# {ctx.md(company.name[ctx.lang])}\n",
        f'<p class="ox-lede">{ctx.html(company.description[ctx.lang])}</p>\n',
        _dl(facts),
    ]
    deals = ctx.data.deals_of(company.id)
    if deals:
        out.append(f"## {ctx.md(ctx.t('deals-of-company'))}\n")
        out.append(deals_table(ctx, deals, page, role_of=company.id))
    people = [p for p in ctx.data.people.values() if p.company == company.id]
    if people:
        out.append(f"## {ctx.md(ctx.t('people'))}\n")
        for person in people:
            out.append(f"- **{ctx.md(person.name[ctx.lang])}**: {ctx.md(person.role[ctx.lang])}")
        out.append("")
    return "\n".join(out)


def glossary_page(ctx: Ctx) -> str:
    title = ctx.t("glossary")
    terms = sorted(ctx.data.glossary.values(), key=lambda g: g.term[ctx.lang].casefold())
    out = [front_matter(title, ctx.data.site.description[ctx.lang]), f"# {ctx.md(title)}\n"]
    sep = "، " if ctx.lang == "ar" else ", "
    for term in terms:
        heading = term.term[ctx.lang]
        if term.abbr[ctx.lang]:
            heading += f" ({sep.join(term.abbr[ctx.lang])})"
        out.append(f"## {ctx.md(heading)} {{#{term.id}}}\n")
        out.append(f"<p>{ctx.html(term.definition[ctx.lang])}</p>\n")
        if term.variants[ctx.lang]:
            out.append(
                f'<p class="ox-note">{_text(ctx.t("also-written"))}: {ctx.html(sep.join(term.variants[ctx.lang]))}</p>\n'
            )
        if term.related:
            links = sep.join(
                f"[{ctx.md(ctx.data.glossary[r].term[ctx.lang])}](#{r})" for r in term.related
            )
            out.append(f"{ctx.md(ctx.t('see-also'))}: {links}\n")
    return "\n".join(out)


def sources_page(ctx: Ctx) -> str:
    page = "sources.md"
    title = ctx.t("sources")
    sources = sorted(ctx.data.sources.values(), key=lambda s: (s.date, s.id))
    items = "\n".join(
        f'<li id="src-{s.id}">{source_line(ctx, page, s)}</li>' for s in sources
    )
    return (
        front_matter(title, ctx.data.site.description[ctx.lang])
        + f"# {ctx.md(title)}\n\n"
        + f'<p class="ox-lede">{ctx.html(ctx.loc.count(len(sources), "source"))}</p>\n\n'
        + f'<ol class="ox-sources">\n{items}\n</ol>\n'
    )


def timeline_events(data: DataSet) -> list[tuple]:
    """(date, deal, status change or None for the announcement), oldest first."""
    events = []
    for deal in data.deals.values():
        for change in deal.status:
            events.append((change.date, deal.id, change))
    return sorted(events, key=lambda e: (e[0], e[1], e[2].status))


def timeline_page(ctx: Ctx) -> str:
    page = "timeline.md"
    title = ctx.t("timeline")
    out = [front_matter(title, ctx.data.site.description[ctx.lang]), f"# {ctx.md(title)}\n"]
    current_month = None
    items: list[str] = []

    def flush():
        if items:
            out.append('<ol class="ox-timeline">' + "".join(items) + "</ol>\n")
            items.clear()

    for date, deal_id, change in timeline_events(ctx.data):
        month = (date.year, date.month)
        if month != current_month:
            flush()
            current_month = month
            out.append(f"## {ctx.md(ctx.loc.month(date))}\n")
        deal = ctx.data.deals[deal_id]
        items.append(
            f'<li><time datetime="{date.isoformat()}">{ctx.html(ctx.loc.date(date))}</time> '
            f'<a href="{href(page, f"deals/{deal.id}.md")}">{ctx.html(deal.title[ctx.lang])}</a> '
            f'<span class="ox-status ox-status--{change.status}">{ctx.html(ctx.status_label(change.status))}</span>'
            f"<br>{ctx.html(change.note[ctx.lang])}</li>"
        )
    flush()
    return "\n".join(out)


def quotes_page(ctx: Ctx) -> str:
    page = "quotes.md"
    title = ctx.t("quotes")
    out = [front_matter(title, ctx.data.site.description[ctx.lang]), f"# {ctx.md(title)}\n"]
    for quote in sorted(ctx.data.quotes.values(), key=lambda q: (q.date, q.id)):
        out.append(quote_block(ctx, page, quote.id))
    return "\n".join(out)


def quote_block(ctx: Ctx, page: str, quote_id: str) -> str:
    """A quotation: original words on the page in their language, a marked translation otherwise."""
    quote = ctx.data.quotes[quote_id]
    person = ctx.data.people[quote.person]
    translated = quote.original_language != ctx.lang
    text = quote.text[ctx.lang]
    attribution = f"{person.name[ctx.lang]}، {ctx.loc.date(quote.date)}" if ctx.lang == "ar" else f"{person.name[ctx.lang]}, {ctx.loc.date(quote.date)}"
    parts = [f'<figure class="ox-quote" id="q-{quote.id}">']
    parts.append(f"<blockquote><p>{ctx.html(text)}</p></blockquote>")
    if translated:
        lang = quote.original_language
        direction = "rtl" if lang == "ar" else "ltr"
        parts.append(f'<p class="ox-translation-note">{escape(ctx.t("translation-note"))}:</p>')
        parts.append(
            f'<blockquote class="ox-original" lang="{lang}" dir="{direction}">'
            f"<p>{escape(quote.text[lang])}</p></blockquote>"
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
