"""Attribution rules on tiny made-up snippets, and accuracy against the hand-labelled gold files."""

import re
from functools import partial
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.statements import (  # noqa: E402
    STATEMENT_COLUMNS,
    assign_voice,
    attribute_statements,
    load_cues,
    summarize_speakers,
    summarize_uncertain,
)
from analysis.plots.statements import plot_document_sides, plot_speaker_volume  # noqa: E402
from analysis.evaluation import compare_attribution  # noqa: E402
from analysis.inputs.corpus import load_corpus  # noqa: E402
from analysis.inputs.speakers import Role, Speaker, SpeakerRegistry, load_speakers  # noqa: E402
from tests.attribution_support import attribute_snippet, who  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
GOLD = PROJECT / "tests" / "gold" / "attribution.csv"

REGISTRY = SpeakerRegistry(
    (
        Speaker("Xi Jinping", "CN", aliases=("President Xi", "Xi Jinping", "President Xi Jinping")),
        Speaker("Wang Yi", "CN", aliases=("Wang Yi", "State Councilor and Foreign Minister Wang Yi")),
        Speaker(
            "Moon Jae-in",
            "ROK",
            aliases=("President Moon", "Moon Jae-in", "President Moon Jae-in"),
            roles=(Role("President of the Republic of Korea", pd.Timestamp("2017-05-10").date(), pd.Timestamp("2022-05-09").date(), ("ROK President",)),),
        ),
        Speaker("Geng Shuang", "CN", aliases=("Geng Shuang",), roles=(Role("Foreign Ministry Spokesperson"),)),
        Speaker("Chinese side", "CN", kind="collective", aliases=("China", "the Chinese side")),
        Speaker("Antony Blinken", "US", aliases=("Antony Blinken", "Secretary Blinken"),
                roles=(Role("United States Secretary of State", pd.Timestamp("2021-01-26").date(), None, ()),)),
        Speaker("Kang Kyung-wha", "ROK", aliases=("Kang Kyung-wha", "Foreign Minister Kang")),
        Speaker("ROK side", "ROK", kind="collective", aliases=("the ROK", "The ROK")),
    ),
    host_aliases=("the spokesperson",),
)


_attribute = partial(attribute_snippet, registry=REGISTRY, date="2020-05-13")


# -------------------------------------------------------------------- narrated documents


def test_a_named_speaker_with_a_reporting_verb_opens_a_stretch_that_continues():
    st = _attribute("President Xi noted that ties are close. The two countries are neighbours. China stands ready to help.")
    assert who(st) == ["Xi Jinping"] * 3
    assert who(st, "rule") == ["reporting", "continuation", "continuation"]
    assert who(st, "cue") == ["noted"] * 3
    assert who(st, "side") == ["CN"] * 3


def test_pronoun_openings_continue_the_last_person():
    st = _attribute("Wang Yi first delivered a message from President Xi Jinping. He said ties thrive. He believes more will come.")
    assert who(st) == ["Wang Yi"] * 3
    assert who(st, "rule") == ["reporting", "pronoun", "pronoun"]
    assert who(st, "cue") == ["delivered", "said", "believes"]


def test_a_mention_is_not_speech():
    st = _attribute("President Moon commended the achievements under President Xi's strong leadership. The ROK looks forward to more.")
    assert who(st) == ["Moon Jae-in", "Moon Jae-in"]
    assert who(st, "side") == ["ROK", "ROK"]


def test_a_collective_of_the_speakers_own_side_continues_the_speaker():
    st = _attribute("President Moon said so. The ROK looks forward to closer ties.")
    assert who(st, "rule") == ["reporting", "continuation"]


def test_a_compound_subject_is_nobodys_speech():
    st = _attribute("President Moon said so. The ROK and China have maintained exchanges.")
    assert who(st) == ["Moon Jae-in", "Moon Jae-in"]
    assert who(st, "rule") == ["reporting", "continuation"]


def test_joint_subjects_need_a_reporting_event_or_joint_verb():
    st = _attribute("Wang Yi said that ties matter. Both sides should promote exchanges.\n\nBoth sides exchanged views on the situation. The two sides agreed to meet.")
    assert who(st) == ["Wang Yi", "Wang Yi", "joint", "joint"]
    assert who(st, "cue")[2:] == ["exchanged views", "agreed"]


