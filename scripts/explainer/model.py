"""The validated data model: what each YAML file under data/ may contain.

Pure pydantic models, no I/O and no knowledge of MkDocs or Markdown.
Field names are what contributors type in YAML, so they stay short and plain.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

LANGS = ("ar", "en")

# ---------------------------------------------------------------------------
# Small value types


ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lowercase Latin letters, digits and single hyphens"
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]

MULTIPLIERS = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}


_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,500,000 or 1,500.5


def _parse_number(value: object) -> Decimal:
    """Accept 500, 22.4, "22.4 billion", "350 million" and return an exact Decimal."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got true/false")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        number = value.strip().split()[0] if value.strip() else ""
        if "," in number and not _THOUSANDS.fullmatch(number):  # "10,5": a decimal comma, not 105
            raise ValueError(f"'{value}' has a comma that is not a thousands separator: "
                             f"write decimals with a point ({number.replace(',', '.')})")
        text = value.strip().replace(",", "").replace("_", "")
        parts = text.split()
        try:
            if len(parts) == 1:
                return Decimal(parts[0])
            if len(parts) == 2 and parts[1].lower() in MULTIPLIERS:
                return Decimal(parts[0]) * MULTIPLIERS[parts[1].lower()]
        except InvalidOperation:
            pass
        except ArithmeticError:  # decimal.Overflow: "1e999999999 billion"
            raise ValueError(f"'{value}' is too large a number") from None
        raise ValueError(
            f"'{value}' is not a number: write e.g. 500, 22.4 billion or 350 million"
        )
    raise ValueError(f"expected a number, got {type(value).__name__}")


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError("must not be negative")
    if not value.is_finite():
        raise ValueError("must be a finite number")
    if value >= MAX_NUMBER:  # also keeps absurd exponents (1e999999) away from formatting
        raise ValueError(f"{value} is too large (the limit is 1000 trillion); check the number")
    return value


MAX_NUMBER = Decimal(10) ** 15


Number = Annotated[Decimal, BeforeValidator(_parse_number), AfterValidator(_non_negative)]

PERIOD_RE = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|(0[1-9]|1[0-2]))(?:-(\d{2}))?)?$")


def _check_period(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("expected a period such as 2027, 2026-H2, 2026-Q1, 2026-03 or 2026-03-06")
    match = PERIOD_RE.match(value)
    if not match:
        raise ValueError(
            f"'{value}' is not a period: write 2027, 2026-H2, 2026-Q1, 2026-03 or 2026-03-06"
        )
    if match.group(4):
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"'{value}' is not a real date") from exc
    return value


Period = Annotated[str, BeforeValidator(_check_period)]


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError(f"'{value}' is not an http(s) URL")
    return value


Url = Annotated[str, AfterValidator(_check_url)]


class Strict(BaseModel):
    """Base: unknown fields are errors (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TolerantHTMLParser(HTMLParser):
    """html.parser, which reads a malformed `<![...` or `<!...` as a browser does (a bogus
    comment, up to the next `>`) instead of raising AssertionError."""

    def parse_html_declaration(self, i: int) -> int:
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            end = self.rawdata.find(">", i + 2)
            return end + 1 if end >= 0 else -1


class _FirstTag(TolerantHTMLParser):
    """The first HTML tag (start or end) in a text, as an HTML tokenizer reads it, or None:
    `a < b`, `1<2` and `<<` are text, `<b>`, `</i>` and `<img src=x onerror="...">` are tags.
    Only element names as HTML writes them count (letters, digits and hyphens), so an
    address in brackets, `<javascript:...>` or `<https://...>`, is text, as Markdown shows it."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tag: str | None = None
        self._text = text
        self._lines = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self.feed(text)
        self.close()

    def _found(self, name: str, source: str) -> None:
        if self.tag is None and name.isascii() and name.replace("-", "").isalnum():
            self.tag = source

    def handle_starttag(self, tag, attrs):
        self._found(tag, self.get_starttag_text() or f"<{tag}>")

    def handle_endtag(self, tag):
        line, column = self.getpos()
        start = self._lines[line - 1] + column
        end = self._text.find(">", start)
        self._found(tag, self._text[start:end + 1] if end >= 0 else f"</{tag}>")


_ARABIC = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    tag = _FirstTag(value).tag if "<" in value else None
    if tag:
        raise ValueError(f"contains the HTML tag {tag}; data text is shown as typed, so remove the tag")
    return value


Text = Annotated[str, AfterValidator(_text)]


