"""The parsers: one per format, each turning a ``Source`` into a ``Document`` in one parse."""

from __future__ import annotations

from ..document import Document
from ..source import Source


def parse(source: Source) -> Document:
    """Parse a source into a Document, choosing the parser by format."""
    if source.format == "markdown":
        from .markdown import parse_markdown

        return parse_markdown(source)
    if source.format == "html":
        from .html import parse_html

        return parse_html(source)
    from .text import parse_text

    return parse_text(source)
