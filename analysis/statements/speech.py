"""Speeches (genre ``speech``): every sentence is the delegate's own voice, except the words the
delegate reports from someone else.

A speech is one delegate speaking for a country (the UN General Debate). Every sentence gets
the delegate as ``speaker`` (the front-matter ``speaker`` key, resolved through the speakers
registry to its canonical name; empty: ``unknown``) and the front-matter ``side`` (else the
delegate's side), rule ``speech``, cue ``speaker``. A sentence that reports someone else's words
("As President Xi said, ...", "The DPRK claims that ...", "The Secretary-General has told us
that ...") keeps the delegate as speaker and fills ``reported_speaker`` / ``reported_side``
(cue: the reporting verb), as a press-conference turn does, so ``voice`` is the reported side;
"He added ..." right after it, in the same paragraph, continues the report. The delegate's own
side speaking as a collective ("China believes ...") or the delegate named in his own speech is
not a report; an event ("President Moon visited ...") is the delegate's narration.

**Dates of year precision.** The UN General Debate gives the year of a speech, not the day. A
role alias ("the ROK President") is resolved by the speech's date when it is known (a day
precision date), else within the year: narrowed to the part of the year in which the delegate
held a dated role of the registry (the speech was given in office), by any role overlapping
that period; when two holders overlap it (a change of office that year), the alias stays
unresolved rather than guessed (:func:`resolve_in_period`).

The Secretary-General and the President of the General Assembly, as reporting subjects
("Secretary-General Ban Ki-moon has said ..."), are reported with side ``UN`` whatever the
registry says of the person (Ban Ki-moon is registered as ROK for his own ROK speeches).
"""

from __future__ import annotations

import datetime as _dt
import re

import pandas as pd

from ..inputs.speakers import Speaker, SpeakerRegistry
from ..text.segmentation import split_paragraphs, split_sentences
from .cues import Cues
from .protocol import ProtocolCues, load_protocol_cues
from .rules import Attributor, is_subject_position

__all__ = ["SPEECH_GENRES", "attribute_speech", "find_delegate", "resolve_in_period", "speech_period"]

#: Genres attributed as speeches.
SPEECH_GENRES = ("speech",)

_SPECIAL = ("host", "joint", "narrator", "unknown")


def resolve_in_period(registry: SpeakerRegistry, mention: str, start: _dt.date, end: _dt.date) -> Speaker | None:
    """Who ``mention`` names during ``start`` .. ``end``: a name alias at any date, else the one
    holder of a role with that alias overlapping the period; None when nobody or several do.

    Examples
    --------
    >>> from analysis.inputs.speakers import Role
    >>> park = Speaker("Park Geun-hye", "ROK", roles=(Role("President", _dt.date(2013, 2, 25), _dt.date(2017, 3, 10), ("the ROK President",)),))
    >>> moon = Speaker("Moon Jae-in", "ROK", roles=(Role("President", _dt.date(2017, 5, 10), None, ("the ROK President",)),))
    >>> registry = SpeakerRegistry((park, moon))
    >>> resolve_in_period(registry, "the ROK President", _dt.date(2016, 1, 1), _dt.date(2016, 12, 31)).name
    'Park Geun-hye'
    >>> resolve_in_period(registry, "the ROK President", _dt.date(2017, 1, 1), _dt.date(2017, 12, 31)) is None  # two holders
    True
    >>> resolve_in_period(registry, "The ROK President", _dt.date(2017, 9, 1), _dt.date(2017, 12, 31)).name
    'Moon Jae-in'
    """
    named = registry.resolve(mention)
    if named is not None:
        return named
    holders = {}
    for speaker in registry.speakers:
        for role in speaker.roles:
            if (role.start or role.end) and _names(role.aliases, mention) and _overlaps(role, start, end):
                holders[speaker.name] = speaker
    return next(iter(holders.values())) if len(holders) == 1 else None


