"""Regular-expression helpers shared by the attribution rules and the frame matcher."""

from __future__ import annotations

import re

__all__ = ["iter_overlapping"]


def iter_overlapping(pattern: re.Pattern, text: str):
    """Every match of ``pattern``, one per start position, longest first ("The ROK President"
    yields "The ROK" and then "ROK President")."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match
        position = match.start() + 1