class LocalText(Strict):
    """The same text in both languages; both are required, each in its own language."""

    ar: Text
    en: Text

    @model_validator(mode="after")
    def _languages(self) -> LocalText:
        if not _ARABIC.search(self.ar) and len(_LATIN_WORD.findall(self.ar)) >= 3:
            raise ValueError("the ar text looks like English; write the Arabic text in ar and the English in en")
        if len(self.en.split()) > 1 and len(_ARABIC.findall(self.en)) > len(re.findall("[A-Za-z]", self.en)):
            raise ValueError("the en text looks like Arabic; write the English text in en and the Arabic in ar")
        return self

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class LocalList(Strict):
    ar: list[Text] = []
    en: list[Text] = []

    def __getitem__(self, lang: str) -> list[str]:
        return getattr(self, lang)


# ---------------------------------------------------------------------------
# Amounts: money (USD) and capacity

AmountKind = Literal["exact", "about", "up-to", "at-least", "more-than", "range", "undisclosed"]


class Amount(Strict):
    """An amount as reported: exact, approximate, a ceiling, a floor, a range or undisclosed."""

    kind: AmountKind
    amount: Number | None = None
    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _shape(self) -> Amount:
        if self.kind == "range":
            if self.min is None or self.max is None:
                raise ValueError("a range needs both min and max")
            if self.amount is not None:
                raise ValueError("a range takes min and max, not amount")
            if self.min > self.max:
                raise ValueError(f"range minimum {self.min} is greater than maximum {self.max}")
        elif self.kind == "undisclosed":
            if self.amount is not None or self.min is not None or self.max is not None:
                raise ValueError("an undisclosed amount takes no number")
        else:
            if self.amount is None:
                raise ValueError(f"kind '{self.kind}' needs an amount")
            if self.min is not None or self.max is not None:
                raise ValueError("min and max are only for kind: range")
        return self

    @property
    def disclosed(self) -> bool:
        return self.kind != "undisclosed"

    @property
    def sort_value(self) -> Decimal | None:
        """The number a table sorts by: the amount, or the top of a range."""
        if self.kind == "range":
            return self.max
        return self.amount

    @property
    def high(self) -> Decimal | None:
        return self.max if self.kind == "range" else self.amount

    @property
    def low(self) -> Decimal | None:
        return self.min if self.kind == "range" else self.amount


CapacityBasis = Literal["site", "chips"]


class Capacity(Amount):
    """Power capacity. `basis` says what it measures: a data-centre site's power (`site`)
    or the chips a deal deploys (`chips`). The two overlap, since chips go into sites,
    so they are never added together."""

    unit: Literal["GW", "MW"] = "GW"
    basis: CapacityBasis | None = None

    @property
    def megawatts(self) -> Decimal | None:
        value = self.sort_value
        if value is None:
            return None
        return value * 1000 if self.unit == "GW" else value


# ---------------------------------------------------------------------------
# Entities

CompanyKind = Literal[
    "ai-lab", "chipmaker", "chip-designer", "cloud", "investor", "data-centre", "conglomerate",
    "industrial-group", "network",
]


class Company(Strict):
    id: Id
    name: LocalText
    kind: CompanyKind
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None  # none for a group of investors
    description: LocalText
    website: Url | None = None


class Person(Strict):
    id: Id
    name: LocalText
    role: LocalText
    company: Id | None = None


class Source(Strict):
    """An article or announcement a reader can follow.

    `url` is the exact address of the article (never a home page: data/source-policy.yaml
    and the checks enforce it); leave it out when the address is not known, and the page
    says "address not recorded". `republished: true` marks a republished copy (a wire story on
    another site), named in `via`. `title_kind: description` marks a title that is our own
    description rather than the real headline; pages show the mark.
    """

    id: Id
    publisher: Text | LocalText  # one name, or its Arabic and English forms (رويترز / Reuters)
    title: Text
    # headline: as published; from-address: the headline as its address (URL) spells it;
    # description: our own wording. Pages mark the last two.
    title_kind: Literal["headline", "from-address", "description"] = "headline"
    date: dt.date
    url: Url | None = None
    republished: bool = False
    checked: Literal["page", "cited"] | None = None  # whether we read the page itself or only saw it cited
    home_page: bool = False  # the link is knowingly the publisher's home page (shown as such)
    language: Literal["ar", "en"]
    via: LocalText | None = None  # how the source was read, e.g. "republished copy at ..."
    note: LocalText | None = None

    def publisher_in(self, lang: str) -> str:
        return self.publisher if isinstance(self.publisher, str) else self.publisher[lang]

    @model_validator(mode="after")
    def _link(self) -> Source:
        if self.url is None and (self.republished or self.home_page):
            raise ValueError("republished and home_page describe a link: give the url, or drop them")
        return self


