"""The attribution rules: who is the speaking subject of a sentence, and how stretches and turns go on.

:class:`Attributor` applies the rules described in :mod:`analysis.statements.attribution` to one
document: :meth:`Attributor.narrated` for readouts and speeches, :meth:`Attributor.turns` for
press conferences, remarks and interviews.
"""

from __future__ import annotations

import re

from ..inputs.speakers import SpeakerRegistry
from ..text.patterns import iter_overlapping
from ..text.segmentation import iter_sentence_spans, split_paragraphs, split_sentences
from .announcements import find_briefer, find_plan, is_first_person, is_office_report
from .confidence import WITHHELD_RULES
from .occasions import find_recollection, is_caption
from .cues import OPENERS, Cues
from .inversions import is_talk_evaluated
from .openings import OUTLET_TAG, strip_opening, strip_topic
from .subjects import SubjectFinder

__all__ = ["Attributor", "find_host", "is_subject_position"]

# Words that may precede a subject: titles ("State Councilor and Foreign Minister", "ROK").
# (A question's auxiliary is not a title: "Has China sent ...?" reports nobody.)
_TITLE_LEAD = re.compile(
    r"(?:(?!(?:Has|Have|Had|Does|Do|Did|Is|Are|Was|Were|Will|Would|Can|Could|Should|Shall|May|Might|Must)\b)"
    r"[A-Z][\w'’.-]*(?:\s+(?:of|and|for|the|on))*\s+)*"
)

_REPORT_FRAME = r"(?:It\s+(?:is|was|has\s+been)\s+(?:reported|said)|Reports?\s+(?:say|said|says))\s+that\s+"

_SUBJECT_PREFIX = re.compile(
    rf"(?:(?:{OPENERS})\b[^;:]{{0,160}},\s+"  # an opening adverbial: "On May 13, ..., "
    rf"|[^;:]{{0,200}}?,\s+(?:and|but|while|whereas)\s+"  # a coordinated clause: "..., and X said"
    rf"|{_REPORT_FRAME})?"  # a report frame: "It has been reported that X said"
    rf"(?P<lead>{_TITLE_LEAD.pattern})"
)

_COORDINATED = re.compile(r"\s*(?:,|&|and\b)")

_LABEL = re.compile(r"([^:\n]{1,60}?)\s*:\s*")

_OUTLET_WORD = re.compile(r"(?:&?[A-Z][\w'’&.-]*|&|of|the|and|for|de|la|du)")


def find_host(registry: SpeakerRegistry, title: str, host) -> tuple[str, str]:
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

# The editorial header of a transcript or briefing ("Following is the full text of a briefing made today by ...").
_EDITORIAL_HEADER = re.compile(r"(?:Following is the\b.{0,40}\btext\b|(?:The following|The below|What follows)\b.{0,60}\battribut)")
# Background on the event that stays the reporting voice's even inside a speaker's paragraph.
_BACKGROUND_FACT = re.compile(
    r"\b(?:was|were)\s+(?:requested|arranged|followed)\b|\btook place\b|\blasted\b|\bas follows\b"
    r"|^(?:[^,;:]{0,120},\s+)?(?:[Tt]he|[Aa]ll(?:\s+the)?|[Aa]\s+number\s+of|(?:[Tt]he\s+)?(?:[Mm]ajority|[Mm]ost|[Mm]any|[Ss]ome)"
    r"(?:\s+of(?:\s+the)?)?)\s+participants\b"  # a multilateral meeting's participants, also "A number of participants"
)
# An agentless passive of commitments "on all sides": a joint act ("Additional commitments were made on all sides to ...").
_JOINT_PASSIVE = re.compile(r"\b(?:was|were)\s+(?:also\s+)?(?:made|reached|undertaken|expressed)\s+(?:on|by|from)\s+(?:all|both)\s+sides\b")
# A verb in the present tense ("looks forward", "hopes"): inside a speaker's words, what he reports of someone
# else ("President Barack Obama looks forward to ..." in Blinken's paragraph), not a new speech act of the
# reporting voice, which tells in the past tense.
_PRESENT = re.compile(r"(?!(?:was|has|his|this|thus|as|is|us)\b)[a-z]+(?<![su])s(?![\w-])")
# A passive of company: "X was accompanied / joined / attended by ..." (an event pattern of the cue lexicon).
_COMPANY = re.compile(r"(?:accompanied|joined|attended|escorted)\s+by")
# A joint subject by group ("Both sides", "the two countries", "All parties"), not by names: its "will" is a commitment.
_GROUP = re.compile(r"\s*(?:[^,;]{0,80},\s+)?(?:both|the\s+two|two|all|the\s+(?:three|four|five|leaders|ministers|sides|countries|parties))\b", re.I)
# A finite verb in a short numbered line: then it is a sentence ("1. The two sides agreed ..."), not a topic heading.
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|shall|should|can|could|may|must|has|have|had|do|does|did)\b"
                     r"|\b[a-z]{2,}ed\b|\b(?:met|said|told|held|made|took|gave|spoke|went|saw|agreed|noted)\b")
