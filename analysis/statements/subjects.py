"""Speaking subjects of narrated sentences, found by the shape of the sentence (issue 12).

:class:`SubjectFinder` reads one document's sentences in order and answers, for each, *who is
the subject and what does the verb do*. A subject is a noun phrase before a reporting, event or
other finite verb, after an optional list marker ("1.", "°", "º", "◦", "*") and opening phrases
("In particular, ", "Welcoming X's visit, ", "On May 13, commencing at ..., "), with
appositions, parentheses and adverbs allowed between subject and verb; a reporting or joint verb
coordinated with a first verb the lexicon does not know is the subject's ("Both sides spent ... time on X
and concurred ..."). Noun phrases are

* a registered alias (``corpus/speakers.yaml``, resolved at the document date), or a surname of
  a registered person the document names in full ("Wang noted ..." after "Wang Yi");
* a bare office ("The Secretary", "the Japanese prime minister"): the holder the document
  names, most recently as a subject, with that office (and nationality);
* an unregistered name behind a courtesy title (side ``unknown``);
* a joint subject: "Both sides", "Two sides", "All parties", "the two + office noun" (``joint_nouns`` in the cue
  lexicon; also "the three ministers", "all four leaders", "both men"), two countries of different sides with a
  joint or reporting verb ("the ROK and the US agreed"), "The two", the plural pronoun "They", a plural title over
  registered persons ("Presidents Moon and Trump"), or two persons joined by "and" — by name or by office
  ("Secretary Blinken and Foreign Minister Chung", "The Minister and the Secretary"), or a person and a group
  ("The Secretary and Foreign Ministers", "Minister Yun and his Japanese counterpart"); a
  registered alias inside such a compound stays the registered person, never an unregistered
  speaker;
* the pronouns "He" / "She" (the last person who was a subject).

Run-together words of scraped pages ("SecretaryPompeo", "The Ministerand", "Kangvoiced") are
separated in an analysis copy of the sentence only; the statement text is never changed.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from ..inputs.speakers import SpeakerRegistry
from ..text.patterns import iter_overlapping
from .cues import ADVERBS, OPENERS, Cues, alternation
from .inversions import unfold_inversion
from .openings import OUTLET_TAG, strip_opening, strip_topic, unglue

__all__ = ["OUTLET_TAG", "Subject", "SubjectFinder", "strip_opening", "strip_topic", "unglue"]  # the last four from .openings

# A list marker; a parenthesised one may run into the next word: "(2)Minister Gemba explained".
_LEADERS = re.compile(r"heads\s+of\s+(?:the\s+)?state|leaders|[Pp]residents")
_OPENING_WORD = re.compile(
    rf"(?:{OPENERS}|Prior to|Above all|More than|Most of all|First of all|To|In this connection|In response|In addition|Additionally|Nevertheless|Given|"
    r"Based|Building|Quoting|Touching|Welcoming|Noting|Over|With regard|In regard|Notably|Furthermore|As|Having|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Additionally|"
    r"[A-Z][a-z]+ly|[A-Z][a-z]+ing|[A-Z][a-z]+ed)\b"
)
_AUX = r"(?:have|has|had\s+been|will|would|shall|should|must|can|could|may|might|need\s+to|needs\s+to|are|is|were|was)"
_MODAL = re.compile(r"(?:will|would|shall|should|must|can|could|may|might|need|needs)\b")
_ADVERBS = "|".join(a for a in ADVERBS.split("|") if a not in ("has", "have", "had"))
_ADVERB = rf"(?:(?:{_ADVERBS}|not|also|both|jointly|in\s+depth|in\s+(?:the\s+same|a\s+similar|one)\s+(?:voice|vein|tone)|[a-z]+ly)\s+)"
# What may stand between a subject and its verb: "(ROK)", "of the Republic of Korea" (head), then
# appositions closed by commas (tried widest first), an unclosed title (", Minister for Foreign
# Affairs of Japan held"), adverbs and an auxiliary (tail).
_GAP_HEAD = re.compile(
    r"(?:\s*\([^()]{0,80}\))?"
    r"(?:\s+(?:on|in)\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?(?=,))?"
    # a place and a date before the verb: "X and Y in Beijing on Dec. 23 reaffirmed"
    r"(?:\s+(?:in|at)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s+on\s+[A-Z]))?"
    r"(?:\s+on\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?(?=\s+[a-z]))?"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|and|the))*(?:\s*\([^()]{0,40}\))?)?"
)
_GAP_TAIL = re.compile(
    r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|and))*)?"
    rf"\s+{_ADVERB}*(?P<aux>{_AUX}\s+{_ADVERB}*)?"
)
# A lower-case word that may be a verb the lexicon does not know ("spent"), not a preposition or conjunction.
_UNKNOWN_VERB = re.compile(r"(?!(?:of|and|or|in|on|at|to|for|from|with|by|as|who|which|that|whose|the|a|an)\b)[a-z]+(?![\w'’-])")
_CLAUSE_BREAK = re.compile(r"\b(?:which|who|whom|whose|where|when|while|that|but)\b|[;:]")
_AGENT = re.compile(r"\s+by\b(?!\s+[a-z]+ing\b)")  # "responded by expressing": manner, not an agent
_PAST = re.compile(r"(?:[a-z]+(?:-[a-z]+)*ed|went|began|gave|made|took|sent|held|had|spoke|saw|brought|put|told|came|said|reaffirmed)(?![\w-])")
# Lower-case words of a title before a name: "former Foreign Minister X", "North Korean leader X".
_TITLE_WORDS = r"former|acting|leader|counterpart|spokesperson|spokesman|spokeswoman"
_LEAD = re.compile(
    r"(?:(?!(?:Has|Have|Had|Does|Do|Did|Is|Are|Was|Were|Will|Would|Can|Could|Should|They|He|She|It|We|I)\b)"
    rf"(?:[A-Z][\w'’.-]*|of|for|the|and|on|{_TITLE_WORDS})(?:\s*\([^()]{{0,40}}\))?\s+)*"
)
# An office standing before the name it announces, in commas: "On Friday, August 10, Minister for Foreign Affairs,
# Koichiro Gemba, had ...": the name's closing comma may stand before the verb.
_APPOSED_TITLE = re.compile(
    r"(?:^|,\s+)(?:(?:[A-Z][\w'’.-]*|of|for|the|and)\s+)*?(?:Minister|Secretary|President|Councilor|Councillor|Premier|"
    r"Chancellor|Ambassador|Spokesperson|Director)(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|and))*,\s+$"
)
# A group after a person and "and": "The Secretary and (the) Foreign Ministers", "Minister X and his Japanese counterpart",
# "The Deputy Secretary and the two vice foreign ministers", "The Deputy Secretary and her Japanese and ROK counterparts".
_GROUP = re.compile(
    r"(?:(?:the|his|her|their)\s+)?(?:(?:two|three|four|five)\s+)?(?:(?:[A-Z][\w'’.-]*|and|vice|deputy|first|foreign)\s+)*?"
    r"(?:Ministers|ministers|Secretaries|secretaries|Presidents|Leaders|leaders|counterparts?)(?![\w'’-])"
)
# an unnamed group after "and": a country's adjective and a plural noun ("Minister Yu and the U.S. luminaries shared")
_UNNAMED_GROUP = re.compile(r"the\s+(?:[A-Z][\w'’.-]*\s+){1,2}[a-z]+s(?![\w'’-])")
# how far a noun phrase naming a person may reach: a PRC title chain before the name runs to some 200 characters
_NP_WINDOW = 260
_AND = re.compile(r"(?:\s*\([^()]{0,40}\))?(?:\s*,[^,]{1,200}?,)?\s+and\s+")
# "the three ministers", "all four leaders": a number word before a plural office noun makes a joint subject.
_NUMBER = r"(?:three|four|five|six|seven|eight|nine|ten)"
# Three or more participants by title and name, joined by commas and "and": "Deputy Secretary X, Foreign Minister Y,
# Vice Foreign Minister Z, and First Vice Foreign Minister W".
_PARTICIPANT = (r"(?:[A-Z][\w'’.-]*\s+){0,4}?(?:Secretary|Minister|President|Premier|Councilor|Chancellor|Ambassador|Envoy)"
                r"(?:\s+[A-Z][\w'’-]*){1,3}")
_PARTICIPANTS = re.compile(rf"{_PARTICIPANT}(?:,\s+{_PARTICIPANT}){{1,}},?\s+and\s+{_PARTICIPANT}")
# A plural title over names: "Presidents Moon and Trump", "Foreign Ministers Wang, Kang and Kono".
_PLURAL_TITLE = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+)*?(?P<title>Presidents|Prime\s+Ministers|Ministers|Secretaries|Premiers|Chancellors|Leaders)"
    r"\s+(?P<names>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)+)"
    r"(?![\w'’-])"
)
# A discussion had by a joint subject: "The two sides had substantive discussions on ...", a joint act.
_JOINT_TALK = re.compile(rf"\s+{_ADVERB}*(?P<talk>had\s+(?:an?\s+)?(?:[\w-]+\s+){{0,3}}?(?:discussions?|consultations?|exchanges?|dialogues?)(?![\w-]))")
# Talks on topics had by a joint subject ("they had conversations on such topics as ...", "had talks on trade"): a joint
# act; a conversation with an article, or talks on a day, on the sidelines or over the phone, stay an event.
_TOPIC_TALK = re.compile(r"had\s+(?!an?\b)(?:[\w-]+\s+){0,3}?(?:conversations|talks|discussions|consultations|exchanges)")
_ON_TOPIC = re.compile(r"\s+(?:on|about|regarding|concerning)\s+(?!(?:the\s+)?(?:sidelines|margins|phone|telephone|occasion)\b|[A-Z\d])")
# A participle after a joint subject in commas, the excerpt cut before the verb: "The two Ministers, sharing the view that"
_JOINT_PARTICIPLE = re.compile(r"\s*,\s+(?P<cue>[a-z]+ing)\b")
# A trailing reporting clause after the reported words: "..., Ko said, adding, “...", "..., Ko said."
_TRAILING_CLAUSE = re.compile(r",\s+(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?P<verb>said|added|noted)(?:\s*[.!]?\s*$|,\s+(?:adding|and)\b)")
_PRONOUN = re.compile(r"(?P<plural>They|they)\b|(?P<single>He|She|he|she)\b")
_NATIONALITY = {"north korean": "DPRK", "chinese": "CN", "japanese": "JP", "south korean": "ROK", "korean": "ROK", "rok": "ROK",
                "u.s.": "US", "us": "US", "american": "US", "russian": "RU"}
_BARE_OFFICE = re.compile(
    r"(?:[Tt]he)\s+(?:(?i:former)\s+)?(?P<nat>(?i:north\s+korean|chinese|japanese|south\s+korean|korean|rok|u\.s\.|us|american|russian)\s+)?"
    r"(?P<office>(?:(?i:first|deputy|vice|under|foreign|prime|state)\s*)*(?i:secretary|minister|president|councilor|premier|chancellor|leader))"
    r"(?:\s+of\s+State)?(?![\w’'-])"
)
_BARE_OFFICE_AFTER_AND = re.compile(r"(?:[Tt]he\s+)?" + _BARE_OFFICE.pattern.split(r"\s+", 1)[1])
_OFFICE_WORDS = frozenset("president secretary deputy minister foreign vice first prime premier councilor chancellor leader".split())
_RANKS = frozenset(("deputy", "vice", "first", "prime"))
_QUOTE_CLAUSE = re.compile(r"[”\"]\s*,?\s*(?:(?P<verb1>said|added|noted|stressed|continued|pointed\s+out)\s+(?P<who1>[^.,;]{2,60}?)|(?P<who2>[^.,;”\"]{2,60}?)\s+(?P<verb2>said|added|noted|stressed|continued|pointed\s+out))(?:\s*[.!]?\s*$|,\s+adding\b)")


@functools.lru_cache(maxsize=8)
def _joint_np_pattern(joint_nouns: tuple[str, ...], joint_subjects: tuple[str, ...]) -> re.Pattern:
    """A joint subject's noun phrase (the cue lexicon's ``joint_subjects``, "the two/both/all three + ``joint_nouns``"),
    built once per lexicon, not at every candidate subject. "the officials" without a number or "both" is an unnamed
    group of one side ("the officials voiced ..."), not joint."""
    nouns = alternation(joint_nouns) if joint_nouns else r"sides"
    listed = alternation(joint_subjects)
    return re.compile(
        rf"(?:{listed}|(?:[Bb]oth|[Tt]he\s*two|(?:[Tt]he|[Aa]ll)\s+{_NUMBER}|[Tt]he\s+both|[Tt]he(?!\s+(?:(?:top|ranking|senior)\s+)?officials\b))\s*(?:(?:top|ranking|senior)\s+)?(?:{nouns})|[Tt]he\s+two|[Tt]he\s+{_NUMBER})(?![\w’'-])"
    )


@dataclasses.dataclass(frozen=True)
class Subject:
    """A sentence's subject: ``kind`` ``person``, ``collective``, ``joint``, ``pronoun`` or ``unknown``;
    ``verb`` ``reporting``, ``event``, ``joint`` or ``other`` (a finite verb not in the lexicon);
    ``cue`` the verb's words; ``modal`` when an auxiliary ("have", "should", "will") precedes it."""

    kind: str
    name: str
    side: str
    verb: str
    cue: str
    modal: bool = False
    rule: str = "reporting"
    speech: bool = False  # an event verb coordinated with a reporting verb: "met in Tokyo with X and reaffirmed ..."
    leaders: bool = False  # a joint subject of leaders ("The two heads of state"), who may not be the two speakers
    countries: bool = False  # two countries of different sides joined by "and" ("the ROK and the US agreed")


class SubjectFinder:
    """Subjects of one document's narrated sentences; call :meth:`find` on the sentences in order."""

    def __init__(self, registry: SpeakerRegistry, cues: Cues, date, text: str, *, principal: tuple[str, str] | None = None):
        self.registry = registry
        self.principal = principal  # "The President" on a presidential office's page (analysis.statements.principals)
        self.cues = cues
        self.date = date
        self.local = self._local_aliases(text)
        self.local_pattern = re.compile(rf"(?<![\w-])(?:{alternation(self.local)})(?![\w-])") if self.local else None
        self.offices: dict[str, set[str]] = {}
        self.recent: list[str] = []  # persons, most recent subject last
        self.last_person: tuple[str, str] | None = None

    # -- the document's own aliases ---------------------------------------------------------
    def _local_aliases(self, text: str) -> dict[str, str]:
        """Surnames (and their capitals) of the registered persons the document names in full."""
        people = {}
        for match in self.registry.alias_pattern().finditer(text):
            speaker = self.registry.resolve(match.group(0), self.date)
            if speaker is not None and speaker.kind == "person":
                people[speaker.name] = speaker
        counts: dict[str, set[str]] = {}
        for speaker in people.values():
            for token in re.findall(r"[A-Z][a-z]{2,}|[A-Z]{3,}", speaker.name.replace("-", " ")):
                if token.lower() not in _OFFICE_WORDS:
                    for form in {token, token.upper(), token.capitalize()}:
                        counts.setdefault(form, set()).add(speaker.name)
            short = speaker.name[:2]  # a two-letter surname first ("Hu Jintao": "Hu"), as written, no other name's start
            if re.match(r"[A-Z][a-z]\s", speaker.name) and not any(re.search(rf"\b{short}", other) for other in people if other != speaker.name):
                counts.setdefault(short, set()).add(speaker.name)
        return {form: next(iter(names)) for form, names in counts.items()
                if len(names) == 1 and self.registry.resolve(form, self.date) is None}

    # -- finding the subject -------------------------------------------------------------------
    def find(self, sentence: str, quotation_rest: str = "") -> Subject | None:
        """The subject of ``sentence`` and its verb, or None; remembers who was named for later sentences.

        ``quotation_rest`` is the rest of a quotation the sentence opens and a later sentence of the
        paragraph closes ("“... whole. We will never ...,” he said."): its inverted clause names the speaker.
        """
        body = unfold_inversion(strip_opening(unglue(sentence, self.local)))
        found = self._quoted(f"{body} {quotation_rest}" if quotation_rest else body)
        if found is None:
            for start in self._starts(body):
                found = self._subject_at(body, start)
                if found is not None:
                    break
        if found is None or found.kind == "joint":  # "..., Lee said, and ...": the person of a trailing clause
            found = self._reported_by(body) or found
        self._note_mentions(body)
        if found is not None and found.kind == "person":
            self.recent.append(found.name)
            self.last_person = (found.name, found.side)
        return found

    def _reported_by(self, body: str) -> Subject | None:
        """The person of a trailing reporting clause ("Both men agreed on ..., Ko said, adding, ...", "The visit would
        strengthen ties, Lee said, and ..."): whoever tells of a joint act, or of a sentence without a subject, speaks
        it; None without such a clause naming a person."""
        clause = _TRAILING_CLAUSE.search(body)
        if clause is None or re.search(r"[“\"]", body[: clause.start()]):
            return None
        for (name, side, kind), end in self._people_at(body, clause.start("who")):
            if kind == "person" and end == clause.end("who"):
                return Subject("person", name, side, "reporting", clause.group("verb"))
        # a short surname ("Ko") of the one person the page has named so far whose name holds it
        named = {name for name in self.offices if clause.group("who") in re.split(r"[\s-]", name)}
        if len(named) == 1:
            speaker = self.registry.get(named.pop())
            return Subject("person", speaker.name, speaker.side, "reporting", clause.group("verb"))
        return None

    def _starts(self, body: str):
        if strip_topic(body) == body:
            yield 0
        if not _OPENING_WORD.match(body):
            return
        for comma in re.finditer(r",\s+", body[:600]):
            yield comma.end()

    def _subject_at(self, body: str, start: int) -> Subject | None:
        pronoun = _PRONOUN.match(body, start)
        if pronoun:
            return self._pronoun(body, pronoun)
        joint = self._joint_np(body, start)
        if joint is not None:
            found = self._with_verb(body, joint, "joint", "joint", "joint")
            participle = _JOINT_PARTICIPLE.match(body, joint)
            if found is None and participle is not None:  # "4. The two Ministers, sharing the view that ..." (cut)
                found = Subject("joint", "joint", "joint", "joint", participle.group("cue"), rule="joint")
            if found is not None and _LEADERS.search(body, start, joint):
                found = dataclasses.replace(found, leaders=True)
            return found
        titled = self._plural_title(body, start)
        if titled is not None:
            return self._with_verb(body, titled, "joint", "joint", "joint")
        listed = _PARTICIPANTS.match(body, start)
        if listed is not None:  # "Deputy Secretary X, Foreign Minister Y, Vice Minister Z, and ... shared ...": joint
            return self._with_verb(body, listed.end(), "joint", "joint", "joint")
        for (name, side, kind), end in self._people_at(body, start):
            second = _AND.match(body, end)
            others = list(self._people_at(body, second.end(), after_and=True)) if second else []
            if others and (kind == "collective" or others[0][0][2] == "collective"):
                return self._countries(body, (side, kind), others[0])  # "The ROK and China have ...": nobody's speech
            for _, other_end in others:  # "... and Japanese Prime Minister Shinzo Abe spoke": the reading a verb follows
                found = self._with_verb(body, other_end, "joint", "joint", "joint")
                if found is not None:
                    return found
            group = (_GROUP.match(body, second.end()) or _UNNAMED_GROUP.match(body, second.end())) if second and not others else None
            if group is not None:  # "The Secretary and Foreign Ministers condemned ...": joint
                found = self._with_verb(body, group.end(), "joint", "joint", "joint")
                if found is not None:
                    return found
            found = None if others else self._with_verb(body, end, name, side, kind)
            closing = re.match(r"\s*,(?=\s+[a-z])", body[end:])
            if found is None and not others and closing and _APPOSED_TITLE.search(body, 0, start):
                found = self._with_verb(body, end + closing.end(), name, side, kind)
            if found is not None:
                return found
        return None

    def _countries(self, body: str, first, second) -> Subject | None:
        """Two countries of different sides joined by "and" with a joint or reporting verb, no auxiliary ("the ROK
        and the US agreed to ..."): joint, marked ``countries`` (inside a person's words, that person's report); else
        None ("The ROK and China have ..." is nobody's speech)."""
        (_, other_side, other_kind), end = second
        if not (first[1] == other_kind == "collective") or first[0] == other_side:
            return None
        found = self._with_verb(body, end, "joint", "joint", "joint")
        if found is None or found.modal or found.verb not in ("joint", "reporting"):
            return None
        return dataclasses.replace(found, countries=True)

    def _plural_title(self, body: str, start: int) -> int | None:
        """The end of a plural title over two or more registered persons at ``start`` ("Presidents Moon and
        Trump"), or None (a name of the list that is nobody registered makes it no joint subject)."""
        match = _PLURAL_TITLE.match(body, start)
        if match is None or " and " not in match.group("names"):
            return None
        title = re.sub(r"ies$", "y", re.sub(r"(?<!ie)s$", "", " ".join(match.group("title").split())))
        for name in re.split(r"\s*,\s*|\s+and\s+", match.group("names")):
            speaker = (self.registry.resolve(f"{title} {name}", self.date) or self.registry.resolve(name, self.date)
                       or self.registry.get(self.local.get(name, "")))
            if speaker is None or speaker.kind != "person":
                return None
        return match.end()

    def _pronoun(self, body: str, match: re.Match) -> Subject | None:
        verb = self._verb(body, match.end())
        kind, cue, modal = verb if verb else ("other", match.group(0), False)
        if match.group("plural"):
            kind = "joint" if kind == "event" and _talks_on_topic(body, match.end(), cue) else kind
            return Subject("joint", "joint", "joint", kind, cue, modal, rule="pronoun")
        if self.last_person is None:
            return None
        return Subject("pronoun", *self.last_person, kind, cue, modal, rule="pronoun")

    def _with_verb(self, body: str, end: int, name: str, side: str, kind: str) -> Subject | None:
        verb = self._verb(body, end)
        if verb is None:
            return None
        verb_kind, cue, modal = verb
        talk = _JOINT_TALK.match(body, end) if kind == "joint" and verb_kind == "other" and cue == "had" else None
        if talk is not None:  # "The two sides had substantive discussions": a joint act, not a finite verb unknown
            verb_kind, cue = "joint", " ".join(talk.group("talk").split())
        if verb_kind == "reporting" and modal and kind != "joint":
            passive = re.compile(rf"\b(?:was|were|is|are|been)\s+(?:[a-z]+ly\s+)?{re.escape(cue)}\b[^.;]{{0,40}}?\s+by\s+").search(body, end, end + 250)
            if passive is not None:  # "X was briefed by Y on ...": the agent speaks
                agent = next(iter(self._people_at(body, passive.end())), None)
                if agent is None or agent[0][2] != "person":
                    return None
                return Subject("person", agent[0][0], agent[0][1], "reporting", cue, False)
        if kind == "joint" and verb_kind == "event" and _talks_on_topic(body, end, cue):
            verb_kind = "joint"  # "The two sides had candid conversations about trade"
        if kind == "collective" and verb_kind != "reporting":
            return None  # "China is following ...", "China took ..." continue whoever speaks
        rule = {"joint": "joint", "unknown": "office"}.get(kind, "reporting" if verb_kind != "other" else "subject")
        speech = verb_kind == "event" and kind != "joint" and self._coordinated_report(body, end)
        return Subject(kind, name, side, verb_kind, cue, modal, rule="event-speech" if speech else rule, speech=speech)

    def _coordinated_report(self, body: str, end: int) -> bool:
        """Whether an event verb is coordinated with a reporting verb of the same subject, before any relative clause."""
        rest = re.split(r"\b(?:which|who|whom|where|when|while)\b|;", body[end:], maxsplit=1)[0]
        reporting = [p for p in self.cues.reporting if p not in self.cues.joint_verbs]
        return bool(re.search(rf"\band\s+{_ADVERB}*(?:{alternation(reporting)})(?![\w-])", rest))

    def _verb(self, body: str, end: int):
        """``(kind, cue, modal)`` of the verb after a subject ending at ``end``, or None."""
        head = _GAP_HEAD.match(body, end).end()
        commas = [m.end() for m in re.finditer(",", body[head : head + 600])][:6]
        starts = [head + c for c in reversed(commas[1:]) if re.match(r"\s*,", body[head:])] + [head]
        for position in starts:  # after 5, 4, 3, 2, 1 closed appositions, then none
            found = self._verb_after(body, _GAP_TAIL.match(body, position))
            if found is not None:
                return found
        return self._coordinated_verb(body, head)

    def _coordinated_verb(self, body: str, position: int):
        """``(kind, cue, False)`` of a reporting or joint verb coordinated with a first verb the lexicon does not
        know ("Both sides spent a great deal of time on X and concurred on ..."), before any relative or
        subordinate clause; or None."""
        gap = _GAP_TAIL.match(body, position)
        if gap is None or gap.group("aux") or not _UNKNOWN_VERB.match(body, gap.end()):
            return None
        rest = _CLAUSE_BREAK.split(body[gap.end():], maxsplit=1)[0]
        verbs = (*self.cues.joint_verbs, *self.cues.reporting)
        match = re.search(rf"\band\s+{_ADVERB}*(?P<verb>{alternation(verbs)})(?![\w-])", rest)
        if match is None:
            return None
        cue = " ".join(match.group("verb").split())
        return ("joint" if cue in self.cues.joint_verbs else "reporting"), cue, False

    def _verb_after(self, body: str, gap: re.Match | None):
        if gap is None:
            return None
        position, modal = gap.end(), bool(gap.group("aux"))
        if modal and _MODAL.match(gap.group("aux")):
            return "other", " ".join(gap.group("aux").split()), True
        for kind, pattern in self._verb_patterns():
            match = pattern.match(body, position)
            if match:
                if not modal and _AGENT.match(body, match.end()):
                    return None  # "..., followed by a dinner hosted by ...": a participle, not the subject's verb
                return kind, " ".join(match.group(0).split()), modal
        return None

    def _verb_patterns(self):
        if not hasattr(self, "_patterns"):
            words = lambda phrases: re.compile(rf"(?:{alternation(phrases)})(?![\w-])")  # noqa: E731
            multi = [p for p in self.cues.reporting if " " in p]
            self._patterns = (
                ("reporting", words(multi)),
                ("event", re.compile("|".join(f"(?:{p})" for p in self.cues.event_patterns) or r"(?!x)x")),
                ("event", words(self.cues.event)),
                ("joint", words(self.cues.joint_verbs)),
                ("reporting", words(self.cues.reporting)),
                ("other", _PAST),
            )
        return self._patterns

    # -- noun phrases ------------------------------------------------------------------------
    def _joint_np(self, body: str, start: int) -> int | None:
        match = _joint_np_pattern(self.cues.joint_nouns, self.cues.joint_subjects).match(body, start)
        return match.end() if match else None

    def _people_at(self, body: str, start: int, *, after_and: bool = False):
        """Yield ``((name, side, kind), end)`` for each reading of a noun phrase at ``start`` naming a person
        (after "and" an office needs no article: "The Secretary and Foreign Minister exchanged views")."""
        yield from self._aliases_at(body, start)
        titled = self.cues.unregistered.search(body[: start + _NP_WINDOW], start)
        if titled is not None and _LEAD.fullmatch(body, start, titled.start()) and " and " not in body[start:titled.start()]:
            yield (" ".join(titled.group(0).split()), "unknown", "unregistered"), titled.end()
        office = (_BARE_OFFICE_AFTER_AND if after_and else _BARE_OFFICE).match(body, start)
        if office is not None and body[office.end():office.end() + 2] not in ("'s", "’s"):
            holder = self._holder(office)
            yield (holder if holder else ("unknown", "unknown", "unknown")), office.end()

    def _aliases_at(self, body: str, start: int):
        window = body[: start + _NP_WINDOW]
        matches = list(iter_overlapping(self.registry.alias_pattern(), window[start:]))
        if self.local_pattern is not None:
            matches += list(iter_overlapping(self.local_pattern, window[start:]))
        for match in sorted(matches, key=lambda m: (m.start(), -len(m.group(0)))):
            begin, end, mention = start + match.start(), start + match.end(), match.group(0)
            if not _LEAD.fullmatch(body, start, begin) or body[end:end + 2] in ("'s", "’s"):
                continue
            if " and " in body[start:begin]:
                left = body[start:begin].rsplit(" and ", 1)[0]
                if re.search(r"(?<!of )\b[Tt]he\b", left) or self.cues.unregistered.search(left):
                    continue  # "The Vice Minister and the Deputy Secretary": a compound, whose first part is someone else
            if self.registry.is_host_alias(mention):
                continue
            speaker = self.registry.resolve(mention, self.date)
            if speaker is not None and speaker.kind == "collective" and re.search(r"\bof\s+(?:the\s+)?$", body[start:begin]):
                continue  # "President of the United States of America, Minister X explained": an office, not the country
            if speaker is not None and speaker.kind == "collective" and self._attributive(body, end):
                continue  # "The US influentials presented", "the U.S. luminaries shared": an unnamed group, not the country
            if speaker is None and mention in self.local:
                speaker = self.registry.get(self.local[mention])
            if speaker is not None:
                yield (speaker.name, speaker.side, speaker.kind), end

    def _attributive(self, body: str, end: int) -> bool:
        """Whether a country's name at ``end`` stands before a noun of its own (an unregistered group:
        "The US influentials"), not before a verb, an adverb or an institution of that side ("The US officials said")."""
        word = re.match(r"\s+([a-z][a-z-]*)(?![\w'’])", body[end:end + 40])
        if word is None:
            return False
        word = word.group(1)
        return not (word in self.cues.verb_kind or word in self.cues.joint_verbs or word in self.cues.institutions
                    or _UNKNOWN_VERB.fullmatch(word) is None or _PAST.fullmatch(word)
                    or re.fullmatch(_AUX, word) or re.fullmatch(_ADVERB, word + " ")
                    or re.fullmatch(r"[a-z]+(?:ing|ly)", word))

    def _holder(self, office: re.Match):
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", office.group("office"))} & _OFFICE_WORDS
        side = _NATIONALITY.get(" ".join(office.group("nat").lower().split())) if office.group("nat") else None
        if self.principal is not None and words == {"president"} and side is None and not re.match(r"\s+of\b", office.string[office.end():]):
            return self.principal[0], self.principal[1], "person"  # the office's own president, never a guest
        candidates = [name for name, held in self.offices.items() if words <= held
                      and (side is None or self.registry.get(name).side == side)]
        if not candidates:
            return None
        order = {name: i for i, name in enumerate(self.recent)}
        best = max(candidates, key=lambda n: (not (self.offices[n] & _RANKS) - words, order.get(n, -1)))
        return best, self.registry.get(best).side, "person"

    def _note_mentions(self, body: str) -> None:
        """Record the offices of every registered person the sentence names ("Secretary of State X")."""
        patterns = [self.registry.alias_pattern()] + ([self.local_pattern] if self.local_pattern else [])
        for pattern in patterns:
            for match in pattern.finditer(body):
                speaker = self.registry.resolve(match.group(0), self.date) or self.registry.get(self.local.get(match.group(0), ""))
                if speaker is None or speaker.kind != "person":
                    continue
                around = body[max(0, match.start() - 60):match.end()] + (re.match(r",\s*[^,]{0,60},", body[match.end():]) or [""])[0]
                held = self.offices.setdefault(speaker.name, set())
                title = re.search(rf"((?:[A-Z][\w'’.-]*|of|for|and|the|{_TITLE_WORDS})\s+)*$", around[: len(around) - (match.end() - match.start())])
                held |= {w.lower() for w in re.findall(r"[A-Za-z]+", (title.group(0) if title else "") + match.group(0) + around[len(around) - (match.end() - match.start()):])} & _OFFICE_WORDS
                for role in speaker.roles:
                    if role.covers(self.date):
                        held |= {w.lower() for w in re.findall(r"[A-Za-z]+", role.title)} & _OFFICE_WORDS

    def fragment(self, sentence: str):
        """``(speaker, side)`` of a fragment cut at the end of an excerpt when its words tell
        ("President Trump" -> the person; "The Minister and the", "Yang and Gem" -> ``joint``; "Minister Yu" -> the one
        registered person the document names whose surname begins so), else None."""
        body = strip_opening(unglue(sentence, self.local))
        cut_name = re.search(r"(?<![\w-])[A-Z][a-z]+\s+(?P<part>[A-Z][a-z]+)\s*$", body)
        if cut_name is not None:
            names = {name for form, name in self.local.items() if form.startswith(cut_name.group("part"))
                     and form != cut_name.group("part")}
            if len(names) == 1 and cut_name.group("part") not in self.local and self.registry.resolve(cut_name.group("part"), self.date) is None:
                speaker = self.registry.get(names.pop())
                return speaker.name, speaker.side
        for start in self._starts(body):
            if re.fullmatch(r".+?\s+and(?:\s+the)?\s*", body[start:]) or self._joint_np(body, start) is not None:
                return "joint", "joint"
            for (name, side, kind), end in self._people_at(body, start):
                if kind in ("person", "unregistered") and re.fullmatch(r"\s+and\s+[A-Z][\w'’-]*(?:\s+[a-z]+)?\s*", body[end:]):
                    return "joint", "joint"  # "Yang and Clinton al", "Yang and Gem": two persons, the verb cut
                if kind in ("person", "unregistered") and re.fullmatch(r"(?:,?\s+[a-z]+)?\s*", body[end:]):
                    return name, side  # "President Trump", "Minister Kishida expr", "Under Secretary X, a": the verb cut
        return None

    # -- direct quotation -----------------------------------------------------------------------
    def _quoted(self, body: str) -> Subject | None:
        if not body[:1] in ("“", '"'):
            return None
        clause = _QUOTE_CLAUSE.search(body)
        if clause is None:
            return None
        who = clause.group("who1") or clause.group("who2")
        start = clause.start("who1") if clause.group("who1") else clause.start("who2")
        if _PRONOUN.fullmatch(who.strip()) and self.last_person is not None and not _PRONOUN.fullmatch(who.strip()).group("plural"):
            verb = clause.group("verb1") or clause.group("verb2")  # "“...,” he said.": the last person named as a subject
            return Subject("person", *self.last_person, "reporting", verb, rule="quote")
        person = next(iter(self._people_at(body, start)), None)
        if person is None or person[0][2] != "person":
            return None
        (name, side, _), _ = person
        return Subject("person", name, side, "reporting", clause.group("verb1") or clause.group("verb2"), rule="quote")


def _talks_on_topic(body: str, end: int, cue: str) -> bool:
    """Whether the verb ``cue`` after a subject ending at ``end`` is talks on a topic ("had conversations on ...")."""
    at = body.find(cue, end)
    return at >= 0 and _TOPIC_TALK.fullmatch(cue) is not None and _ON_TOPIC.match(body, at + len(cue)) is not None
