"""Markup-heavy HTML from Jinja templates (templates/html/): the sortable tables, a deal's or
company's facts, the home page's figure cards, chart figures and their reuse kit.

Every value a template prints goes through l10n.to_html unless it is Markup already: escaped,
braces as entities (so data text can never form a {{ placeholder }} in the page's Markdown),
isolate characters as <bdi>. Attribute values are passed as render.attr() Markup, which has no
isolates. Templates that are missing a value fail loudly (StrictUndefined), never print "".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import l10n

TEMPLATES = Path(__file__).resolve().parent / "templates" / "html"


def _finalize(value: object) -> object:
    if isinstance(value, Markup) or value is None:
        return value
    return l10n.to_html(str(value))


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
    )


def html(template: str, **values) -> str:
    """The template filled in; a block of HTML ends with a newline, as Markdown expects."""
    return _env().get_template(template).render(**values) + "\n"
