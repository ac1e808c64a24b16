"""The pipeline without MkDocs: `python -m explainer stage OUT` (run from scripts/, or with
scripts/ on PYTHONPATH) writes every page of both languages into OUT/<lang>/, generated pages
and hand-written ones, with every {{ placeholder }} resolved, plus the open-data downloads.

This is what another site generator would start from (see ARCHITECTURE.md): the output is
plain Markdown with HTML blocks, one file per page, in the same folder layout as docs/.
Problems are printed one per line, as check.py prints them, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import loader, opendata, pages, parity, placeholders, render
from .model import LANGS

ROOT = Path(__file__).resolve().parent.parent.parent


def stage(data_dir: Path, docs_dir: Path, out: Path) -> list[str]:
    """Write the staged site into `out`; return the problems (nothing is written if any)."""
    try:
        data = loader.load(data_dir)
    except loader.DataError as exc:
        return [str(p) for p in exc.problems]
    hand_written, problems = parity.hand_written_pages(docs_dir)
    problems += parity.check(docs_dir)
    staged: dict[str, dict[str, str]] = {}
    try:
        generated = pages.all_pages(data)
    except render.MissingLabel as exc:
        return [*problems, str(exc)]
    for lang in LANGS:
        ctx = render.Ctx.make(data, lang)
        staged[lang] = dict(generated[lang])
        for rel, text in hand_written.get(lang, {}).items():
            body, skipped = parity.strip_front_matter(text)
            head = text[: len(text) - len(body)]
            try:
                resolved = placeholders.resolve("\n" * skipped + body, ctx, rel, f"docs/{lang}/{rel}")
            except placeholders.PlaceholderError as exc:
                problems += exc.problems
                continue
            staged[lang][rel] = head + resolved[skipped:]
    if problems:
        return problems
    for lang, files in staged.items():
        for rel, text in files.items():
            target = out / lang / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        downloads = out / lang / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        for name, make in opendata.DOWNLOADS.items():
            (downloads / name).write_bytes(make(data))
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    staging = commands.add_parser("stage", help="write every page of both languages into OUT")
    staging.add_argument("out", type=Path)
    staging.add_argument("--data", type=Path, default=ROOT / "data")
    staging.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    problems = stage(args.data, args.docs, args.out)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(f"staged both languages into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
