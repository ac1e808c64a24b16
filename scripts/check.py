#!/usr/bin/env python3
"""Check a contribution without building the site (fast enough for a pre-commit hook).

1. data/*.yaml: every file is valid and every reference between files exists;
2. docs/ar/ and docs/en/: every hand-written page exists in both languages with the
   same headings, links, tables and placeholders (translation parity);
3. every `{{ kind:id }}` placeholder in a hand-written page resolves, in both languages;
4. every link and #anchor in a hand-written page leads to a page and heading that exist.

Usage: python scripts/check.py        exit 0 when all is well, 1 with one line per problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from explainer import parity  # noqa: E402
from explainer.loader import DataError, load  # noqa: E402
from explainer.model import DataSet  # noqa: E402


def placeholder_problems(data: DataSet, pages: dict[str, dict[str, str]]) -> list[str]:
    """`docs/<lang>/<page>:<line>: {{ ... }}: why` for every placeholder that does not resolve."""
    from explainer import placeholders, render

    problems: list[str] = []
    for lang, files in pages.items():
        ctx = render.Ctx.make(data, lang)
        for rel, text in files.items():
            body, skipped = parity.strip_front_matter(text)
            try:  # front matter blanked, so line numbers are the file's
                placeholders.resolve("\n" * skipped + body, ctx, rel, f"docs/{lang}/{rel}")
            except placeholders.PlaceholderError as exc:
                problems.extend(exc.problems)
    return problems


def main() -> int:
    data: DataSet | None = None
    data_problems: list[str] = []
    try:
        data = load(ROOT / "data")
    except DataError as exc:
        data_problems = [str(problem) for problem in exc.problems]

    docs = ROOT / "docs"
    pages, _ = parity.hand_written_pages(docs)  # unreadable files are reported by check()
    docs_problems = parity.check(docs)
    if data is not None:
        from explainer import pages as generated
        from explainer import render

        made = None
        try:  # every interface word the generated pages need is in labels.yaml
            made = generated.all_pages(data)
        except render.MissingLabel as exc:
            data_problems.append(str(exc))
        docs_problems += placeholder_problems(data, pages)
        if not data_problems:  # links into generated pages need them all to be generated
            from explainer import links

            docs_problems += links.check_site(data, pages, docs, ROOT / "mkdocs.yml", made)

    for line in data_problems + docs_problems:
        print(line, file=sys.stderr)
    if data_problems or docs_problems:
        if docs_problems:
            print(f"{len(docs_problems)} problem(s) in docs/", file=sys.stderr)
        if data_problems:
            print(f"{len(data_problems)} problem(s) in data/", file=sys.stderr)
        return 1
    count = len(pages["ar"])
    print(
        f"data/ is valid: {len(data.deals)} deals, {len(data.companies)} companies, "
        f"{len(data.glossary)} glossary terms, {len(data.sources)} sources; "
        f"docs/: {count} hand-written page(s) match in both languages and their placeholders resolve"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