_LEADER_TITLE = re.compile(r"President|Prime Minister|Premier|Chairman|Chancellor|King|Emperor|General Secretary")


class Attributor:
    """Attribution state for one document."""

    def __init__(self, registry: SpeakerRegistry, cues: Cues, date, *, principal: tuple[str, str] | None = None):
        self.registry = registry
        self.cues = cues
        self.date = date
        self.principal = principal  # the presidential office's own president ("The President"), or None
        self.last_person: tuple[str, str] | None = None
        self.briefer: tuple[str, str] | None = None  # the official a header introduced as the speaker of what follows
        self.account = False  # whether the paragraph's minister is telling of his leader's meeting

    # -- subjects -------------------------------------------------------------------
    def subject(self, sentence: str):
        """``(kind, speaker, side, cue)`` for a sentence's speaking subject, or None."""
        joint = self.cues.joint.match(sentence)
        if joint:
            return "joint", "joint", "joint", joint.group("verb")
        for match in iter_overlapping(self.registry.alias_pattern(), sentence):
            found = self._registered(sentence, match)
            if found:
                return found
        for match in self.cues.unregistered.finditer(sentence):
            tail = self.cues.subject_tail.match(sentence, match.end())
            if tail and is_subject_position(sentence, match.start(), self.registry.alias_pattern()):
                name = " ".join(match.group(0).split())
                verb = _norm(tail.group("verb"))
                registered = self._registered_in(name)
                if registered is not None:  # "Chinese President Hu \nJintao called on": a registered speaker, line-wrapped
                    return self.cues.verb_kind[verb], registered.name, registered.side, verb
                return self.cues.verb_kind[verb], name, "unknown", verb
        return None

    def _registered_in(self, name: str):
        """The registered speaker a title-and-name mention names ("President Hu Jintao"), or None."""
        for match in iter_overlapping(self.registry.alias_pattern(), name):
            speaker = self.registry.resolve(match.group(0), self.date)
            if speaker is not None and match.end() == len(name):  # "Chairman Kim Yong Chol" is not "Chairman Kim"
                return speaker
        return None

    def _registered(self, sentence: str, match: re.Match):
        if sentence[match.end() : match.end() + 2] in ("'s", "’s") or not is_subject_position(
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
        """Yield ``(paragraph, start, end, who)`` for every sentence of a readout or speech."""
        finder = SubjectFinder(self.registry, self.cues, self.date, text, principal=self.principal)
        previous = None  # the last paragraph's stretch: (speaker, side, cue, kind)
        current = None
        quoted = [False, False]  # whether the previous paragraph and this one hold a quotation mark
        spans = list(iter_sentence_spans(text))
        for position, (number, (start, end)) in enumerate(spans):
            first = position == 0 or spans[position - 1][0] != number
            if first:
                previous, current, quoted = (current if position else None), None, [quoted[1], False]
                self.account = False  # a minister's account of his leader's meeting lasts its paragraph
            sentence = text[start:end]
            last = position == len(spans) - 1
            if first and (last or spans[position + 1][0] != number) and not re.search(r"\w", sentence):
                # a paragraph of punctuation only (a lone list dash "-"): the page's, and the stretch before it goes on
                current, quoted = previous, [quoted[0], quoted[0]]
                yield number, start, end, _who("narrator", "narrator", "note", "note")
                continue
            if first and not last and spans[position + 1][0] != number and _is_heading(sentence):
                # a section heading ("2. Situation in Ukraine") is the page's, and ends the stretch before it
                current = ("narrator", "narrator", "note", "narrator")
                yield number, start, end, _who("narrator", "narrator", "note", "note")
                continue
            # the office's own president, unless the paragraph is already another person's ("President Xi said ...
            # The President also noted ...": the news anaphora of the person just quoted)
            finder.principal = None if current is not None and current[3] == "person" and current[0] != (self.principal or ("",))[0] \
                else self.principal
            found = finder.find(sentence, _quotation_rest(text, spans, position))
            opened = strip_opening(sentence)  # without list markers, a dateline or a republisher's tag
            briefer = find_briefer(opened, self.registry, self.date)
            if briefer is not None:  # "The following is a briefing given by NAME, TITLE.": the page's; NAME's words follow
                self.briefer, current = briefer, ("narrator", "narrator", "note", "narrator")
                yield number, start, end, _who("narrator", "narrator", "note", "note")
                continue
            who, current = self._decide(sentence, opened, found, current, previous if first else None)
            if who["rule"] == "continuation" and (who["reported_speaker"] is not None or (self.account and found is not None and found.kind == "person")):
                finder.last_person = (who["speaker"], who["side"])  # a recollection or an account: "He" is the teller
            who, current = self._briefed(sentence, found, who, current)
            if who["rule"] == "carried" and quoted[0] and re.match(r"\s*[“\"]", sentence):
                # a paragraph opening with a quotation without a clause, after a paragraph that quoted its person
                # (Xi said, "..." + "“President Moon's visit will be ...”"): the news convention of a quotation going on
                who, current = _who(previous[0], previous[1], previous[2], "quote-continued"), previous
            quoted[1] = quoted[1] or bool(re.search(r"[“”\"]", sentence))
            if who["rule"] in WITHHELD_RULES:  # right less than half the time on new house styles (confidence.py)
                who, current = _who(*_UNKNOWN, None, who["rule"]), None  # unknown, not a guess; no stretch to continue
            if first:
                paragraph_start = start
            if found is None and who["rule"] != "note" and last and _is_cut(sentence):
                before = text[paragraph_start:start]
                if not (before.count("“") > before.count("”") and who["rule"] == "continuation"):  # inside an open quotation
                    who = _who(*(finder.fragment(sentence) or _UNKNOWN), None, "cut")
            yield number, start, end, who

    def _briefed(self, sentence: str, found, who, current):
        """``(who, stretch)`` after a briefing header: a first-person sentence without a subject of its own is the
        briefer's (rule ``opening``, cue ``briefing``); a sentence naming a new speaker ends the briefing."""
        if self.briefer is None:
            return who, current
        if found is not None and found.kind != "pronoun" and who["speaker"] not in ("narrator", self.briefer[0]):
            self.briefer = None
            return who, current
        if found is None and who["rule"] in ("unknown", "carried", "background", "continuation") and is_first_person(sentence) \
                and (who["rule"] != "continuation" or current[0] in ("narrator", self.briefer[0])):
            return _who(*self.briefer, "briefing", "opening"), (*self.briefer, "briefing", "person")
        return who, current

    def _decide(self, sentence: str, opened: str, found, current, previous):
        """``(who, stretch)`` of one sentence (``opened``: it after :func:`strip_opening`) from its subject and the
        current stretch of the paragraph."""
        in_person = current is not None and current[3] == "person"
        if is_caption(opened):  # "President X (left) poses for a photo with Y": the page's caption
            return _who("narrator", "narrator", "note", "note"), ("narrator", "narrator", "note", "narrator")
        plan = self._plan(opened, found, current)
        if plan is not None:  # "President X is to embark on ...", "They will discuss ...": the page's announcement
            return _who("narrator", "narrator", plan, "note"), ("narrator", "narrator", plan, "narrator")
        if found is not None and found.kind == "joint" and found.modal and current is not None and current[2] == "note":
            # "From the year 2015 and on, the two countries will send ..." inside the page's "* ..." note goes on with it
            return _who("narrator", "narrator", "note", "continuation"), current
        if found is not None and found.kind == "joint" and found.rule == "pronoun" and (current or previous) is None:
            # "They added ..." after a paragraph of an unnamed group ("the former ambassadors said ...", withheld): no
            # joint stretch of registered speakers to continue, so nobody is named
            return _who(*_UNKNOWN, found.cue, "pronoun"), None
        if found is not None and found.kind == "joint":
            if in_person and (found.verb == "event" or found.modal or (found.verb == "other" and found.rule != "pronoun") or self.account
                              or (found.leaders and not self._is_leader(current[0])) or found.countries):
                # "The two heads of state agreed ..." inside a minister's words is the minister's report
                return _who(current[0], current[1], current[2], "continuation"), current
            if found.verb == "event":
                return _who("narrator", "narrator", found.cue, "event"), ("narrator", "narrator", found.cue, "narrator")
            return _who("joint", "joint", found.cue, found.rule), ("joint", "joint", found.cue, "joint")
        if found is not None and found.kind == "collective" and current is not None and found.side == current[1]:
            return _who(current[0], current[1], current[2], "continuation"), current
        if found is not None and found.kind == "person" and found.modal and found.cue == "will" and current is None:
            # "President Moon will announce ... after ...": the page's note of a plan, not his words
            return _who("narrator", "narrator", found.cue, "note"), ("narrator", "narrator", found.cue, "narrator")
        if found is not None and found.kind == "person" and in_person and self._reports_leader(found, current):
            # "Yang said ... President Hu Jintao held talks with ...": the minister's account of his leader's meeting
            self.account = True
            return _who(current[0], current[1], current[2], "continuation"), current
        if found is not None and found.verb == "event" and not found.speech and (
                found.kind != "pronoun" or _COMPANY.fullmatch(found.cue)):  # "He was joined by ...": an event too
            return _who("narrator", "narrator", found.cue, "event"), ("narrator", "narrator", found.cue, "narrator")
        if (found is not None and found.kind == "person" and in_person and found.name != current[0]
                and find_recollection(opened, found.cue)):
            # "Vice President X had said that ..." inside the president's account: his recollection of X's words
            return _who(current[0], current[1], current[2], "continuation", (found.name, found.side)), current
        if (found is not None and found.kind == "person" and in_person and found.name != current[0]
                and not found.modal and _PRESENT.match(found.cue)):
            return _who(current[0], current[1], current[2], "continuation"), current
        if found is not None:
            stretch = (found.name, found.side, found.cue, "person")
            return _who(found.name, found.side, found.cue, found.rule), stretch
        bare = _strip_marker(opened)  # also a dateline: "Washington, DC – The US Department ..."
        if _JOINT_PASSIVE.search(bare):
            return _who("joint", "joint", "sides", "joint"), ("joint", "joint", "sides", "joint")
        if re.match(r"\s*(?:\*\s|※)", sentence) or is_office_report(sentence) or (
            _matches_any(self.cues.narrator_patterns, bare) and (not in_person or _BACKGROUND_FACT.search(bare))
        ):  # a "* ..." line without a speaking subject is the page's note
            return _who("narrator", "narrator", "note", "note"), ("narrator", "narrator", "note", "narrator")
        if is_talk_evaluated(bare):  # "The discussion was constructive.": the page's evaluation, not the last speaker's
            return _who("narrator", "narrator", "note", "note"), ("narrator", "narrator", "note", "narrator")
        if current is not None:
            return _who(current[0], current[1], current[2], "continuation"), current
        if previous is not None and previous[3] == "narrator" and not _is_cut(sentence):
            # "1. This was the Minister Yun's first visit to Japan." after the page's own paragraph: background
            return _who("narrator", "narrator", "note", "background"), ("narrator", "narrator", "note", "narrator")
        if previous is not None and previous[3] == "person":
            return _who(previous[0], previous[1], previous[2], "carried"), previous
        return _who(*_UNKNOWN, None, "unknown"), None

    @staticmethod
    def _plan(opened: str, found, current) -> str | None:
        """The plan verb of a sentence announcing a plan or schedule (:func:`analysis.statements.announcements.find_plan`)
        of a person, a pronoun, a joint subject ("They", "X and Y will continue their discussions on Friday") or a
        subject no rule names, outside a person's or a joint stretch; else None (``opened``: the sentence after
        :func:`strip_opening`)."""
        if current is not None and current[3] != "narrator":
            return None
        if found is not None and found.kind not in ("person", "pronoun", "unregistered", "joint"):
            return None
        bare = strip_topic(opened)
        if found is not None and found.kind == "joint" and found.rule != "pronoun" and _GROUP.match(bare):
            return None  # "The two countries will hold strategic talks": a joint commitment, not the page's schedule
        return find_plan(bare)

    def _reports_leader(self, found, current) -> bool:
        """Whether a sentence of a minister's stretch opened by his reporting verb ("Yang said ...") tells of his own
        leader's act ("President Hu Jintao held talks ...", "President Xi will attend ..."), not the leader's words."""
        return (found.name != current[0] and found.side == current[1] and found.verb != "reporting"
                and self.cues.verb_kind.get(current[2]) == "reporting"
                and self._is_leader(found.name) and not self._is_leader(current[0]))

    def _is_leader(self, name: str) -> bool:
        """Whether a registered person held a leader's office (president, prime minister, premier ...)."""
        speaker = self.registry.get(name)
        return speaker is not None and any(_LEADER_TITLE.search(role.title) for role in speaker.roles)

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
                briefer = find_briefer(sentence, self.registry, self.date) if turn[3] == "opening" else None
                if briefer is not None and host[0] == "unknown":
                    # "The following is a briefing given by NAME, TITLE.": NAME hosts, when the title names nobody
                    host, turn = briefer, (*briefer, "briefing", "opening")
                if turn[3] == "opening" and (briefer is not None or _EDITORIAL_HEADER.match(sentence)):
                    yield number, start, end, _who("narrator", "narrator", "note", "note")
                    continue
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


def is_subject_position(sentence: str, position: int, aliases: re.Pattern | None = None) -> bool:
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


def _is_cut(sentence: str) -> bool:
    """A short fragment cut at the end of an excerpt: "In addition, President", "President Trump", also after a
    topic opening ("3. With regard to North Korea and its nuclear issue, Minister Yu")."""
    rest = strip_topic(strip_opening(sentence))
    return not re.search(r"[.!?\"”’)]$", sentence) and min(len(sentence.split()), len(rest.split())) <= 6


def _is_heading(sentence: str) -> bool:
    """A section heading standing as a paragraph: a few words without a full stop ("1. Initial Remarks",
    "2 Japan-China relations"); the caller makes sure it is a whole paragraph and not the cut end of an excerpt."""
    words = re.sub(r"^\s*\d{1,2}\s+(?=[A-Z])", "", _strip_marker(sentence)).split()
    numbered = re.match(r"\s*(?:\d{1,2}\.|\(\w{1,2}\)|\d{1,2}\s)", sentence) is not None
    closed = numbered and sentence.rstrip().endswith(")") and sentence.count("(") == sentence.count(")")
    if not words or not words[0][0].isupper() or (re.search(r"[.!?:;,\"”’)]$", sentence.rstrip()) and not closed):
        return False
    # a numbered heading in title case, without a verb in lower case ("(1) Invitation to Secretary X to Visit Japan"),
    # or a numbered topic in sentence case without a finite verb ("2. Joint economic activities on the Islands")
    return len(words) <= 6 or (numbered and len(words) <= 12 and (
        all(w[0].isupper() for w in words if len(w) > 3) or not _FINITE.search(sentence)))


def _strip_marker(sentence: str) -> str:
    return OUTLET_TAG.sub("", re.sub(r"^\s*(?:(?:[°º◦•*–-]|\d{1,2}\.|\(\w{1,2}\))\s+)+", "", sentence), count=1)


def _quotation_rest(text: str, spans, position: int) -> str:
    """The following sentences of the paragraph up to the one that closes a quotation the sentence at
    ``position`` opens and leaves open ("“Denuclearization ... as a whole." + "We will never ...,” he said."), or ""."""
    number, (start, end) = spans[position]
    sentence = text[start:end].lstrip()
    if sentence[:1] not in ("“", '"') or _closes(sentence[1:]):
        return ""
    for later_number, (later_start, later_end) in spans[position + 1 :]:
        if later_number != number:
            return ""
        later = text[later_start:later_end]
        if _closes(later):
            return text[end:later_end].strip()
        if later.lstrip()[:1] in ("“", '"'):
            return ""
    return ""


def _closes(sentence: str) -> bool:
    return "”" in sentence or sentence.count('"') % 2 == 1


def _matches_any(patterns, sentence: str) -> bool:
    return any(re.search(pattern, sentence) for pattern in patterns)


def _norm(verb: str) -> str:
    return " ".join(verb.split())
