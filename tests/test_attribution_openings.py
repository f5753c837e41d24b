"""Attribution rules of the eleventh round on tiny made-up snippets: topic openings, joint acts of agreement
and agentless passives of talk (the errors of the tenth hold-out, fixed by general rules)."""

from functools import partial

import pandas as pd
import pytest

from analysis.inputs.speakers import Role, Speaker, SpeakerRegistry
from tests.attribution_support import attribute_snippet

REGISTRY = SpeakerRegistry(
    (
        Speaker("Wang Yi", "CN", aliases=("Wang Yi", "Foreign Minister Wang Yi")),
        Speaker("Kang Kyung-wha", "ROK", aliases=("Kang Kyung-wha", "Foreign Minister Kang", "Foreign Minister Kang Kyung-wha")),
        Speaker("Antony Blinken", "US", aliases=("Antony Blinken", "Secretary Blinken"),
                roles=(Role("United States Secretary of State", pd.Timestamp("2021-01-26").date(), None, ()),)),
        Speaker("Chinese side", "CN", kind="collective", aliases=("China", "the Chinese side")),
        Speaker("DPRK side", "DPRK", kind="collective", aliases=("North Korea", "the DPRK")),
        Speaker("ROK side", "ROK", kind="collective", aliases=("the ROK", "The ROK")),
    ),
)
EVENT = "On May 13, Wang Yi held talks with Foreign Minister Kang Kyung-wha.\n\n"


_attribute = partial(attribute_snippet, registry=REGISTRY, date="2022-05-13")


@pytest.mark.parametrize("opening", ["Regarding North Korea, ", "As for North Korea, ", "With regard to North Korea, ",
                                     "• (1) Regarding North Korea, ", "2. As for China and the ROK, ", "As to the DPRK, ",
                                     "Concerning North Korea, ", "With respect to China, ",
                                     "When it comes to North Korea, ", "In terms of China, "])
def test_a_topic_opening_names_what_is_talked_about_not_who_speaks(opening):
    st = _attribute(f"{EVENT}{opening}Foreign Minister Kang stated that talks matter.")
    assert st["speaker"].tolist()[1:] == ["Kang Kyung-wha"]
    assert st["side"].tolist()[1:] == ["ROK"]
    assert st["rule"].tolist()[1:] == ["reporting"]


def test_a_topic_opening_without_a_speaker_after_it_gives_the_topic_no_voice():
    # "Regarding China, talks continue.": China is the topic; nobody is named as speaking
    st = _attribute(f"{EVENT}Regarding North Korea, there are concerns.")
    assert st["side"].tolist()[1:] != ["DPRK"]


@pytest.mark.parametrize("act", ["came to a common ground on", "came to common ground on", "found common ground on",
                                 "found a common ground on", "reached a consensus on", "came to a consensus on"])
def test_finding_common_ground_or_consensus_is_a_joint_act(act):
    st = _attribute(f"{EVENT}The two sides {act} the need to cooperate.")
    assert st["speaker"].tolist()[1:] == ["joint"]
    assert st["rule"].tolist()[1:] == ["joint"]


def test_coming_to_a_place_stays_travel():
    st = _attribute("Foreign Minister Kang came to the ROK embassy in Beijing.")
    assert st["speaker"].tolist() == ["narrator"]


@pytest.mark.parametrize("passive", ["Among the topics discussed was the need for restraint.",
                                     "The need for China to act was also discussed.",
                                     "Among the issues raised were trade and travel.",
                                     "Regional security was discussed as well."])
def test_talk_in_the_agentless_passive_is_the_pages_after_a_joint_sentence(passive):
    st = _attribute(f"{EVENT}The two sides discussed trade. {passive}")
    assert st["speaker"].tolist()[1:] == ["joint", "narrator"]
    assert st["rule"].tolist()[2] == "note"


def test_talk_in_the_passive_inside_a_persons_words_stays_that_persons():
    # rule 6 of the dev labels: an impersonal sentence inside a speaker's reported words continues the speaker
    st = _attribute(f"{EVENT}Wang Yi said that China values ties. The need for calm was also discussed.")
    assert st["speaker"].tolist()[1:] == ["Wang Yi", "Wang Yi"]


def test_a_passive_with_an_agent_is_not_the_pages():
    st = _attribute(f"{EVENT}The two sides discussed trade. Trade was discussed by Wang Yi at length.")
    assert st["speaker"].tolist()[2] != "narrator"


def test_a_cut_excerpt_end_after_a_topic_opening_is_read_from_what_follows_the_topic():
    # the stored excerpt stops inside the name: "Foreign Minister Ka" begins the one registered surname the page
    # names that fits ("Kang"); the topic before it ("With regard to North Korea and its nuclear issue,") is no subject
    st = _attribute(f"{EVENT}Wang Yi said that ties matter.\n\n3. With regard to North Korea and its nuclear issue, Foreign Minister Ka")
    assert st["speaker"].tolist()[-1] == "Kang Kyung-wha"
    assert st["rule"].tolist()[-1] == "cut"


def test_a_cut_name_that_begins_no_registered_surname_gets_no_side():
    # nobody the page names has a surname beginning "Zo": an unregistered title holder, side unknown, not the topic's
    st = _attribute(f"{EVENT}Wang Yi said that ties matter.\n\nRegarding North Korea and its nuclear issue, Foreign Minister Zo")
    assert st["side"].tolist()[-1] == "unknown"
    assert st["rule"].tolist()[-1] == "cut"