def test_event_verbs_are_the_narrator_and_titles_or_adverbials_may_precede_the_subject():
    st = _attribute(
        "On May 13, 2020 local time, President Xi Jinping had a telephone conversation with President Moon Jae-in of the Republic of Korea.\n\n"
        "ROK President Moon Jae-in of the Republic of Korea (ROK) highly appreciates the role of China."
    )
    assert who(st) == ["narrator", "Moon Jae-in"]
    assert who(st, "cue") == ["had a telephone conversation", "appreciates"]


def test_role_aliases_resolve_by_date():
    assert who(_attribute("The ROK President said so.", date="2020-01-01")) == ["Moon Jae-in"]
    st = _attribute("The ROK President said so.", date="2023-01-01")
    assert who(st) == ["unknown"]


def test_a_paragraph_without_a_speaker_is_unknown_not_the_previous_person_by_default():
    # the `carried` guess (previous paragraph's person) was right 5 of 13 on unseen house styles: withheld
    st = _attribute("President Xi stressed unity.\n\nChina is ready to cooperate. It hopes for peace.\n\n"
                    "Xi Jinping met with guests.\n\nThe weather was fine.")
    # after the page's own paragraph (the event sentence), a paragraph without a subject would be the page's
    # background, but that guess was right 0 of 2 in round 9's clean run: withheld too
    assert who(st) == ["Xi Jinping", "unknown", "unknown", "narrator", "unknown"]
    assert who(st, "rule") == ["reporting", "carried", "unknown", "event", "background"]
    assert st["confidence"].tolist()[1:3] == [0.0, 0.0]


def test_background_after_the_page_paragraph_is_withheld_and_a_cut_fragment_is_not_background():
    st = _attribute("Xi Jinping met with guests.\n\n1. The weather was fine. A positive exchange of views took place.\n\n"
                    "2. (1) At the beginning, President Xi welcomed the guests.\n\nIn addition, President Xi expr")
    assert who(st)[-1] == "Xi Jinping"  # the cut fragment: the person, the verb cut
    st = st.iloc[:-1]
    # background is withheld (unknown, no stretch); the "took place" sentence is the page's by its own shape
    assert who(st) == ["narrator", "unknown", "narrator", "Xi Jinping"]
    assert who(st, "rule") == ["event", "background", "note", "reporting"]


def test_a_quotation_over_several_sentences_is_the_speaker_of_its_closing_clause():
    st = _attribute("President Moon met the press.\n\nPresident Xi stressed unity.\n\n"
                    "“Peace is the goal. We will never yield,” he said.\n\n"
                    "\"We must act now. Talks matter too,” President Moon said.")
    assert who(st) == ["narrator", "Xi Jinping", "Xi Jinping", "Xi Jinping", "Moon Jae-in", "Moon Jae-in"]
    assert who(st, "rule") == ["event", "reporting", "quote", "continuation", "quote", "continuation"]


def test_a_republisher_tag_and_a_participle_with_by_are_not_subjects():
    st = _attribute("Washington, DC (STL.News) The US Department of State released the following statement:\n\n"
                    "(STL.News) President Xi met today with guests, followed by a dinner hosted by President Moon.\n\n"
                    "President Moon Jae-in engaged in phone diplomacy with President Xi for 20 minutes.")
    assert who(st) == ["narrator", "narrator", "narrator"]


def test_unattributable_sentences_are_kept_as_unknown():
    st = _attribute("The weather was fine. It rained later.")
    assert who(st) == ["unknown", "unknown"]
    assert who(st, "side") == ["unknown", "unknown"]


def test_direct_quotation_is_attributed_like_reported_speech():
    st = _attribute('President Moon said, "We will work with China. We hope for peace." Both sides agreed.')
    assert who(st) == ["Moon Jae-in", "Moon Jae-in", "joint"]


def test_unregistered_titled_names_are_speakers_with_side_unknown():
    st = _attribute("Prime Minister Jacinda Ardern said that ties matter. She added more.")
    assert who(st) == ["Prime Minister Jacinda Ardern"] * 2
    assert who(st, "side") == ["unknown"] * 2


