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


@pytest.fixture(scope="module", params=["py", "rs"])
def markdown_backend(request):
    """Runs a module's tests with each Markdown parser (``COPYDESK_MARKDOWN_BACKEND``): markdown-it-py, and
    markdown-it-pyrs with markdown-it-py for the drafts it does not take (skipped where it is not
    installed). Module-scoped, so that property tests may use it."""
    from copydesk.parsers import markdown
    from copydesk.parsers.markdown_rs import available

    if request.param == "rs" and not available():
        pytest.skip("markdown-it-pyrs is not installed")
    old = os.environ.get(markdown.BACKEND_VARIABLE)
    os.environ[markdown.BACKEND_VARIABLE] = request.param
    yield request.param
    if old is None:
        del os.environ[markdown.BACKEND_VARIABLE]
    else:
        os.environ[markdown.BACKEND_VARIABLE] = old
