#!/usr/bin/env python3
"""Check a contribution without building the site: data validation (and translation parity).

Usage: python scripts/check.py        exit 0 when all is well, 1 with one line per problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from explainer.loader import DataError, load  # noqa: E402


def main() -> int:
    try:
        data = load(ROOT / "data")
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in data/", file=sys.stderr)
        return 1
    print(
        f"data/ is valid: {len(data.deals)} deals, {len(data.companies)} companies, "
        f"{len(data.glossary)} glossary terms, {len(data.sources)} sources"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
