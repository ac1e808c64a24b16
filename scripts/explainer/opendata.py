"""Open data: the deals as CSV (UTF-8 with BOM, so spreadsheets open Arabic correctly) and JSON.

Both carry the Arabic and English text and the raw numbers (USD, MW), never formatted text.
The columns are listed in COLUMNS; README.md documents them.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from . import aggregates as agg
from .model import Amount, DataSet

COLUMNS = [
    ("id", "stable identifier of the deal"),
    ("title_ar", "title in Arabic"),
    ("title_en", "title in English"),
    ("summary_ar", "summary in Arabic"),
    ("summary_en", "summary in English"),
    ("kind", "deal kind (see data/labels.yaml deal_kinds)"),
    ("direction", "how money runs: into (to OpenAI), from (OpenAI pays), both, project (a joint project), or empty"),
    ("parties", "company ids, separated by ';'"),
    ("roles", "each party's role, in the same order, separated by ';'"),
    ("value_kind", "exact, about, up-to, at-least, more-than, range or undisclosed"),
    ("value_usd", "the amount in US dollars (empty for a range or undisclosed)"),
    ("value_min_usd", "lower bound of a range, in US dollars"),
    ("value_max_usd", "upper bound of a range, in US dollars"),
    ("capacity_kind", "as value_kind, for capacity; empty when no capacity was given"),
    ("capacity_mw", "capacity in megawatts (1 GW = 1000 MW)"),
    ("capacity_min_mw", "lower bound of a capacity range, in MW"),
    ("capacity_max_mw", "upper bound of a capacity range, in MW"),
    ("capacity_basis", "site (a data centre's power) or chips (chip capacity contracted, mostly not yet deployed); the two overlap"),
    ("announced", "announcement date, YYYY-MM-DD"),
    ("status", "latest status (see data/labels.yaml statuses)"),
    ("status_date", "date of the latest status, YYYY-MM-DD"),
    ("part_of", "id of the larger deal this one belongs to, if any (not counted twice in totals)"),
    ("counted_in", "the site's totals this deal counts in, separated by ';' (see scripts/explainer/aggregates.py)"),
    ("left_out_of", "totals this deal is left out of, as total:reason (ended, unconfirmed, part-of), separated by ';'"),
    ("verified", "when the deal's facts were last checked against its sources, YYYY-MM-DD"),
    ("sources", "source ids, separated by ';' (see data/sources.yaml)"),
    ("source_urls", "source URLs, separated by ' ; ' (empty where the article's address was not recorded)"),
]


def _num(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _amount(amount: Amount | None, scale: Decimal = Decimal(1)) -> tuple[str, str, str, str]:
    if amount is None:
        return "", "", "", ""
    single = amount.amount * scale if amount.amount is not None else None
    low = amount.min * scale if amount.min is not None else None
    high = amount.max * scale if amount.max is not None else None
    return amount.kind, _num(single), _num(low), _num(high)


def rows(data: DataSet) -> list[dict[str, str]]:
    out = []
    counted = {name: {d.id for d, _ in agg.counted(data, m)} for name, m in agg.MEASURES.items()}
    left = {name: dict((d.id, why) for d, why in agg.left_out(data, m)) for name, m in agg.MEASURES.items()}
    for deal in data.deals_sorted():
        status = deal.current_status
        capacity_scale = Decimal(1000) if deal.capacity and deal.capacity.unit == "GW" else Decimal(1)
        value = _amount(deal.value)
        capacity = _amount(deal.capacity, capacity_scale)
        out.append({
            "id": deal.id,
            "title_ar": deal.title.ar,
            "title_en": deal.title.en,
            "summary_ar": deal.summary.ar,
            "summary_en": deal.summary.en,
            "kind": deal.kind,
            "direction": agg.direction(deal),
            "parties": ";".join(p.company for p in deal.parties),
            "roles": ";".join(p.role for p in deal.parties),
            "value_kind": value[0], "value_usd": value[1], "value_min_usd": value[2], "value_max_usd": value[3],
            "capacity_kind": capacity[0], "capacity_mw": capacity[1],
            "capacity_min_mw": capacity[2], "capacity_max_mw": capacity[3],
            "capacity_basis": deal.capacity.basis if deal.capacity else "",
            "announced": deal.announced.isoformat(),
            "status": status.status,
            "status_date": status.date.isoformat(),
            "part_of": deal.part_of or "",
            "counted_in": ";".join(name for name in agg.MEASURES if deal.id in counted[name]),
            "left_out_of": ";".join(f"{name}:{left[name][deal.id]}" for name in agg.MEASURES if deal.id in left[name]),
            "verified": deal.verified.isoformat(),
            "sources": ";".join(deal.sources),
            "source_urls": " ; ".join(data.sources[s].url or "" for s in deal.sources),
        })
    return out


def deals_csv(data: DataSet) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=[c for c, _ in COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(data))
    return buffer.getvalue().encode("utf-8-sig")


def deals_json(data: DataSet) -> bytes:
    payload = {
        "as_of": data.site.as_of.isoformat(),
        "columns": {name: meaning for name, meaning in COLUMNS},
        "deals": [
            {**row,
             "value_usd": _number(row["value_usd"]), "value_min_usd": _number(row["value_min_usd"]),
             "value_max_usd": _number(row["value_max_usd"]), "capacity_mw": _number(row["capacity_mw"]),
             "capacity_min_mw": _number(row["capacity_min_mw"]), "capacity_max_mw": _number(row["capacity_max_mw"]),
             "parties": row["parties"].split(";"), "roles": row["roles"].split(";"),
             "sources": row["sources"].split(";"), "source_urls": row["source_urls"].split(" ; "),
             "part_of": row["part_of"] or None,
             "counted_in": [m for m in row["counted_in"].split(";") if m],
             "left_out_of": [m for m in row["left_out_of"].split(";") if m],
             "flows": [
                 {"payer": f.payer, "payee": f.payee, "kind": f.kind, "amount_kind": f.amount.kind,
                  "usd": _number(_num(f.amount.amount)), "min_usd": _number(_num(f.amount.min)),
                  "max_usd": _number(_num(f.amount.max))}
                 for f in data.deals[row["id"]].flows
             ]}
            for row in rows(data)
        ],
    }
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _number(text: str):
    if not text:
        return None
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


DOWNLOADS = {"deals.csv": deals_csv, "deals.json": deals_json}
