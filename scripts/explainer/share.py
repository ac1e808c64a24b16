"""What a shared link shows: texts for OpenGraph and Twitter cards. Pure functions."""

from __future__ import annotations

import re
import textwrap

OG_DESCRIPTION_LIMIT = 200

# a sentence ends at . ! ? or the Arabic question mark, followed by a space
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
# a clause ends at a comma or semicolon, Latin or Arabic, followed by a space ("31,000" is no clause)
_CLAUSE_END = re.compile(r"[,،;؛](?=\s)")
_TRAILING = " ,،;؛:"


def og_description(text: str, limit: int = OG_DESCRIPTION_LIMIT) -> str:
    """A sentence or two of at most `limit` characters: whole sentences while they fit; if
    they fill less than half of it, the next sentence follows, cut at its last whole clause
    (or word) with an ellipsis. Never cut mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        joined = f"{kept} {sentence}".strip()
        if len(joined) <= limit:
            kept = joined
            continue
        if len(kept) >= limit // 2:
            return kept
        room = limit - len(kept) - (1 if kept else 0)
        return f"{kept} {_cut(sentence, room)}".strip()
    return kept


def _cut(sentence: str, limit: int) -> str:
    """The sentence cut to `limit` characters with an ellipsis: between words, then back to
    its last clause if that keeps most of it, so the cut never leaves a dangling preposition
    or a number without its unit."""
    cut = textwrap.shorten(sentence, width=limit - 1, placeholder="", break_on_hyphens=False)
    clauses = [m.start() for m in _CLAUSE_END.finditer(cut)]
    if clauses and clauses[-1] >= limit // 2:
        cut = cut[: clauses[-1]]
    return cut.rstrip(_TRAILING) + "…"
