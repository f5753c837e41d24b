"""Who said what: turn documents into speaker-attributed statements.

:func:`attribute_statements` returns one row per sentence of every document,
in order, none dropped (:data:`STATEMENT_COLUMNS`). The rules are those a
human reader of diplomatic readouts and press-conference transcripts applies:

Readouts, speeches and other narrated documents (subjects found by
:class:`analysis.statements.subjects.SubjectFinder`: noun phrases before a
reporting or event verb, after list markers and opening phrases, with
appositions and adverbs between subject and verb; joint subjects by structure;
bare offices and surnames resolved to the speakers the document names)
    * a registered speaker (``corpus/speakers.yaml``) as the subject of a
      reporting verb opens a stretch: "President Xi noted that ..." (rule
      ``reporting``, cue ``noted``); an unregistered name behind a courtesy
      title does too ("Prime Minister Justin Trudeau said ..."), with side
      ``unknown`` until the speaker is registered;
    * the same subject with a verb of the event itself ("held talks with",
      "had a telephone conversation with") is the reporting voice: speaker and
      side ``narrator`` (rule ``event``);
    * "Both sides / The two sides / The two leaders" with a reporting, event or
      joint verb: speaker and side ``joint`` (rule ``joint``); "Both sides
      should ..." inside a speaker's paragraph stays that speaker's;
    * on a presidential office's page, "The President" is the office's own president at the page's date
      (:mod:`analysis.statements.principals`), not the last foreign president named;
    * a mention is not speech: an alias followed by ``'s`` or governed by a
      preposition ("under President Xi's leadership") changes nothing;
    * following sentences of the paragraph continue the stretch (rule
      ``continuation``), and so do pronoun openings "He said ..." (rule
      ``pronoun``, resolved to the last person named as a subject);
    * a paragraph that opens with no speaker would continue the previous
      paragraph's person (rule ``carried``), but that guess was right 5 times
      in 13 on house styles the rules had not seen, so by default
      (:data:`analysis.statements.confidence.WITHHELD_RULES`) the sentence is
      ``unknown``, as is any sentence without a speaker: kept and counted,
      never dropped; so is a paragraph without a subject after the page's own
      paragraph (rule ``background``, withheld since the tenth round), and a
      paragraph opening with a clause-less quotation after a paragraph that
      quoted its person goes on with that person (rule ``quote-continued``).

Press conferences, remarks and interviews (:data:`TURN_GENRES`)
    * ``Q:`` / ``Follow-up:`` / ``Journalist:`` turns: speaker ``journalist``,
      side ``press``; an outlet label ("Reuters:") becomes the speaker;
    * ``A:`` turns, turns labelled with the host's name, continuation
      paragraphs and the opening announcements: the host (the spokesperson
      named in the title, or the ``host`` front-matter key), side from the
      registry;
    * a report of another's words inside a turn ("President Moon said ...",
      and "He added ..." after it in the same paragraph) fills
      ``reported_speaker`` / ``reported_side``.

Speeches (:data:`analysis.statements.speech.SPEECH_GENRES`)
    * every sentence is the delegate's (front-matter ``speaker`` and ``side``), rule ``speech``;
      words the delegate reports from someone else fill ``reported_speaker`` /
      ``reported_side`` (:mod:`analysis.statements.speech`).

Direct quotation ('President Moon said, "..."') is attributed like reported
speech: a quoted sentence after the first continues the stretch. The courtesies of
a speech to the Assembly's officers are flagged ``protocol``
(:mod:`analysis.statements.protocol`).

Speeches in a language these rules do not read (Korean)
    every sentence is the speech's ``speaker`` (front matter), rule ``speech``
    (:mod:`analysis.statements.own_voice`); sentences come from the language's
    segmenter and ``n_words`` counts the language's words.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..inputs.speakers import SpeakerRegistry, load_speakers
from ..text.tokens import n_words
from .confidence import assign_confidence
from .cues import Cues, load_cues
from .own_voice import attribute_own_voice, is_own_voice
from .principals import find_principal
from .protocol import flag_protocol, load_protocol_cues
from .rules import Attributor, find_host
from .schema import STATEMENT_COLUMNS, TURN_GENRES, VOICE_COLUMNS, assign_voice
from .speech import SPEECH_GENRES, attribute_speech

__all__ = ["attribute_statements"]


def attribute_statements(
    documents: pd.DataFrame,
    speakers: SpeakerRegistry | str | Path,
    *,
    cues: Cues | None = None,
) -> pd.DataFrame:
    """Split documents into sentences and attribute each to a speaker and side.

    Parameters
    ----------
    documents : pandas.DataFrame
        The documents table (:func:`analysis.inputs.corpus.load_corpus`): needs
        ``doc_id``, ``date``, ``genre``, ``title``, ``text``; an optional
        ``host`` column names the host of a press conference or interview.
    speakers : SpeakerRegistry or path
        The registry, or the path of a speakers file.
    cues : Cues, optional
        The cue lexicon; :func:`load_cues` by default.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in document order, with :data:`STATEMENT_COLUMNS`:
        ``statement_id`` (``doc_id:sentence``), ``paragraph`` and ``sentence``
        (1-based, ``sentence`` counts within the document), ``speaker`` (canonical
        name, ``journalist``, an outlet, ``joint``, ``narrator`` or ``unknown``),
        ``side``, ``cue`` (the verb or turn marker that decided it), ``rule``
        (which rule applied), ``reported_speaker``/``reported_side`` (whose words
        a press-conference turn reports), ``start``/``end`` (character span in
        the document ``text``), ``n_words`` and ``text``; ``voice`` and ``voice_speaker``
        (:func:`analysis.statements.schema.assign_voice`), computed here once for every later stage;
        ``protocol`` (bool, :func:`analysis.statements.protocol.flag_protocol`).

    Examples
    --------
    >>> from analysis.inputs.speakers import Speaker, SpeakerRegistry
    >>> registry = SpeakerRegistry((Speaker("Xi Jinping", "CN", aliases=("President Xi",)),
    ...                             Speaker("Moon Jae-in", "ROK", aliases=("President Moon",))))
    >>> docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2020-05-13")],
    ...     "genre": ["readout"], "title": ["Call"],
    ...     "text": ["President Xi noted that ties are close. He said more.\\n\\n"
    ...              "President Moon commended it under President Xi's leadership. "
    ...              "Both sides agreed to meet."]})
    >>> attribute_statements(docs, registry)[["speaker", "side", "cue", "rule"]]
           speaker   side        cue       rule
    0   Xi Jinping     CN      noted  reporting
    1   Xi Jinping     CN       said    pronoun
    2  Moon Jae-in    ROK  commended  reporting
    3        joint  joint     agreed      joint
    """
    registry = speakers if isinstance(speakers, SpeakerRegistry) else load_speakers(speakers)
    cues = cues if cues is not None else load_cues()
    missing = {"doc_id", "date", "genre", "title", "text"} - set(documents.columns)
    if missing:
        raise KeyError(f"documents table lacks column(s) {sorted(missing)}; load it with analysis.inputs.corpus.load_corpus")
    protocol = load_protocol_cues()  # once for every speech of the table
    rows: list[dict] = []
    has_host = "host" in documents.columns
    for doc in documents.itertuples(index=False):
        host = getattr(doc, "host", None) if has_host else None
        language = getattr(doc, "language", None) or "en"
        principal = find_principal(registry, getattr(doc, "house", None), getattr(doc, "source", None), doc.date)
        attributor = Attributor(registry, cues, doc.date, principal=principal)
        if is_own_voice(doc.genre, language):
            found = attribute_own_voice(doc.text, language, registry, getattr(doc, "speaker", None), getattr(doc, "side", None), doc.date)
        elif doc.genre in TURN_GENRES:
            found = attributor.turns(doc.text, find_host(registry, doc.title, host))
        elif doc.genre in SPEECH_GENRES:
            found = attribute_speech(doc, registry, cues, protocol)  # analysis.statements.speech
        else:
            found = attributor.narrated(doc.text)
        for number, (paragraph, start, end, who) in enumerate(found, start=1):
            rows.append(
                {
                    "statement_id": f"{doc.doc_id}:{number}",
                    "doc_id": doc.doc_id,
                    "date": doc.date,
                    "genre": doc.genre,
                    "paragraph": paragraph,
                    "sentence": number,
                    **who,
                    "start": start,
                    "end": end,
                    "n_words": n_words(doc.text[start:end], language),
                    "text": doc.text[start:end],
                }
            )
    frame = pd.DataFrame(rows, columns=[c for c in STATEMENT_COLUMNS[: -len(VOICE_COLUMNS) - 1] if c != "confidence"])
    frame.insert(frame.columns.get_loc("rule") + 1, "confidence", assign_confidence(frame) if len(frame) else pd.Series(dtype=float))
    for column in ("paragraph", "sentence", "start", "end", "n_words"):
        frame[column] = frame[column].astype("int64")
    return flag_protocol(assign_voice(frame), protocol)
