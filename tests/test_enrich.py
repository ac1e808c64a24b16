"""Glossary terms in context and Latin isolation, on HTML strings."""

from __future__ import annotations

from explainer.enrich import isolate_latin, link_terms


def test_arabic_terms_match_through_attached_prefixes(fixture_data):
    html = "<p>بقدرة والغيغاواط الواحد، ثم غيغاواط آخر.</p>"
    out = link_terms(html, fixture_data, "ar", "../glossary/")
    assert out.count('class="ox-term"') == 1  # first use only
    assert '<a href="../glossary/#gigawatt" aria-describedby="ox-tip-gigawatt">والغيغاواط</a>' in out
    assert 'role="tooltip" id="ox-tip-gigawatt"' in out and "وحدة قدرة تساوي ألف ميغاواط." in out
    for prefixed in ("بالغيغاواط", "للغيغاواط", "فبغيغاواط", "كغيغاواط", "وجيجاواط"):
        assert 'class="ox-term"' in link_terms(f"<p>{prefixed}</p>", fixture_data, "ar", "g/"), prefixed
    # not inside a longer word, not in headings or links
    assert "ox-term" not in link_terms("<p>غيغاواطات</p>", fixture_data, "ar", "g/")
    assert "ox-term" not in link_terms("<h2>غيغاواط</h2><a href='x'>غيغاواط</a>", fixture_data, "ar", "g/")


def test_english_terms_case_insensitive_with_abbreviations(fixture_data):
    out = link_terms("<p>Ten GW is ten Gigawatts; a megawatt is less.</p>", fixture_data, "en", "../glossary/")
    assert '>GW</a>' in out and "#megawatt" in out
    assert out.count("#gigawatt") == 1


def test_latin_runs_isolated_outside_code_and_entities():
    html = '<p>رقائق MI450 بقدرة 1 غيغاواط &amp; Stargate UK</p><code>MI450</code><a title="AMD">AMD</a>'
    out = isolate_latin(html)
    assert "<bdi>MI450</bdi> بقدرة 1" in out
    assert "<bdi>Stargate UK</bdi>" in out
    assert isolate_latin("<p>رقائق وMI450</p>") == "<p>رقائق و<bdi>MI450</bdi></p>"  # after an attached و
    assert "&amp;" in out and "<bdi>amp</bdi>" not in out
    assert "<code>MI450</code>" in out
    assert '<a title="AMD"><bdi>AMD</bdi></a>' in out


def test_arabic_indic_digits_outside_latin_names_entities_and_code():
    from explainer.enrich import arabic_digits
    html = '<p>جولة 110 مليارات في 2026، رقائق MI450 وGB200 و a16z &#123; 4.5</p><code>2026</code><a href="/x/2026/">2026</a>'
    out = arabic_digits(html)
    assert "جولة ١١٠ مليارات في ٢٠٢٦" in out
    assert "MI450" in out and "GB200" in out and "a16z" in out
    assert "&#123;" in out and "٤٫٥" in out
    assert "<code>2026</code>" in out
    assert 'href="/x/2026/">٢٠٢٦</a>' in out


def test_titles_isolate_latin_runs_with_unicode_isolates():
    from explainer.l10n import isolate_latin
    assert isolate_latin("مشروع Stargate UK") == "مشروع \u2068Stargate UK\u2069"
    assert isolate_latin("عقد أوراكل") == "عقد أوراكل"


def test_a_term_already_linked_by_the_writer_is_not_linked_again(fixture_data):
    html = '<p><a href="../glossary/#gigawatt">غيغاواط</a> ثم بالغيغاواط، وميغاواط.</p>'
    out = link_terms(html, fixture_data, "ar", "../glossary/")
    assert out.count("#gigawatt") == 1
    assert out.count("#megawatt") == 1


def test_a_changed_glossary_gets_its_own_matching_pattern(fixture_data):
    before = link_terms("<p>غيغاواط</p>", fixture_data, "ar", "g/")
    term = fixture_data.glossary["gigawatt"]
    renamed = term.model_copy(update={"term": term.term.model_copy(update={"ar": "وحدة"}), "variants": type(term.variants)()})
    edited = fixture_data.model_copy(update={"glossary": {**fixture_data.glossary, "gigawatt": renamed}})
    assert "ox-term" in before
    assert "ox-term" not in link_terms("<p>غيغاواط</p>", edited, "ar", "g/")
    assert "ox-term" in link_terms("<p>وحدة</p>", edited, "ar", "g/")


def test_attributes_scripts_and_styles_are_never_touched():
    html = ('<p><abbr title="GW > MW and Stargate UK">GW</abbr> نص</p>'
            '<script>var x = "Stargate < UK";</script><style>p::after{content:"MI450"}</style>')
    out = isolate_latin(html)
    assert '<abbr title="GW > MW and Stargate UK"><bdi>GW</bdi></abbr>' in out
    assert '<script>var x = "Stargate < UK";</script>' in out
    assert '<style>p::after{content:"MI450"}</style>' in out


def test_a_latin_name_split_by_markup_is_never_isolated_in_pieces():
    # isolating "Stargate" and "UK" apart would show them as "UK Stargate" in Arabic text
    out = isolate_latin('<p>مشروع <a href="x/">Stargate</a> UK في بريطانيا، و<em>Vera</em> Rubin.</p>')
    assert "<bdi>" not in out
    assert isolate_latin("<p>مشروع Stargate UK و<em>AMD</em>، وMI450</p>") == \
        "<p>مشروع <bdi>Stargate UK</bdi> و<em><bdi>AMD</bdi></em>، و<bdi>MI450</bdi></p>"


def test_a_glossary_term_inside_an_isolated_name_keeps_the_name_whole(fixture_data):
    from explainer.enrich import tokens
    data = fixture_data.model_copy(update={"glossary": {
        **fixture_data.glossary,
        "gigawatt": fixture_data.glossary["gigawatt"].model_copy(update={"variants": type(fixture_data.glossary["gigawatt"].variants)(ar=["Stargate"], en=[])}),
    }})
    out = link_terms(isolate_latin("<p>مشروع Stargate UK في بريطانيا</p>"), data, "ar", "g/")
    kinds = [(t.kind, t.tag) for t in tokens(out)]
    start, end = kinds.index(("start", "bdi")), kinds.index(("end", "bdi"))
    assert kinds.index(("start", "a")) > start and kinds.index(("end", "a")) < end  # the link sits inside the name
    assert out.endswith(' UK</bdi> في بريطانيا</p>') and 'dir="rtl"' in out  # the tooltip keeps Arabic direction


def test_a_label_for_a_missing_control_loses_only_its_for():
    from explainer.enrich import repair_theme_markup
    html = ('<input type="checkbox" id="__drawer"><label for="__drawer">a</label>'
            '<label class="md-nav__title" for="__toc">b</label>')
    assert repair_theme_markup(html) == (
        '<input type="checkbox" id="__drawer"><label for="__drawer">a</label>'
        '<label class="md-nav__title">b</label>')


def test_a_checkbox_loses_autocomplete_and_a_text_field_keeps_it():
    from explainer.enrich import repair_theme_markup
    html = '<input class="md-toggle" type="checkbox" id="a" autocomplete="off"><input type="text" autocomplete="off">'
    assert repair_theme_markup(html) == '<input class="md-toggle" type="checkbox" id="a"><input type="text" autocomplete="off">'


def test_text_of_reads_html_as_text():
    from explainer.enrich import text_of
    assert text_of('<p>a &amp; <a href="x > y">b</a>\n  c&#160;d</p>') == "a & b c\xa0d"
