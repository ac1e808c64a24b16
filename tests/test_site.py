"""The real site, built with --strict, as a reader receives it (built HTML)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURE_DATA, copy_project, mkdocs_build, read

pytestmark = pytest.mark.build


def pages_of(site: Path, lang: str) -> set[str]:
    root = site if lang == "ar" else site / "en"
    found = set()
    for path in root.rglob("index.html"):
        rel = path.relative_to(root).as_posix()
        if lang == "ar" and rel.startswith("en/"):
            continue
        found.add(rel)
    return found


def test_each_half_has_its_language_and_direction(built_site):
    for rel in ("index.html", "deals/index.html", "glossary/index.html"):
        ar, en = read(built_site, rel), read(built_site, f"en/{rel}")
        assert ar.find_all("html")[0]["lang"] == "ar"
        assert ar.find_all("body")[0]["dir"] == "rtl"
        assert en.find_all("html")[0]["lang"] == "en"
        assert en.find_all("body")[0]["dir"] == "ltr"


def test_same_pages_in_both_languages(built_site, real_data):
    ar, en = pages_of(built_site, "ar"), pages_of(built_site, "en")
    assert ar == en
    for deal_id in real_data.deals:
        assert f"deals/{deal_id}/index.html" in ar
    for company_id in real_data.companies:
        assert f"companies/{company_id}/index.html" in ar


def test_switcher_and_hreflang_point_to_the_same_page(built_site, real_data, site_url):
    for rel in ["index.html", "deals/index.html"] + [f"deals/{d}/index.html" for d in real_data.deals]:
        path = rel.removesuffix("index.html")
        for _lang, prefix, other_prefix in (("ar", "", "en/"), ("en", "en/", "")):
            doc = read(built_site, prefix + rel)
            alternates = {a["hreflang"]: a["href"] for a in doc.find_all("link", rel="alternate") if "hreflang" in a}
            assert alternates == {
                "ar": site_url + path,
                "en": site_url + "en/" + path,
                "x-default": site_url + path,
            }, rel
            (switch,) = [a for a in doc.find_all("a") if a.get("class") == "ox-lang__link"]
            depth = (prefix + path).count("/")
            assert switch["href"] == ("../" * depth + other_prefix + path or "./"), rel
            # the link resolves to a page that exists
            target = (built_site / (prefix + path) / switch["href"]).resolve() / "index.html"
            assert target.is_file(), (rel, switch["href"])


def test_deals_table_has_one_row_per_deal_in_both_languages(built_site, real_data):
    for prefix in ("", "en/"):
        doc = read(built_site, f"{prefix}deals/index.html")
        rows = [a for a in doc.find_all("tr") if a.get("id", "").startswith("deal-")]
        assert len(rows) == len(real_data.deals)
        assert {r["id"] for r in rows} == {f"deal-{d}" for d in real_data.deals}


def test_sitemaps_for_both_languages_and_no_material_bundle(built_site, site_url):
    """Material's JavaScript bundle would fetch sitemap.xml beside every hreflang alternate
    (a 404 on each page); the site does not load it. Each language has its sitemap."""
    assert (built_site / "sitemap.xml").is_file()
    english = (built_site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url}en/deals/</loc>" in english
    assert 'hreflang="ar" href="' + site_url + 'deals/"' in english
    for page in built_site.rglob("index.html"):
        scripts = [a.get("src", "") for a in read(built_site, page.relative_to(built_site).as_posix()).find_all("script")]
        assert not any("bundle" in src for src in scripts), page


def test_sidebar_does_not_list_every_deal(built_site, real_data):
    html = (built_site / "deals" / "index.html").read_text(encoding="utf-8")
    nav = html.split('class="md-sidebar md-sidebar--primary"', 1)[1].split("</nav>", 1)[0]
    listed = [d for d in real_data.deals if f"deals/{d}/" in nav]
    assert listed == []


def test_bad_data_fails_cleanly_and_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    deals = project / "data" / "deals.yaml"
    deals.write_text(deals.read_text(encoding="utf-8").replace("amount: 100 billion}\n", "amount: -1}\n", 1), encoding="utf-8")
    shutil.rmtree(project / "docs" / "ar" / "deals")  # generated pages: must not be rewritten either
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/deals.yaml:8: deal 'nvidia-loi': value.amount: must not be negative" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not (project / "docs" / "ar" / "deals").exists()


def test_unknown_placeholder_fails_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    page = project / "docs" / "en" / "placeholder-test.md"
    page.write_text("# Test\n\nFine: {{ figure:cost-per-gw-huang }}.\n\nBroken: {{ figure:nope }}.\n", encoding="utf-8")
    # the Arabic page has the same placeholders, or the parity check stops the build first
    (project / "docs" / "ar" / "placeholder-test.md").write_text(
        "# اختبار\n\nسليم: {{ figure:cost-per-gw-huang }}.\n\nمعطوب: {{ figure:nope }}.\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    # Arabic is built first, so its copy of the mistake is the one reported
    assert "docs/ar/placeholder-test.md:5: {{ figure:nope }}: no figure 'nope' in data/figures.yaml" in result.stderr
    assert "Traceback" not in result.stderr


ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


def arabic_pages(site: Path):
    for path in site.rglob("index.html"):
        if not path.relative_to(site).as_posix().startswith("en/"):
            yield path


def test_arabic_pages_show_no_us_dollar_sign_or_english_month(built_site):
    import re
    checked = 0
    for path in arabic_pages(built_site):
        doc = read(built_site, path.relative_to(built_site).as_posix())
        main = doc.text
        assert "US$" not in main, path
        # quotes in their original English and source titles are marked lang="en";
        # everything else on an Arabic page must use Arabic month names
        html = path.read_text(encoding="utf-8")
        stripped = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', "", html, flags=re.S)
        stripped = re.sub(r"<[^>]+>", " ", stripped)
        for month in ENGLISH_MONTHS:
            assert not re.search(rf"\b{month}\s+\d", stripped), (path, month)
        checked += 1
    assert checked > 20


def test_arabic_heading_anchors_keep_arabic_letters(built_site, real_data):
    deal = next(iter(real_data.deals))
    doc = read(built_site, f"deals/{deal}/index.html")
    ids = [a["id"] for a in doc.find_all("h2") if "id" in a]
    assert "الأطراف" in ids
    assert not any(i.startswith("_") for i in ids)


def test_arabic_indic_digit_setting_reaches_every_arabic_page(tmp_path):
    import re
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    site_yaml = data / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("arabic_digits: latn", "arabic_digits: arab"), encoding="utf-8")
    project = copy_project(tmp_path / "project", data=data)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    deals = read(tmp_path / "site", "deals/index.html")
    table = deals.text.split("جميع الصفقات", 1)[1].split("تنزيل", 1)[0]
    assert "٢٢ سبتمبر ٢٠٢٥" in table and "ما يصل إلى ١٠٠ مليار دولار" in table
    assert not re.search(r"[0-9]", table)
    english = read(tmp_path / "site", "en/deals/index.html").text
    assert "22 September 2025" in english  # the English half keeps Western digits


def test_every_deal_company_and_term_is_on_the_site_in_both_languages(built_site, real_data):
    import html as html_lib
    import re
    for prefix, lang in (("", "ar"), ("en/", "en")):
        glossary = "".join(p.read_text(encoding="utf-8") for p in (built_site / prefix / "glossary").rglob("index.html"))
        text = html_lib.unescape(glossary)
        for term in real_data.glossary.values():
            assert f'id="{term.id}"' in glossary, (lang, term.id)
            assert term.term[lang] in text, (lang, term.id)
        for deal in real_data.deals.values():
            page = read(built_site, f"{prefix}deals/{deal.id}/index.html")
            raw = (built_site / prefix / "deals" / deal.id / "index.html").read_text(encoding="utf-8")
            lede = raw.split('class="ox-lede">', 1)[1].split("</p>", 1)[0]
            lede = re.sub(r'<span class="ox-tip".*?</span>', "", lede)  # glossary tooltips
            lede = html_lib.unescape(re.sub(r"<[^>]+>", "", lede))
            assert deal.title[lang] in page.text and " ".join(lede.split()) == " ".join(deal.summary[lang].split())
            linked = [real_data.sources[s] for s in deal.sources if real_data.sources[s].url]
            for source in linked:  # every source with a known address is linked, in its language
                assert page.find_all("a", href=source.url, hreflang=source.language), (deal.id, source.id)
            for source_id in deal.sources:  # and every source is named
                assert real_data.sources[source_id].publisher_in(lang) in page.text, (deal.id, source_id)
        for company in real_data.companies.values():
            page = read(built_site, f"{prefix}companies/{company.id}/index.html")
            assert company.name[lang] in page.text


def test_shared_links_carry_a_short_description_cut_between_words(built_site):
    """og:description: a sentence or two, 200 characters or fewer, on every page; the page's
    own description is longer on some pages, and the short one is its beginning."""
    cut = 0
    for lang in ("ar", "en"):
        for rel in pages_of(built_site, lang):
            if rel.startswith("embed/"):
                continue  # shown inside other sites' pages, never shared: no share tags
            doc = read(built_site, ("" if lang == "ar" else "en/") + rel)
            metas = {m.get("property") or m.get("name"): m.get("content") for m in doc.find_all("meta")}
            short, full = metas.get("og:description"), metas.get("description")
            assert short and 0 < len(short) <= 200, (rel, short)
            assert metas["twitter:description"] == short
            if short != full:
                cut += 1
                stem = short.removesuffix("…")
                assert full.startswith(stem), (rel, short)
                assert full[len(stem):][:1] in (" ", "", ",", "،", ";", "؛", ":"), (rel, short)  # between words
    assert cut > 0  # some descriptions really were longer than 200 characters


def test_each_language_has_an_atom_feed_of_what_changed(built_site, real_data, site_url):
    """One entry per dated status change, newest first, each linking to its deal's page in
    the feed's language; every page's <head> links its own language's feed."""
    import xml.etree.ElementTree as ET
    ns = {"a": "http://www.w3.org/2005/Atom"}
    changes = sorted(((c.date, d) for d in real_data.deals.values() for c in d.status),
                     key=lambda x: x[0], reverse=True)
    for lang, prefix in (("ar", ""), ("en", "en/")):
        root = ET.parse(built_site / prefix / "feed.xml").getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        entries = root.findall("a:entry", ns)
        assert len(entries) == min(len(changes), 100)
        dates = [e.find("a:updated", ns).text for e in entries]
        assert dates == sorted(dates, reverse=True)
        assert dates[0] == f"{changes[0][0].isoformat()}T00:00:00Z" == root.find("a:updated", ns).text
        for entry in entries:
            href = entry.find("a:link", ns).get("href")
            assert href.startswith(site_url + prefix + "deals/")
            assert (built_site / href.removeprefix(site_url) / "index.html").is_file(), href
            deal = real_data.deals[href.rstrip("/").rsplit("/", 1)[1]]
            assert entry.find("a:title", ns).text.startswith(deal.title[lang])
        for rel in ("index.html", "deals/index.html", f"deals/{changes[0][1].id}/index.html"):
            links = [a for a in read(built_site, prefix + rel).find_all("link", rel="alternate")
                     if a.get("type") == "application/atom+xml"]
            assert [a["href"] for a in links] == [site_url + prefix + "feed.xml"], rel


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_feed_parses_cleanly_and_holds_every_change(built_site, real_data, prefix):
    """A feed reader's view (feedparser): well-formed Atom, every entry dated, titled and linked."""
    import feedparser
    feed = feedparser.parse((built_site / prefix / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    changes = sum(len(deal.status) for deal in real_data.deals.values())
    assert len(feed.entries) == min(changes, 100)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    for entry in feed.entries:
        assert entry.title and entry.link and entry.updated_parsed and entry.summary


@pytest.mark.parametrize(("prefix", "lang"), [("", "ar"), ("en/", "en")])
def test_what_changed_lists_every_change_newest_first(built_site, real_data, prefix, lang):
    doc = read(built_site, f"{prefix}changes/index.html")
    times = [t["datetime"] for t in doc.find_all("time")]
    changes = sorted((c.date.isoformat() for d in real_data.deals.values() for c in d.status), reverse=True)
    assert times == changes
    assert [a for a in doc.find_all("a") if a.get("type") == "application/atom+xml"]
    # the home page's "last checked" card leads here
    home = read(built_site, f"{prefix}index.html")
    assert [a for a in home.find_all("a") if a.get("href") == "changes/"]


def test_every_deal_page_shows_when_it_last_changed_and_was_last_verified(built_site, real_data):
    from explainer.l10n import Localiser
    for lang, prefix in (("ar", ""), ("en", "en/")):
        loc, labels = Localiser(lang), real_data.labels.ui
        for deal in real_data.deals.values():
            text = read(built_site, f"{prefix}deals/{deal.id}/index.html").text
            changed = max(c.date for c in deal.status)
            assert f"{labels['last-changed'][lang]} {loc.date(changed)}" in text, deal.id
            assert f"{labels['verified'][lang]} {loc.date(deal.verified)}" in text, deal.id
