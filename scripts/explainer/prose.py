"""House rules for hand-written pages that a machine can check.

No bare numbers in prose: every figure, date and year comes from data through a
placeholder ({{ figure:... }}, {{ date:... }}, {{ year:... }}, {{ number:... }}), so the
Arabic and English pages cannot disagree and digits follow the site's digit setting.
Digits are allowed inside placeholders, link targets, HTML tags, heading ids, front
matter, code, and inside Latin names that mix letters and digits (MI450, a16z, GB200).
"""

from __future__ import annotations

import re

from .parity import strip_front_matter

_REMOVED = [
    re.compile(r"```.*?```", re.S),            # fenced code
    re.compile(r"`[^`\n]*`"),                  # inline code
    re.compile(r"\{\{.*?\}\}"),                # placeholders
    re.compile(r"\]\([^)\n]*\)"),              # link targets
    re.compile(r"<[^>\n]*>"),                  # HTML tags and their attributes
    re.compile(r"\{[#.][^}\n]*\}"),            # attribute lists: {#id .class}
]
BARE_NUMBER = re.compile(r"(?<![A-Za-z0-9٠-٩])[0-9٠-٩][0-9٠-٩.,٫٬]*(?![A-Za-z0-9٠-٩])")


def _blank(match: re.Match) -> str:
    """Remove a match but keep its line breaks, so line numbers stay the file's."""
    return "\n" * match.group(0).count("\n") + " "


def bare_numbers(rel: str, text: str) -> list[str]:
    """One line per bare number in a hand-written page: 'docs/ar/x.md:12: ...'."""
    body, skipped = strip_front_matter(text)
    for pattern in _REMOVED:
        body = pattern.sub(_blank, body)
    problems = []
    for number, line in enumerate(body.split("\n"), start=skipped + 1):
        for match in BARE_NUMBER.finditer(line):
            problems.append(
                f"{rel}:{number}: the number '{match.group(0)}' is typed in the text; take it from data "
                "with a placeholder such as {{ figure:... }}, {{ year:... }} or {{ number:... }}"
            )
    return problems
