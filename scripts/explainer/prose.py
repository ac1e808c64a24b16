"""House rules for hand-written pages that a machine can check.

No bare numbers in prose: every figure, date and year comes from data through a
placeholder ({{ figure:... }}, {{ date:... }}, {{ year:... }}, {{ number:... }}), so the
Arabic and English pages cannot disagree and digits follow the site's digit setting.
Digits are allowed inside placeholders, link targets, HTML tags, heading ids, front
matter, code, and inside Latin names that mix letters and digits (MI450, a16z, GB200).

The page is read with a Markdown and an HTML parser (parity.parse), so only the text a
reader reads is checked; placeholders and `{#id .class}` attribute lists are taken out of it.
"""

from __future__ import annotations

import re

from .parity import parse

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
_ATTRIBUTE_LIST = re.compile(r"\{[#.][^}\n]*\}")  # {#id .class}
BARE_NUMBER = re.compile(r"(?<![A-Za-z0-9٠-٩])[0-9٠-٩][0-9٠-٩.,٫٬]*(?![A-Za-z0-9٠-٩])")


def bare_numbers(rel: str, text: str) -> list[str]:
    """One line per bare number in a hand-written page: 'docs/ar/x.md:12: ...'."""
    problems = []
    for prose, number in parse(text).prose:
        prose = _ATTRIBUTE_LIST.sub(" ", _PLACEHOLDER.sub(" ", prose))
        for match in BARE_NUMBER.finditer(prose):
            problems.append(
                f"{rel}:{number}: the number '{match.group(0)}' is typed in the text; take it from data "
                "with a placeholder such as {{ figure:... }}, {{ year:... }} or {{ number:... }}"
            )
    return problems
