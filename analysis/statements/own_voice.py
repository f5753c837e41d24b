"""Speeches in a language the narrated rules do not read: every sentence is the speaker's own voice.

The attribution rules of :mod:`analysis.statements.rules` read English reporting verbs. A speech
is one speaker's own words from the first sentence to the last, so a speech in another language
(the President's Korean speeches) needs no reporting verb: :func:`attribute_own_voice` gives
every sentence to the speaker named in the document's front matter (``speaker``), with the side
the speakers registry gives that name (else the front matter's ``side``), rule ``speech`` and cue
``speech``. Sentences come from the language's segmenter
(:data:`analysis.text.segmentation.SEGMENTERS`). English speeches keep the narrated rules.
"""

from __future__ import annotations

from ..inputs.speakers import SpeakerRegistry
from ..text.segmentation import iter_sentence_spans

__all__ = ["NARRATED_LANGUAGES", "attribute_own_voice", "is_own_voice"]

#: Languages whose documents the narrated (reporting-verb) rules read.
NARRATED_LANGUAGES = ("en",)


def is_own_voice(genre: str, language: str | None) -> bool:
    """Whether a document is attributed by :func:`attribute_own_voice`: a speech in a language the
    narrated rules do not read.

    Examples
    --------
    >>> is_own_voice("speech", "ko"), is_own_voice("speech", "en"), is_own_voice("readout", "ko")
    (True, False, False)
    """
    return genre == "speech" and (language or "en") not in NARRATED_LANGUAGES


def attribute_own_voice(text: str, language: str, registry: SpeakerRegistry, speaker, side=None, date=None) -> list:
    """``(paragraph, start, end, who)`` for every sentence of a speech: all of it the speaker's.

    Parameters
    ----------
    text : str
        The document text.
    language : str
        Its language (a key of :data:`analysis.text.segmentation.SEGMENTERS`).
    registry : SpeakerRegistry
        Resolves ``speaker`` (canonical name or alias) to a registered speaker and side.
    speaker : str or None
        The front matter's ``speaker``; missing: every sentence is ``unknown``.
    side : str, optional
        The front matter's ``side``, used when the registry does not know the speaker.
    date : optional
        The document date, for role aliases.

    Returns
    -------
    list of tuple
        ``who`` holds ``speaker``, ``side``, ``cue``, ``rule`` (``speech``, or ``unknown``
        without a speaker), ``reported_speaker`` and ``reported_side`` (None).

    Examples
    --------
    >>> from analysis.inputs.speakers import Speaker, SpeakerRegistry
    >>> registry = SpeakerRegistry((Speaker("Moon Jae-in", "ROK", aliases=("문재인 대통령",)),))
    >>> [(a, b, who["speaker"], who["side"], who["rule"]) for _, a, b, who in
    ...  attribute_own_voice("감사합니다.그동안 고마웠습니다.", "ko", registry, "Moon Jae-in")]
    [(0, 6, 'Moon Jae-in', 'ROK', 'speech'), (6, 17, 'Moon Jae-in', 'ROK', 'speech')]
    """
    name = speaker if isinstance(speaker, str) and speaker.strip() else None
    found = registry.resolve(name, date) if name else None
    if found is not None:
        name, side = found.name, found.side
    elif name is None:
        name, side = "unknown", "unknown"
    else:
        side = side if isinstance(side, str) and side.strip() else "unknown"
    rule = "speech" if name != "unknown" else "unknown"
    who = {"speaker": name, "side": side, "cue": "speech" if rule == "speech" else None, "rule": rule,
           "reported_speaker": None, "reported_side": None}
    return [(paragraph, start, end, dict(who)) for paragraph, (start, end) in iter_sentence_spans(text, language)]
