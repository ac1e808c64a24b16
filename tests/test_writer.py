"""Generated pages never overwrite hand-written ones; stale ones are removed; unchanged ones untouched."""

from __future__ import annotations

import pytest

from explainer import pages, writer


def test_write_only_changes_and_cleanup(tmp_path, fixture_data):
    docs = tmp_path / "docs"
    (docs / "ar").mkdir(parents=True)
    (docs / "en").mkdir(parents=True)
    generated = pages.all_pages(fixture_data)
    first = writer.write_pages(docs, generated)
    assert len(first) == sum(len(v) for v in generated.values())
    assert writer.write_pages(docs, generated) == []  # nothing changed: nothing written (no serve loop)
    smaller = {lang: {k: v for k, v in files.items() if k != "deals/amd.md"} for lang, files in generated.items()}
    removed = writer.write_pages(docs, smaller)
    assert sorted(p.relative_to(docs).as_posix() for p in removed) == ["ar/deals/amd.md", "en/deals/amd.md"]


def test_hand_written_page_is_never_overwritten(tmp_path, fixture_data):
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "ar").mkdir(parents=True)
    hand = docs / "en" / "glossary.md"
    hand.write_text("# My own glossary\n", encoding="utf-8")
    with pytest.raises(writer.CollisionError, match="docs/en/glossary.md: is a hand-written page"):
        writer.write_pages(docs, pages.all_pages(fixture_data))
    assert hand.read_text(encoding="utf-8") == "# My own glossary\n"
    assert not (docs / "ar" / "glossary.md").exists()  # nothing written at all
