"""Attribution rules of the thirteenth round on tiny made-up snippets: a briefing the page introduces as an
official's, announcements of plans and schedules, list numbers and datelines before the page's own sentences, a
person and a group of ministers or counterparts as a joint subject (the errors of the twelfth hold-out, fixed by
general rules)."""

from functools import partial

import pytest

from analysis.inputs.speakers import Speaker, SpeakerRegistry
from tests.attribution_support import attribute_snippet

REGISTRY = SpeakerRegistry(
    (
        Speaker("Wang Yi", "CN", aliases=("Wang Yi", "Foreign Minister Wang Yi")),
        Speaker("Kang Kyung-wha", "ROK", aliases=("Kang Kyung-wha", "Foreign Minister Kang", "Minister Kang")),
        Speaker("Moon Jae-in", "ROK", aliases=("Moon Jae-in", "President Moon", "President Moon Jae-in")),
        Speaker("Han Min-su", "ROK", aliases=("Han Min-su", "Senior Secretary Han Min-su")),
        Speaker("Antony Blinken", "US", aliases=("Antony Blinken", "Secretary Blinken")),
        Speaker("Chinese side", "CN", kind="collective", aliases=("China", "the Chinese side")),
        Speaker("ROK side", "ROK", kind="collective", aliases=("the ROK", "The ROK", "the Republic of Korea")),
    ),
)
EVENT = "On May 13, Wang Yi held talks with Foreign Minister Kang.\n\n"


_attribute = partial(attribute_snippet, registry=REGISTRY, date="2018-05-13")


@pytest.mark.parametrize("header", [
    "The following is a briefing given this morning by Han Min-su, Senior Secretary to the President.",
    "What follows is a statement by Senior Secretary Han Min-su.",
    "Cheong Wa Dae released the following remarks by Han Min-su, Senior Secretary to the President.",
])
def test_a_briefing_the_page_introduces_is_the_officials_in_the_first_person(header):
    st = _attribute(f"{header}\n\nI hope you all had a good rest.\n\nToday is day three. We thank the press.",
                    genre="remarks", title="Day Three Morning Briefing")
    assert st["speaker"].tolist() == ["narrator", "Han Min-su", "Han Min-su", "Han Min-su"]
    assert st["side"].tolist()[1:] == ["ROK"] * 3


def test_an_unregistered_briefer_gets_the_side_of_the_country_in_the_title():
    st = _attribute("The following is a briefing by Park Ji-ho, Spokesperson of the Republic of Korea.\n\nWe thank you.",
                    genre="remarks", title="Briefing")
    assert st[["speaker", "side"]].values.tolist()[1] == ["Park Ji-ho", "ROK"]


def test_a_briefing_introduced_in_a_readout_goes_on_in_the_first_person_until_a_new_attribution():
    st = _attribute("The following is a statement by Senior Secretary Han Min-su.\n\nWe welcome the talks.\n\n"
                    "Our government will work hard.\n\nWang Yi said that ties matter.")
    assert st["speaker"].tolist() == ["narrator", "Han Min-su", "Han Min-su", "Wang Yi"]


@pytest.mark.parametrize("plan", ["is to embark on a trip today to New York", "is set to visit Seoul",
                                  "will head to Beijing on March 12", "will then head to Moscow", "plans to gather support",
                                  "intends to send a message", "will explain the results", "will discuss the outcome",
                                  "is scheduled to arrive on Monday"])
def test_an_announced_plan_is_the_pages_and_a_pronoun_continuing_it_too(plan):
    st = _attribute(f"President Moon Jae-in {plan}. He also intends to meet leaders. They will discuss trade.")
    assert st["speaker"].tolist() == ["narrator"] * 3


def test_a_plan_of_a_group_the_rules_do_not_name_is_the_pages():
    st = _attribute(f"{EVENT}The special delegation that visited Pyongyang will head to Beijing. "
                    "They will explain the results.\n\n"
                    "In the meantime, intelligence chief Suh Hoon and deputy chief Nam Gwan-pyo will visit Tokyo.")
    assert st["speaker"].tolist()[1:] == ["narrator"] * 3


@pytest.mark.parametrize("speech", ["will say that ties matter", "will tell the press that ties matter"])
def test_a_speech_act_in_the_future_is_no_plan(speech):
    st = _attribute(f"{EVENT}Minister Kang said that trade matters. She {speech}.")
    assert st["speaker"].tolist()[1:] == ["Kang Kyung-wha", "Kang Kyung-wha"]


def test_a_plan_inside_a_persons_words_stays_that_persons():
    st = _attribute(f"{EVENT}Wang Yi said that China values ties. China is set to expand its opening-up.")
    assert st["speaker"].tolist()[1:] == ["Wang Yi", "Wang Yi"]


def test_a_list_number_before_an_unregistered_officials_event_is_the_event():
    st = _attribute("1. First Vice Minister of Foreign Affairs Kim Jae-won met with US Deputy Secretary of State "
                    "Tom Smith on January 21 to exchange views on the alliance.")
    assert st[["speaker", "rule"]].values.tolist() == [["narrator", "event"]]


@pytest.mark.parametrize("dateline", ["Washington, DC – ", "Washington, DC - ", ""])
def test_a_dateline_before_the_pages_own_announcement_is_the_pages(dateline):
    st = _attribute(f"{dateline}The US Department of State released the following statement:\n\n{EVENT}")
    assert st["speaker"].tolist()[0] == "narrator"


@pytest.mark.parametrize("subject", ["The Secretary and Foreign Ministers", "The Secretary and the Foreign Ministers",
                                     "Secretary Blinken and the Foreign Ministers", "Minister Kang and her Chinese counterpart",
                                     "Minister Kang and his counterparts"])
def test_a_person_and_a_group_of_ministers_or_counterparts_are_a_joint_subject(subject):
    st = _attribute(f"Secretary Blinken met Foreign Minister Kang.\n\n{subject} condemned the launches.")
    assert st["speaker"].tolist()[-1] == "joint"


def test_a_long_participial_opening_is_resolved_to_the_main_clauses_subject():
    st = _attribute("Secretary Blinken met Foreign Minister Kang today. Building on the President’s June 29 trilateral "
                    "meeting with President Moon Jae-in of the Republic of Korea and Prime Minister Fumio Kishida of Japan, "
                    "Secretary Blinken and the Foreign Ministers discussed efforts to enhance cooperation.")
    assert st["speaker"].tolist()[-1] == "joint"


def test_an_o_bullet_before_a_participial_opening():
    st = _attribute(f"{EVENT}o Recalling that the ROK, US and Japanese Foreign Ministers, in their meeting on February 16, "
                    "sent a strong warning, Minister Kang and her Japanese counterpart strongly condemned the provocation.")
    assert st["speaker"].tolist()[-1] == "joint"
