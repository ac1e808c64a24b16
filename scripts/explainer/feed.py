"""An Atom feed per language of what changed: one entry per dated status change of a deal
(its first entry is the deal's first report or announcement), newest first. Pure: data in, XML text out."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from . import render

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
FEED_SIZE = 100  # the newest changes; the timeline page holds them all


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _url(base: str, src: str) -> str:
    """The absolute address of a page from its source path (deals/x.md → base + deals/x/)."""
    path = src.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return base + path


def changes(ctx: render.Ctx) -> list[tuple]:
    """(date, deal, status change) for every change of every deal, newest first."""
    out = []
    for deal in ctx.data.deals.values():
        for change in deal.status:
            out.append((change.date, deal, change))
    return sorted(out, key=lambda c: (c[0], c[1].id, c[2].status), reverse=True)


def atom_feed(ctx: render.Ctx, base: str) -> str:
    """The feed for ctx's language; `base` is the absolute address of that language's home."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": ctx.lang})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    items = changes(ctx)[:FEED_SIZE]
    site = ctx.data.site.title[ctx.lang]
    sub(feed, "title", f"{site}: {ctx.t('what-changed')}")
    sub(feed, "subtitle", ctx.data.site.description[ctx.lang])
    sub(feed, "id", base + FEED_FILE)
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_FILE)
    sub(feed, "link", rel="alternate", type="text/html", href=_url(base, "timeline.md"))
    sub(feed, "updated", _stamp(items[0][0] if items else ctx.data.site.as_of))
    author = sub(feed, "author")
    sub(author, "name", site)
    for date, deal, change in items:
        entry = sub(feed, "entry")
        sub(entry, "title", f"{deal.title[ctx.lang]}: {ctx.status_label(change.status)}")
        page = _url(base, f"deals/{deal.id}.md")
        sub(entry, "id", f"{page}#{date.isoformat()}-{change.status}")
        sub(entry, "link", rel="alternate", type="text/html", href=page)
        sub(entry, "updated", _stamp(date))
        sub(entry, "published", _stamp(date))
        summary = f"{ctx.loc.date(date)}: {change.note[ctx.lang]}"
        sub(entry, "summary", summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
