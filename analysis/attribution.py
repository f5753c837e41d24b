"""Who said what: turn documents into speaker-attributed statements.

:func:`attribute_statements` returns one row per sentence of every document,
in order, none dropped (:data:`STATEMENT_COLUMNS`). The rules are those a
human reader of diplomatic readouts and press-conference transcripts applies:

Readouts, speeches and other narrated documents
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
    * a mention is not speech: an alias followed by ``'s`` or governed by a
      preposition ("under President Xi's leadership") changes nothing;
    * following sentences of the paragraph continue the stretch (rule
      ``continuation``), and so do pronoun openings "He said ..." (rule
      ``pronoun``, resolved to the last person named as a subject);
    * a paragraph that opens with no speaker continues the previous
      paragraph's person (rule ``carried``); otherwise the sentence is
      ``unknown``: it is kept and counted, never dropped.

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

Direct quotation ('President Moon said, "..."') is attributed like reported
speech: a quoted sentence after the first continues the stretch.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

from .segmentation import split_paragraphs, split_sentences
from .speakers import SpeakerRegistry, load_speakers

__all__ = [
    "STATEMENT_COLUMNS",
    "TURN_GENRES",
    "Cues",
    "assign_voice",
    "attribute_statements",
    "load_cues",
    "plot_document_sides",
    "plot_speaker_volume",
    "summarize_speakers",
]

STATEMENT_COLUMNS = (
    "statement_id",
    "doc_id",
    "date",
    "genre",
    "paragraph",
    "sentence",
    "speaker",
    "side",
    "cue",
    "rule",
    "reported_speaker",
    "reported_side",
    "start",
    "end",
    "n_words",
    "text",
)
TURN_GENRES = ("press-conference", "remarks", "interview")
_DEFAULT_CUES = Path(__file__).parent / "lexicons" / "cues.yaml"
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_ADVERBS = (
    r"also|first|further|then|highly|fully|warmly|again|once again|briefly|positively|"
    r"repeatedly|particularly|especially|sincerely|earnestly|in turn|recently|previously|"
    r"earlier|today|yesterday|has|have|had|publicly|openly|clearly|officially|personally|"
    r"specifically|separately|later|subsequently|finally|meanwhile|moreover"
)
# What may stand between a subject and its verb: "(ROK)", "of the Republic of Korea",
# ", State Councilor and Foreign Minister,", adverbs.
_GAP = (
    r"(?:\s*\([^()]{0,80}\))?"
    r"(?:\s+of\s+(?:[A-Z][\w'’.-]*|of|and|the)(?:\s+(?:[A-Z][\w'’.-]*|of|and|the))*(?:\s*\([^()]{0,40}\))?)?"
    r"(?:\s*,\s*[^,]{1,120}?,)?"
    rf"\s+(?:(?:{_ADVERBS})\s+)*"
)
# Words that may precede a subject: titles ("State Councilor and Foreign Minister", "ROK").
# (A question's auxiliary is not a title: "Has China sent ...?" reports nobody.)
_TITLE_LEAD = re.compile(
    r"(?:(?!(?:Has|Have|Had|Does|Do|Did|Is|Are|Was|Were|Will|Would|Can|Could|Should|Shall|May|Might|Must)\b)"
    r"[A-Z][\w'’.-]*(?:\s+(?:of|and|for|the|on))*\s+)*"
)
# Words that open an adverbial before the subject: "On November 26, ..., President Moon met".
_OPENERS = (
    r"On|In|At|During|After|Before|According to|Meanwhile|Also|Later|Then|Upon|Under|Over|"
    r"Through|Following|Besides|Moreover|Furthermore|Since|When|While|Last|This|Yesterday|"
    r"Today|Recently|Earlier|Previously|Separately|Additionally|Finally|First|Second|Third|"
    r"Fourth|Fifth|Lastly|Regarding|As for|As to|With|For|From|Speaking|Addressing|Meeting|"
    r"Talking|Asked|Commenting|Responding|Answering|Likewise|Similarly|However|But|And|Thus|"
    r"Therefore|Notably|Specifically|Importantly|Ahead of|Via|By|Once|Again|Earlier"
)
_LEADING_ADVERBIAL = rf"(?:(?:{_OPENERS})\b[^;:]{{0,160}}?,\s+)?"
_REPORT_FRAME = r"(?:It\s+(?:is|was|has\s+been)\s+(?:reported|said)|Reports?\s+(?:say|said|says))\s+that\s+"
_SUBJECT_PREFIX = re.compile(
    rf"(?:(?:{_OPENERS})\b[^;:]{{0,160}},\s+"  # an opening adverbial: "On May 13, ..., "
    rf"|[^;:]{{0,200}}?,\s+(?:and|but|while|whereas)\s+"  # a coordinated clause: "..., and X said"
    rf"|{_REPORT_FRAME})?"  # a report frame: "It has been reported that X said"
    rf"(?P<lead>{_TITLE_LEAD.pattern})"
)
_COORDINATED = re.compile(r"\s*(?:,|&|and\b)")
_LABEL = re.compile(r"([^:\n]{1,60}?)\s*:\s*")
_OUTLET_WORD = re.compile(r"(?:&?[A-Z][\w'’&.-]*|&|of|the|and|for|de|la|du)")


@dataclasses.dataclass(frozen=True)
class Cues:
    """The cue lexicon of the attribution; see ``analysis/lexicons/cues.yaml``."""

    reporting: tuple[str, ...]
    event: tuple[str, ...]
    joint_subjects: tuple[str, ...]
    joint_verbs: tuple[str, ...]
    pronouns: tuple[str, ...]
    question_labels: tuple[str, ...]
    answer_labels: tuple[str, ...]
    question_notes: tuple[str, ...]
    not_outlets: tuple[str, ...]
    person_titles: tuple[str, ...]
    institutions: tuple[str, ...]

    @cached_property
    def verb_kind(self) -> dict[str, str]:
        kinds = {verb: "event" for verb in self.event}
        kinds.update({verb: "reporting" for verb in self.reporting})
        return kinds

    @cached_property
    def subject_tail(self) -> re.Pattern:
        """Matches from the end of a subject: the gap, then a reporting or event verb."""
        return re.compile(self.gap + rf"(?P<verb>{_alternation(self.verb_kind)})(?![\w-])")

    @cached_property
    def gap(self) -> str:
        """What may stand between a subject and its verb: an institution of the subject's side
        ("The ROK military said"), "(ROK)", "of the Republic of Korea", an appositive, adverbs."""
        return rf"(?:\s+(?:{_alternation(self.institutions)})(?![\w-]))?" + _GAP

    @cached_property
    def joint(self) -> re.Pattern:
        verbs = _alternation((*self.verb_kind, *self.joint_verbs))
        return re.compile(
            rf"{_LEADING_ADVERBIAL}(?P<subject>{_alternation(self.joint_subjects)})(?![\w-]){self.gap}(?P<verb>{verbs})(?![\w-])"
        )

    @cached_property
    def pronoun(self) -> re.Pattern:
        return re.compile(
            rf"{_LEADING_ADVERBIAL}(?P<subject>{_alternation(self.pronouns)})\b"
            rf"(?:\s+(?:(?:{_ADVERBS})\s+)*(?P<verb>{_alternation(self.verb_kind)})(?![\w-]))?"
        )

    @cached_property
    def unregistered(self) -> re.Pattern:
        titles = _alternation(self.person_titles)
        name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
        return re.compile(rf"(?<![\w-])(?:{titles})\s+{name}")

    @cached_property
    def note(self) -> re.Pattern:
        return re.compile(rf"(?:{_alternation(self.question_notes)})[^:]*:\s*", re.IGNORECASE)


def load_cues(path: str | Path | None = None) -> Cues:
    """Read a cue lexicon (default: ``analysis/lexicons/cues.yaml``).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file with the keys of :class:`Cues`, each a list of phrases.

    Returns
    -------
    Cues

    Raises
    ------
    ValueError
        Naming the file and the key that is missing or not a list of strings.
    """
    path = Path(path) if path is not None else _DEFAULT_CUES
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    values = {}
    for field in dataclasses.fields(Cues):
        items = data.get(field.name)
        if not (isinstance(items, list) and all(isinstance(i, str) and i for i in items)):
            raise ValueError(f"{path}: key `{field.name}` must be a list of phrases; see {_DEFAULT_CUES}")
        values[field.name] = tuple(items)
    return Cues(**values)


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
        The documents table (:func:`analysis.corpus.load_corpus`): needs
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
        the document ``text``), ``n_words`` and ``text``.

    Examples
    --------
    >>> from analysis.speakers import Speaker, SpeakerRegistry
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
        raise KeyError(f"documents table lacks column(s) {sorted(missing)}; load it with analysis.corpus.load_corpus")
    rows: list[dict] = []
    has_host = "host" in documents.columns
    for doc in documents.itertuples(index=False):
        host = getattr(doc, "host", None) if has_host else None
        attributor = _Attributor(registry, cues, doc.date)
        if doc.genre in TURN_GENRES:
            found = attributor.turns(doc.text, _host(registry, doc.title, host))
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
                    "n_words": len(_WORD.findall(doc.text, start, end)),
                    "text": doc.text[start:end],
                }
            )
    frame = pd.DataFrame(rows, columns=list(STATEMENT_COLUMNS))
    for column in ("paragraph", "sentence", "start", "end", "n_words"):
        frame[column] = frame[column].astype("int64")
    return frame


def summarize_speakers(statements: pd.DataFrame, *, by: tuple[str, ...] = ("side", "speaker")) -> pd.DataFrame:
    """Count statements and words per group, with each group's share.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table.
    by : tuple of str, default ("side", "speaker")
        Grouping columns; add ``"doc_id"`` for per-document counts.

    Returns
    -------
    pandas.DataFrame
        Columns ``by`` + ``n_statements``, ``n_words``, ``n_documents``,
        ``share_statements`` and ``share_words`` (within the whole table),
        sorted by ``n_words`` descending then the group names.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b"], "side": ["CN", "ROK", "CN"],
    ...                    "speaker": ["Xi", "Moon", "Xi"], "n_words": [10, 5, 5]})
    >>> summarize_speakers(st)[["speaker", "n_statements", "n_words"]].values.tolist()
    [['Xi', 2, 15], ['Moon', 1, 5]]
    """
    by = list(by)
    table = (
        statements.groupby(by, observed=True, dropna=False)
        .agg(n_statements=("doc_id", "size"), n_words=("n_words", "sum"), n_documents=("doc_id", "nunique"))
        .reset_index()
    )
    table["share_statements"] = table["n_statements"] / max(len(statements), 1)
    table["share_words"] = table["n_words"] / max(int(statements["n_words"].sum()), 1)
    return table.sort_values(["n_words", *by], ascending=[False, *[True] * len(by)], kind="stable").reset_index(drop=True)


def plot_speaker_volume(summary: pd.DataFrame, *, ax=None, label: str = "speaker", top: int = 15, value: str = "n_words"):
    """Horizontal bars of words (or statements) per speaker or side, coloured by side.

    Parameters
    ----------
    summary : pandas.DataFrame
        The result of :func:`summarize_speakers` (needs ``side``, ``label`` and ``value``).
    ax : matplotlib.axes.Axes, optional
    label : str, default "speaker"
        The column that names the bars (``"side"`` for a by-side summary).
    top : int, default 15
        How many bars to show (the largest).
    value : {"n_words", "n_statements"}

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    from .style import side_colors

    if ax is None:
        _, ax = plt.subplots()
    shown = summary.nlargest(top, value, keep="first").iloc[::-1]
    colors = side_colors(shown["side"])
    bars = ax.barh(shown[label].astype(str), shown[value], color=[colors[s] for s in shown["side"]])
    ax.bar_label(bars, labels=[f"{v:,}" for v in shown[value]], padding=2, fontsize=7)
    if label != "side":
        for side in sorted(shown["side"].unique()):
            ax.barh([shown[label].iloc[-1]], [0], color=colors[side], label=side)  # one legend entry per side
        ax.legend(title="side", frameon=False, loc="lower right")
    ax.set_xlabel("words" if value == "n_words" else "statements")
    ax.margins(x=0.12)
    return ax


