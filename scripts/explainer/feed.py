"""An Atom feed per language of what changed: one entry per dated status change of a deal
(its first entry is the deal's first report or announcement), newest first. Pure: data in, XML text out."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from . import render

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
FEED_SIZE = 100  # the newest changes; the "what changed" page holds them all


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def atom_feed(ctx: render.Ctx, base: str) -> str:
    """The feed for ctx's language; `base` is the absolute address of that language's home."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": ctx.lang})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    items = render.changes(ctx.data)[:FEED_SIZE]
    site = ctx.data.site.title[ctx.lang]
    sub(feed, "title", f"{site}: {ctx.t('what-changed')}")
    sub(feed, "subtitle", ctx.data.site.description[ctx.lang])
    sub(feed, "id", base + FEED_FILE)
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_FILE)
    sub(feed, "link", rel="alternate", type="text/html", href=base + render.page_url(render.CHANGES))
    sub(feed, "updated", _stamp(items[0][0] if items else ctx.data.site.as_of))
    author = sub(feed, "author")
    sub(author, "name", site)
    for date, key, change in items:
        deal = ctx.data.deals[key]
        entry = sub(feed, "entry")
        sub(entry, "title", f"{deal.title[ctx.lang]} — {ctx.t('status-is')}: {ctx.status_label(change.status)}")
        page = base + render.page_url(f"deals/{key}.md")
        sub(entry, "id", f"{page}#{date.isoformat()}-{change.status}")
        sub(entry, "link", rel="alternate", type="text/html", href=page)
        sub(entry, "updated", _stamp(date))
        sub(entry, "published", _stamp(date))
        sub(entry, "summary", f"{ctx.loc.date(date)}: {change.note[ctx.lang]}")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
