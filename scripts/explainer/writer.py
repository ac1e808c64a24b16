"""Write generated pages into docs/<lang>/ without ever touching a hand-written page.

A generated page carries render.GENERATED_MARK on its second line. The writer
- refuses to write over a file that lacks the mark (a hand-written page),
- writes a file only when its content changed (so `mkdocs serve` does not loop),
- deletes generated files that the data no longer produces (a removed deal).
"""

from __future__ import annotations

from pathlib import Path

from .render import GENERATED_MARK


class CollisionError(Exception):
    """A generated page would overwrite a hand-written one."""


def is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            head = [handle.readline() for _ in range(2)]
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.rstrip("\n") == GENERATED_MARK for line in head)


def check_collisions(docs_dir: Path, pages: dict[str, dict[str, str]]) -> list[str]:
    problems = []
    for lang, files in pages.items():
        for rel in files:
            target = docs_dir / lang / rel
            if target.exists() and not is_generated(target):
                problems.append(
                    f"docs/{lang}/{rel}: is a hand-written page, but data/ also generates this page; "
                    "rename the hand-written file"
                )
    return problems


def write_pages(docs_dir: Path, pages: dict[str, dict[str, str]]) -> list[Path]:
    """Write pages; return the paths that changed (written or deleted)."""
    problems = check_collisions(docs_dir, pages)
    if problems:
        raise CollisionError("\n".join(problems))
    changed: list[Path] = []
    wanted: set[Path] = set()
    for lang, files in pages.items():
        for rel, content in files.items():
            target = docs_dir / lang / rel
            wanted.add(target)
            if target.exists() and target.read_text(encoding="utf-8") == content:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".md.tmp")
            tmp.write_text(content, encoding="utf-8")
            tmp.replace(target)
            changed.append(target)
    for lang in pages:
        for path in sorted((docs_dir / lang).rglob("*.md")):
            if path not in wanted and is_generated(path):
                path.unlink()
                changed.append(path)
    for lang in pages:  # drop folders left empty by deleted pages
        for folder in sorted((docs_dir / lang).rglob("*"), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    return changed
