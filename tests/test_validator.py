"""Zero errors from the Nu HTML Checker (the W3C validator) on every page of the real
site, in both languages. vnu.jar is installed by scripts/test.sh from tests/vnu/."""

import json
import shutil
import subprocess
from pathlib import Path

VNU = Path(__file__).parent / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(folder: Path) -> list[str]:
    assert shutil.which("java"), "Java is missing: run bash scripts/test.sh, which installs it"
    assert VNU.exists(), "vnu.jar is missing: run bash scripts/test.sh, which installs it from tests/vnu/"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(folder)],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages if m.get("type") in ("error", "non-document-error")
    ]


def test_every_built_page_is_valid_html(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    errors = nu_errors(built_site)
    assert not errors, "\n".join(errors[:20])


def test_the_checker_reports_what_it_should(tmp_path):
    """The check above can fail: a label pointing at nothing is an error."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><label for="nothing">x</label></body></html>', encoding="utf-8")
    assert any("for" in e for e in nu_errors(tmp_path))
