"""The theme overrides stand on Material's templates: when an upgrade of mkdocs-material changes a
block or partial we replace or rely on, this fails, so someone re-reads the override first."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
import pytest

from helpers import ROOT

UPSTREAM = Path(material.__file__).resolve().parent / "templates"

# What each override depends on upstream, and the SHA-256 of that upstream text when the
# override was last checked against it (mkdocs-material 9.8.1).
PINNED = {
    # replaced wholesale: no Material JavaScript bundle (overrides/main.html, block scripts)
    ("base.html", "scripts"): "04bd4ee762455232a8224d46b631fbc2b2d4597d48f5ddb64c8f8030da8c5e66",
    # extended with super(): the hook feeds its hreflang links through config.extra.alternate
    ("base.html", "site_meta"): "73f4da9f7ea9782943280fe055cc718a239428fa4ec35945c73b226a4d850a57",
    # extended with super(), except on each language's home
    ("base.html", "htmltitle"): "ab1b237b14c058cd8fa443d90b74ad45fee378e8f1b4b8dfeb5a5d52408eb7af",
    # replaced: our own one-link language switch and search link
    ("partials/alternate.html", None): "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
    # replaced: the palette toggle without Material's bundle
    ("partials/javascripts/palette.html", None): "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
}


def _upstream(name: str, block: str | None) -> str:
    text = (UPSTREAM / name).read_text(encoding="utf-8")
    if block is None:
        return text
    start = text.index(f"{{% block {block} %}}")
    return text[start:text.index("{% endblock %}", start)]


def _digest(name: str, block: str | None) -> str:
    return hashlib.sha256(_upstream(name, block).encode()).hexdigest()


@pytest.mark.parametrize(("name", "block"), list(PINNED))
def test_material_has_not_changed_what_an_override_replaces(name, block):
    where = f"{name} block {block}" if block else name
    assert _digest(name, block) == PINNED[(name, block)], (
        f"mkdocs-material changed {where}: compare it with overrides/ and update PINNED in {Path(__file__).name}"
    )


def test_every_overridden_partial_is_pinned():
    partials = {str(p.relative_to(ROOT / "overrides")) for p in (ROOT / "overrides" / "partials").rglob("*.html")}
    assert partials <= {name for name, _ in PINNED}


def test_overrides_that_extend_call_super():
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    for block in ("site_meta", "content", "htmltitle"):
        start = main.index(f"{{% block {block} %}}")
        assert "super()" in main[start:main.index("{% endblock %}", start)], block
