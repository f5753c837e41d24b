"""Attribution rules of the fifteenth round on tiny made-up snippets: the office's own principal ("The President" on a
presidential office's page), a minister's account of his leader's meeting, reported words after the verb and at the
end, four named participants, a plan of a joint subject, numbered topic headings and present-tense captions (the
errors of the fourteenth hold-out, fixed by general rules)."""

from functools import partial

import pandas as pd
import pytest

from analysis.inputs.speakers import Role, Speaker, SpeakerRegistry
from analysis.statements.principals import find_principal
from tests.attribution_support import attribute_snippet

PRESIDENT = "President of the Republic of Korea"
REGISTRY = SpeakerRegistry(
    (
        Speaker("Lee Myung-bak", "ROK", aliases=("Lee Myung-bak",),
                roles=(Role(PRESIDENT, pd.Timestamp("2008-02-25").date(), pd.Timestamp("2013-02-24").date()),)),
        Speaker("Moon Jae-in", "ROK", aliases=("Moon Jae-in", "President Moon"),
                roles=(Role(PRESIDENT, pd.Timestamp("2017-05-10").date(), pd.Timestamp("2022-05-09").date()),)),
        Speaker("Barack Obama", "US", aliases=("Barack Obama", "President Barack Obama", "President Obama")),
        Speaker("Taro Aso", "JP", aliases=("Taro Aso", "Prime Minister Taro Aso")),
        Speaker("Yang Jiechi", "CN", aliases=("Yang Jiechi", "Foreign Minister Yang Jiechi")),
        Speaker("Hu Jintao", "CN", aliases=("Hu Jintao", "President Hu Jintao"), roles=(Role("President", pd.Timestamp("2003-03-15").date(), pd.Timestamp("2013-03-14").date()),)),
        Speaker("Koichiro Gemba", "JP", aliases=("Koichiro Gemba", "Foreign Minister Koichiro Gemba")),
        Speaker("Wendy Sherman", "US", aliases=("Wendy Sherman", "Deputy Secretary Sherman", "Under Secretary Sherman")),
        Speaker("Yun Byung-se", "ROK", aliases=("Yun Byung-se", "Minister Yun")),
        Speaker("Antony Blinken", "US", aliases=("Antony Blinken", "Secretary Blinken")),
        Speaker("Wang Yi", "CN", aliases=("Wang Yi", "Director Wang Yi", "Foreign Minister Wang")),
    ),
)
OFFICE = "Office of the President of the Republic of Korea (Cheong Wa Dae), English website"


# this round's documents also carry `source` and `house` (which office's page): extra columns of the snippet
_attribute = partial(attribute_snippet, registry=REGISTRY, date="2009-06-16", source="A ministry's website", house=None)


def test_the_principal_is_the_president_of_the_office_at_the_date():
    assert find_principal(REGISTRY, "rok-president", None, pd.Timestamp("2009-06-16")) == ("Lee Myung-bak", "ROK")
    assert find_principal(REGISTRY, None, OFFICE, pd.Timestamp("2018-06-16")) == ("Moon Jae-in", "ROK")
    assert find_principal(REGISTRY, "rok-mofa", "Ministry of Foreign Affairs", pd.Timestamp("2018-06-16")) is None
    assert find_principal(REGISTRY, "rok-president", None, pd.Timestamp("2016-01-01")) is None  # nobody registered


@pytest.mark.parametrize("house, source", [("rok-president", "A page"), (None, OFFICE)])
def test_on_a_presidential_offices_page_the_president_is_its_own(house, source):
    st = _attribute("The President and U.S. President Barack Obama agreed on Tuesday to act together.\n\n"
                    "President Obama also said that trade matters.\n\n"
                    "At the joint press conference, The President said the two leaders affirmed their unity.\n\n"
                    "In regard to trade, the President said talks go on.", house=house, source=source)
    assert st["speaker"].tolist() == ["joint", "Barack Obama", "Lee Myung-bak", "Lee Myung-bak"]
    assert st["side"].tolist()[2:] == ["ROK", "ROK"]


def test_elsewhere_the_president_is_the_last_president_named():
    st = _attribute("President Obama said that trade matters.\n\nThe President said talks go on.")
    assert st["speaker"].tolist() == ["Barack Obama", "Barack Obama"]


def test_a_present_tense_caption_of_the_president_and_a_guest_is_the_pages():
    st = _attribute("President Obama said that trade matters.\n\nThe President and U.S. President Barack Obama hold a "
                    "joint press conference in the Rose Garden after summit talks on June 16.", house="rok-president")
    assert st[["speaker", "rule"]].values.tolist()[1] == ["narrator", "note"]


def test_a_ministers_account_of_his_leaders_meeting_stays_the_ministers():
    st = _attribute("On April 7, Foreign Minister Yang Jiechi held talks with Foreign Minister Koichiro Gemba.\n\n"
                    "Yang Jiechi said that China and Japan are close neighbours. President Hu Jintao held talks with "
                    "Prime Minister Taro Aso not long ago. Both sides reaffirmed that they will deepen ties. "
                    "He also called on the two sides to deepen cooperation.\n\n"
                    "Koichiro Gemba said that Japan agrees.", date="2009-04-07")
    assert st["speaker"].tolist() == ["narrator", "Yang Jiechi", "Yang Jiechi", "Yang Jiechi", "Yang Jiechi", "Koichiro Gemba"]
    assert st["rule"].tolist()[2:5] == ["continuation", "continuation", "pronoun"]


def test_without_a_ministers_words_before_it_the_leaders_meeting_is_the_pages():
    st = _attribute("President Hu Jintao held talks with Prime Minister Taro Aso. Both sides reaffirmed that ties matter.",
                    date="2009-04-07")
    assert st["speaker"].tolist() == ["narrator", "joint"]


def test_a_name_an_adverbial_and_said_and_a_trailing_said_name_the_speaker():
    st = _attribute("On February 3, Lee Myung-bak had a telephone conversation with President Barack Obama.\n\n"
                    "President Obama stressed that trade matters. Lee in the same voice said the world should remember.\n\n"
                    "The visit this time would strengthen relations, Lee said, and Japan would advance.\n\n"
                    "Ties are close, Cheong Wa Dae said.", house="rok-president", date="2009-02-03")
    assert st["speaker"].tolist() == ["narrator", "Barack Obama", "Lee Myung-bak", "Lee Myung-bak", "narrator"]


def test_four_participants_by_name_and_title_are_joint_and_so_are_the_four():
    st = _attribute("Deputy Secretary Sherman met Minister Yun in Tokyo.\n\n"
                    "Deputy Secretary Sherman, Minister Yun, Vice Foreign Minister Mori, and First Vice Foreign Minister "
                    "Cho shared concerns about the region. The four discussed deepening cooperation.", date="2016-10-25")
    assert st["speaker"].tolist()[1:] == ["joint", "joint"]


def test_a_plan_of_a_joint_subject_is_the_pages():
    st = _attribute("Secretary Blinken met Director Wang Yi in Washington.\n\n"
                    "The Secretary and Director and Foreign Minister Wang will continue their discussions on Friday, "
                    "October 27.", date="2023-10-26")
    assert st[["speaker", "rule"]].values.tolist()[1] == ["narrator", "note"]


@pytest.mark.parametrize("heading", ["2. Joint economic activities on the Four Northern Islands",
                                     "3. Humanitarian measures for the former island residents",
                                     "1. Bilateral relations (including issue of concluding a peace treaty)"])
def test_a_numbered_topic_heading_is_the_pages(heading):
    st = _attribute(f"Minister Yun met Secretary Blinken.\n\nMinister Yun said that ties matter.\n\n{heading}\n\n"
                    "Minister Yun said that islands matter.", date="2016-10-25")
    assert st[["speaker", "rule"]].values.tolist()[2] == ["narrator", "note"]


def test_a_bullet_before_a_title_alias_names_the_holder():
    st = _attribute("Minister Yun met Under Secretary Sherman.\n\n° Minister Yun said that ties matter.\n\n"
                    "° The former Under Secretary, calling the issue serious, shared the Minister’s view.",
                    date="2016-10-10")
    assert st["speaker"].tolist()[2] == "Wendy Sherman"


@pytest.mark.parametrize("fragment, speaker", [("Yun and Blinken al", "joint"), ("Yun and Blin", "joint"),
                                                ("° In response, Under Secretary Sherman, a", "Wendy Sherman")])
def test_a_fragment_cut_after_two_names_is_joint_and_after_a_name_and_comma_the_persons(fragment, speaker):
    st = _attribute(f"Minister Yun met Under Secretary Sherman and Secretary Blinken.\n\n{fragment}", date="2016-10-10")
    assert st[["speaker", "rule"]].values.tolist()[-1] == [speaker, "cut"]
