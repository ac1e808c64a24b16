"""Shared test helpers: build the site into a temporary folder, parse built HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
sys.path.insert(0, str(ROOT / "scripts"))

from explainer.parity import strip_front_matter  # noqa: E402
from explainer.writer import is_generated  # noqa: E402


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of the project without generated pages, optionally with other data.

    With other data, hand-written pages keep only their title (their placeholders
    refer to the real data), so the nav and page set stay those of the real site."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "overrides", "scripts"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    for path in (ROOT / "docs").rglob("*"):
        if path.is_file() and not (path.suffix == ".md" and is_generated(path)):
            target = dest / "docs" / path.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            if data is not None and path.suffix == ".md":
                body, _ = strip_front_matter(path.read_text(encoding="utf-8"))  # its comments start with "# " too
                title = next((l for l in body.splitlines() if l.startswith("# ")), "# Page")
                target.write_text(f"{title}\n\nStub page for tests.\n", encoding="utf-8")
            else:
                shutil.copy2(path, target)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


def _build_command(project: Path, site: Path, env: dict | None) -> tuple[list[str], dict]:
    # drawn images are shared between the suite's builds, as between a contributor's builds
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EXPLAINER_CACHE": str(ROOT / ".cache"), **(env or {})}
    full_env.pop("EXPLAINER_DATA", None)
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], full_env


def mkdocs_build(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    command, full_env = _build_command(project, site, env)
    return subprocess.run(command, cwd=project, env=full_env, capture_output=True, text=True, timeout=600)


# Runs a build and then writes its exit code to the file named first, so that other
# processes can wait for it without being its parent.
_RECORDED = """import os, subprocess, sys
done = sys.argv[1]
code = subprocess.run(sys.argv[2:]).returncode
with open(done + ".part", "w") as f:
    f.write(str(code))
os.replace(done + ".part", done)
"""


def start_build(project: Path, site: Path, env: dict | None = None) -> subprocess.Popen:
    """mkdocs_build in the background. Its output goes to site's folder/build.log; its exit
    code, once it has ended, to site's folder/build.done (see wait_for_build)."""
    command, full_env = _build_command(project, site, env)
    log = (site.parent / "build.log").open("w")
    process = subprocess.Popen([sys.executable, "-c", _RECORDED, str(site.parent / "build.done"), *command],
                               cwd=project, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)  # a group of its own: stop_build stops mkdocs too
    log.close()
    return process


def stop_build(process: subprocess.Popen) -> None:
    """Stop a build started by start_build, mkdocs included, if it is still running."""
    if process.poll() is None:
        import signal
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def wait_for_build(site: Path, seconds: float = 600) -> tuple[int, str]:
    """The exit code and output of a build started by start_build, once it has ended."""
    import time
    done = site.parent / "build.done"
    end = time.monotonic() + seconds
    while not done.exists():
        if time.monotonic() > end:
            return -1, f"the build did not end in {seconds} s"
        time.sleep(0.1)
    return int(done.read_text()), (site.parent / "build.log").read_text(encoding="utf-8", errors="replace")


class Doc(HTMLParser):
    """A tiny HTML reader: elements with attributes and text, enough for assertions."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        """The text as read: pieces split by inline tags (<a>, <bdi>) are rejoined as they
        were; block boundaries usually carry a newline, which becomes a space."""
        return " ".join("".join(self.text_parts).split())

    def find_all(self, tag: str, **attrs) -> list[dict]:
        return [
            a for t, a in self.elements
            if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]


def read(site: Path, rel: str) -> Doc:
    return Doc((site / rel).read_text(encoding="utf-8"))
