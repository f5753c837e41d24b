"""Attribution rules of the twelfth round on tiny made-up snippets: multilateral meetings and travel as events, joint
subjects without an article or of "men", joint discussions, list numbers before a joint subject, joint passives, `※`
notes and office aliases of leaders (the errors of the eleventh hold-out, fixed by general rules)."""

from functools import partial

import pandas as pd
import pytest

from analysis.inputs.speakers import Role, Speaker, SpeakerRegistry, load_speakers
from analysis.paths import SPEAKERS
from tests.attribution_support import attribute_snippet

REGISTRY = SpeakerRegistry(
    (
        Speaker("Wang Yi", "CN", aliases=("Wang Yi", "Foreign Minister Wang Yi")),
        Speaker("Kang Kyung-wha", "ROK", aliases=("Kang Kyung-wha", "Foreign Minister Kang", "Foreign Minister Kang Kyung-wha")),
        Speaker("Antony Blinken", "US", aliases=("Antony Blinken", "Secretary Blinken"),
                roles=(Role("United States Secretary of State", pd.Timestamp("2021-01-26").date(), None, ()),)),
        Speaker("Ko Min-jung", "ROK", aliases=("Ko Min-jung", "Spokesperson Ko Min-jung")),
        Speaker("Chinese side", "CN", kind="collective", aliases=("China", "the Chinese side")),
        Speaker("US side", "US", kind="collective", aliases=("the US", "the United States")),
        Speaker("ROK side", "ROK", kind="collective", aliases=("the ROK", "The ROK")),
    ),
)
EVENT = "On May 13, Wang Yi held talks with Foreign Minister Kang Kyung-wha.\n\n"


_attribute = partial(attribute_snippet, registry=REGISTRY, date="2022-05-13")


@pytest.mark.parametrize("meeting", ["the 30th Meeting of the Regional Forum", "the Regional Security Forum",
                                     "the G20 Summit held in Rome", "the Conference on Disarmament"])
def test_taking_part_in_a_multilateral_meeting_is_an_event_and_its_participants_are_the_pages(meeting):
    st = _attribute(f"1. Foreign Minister Kang Kyung-wha participated in {meeting} on May 2.\n\n"
                    "During the Meeting, the participants exchanged views on regional issues.")
    assert st["speaker"].tolist() == ["narrator", "narrator"]
    assert st["rule"].tolist()[0] == "event"


def test_the_participants_are_the_pages_even_after_a_persons_words():
    st = _attribute(f"{EVENT}Wang Yi said that ties matter. The participants exchanged views on trade.")
    assert st["speaker"].tolist()[1:] == ["Wang Yi", "narrator"]


@pytest.mark.parametrize("verb", ["traveled", "travelled"])
def test_travelling_to_a_place_is_an_event(verb):
    st = _attribute(f"Secretary Blinken {verb} to Seoul, May 2-3, for meetings with his counterparts.")
    assert st["speaker"].tolist() == ["narrator"]
    assert st["rule"].tolist() == ["event"]


def test_talks_after_an_opening_with_prior_to_are_an_event():
    st = _attribute(f"{EVENT}Prior to the meeting, Foreign Minister Kang held talks with the leaders of three countries.")
    assert st["speaker"].tolist()[1:] == ["narrator"]


@pytest.mark.parametrize("subject", ["Two sides also", "All parties", "Both men", "The two men"])
def test_joint_subjects_without_an_article_or_of_men(subject):
    st = _attribute(f"{EVENT}{subject} affirmed the importance of trade.")
    assert st["speaker"].tolist()[1:] == ["joint"]
    assert st["rule"].tolist()[1:] == ["joint"]


@pytest.mark.parametrize("talk", ["had substantive discussions", "had candid discussions", "had a discussion",
                                  "had in-depth consultations", "had an exchange of views"])
def test_having_discussions_after_a_joint_subject_is_joint_even_inside_a_persons_words(talk):
    st = _attribute(f"{EVENT}Secretary Blinken emphasized that ties matter. The two sides {talk} on regional issues.")
    assert st["speaker"].tolist()[1:] == ["Antony Blinken", "joint"]


@pytest.mark.parametrize("sentence", ["4. The two Ministers, sharing the view that North Korea is likely",
                                      "4. On North Korea and its nuclear issue, the ROK and the US agreed to respond firmly"])
def test_a_list_number_before_a_joint_subject_after_a_participle_or_a_topic(sentence):
    st = _attribute(f"{EVENT}Foreign Minister Kang said that ties matter.\n\n{sentence}")
    assert st["speaker"].tolist()[-1] == "joint"


def test_two_countries_inside_a_persons_words_stay_that_persons():
    st = _attribute(f"{EVENT}Wang Yi said that ties matter, adding that China and the US agreed to talk.")
    st2 = _attribute(f"{EVENT}Wang Yi said that ties matter. China and the US agreed to talk more.")
    assert st["speaker"].tolist()[1:] == ["Wang Yi"]
    assert st2["speaker"].tolist()[1:] == ["Wang Yi", "Wang Yi"]


@pytest.mark.parametrize("passive", ["Additional commitments were made on all sides to explore next steps.",
                                     "Commitments were made on both sides to keep talking."])
def test_commitments_made_on_all_sides_are_joint(passive):
    st = _attribute(f"{EVENT}The two sides discussed trade.\n\n{passive}")
    assert st["speaker"].tolist()[-1] == "joint"


def test_a_reference_mark_paragraph_is_a_note():
    st = _attribute(f"{EVENT}Foreign Minister Kang said that ties matter.\n\n※ The ROK and China will co-chair a meeting.")
    assert st["speaker"].tolist()[-1] == "narrator"
    assert st["rule"].tolist()[-1] == "note"


@pytest.mark.parametrize(("sentence", "date", "speaker"), [
    ("The Chinese leader also agreed on the need for efforts.", "2019-06-27", "Xi Jinping"),
    ("The Korean leader also agreed on the need for efforts.", "2019-06-27", "Moon Jae-in"),
])
def test_the_chinese_or_korean_leader_names_the_leader_in_office(sentence, date, speaker):
    registry = load_speakers(SPEAKERS)
    st = _attribute(f"On June 27, President Moon held talks with President Xi.\n\n{sentence}", registry=registry, date=date)
    assert st["speaker"].tolist()[-1] == speaker


def test_the_korean_leader_is_nobody_registered_outside_the_dates_and_north_korea_is_not_south():
    registry = load_speakers(SPEAKERS)
    st = _attribute("Officials met.\n\nThe Korean leader also agreed on the need for efforts.", registry=registry, date="2010-06-27")
    assert st["speaker"].tolist()[-1] != "Moon Jae-in"
    st = _attribute("Officials met.\n\nThe North Korean leader also agreed on the need for efforts.", registry=registry, date="2019-06-27")
    assert st["side"].tolist()[-1] != "ROK"


def test_a_joint_act_told_in_a_trailing_reporting_clause_is_the_tellers():
    st = _attribute(f"{EVENT}Spokesperson Ko Min-jung spoke. Both men agreed on the importance of ties, Ko said, adding, \"They hoped for more.\"")
    assert st["speaker"].tolist()[-1] == "Ko Min-jung"
    st = _attribute(f"{EVENT}Both men agreed on the importance of ties, and said more.")
    assert st["speaker"].tolist()[1:] == ["joint"]