class GlossaryTerm(Strict):
    id: Id
    term: LocalText
    definition: LocalText
    abbr: LocalList = LocalList()
    variants: LocalList = LocalList()  # other spellings and inflections readers meet
    related: list[Id] = []
    sources: list[Id] = []


DealKind = Literal[
    "equity-investment",
    "chip-supply",
    "cloud-contract",
    "joint-venture",
    "custom-chips",
    "data-centre-site",
    "funding-round",
    "restructuring",
    "letter-of-intent",
]

PartyRole = Literal[
    "buyer",
    "supplier",
    "investor",
    "recipient",
    "partner",
    "funder",
    "operator",
    "technology-partner",
    "site-developer",
    "cloud-provider",
]

# What a source of that date supports, in lifecycle order. "reported" is a press report the
# companies had not confirmed; "confirmed" is a company confirming what was reported.
Status = Literal[
    "reported",
    "announced",
    "confirmed",
    "definitive",
    "progress",
    "expanded",
    "completed",
    "scaled-back",
    "frozen",
    "paused",
    "dropped",
    "replaced",
    "cancelled",
]

# A deal whose latest status is one of these has ended: it is left out of every total.
ENDED: tuple[str, ...] = ("dropped", "replaced", "cancelled")
# Known only from press reports: listed, but not added to any total until a company confirms.
UNCONFIRMED: tuple[str, ...] = ("reported",)
# Stalled (frozen or paused): listed, but not added to any total while it stays so.
STALLED: tuple[str, ...] = ("frozen", "paused")

# What a flow of money (or of shares) is. The payer gives, the payee receives.
FlowKind = Literal[
    "equity-investment",  # cash for shares
    "loan",
    "cloud-purchase",  # a commitment to buy cloud computing
    "chip-purchase",  # a commitment to buy chips or systems
    "lease",  # a commitment to lease data-centre capacity
    "shares",  # shares or a warrant over shares, issued by the payer to the payee
    "guarantee",
    "loi-ceiling",  # the ceiling named in a non-binding letter of intent
]


class Party(Strict):
    company: Id
    role: PartyRole


class StatusChange(Strict):
    date: dt.date
    status: Status
    note: LocalText
    sources: list[Id] = Field(min_length=1)


class Timeframe(Strict):
    start: Period | None = None
    end: Period | None = None
    years: Annotated[int, Field(gt=0, le=50)] | None = None


class Flow(Strict):
    """A directed flow of money or shares between two companies (see aggregates.py)."""

    payer: Id  # who gives (for shares: the company whose shares or warrant are issued)
    payee: Id  # who receives
    kind: FlowKind
    amount: Amount
    note: LocalText | None = None

    @model_validator(mode="after")
    def _two_sides(self) -> Flow:
        if self.payer == self.payee:
            raise ValueError(f"payer and payee are both '{self.payer}'")
        return self


class Deal(Strict):
    id: Id
    title: LocalText
    summary: LocalText
    kind: DealKind
    parties: list[Party] = Field(min_length=2)
    value: Amount
    capacity: Capacity | None = None
    announced: dt.date
    timeframe: Timeframe | None = None
    status: list[StatusChange] = Field(min_length=1)
    flows: list[Flow] = []
    related: list[Id] = []
    # The deal this one is a component of (Oracle's contract is part of Stargate):
    # totals count the larger deal only, so nothing is counted twice.
    part_of: Id | None = None
    sources: list[Id] = Field(min_length=1)
    verified: dt.date  # when these facts were last checked against the sources

    @property
    def current_status(self) -> StatusChange:
        return max(self.status, key=lambda change: (change.date, STATUS_ORDER.index(change.status)))

    @model_validator(mode="after")
    def _dates(self) -> Deal:
        first = min(change.date for change in self.status)
        if first < self.announced:
            raise ValueError(
                f"status history starts on {first}, before the announcement date {self.announced}"
            )
        if self.capacity is not None and self.capacity.basis is None:
            raise ValueError("capacity needs a basis: site (a data centre's power) or chips (chips a deal contracts to deploy)")
        if self.part_of == self.id:
            raise ValueError("a deal cannot be part_of itself")
        return self


