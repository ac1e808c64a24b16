"""What a shared link shows: texts for OpenGraph and Twitter cards. Pure functions."""

from __future__ import annotations

import re
import textwrap

OG_DESCRIPTION_LIMIT = 200

# a sentence ends at . ! ? or the Arabic question mark, followed by a space
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def og_description(text: str, limit: int = OG_DESCRIPTION_LIMIT) -> str:
    """A sentence or two of at most `limit` characters: whole sentences while they fit,
    else the first sentence cut at a word boundary with an ellipsis, never mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        joined = f"{kept} {sentence}".strip()
        if len(joined) > limit:
            break
        kept = joined
    return kept or textwrap.shorten(text, width=limit, placeholder="…", break_on_hyphens=False)
