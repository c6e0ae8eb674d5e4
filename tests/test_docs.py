"""The documentation names everything a user can meet: every setting and every problem type."""

import runpy

from service.config import Settings
from service.errors import PROBLEM_TYPES
from service.health import ROOT

table = runpy.run_path(str(ROOT / "docs" / "settings_table.py"))["table"]


def test_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in Settings.model_fields if f"ACCORD_{name.upper()}" not in readme]
    assert not missing, f"README.md does not document {missing}"
    assert table() in readme, "README.md's settings table is stale: paste `python docs/settings_table.py`"


def test_problem_types_are_documented():
    problems = (ROOT / "docs" / "problems.md").read_text()
    missing = [slug for slug in PROBLEM_TYPES if f"`{slug}`" not in problems]
    assert not missing, f"docs/problems.md does not describe {missing}"