STATUS_ORDER: list[str] = list(Status.__args__)
FLOW_KINDS: list[str] = list(FlowKind.__args__)


class Event(Strict):
    """A dated milestone that belongs to no single deal (OpenAI passing its 10 GW target),
    shown on the timeline beside the deals' changes of status."""

    id: Id
    date: dt.date
    title: LocalText
    note: LocalText
    sources: list[Id] = Field(min_length=1)


FigureUnit = Literal["usd", "gw", "mw", "percent", "shares", "gpus"]


class Figure(Strict):
    """A headline number quoted in prose, e.g. revenue or cost per gigawatt."""

    id: Id
    label: LocalText
    unit: FigureUnit
    value: Amount
    as_of: Period
    sources: list[Id] = Field(min_length=1)
    note: LocalText | None = None


class Quote(Strict):
    id: Id
    person: Id
    original_language: Literal["ar", "en"]
    text: LocalText  # the original words, and a faithful translation
    date: dt.date
    context: LocalText
    sources: list[Id] = Field(min_length=1)


class Labels(Strict):
    """Interface words in both languages: the vocabulary of enums and headings."""

    deal_kinds: dict[DealKind, LocalText]
    statuses: dict[Status, LocalText]
    roles: dict[PartyRole, LocalText]
    company_kinds: dict[CompanyKind, LocalText]
    flow_kinds: dict[FlowKind, LocalText]
    ui: dict[Id, LocalText]

    @model_validator(mode="after")
    def _complete(self) -> Labels:
        for field, literal in (
            ("deal_kinds", DealKind),
            ("statuses", Status),
            ("roles", PartyRole),
            ("company_kinds", CompanyKind),
            ("flow_kinds", FlowKind),
        ):
            missing = set(literal.__args__) - set(getattr(self, field))
            if missing:
                raise ValueError(f"{field} lacks a label for: {', '.join(sorted(missing))}")
        return self


class Site(Strict):
    """Site-wide settings that are editorial, not technical."""

    as_of: dt.date
    arabic_digits: Literal["latn", "arab"] = "latn"
    title: LocalText
    description: LocalText


class SourcePolicy(Strict):
    """Which links a source may have (data/source-policy.yaml)."""

    refused_hosts: list[Annotated[str, Field(pattern=r"^[a-z0-9.-]+$")]]
    # A link must point past the publisher's home page unless the source says home_page: true.
    require_article_path: bool = True


class DataSet(BaseModel):
    """Everything under data/, validated and cross-checked. Read-only."""

    model_config = ConfigDict(frozen=True)

    site: Site
    labels: Labels
    source_policy: SourcePolicy
    companies: dict[str, Company]
    people: dict[str, Person]
    sources: dict[str, Source]
    glossary: dict[str, GlossaryTerm]
    deals: dict[str, Deal]
    figures: dict[str, Figure]
    quotes: dict[str, Quote]
    events: dict[str, Event] = {}

    def deals_sorted(self) -> list[Deal]:
        """Deals in the order a reader expects: by announcement date, then id."""
        return list(_deal_index(self.deals)[0])

    def deals_of(self, company_id: str) -> list[Deal]:
        return list(_deal_index(self.deals)[1].get(company_id, ()))


# Sorting and indexing deals is done once per deals mapping, not once per page. The
# cache is keyed by the mapping's identity and keeps a reference to it, so an id is
# never reused while cached, and a copy with other deals gets its own index.
_DEAL_INDEX: dict[int, tuple[dict, tuple[Deal, ...], dict[str, tuple[Deal, ...]]]] = {}


def _deal_index(deals: dict[str, Deal]) -> tuple[tuple[Deal, ...], dict[str, tuple[Deal, ...]]]:
    hit = _DEAL_INDEX.get(id(deals))
    if hit is not None and hit[0] is deals:
        return hit[1], hit[2]
    ordered = tuple(sorted(deals.values(), key=lambda deal: (deal.announced, deal.id)))
    by_company: dict[str, list[Deal]] = {}
    for deal in ordered:
        for company in dict.fromkeys(party.company for party in deal.parties):
            by_company.setdefault(company, []).append(deal)
    if len(_DEAL_INDEX) > 32:
        _DEAL_INDEX.clear()
    _DEAL_INDEX[id(deals)] = (deals, ordered, {c: tuple(d) for c, d in by_company.items()})
    return _DEAL_INDEX[id(deals)][1], _DEAL_INDEX[id(deals)][2]
