"""The page's own announcements: a briefing it introduces as an official's, and plans and schedules (issue 12).

Two shapes of sentence the attribution rules (:mod:`analysis.statements.rules`) read as the page's, not as
speech of the person they name:

* a header that introduces what follows as a named official's words ("The following is a briefing given this
  morning by NAME, TITLE.", "What follows is a statement by TITLE NAME.", "Cheong Wa Dae released the following
  remarks by NAME, TITLE."): :func:`find_briefer` names the official, whose first-person sentences follow;
* the announcement of a plan or a schedule ("X is to embark on ...", "is set to", "will head to", "will then head",
  "plans to", "intends to", "will explain", "will discuss", "is scheduled to"): a future or plan verb without a
  speech act (:func:`find_plan`); "will say", "will tell" are speech acts, not plans.
"""

from __future__ import annotations

import re

from ..inputs.speakers import SpeakerRegistry
from ..text.patterns import iter_overlapping

__all__ = ["find_briefer", "find_plan", "is_first_person", "is_office_report"]

_TALK = r"(?:briefing|statement|remarks|address|speech|message|interview)"
_HEADER = re.compile(
    rf"^(?:(?:The\s+)?[Ff]ollowing\s+(?:is|are)|What\s+follows\s+(?:is|are)|Below\s+(?:is|are))\b[^.:;]{{0,80}}?\b{_TALK}\b"
    r"[^.:;]{0,80}?\b(?:by|of|from)\s+(?P<who>[^.:;]+)"
    rf"|\b(?:released|issued|published)\s+the\s+following\s+{_TALK}\s+(?:by|of|from)\s+(?P<who2>[^.:;]+)"
)
_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}$")
# A plan or schedule right after the subject: a future or plan verb, never a speech act ("will say", "will tell").
_SPEECH_ACT = r"(?:say|tell|state|stress|emphasi[sz]e|note|announce|express|urge|call|reiterate|add|reply|respond)\b"
_PLAN = re.compile(
    r"(?:(?:is|are)\s+(?:also\s+)?(?:to|set\s+to|scheduled\s+to|slated\s+to|due\s+to|expected\s+to|planning\s+to)"
    r"|(?:plans|intends|(?<=They\s)(?:plan|intend))\s+to)\s+(?!" + _SPEECH_ACT + r")[a-z]+"
    r"|will\s+(?:(?:also|then|later|first|next)\s+)*(?:head|embark|travel|visit|leave|depart|attend|explain|discuss|arrive"
    r"|return|fly|tour|hold|meet|stay|participate|join|deliver|have(?!\s+to\b))\b"
    r"|will\s+(?:also\s+)?continue\s+(?:their|the|its|his|her)\s+(?:discussions|talks|consultations|meetings?|dialogue)\b"
)
# What may not stand between the start of the clause and the plan (the subject, with a relative clause or
# appositions): a reporting verb of its own, a verb with a "that" clause ("agreed that"), a quotation.
_REPORTED = re.compile(r"\b(?:said|says|stated|noted|stressed|added|told|explained|emphasi[sz]ed|expressed|announced)\b"
                       r"|\b[a-z]+(?:ed|s)\s+that\b|[“”\"]")
# The subject of a plan when no rule names it: a pronoun, a name or title (a capital after the first word), or a
# delegation or office ("The special presidential delegation that visited ..."), before any relative clause.
_PLANNER = re.compile(r"^(?:He|She|They)\b|^(?!(?:The|A|An|This|That|These|Those|It|Its|Their|Our|Such)\b)[A-Z]|^\S+\s+(?:[^A-Z]*\s)?[A-Z]|\b(?:delegation|delegates|team|envoys?|officials?|chief|"
                      r"minister|president|secretary|leaders?)\b")
_RELATIVE = re.compile(r"\s+(?:that|who|which)\s")
_OPENING = re.compile(r"(?:In|On|At|During|After|Before|Meanwhile|In the meantime|Later|Then|Afterward|Afterwards|Also|"
                      r"While|Following|Upon|From|Next|Today|Tomorrow|This|That|Separately)\b[^;:“”\"]{0,200}?,\s+")