# -------------------------------------------------------------------- other house styles (issue 12)


def test_list_markers_openings_and_participles_before_the_subject():
    st = _attribute("1. In particular, President Xi noted ties.\n\n° Welcoming the visit, President Moon called for talks.")
    assert who(st) == ["Xi Jinping", "Moon Jae-in"]
    assert st["text"].tolist()[0] == "1. In particular, President Xi noted ties."


def test_joint_subjects_by_structure_and_plural_pronouns():
    st = _attribute(
        "President Moon and President Xi held a summit.\n\nThey discussed ties. President Moon asked for a visit. "
        "They also reached an agreement.\n\nThe two Presidents highly regarded the statement. The two Ministers agreed."
    )
    assert who(st) == ["narrator", "joint", "Moon Jae-in", "joint", "joint", "joint"]


def test_a_registered_alias_inside_a_compound_is_never_an_unregistered_speaker():
    st = _attribute("Secretary Blinken and Foreign Minister Kang reaffirmed the alliance.", date="2021-03-01")
    assert who(st) == ["joint"] and who(st, "side") == ["joint"]


def test_bare_offices_name_the_holder_the_document_names_and_surnames_follow_full_names():
    st = _attribute(
        "Secretary of State Antony Blinken met with Foreign Minister Kang Kyung-wha.\n\n"
        "The Secretary stressed the alliance. Kang noted the progress.",
        date="2021-03-01",
    )
    assert who(st) == ["narrator", "Antony Blinken", "Kang Kyung-wha"]
    assert who(st, "side") == ["narrator", "US", "ROK"]


def test_event_descriptions_with_modifiers_and_attribution_lines_are_the_narrator():
    st = _attribute(
        "The following is attributable to Spokesperson Ned Price:\n\n"
        "On May 3, commencing at 6 p.m. for one hour, President Xi, President of China, held lengthy talks with President Moon.\n\n"
        "The conversation was requested by the ROK side. The overview is as follows."
    )
    assert who(st) == ["narrator"] * 4


def test_joint_nouns_inside_a_speakers_reported_speech_continue_the_speaker_unless_a_joint_act_is_reported():
    st = _attribute("Wang Yi said ties matter. The two sides have held frequent meetings. Both sides should meet. Both sides discussed Syria.")
    assert who(st) == ["Wang Yi", "Wang Yi", "Wang Yi", "joint"]


def test_inverted_quotations_and_an_event_coordinated_with_a_reporting_verb():
    st = _attribute('“We will work with China,” said President Moon.\n\nPresident Xi met with President Moon and reaffirmed support.')
    assert who(st) == ["Moon Jae-in", "Xi Jinping"]


def test_lower_case_title_words_before_a_name_and_the_bare_office_of_leader():
    registry = SpeakerRegistry((*REGISTRY.speakers, Speaker("Kim Jong Un", "DPRK", aliases=("Kim Jong Un",))))
    st = _attribute("President Moon and North Korean leader Kim Jong Un hoped for good results.\n\n"
                    "The North Korean leader said peace matters. President Moon welcomed this.\n\n"
                    "On May 3, former Foreign Minister Kang Kyung-wha held talks with Secretary Blinken.",
                    registry=registry, title="t", date="2018-04-27")
    assert who(st) == ["joint", "Kim Jong Un", "Moon Jae-in", "narrator"]
    assert who(st, "side") == ["joint", "DPRK", "ROK", "narrator"]


def test_section_headings_travel_and_took_place_notes_are_the_narrator():
    st = _attribute(
        "Secretary Blinken came to Seoul to brief President Moon.\n\n1. Initial Remarks\n\nPresident Moon thanked Secretary Blinken.\n\n"
        "2. North Korea\n\nThe two sides condemned the launch. This took place after four launches. The two sides came to an agreement.",
        date="2021-03-01",
    )
    assert who(st) == ["narrator", "narrator", "Moon Jae-in", "narrator", "joint", "narrator", "joint"]


