"""Markup from templates (markup.py, templates/html/): data text is escaped and can never form a
placeholder, a missing value fails loudly, and no Python object leaks into a page."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from explainer import markup


def test_data_text_is_escaped_and_its_braces_can_never_form_a_placeholder():
    out = markup.html("facts.html", items=[("<b>", "{{ figure:x }}"), ("ok", Markup("<em>kept</em>"))])
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert "{{" not in out and "&#123;&#123; figure:x &#125;&#125;" in out
    assert "<em>kept</em>" in out


def test_a_missing_value_is_an_error_not_an_empty_string():
    with pytest.raises(jinja2.UndefinedError):
        markup.html("facts.html")


def test_no_block_of_markup_has_a_blank_line(real_data):
    """Markdown ends a block of raw HTML at a blank line: a template must never emit one."""
    from explainer import charts, derived, render
    for lang in ("ar", "en"):
        ctx = render.Ctx.make(real_data, lang)
        blocks = [charts.figure(ctx, c) for c in charts.CHARTS] + [t(ctx, "index.md") for t in derived.tables().values()]
        blocks.append(render.deals_table(ctx, list(real_data.deals.values()), "deals/index.md"))
        for block in blocks:
            assert "\n\n" not in block.rstrip("\n"), block[:200]


def test_no_python_object_leaks_into_a_page(built_site):
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "built-in method" not in text and " object at 0x" not in text, path