# A trailing clause naming the publishing office as the teller: "..., Cheong Wa Dae said.", "..., the ministry said."
_OFFICE_REPORT = re.compile(r",\s+(?:Cheong\s+Wa\s+Dae|the\s+(?:presidential\s+office|(?:[A-Z][a-z]+\s+)?(?:[Mm]inistry|[Oo]ffice|[Dd]epartment)"
                            r"(?:\s+of\s+[A-Z][\w\s]{2,40}?)?))\s+(?:said|announced|added|noted)\s*[.!]?\s*$")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|us|me|Let\s+me|let\s+me)\b")


def find_briefer(sentence: str, registry: SpeakerRegistry, date=None) -> tuple[str, str] | None:
    """``(speaker, side)`` of the official a header introduces what follows as the words of, or None.

    The side is the registry's; for a name the registry does not know, the side of a country the title names
    ("Spokesperson of the Republic of Korea"), else ``unknown``.

    Examples
    --------
    >>> from analysis.inputs.speakers import Speaker, SpeakerRegistry
    >>> registry = SpeakerRegistry((Speaker("Han Min-su", "ROK", aliases=("Han Min-su",)),
    ...                             Speaker("ROK side", "ROK", kind="collective", aliases=("the Republic of Korea",))))
    >>> find_briefer("The following is a briefing given this morning by Han Min-su, Senior Secretary.", registry)
    ('Han Min-su', 'ROK')
    >>> find_briefer("What follows is a statement by Park Ji-ho, Spokesperson of the Republic of Korea.", registry)
    ('Park Ji-ho', 'ROK')
    >>> find_briefer("The two sides agreed.", registry) is None
    True
    """
    match = _HEADER.search(sentence.strip())
    if match is None:
        return None
    who = match.group("who") or match.group("who2")
    for alias in iter_overlapping(registry.alias_pattern(), who):
        speaker = registry.resolve(alias.group(0), date)
        if speaker is not None and speaker.kind == "person":
            return speaker.name, speaker.side
    name, _, title = who.partition(",")
    name = _NAME.search(" ".join(name.split()))
    if name is None:
        return None
    sides = {speaker.side for alias in iter_overlapping(registry.alias_pattern(), title)
             if (speaker := registry.resolve(alias.group(0), date)) is not None and speaker.kind == "collective"}
    return name.group(0), (sides.pop() if len(sides) == 1 else "unknown")


def find_plan(sentence: str) -> str | None:
    """The plan verb if a sentence announces a plan or a schedule of its subject, else None ("President X is to embark on a trip",
    "The delegation that visited Y will head to Z", "They will discuss ..."): a plan verb in the main clause after
    an optional opening phrase and the subject, with no reporting verb or quotation before it.

    Examples
    --------
    >>> find_plan("In a time of crisis, President X plans to gather support."), find_plan("He will then head to Moscow.")
    ('plans to gather', 'will then head')
    >>> find_plan("She will say that ties matter."), find_plan("Wang Yi said that China is set to grow.")
    (None, None)
    """
    body = sentence.strip()
    opening = _OPENING.match(body)
    for start in (0, opening.end()) if opening else (0,):
        plan = _PLAN.search(body, start, start + 260)
        subject = _RELATIVE.split(body[start:plan.start()] if plan else "", maxsplit=1)[0]
        if plan is not None and not _REPORTED.search(body, start, plan.start()) and _PLANNER.search(subject) \
                and not re.search(r"\b[a-z]{3,}ed\b", subject):  # "They discussed plans to ...": a verb of its own
            return " ".join(plan.group(0).split())
    return None


def is_first_person(sentence: str) -> bool:
    """Whether a sentence speaks in the first person ("I hope ...", "Our government will ...").

    Examples
    --------
    >>> is_first_person("I hope you all had a good rest."), is_first_person("The President left.")
    (True, False)
    """
    return bool(_FIRST_PERSON.search(sentence))


def is_office_report(sentence: str) -> bool:
    """Whether a sentence ends with the publishing office as its teller ("..., Cheong Wa Dae said."): the page's own.

    Examples
    --------
    >>> is_office_report("Japan is the second country to take part, Cheong Wa Dae said."), is_office_report("X, Lee said.")
    (True, False)
    """
    return _OFFICE_REPORT.search(sentence) is not None