def test_an_in_depth_consultation_is_a_joint_act_but_held_talks_an_event():
    st = _attribute("The two leaders had an in-depth consultation on sanctions. The two leaders held in-depth talks in Seoul.")
    assert who(st) == ["joint", "narrator"]


def test_o_bullets_run_together_words_courtesy_calls_and_background_that_took_place():
    st = _attribute(
        "1. On May 2,Foreign Minister Kang Kyung-wha paid a courtesy call on President Xi.\n\n"
        "o President Xi said ties matter. He asked Foreign Minister Kang to visit.\n\n"
        "The ROK-China/ROK-US meetings took place onMay 3 in Seoul.\n\n"
        "o Foreign Minister Kangand Secretary Blinken agreed to meet.",
        date="2021-03-01",
    )
    assert who(st) == ["narrator", "Xi Jinping", "Xi Jinping", "narrator", "joint"]


def test_release_lines_datelines_compound_offices_headings_and_long_appositions():
    st = _attribute(
        "The US Department of State released the following statement:\n\n"
        "Washington, DC - Friday, Secretary Blinken spoke by telephone with Foreign Minister Kang Kyung-wha. "
        "The Secretary and Foreign Minister exchanged views on Burma.\n\n2 Regional issues\n\n"
        "On May 3, commencing at 3 p.m., Secretary Blinken, Secretary of State, who is visiting Seoul, Korea, to attend "
        "the meeting, with his staff, held talks with Foreign Minister Kang Kyung-wha.",
        date="2021-03-01",
    )
    assert who(st) == ["narrator", "narrator", "joint", "narrator", "narrator"]


def test_passives_aligned_policies_the_both_sides_notes_and_intensive_consultations():
    st = _attribute(
        "Foreign Minister Kang Kyung-wha was briefed in detail by Secretary Blinken on the talks. "
        "In addition, based on this, the two foreign ministers closely aligned their policies.\n\n"
        "* Foreign Minister Kang is on a visit to the US.\n\n"
        "3. Furthermore, based on the results, the both sides reaffirmed the alliance. "
        "The two ministers had an intensive consultation on Burma.",
        date="2021-03-01",
    )
    assert who(st) == ["Antony Blinken", "joint", "narrator", "joint", "joint"]


def test_leaders_in_a_ministers_words_dates_after_a_name_plans_and_open_quotations_at_a_cut():
    st = _attribute(
        "Wang Yi said ties matter. The two heads of state agreed to meet. This consensus matters.\n\n"
        "On May 3, commencing at 8 p.m., Foreign Minister Kang Kyung-wha held a Korea-U.S. Foreign Ministers' telephone "
        "talk with Secretary Blinken. The overview is as follows.\n\n"
        "President Moon on June 11, one day before the summit, said peace matters.\n\n"
        "President Moon will announce a message after the summit.\n\n"
        "Previously, Blue House spokesperson Kang Kyung-wha said that, “The message will come. Its cont",
        date="2021-03-01",
    )
    assert who(st) == ["Wang Yi", "Wang Yi", "Wang Yi", "narrator", "narrator", "Moon Jae-in", "narrator",
                        "Kang Kyung-wha", "Kang Kyung-wha"]


def test_round_seven_fixes_bullets_apposed_titles_page_notes_coordination_phone_discussions_and_present_tense():
    st = _attribute(
        "Wang Yi said ties matter.\n\n"
        "º In response, President Xi stressed unity.\n\n"
        "On Friday, August 10, Foreign Minister, Kang Kyung-wha, had a telephone conversation with Secretary Blinken.\n\n"
        "• (*The foregoing is a provisional translation. The date above is that of the original.)\n\n"
        "Secretary Blinken closely coordinated future policies with Foreign Minister Kang.\n\n"
        "President Moon and President Xi held a 50-minute telephone discussion from nine this evening.\n\n"
        "Antony Blinken said ties matter. President Xi looks forward to meeting again. The US is willing to work with China.",
        date="2021-03-01",
    )
    assert who(st) == ["Wang Yi", "Xi Jinping", "narrator", "narrator", "narrator", "narrator",
                        "Antony Blinken", "Antony Blinken", "Antony Blinken"]
    assert who(st, "rule")[1:6] == ["reporting", "event", "note", "event", "event"]


