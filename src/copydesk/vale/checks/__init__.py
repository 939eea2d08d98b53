"""Vale's rule kinds, one module each."""

from __future__ import annotations

from .capitalization import Capitalization
from .conditional import Conditional
from .consistency import Consistency
from .existence import Existence
from .metric import Metric
from .occurrence import Occurrence
from .readability import Readability
from .repetition import Repetition
from .script import Script
from .sequence import Sequence
from .spelling import Spelling
from .substitution import Substitution

KINDS = {
    cls.kind: cls
    for cls in (
        Existence,
        Substitution,
        Occurrence,
        Repetition,
        Consistency,
        Conditional,
        Capitalization,
        Metric,
        Readability,
        Spelling,
        Sequence,
        Script,
    )
}
