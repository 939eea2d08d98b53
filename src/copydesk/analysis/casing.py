"""Word-case facts shared by the capitalization and heading-case kinds."""

from __future__ import annotations

#: Words a title-case heading leaves in lower case unless they come first or last (AP and Chicago agree
#: on articles, coordinating conjunctions and short prepositions).
MINOR_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs from into onto with over than".split()
)


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def has_inner_capital(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) and not is_acronym(word)