def test_round_nine_fixes_manner_by_place_and_date_adding_participation_dc_offices_of_a_country_and_signatures():
    long_opening = "o Recalling that the Presidents of the two countries agreed " + "to work together on trade, " * 12
    st = _attribute(
        "Foreign Minister Kang said ties matter. She added that trade grows. Wang Yi responded by expressing consent.\n\n"
        "President Moon and President Xi in Beijing on Dec. 23 reaffirmed the partnership.\n\n"
        "President Moon stressed unity.\n\n"
        "\u201cWe value this,\u201d he said, adding, \u201cWe will meet again.\u201d\n\n"
        "On May 2, Secretary Blinken participated in a discussion with Asan Institute experts on Korea.\n\n"
        "Secretary Blinken met Foreign Minister Kang in Washington, D.C. Secretary Blinken stressed the alliance.\n\n"
        "1. Following the call of Mr. Abe, President of the ROK, Wang Yi explained the policy.\n\n"
        "Member of the Political Bureau and Director of the Office of Foreign Affairs Wang Yi met with Foreign Minister Kang.\n\n"
        "\u00b0 In addition, the two ranking officials reaffirmed the alliance.\n\n"
        + long_opening + "Foreign Minister Kang stressed peace.\n\n"
        "Spokesperson and Deputy Minister for Public Relations of MOFA",
        date="2021-03-01",
    )
    assert who(st) == ["Kang Kyung-wha", "Kang Kyung-wha", "Wang Yi", "joint", "Moon Jae-in", "Moon Jae-in",
                        "narrator", "narrator", "Antony Blinken", "Wang Yi", "narrator", "joint", "Kang Kyung-wha", "narrator"]
    assert who(st, "side")[2] == "CN" and who(st, "rule")[5] == "quote"


def test_round_ten_fixes_numbered_joint_subjects_run_in_markers_gifts_dashes_coordinated_joint_verbs_and_plural_titles():
    st = _attribute(
        "Wang Yi met with Foreign Minister Kang.\n\n"
        "At the outset, the three ministers confirmed their unity.\n\n"
        "(1)The three ministers reaffirmed the alliance.\n\n"
        "(2)Foreign Minister Kang explained the situation.\n\n"
        "Wang Yi stressed peace. Moreover, the three ministers concurred that talks matter.\n\n"
        "At the beginning, Secretary Blinken presented the Chinese side with a book.\n\n"
        "Wang Yi handed a letter from President Xi to Foreign Minister Kang.\n\n"
        "-\n\n"
        "Both sides spent a great deal of time on trade and concurred on basic views. The following is an overview.\n\n"
        "More than anything else, Presidents Moon and Xi both expressed concern. Their discussions centered on how to respond.",
        date="2021-03-01",
    )
    assert who(st) == ["narrator", "joint", "joint", "Kang Kyung-wha", "Wang Yi", "joint", "narrator", "narrator",
                        "narrator", "joint", "narrator", "joint", "narrator"]
    assert who(st, "rule")[1:] == ["joint", "joint", "reporting", "reporting", "joint", "event", "event", "note", "joint",
                                    "note", "joint", "note"]


def test_a_lone_dash_paragraph_is_the_pages_and_leaves_the_stretch_before_it_to_the_next_paragraph():
    # the next paragraph, without a subject, falls to `background` after the page's own paragraph and to `carried`
    # after a speaker's; both are withheld since round 9's clean run (background 0/2): unknown, not a guess
    st = _attribute("Wang Yi met with Foreign Minister Kang.\n\n-\n\nTrade has grown quickly.\n\n"
                    "Wang Yi stressed peace.\n\n-\n\nTrade has grown quickly.")
    assert who(st) == ["narrator", "narrator", "unknown", "Wang Yi", "narrator", "unknown"]
    assert who(st, "rule") == ["event", "note", "background", "reporting", "note", "carried"]


def test_event_descriptions_without_a_speaker_are_the_narrator_not_a_background_guess():
    st = _attribute("Wang Yi met with Foreign Minister Kang.\n\n1. This was Foreign Minister Kang's first visit to China. "
                    "A positive exchange of views took place. At the meeting, discussion was carried out regarding trade.")
    assert who(st) == ["narrator"] * 4
    assert who(st, "rule") == ["event", "note", "note", "note"]


