"""Attribution rules of the fourteenth round on tiny made-up snippets: a recollection inside a person's account,
passives of company, a joint subject's talks on topics, hosting invitations, photo captions, "They" after an
unnamed group and numbered headings (the errors of the thirteenth hold-out, fixed by general rules)."""

from functools import partial

import pytest

from analysis.inputs.speakers import Speaker, SpeakerRegistry
from tests.attribution_support import attribute_snippet

REGISTRY = SpeakerRegistry(
    (
        Speaker("Wang Yi", "CN", aliases=("Wang Yi", "Foreign Minister Wang Yi")),
        Speaker("Kang Kyung-wha", "ROK", aliases=("Kang Kyung-wha", "Foreign Minister Kang", "Minister Kang")),
        Speaker("Moon Jae-in", "ROK", aliases=("Moon Jae-in", "President Moon", "President Moon Jae-in")),
        Speaker("Antony Blinken", "US", aliases=("Antony Blinken", "Secretary Blinken")),
        Speaker("Japan", "JP", kind="collective", aliases=("Japan",)),
    ),
)
EVENT = "On May 13, Wang Yi held talks with Foreign Minister Kang.\n\n"


_attribute = partial(attribute_snippet, registry=REGISTRY, date="2018-05-13")


@pytest.mark.parametrize("recollection", ["Secretary Blinken had said that the US would stand by Korea.",
                                          "Secretary Blinken had told him that the US would stand by Korea.",
                                          "Secretary Blinken had also stated that the US would stand by Korea."])
def test_a_recollection_inside_a_persons_account_is_that_persons_report(recollection):
    st = _attribute(f"{EVENT}President Moon said that he was grateful to the Secretary. {recollection} "
                    "He added that ties matter.")
    assert st[["speaker", "side"]].values.tolist()[1:] == [["Moon Jae-in", "ROK"]] * 3
    assert st["reported_speaker"].tolist()[2] == "Antony Blinken"
    assert st["rule"].tolist()[2] == "continuation"


def test_a_recollection_told_by_the_page_stays_the_persons():
    st = _attribute(f"{EVENT}Secretary Blinken had said that the US would stand by Korea.")
    assert st["speaker"].tolist()[-1] == "Antony Blinken"


@pytest.mark.parametrize("company", ["was accompanied by General Tom Smith, Director of Operations",
                                     "was joined by Ambassador Tom Smith", "was attended by his senior advisers",
                                     "was also accompanied by Ambassador Tom Smith"])
def test_a_passive_of_company_is_an_event_of_the_page(company):
    st = _attribute(f"Secretary Blinken met Foreign Minister Kang today. Secretary Blinken {company}. He was joined by "
                    "Ambassador Tom Smith.\n\nWang Yi said ties matter. Minister Kang was accompanied by Ambassador Lee.")
    assert st[["speaker", "rule"]].values.tolist()[1:3] == [["narrator", "event"]] * 2
    assert st[["speaker", "rule"]].values.tolist()[-1] == ["narrator", "event"]


def test_a_passive_of_a_briefing_still_names_the_agent():
    st = _attribute(f"{EVENT}Minister Kang was briefed by Wang Yi on the talks.")
    assert st["speaker"].tolist()[-1] == "Wang Yi"


@pytest.mark.parametrize("talks", ["they had conversations on such topics as the summit and trade",
                                   "they had talks on the nuclear issue", "the two sides had candid conversations about trade"])
def test_a_joint_subjects_talks_on_topics_are_a_joint_act(talks):
    st = _attribute(f"President Moon attended a luncheon hosted by Secretary Blinken today. During the luncheon, {talks}.")
    assert st[["speaker", "rule"]].values.tolist()[0] == ["narrator", "event"]
    assert st["speaker"].tolist()[1] == "joint"


@pytest.mark.parametrize("event", ["The two leaders had a candid conversation on the situation",
                                   "The two leaders had talks on Monday", "They had talks on the sidelines of the summit"])
def test_a_conversation_or_talks_as_an_occasion_stay_an_event(event):
    st = _attribute(f"{EVENT}{event}.")
    assert st[["speaker", "rule"]].values.tolist()[-1] == ["narrator", "event"]


@pytest.mark.parametrize("place", ["to the presidential office of Cheong Wa Dae to seek their advice",
                                   "to Cheong Wa Dae", "to a luncheon", "to a dinner at his residence", "to the Blue House"])
def test_an_invitation_to_a_place_or_a_meal_is_hosting_an_event(place):
    st = _attribute(f"President Moon Jae-in on June 26 invited former Korean ambassadors to the U.S. {place}.")
    assert st[["speaker", "side", "rule"]].values.tolist() == [["narrator", "narrator", "event"]]


@pytest.mark.parametrize("invitation", ["invited Minister Kang to visit China", "invited Minister Kang to attend the forum",
                                        "once again invited Minister Kang to Japan"])
def test_an_invitation_to_visit_or_attend_stays_a_speech_act(invitation):
    st = _attribute(f"{EVENT}Foreign Minister Wang Yi {invitation}.")
    assert st["speaker"].tolist()[-1] == "Wang Yi"


@pytest.mark.parametrize("caption", ["President Moon Jae-in (left) poses for a photo with Secretary Blinken, at Cheong Wa Dae on May 31.",
                                     "Foreign Minister Wang Yi (right) and Minister Kang shake hands before their talks.",
                                     "President Moon Jae-in (second from left) speaks at the meeting.",
                                     "Minister Kang (center) poses for a commemorative photo."])
def test_a_photo_caption_is_the_pages_note(caption):
    st = _attribute(f"{EVENT}President Moon said, “We need peace.”\n\n{caption}\n\nPresident Moon said, “We need trade.”")
    assert st[["speaker", "rule"]].values.tolist()[2] == ["narrator", "note"]
    assert st["speaker"].tolist()[3] == "Moon Jae-in"


def test_they_after_an_unnamed_group_is_unknown_not_joint():
    st = _attribute(f"{EVENT}President Moon said, “We need peace.”\n\nIn response, the former ambassadors said the "
                    "itinerary seems well thought out.\n\nThey added that they hope for peace.")
    assert st[["speaker", "side"]].values.tolist()[-1] == ["unknown", "unknown"]


def test_they_after_an_event_of_registered_speakers_stays_joint():
    st = _attribute(f"{EVENT}They also discussed the situation on the Korean Peninsula.\n\nThey added that ties matter.")
    assert st["speaker"].tolist()[1:] == ["joint", "joint"]


@pytest.mark.parametrize("heading", ["(1) Invitation to Secretary Blinken to Visit Japan",
                                     "2. Cooperation in the Fields of Energy, Trade and Climate Change",
                                     "(3) Space and Cyber Cooperation"])
def test_a_numbered_heading_without_a_verb_is_the_pages_note(heading):
    st = _attribute(f"{EVENT}{heading}\n\nMinister Kang explained her position.")
    assert st[["speaker", "rule"]].values.tolist()[1] == ["narrator", "note"]
    assert st["speaker"].tolist()[2] == "Kang Kyung-wha"


def test_a_numbered_sentence_with_a_verb_is_no_heading():
    st = _attribute(f"{EVENT}(2) Minister Kang explained the position of the government\n\nWang Yi said ties matter.")
    assert st["speaker"].tolist()[1] == "Kang Kyung-wha"
