"""Whatever a contributor puts in a data file, the loader answers with a DataSet or with
DataError lines (`data/<file>.yaml...: message`), never with a traceback."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explainer import l10n, loader, model
from helpers import FIXTURE_DATA

FILES = sorted(list(loader.MAPPING_FILES) + list(loader.LIST_FILES))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Field names of the schema, so random structures get past "is not a known field" sometimes
# and reach the validators of real fields.
FIELD_NAMES = sorted(
    {name for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, model.Strict)
     for name in cls.model_fields}
    | {"ar", "en"}
)


def load_with(name: str, content: bytes):
    """Load a copy of the fixture data in which data/<name>.yaml has this content."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / f"{name}.yaml").write_bytes(content)
        return loader.load(data)


def assert_loads_or_explains(name: str, content: bytes) -> None:
    try:
        result = load_with(name, content)
    except loader.DataError as exc:
        assert exc.problems, "DataError without problems"
        for problem in exc.problems:
            assert isinstance(problem, loader.Problem), problem
            line = str(problem)
            assert line.startswith("data/"), line
            assert "\n" not in line and "\r" not in line, line
        return
    assert isinstance(result, model.DataSet)


@FUZZ
@given(name=st.sampled_from(FILES), text=st.text(max_size=400))
@example(name="people", text="a\x01b")  # a character YAML refuses (used to escape as ReaderError)
@example(name="deals", text="- value: {kind: exact, amount: 1e999999999 billion}")  # decimal.Overflow
@example(name="deals", text="- value: {kind: exact, amount: 1e999999}")  # too large to format
@example(name="deals", text="- value: {kind: exact, amount: .nan}\n- value: {kind: exact, amount: -.inf}")
@example(name="site", text="\ufeffas_of: 2025-13-01")
@example(name="quotes", text="[" * 5000)
@example(name="labels", text="? [a, b]\n: c\n")
@example(name="glossary", text="- !!python/object/apply:os.system ['true']")
def test_random_text(name, text):
    # lone surrogates become invalid UTF-8, which must be reported as such
    assert_loads_or_explains(name, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(name=st.sampled_from(FILES), content=st.binary(max_size=300))
@example(name="companies", content=b"\x00")
@example(name="figures", content=b"\xff\xfe- id: x")
def test_random_bytes(name, content):
    assert_loads_or_explains(name, content)


scalars = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.decimals(allow_nan=False).map(str)
    | st.text(max_size=30) | st.dates(min_value=dt.date(1, 1, 1)) | st.sampled_from(FIELD_NAMES)
    | st.sampled_from(["2025-10-06", "2026-H2", "up-to", "range", "GW", "https://example.com/a",
                       "openai", "nvidia", "src-a", "22.4 billion", "-5", "{{ figure:x }}"])
)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


@FUZZ
@given(name=st.sampled_from(FILES), value=structures)
def test_random_yaml_structures(name, value):
    text = yaml.safe_dump(value, allow_unicode=True)
    assert_loads_or_explains(name, text.encode("utf-8", "surrogatepass"))


amounts = st.decimals(min_value=0, max_value=10**15 - 1, allow_nan=False, allow_infinity=False, places=None)


@settings(max_examples=30, deadline=None)
@given(
    kind=st.sampled_from(["exact", "about", "up-to", "at-least", "more-than"]),
    amount=amounts,
    scale=st.sampled_from(["", " thousand", " million", " billion"]),
)
@example(kind="exact", amount=0, scale="")  # Arabic has a "zero" plural category
@example(kind="about", amount=model.Decimal("1e-999999"), scale="")
def test_any_accepted_amount_can_be_written_out(kind, amount, scale):
    # the AMD deal, which has no flows that a smaller value would contradict
    text = (FIXTURE_DATA / "deals.yaml").read_text(encoding="utf-8").replace(
        "value: {kind: undisclosed}", f"value: {{kind: {kind}, amount: '{amount}{scale}'}}", 1
    )
    try:
        data = load_with("deals", text.encode("utf-8"))
    except loader.DataError as exc:  # too large once scaled: explained, not crashed
        assert all("too large" in str(p) for p in exc.problems), exc
        return
    value = data.deals["amd"].value
    for lang in model.LANGS:
        for digits in ("latn", "arab"):
            loc = l10n.Localiser(lang, digits)
            assert loc.money(value)
            for unit in ("usd", "gw", "mw", "percent", "shares", "gpus"):
                assert loc.quantity(value, unit)


def test_billion_laughs_fails_fast(data_dir):
    lol = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 20):  # 10**20 strings if it were expanded
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lol.append(f"{cur}: &{cur} [" + ", ".join(f"*{prev}" for _ in range(10)) + "]")
    (data_dir / "glossary.yaml").write_text("\n".join(lol) + "\n", encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(loader.DataError) as info:
        loader.load(data_dir)
    assert time.monotonic() - start < 2
    assert any("anchors and aliases" in str(p) for p in info.value.problems), info.value


def test_oversize_file_is_refused_with_a_message(data_dir):
    big = data_dir / "sources.yaml"
    big.write_text("# padding\n" * (loader.MAX_FILE_BYTES // 10 + 1), encoding="utf-8")
    assert big.stat().st_size > 2 * 1024 * 1024
    start = time.monotonic()
    with pytest.raises(loader.DataError) as info:
        loader.load(data_dir)
    assert time.monotonic() - start < 2
    lines = [str(p) for p in info.value.problems]
    assert lines == [f"data/sources.yaml: file is {big.stat().st_size} bytes; the limit is {loader.MAX_FILE_BYTES}"]


def test_numbers_beyond_reason_are_explained(data_dir):
    path = data_dir / "deals.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("amount: 100 billion}\n  capacity", "amount: 1e999999}\n  capacity", 1), encoding="utf-8")
    with pytest.raises(loader.DataError) as info:
        loader.load(data_dir)
    assert [str(p) for p in info.value.problems] == [
        "data/deals.yaml:8: deal 'nvidia-loi': value.amount: 1E+999999 is too large (the limit is 1000 trillion); check the number"
    ]