def test_a_quotation_paragraph_without_a_clause_continues_the_person_quoted_in_the_paragraph_before():
    st = _attribute("President Xi said, \u201cTies matter.\u201d\n\n\u201cThe visit will help.\u201d It will open a new era.\n\n"
                    "Wang Yi stressed peace.\n\n\u201cThe visit will help.\u201d")
    assert who(st) == ["Xi Jinping", "Xi Jinping", "Xi Jinping", "Wang Yi", "unknown"]
    # without a quotation in the paragraph before, it stays the withheld `carried` guess
    assert who(st, "rule") == ["reporting", "quote-continued", "continuation", "reporting", "carried"]


def test_statements_carry_a_confidence_and_unknown_sides_have_none():
    st = _attribute("President Xi noted ties. The weather was fine.\n\nPrime Minister Jacinda Ardern said so.")
    assert st["confidence"].iloc[0] > 0.9
    assert st["confidence"].iloc[2] == 0.0


# -------------------------------------------------------------------- press conferences

PRESS = """The SCO meeting will be held in Beijing.

Q: President Moon said that talks will go on. He added that peace matters. What is your comment?

A: We welcome it. China supports dialogue.

The Chinese side will keep working.

Reuters: The ROK said today it will send an envoy. Any comment?

Geng Shuang: The spokesperson of the Ministry of Commerce said so. As the spokesperson said yesterday, we noted it.

Follow-up: Will you confirm?

The following question was raised after the press conference: Will Xi travel?

A: I have nothing to offer."""


@pytest.fixture
def press():
    return _attribute(PRESS, genre="press-conference", title="Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on May 11, 2018")


def test_press_conference_turns(press):
    by_paragraph = press.groupby("paragraph")[["speaker", "side", "cue", "rule"]].first()
    assert by_paragraph["speaker"].tolist() == ["Geng Shuang", "journalist", "Geng Shuang", "Geng Shuang", "Reuters", "Geng Shuang", "journalist", "narrator", "Geng Shuang"]
    assert by_paragraph["side"].tolist() == ["CN", "press", "CN", "CN", "press", "CN", "press", "narrator", "CN"]
    assert by_paragraph["rule"].tolist() == ["opening", "turn", "turn", "turn-continued", "turn", "turn", "turn", "note", "turn"]
    assert by_paragraph["cue"].tolist()[:7] == ["title", "Q:", "A:", "A:", "Reuters:", "Geng Shuang:", "Follow-up:"]


def test_turn_labels_are_not_part_of_the_statement_text(press):
    assert press.loc[press["cue"] == "Q:", "text"].iloc[0] == "President Moon said that talks will go on."
    assert not press["text"].str.match(r"^(Q|A|Reuters|Follow-up):").any()


def test_question_notes_split_into_narrator_and_journalist(press):
    note = press[press["paragraph"] == 8]
    assert who(note) == ["narrator", "journalist"]
    assert note["text"].tolist() == ["The following question was raised after the press conference:", "Will Xi travel?"]


def test_reported_speech_inside_turns(press):
    reported = press.set_index("text")["reported_speaker"]
    assert reported["President Moon said that talks will go on."] == "Moon Jae-in"
    assert reported["He added that peace matters."] == "Moon Jae-in"
    assert pd.isna(reported["What is your comment?"])
    assert pd.isna(reported["China supports dialogue."])  # the host's own side is not a report
    assert reported["The ROK said today it will send an envoy."] == "ROK side"
    assert pd.isna(reported["The spokesperson of the Ministry of Commerce said so."])  # another spokesperson
    assert reported["As the spokesperson said yesterday, we noted it."] == "Geng Shuang"


def test_institutions_report_frames_and_coordinated_clauses_report_their_subject():
    st = _attribute(
        "Q: The ROK military said jets were scrambled. It has been reported that President Moon said more. "
        "Some call it an overreaction, and President Moon also expressed concern.",
        genre="press-conference",
        title="Spokesperson Geng Shuang's Press Conference",
    )
    assert st["reported_speaker"].tolist() == ["ROK side", "Moon Jae-in", "Moon Jae-in"]


