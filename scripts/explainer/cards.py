"""Share cards: a 1200×630 PNG per page and language, shown when a link is shared.

What a card says is decided here, from data and the page's title (`card_for`, pure).
How it looks is templates/card.typ, set by Typst (the `typst` wheel) in the site's own
font, vendored as TrueType in fonts/ (Typst reads TrueType and OpenType, not WOFF2):
Arabic is shaped and set right to left, with Latin names and numbers in their order, and
no system library or font is involved, so the result is the same on every machine.

Each card is named by a hash of everything that shapes it (its text, the template and
the fonts), so a card is drawn once and kept in a cache folder until its content changes,
and a changed card gets a new address that apps which cache previews have never seen.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from . import aggregates as agg
from . import enrich, l10n, render
from .model import ENDED, STALLED

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "card.typ"
FONTS = HERE / "fonts"
WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/cards"  # under the site root, shared by both languages


class CardError(Exception):
    pass


@dataclass(frozen=True)
class Card:
    lang: str
    dir: str
    site: str
    title: str
    title_size: int  # in points: long titles get smaller type, never cut
    figure: str = ""  # the page's key figure, e.g. a deal's value
    figure_label: str = ""
    detail: str = ""  # a second figure beside it, e.g. a deal's capacity
    status: str = ""  # where a deal stands, and since when
    alert: str = ""  # "stalled" or "ended": the deal's status is what a reader must see
    as_of: str = ""

    def alt(self) -> str:
        """og:image:alt: what the card shows, in words."""
        parts = [self.title]
        if self.figure:
            parts.append(f"{self.figure_label}: {self.figure}" + (f" ({self.detail})" if self.detail else ""))
        parts += [self.status, self.site, self.as_of]
        if self.lang == "ar":
            return "، ".join(p for p in parts if p)
        return ". ".join(p for p in parts if p) + "."

    def key(self) -> str:
        """A name that changes whenever anything drawn on the card changes."""
        digest = hashlib.sha256(renderer_digest().encode())
        digest.update(json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode())
        return digest.hexdigest()[:20]

    def file_name(self) -> str:
        return f"{self.key()}.png"


@lru_cache(maxsize=8)
def renderer_digest(template: Path = TEMPLATE) -> str:
    """A Typst template's and the fonts' bytes: a new template or font redraws every image."""
    digest = hashlib.sha256(template.read_bytes())
    for font in sorted(FONTS.glob("*.ttf")):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def drawn_once(named: dict[str, object], draw, cache_dir: Path | None) -> tuple[dict[str, bytes], int]:
    """Images by name, each name standing for its content: those already in cache_dir are read
    from it, the rest drawn in one run (draw: items -> PNG bytes, in order) and written to it
    whole or not at all. Returns the images and how many were drawn."""
    images: dict[str, bytes] = {}
    if cache_dir:
        images = {name: (cache_dir / name).read_bytes() for name in named if (cache_dir / name).is_file()}
    missing = [name for name in named if name not in images]
    for name, image in zip(missing, draw([named[n] for n in missing]), strict=True):
        images[name] = image
        if cache_dir:
            cache_dir.mkdir(parents=True, exist_ok=True)
            partial = cache_dir / f"{name}.part"
            partial.write_bytes(image)
            partial.replace(cache_dir / name)  # never a half-written image in the cache
    return images, len(missing)


def _title_size(title: str) -> int:
    length = len(l10n.strip_isolates(title))
    return 60 if length <= 45 else 50 if length <= 80 else 42


def _digits(ctx: render.Ctx, text: str) -> str:
    """The page's own digits, as the hook sets them on the pages."""
    return enrich.arabic_digits_text(text) if ctx.lang == "ar" and ctx.data.site.arabic_digits == "arab" else text


def card_for(ctx: render.Ctx, src: str, title: str) -> Card:
    """The card of the page at `src` (its path inside its language folder, e.g.
    deals/amd.md) whose title is `title`: a deal's value and capacity and where it
    stands, the home page's headline total, and for every page the site and the date."""
    data, loc = ctx.data, ctx.loc
    title = l10n.strip_isolates(title).strip()
    site = data.site.title[ctx.lang]
    fields = {"figure": "", "figure_label": "", "detail": "", "status": "", "alert": ""}
    deal_id = src[len("deals/"):-len(".md")] if src.startswith("deals/") else ""
    if deal_id in data.deals:
        deal = data.deals[deal_id]
        status = deal.current_status
        if deal.value.kind != "undisclosed":
            # named for what the money is when one flow carries the whole value (a letter of
            # intent's ceiling, a purchase commitment), not a bare "value"
            kinds = [f.kind for f in deal.flows if f.amount == deal.value]
            label = ctx.data.labels.flow_kinds[kinds[0]][ctx.lang] if len(kinds) == 1 else ctx.t("value")
            fields.update(figure=loc.money(deal.value), figure_label=label)
            if deal.capacity:
                fields["detail"] = f"{ctx.t('capacity')}: {loc.capacity(deal.capacity)}"
        elif deal.capacity:
            fields.update(figure=loc.capacity(deal.capacity), figure_label=ctx.t("capacity"))
        fields["status"] = f"{ctx.t('status')}: {ctx.status_label(status.status)} ({loc.date(status.date)})"
        # a stalled deal's status in amber, an ended one's in red, as the site's status badges
        fields["alert"] = "stalled" if status.status in STALLED else "ended" if status.status in ENDED else ""
    elif src == "index.md":
        fields.update(figure=loc.money(agg.total(data, agg.OPENAI_BUYS)), figure_label=ctx.t("card-buys"),
                      detail=ctx.t("card-buys-note"))
    if not title or title == site:
        title = site
    if title == site:
        site = ""  # the home page's title is the site's name: said once
    fields = {name: l10n.strip_isolates(_digits(ctx, value)) for name, value in fields.items()}
    return Card(
        lang=ctx.lang,
        dir="rtl" if ctx.lang == "ar" else "ltr",
        site=site,
        title=_digits(ctx, title),
        title_size=_title_size(title),
        as_of=_digits(ctx, f"{ctx.t('as-of')} {loc.date(data.site.as_of)}"),
        **fields,
    )


def draw(cards: list[Card]) -> list[bytes]:
    """PNG bytes for each card, in order, from one Typst run (one page per card)."""
    if not cards:
        return []
    import typst  # only the build draws cards; the rest of the pipeline never needs it

    payload = json.dumps([asdict(card) for card in cards], ensure_ascii=False)
    try:
        images = typst.compile(
            str(TEMPLATE), root=str(HERE), font_paths=[str(FONTS)], ignore_system_fonts=True,
            format="png", ppi=72, sys_inputs={"cards": payload},
        )
    except Exception as exc:  # Typst reports template errors as a plain exception
        raise CardError(str(exc)) from None
    return images if isinstance(images, list) else [images]


def write(cards: list[Card], out_dir: Path, cache_dir: Path) -> int:
    """Write every card into out_dir, drawing only those not yet in cache_dir; returns how many were drawn."""
    images, drawn = drawn_once({card.file_name(): card for card in cards}, draw, cache_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, image in images.items():
        (out_dir / name).write_bytes(image)
    return drawn
