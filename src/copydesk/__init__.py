"""copydesk: an editorial style and quality linter for drafts."""

from .__about__ import __version__

#: The public names and the module each comes from, imported when first used (PEP 562): ``import
#: copydesk.entry`` (the command) does not load the library before it has set itself up.
_PUBLIC = {
    "lint_paths": "api",
    "lint_text": "api",
    "Config": "config",
    "load_config": "config",
    "Diagnostic": "diagnostics",
    "FileResult": "diagnostics",
    "Report": "diagnostics",
}

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


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'copydesk' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
