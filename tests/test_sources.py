"""Sources a reader can follow: the policy in data/source-policy.yaml is enforced with a plain
message, and the page says plainly what a link is (the article, a copy, a home page, no address)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from explainer import render
from explainer.loader import is_home_page, refused_host
from helpers import Doc
from test_loader import edit, problems


def test_an_aggregator_host_is_refused_with_file_line_and_field(data_dir):
    edit(data_dir / "sources.yaml", "url: https://example.com/a", "url: https://news.particle.news/story/1")
    assert problems(data_dir) == [
        "data/sources.yaml:5: source 'src-a': url: particle.news is a refused host (an aggregator or "
        "republisher, see data/source-policy.yaml): link the company's own announcement or the original "
        "publisher's article"
    ]


def test_a_home_page_is_refused_unless_marked(data_dir):
    edit(data_dir / "sources.yaml", "url: https://example.com/a", "url: https://www.reuters.com/")
    (line,) = problems(data_dir)
    assert line.startswith("data/sources.yaml:5: source 'src-a': url: is a home page, not the article")
    edit(data_dir / "sources.yaml", "url: https://www.reuters.com/", "url: https://www.reuters.com/\n  home_page: true")
    from explainer.loader import load
    source = load(data_dir).sources["src-a"]
    assert source.home_page
    html = render.source_line(render.Ctx.make(load(data_dir), "en"), "sources.md", source)
    assert "[link to the publisher's home page]" in Doc(html).text


def test_a_source_without_an_address_says_so_and_links_nothing(fixture_data):
    source = fixture_data.sources["src-a"].model_copy(update={"url": None, "title_kind": "description"})
    for lang, marks in (("en", ["[our description, not the headline]", "[address not recorded]"]),
                        ("ar", ["[العنوان وصف من عندنا لا العنوان الأصلي]", "[لم يُسجَّل رابط المقال]"])):
        doc = Doc(render.source_line(render.Ctx.make(fixture_data, lang), "sources.md", source))
        assert not doc.find_all("a")
        for mark in marks:
            assert mark in doc.text


def test_a_republished_copy_is_marked(fixture_data):
    source = fixture_data.sources["src-a"].model_copy(update={"republished": True})
    doc = Doc(render.source_line(render.Ctx.make(fixture_data, "en"), "sources.md", source))
    assert [a["href"] for a in doc.find_all("a")] == ["https://example.com/a"]
    assert "[republished copy]" in doc.text


def test_real_sources_follow_the_policy(real_data):
    refused = real_data.source_policy.refused_hosts
    for source in real_data.sources.values():
        if source.url:
            assert not refused_host(source.url, refused), source.id
            assert not is_home_page(source.url) or source.home_page, source.id
            assert urlsplit(source.url).scheme == "https", source.id
    # the hosts named in fact-check-2 section D are all refused
    for host in ("secwhisperer.com", "coinalertnews.com", "techieus.com", "particle.news", "briefly.co",
                 "ainewstoday.ai", "rocketnews.com", "gokawiil.com", "storyboard18.com", "ainvest.com",
                 "quiverquant.com"):
        assert refused_host(f"https://{host}/article", refused) == host


def test_every_deal_page_says_when_its_facts_were_last_verified(fixture_data):
    for lang, label in (("en", "Facts last verified"), ("ar", "آخر تحقّق من المعلومات")):
        ctx = render.Ctx.make(fixture_data, lang)
        doc = Doc(render.deal_page(ctx, fixture_data.deals["amd"]))
        assert f"{label}{ctx.loc.date(fixture_data.deals['amd'].verified)}" in doc.text  # <dt> then its <dd>


@pytest.mark.parametrize("url, home", [
    ("https://www.wsj.com/", True), ("https://www.wsj.com/index.html", True), ("https://www.ft.com/home", True),
    ("https://example.com/default.aspx", True), ("https://www.wsj.com/tech/ai/openai-oracle-deal-1234", False),
    ("https://example.com/index.php?p=42", False),
])
def test_what_counts_as_a_home_page(url, home):
    assert is_home_page(url) is home


def test_news_aggregators_are_refused_by_the_real_policy(real_data):
    refused = real_data.source_policy.refused_hosts
    assert refused_host("https://news.google.com/articles/CBMiX2h0dHBz", refused) == "news.google.com"
    assert refused_host("https://www.msn.com/en-us/money/other/openai/ar-AA1", refused) == "msn.com"
    assert refused_host("https://www.reuters.com/technology/openai-1", refused) is None
