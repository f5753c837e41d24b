"""Sentences about the occasion rather than speech, and a speaker's recollection of someone's words (issue 12).

Two shapes the attribution rules (:mod:`analysis.statements.rules`) read apart from the subject's speech acts:

* a photo caption inside the text ("President X (left) poses for a photo with Y ...", "X (right) and Y shake
  hands", "(second from left)", "(center)", "X and Y hold a joint press conference in ..." in the present tense): the page's note, never the words of the person it shows
  (:func:`is_caption`);
* a recollection: the past perfect of a speech verb ("X had said that ...", "X had told him ...", "X had also
  stated ..."), which inside another person's account is that person's report of X's words
  (:func:`find_recollection`).
"""

from __future__ import annotations

import re

__all__ = ["find_recollection", "is_caption"]

# A position note after a name: "(left)", "(second from left)", "(center)", "(front row, right)".
_POSITION = re.compile(
    r"[A-Z][\w'’.-]*\s+\((?:(?:front|back|middle)\s+row,?\s+)?(?:(?:second|third|fourth|fifth|far)\s+(?:from\s+)?)?"
    r"(?:left|right|center|centre|middle|front|back|rear)(?:\s+row)?\)"
)
# A caption's verb in the present tense: "poses for a (commemorative) photo", "shake hands" (not "will shake hands").
_CAPTION_VERB = re.compile(
    r"\bpose[s]?\s+for\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?:photos?|pictures?|photographs?)\b"
    r"|(?<!\bwill\s)(?<!\bto\s)(?<!\bwould\s)(?<!\bdid\s)\bshake\s+hands\b|\bshakes\s+hands\s+with\b"
)
# Two named persons holding the occasion in the present tense: "The President and U.S. President X hold a joint press
# conference in ... after summit talks on June 16" (a caption; the past "held" is the page's event sentence).
_CAPTION_OCCASION = re.compile(
    r"^[A-Z][^;:,]{0,120}?\s+and\s+[^;:,]{0,120}?\s+hold\s+(?:a|the)\s+(?:joint\s+)?(?:press\s+conference|summit|meeting|talks)\b"
)
_SPEECH_VERBS = (r"said|told|stated|mentioned|noted|stressed|emphasi[sz]ed|expressed|remarked|promised|pledged|assured|asked"
                 r"|declared|announced|indicated|written|wrote|explained|affirmed|reaffirmed|conveyed|suggested|proposed")
# The past perfect of a speech verb right after the subject: "had said", "had also stated", "had once told".
_RECOLLECTION = re.compile(
    rf"\bhad\s+(?:(?:also|already|earlier|once|previously|repeatedly|publicly|clearly|just|often)\s+)*(?P<verb>{_SPEECH_VERBS})\b"
)


def is_caption(sentence: str) -> bool:
    """Whether a sentence is a photo caption: a position note after a name, or a caption verb in the present tense.

    Examples
    --------
    >>> is_caption("President X (left) poses for a photo with Senator Y, at the office on May 31.")
    True
    >>> is_caption("Minister X (second from left) speaks at the meeting."), is_caption("The two ministers shake hands.")
    (True, True)
    >>> is_caption("The two leaders will shake hands."), is_caption("Minister X (ROK) said ties matter.")
    (False, False)
    >>> is_caption("The President and President Y hold a joint press conference in the garden on June 16.")
    True
    """
    return bool(_POSITION.search(sentence) or _CAPTION_VERB.search(sentence) or _CAPTION_OCCASION.search(sentence))


def find_recollection(sentence: str, cue: str) -> str | None:
    """The speech verb if the subject's verb ``cue`` (as the subject finder read it: "had said", "had") is the
    past perfect of a speech verb ("X had said that ...", "X had told him ...", "X had also stated ..."), else None.

    Examples
    --------
    >>> find_recollection("Vice President X had said that the US would be with Korea.", "had said")
    'said'
    >>> find_recollection("Secretary X had also told him that ties matter.", "had")
    'told'
    >>> find_recollection("Secretary X had talks with Y, who had said so.", "had talks") is None
    True
    """
    first = re.search(r"\bhad\b", sentence)
    if cue.split()[0] != "had" or first is None:
        return None
    found = _RECOLLECTION.match(sentence, first.start())  # the subject's own "had", not one of a later clause
    return found.group("verb") if found else None
