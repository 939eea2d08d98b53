from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from copydesk.config import Config
from copydesk.engine import Linter
from copydesk.rules import build_rule
from copydesk.source import from_text

# In CI the property tests draw the same examples on every run (a red build must be reproducible and must not
# depend on luck); on a developer's machine they explore new examples each run.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def make_rule(data: dict, pack: str = "test", name: str = "Rule"):
    return build_rule(dict(data), pack=pack, name=name, path=f"{pack}/{name}.yml")


def run_rule(data: dict, text: str, path: str = "draft.md"):
    rule = make_rule(data)
    result, _ = Linter(Config(), rules=[rule]).lint_source(from_text(text, path))
    assert not result.errors, result.errors
    return result.diagnostics


@pytest.fixture(autouse=True)
def _no_default_cache(monkeypatch):
    """Tests run without the default result cache unless they ask for one with --cache-dir."""
    monkeypatch.setenv("COPYDESK_NO_CACHE", "1")


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED
