"""Attribution rules of the sixteenth round on tiny made-up snippets (the errors of the fifteenth hold-out, fixed by
general rules): unnamed groups of the other side, agentless responses, talks evaluated by the page, quotations with
the speaker after them, clefts, comma-adverbials, an event then a reconfirmation, meals held, long title chains."""

from functools import partial

import pytest

from analysis.inputs.speakers import Speaker, SpeakerRegistry
from analysis.statements.inversions import is_talk_evaluated, unfold_inversion
from tests.attribution_support import attribute_snippet, who

REGISTRY = SpeakerRegistry(
    (
        Speaker("Wang Yi", "CN", aliases=("Wang Yi", "Foreign Minister Wang Yi")),
        Speaker("Hu Jintao", "CN", aliases=("Hu Jintao", "President Hu Jintao")),
        Speaker("Kang Kyung-wha", "ROK", aliases=("Kang Kyung-wha", "Minister Kang", "Foreign Minister Kang Kyung-wha")),
        Speaker("Park Jin", "ROK", aliases=("Park Jin", "President Park", "President Park Jin")),
        Speaker("Antony Blinken", "US", aliases=("Antony Blinken", "Secretary Blinken")),
        Speaker("US side", "US", kind="collective", aliases=("the US", "The US", "the United States")),
        Speaker("ROK side", "ROK", kind="collective", aliases=("the ROK", "The ROK")),
    ),
)
EVENT = "On May 13, Minister Kang held talks with Secretary Blinken.\n\n"


_attribute = partial(attribute_snippet, registry=REGISTRY, date="2022-05-13")
_who = partial(who, columns=("speaker", "side"))


def test_a_countrys_adjective_before_a_group_noun_is_nobody_registered():
    st = _attribute(f"{EVENT}3. The US dignitaries in response presented Minister Kang with the prospects for the alliance "
                    "and proposed constructive opinions on the region.")
    assert _who(st)[1] == ("unknown", "unknown")
    st = _attribute(f"{EVENT}The US stressed its commitment. The US also welcomed the plans.")
    assert _who(st)[1:] == [("US side", "US"), ("US side", "US")]


def test_a_person_and_a_countrys_unnamed_group_with_a_shared_verb_are_joint():
    st = _attribute(f"{EVENT}Minister Kang and the US notables shared a view on the alliance.")
    assert _who(st)[1] == ("joint", "joint")


def test_bare_officials_are_an_unnamed_group_not_both_sides():
    st = _attribute(f"{EVENT}In addition, the officials voiced hope for an early visit. The two ministers agreed to meet.")
    assert _who(st)[1:] == [("unknown", "unknown"), ("joint", "joint")]


def test_an_agentless_response_from_a_person_is_that_persons():
    st = _attribute(f"{EVENT}Minister Kang stressed the alliance. There was a warm response from Secretary Blinken.")
    assert _who(st)[2] == ("Antony Blinken", "US")


@pytest.mark.parametrize("sentence", ["The meeting was candid and productive.",
                                      "The talk, though short, is viewed with significance amid change."])
def test_a_talk_evaluated_is_the_pages_not_the_last_speakers(sentence):
    st = _attribute(f"{EVENT}Secretary Blinken stressed the alliance. {sentence}")
    assert _who(st)[2] == ("narrator", "narrator")


def test_a_cleft_and_a_comma_adverbial_name_the_subject():
    st = _attribute(f"{EVENT}It was Secretary Blinken who first raised the issue of trade.\n\n"
                    "Minister Kang, in response, gave credit to the agreement of last year.")
    assert _who(st)[1:] == [("Antony Blinken", "US"), ("Kang Kyung-wha", "ROK")]


def test_a_quotation_with_a_short_surname_after_it_is_that_persons_and_so_is_the_next_he_said():
    st = _attribute("On May 13, President Park Jin met with President Hu Jintao in New York.\n\n"
                    "President Park stressed the partnership.\n\n"
                    "“China values the relations,” Hu pointed out. “We will work together,” he said.", date="2009-09-23")
    assert _who(st)[2:] == [("Hu Jintao", "CN"), ("Hu Jintao", "CN")]


def test_an_event_then_a_reconfirmation_of_the_same_subject_is_the_subjects():
    st = _attribute("President Park Jin, currently visiting the United States, met with President Hu Jintao "
                    "on Wednesday and reconfirmed close coordination.", date="2009-09-23")
    assert _who(st) == [("Park Jin", "ROK")]
    st = _attribute("Minister Kang met with Secretary Blinken on May 2 and discussed the alliance.")
    assert _who(st) == [("narrator", "narrator")]


def test_a_working_dinner_after_a_place_and_date_opening_is_an_event():
    st = _attribute("1. In Washington DC, the US, on June 15, Foreign Minister Kang Kyung-wha held a working dinner "
                    "with senior officials.")
    assert _who(st) == [("narrator", "narrator")] and st["rule"].tolist() == ["event"]


def test_a_long_title_chain_before_the_name_still_finds_the_event():
    chain = ("Member of the Political Bureau of the Central Committee of the Communist Party of China (CPC) and Director "
             "of the Office of the Foreign Affairs Commission of the CPC Central Committee")
    st = _attribute(f"On June 14, 2018, {chain} Wang Yi met in Beijing with Secretary Blinken.")
    assert _who(st) == [("narrator", "narrator")] and st["rule"].tolist() == ["event"]


def test_the_pages_hearsay_opening_a_paragraph_is_the_pages():
    st = _attribute(f"{EVENT}Secretary Blinken stressed the alliance.\n\nIt is reported that Wang Yi was also there.")
    assert _who(st)[2] == ("narrator", "narrator")


def test_the_inversions_leave_other_sentences_alone():
    assert unfold_inversion("There was a meeting in Seoul.") == "There was a meeting in Seoul."
    assert unfold_inversion("It was a fruitful visit.") == "It was a fruitful visit."
    assert not is_talk_evaluated("The talks were held in Seoul.")
