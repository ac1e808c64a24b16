"""The pipeline runs without MkDocs: the staged output is what any site generator would take."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

NO_MKDOCS = (
    "import sys; sys.modules['mkdocs'] = None; sys.modules['material'] = None; "  # importing them now fails
    "sys.path.insert(0, {scripts!r}); from explainer.__main__ import main; sys.exit(main({args!r}))"
)


def test_the_pipeline_stages_both_languages_with_mkdocs_absent(tmp_path):
    code = NO_MKDOCS.format(scripts=str(ROOT / "scripts"), args=["stage", str(tmp_path / "out")])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for lang in ("ar", "en"):
        home = (tmp_path / "out" / lang / "index.md").read_text(encoding="utf-8")
        assert "{{" not in home  # every placeholder resolved
        assert (tmp_path / "out" / lang / "deals" / "stargate.md").is_file()
        assert (tmp_path / "out" / lang / "downloads" / "deals.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "أوبن إيه آي" in (tmp_path / "out" / "ar" / "index.md").read_text(encoding="utf-8")


def test_staging_reports_a_problem_and_writes_nothing(tmp_path, data_dir):
    deals = data_dir / "deals.yaml"
    deals.write_text(deals.read_text(encoding="utf-8").replace("amount: 100 billion}", "amount: -1}", 1), encoding="utf-8")
    code = NO_MKDOCS.format(scripts=str(ROOT / "scripts"), args=["stage", str(tmp_path / "out"), "--data", str(data_dir)])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "data/deals.yaml:8: deal 'nvidia-loi': value.amount: must not be negative" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_the_code_is_lint_clean():
    """ruff, configured in pyproject.toml, finds nothing in scripts/ and tests/."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "scripts", "tests"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
