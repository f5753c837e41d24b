"""Regular-expression helpers shared by the attribution rules and the frame matcher."""

from __future__ import annotations

import re

__all__ = ["iter_overlapping", "word_start_alternation"]


def iter_overlapping(pattern: re.Pattern, text: str):
    """Every match of ``pattern``, one per start position, longest first ("The ROK President"
    yields "The ROK" and then "ROK President")."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match
        position = match.start() + 1


def word_start_alternation(phrases, rest=re.escape) -> str:
    r"""``(?<![\w-])(?:p1|p2|...)`` for ``phrases`` in the order given, written to be searched fast.

    Each phrase is its first character (escaped) and ``rest(phrase)``, the pattern of what follows it.
    The phrases are grouped by first character (their order kept within a group) and each group is
    written ``X(?<![\w-]X)(?:rest|...)``: only one group can match at a position, so the matches are
    those of the flat alternation, but the pattern opens with literal characters, and the engine skips
    to them instead of trying every position. No phrase: a pattern that matches nothing.

    Examples
    --------
    >>> pattern = re.compile(word_start_alternation(["Minister", "Ms."], rest=lambda p: re.escape(p[1:])))
    >>> [m.group(0) for m in pattern.finditer("Ms. Li met the Minister, not a co-Minister.")]
    ['Ms.', 'Minister']
    >>> re.compile(word_start_alternation([])).search("anything") is None
    True
    """
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[0], []).append(rest(phrase))
    body = "|".join(f"{re.escape(first)}(?<![\\w-]{re.escape(first)})(?:{'|'.join(rests)})" for first, rests in groups.items())
    return f"(?:{body or '(?!x)x'})"
