"""Reporters: each output format is one module with ``render(report, options) -> str``.

Reporters are pure functions of the same ``Report``. Column conventions differ per format (SARIF counts
UTF-16 code units, reviewdog UTF-8 bytes, humans and JSON code points); conversions happen here, never in
rules.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass


@dataclass
class RenderOptions:
    color: bool = False
    version: str = ""
    #: Rule metadata by id (description, link, level) for formats that describe rules.
    rules: dict | None = None


def formats() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def render(fmt: str, report, options: RenderOptions | None = None) -> str:
    if fmt not in formats():
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(formats())})")
    mod = importlib.import_module(f"{__name__}.{fmt}")
    return mod.render(report, options or RenderOptions())