def speech_period(date, precision: str | None, delegate: Speaker | None = None) -> tuple[_dt.date, _dt.date]:
    """The period in which a speech was given: its day, or its year narrowed to the delegate's time in office.

    Parameters
    ----------
    date : date-like
        The document's ``date`` (a year-precision date is held at 1 January).
    precision : str or None
        ``"day"`` (or None) or ``"year"``.
    delegate : Speaker, optional
        The speaker; the dated roles overlapping the year narrow it.

    Returns
    -------
    (date, date)

    Examples
    --------
    >>> from analysis.inputs.speakers import Role
    >>> moon = Speaker("Moon Jae-in", "ROK", roles=(Role("President", _dt.date(2017, 5, 10), _dt.date(2022, 5, 9)),))
    >>> speech_period(pd.Timestamp("2017-01-01"), "year", moon)
    (datetime.date(2017, 5, 10), datetime.date(2017, 12, 31))
    >>> speech_period(pd.Timestamp("2020-05-13"), "day")
    (datetime.date(2020, 5, 13), datetime.date(2020, 5, 13))
    """
    day = pd.Timestamp(date).date()
    if precision != "year":
        return day, day
    start, end = _dt.date(day.year, 1, 1), _dt.date(day.year, 12, 31)
    roles = [r for r in (delegate.roles if delegate else ()) if (r.start or r.end) and _overlaps(r, start, end)]
    if not roles:
        return start, end
    return max(start, min(r.start or start for r in roles)), min(end, max(r.end or end for r in roles))


def find_delegate(registry: SpeakerRegistry, speaker, side) -> tuple[str, str, Speaker | None]:
    """The delegate of a speech: (canonical name, side, registry entry) from the front-matter keys.

    The front-matter ``side`` wins; else the registered speaker's; an unregistered name keeps its
    spelling with side ``unknown``; no name at all is ``unknown``.

    Examples
    --------
    >>> registry = SpeakerRegistry((Speaker("Moon Jae-in", "ROK", aliases=("President Moon",)),))
    >>> find_delegate(registry, "President Moon", None)[:2], find_delegate(registry, "", "DPRK")[:2]
    (('Moon Jae-in', 'ROK'), ('unknown', 'DPRK'))
    """
    name = speaker.strip() if isinstance(speaker, str) else ""
    side = side.strip() if isinstance(side, str) and side.strip() else None
    registered = registry.resolve(name) if name else None
    if registered is not None:
        return registered.name, side or registered.side, registered
    return (name or "unknown"), side or "unknown", None


def attribute_speech(document, registry: SpeakerRegistry, cues: Cues, protocol: ProtocolCues | None = None):
    """Attribute the sentences of one speech: ``(paragraph, start, end, who)`` for each, in order.

    Parameters
    ----------
    document : namedtuple or Series
        A row of the documents table: ``text``, ``date`` and, when present, ``date_precision``,
        ``speaker``, ``side``.
    registry : SpeakerRegistry
    cues : Cues
        The attribution cues (reporting verbs, pronouns).
    protocol : ProtocolCues, optional
        For the titles of the UN officers as reporting subjects.

    Yields
    ------
    tuple
        Paragraph number, start, end, and the attribution columns (``speaker``, ``side``, ``cue``,
        ``rule``, ``reported_speaker``, ``reported_side``).

    Examples
    --------
    >>> from analysis.statements.cues import load_cues
    >>> registry = SpeakerRegistry((Speaker("Moon Jae-in", "ROK"), Speaker("Xi Jinping", "CN", aliases=("President Xi",))))
    >>> doc = pd.Series({"text": "We seek peace. As President Xi said, peace is precious.", "date": pd.Timestamp("2019-01-01"),
    ...                  "date_precision": "year", "speaker": "Moon Jae-in", "side": "ROK"})
    >>> [(w["speaker"], w["rule"], w["reported_speaker"]) for *_, w in attribute_speech(doc, registry, load_cues())]
    [('Moon Jae-in', 'speech', None), ('Moon Jae-in', 'speech', 'Xi Jinping')]
    """
    protocol = protocol if protocol is not None else load_protocol_cues()
    name, side, delegate = find_delegate(registry, _field(document, "speaker"), _field(document, "side"))
    start, end = speech_period(_field(document, "date"), _field(document, "date_precision"), delegate)
    attributor = Attributor(_InPeriod(registry, start, end), cues, _field(document, "date"))
    text = _field(document, "text")
    for number, (p_start, p_end) in enumerate(split_paragraphs(text), start=1):
        reported = None
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sentence = text[s_start:s_end]
            found = _officer(sentence, registry, cues, protocol) or attributor.subject(sentence)
            cue = "speaker"
            if found and found[0] != "event" and not _is_own(registry, found[1], found[2], name, side):
                reported, cue = (found[1], found[2]), found[3]
            elif not (reported and (pronoun := attributor.pronoun(sentence)) and _is_person(registry, reported[0]) == (pronoun[0] != "They")):
                reported = None
            who = {"speaker": name, "side": side, "cue": cue, "rule": "speech",
                   "reported_speaker": reported[0] if reported else None, "reported_side": reported[1] if reported else None}
            yield number, s_start, s_end, who


