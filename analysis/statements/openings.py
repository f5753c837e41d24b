"""What stands before a sentence's subject and names nobody: list markers, datelines, republishers' tags,
topic openings, and words a scraped page ran together (used by :mod:`analysis.statements.subjects` and
:mod:`analysis.statements.rules`; split out of the subject finder in the sixteenth round of rules)."""

from __future__ import annotations

import re

from .cues import alternation

__all__ = ["OUTLET_TAG", "strip_opening", "strip_topic", "unglue"]

_MARKER = re.compile(r"\s*(?:(?:[°º◦•*–-]|\d{1,2}\.|[ivxIVX]{1,4}\.|\(\w{1,2}\))\s+|\(\w{1,2}\)(?=[A-Z]))")
# the letter o as a bullet ("o Minister Kono offered ..."), also its Cyrillic and Greek look-alikes ("\u043e", "\u03bf")
_BULLET_O = re.compile("[o\u043e\u03bf]\\s+(?=[A-Z])")
# A dateline before the text: "Washington, DC - ", "WASHINGTON, Aug. 27 -- ".
_DATELINE = re.compile(r"[A-Z][\w.]*(?:,?\s+[A-Z][\w.]*){0,2}(?:,\s*[\w. ]{1,12}?)?\s+[-–—]{1,2}\s+(?=[A-Z])")
# A republisher's tag before the text, after an optional place: "(STL.News) ", "Washington, DC (STL.News) ".
OUTLET_TAG = re.compile(r"(?:[A-Z][\w.]*(?:,?\s+[A-Z][\w.]*){0,2}\s+)?\((?:[A-Z][\w.&-]*\s?){1,3}\)\s*(?:[-–—]{1,2}\s*)?(?=[A-Z])")
# A topic opening: what the sentence is about, not who speaks ("Regarding North Korea, Minister X stated ...",
# "As for China, ...", "With regard to X, ..."): the subject is sought after its comma.
_TOPIC = re.compile(
    r"(?:Regarding|Concerning|As\s+(?:for|to|regards)|(?:With|In)\s+(?:regard|respect|relation)\s+to|In\s+terms\s+of|"
    r"When\s+it\s+comes\s+to|On\s+the\s+(?:issue|question|matter|subject)\s+of|Touching\s+(?:up)?on|Speaking\s+of)\s+[^,;:]{1,200}?,\s+"
)


def strip_opening(body: str) -> str:
    """The sentence without list markers ("1.", "2. (1)", "°", "o"), a dateline ("Washington, DC - ")
    or a republisher's tag ("(STL.News) ") before it.

    Examples
    --------
    >>> strip_opening("2. (1) At the beginning, Minister Kishida welcomed ...")
    'At the beginning, Minister Kishida welcomed ...'
    >>> strip_opening("Washington, DC (STL.News) The US Department of State released the following statement:")
    'The US Department of State released the following statement:'
    """
    for pattern in (_MARKER, _MARKER, _BULLET_O, _DATELINE, OUTLET_TAG):
        found = pattern.match(body)
        if found:
            body = body[found.end():]
    return body


def strip_topic(body: str) -> str:
    """The sentence after a topic opening ("Regarding X, ", "As for X, ", "With regard to X, "), which names what
    is talked about, not who speaks; the sentence itself when it has none.

    Examples
    --------
    >>> strip_topic("Regarding North Korea, Minister Hayashi stated ...")
    'Minister Hayashi stated ...'
    >>> strip_topic("Minister Hayashi stated ...")
    'Minister Hayashi stated ...'
    """
    found = _TOPIC.match(body)
    return body[found.end():] if found else body


def unglue(sentence: str, names=()) -> str:
    """An analysis copy of a sentence with run-together words of scraped pages separated.

    Examples
    --------
    >>> unglue("° SecretaryPompeo explained; The Ministerand the Secretary agreed; Minister Kangvoiced regret", {"Kang": "Kang Kyung-wha"})
    '° Secretary Pompeo explained; The Minister and the Secretary agreed; Minister Kang voiced regret'
    """
    text = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", sentence)
    text = re.sub(r"(?<=[A-Za-z0-9]),(?=[A-Z])", ", ", text)
    text = re.sub(r"\b(Minister|Secretary|President|Ministers|two)(and|of|the|top)\b", r"\1 \2", text)
    if names:
        text = re.sub(rf"\b({alternation(names)})(?=[a-z]{{4,}}ed\b|and\b)", r"\1 ", text)
    return text
