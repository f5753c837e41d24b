"""Speeches: the delegate's own voice, reported words, role aliases resolved within the speech's year."""

import datetime as dt

import pandas as pd

from analysis.inputs.speakers import Role, Speaker, SpeakerRegistry
from analysis.statements import attribute_statements
from analysis.statements.speech import resolve_in_period, speech_period

PARK = Speaker("Park Geun-hye", "ROK", roles=(Role("President", dt.date(2013, 2, 25), dt.date(2017, 3, 10), ("the ROK President",)),))
MOON = Speaker("Moon Jae-in", "ROK", aliases=("President Moon",),
               roles=(Role("President", dt.date(2017, 5, 10), dt.date(2022, 5, 9), ("the ROK President",)),))
REGISTRY = SpeakerRegistry((
    PARK, MOON,
    Speaker("Xi Jinping", "CN", aliases=("President Xi",)),
    Speaker("Wang Yi", "CN", aliases=("Wang Yi",)),
    Speaker("Chinese side", "CN", kind="collective", aliases=("China",)),
    Speaker("DPRK side", "DPRK", kind="collective", aliases=("The DPRK", "the DPRK")),
    Speaker("Ban Ki-moon", "ROK", aliases=("Ban Ki-moon",)),
))


def _speech(text, *, speaker="Wang Yi", side="CN", date="2019", precision="year"):
    docs = pd.DataFrame({"doc_id": ["s"], "date": [pd.Timestamp(f"{date}-01-01" if precision == "year" else date)],
                         "date_precision": [precision], "genre": ["speech"], "title": ["Speech"], "text": [text],
                         "speaker": [speaker], "side": [side]})
    return attribute_statements(docs, REGISTRY)


def test_every_sentence_of_a_speech_is_the_delegates_own_voice():
    st = _speech("We seek peace on the Peninsula. Japan and the ROK held talks last year.\n\nThe world is changing.")
    assert st["speaker"].tolist() == ["Wang Yi"] * 3 and st["side"].tolist() == ["CN"] * 3
    assert st["rule"].tolist() == ["speech"] * 3 and st["reported_speaker"].isna().all()
    assert st["voice"].tolist() == ["CN"] * 3


def test_words_the_delegate_reports_fill_reported_speaker_and_voice():
    st = _speech("As President Xi said, peace is precious. He added that all must act. We agree.\n\n"
                 "The DPRK claims that it was provoked. China believes in dialogue.")
    assert st["reported_speaker"].fillna("").tolist() == ["Xi Jinping", "Xi Jinping", "", "DPRK side", ""]
    assert st["voice"].tolist() == ["CN", "CN", "CN", "DPRK", "CN"]
    assert st["cue"].tolist() == ["said", "speaker", "speaker", "claims", "speaker"]  # China (own side) is no report
    assert st["speaker"].eq("Wang Yi").all()


def test_the_secretary_general_is_reported_as_the_un_even_when_registered_elsewhere():
    st = _speech("The Secretary-General has told us that reform is urgent. "
                 "Secretary-General Ban Ki-moon said the goals matter. We thank the Secretary-General.", date="2010")
    assert st["reported_speaker"].fillna("").tolist() == ["Secretary-General", "Ban Ki-moon", ""]
    assert st["reported_side"].fillna("").tolist() == ["UN", "UN", ""]
    assert st["voice"].tolist() == ["UN", "UN", "CN"]


def test_the_front_matter_side_and_an_unnamed_delegate():
    st = _speech("Our Republic stands firm.", speaker="", side="DPRK")
    assert st[["speaker", "side", "rule"]].values.tolist() == [["unknown", "DPRK", "speech"]]
    st = _speech("Peace.", speaker="President Moon", side=None)
    assert st[["speaker", "side"]].values.tolist() == [["Moon Jae-in", "ROK"]]


def test_role_aliases_resolve_within_the_year_and_stay_unresolved_when_ambiguous():
    year_2016 = _speech("The ROK President said peace is near.", date="2016")
    assert year_2016["reported_speaker"].tolist() == ["Park Geun-hye"]
    # 2017: Park until March, Moon from May. A speech by Wang Yi (no dated role) could be either: no guess.
    assert resolve_in_period(REGISTRY, "the ROK President", dt.date(2017, 1, 1), dt.date(2017, 12, 31)) is None
    assert _speech("The ROK President said peace is near.", date="2017")["reported_speaker"].isna().all()
    # ... but Moon's own 2017 speech was given in his term (from 10 May): the alias is Moon, his own words.
    assert speech_period(pd.Timestamp("2017-01-01"), "year", MOON) == (dt.date(2017, 5, 10), dt.date(2017, 12, 31))
    assert resolve_in_period(REGISTRY, "The ROK President", dt.date(2017, 5, 10), dt.date(2017, 12, 31)).name == "Moon Jae-in"
    # With a known day, the day decides.
    assert _speech("The ROK President said so.", date="2017-02-01", precision="day")["reported_speaker"].tolist() == ["Park Geun-hye"]


def test_every_span_indexes_the_stored_text():
    text = "\ufeffMr. President,\nI congratulate you on your\nelection. As President Xi said, peace\nmatters.\r\n"
    st = _speech(text)
    assert all(text[s:e] == t for s, e, t in zip(st["start"], st["end"], st["text"]))
