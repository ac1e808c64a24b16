"""Zero errors from the Nu HTML Checker (the W3C validator) on every page of the real
site, in both languages. vnu.jar is installed by scripts/test.sh from tests/vnu/."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("nu-checker")  # one worker runs the checker once

VNU = Path(__file__).parent / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A short-lived checker: one collector thread and two compiler threads instead of one per
# core each, which only competed with the rest of the suite for the machine's two cores.
JAVA = ["java", "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-jar", str(VNU)]


def nu_errors(*folders: Path) -> list[str]:
    assert shutil.which("java"), "Java is missing: run bash scripts/test.sh, which installs it"
    assert VNU.exists(), "vnu.jar is missing: run bash scripts/test.sh, which installs it from tests/vnu/"
    result = subprocess.run(
        [*JAVA, "--errors-only", "--skip-non-html", "--format", "json", *map(str, folders)],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages if m.get("type") in ("error", "non-document-error")
    ]


@pytest.fixture(scope="module")
def checked(built_site, tmp_path_factory):
    """The built site and a page known to be wrong, checked in one run of the checker
    (starting Java is most of its cost)."""
    control = tmp_path_factory.mktemp("control")
    (control / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><label for="nothing">x</label></body></html>', encoding="utf-8")
    errors = nu_errors(built_site, control)
    return {
        "site": [e for e in errors if e.startswith(str(built_site))],
        "control": [e for e in errors if e.startswith(str(control))],
        "other": [e for e in errors if not e.startswith((str(built_site), str(control)))],
    }


def test_every_built_page_is_valid_html(built_site, checked):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    assert not checked["site"], "\n".join(checked["site"][:20])
    assert not checked["other"], "\n".join(checked["other"][:20])


def test_the_checker_reports_what_it_should(checked):
    """The check above can fail: a label pointing at nothing is an error."""
    assert any("for" in e for e in checked["control"]), checked