def plot_document_sides(per_document: pd.DataFrame, *, ax=None, value: str = "n_words"):
    """Stacked bars of each document's words (or statements) by side, in date order.

    Parameters
    ----------
    per_document : pandas.DataFrame
        :func:`summarize_speakers` by ``("doc_id", "side")``, with a ``date`` column
        (merge it from the documents table).
    ax : matplotlib.axes.Axes, optional
    value : {"n_words", "n_statements"}

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    from .style import side_colors

    if ax is None:
        _, ax = plt.subplots()
    order = per_document.groupby("doc_id")["date"].first().sort_values(kind="stable")
    wide = per_document.pivot_table(index="doc_id", columns="side", values=value, aggfunc="sum", fill_value=0).reindex(order.index)
    colors = side_colors(wide.columns)
    positions = range(len(wide))
    bottom = pd.Series(0.0, index=wide.index)
    for side in sorted(wide.columns):
        ax.bar(positions, wide[side], bottom=bottom, width=1.0, color=colors[side], label=side, linewidth=0)
        bottom = bottom + wide[side]
    step = max(1, len(wide) // 8)
    ax.set_xticks(list(positions)[::step], [d.strftime("%Y-%m-%d") for d in order.iloc[::step]], rotation=45, ha="right")
    ax.set_xlabel("documents, in date order")
    ax.set_ylabel("words" if value == "n_words" else "statements")
    ax.set_ylim(0, float(bottom.max()) * 1.3 if len(bottom) else 1)  # room for the legend above the bars
    ax.legend(title="side", frameon=False, ncols=min(len(wide.columns), 6), loc="upper left")
    return ax


# ----------------------------------------------------------------------------- rules


def _alternation(phrases) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def _host(registry: SpeakerRegistry, title: str, host) -> tuple[str, str]:
    if isinstance(host, str) and host.strip():
        speaker = registry.resolve(host.strip())
        return (speaker.name, speaker.side) if speaker else (host.strip(), "unknown")
    speaker = registry.find_host(title or "")
    if speaker is not None:
        return speaker.name, speaker.side
    match = re.search(r"Spokesperson\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)", title or "")
    if match:
        return match.group(1), "unknown"
    return "unknown", "unknown"


def _who(speaker, side, cue, rule, reported=(None, None)) -> dict:
    return {
        "speaker": speaker,
        "side": side,
        "cue": cue,
        "rule": rule,
        "reported_speaker": reported[0],
        "reported_side": reported[1],
    }


_UNKNOWN = ("unknown", "unknown")


class _Attributor:
    """Attribution state for one document."""

    def __init__(self, registry: SpeakerRegistry, cues: Cues, date):
        self.registry = registry
        self.cues = cues
        self.date = date
        self.last_person: tuple[str, str] | None = None

    # -- subjects -------------------------------------------------------------------
    def subject(self, sentence: str):
        """``(kind, speaker, side, cue)`` for a sentence's speaking subject, or None."""
        joint = self.cues.joint.match(sentence)
        if joint:
            return "joint", "joint", "joint", joint.group("verb")
        for match in _overlapping(self.registry.alias_pattern(), sentence):
            found = self._registered(sentence, match)
            if found:
                return found
        for match in self.cues.unregistered.finditer(sentence):
            tail = self.cues.subject_tail.match(sentence, match.end())
            if tail and _is_subject_position(sentence, match.start()):
                name = " ".join(match.group(0).split())
                return self.cues.verb_kind[_norm(tail.group("verb"))], name, "unknown", _norm(tail.group("verb"))
        return None

    def _registered(self, sentence: str, match: re.Match):
        if sentence[match.end() : match.end() + 2] in ("'s", "’s") or not _is_subject_position(
            sentence, match.start(), self.registry.alias_pattern()
        ):
            return None
        tail = self.cues.subject_tail.match(sentence, match.end())
        if tail is None:
            return None
        verb = _norm(tail.group("verb"))
        mention = match.group(0)
        if self.registry.is_host_alias(mention):
            if re.match(r"\s+of\b", sentence[match.end() :]):
                return None  # "the spokesperson of the Ministry of Commerce" is someone else
            return self.cues.verb_kind[verb], "host", None, verb
        speaker = self.registry.resolve(mention, self.date)
        if speaker is None:
            return None
        return self.cues.verb_kind[verb], speaker.name, speaker.side, verb

    def pronoun(self, sentence: str):
        match = self.cues.pronoun.match(sentence)
        if not match:
            return None
        return match.group("subject"), (_norm(match.group("verb")) if match.group("verb") else None)

    # -- narrated documents ---------------------------------------------------------------
    def narrated(self, text: str):
        previous: tuple[str, str, str] | None = None  # speaker, side, cue of the last paragraph's stretch
        for number, (p_start, p_end) in enumerate(split_paragraphs(text), start=1):
            current = None
            for index, (start, end) in enumerate(split_sentences(text, p_start, p_end)):
                sentence = text[start:end]
                found = self.subject(sentence)
                if found and found[0] == "joint":
                    current = ("joint", "joint", found[3])
                    who = _who("joint", "joint", found[3], "joint")
                elif found and found[0] == "event":
                    _, name, side, verb = found
                    self._remember(name, side)
                    current = ("narrator", "narrator", verb)
                    who = _who("narrator", "narrator", verb, "event")
                elif found and current is not None and self._speaks_for(found[1], found[2], current):
                    who = _who(current[0], current[1], current[2], "continuation")
                elif found:
                    _, name, side, verb = found
                    self._remember(name, side)
                    current = (name, side, verb)
                    who = _who(name, side, verb, "reporting")
                elif (pronoun := self.pronoun(sentence)) and (self.last_person or current):
                    subject, verb = pronoun
                    if subject == "They" and current and current[0] == "joint":
                        current = ("joint", "joint", verb or subject)
                    else:
                        person = self.last_person or (current[0], current[1])
                        current = (person[0], person[1], verb or subject)
                    who = _who(current[0], current[1], current[2], "pronoun")
                elif current is not None:
                    who = _who(current[0], current[1], current[2], "continuation")
                elif index == 0 and previous is not None and previous[1] not in ("joint", "narrator"):
                    current = previous
                    who = _who(current[0], current[1], current[2], "carried")
                else:
                    who = _who(*_UNKNOWN, None, "unknown")
                yield number, start, end, who
            previous = current

    def _remember(self, name: str, side: str | None) -> None:
        if self._is_person(name) and side is not None:
            self.last_person = (name, side)

    def _speaks_for(self, name: str, side: str | None, current) -> bool:
        """Whether a collective subject ("The ROK", "China") is the current speaker's own side."""
        speaker = self.registry.get(name)
        return speaker is not None and speaker.kind == "collective" and side == current[1]

    def _is_person(self, name: str) -> bool:
        if name in ("host", "joint", "narrator", "unknown"):
            return False
        speaker = self.registry.get(name)
        return speaker is None or speaker.kind == "person"  # unregistered names come with a title

    # -- turn-taking documents ------------------------------------------------------------
    def turns(self, text: str, host: tuple[str, str]):
        turn = (host[0], host[1], "title", "opening")
        for number, (p_start, p_end) in enumerate(split_paragraphs(text), start=1):
            body_start = p_start
            note = self.cues.note.match(text, p_start, p_end)
            if note:
                preamble_end = note.end()
                while preamble_end > p_start and text[preamble_end - 1].isspace():
                    preamble_end -= 1
                yield number, p_start, preamble_end, _who("narrator", "narrator", "note", "note")
                turn = ("journalist", "press", "note", "turn")
                body_start = note.end()
            else:
                label = _LABEL.match(text, p_start, p_end)
                decided = self._turn(label.group(1), host) if label else None
                if decided is not None:
                    turn = (*decided, "turn")
                    body_start = label.end()
                elif turn[3] == "turn":
                    turn = (turn[0], turn[1], turn[2], "turn-continued")
            if body_start >= p_end:
                continue
            reported = None
            for start, end in split_sentences(text, body_start, p_end):
                sentence = text[start:end]
                found = self.subject(sentence)
                if found and found[0] != "event" and not self._speaks_for(found[1], found[2], turn):
                    _, name, side, _ = found
                    if name == "host":
                        name, side = host
                    elif side not in ("joint", "unknown"):
                        self._remember(name, side)
                    reported = (name, side)
                elif (pronoun := self.pronoun(sentence)) and reported is not None and (
                    self._is_person(reported[0]) == (pronoun[0] != "They")
                ):
                    pass  # "He added ..." continues a reported person, "They ..." a group
                else:
                    reported = None
                yield number, start, end, _who(turn[0], turn[1], turn[2], turn[3], reported or (None, None))

    def _turn(self, label: str, host: tuple[str, str]):
        label = " ".join(re.sub(r"\b([A-Z]) (?=[a-z])", r"\1", label).split())
        if label in self.cues.answer_labels:
            return host[0], host[1], f"{label}:"
        if label in self.cues.question_labels or re.search(r"\b(?:[Jj]ournalist|[Rr]eporter)\b", label):
            return "journalist", "press", f"{label}:"
        speaker = self.registry.resolve(label, self.date) or self.registry.resolve(label.title(), self.date)
        if speaker is not None:
            return speaker.name, speaker.side, f"{label}:"
        if _is_outlet(label, self.cues):
            return label, "press", f"{label}:"
        return None


