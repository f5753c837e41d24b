"""Attribution rules of the seventeenth round on tiny made-up snippets (the errors of the sixteenth hold-out, fixed
by general rules): a talk as the subject of a speech verb, look-alike bullets, a person and "the two vice ministers"
or "her counterparts" as a joint subject, credit and sign-off lines, the unnamed participants of a forum."""

from functools import partial

import pytest

from analysis.inputs.speakers import Speaker, SpeakerRegistry
from tests.attribution_support import attribute_snippet, who

REGISTRY = SpeakerRegistry(
    (
        Speaker("Kang Kyung-wha", "ROK", aliases=("Kang Kyung-wha", "Minister Kang", "Foreign Minister Kang")),
        Speaker("Wendy Sherman", "US", aliases=("Wendy Sherman", "Deputy Secretary Sherman", "The Deputy Secretary",
                                                "the Deputy Secretary")),
        Speaker("US side", "US", kind="collective", aliases=("the US", "The US", "the United States")),
        Speaker("ROK side", "ROK", kind="collective", aliases=("the ROK", "The ROK")),
    ),
)
EVENT = "On May 13, Deputy Secretary Sherman met with Minister Kang in Seoul.\n\n"


_attribute = partial(attribute_snippet, registry=REGISTRY, date="2022-05-13")
_who = partial(who, columns=("speaker", "side"))


@pytest.mark.parametrize("sentence", ["The discussion also emphasized the value of open sea lanes.",
                                      "The talks further highlighted the need for supply chains.",
                                      "The call underscored the alliance."])
def test_a_talk_as_the_subject_of_a_speech_verb_is_the_pages(sentence):
    st = _attribute(f"{EVENT}The Deputy Secretary stressed the alliance. {sentence}")
    assert _who(st)[2] == ("narrator", "narrator")


@pytest.mark.parametrize("bullet", ["\u043e", "\u03bf", "o"])
def test_a_look_alike_bullet_is_a_bullet_and_an_unnamed_group_stays_unknown(bullet):
    st = _attribute(f"{EVENT}{bullet} Minister Kang explained the policy.\n\n{bullet} The Pacific side expressed "
                    f"its satisfaction with the ties.\n\n{bullet} In particular, Minister Kang emphasized cooperation.")
    assert _who(st)[1:] == [("Kang Kyung-wha", "ROK"), ("unknown", "unknown"), ("Kang Kyung-wha", "ROK")]


@pytest.mark.parametrize("subject", ["The Deputy Secretary and the two vice foreign ministers",
                                     "The Deputy Secretary and her Japanese and ROK counterparts",
                                     "Minister Kang and the three deputy ministers"])
def test_a_person_and_the_two_office_holders_or_her_counterparts_are_joint(subject):
    st = _attribute(f"{EVENT}During the meeting, {subject} committed to deepening cooperation.\n\n"
                    f"{subject} reaffirmed support for the region. They also discussed the economy.")
    assert _who(st)[1:] == [("joint", "joint")] * 3


def test_a_credit_line_and_a_sign_off_are_the_pages():
    st = _attribute("The following is attributable to Spokesperson Jane Roe:\n\nDeputy Secretary Sherman met with "
                    "Minister Kang.\n\nSpokesperson Jane Roe:\n\n", date="2021-07-21")
    assert _who(st)[-1] == ("narrator", "narrator")
    # the sign-off lines run on after the last sentence, without a paragraph break: one statement, the page's
    st = _attribute(f"{EVENT}The two sides agreed to meet again.\nSpokesperson and Deputy Minister for Public "
                    "Relations of MOFAT\n* unofficial translation")
    assert _who(st)[-1] == ("narrator", "narrator") and st["text"].iloc[-1].startswith("Spokesperson")


@pytest.mark.parametrize("sentence", ["° A number of participants also discussed in depth the security situation.",
                                      "° In response, the majority of participants noted with appreciation the talks."])
def test_unnamed_participants_of_a_forum_are_the_pages_account(sentence):
    st = _attribute(f"{EVENT}Minister Kang stressed the alliance.\n\n{sentence}")
    assert _who(st)[-1] == ("narrator", "narrator")


@pytest.mark.parametrize("sentence", ["° The event brought together the ministers of the region and the US.",
                                      "The Forum is comprised of 27 members, the ROK and the US among them.",
                                      "The APC consists of 20 member states."])
def test_background_on_a_forum_is_the_pages(sentence):
    st = _attribute(f"{EVENT}Minister Kang stressed the alliance.\n\n{sentence}")
    assert _who(st)[-1] == ("narrator", "narrator")
