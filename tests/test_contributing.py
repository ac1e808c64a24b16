"""Every YAML example in CONTRIBUTING (both languages) is valid data: a contributor who copies
one and edits it starts from something check.py accepts."""

from __future__ import annotations

import re

import pytest
import yaml

from explainer import model
from explainer.loader import is_home_page, refused_host
from helpers import ROOT

KINDS = [  # (a key only this kind of entry has, its model, the data it refers to)
    ("parties", model.Deal), ("publisher", model.Source), ("definition", model.GlossaryTerm), ("country", model.Company),
]


def examples(name: str) -> list[str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "CONTRIBUTING.ar.md"])
def test_every_yaml_example_is_valid_data(name, real_data):
    blocks = examples(name)
    assert len(blocks) >= 4, "the deal, company, source and glossary examples"
    kinds = set()
    for block in blocks:
        (entry,) = yaml.safe_load(block)
        schema = next(schema for key, schema in KINDS if key in entry)
        kinds.add(schema.__name__)
        item = schema.model_validate(entry)  # raises, naming the field, if the example is wrong
        if isinstance(item, model.Deal):
            for party in item.parties:
                assert party.company in real_data.companies, party.company
            for source in item.sources + [s for change in item.status for s in change.sources]:
                assert source in real_data.sources, source
        if isinstance(item, model.Source) and item.url:
            assert not refused_host(item.url, real_data.source_policy.refused_hosts)
            assert not is_home_page(item.url)
    assert kinds == {"Deal", "Source", "GlossaryTerm", "Company"}