def assign_voice(statements: pd.DataFrame) -> pd.DataFrame:
    """Add ``voice`` and ``voice_speaker``: whose position each statement expresses.

    ``voice`` is ``reported_side`` when the statement reports someone's words ("President Moon
    said ..." in a journalist's question), else ``side``; ``voice_speaker`` likewise from
    ``reported_speaker`` / ``speaker``. The input is not changed.

    Examples
    --------
    >>> st = pd.DataFrame({"speaker": ["Geng Shuang", "journalist"], "side": ["CN", "press"],
    ...                    "reported_speaker": [None, "Moon Jae-in"], "reported_side": [None, "ROK"]})
    >>> assign_voice(st)[["voice", "voice_speaker"]].values.tolist()
    [['CN', 'Geng Shuang'], ['ROK', 'Moon Jae-in']]
    """
    missing = {"speaker", "side"} - set(statements.columns)
    if missing:
        raise KeyError(f"statements lack column(s) {sorted(missing)}; make them with analysis.attribution.attribute_statements")
    out = statements.copy()
    reported_side = out["reported_side"] if "reported_side" in out else pd.Series(None, index=out.index, dtype=object)
    reported_speaker = out["reported_speaker"] if "reported_speaker" in out else pd.Series(None, index=out.index, dtype=object)
    out["voice"] = reported_side.where(reported_side.notna(), out["side"]).astype(object)
    out["voice_speaker"] = reported_speaker.where(reported_side.notna() & reported_speaker.notna(), out["speaker"]).astype(object)
    return out