class _InPeriod:
    """The registry, with role aliases resolved within the speech's period (see :func:`resolve_in_period`)."""

    def __init__(self, registry: SpeakerRegistry, start: _dt.date, end: _dt.date):
        self._registry, self._start, self._end = registry, start, end

    def resolve(self, mention: str, date=None) -> Speaker | None:
        return resolve_in_period(self._registry, mention, self._start, self._end)

    def __getattr__(self, name):
        return getattr(self._registry, name)


def _officer(sentence: str, registry: SpeakerRegistry, cues: Cues, protocol: ProtocolCues):
    """``("reporting", name, "UN", verb)`` when a UN officer by title is the reporting subject."""
    if not protocol.can_match("officer_titles", sentence):
        return None
    for match in protocol.officer_title_pattern.finditer(sentence):
        if not match.group(0)[:1].isupper() and not sentence[: match.start()].rstrip().endswith(("the", "The")):
            continue
        lead = re.search(r"(?:(?:the|The)\s+)?(?:(?:UN|United\s+Nations)\s+)?$", sentence[: match.start()])
        name = re.match(r"\s+(?P<name>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){0,3})", sentence[match.end() :])
        end = match.end() + (name.end() if name else 0)
        tail = cues.subject_tail.match(sentence, end)
        if tail is None or not is_subject_position(sentence, lead.start()):
            continue
        verb = " ".join(tail.group("verb").split())
        if cues.verb_kind.get(verb) != "reporting":
            return None
        person = registry.resolve(name.group("name")) if name else None
        label = person.name if person else (name.group("name") if name else " ".join(match.group(0).split()))
        return "reporting", label, "UN", verb
    return None


def _is_own(registry: SpeakerRegistry, name: str, side, delegate: str, delegate_side: str) -> bool:
    """The delegate, the host alias, or a collective of the delegate's own side: not a report."""
    if name in (delegate, "host"):
        return True
    speaker = registry.get(name)
    return speaker is not None and speaker.kind == "collective" and side == delegate_side


def _is_person(registry: SpeakerRegistry, name: str) -> bool:
    if name in _SPECIAL:
        return False
    speaker = registry.get(name)
    return speaker is None or speaker.kind == "person"


def _names(aliases, mention: str) -> bool:
    return any(alias == mention or alias[:1].upper() + alias[1:] == mention for alias in aliases)


def _overlaps(role, start: _dt.date, end: _dt.date) -> bool:
    return (role.start or _dt.date.min) <= end and start <= (role.end or _dt.date.max)


def _field(document, name):
    value = getattr(document, name, None) if not isinstance(document, (dict, pd.Series)) else document.get(name)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value