def test_a_question_about_a_side_reports_nobody():
    st = _attribute("Q: Has the ROK sent condolences? Does China believe it?", genre="press-conference", title="Spokesperson Geng Shuang's Press Conference")
    assert st["reported_speaker"].isna().all()


def test_a_host_label_case_typo_and_spaced_outlet_names_are_recognised():
    text = "Q: First?\n\nGeng shuang: Yes.\n\nC hina N ational R adio: Second?\n\nA: No.\n\nAt 10: this is not a label."
    st = _attribute(text, genre="press-conference", title="Spokesperson Geng Shuang's Press Conference")
    assert who(st) == ["journalist", "Geng Shuang", "China National Radio", "Geng Shuang", "Geng Shuang"]


def test_an_unregistered_host_keeps_the_title_name_with_side_unknown():
    st = _attribute("A: Yes.", genre="press-conference", title="Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference")
    assert who(st) == ["Wang Wenbin"]
    assert who(st, "side") == ["unknown"]


# -------------------------------------------------------------------- table properties


def test_columns_spans_and_numbering(press):
    assert list(press.columns) == list(STATEMENT_COLUMNS)
    assert press["sentence"].tolist() == list(range(1, len(press) + 1))
    assert press["statement_id"].iloc[0] == "d:1"
    assert (press["text"] == [PRESS[a:b] for a, b in zip(press["start"], press["end"])]).all()


def test_no_sentence_of_a_real_document_is_dropped(small_corpus):
    documents = load_corpus(small_corpus["corpus_dir"])
    statements = attribute_statements(documents, small_corpus["speakers_path"])
    labels = re.compile(r"^[^:\n]{1,60}:\s*", re.M)
    for document in documents.itertuples():
        mine = statements[statements["doc_id"] == document.doc_id]
        assert (mine["text"] == [document.text[a:b] for a, b in zip(mine["start"], mine["end"])]).all()
        covered = re.sub(r"\s", "", "".join(mine["text"]))
        # everything except turn labels ("Q:", "Reuters:") is in some statement
        assert len(covered) >= len(re.sub(r"\s", "", labels.sub("", document.text)))


def test_the_input_table_is_not_modified(small_corpus):
    documents = load_corpus(small_corpus["corpus_dir"])
    before = documents.copy()
    attribute_statements(documents, small_corpus["speakers_path"])
    pd.testing.assert_frame_equal(documents, before)


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match="genre"):
        attribute_statements(pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2020-01-01")], "title": [""], "text": ["x"]}), REGISTRY)


def test_a_bad_cue_file_names_the_key(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text("reporting: [said]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cues.yaml: key `event` must be a list"):
        load_cues(path)


# -------------------------------------------------------------------- gold files


@pytest.fixture(scope="module")
def gold_comparison():
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    documents = load_corpus(PROJECT / "corpus" / "documents")
    documents = documents[documents["doc_id"].isin(gold["doc_id"])]
    return compare_attribution(attribute_statements(documents, load_speakers(PROJECT / "corpus" / "speakers.yaml")), gold)


def test_seed_readouts_are_attributed_exactly_as_hand_labelled(gold_comparison):
    seeds = gold_comparison[~gold_comparison["doc_id"].str.startswith("mfa-presscon")]
    assert len(seeds) == 34
    assert (seeds["speaker"] == seeds["speaker_gold"]).all()
    assert (seeds["side"] == seeds["side_gold"]).all()


def test_press_conferences_match_the_hand_labels(gold_comparison):
    press = gold_comparison[gold_comparison["doc_id"].str.startswith("mfa-presscon")]
    assert len(press) == 184
    assert (press["speaker"] == press["speaker_gold"]).all()
    assert (press["side"] == press["side_gold"]).all()
    agree = (press["reported_speaker"] == press["reported_speaker_gold"]).mean()
    # measured 180/184: the rules miss reports by unnamed or relative-clause subjects (tests/gold/README.md)
    assert agree >= 180 / 184


# -------------------------------------------------------------------- summaries and plots


def test_summarize_speakers_counts_and_shares():
    st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "side": ["CN", "ROK", "CN", "press"], "speaker": ["Xi", "Moon", "Xi", "journalist"], "n_words": [10, 6, 4, 5]})
    table = summarize_speakers(st)
    assert table[["speaker", "n_statements", "n_words", "n_documents"]].values.tolist() == [["Xi", 2, 14, 2], ["Moon", 1, 6, 1], ["journalist", 1, 5, 1]]
    assert table["share_words"].sum() == pytest.approx(1.0)
    per_doc = summarize_speakers(st, by=("doc_id", "side"))
    assert per_doc[per_doc["doc_id"] == "a"]["n_words"].sum() == 16


