"""What `mkdocs serve` shows while a contributor's mistake is being fixed.

The preview never stops: the last good pages stay, and every page carries a banner in its
own language naming each problem (file, line, what is wrong) until it is fixed. The same
lines are printed in the terminal after MkDocs's own output. Nothing here runs in `build`,
where a mistake stops the build instead.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from markupsafe import escape

from .model import DataSet

BANNER_CLASS = "ox-preview-problems"
MAX_SHOWN = 30


class _BodyStart(HTMLParser):
    """Where the <body> start tag ends (a character offset), and the page's <html lang>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.lang = ""
        self.body_end: int | None = None  # (not `offset`: HTMLParser keeps its own position there)
        self._lines = html.split("\n")
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        elif tag == "body" and self.body_end is None:
            line, column = self.getpos()
            start = sum(len(l) + 1 for l in self._lines[: line - 1]) + column
            self.body_end = start + len(self.get_starttag_text() or "")


def banner(problems: list[str], lang: str, data: DataSet) -> str:
    ui = data.labels.ui
    say = (lambda key, fallback: ui[key][lang] if key in ui else fallback)
    direction = "rtl" if lang == "ar" else "ltr"
    items = "".join(f'<li dir="ltr"><code>{escape(p)}</code></li>' for p in problems[:MAX_SHOWN])
    more = f"<li>… +{len(problems) - MAX_SHOWN}</li>" if len(problems) > MAX_SHOWN else ""
    return (
        f'<div class="{BANNER_CLASS}" role="alert" lang="{lang}" dir="{direction}" '
        'style="background:#fdecea;color:#5f1010;border:2px solid #b3261e;padding:1em 1.2em;margin:0;'
        'font-size:.8rem;line-height:1.6;position:relative;z-index:10">'
        f"<strong>{escape(say('preview-problems', 'This preview has problems to fix:'))}</strong>"
        f'<ul style="margin:.4em 0">{items}{more}</ul>'
        f"<span>{escape(say('preview-last-good', 'The page below is the last version that worked.'))}</span>"
        "</div>"
    )


def mark_pages(site: Path, problems: list[str], data: DataSet) -> int:
    """Put the banner at the top of every built page; returns how many pages were marked."""
    if not problems:
        return 0
    marked = 0
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if BANNER_CLASS in html:
            continue
        found = _BodyStart(html)
        if found.body_end is None:
            continue
        lang = "en" if found.lang.startswith("en") else "ar"
        path.write_text(html[: found.body_end] + banner(problems, lang, data) + html[found.body_end:], encoding="utf-8")
        marked += 1
    return marked


def without_repeats(problems: list[str]) -> list[str]:
    """Each problem once: MkDocs's own warning about a link ("docs/x.md: link to y: ...") is
    left out when check.py's line-numbered version ("docs/x.md:12: link to y: ...") is there."""
    out = list(dict.fromkeys(problems))
    numbered = {(p.split(":", 1)[0], p.split(": ", 1)[1]) for p in out if p.split(":")[1:2] and p.split(":")[1].isdigit()}
    return [p for p in out if not (": link to " in p and (p.split(":", 1)[0], p.split(": ", 1)[1]) in numbered
                                   and not p.split(":")[1].isdigit())]


def report(problems: list[str]) -> str:
    """The terminal's version: every problem, then what the preview is doing about it."""
    if not problems:
        return ""
    lines = "\n".join(f"  {p}" for p in problems)
    return (
        f"\nERROR: {len(problems)} problem(s) to fix:\n{lines}\n"
        "The preview keeps serving the last good pages, with these problems shown at the top of each page.\n\n"
    )