def _overlapping(pattern: re.Pattern, text: str):
    """Every match of ``pattern``, one per start position, longest first ("The ROK President"
    yields "The ROK" and then "ROK President")."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match
        position = match.start() + 1


def _is_subject_position(sentence: str, position: int, aliases: re.Pattern | None = None) -> bool:
    """Whether a mention at ``position`` can be the subject.

    Only titles may stand before it, after an optional adverbial ("On May 13, ROK
    President ..."); another speaker coordinated with it makes a compound subject
    ("The ROK and China have ...") that is nobody's speech.
    """
    match = _SUBJECT_PREFIX.fullmatch(sentence, 0, position)
    if match is None:
        return False
    if aliases is not None:
        for other in aliases.finditer(sentence, match.start("lead"), position):
            if _COORDINATED.match(sentence, other.end()):
                return False
    return True


def _is_outlet(label: str, cues: Cues) -> bool:
    words = label.split()
    return (
        0 < len(words) <= 8
        and label not in cues.not_outlets
        and not re.search(r"(?<![A-Z])\d", label)  # "At 10:00" is a time; "CCTV4" an outlet
        and words[0][0].isupper()
        and all(_OUTLET_WORD.fullmatch(word) for word in words)
    )


def _norm(verb: str) -> str:
    return " ".join(verb.split())
