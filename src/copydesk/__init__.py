"""copydesk: an editorial style and quality linter for drafts."""

from .__about__ import __version__
from .api import lint_paths, lint_text
from .config import Config, load_config
from .diagnostics import Diagnostic, FileResult, Report

__all__ = [
    "Config",
    "Diagnostic",
    "FileResult",
    "Report",
    "__version__",
    "lint_paths",
    "lint_text",
    "load_config",
]
