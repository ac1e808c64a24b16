from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURE_DATA, ROOT, copy_project, mkdocs_build


@pytest.fixture(scope="session")
def real_data():
    from explainer.loader import load
    return load(ROOT / "data")


@pytest.fixture(scope="session")
def fixture_data():
    from explainer.loader import load
    return load(FIXTURE_DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site (data/ and docs/ as they are), built once with --strict."""
    work = tmp_path_factory.mktemp("real")
    project = copy_project(work / "project")
    site = work / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site
