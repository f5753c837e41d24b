"""How sure each attribution is: the reliability of its rule measured on text the rules had not seen.

Every statement carries ``confidence``: the share of hand-labelled sentences its ``rule`` got right
(speaker and side), smoothed as ``(right + 1) / (n + 2)`` so that a rule seen a few times is not
called certain. A statement whose side is ``unknown`` has confidence 0: it says nothing about who spoke.

Source of the counts (:func:`tabulate_rule_confidence` shows them side by side):

* :data:`CLEAN_RULE_COUNTS`, used wherever a rule has them: the **first, clean runs** of the
  attribution development set's hold-outs 2-16 (``corpus/dev/attribution``, 2,169 sentences; each
  round labelled blind, committed, then measured once with the rules of that day: commits
  3f99577, 2e20439, 12bcd19, c05e3ee, f457929, for rounds 7 and 8 19521ac, for round 9 7d2bc85, for round 10 6eaca70, for round 11 572cf09, for round 12 ef03dc3, for round 13 57303f7, for round 14 ce16546, for round 15 3b29855, for round 16 c95f6f7,
  ``python -m analysis.statements.accuracy --split holdout`` run in a checkout of each). This is how a rule does on a house style it was not tuned on; rules fixed
  after a round are then better than their counts say, never worse by construction.
* :data:`DEV_RULE_COUNTS`, only for rules the clean runs never saw (the press-conference rules
  ``turn``, ``turn-continued``, ``opening`` (named nobody on round 12's clean run: not pooled, see
  :data:`CLEAN_RULE_COUNTS`)):
  the tuning material after the fixes (the ``dev`` part of the development set, 2,489 sentences, plus
  the two seed readouts and the three gold press conferences of ``tests/gold/attribution.csv``), where
  every rule is right by construction except where an error is left (``cut`` fragments, one ``continuation``,
  one ``note``, and round 16's two look-alike bullets the segmenter joins to the sentence before, one ``joint`` and
  one ``pronoun``);
  ``tests/test_confidence.py`` re-measures them.

Confidence is per rule, pooled over house styles: per house style, the clean runs give 20-30 sentences
a round, too few per rule and house (most cells under 10) to tell a house's reliability from chance.

A rule in neither table gets ``1 / 2``. Policy: a rule whose clean reliability is below
:data:`WITHHOLD_BELOW` (``carried``, 8 of 45 right on the clean runs of hold-outs 2-16; ``background``, 1 of 11,
two in round 9, one each in rounds 11 and 12, two in round 13, three in round 14, two in round 16; ``office``, 0 of 1, in round 11) does not name a speaker: the attribution (:mod:`analysis.statements.rules`) gives its sentence
speaker and side ``unknown`` (counted and shown, never dropped; the ``rule`` column keeps ``carried``),
and the rest of that paragraph has no stretch to continue. Rules below
:data:`DEFAULT_MIN_CONFIDENCE` keep their speaker but count as low-confidence in ``validate``, and
:func:`select_confident` drops them.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "CLEAN_RULE_COUNTS",
    "DEFAULT_MIN_CONFIDENCE",
    "DEV_RULE_COUNTS",
    "WITHHELD_RULES",
    "WITHHOLD_BELOW",
    "assign_confidence",
    "rule_confidence",
    "select_confident",
    "tabulate_rule_confidence",
]

#: Per rule: (sentences right on speaker and side, sentences decided) in the first, clean runs of
#: hold-outs 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 and 16 pooled (190 + 115 + 120 + 116 + 119 + 132 + 81 +
#: 103 + 248 + 169 + 155 + 170 + 200 + 147 + 104 = 2,169 sentences). Hold-outs 2-4: 377 right, 16 wrong
#: country sides of 400 given (commits 3f99577, 2e20439, 12bcd19). Hold-out 5: 103 right, 2 wrong country
#: sides of 106 given, rules and policy of commit c05e3ee (its single run re-run in a scratch copy of commit
#: 4613972: ``python -m analysis.statements.accuracy --split holdout --rules``): reporting 27/28, joint 20/21,
#: event 11/11, continuation 16/16, pronoun 16/16, note 12/12, subject 1/2, carried 0/1, cut 0/1.
#: Hold-out 6: 110 right, 1 wrong country side of 114 given, rules of commit f457929 (its single run re-run in
#: a scratch copy, ``git archive``, of commit 86597a7, the same command): reporting 36/37, joint 24/25,
#: continuation 18/19, event 12/12, pronoun 11/11, note 5/5, subject 3/4, quote 1/1, carried 0/4 (and one
#: sentence no rule decided). Hold-outs 7 and 8: rules of commit 19521ac (both first runs re-measured in a
#: scratch worktree of commit 00c63fd, whose rules are those of 19521ac; round 8 with ``--split holdout --rules``,
#: round 7 as the dev rows with ``measured_as`` holdout-7 through ``measure_rules``). Round 7 (121/132): reporting
#: 39/40, joint 31/31, continuation 15/15, event 14/14, pronoun 13/13, note 6/6, subject 2/3, event-speech 1/2,
#: cut 0/1, carried 0/4, 3 undecided. Round 8 (77/81): reporting 21/21, joint 17/17, continuation 12/13, event
#: 10/10, pronoun 9/9, note 7/7, cut 1/2, carried 0/1, 1 undecided. Hold-out 9 (94/103, 2 wrong country sides
#: of 99 given): rules of commit 7d2bc85, its single run ``python -m analysis.statements.accuracy --split holdout
#: --rules`` (README "Ninth hold-out"): reporting 31/31, continuation 13/16, joint 13/13, pronoun 13/13, note 11/11,
#: event 10/10, quote 1/1, subject 1/2, background 0/2, carried 0/1, 3 undecided (1 right). Hold-out 10 (243/248,
#: 1 wrong country side of 246 given): rules of commit 6eaca70, its single run ``python -m
#: analysis.statements.accuracy --split holdout --rules`` (README "Tenth hold-out"; re-measured in a scratch worktree
#: of 6eaca70 on the same rows): reporting 69/70, joint 58/58, event 31/32, continuation 28/30, pronoun 25/25,
#: note 24/24, subject 6/6, quote 1/1, carried 0/1, 1 undecided (right). Hold-out 11 (153/169, 4 wrong country
#: sides of 157 given): rules of commit 572cf09, its single run ``python -m analysis.statements.accuracy --split
#: holdout --rules --errors`` (README "Eleventh hold-out"): reporting 56/56, joint 31/31, event 21/21, continuation
#: 18/20, note 13/13, pronoun 12/12, subject 2/4, carried 0/7, background 0/1, office 0/1 (a bare office whose holder
#: the page does not name, side ``unknown``: first seen on a clean run, and withheld since), 3 undecided. Hold-out 12
#: (121/155, 3 wrong country sides of 127 given): rules of commit ef03dc3, its single run ``python -m
#: analysis.statements.accuracy --split holdout --rules --errors`` (README "Twelfth hold-out"): joint 41/41, pronoun 16/20,
#: reporting 19/19, continuation 17/18, event 15/15, note 12/12, subject 1/2, carried 0/1, background 0/1, 8 undecided
#: (``unknown``); and ``opening`` 0/18, **not pooled**: all 18 from one page (a briefing whose title names nobody) whose
#: host the rules did not find, so ``opening`` named nobody (side ``unknown``, confidence 0 already): the run measured
#: the finding of a host, fixed in round 13 (a briefing header names it), not how often a named host is right; counted as
#: undecided like ``unknown``. Hold-out 13 (161/170, 3 wrong country sides of 165 given): rules of commit 57303f7, its
#: single run ``python -m analysis.statements.accuracy --split holdout --rules --errors`` (README "Thirteenth
#: hold-out"): reporting 54/56, joint 28/28, event 22/23, continuation 21/21, note 19/19, pronoun 6/7, subject 4/5,
#: quote 3/3, quote-continued 2/2 (its first clean run: the clean counts replace the dev ones), background 1/2 and
#: carried 0/1 (withheld, pooled as in rounds 11 and 12), and ``cut`` 1/3, of which 1/1 pooled: by the convention
#: of round 12's ``opening``, the two fragments the rule left ``unknown`` (cut mid-word, "1. The tw", "The Japa":
#: side ``unknown``, confidence 0 already) measure the excerpt, not how often a named fragment is right, and count
#: as undecided (pooled as measured, ``cut`` would be 5/11 = 0.46 and withheld). Hold-out 14 (171/200, 5 wrong country
#: sides of 187 given): rules of commit ce16546, its single run ``python -m analysis.statements.accuracy --split
#: holdout --rules --errors`` (README "Fourteenth hold-out"): reporting 61/63, joint 37/39, event 24/25, pronoun 18/19,
#: continuation 12/18, note 12/14, subject 4/5, quote 3/3, background 0/3 and carried 0/3 (withheld, pooled as in
#: rounds 11-13), and ``cut`` 0/3, of which 0/1 pooled (by the convention of round 13: the fragment it named, "Yang
#: and Clinton al" as Clinton, is pooled; the two it left ``unknown`` count as undecided); 4 ``unknown`` and one gold
#: sentence no statement matched (a lone "○"), undecided. Hold-out 15 (132/147, 6 wrong country sides of 139 given):
#: rules of commit 3b29855, its single run ``python -m analysis.statements.accuracy --split holdout --rules --errors``
#: (README "Fifteenth hold-out"): reporting 41/42, continuation 19/23, pronoun 21/21, note 17/17, joint 15/16, event
#: 14/15, subject 2/3, quote 1/2, carried 1/3 (withheld: its one right sentence is gold ``unknown``; pooled as in rounds
#: 11-14), ``cut`` 1/1 (a fragment it named, "The Secretary rei" as Blinken, right: pooled by the convention of round
#: 13), 4 ``unknown`` undecided. Hold-out 16 (85/104, 2 wrong country sides of 88 given): rules of commit c95f6f7, its
#: single run ``python -m analysis.statements.accuracy --split holdout --rules --errors`` (README "Sixteenth hold-out",
#: ``/work/brief/round16_measure.txt``): reporting 30/30, note 21/21, event 12/12, joint 9/10, pronoun 7/11, subject
#: 2/2, continuation 0/5, carried 2/5 and background 0/2 (withheld, pooled as in rounds 11-15), and ``cut`` 1/1 of
#: which 0/0 pooled (the one fragment, "In response,", it left ``unknown``, right as the gold is ``unknown`` too:
#: undecided by the convention of round 13, which pools only the fragments it named); 5 ``unknown`` undecided.
#: Pooled: 2,169 sentences.
CLEAN_RULE_COUNTS: dict[str, tuple[int, int]] = {
    "reporting": (594, 605),
    "joint": (414, 421),
    "event": (247, 253),
    "continuation": (231, 265),
    "pronoun": (205, 215),
    "note": (186, 188),
    "subject": (37, 51),
    "carried": (8, 45),
    "cut": (6, 11),
    "quote": (12, 13),
    "quote-continued": (2, 2),
    "event-speech": (1, 2),
    "background": (1, 11),
    "office": (0, 1),
}

#: Per rule: (right, decided) on the tuning material after the fixes of the seventeenth round (dev part of the
#: development set, 2,489 sentences: the first batch and hold-outs 1-16; the seed readouts and the gold press
#: conferences), measured with the policy of :data:`WITHHELD_RULES` in force; ``cut`` leaves four fragments
#: ``unknown`` (16/20); round 14 leaves one ``continuation`` (290/291) and one ``note`` (277/278) wrong within the
#: page's own voices (joint for narrator, narrator for joint); round 16 leaves one ``joint`` (535/536) and one
#: ``pronoun`` (243/244) wrong: two sentences opened by a Cyrillic "о" bullet that the segmenter
#: (:mod:`analysis.text.segmentation`) joins to the sentence before, so the statement is that sentence's. The withheld rules keep their counts from before they were withheld, for the table:
#: ``carried`` (it decides one tuning sentence, ``unknown``) and ``background`` (a paragraph without a
#: subject after the page's own paragraph, new in the sixth round, 1/1 on the tuning material of round 9; withheld
#: since round 9's clean run, 0/2; it decides one tuning sentence of round 12, ``unknown``). ``opening`` (30/30) now
#: also names the official a briefing header introduces (round 13: the 17 first-person sentences of round 12's briefing).
#: ``quote-continued`` (a paragraph opening with a quotation without a clause after a paragraph that quoted its
#: person, new in the tenth round) has clean counts since round 13 (2/2, low-confidence: 3/4). ``office``
#: (withheld since round 11's clean run, 0/1) decides no tuning sentence since the twelfth round's office aliases
#: ("the Chinese leader", "the Korean leader"): 0/0.
DEV_RULE_COUNTS: dict[str, tuple[int, int]] = {
    "reporting": (723, 723),
    "subject": (40, 40),
    "event": (318, 318),
    "event-speech": (2, 2),
    "joint": (535, 536),
    "pronoun": (243, 244),
    "continuation": (290, 291),
    "carried": (5, 5),
    "note": (277, 278),
    "background": (1, 1),
    "office": (0, 0),
    "quote": (26, 26),
    "quote-continued": (3, 3),
    "cut": (16, 20),
    "opening": (30, 30),
    "turn": (128, 128),
    "turn-continued": (50, 50),
}

#: Statements below this confidence count as low-confidence in ``validate`` and are dropped by
#: :func:`select_confident` unless told otherwise. With the clean counts of hold-outs 2-16, ``subject`` (38/53 = 0.717),
#: ``quote-continued`` (3/4 = 0.750), ``cut`` (7/13 = 0.538) and ``event-speech``
#: (0.500) fall below it, as do rules never measured (0.5); ``continuation`` (232/267 = 0.869) and ``quote`` (13/15 =
#: 0.867, below it with hold-outs 2-9: 5/6 = 0.833) are above it.
DEFAULT_MIN_CONFIDENCE = 0.85

#: A rule whose clean reliability is below this names no speaker (worse than a coin toss on new styles).
WITHHOLD_BELOW = 0.5


def _smoothed(counts: tuple[int, int]) -> float:
    right, n = counts
    return (right + 1) / (n + 2)


#: The rules that name no speaker (their sentences get speaker and side ``unknown``).
WITHHELD_RULES: frozenset[str] = frozenset(r for r, c in CLEAN_RULE_COUNTS.items() if _smoothed(c) < WITHHOLD_BELOW)


def rule_confidence(rule: str) -> float:
    """The smoothed reliability ``(right + 1) / (n + 2)`` of a rule, from the clean counts where there are any.

    0 for ``unknown``; 1/2 for a rule measured nowhere.

    Examples
    --------
    >>> round(rule_confidence("joint"), 3), round(rule_confidence("turn"), 3), rule_confidence("never-seen")
    (0.981, 0.992, 0.5)
    """
    if rule == "unknown":
        return 0.0
    counts = CLEAN_RULE_COUNTS.get(rule) or DEV_RULE_COUNTS.get(rule) or (0, 0)
    return _smoothed(counts)


def tabulate_rule_confidence() -> pd.DataFrame:
    """The documented table: per rule, the clean and dev counts, the source used, ``confidence`` and the policy.

    Returns
    -------
    pandas.DataFrame
        ``rule``, ``clean_right``, ``clean_n``, ``dev_right``, ``dev_n``, ``source`` (``clean`` or ``dev``),
        ``confidence``, ``policy`` (``withheld``, ``low`` below :data:`DEFAULT_MIN_CONFIDENCE`, or ``kept``),
        sorted by confidence, highest first.

    Examples
    --------
    >>> table = tabulate_rule_confidence().set_index("rule")
    >>> table.loc["carried", ["source", "policy"]].tolist(), table.loc["turn", "source"]
    (['clean', 'withheld'], 'dev')
    """
    rows = []
    for rule in sorted(set(CLEAN_RULE_COUNTS) | set(DEV_RULE_COUNTS)):
        clean, dev = CLEAN_RULE_COUNTS.get(rule, (0, 0)), DEV_RULE_COUNTS.get(rule, (0, 0))
        confidence = rule_confidence(rule)
        policy = "withheld" if rule in WITHHELD_RULES else ("low" if confidence < DEFAULT_MIN_CONFIDENCE else "kept")
        rows.append({"rule": rule, "clean_right": clean[0], "clean_n": clean[1], "dev_right": dev[0], "dev_n": dev[1],
                     "source": "clean" if rule in CLEAN_RULE_COUNTS else "dev", "confidence": confidence, "policy": policy})
    return pd.DataFrame(rows).sort_values(["confidence", "rule"], ascending=[False, True], ignore_index=True)


def assign_confidence(statements: pd.DataFrame) -> pd.Series:
    """The ``confidence`` of each statement: its rule's reliability, 0 when the side is ``unknown``.

    Examples
    --------
    >>> st = pd.DataFrame({"rule": ["reporting", "reporting", "unknown"], "side": ["CN", "unknown", "unknown"]})
    >>> assign_confidence(st).round(3).tolist()
    [0.98, 0.0, 0.0]
    """
    rules = statements["rule"].tolist()
    by_rule = {rule: rule_confidence(rule) if isinstance(rule, str) else 0.0 for rule in set(rules)}  # a few rules, many statements
    values = pd.Series([by_rule[rule] for rule in rules], index=statements.index, dtype=float, name=statements["rule"].name)
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