def test_plot_speaker_volume_draws_one_bar_per_speaker_coloured_by_side():
    summary = pd.DataFrame({"side": ["CN", "ROK", "press"], "speaker": ["Xi", "Moon", "journalist"], "n_words": [30, 20, 10], "n_statements": [3, 2, 1]})
    fig, ax = plt.subplots()
    plot_speaker_volume(summary, ax=ax, top=2)
    bars = [p for p in ax.patches if p.get_width() > 0]
    assert sorted(b.get_width() for b in bars) == [20, 30]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Moon", "Xi"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["CN", "ROK"]
    plt.close(fig)


def test_plot_document_sides_stacks_sides_in_date_order():
    per_doc = pd.DataFrame(
        {"doc_id": ["b", "b", "a"], "side": ["CN", "press", "CN"], "n_words": [5, 3, 7], "date": pd.to_datetime(["2020-02-01", "2020-02-01", "2020-01-01"])}
    )
    fig, ax = plt.subplots()
    plot_document_sides(per_doc, ax=ax)
    cn = [p.get_height() for p in ax.containers[0]]
    press = [p.get_height() for p in ax.containers[1]]
    assert cn == [7, 5] and press == [0, 3]
    plt.close(fig)


def test_voice_is_the_reported_side_when_there_is_one():
    st = pd.DataFrame({"speaker": ["journalist", "journalist"], "side": ["press", "press"],
                       "reported_speaker": ["Moon Jae-in", None], "reported_side": ["ROK", None],
                       "text": ["President Moon said the ROK appreciates China's role.", "We agree."]})
    before = st.copy()
    voiced = assign_voice(st)
    assert voiced[["voice", "voice_speaker"]].values.tolist() == [["ROK", "Moon Jae-in"], ["press", "journalist"]]
    pd.testing.assert_frame_equal(st, before)
    with pytest.raises(KeyError, match="side"):
        assign_voice(st.drop(columns="side"))


def test_validate_reports_per_document_the_share_of_uncertain_sentences(tmp_path, run_cli):
    head = "---\nid: {id}\ndate: 2020-05-13\ntitle: T\nsource: S\ngenre: readout\nlanguage: en\n---\n"
    (tmp_path / "a.txt").write_text(head.format(id="a") + "President Xi noted that ties are close.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(head.format(id="b") + "The weather was fine. It rained.\n", encoding="utf-8")
    (tmp_path / "speakers.yaml").write_text("speakers:\n  - name: Xi Jinping\n    side: CN\n    aliases: [President Xi]\n", encoding="utf-8")
    status, out, _ = run_cli("validate", "--corpus", str(tmp_path))
    assert status == 0
    assert "Documents with sentences `unknown` or below confidence 0.85: 1 of 2" in out
    assert "  b: 2/2 (100%; unknown 2, low-confidence 0)  <- not understood" in out


def test_summarize_uncertain_counts_unknown_and_low_confidence_per_document():
    st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "speaker": ["Xi", "unknown", "Moon", "Moon"], "confidence": [0.99, 0.0, 0.5, 0.9]})
    table = summarize_uncertain(st, min_confidence=0.85)
    assert table[["doc_id", "n_unknown", "n_low_confidence", "n_uncertain"]].values.tolist() == [["a", 1, 0, 1], ["b", 0, 1, 1]]
    with pytest.raises(KeyError, match="confidence"):
        summarize_uncertain(st.drop(columns="confidence"))
