"""Open data downloads: present in both languages, parseable, equal to the data and the table."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from explainer.opendata import COLUMNS
from helpers import read

pytestmark = pytest.mark.build


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_csv_and_json_match_the_data_and_the_table(built_site, real_data, prefix):
    page = read(built_site, f"{prefix}deals/index.html")
    links = {a["href"] for a in page.find_all("a") if "download" in a}
    assert links == {"../downloads/deals.csv", "../downloads/deals.json"}
    table_rows = [a for a in page.find_all("tr") if a.get("id", "").startswith("deal-")]

    raw = (built_site / prefix / "downloads" / "deals.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read UTF-8 Arabic
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(table_rows) == len(real_data.deals)
    assert list(rows[0]) == [c for c, _ in COLUMNS]
    by_id = {r["id"]: r for r in rows}
    for deal in real_data.deals.values():
        row = by_id[deal.id]
        assert row["title_ar"] == deal.title.ar and row["title_en"] == deal.title.en
        if deal.value.kind in ("exact", "about", "up-to", "at-least", "more-than"):
            assert Decimal(row["value_usd"]) == deal.value.amount
        if deal.capacity:
            assert Decimal(row["capacity_mw"] or row["capacity_max_mw"]) == deal.capacity.megawatts

    payload = json.loads((built_site / prefix / "downloads" / "deals.json").read_text(encoding="utf-8"))
    assert len(payload["deals"]) == len(real_data.deals)
    for item in payload["deals"]:
        deal = real_data.deals[item["id"]]
        assert item["summary_ar"] == deal.summary.ar
        if deal.value.amount is not None:
            assert Decimal(str(item["value_usd"])) == deal.value.amount
        assert item["parties"] == [p.company for p in deal.parties]
