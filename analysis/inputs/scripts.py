"""Which script a text is written in, against the script of its declared language.

A document declared ``language: en`` whose letters are mostly Hangul is probably the wrong file
or the wrong key: :func:`check_scripts` warns about it (it does not refuse it).
"""

from __future__ import annotations

import re

from .errors import Problem

__all__ = ["LANGUAGE_SCRIPTS", "check_scripts", "count_scripts"]

#: The script most letters of a text are in, per language (text in another script is warned about).
LANGUAGE_SCRIPTS = {"en": "Latin", "ko": "Hangul", "zh": "Han", "ja": "Kana", "ru": "Cyrillic"}
_SCRIPTS = {  # code point ranges of the letters of each script (Latin: beyond ASCII)
    "Latin": ((0x00C0, 0x024F),),
    "Hangul": ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F)),
    "Han": ((0x4E00, 0x9FFF), (0x3400, 0x4DBF)),
    "Kana": ((0x3040, 0x30FF),),
    "Cyrillic": ((0x0400, 0x04FF),),
    "Arabic": ((0x0600, 0x06FF),),
}
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SAMPLE = 4000  # characters of each text whose script is checked


def count_scripts(text: str) -> dict[str, int]:
    """Letters per script in the first characters of ``text`` (enough to tell its script).

    Examples
    --------
    >>> counts = count_scripts("문재인 대통령 said")
    >>> counts["Hangul"], counts["Latin"]
    (6, 4)
    """
    sample = text[:_SAMPLE]
    ascii_only = sample.encode("ascii", "ignore")
    counts = dict.fromkeys(_SCRIPTS, 0)
    counts["Latin"] = len(ascii_only) - len(ascii_only.translate(None, _ASCII_LETTERS))
    for char in "".join(_NON_ASCII.findall(sample)):  # few characters in most texts
        code = ord(char)
        for script, ranges in _SCRIPTS.items():
            if any(low <= code <= high for low, high in ranges):
                counts[script] += 1
                break
    return counts


def check_scripts(records: list[dict]) -> list[Problem]:
    """A warning for each document whose letters are mostly in another script than its language's.

    Parameters
    ----------
    records : list of dict
        Documents with ``path``, ``text_line``, ``language`` and ``text``.

    Returns
    -------
    list of Problem
        One per document in another script (languages not in :data:`LANGUAGE_SCRIPTS` are not checked).

    Examples
    --------
    >>> [p.message.split(" but ")[1] for p in check_scripts(
    ...     [{"path": "a.txt", "text_line": 9, "language": "en", "text": "문재인 대통령은 말했다."}])]
    ['100% of the letters are Hangul; correct `language`, or check that this is the right text']
    """
    notes = []
    for record in records:
        expected = LANGUAGE_SCRIPTS.get(record.get("language"))
        counts = count_scripts(record["text"])
        dominant = max(counts, key=counts.get)
        if expected is None or dominant == expected or counts[dominant] == 0:
            continue
        share = counts[dominant] / sum(counts.values())
        notes.append(Problem(record["path"], record["text_line"], f"declared `language: {record['language']}` but {share:.0%} of "
                             f"the letters are {dominant}; correct `language`, or check that this is the right text"))
    return notes
