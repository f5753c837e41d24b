"""Sentences whose speaker is not where a subject stands, turned round so that it is (issue 12).

The subject finder (:mod:`analysis.statements.subjects`) reads a speaker from the start of a sentence.
Three shapes of news writing put the speaker elsewhere; :func:`unfold_inversion` rewrites them, for the
finding only (the statement's text is never changed):

* the agentless "There was a positive response from NAME." -> "NAME responded.";
* the cleft "It was President Lee who first mentioned ..." -> "President Lee mentioned ...";
* a comma-adverbial between the name and its verb, "Hu, in response, gave credit to ..." -> "Hu gave credit to ...".

:func:`is_talk_evaluated` tells the page's own evaluation of a talk ("The discussion was constructive and
pragmatic.", "The talk, though brief, is viewed with significance ...") and a talk as the subject of a speech verb
("The discussion also emphasized ..."): the narrator's, never the words of the person last named.
"""

from __future__ import annotations

import re

__all__ = ["is_talk_evaluated", "unfold_inversion"]

_THERE = re.compile(
    r"There\s+(?:was|were)\s+(?:an?\s+)?(?:[a-z-]+\s+){0,2}?(?:response|responses|reply|replies|reaction)\s+from\s+(?P<who>.+?)\s*[.!]?\s*$"
)
_CLEFT = re.compile(r"It\s+was\s+(?P<who>[A-Z][^,.;:]{1,60}?)\s+who\s+(?:(?:first|also|then|later)\s+)?")
_ADVERBIAL = re.compile(
    r"(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),\s+"
    r"(?:in\s+(?:response|reply|turn|return)|for\s+(?:his|her|its)\s+part|on\s+(?:his|her|its)\s+part)\s*,\s+(?=[a-z])"
)
_TALK_NOUN = r"(?:discussions?|talks?|meetings?|conversations?|exchanges?|summit|call|dialogue)"
_EVALUATED = re.compile(
    rf"(?:The|This|That|Their|Today’s|Today's)\s+(?:[a-z-]+\s+){{0,2}}?{_TALK_NOUN}(?:\s*,[^,]{{1,40}},)?\s+(?:was|were|is|are)\s+"
    r"(?:(?:also|very|highly|quite|both)\s+)?(?:viewed|seen|regarded|considered|deemed|constructive|pragmatic|productive|candid"
    r"|frank|friendly|cordial|fruitful|useful|meaningful|significant|substantive|positive|successful|warm|sincere|in-depth)\b"
)
# A talk as the subject of a verb of speech or emphasis ("The discussion also emphasized ...", "The call underscored
# ..."): the page's account of what was talked about, never the words of the person last named.
_TALK_SPOKE = re.compile(
    rf"(?:The|This|That|Their|Today’s|Today's)\s+(?:[a-z-]+\s+){{0,2}}?{_TALK_NOUN}\s+(?:(?:also|further|particularly|then)\s+)?"
    r"(?:emphasi[sz]ed|highlighted|stressed|underscored|underlined|focused|centered|touched|covered|addressed|noted"
    r"|reaffirmed|reflected|included)\b"
)


def unfold_inversion(body: str) -> str:
    """``body`` with its speaker moved to where a subject stands, or ``body`` itself.

    Examples
    --------
    >>> unfold_inversion("There was a positive response from Minister Yang.")
    'Minister Yang responded.'
    >>> unfold_inversion("It was President Lee who first mentioned the issue.")
    'President Lee mentioned the issue.'
    >>> unfold_inversion("Hu, in response, gave credit to the agreement.")
    'Hu gave credit to the agreement.'
    >>> unfold_inversion("The two sides met.")
    'The two sides met.'
    """
    there = _THERE.match(body)
    if there is not None:
        return f"{there.group('who')} responded."
    cleft = _CLEFT.match(body)
    if cleft is not None:
        return f"{cleft.group('who')} {body[cleft.end():]}"
    adverbial = _ADVERBIAL.match(body)
    if adverbial is not None:
        return f"{adverbial.group('who')} {body[adverbial.end():]}"
    return body


def is_talk_evaluated(body: str) -> bool:
    """Whether ``body`` opens with a talk as its subject and the page's evaluation of it, or a verb of speech or
    emphasis ("The discussion also emphasized ...": what the talk covered, told by the page).

    Examples
    --------
    >>> is_talk_evaluated("The discussion was constructive and pragmatic.")
    True
    >>> is_talk_evaluated("The talk, though brief, is viewed with significance.")
    True
    >>> is_talk_evaluated("The discussion also emphasized the value of open sea lanes.")
    True
    >>> is_talk_evaluated("The Minister was pleased with the talks.")
    False
    """
    return _EVALUATED.match(body) is not None or _TALK_SPOKE.match(body) is not None
