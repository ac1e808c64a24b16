#!/usr/bin/env python3
"""Benchmarks: scale (synthetic data) and, optionally, Lighthouse on the real site.

  python scripts/bench.py --deals 100 1000
      For each size: make synthetic data with that many deals (and companies, sources
      and glossary terms to match), generate the pages, build the whole site in a
      temporary folder, and print one JSON object per size:
      {"deals": N, "load_s": ..., "generate_s": ..., "build_s": ..., "pages": ..., "largest_page_bytes": ...}
      load_s is reading and validating the YAML; generate_s is turning the model into
      every page's Markdown, both languages. Targets: generate_s < 1 for 1000 deals;
      largest_page_bytes flat as N grows;
      build_s at most linear in N.

  python scripts/bench.py --images
      Builds the real site twice in a temporary folder: first with an empty image cache
      (every share card and chart PNG drawn), then again with that cache (nothing drawn),
      and prints {"cold_s": ..., "warm_s": ..., "images_s": cold - warm, "cards": ...}.
      Target: images_s <= 2 (issue 13: share cards add no more than 2 s to a build).

  python scripts/bench.py --lighthouse
      Builds the real site, serves it gzipped on localhost and runs Lighthouse (mobile
      preset, from npm, with Debian's chromium) on the Arabic and English home and a
      deal page; prints one JSON object per page with the four category scores.
      Targets: performance >= 0.98; accessibility, best practices and SEO = 1.0.
      Lighthouse is installed into .bench/ from the npm registry on first use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from explainer import loader, pages  # noqa: E402

KINDS = ["equity-investment", "chip-supply", "cloud-contract", "custom-chips", "data-centre-site"]
STATUSES = ["announced", "definitive", "expanded", "paused", "scaled-back", "dropped"]
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def synthetic_data(target: Path, n_deals: int, seed: int = 7) -> None:
    """Real labels, site settings and glossary, plus synthetic companies, sources and deals."""
    rng = random.Random(seed)
    target.mkdir(parents=True)
    for name in ("labels", "site", "people", "quotes", "figures", "source-policy", "events"):
        shutil.copy(ROOT / "data" / f"{name}.yaml", target / f"{name}.yaml")
    real_sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))
    real_companies = yaml.safe_load((ROOT / "data" / "companies.yaml").read_text(encoding="utf-8"))
    glossary = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))

    n_companies = max(10, n_deals // 5)
    companies = list(real_companies)
    for i in range(n_companies):
        companies.append({
            "id": f"co-{i}", "kind": rng.choice(["chipmaker", "cloud", "investor", "data-centre"]),
            "country": rng.choice(["US", "GB", "AE", "JP", "FR"]),
            "name": {"ar": f"شركة {str(i).translate(AR_DIGITS)}", "en": f"Company {i}"},
            "description": {"ar": "شركة افتراضية لاختبار الأداء.", "en": "A synthetic company for benchmarks."},
        })
    sources = list(real_sources)
    for i in range(max(5, n_deals // 2)):
        sources.append({
            "id": f"src-{i}", "publisher": "Bench Wire", "title": f"Synthetic report {i}",
            "date": dt.date(2025, 1, 1) + dt.timedelta(days=i % 500),
            "url": f"https://example.org/report/{i}", "language": "en",
        })
    for i in range(n_deals // 20):
        glossary.append({
            "id": f"bench-term-{i}", "term": {"ar": f"مصطلح تجريبي {str(i).translate(AR_DIGITS)}", "en": f"bench term {i}"},
            "definition": {"ar": "تعريف افتراضي.", "en": "A synthetic definition."},
        })
    deals = []
    for i in range(n_deals):
        announced = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 500))
        partner = f"co-{rng.randrange(n_companies)}"
        source = f"src-{rng.randrange(max(5, n_deals // 2))}"
        history = [{"date": announced, "status": "announced", "sources": [source],
                    "note": {"ar": "أُعلنت الصفقة.", "en": "The deal was announced."}}]
        if rng.random() < 0.4:
            history.append({"date": announced + dt.timedelta(days=rng.randrange(1, 200)),
                            "status": rng.choice(STATUSES), "sources": [source],
                            "note": {"ar": "تغيّرت حالة الصفقة.", "en": "The deal's status changed."}})
        value = rng.choice([{"kind": "undisclosed"},
                            {"kind": "up-to", "amount": f"{rng.randrange(1, 500)} billion"},
                            {"kind": "range", "min": "10 billion", "max": f"{rng.randrange(11, 90)} billion"}])
        deal = {
            "id": f"deal-{i}", "kind": rng.choice(KINDS), "announced": announced,
            "title": {"ar": f"صفقة تجريبية {str(i).translate(AR_DIGITS)}", "en": f"Synthetic deal {i}"},
            "summary": {"ar": "صفقة افتراضية لقياس سرعة البناء.", "en": "A synthetic deal to measure build speed."},
            "parties": [{"company": "openai", "role": "buyer"}, {"company": partner, "role": "supplier"}],
            "value": value,
            "status": history, "sources": [source], "verified": dt.date(2026, 11, 30),
            "flows": [{"payer": "openai", "payee": partner, "kind": "cloud-purchase", "amount": value}],
        }
        if rng.random() < 0.5:
            deal["capacity"] = {"kind": "exact", "amount": rng.randrange(1, 10), "unit": "GW",
                                "basis": rng.choice(["site", "chips"])}
        deals.append(deal)
    for name, content in (("companies", companies), ("sources", sources), ("glossary", glossary), ("deals", deals)):
        (target / f"{name}.yaml").write_text(
            yaml.dump(content, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


class _NoAliases(yaml.SafeDumper):
    """The loader refuses YAML aliases; shared objects are written out in full."""

    def ignore_aliases(self, data):
        return True


def scale(sizes: list[int]) -> None:
    from helpers import copy_project, mkdocs_build

    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            tmp = Path(tmp)
            synthetic_data(tmp / "data-in", n)
            start = time.perf_counter()
            data = loader.load(tmp / "data-in")
            load_s = time.perf_counter() - start
            start = time.perf_counter()
            generated = pages.all_pages(data)
            generate_s = time.perf_counter() - start
            project = copy_project(tmp / "project", data=tmp / "data-in")
            start = time.perf_counter()
            result = mkdocs_build(project, tmp / "site")
            build_s = time.perf_counter() - start
            if result.returncode != 0:
                print(json.dumps({"deals": n, "error": result.stderr[-2000:]}), flush=True)
                continue
            html = list((tmp / "site").rglob("*.html"))
            largest = max(html, key=lambda p: p.stat().st_size)
            print(json.dumps({
                "deals": n,
                "load_s": round(load_s, 3),
                "generate_s": round(generate_s, 3),
                "build_s": round(build_s, 2),
                "pages": len(html),
                "generated_pages": sum(len(v) for v in generated.values()),
                "largest_page_bytes": largest.stat().st_size,
                "largest_page": largest.relative_to(tmp / "site").as_posix(),
            }), flush=True)


def images() -> None:
    from helpers import copy_project, mkdocs_build

    with tempfile.TemporaryDirectory(prefix="bench-img-") as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        times = []
        for _ in range(2):
            start = time.perf_counter()
            result = mkdocs_build(project, tmp / "site", env={"EXPLAINER_CACHE": str(tmp / "cache")})
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(result.stderr)
        cards = len(list((tmp / "site" / "assets" / "cards").glob("*.png")))
        print(json.dumps({"cold_s": round(times[0], 2), "warm_s": round(times[1], 2),
                          "images_s": round(times[0] - times[1], 2), "cards": cards}), flush=True)


def lighthouse() -> None:
    from browser import CHROMIUM, CHROMIUM_ARGS, Server
    from helpers import copy_project, mkdocs_build

    tools = ROOT / ".bench"
    binary = tools / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        tools.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(tools), "--no-audit", "--no-fund", "lighthouse@12.8"], check=True)
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        tmp = Path(tmp)
        import socket
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        project = copy_project(tmp / "project")
        result = mkdocs_build(project, tmp / "site", env={"SITE_URL": f"http://127.0.0.1:{port}/"})
        if result.returncode != 0:
            sys.exit(result.stderr)
        data = loader.load(ROOT / "data")
        deal = next(iter(data.deals))
        server = Server(tmp / "site", port)
        try:
            for path in ("/", "/en/", f"/deals/{deal}/", f"/en/deals/{deal}/"):
                out = tmp / "report.json"
                subprocess.run(
                    [str(binary), server.url + path, "--quiet", "--output=json", f"--output-path={out}",
                     "--only-categories=performance,accessibility,best-practices,seo",
                     "--chrome-flags=" + " ".join(CHROMIUM_ARGS + ["--headless=new"])],
                    check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                )
                report = json.loads(out.read_text(encoding="utf-8"))
                scores = {k: v["score"] for k, v in report["categories"].items()}
                failing = sorted(
                    a["id"] for a in report["audits"].values()
                    if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "metricSavings")
                )
                print(json.dumps({"page": path, **scores, "not_passing": failing[:12]}), flush=True)
        finally:
            server.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deals", type=int, nargs="*", help="synthetic sizes to build, e.g. 100 1000")
    parser.add_argument("--images", action="store_true", help="time drawing share cards and chart PNGs")
    parser.add_argument("--lighthouse", action="store_true", help="run Lighthouse on the real site")
    args = parser.parse_args()
    if not args.deals and not args.lighthouse and not args.images:
        parser.error("give --deals N [N ...], --images and/or --lighthouse")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.deals:
        scale(args.deals)
    if args.images:
        images()
    if args.lighthouse:
        lighthouse()
    return 0


if __name__ == "__main__":
    sys.exit(main())
