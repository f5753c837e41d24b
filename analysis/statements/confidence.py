"""How sure each attribution is: the measured reliability of the rule that made it.

Every statement carries ``confidence``, the share of hand-labelled sentences its ``rule`` got right
(speaker and side) on the tuning material, smoothed as ``(right + 1) / (n + 2)`` so that a rule seen
a few times is not called certain. A statement whose side is ``unknown`` has confidence 0: it says
nothing about who spoke. :func:`select_confident` keeps the statements an analysis can rely on.

The counts (:data:`RULE_COUNTS`) were measured with ``python -m analysis.statements.accuracy --split
dev --rules`` (narrated documents: the ``dev`` part of ``corpus/dev/attribution``, 625 sentences) plus
the two seed readouts (34 sentences) and the three press conferences (184 sentences) of
``tests/gold/attribution.csv`` (``tests/test_confidence.py`` re-measures them and fails when they
drift). A rule never seen there gets ``1 / 2``.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["DEFAULT_MIN_CONFIDENCE", "RULE_COUNTS", "assign_confidence", "rule_confidence", "select_confident"]

#: Per rule: (sentences right on speaker and side, sentences decided) on the tuning material.
RULE_COUNTS: dict[str, tuple[int, int]] = {
    # narrated documents (dev part of the development set + seed readouts)
    "reporting": (197, 197),
    "subject": (8, 8),
    "event": (87, 87),
    "event-speech": (1, 1),
    "joint": (142, 142),
    "pronoun": (57, 57),
    "continuation": (89, 89),
    "carried": (3, 3),
    "note": (58, 58),
    "quote": (4, 4),
    "cut": (6, 6),
    # press conferences and remarks (gold press conferences), and the first-person briefing of the development set
    "opening": (13, 13),
    "turn": (128, 128),
    "turn-continued": (50, 50),
}

#: Statements below this confidence count as low-confidence in ``validate`` and are dropped by
#: :func:`select_confident` unless told otherwise: rules never measured (1/2) and rules measured on
#: few sentences without error (``carried`` 4/5, quotations 5/6, ``event-speech`` 2/3) fall below it; cut
#: fragments (7/8 = 0.875), ``subject`` (9/10) and the opening announcements of press conferences and
#: briefings (14/15 = 0.933) do not.
DEFAULT_MIN_CONFIDENCE = 0.85


def rule_confidence(rule: str) -> float:
    """The smoothed reliability ``(right + 1) / (n + 2)`` of a rule; 0 for ``unknown``.

    Examples
    --------
    >>> round(rule_confidence("joint"), 3), rule_confidence("never-seen"), rule_confidence("unknown")
    (0.993, 0.5, 0.0)
    """
    if rule == "unknown":
        return 0.0
    right, n = RULE_COUNTS.get(rule, (0, 0))
    return (right + 1) / (n + 2)


def assign_confidence(statements: pd.DataFrame) -> pd.Series:
    """The ``confidence`` of each statement: its rule's reliability, 0 when the side is ``unknown``.

    Examples
    --------
    >>> st = pd.DataFrame({"rule": ["reporting", "reporting", "unknown"], "side": ["CN", "unknown", "unknown"]})
    >>> assign_confidence(st).round(3).tolist()
    [0.995, 0.0, 0.0]
    """
    values = statements["rule"].map(lambda rule: rule_confidence(rule) if isinstance(rule, str) else 0.0)
    return values.where(statements["side"] != "unknown", 0.0).astype(float)


def select_confident(statements: pd.DataFrame, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> pd.DataFrame:
    """The statements whose ``confidence`` is at least ``min_confidence`` (a copy; the input is unchanged).

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (:func:`analysis.statements.attribute_statements`).
    min_confidence : float
        Between 0 and 1; :data:`DEFAULT_MIN_CONFIDENCE` by default. 0 keeps every attributed and
        unattributed statement.

    Raises
    ------
    KeyError
        If the table has no ``confidence`` column.
    ValueError
        If ``min_confidence`` is outside [0, 1].

    Examples
    --------
    >>> st = pd.DataFrame({"speaker": ["Xi Jinping", "unknown"], "confidence": [0.98, 0.0]})
    >>> select_confident(st)["speaker"].tolist()
    ['Xi Jinping']
    """
    if "confidence" not in statements.columns:
        raise KeyError("the statements table lacks column `confidence`; make it with analysis.statements.attribute_statements")
    if not 0 <= min_confidence <= 1:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence}")
    return statements[statements["confidence"] >= min_confidence].copy()
