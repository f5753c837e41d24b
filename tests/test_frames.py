"""Frames: the lexicon format and its errors, matching, praise targets, facets, stance, evidence,
the command line, and agreement with the hand-coded gold statements."""

import gc
import io
import re
import weakref
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.statements import assign_voice  # noqa: E402
from analysis.inputs.errors import LexiconError  # noqa: E402
from analysis.frames import (  # noqa: E402
    NAMED_FRAMES,
    compile_phrase,
    compute_praise_matrix,
    find_frame_matches,
    find_kwic,
    load_lexicon,
    score_frames,
)
from analysis.plots.frames import plot_praise_matrix  # noqa: E402
from analysis.inputs.speakers import Speaker, SpeakerRegistry  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
GOLD = PROJECT / "tests" / "gold"

REGISTRY = SpeakerRegistry(
    (
        Speaker("Xi Jinping", "CN", aliases=("President Xi", "Xi Jinping")),
        Speaker("Moon Jae-in", "ROK", aliases=("President Moon", "Moon Jae-in")),
        Speaker("Chinese side", "CN", kind="collective", aliases=("China",)),
        Speaker("ROK side", "ROK", kind="collective", aliases=("the ROK", "The ROK")),
    )
)


def _lexicon(tmp_path, text, name="frames.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_lexicon(path)


def _statements(*texts, speaker="Geng Shuang", side="CN"):
    return assign_voice(pd.DataFrame(
        {
            "statement_id": [f"d:{i}" for i in range(1, len(texts) + 1)],
            "doc_id": "d",
            "speaker": speaker,
            "side": side,
            "text": list(texts),
            "n_words": [len(t.split()) for t in texts],
        }
    ))


# ----------------------------------------------------------------------------- the lexicon


def test_the_default_lexicon_loads_with_the_named_frames_and_their_facets():
    lexicon = load_lexicon()
    assert set(NAMED_FRAMES) <= set(lexicon.frame_names)
    assert {"pandemic", "economic_cooperation", "people_to_people", "bilateral_ties"} <= set(lexicon.frame_names)
    assert lexicon.frame("peninsula").facet_names == (
        "dialogue", "denuclearization", "peace_mechanism", "phased_synchronized", "stability", "china_role", "sanctions",
    )
    assert lexicon.frame("multilateralism").has_stance
    assert lexicon.frame("leadership_praise").target_column == "praise_target"


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("frames:\n  peninsula:\n    terms: [Peninsula\n", 4, "not valid YAML"),
        ("frames:\n  peninsula:\n    term: [Peninsula]\n", 3, "unknown key `term`"),
        ("frames:\n  peninsula:\n    patterns: ['{nolist} talks']\n", 3, "unknown list `{nolist}`"),
        ("frames:\n  peninsula:\n    patterns: ['~3 talks']\n", 3, "cannot start or end with a gap"),
        ("frames:\n  peninsula:\n    terms:\n      - DPRK\n      - Peninsula\n      - dprk\n", 6, "listed twice (also line 4)"),
        ("frames:\n  peninsula:\n    terms: Peninsula\n", 3, "must be a list of phrases"),
        ("frames:\n  Peninsula Frame:\n    terms: [Peninsula]\n", 2, "name it with lowercase letters"),
        ("frames:\n  praise:\n    patterns:\n      - {pattern: commend*, target: beside}\n", 4, "target must be `before` or `after`"),
        ("lists: {}\nframs: {}\n", 2, "unknown key `frams`"),
    ],
)
def test_a_malformed_lexicon_names_the_file_the_line_and_what_to_do(tmp_path, text, line, message):
    with pytest.raises(LexiconError) as error:
        _lexicon(tmp_path, text)
    assert f"{tmp_path / 'frames.yaml'}:{line}:" in str(error.value)
    assert message in str(error.value)


def test_every_problem_of_a_lexicon_is_reported_at_once(tmp_path):
    with pytest.raises(LexiconError) as error:
        _lexicon(tmp_path, "frames:\n  a:\n    term: [x]\n  b:\n    patterns: ['{nolist}']\n")
    assert len(error.value.problems) == 4  # a: unknown key, no terms; b: unknown list, so no patterns


def test_a_lexicon_error_exits_2_on_the_command_line(tmp_path, small_corpus, run_cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames:\n  x:\n    terms: [\n", encoding="utf-8")
    status, _, err = run_cli("frames", "--corpus", str(small_corpus["corpus_dir"] / "seeds"), "--lexicon", str(bad))
    assert status == 2 and f"{bad}:" in err and "not valid YAML" in err


# ----------------------------------------------------------------------------- matching


def test_the_longest_match_wins_within_a_frame(tmp_path):
    lexicon = _lexicon(tmp_path, "frames:\n  rok:\n    terms: [Korea, Republic of Korea, Korean Peninsula, Peninsula]\n")
    st = _statements("The Republic of Korea and Korea discussed the Korean Peninsula.")
    found = find_frame_matches(st, lexicon)
    assert found["match"].tolist() == ["Republic of Korea", "Korea", "Korean Peninsula"]
    assert score_frames(st, lexicon).loc[0, "rok_n"] == 3


def test_exclusions_and_ignore_phrases_block_shorter_matches(tmp_path):
    lexicon = _lexicon(
        tmp_path,
        "frames:\n  peninsula:\n    terms: [Peninsula]\n    exclude: [Arabian Peninsula]\n"
        "  multilateralism:\n    terms: [free trade, WHO]\n    exclude: [bilateral free trade]\n"
        "ignore: [WHO Framework Convention]\n",
    )
    st = _statements(
        "Stability on the Arabian Peninsula and the Peninsula.",
        "We increase bilateral free trade and support free trade.",
        "The WHO Framework Convention on Tobacco Control.",
    )
    scored = score_frames(st, lexicon)
    assert scored["peninsula_terms"].tolist() == ["Peninsula", "", ""]
    assert scored["multilateralism_terms"].tolist() == ["", "free trade", ""]


def test_overlaps_are_resolved_per_frame_so_a_term_inside_another_frames_pattern_still_counts(tmp_path):
    lexicon = _lexicon(
        tmp_path,
        "frames:\n  praise:\n    patterns: ['speak* highly of ~4 role']\n  multilateralism:\n    terms: [UN]\n",
    )
    scored = score_frames(_statements("We speak highly of the UN's role."), lexicon)
    assert scored.loc[0, ["praise", "multilateralism"]].tolist() == [1, 1]


def test_acronyms_match_in_capitals_and_compounds_are_whole_words():
    assert compile_phrase("WHO").search("The WHO said") and not compile_phrase("WHO").search("who said")
    assert compile_phrase("Korean Peninsula").search("the korean\npeninsula")
    assert not compile_phrase("ROK").search("China-ROK relations")
    assert compile_phrase("China's").search("China’s role")


def test_patterns_have_wildcards_optional_words_lists_and_gaps(tmp_path):
    lexicon = _lexicon(
        tmp_path,
        "lists:\n  verb: [uphold, stand for]\nframes:\n  f:\n    patterns:\n"
        "      - 'commend* the? efforts'\n      - '{verb} ~2 multilateralism'\n      - '{NAME}-{NAME} relations'\n",
    )
    st = _statements(
        "We commended efforts.", "They commend the efforts.", "We stand for true multilateralism.",
        "China-ROK relations are good.", "china-rok relations", "We commend our efforts.",
    )
    assert score_frames(st, lexicon)["f"].tolist() == [1, 1, 1, 1, 0, 0]


def test_a_word_split_across_a_line_end_is_matched_whole_at_its_stored_offsets():
    st = _statements("We thank the Secretary-\nGeneral and the Six-\nParty Talks.", "The Secretary- General agreed.")
    found = find_frame_matches(st, load_lexicon())
    multilateral = found[found["frame"] == "multilateralism"]
    assert multilateral["match"].tolist() == ["Secretary-\nGeneral", "Six-\nParty Talks", "Secretary- General"]
    for row in multilateral.itertuples():
        assert st.set_index("statement_id").loc[row.statement_id, "text"][row.start : row.end] == row.match
    assert "Six-\nParty Talks" in found.loc[found["frame"] == "peninsula", "match"].tolist()


def test_matches_never_cross_statements(tmp_path):
    lexicon = _lexicon(tmp_path, "frames:\n  f:\n    patterns: ['uphold ~5 multilateralism']\n")
    assert score_frames(_statements("We uphold.", "Multilateralism matters."), lexicon)["f"].tolist() == [0, 0]


def test_scoring_returns_new_columns_and_leaves_its_input_alone():
    st = _statements("The Korean Peninsula issue.")
    before = st.copy()
    scored = score_frames(st)
    pd.testing.assert_frame_equal(st, before)
    assert list(scored.columns) == list(st.columns) + load_lexicon().columns()
    assert scored.loc[0, "peninsula"] == 1 and scored.loc[0, "peninsula_terms"] == "Korean Peninsula"


# ----------------------------------------------------------------------------- praise, facets, stance


@pytest.mark.parametrize(
    "text, target, side",
    [
        ("President Moon commended China's noticeable achievements under President Xi's strong leadership.",
         "CN;Xi Jinping", "CN"),
        ("He said under the strategic guidance of the two heads of state, the relations are thriving.", "joint", "joint"),
        ("The ROK speaks highly of China's achievements in fighting the pandemic.", "CN", "CN"),
        ("The two sides made positive comments on the DPRK and the US efforts to resolve the issue.", "DPRK;US", "DPRK;US"),
        ("Russia has been playing a positive and constructive role in denuclearizing the Peninsula.", "RU", "RU"),
        ("We have made important contributions to the global fight.", "CN", "CN"),  # "we": the statement's voice
        ("We highly commend the efforts made by all relevant parties.", "unspecified", "unspecified"),
    ],
)
def test_praise_targets_are_persons_sides_or_joint(text, target, side):
    scored = score_frames(_statements(text), speakers=REGISTRY)
    assert scored.loc[0, "leadership_praise"] == 1
    assert scored.loc[0, "praise_target"] == target and scored.loc[0, "praise_target_side"] == side


@pytest.mark.parametrize(
    "text",
    [
        "We highly commend that.",  # no named object
        "China will continue to play a constructive role.",  # a commitment, not praise
        "This has been widely recognized and commended by the international community.",  # passive, nobody named
        "Moon Jae-in expressed his gratitude for President Xi's important message.",
    ],
)
def test_what_is_not_leadership_praise(text):
    assert score_frames(_statements(text), speakers=REGISTRY).loc[0, "leadership_praise"] == 0


def test_the_praise_matrix_counts_praiser_by_target_and_lists_the_statements():
    st = _statements(
        "President Moon commended China's noticeable achievements under President Xi's strong leadership.",
        "Moon Jae-in highly appreciates China's positive role in the peace process.",
        "Under the strategic guidance of the two heads of state, relations thrive.",
        speaker="Moon Jae-in",
        side="ROK",
    )
    st.loc[2, ["speaker", "side"]] = ["Wang Yi", "CN"]
    st = assign_voice(st)  # the speaker changed: its voice too
    matrix = compute_praise_matrix(score_frames(st, speakers=REGISTRY))
    assert matrix[["praiser", "target", "n_statements"]].values.tolist() == [["CN", "joint", 1], ["ROK", "CN", 2]]
    assert matrix.loc[1, "statement_ids"] == "d:1;d:2"
    by_person = compute_praise_matrix(score_frames(st, speakers=REGISTRY), target="praise_target")
    assert ("ROK", "Xi Jinping") in set(zip(by_person["praiser"], by_person["target"]))
    _, ax = plt.subplots()
    plot_praise_matrix(matrix, ax=ax, praisers=["CN", "ROK"], targets=["CN", "ROK", "joint"])
    cells = {tuple(int(v) for v in t.get_position()): t.get_text() for t in ax.texts}  # (target column, praiser row)
    assert cells == {(0, 0): "0", (1, 0): "0", (2, 0): "1", (0, 1): "2", (1, 1): "0", (2, 1): "0"}
    assert [t.get_text() for t in ax.get_yticklabels()] == ["CN", "ROK"]
    plt.close("all")


def test_peninsula_facets_count_only_in_peninsula_statements():
    scored = score_frames(
        _statements(
            "We hope for dialogue and denuclearization of the Peninsula through a phased and synchronized approach.",
            "We support dialogue with the EU.",
            "China is ready to prevent war and chaos on the Korean Peninsula and play its constructive role.",
        )
    )
    assert scored[["peninsula", "peninsula_dialogue", "peninsula_denuclearization", "peninsula_phased_synchronized"]].values.tolist() == [
        [1, 1, 1, 1], [0, 0, 0, 0], [1, 0, 0, 0]]
    assert scored.loc[2, ["peninsula_stability", "peninsula_china_role"]].tolist() == [1, 1]


@pytest.mark.parametrize(
    "text, stance",
    [
        ("We need to uphold multilateralism.", "endorsement"),
        ("China will strengthen communication and coordination in the United Nations and G20.", "endorsement"),
        ("China firmly opposes unilateralism and protectionism.", "endorsement"),
        ("The JCPOA must be upheld.", "endorsement"),
        ("The WHO said there were new cases.", "mention"),
        ("Free trade is challenged by unilateralism and protectionism.", "mention"),
        ("The weather was fine.", ""),
    ],
)
def test_multilateral_endorsement_versus_mention(text, stance):
    assert score_frames(_statements(text)).loc[0, "multilateralism_stance"] == stance


@pytest.mark.parametrize("lexicon", ["default", "hyphenated cue"])
def test_stance_cues_found_in_the_frames_word_index_are_those_of_an_index_of_their_own(tmp_path, lexicon):
    from analysis.frames.search import join_reading_views

    lexicon = None if lexicon == "default" else _lexicon(tmp_path, (
        "frames:\n  multilateralism:\n    terms: [multilateralism, United Nations, unilateralism]\n    stance:\n      window: 12\n"
        "      endorse: [uphold*, Secretary-General]\n      oppose: [oppose*]\n      opposed_terms: [unilateralism]\n"))
    texts = ["We need to uphold multilateralism.", "The Secretary-\nGeneral asked us to uphold multilateralism.",
             "China firmly opposes unilateralism and the Anti- Fascist war's lessons.", "The WHO said there were new cases.",
             "We will up-\nhold the United Nations and G20.", "The weather was fine.", "Free trade is challenged by unilateralism.",
             "The Secretary-\nGeneral and multilateralism.", "The Secretary-General and multilateralism."]
    statements = _statements(*texts)
    shared = score_frames(statements, lexicon)  # the stance cues from the index find_frame_matches searched
    views, _ = join_reading_views(statements["text"].tolist())
    assert [v.changed for v in views] == [False, True, True, False, True, False, False, True, False]
    own = score_frames(statements, lexicon, matches=find_frame_matches(statements, lexicon))  # an index of the carriers
    pd.testing.assert_frame_equal(shared, own)
    assert shared["multilateralism_stance"].tolist()[:3] == ["endorsement", "endorsement", "endorsement"]
    assert shared["multilateralism_stance"].tolist()[7:] == ["mention", "endorsement" if lexicon else "mention"]  # cues read the stored text


def test_score_frames_passes_its_word_index_to_find_frame_matches_and_keeps_none(monkeypatch):
    from analysis.frames import scoring, search

    built, passed = [], []
    real_join, real_find = search.join_reading_views, scoring.find_frame_matches

    def join(texts):
        views, joined = real_join(texts)
        built.append(weakref.ref(joined))
        return views, joined

    def find(statements, lexicon=None, **keywords):
        passed.append(keywords.get("joined"))
        return real_find(statements, lexicon, **keywords)

    monkeypatch.setattr(scoring, "join_reading_views", join)
    monkeypatch.setattr(scoring, "find_frame_matches", find)
    statements = _statements("We need to uphold multilateralism.", "The weather was fine.")
    scored = score_frames(statements)
    assert len(built) == 1 and passed[0][1] is built[0]()  # built once, searched by find_frame_matches
    assert scored["multilateralism_stance"].tolist() == ["endorsement", ""]
    passed.clear()
    gc.collect()
    assert built[0]() is None  # no joined text of these statements outlives score_frames
    assert not hasattr(search, "_LAST")


def test_find_frame_matches_with_given_reading_views_is_the_same_and_checks_them():
    from analysis.frames.search import join_reading_views

    statements = _statements("The Secretary-\nGeneral asked us to uphold multilateralism.", "Support the WHO.")
    texts = statements["text"].tolist()
    pd.testing.assert_frame_equal(find_frame_matches(statements, joined=join_reading_views(texts)), find_frame_matches(statements))
    with pytest.raises(ValueError, match="statement 1 differs"):
        find_frame_matches(statements, joined=join_reading_views([texts[0], "Support the UN."]))
    with pytest.raises(ValueError, match="1 reading views for 2 statements"):
        find_frame_matches(statements, joined=join_reading_views(texts[:1]))


# ----------------------------------------------------------------------------- evidence


def test_keyword_in_context_for_a_term_a_frame_and_a_facet():
    st = assign_voice(_statements("We support dialogue on the Korean Peninsula.", "We support the WHO.", "The Peninsula."))
    by_term = find_kwic(st, term="support", width=9)
    assert by_term[["statement_id", "left", "match", "right"]].values.tolist() == [
        ["d:1", "We", "support", "dialogue"], ["d:2", "We", "support", "the WHO."]]
    by_frame = find_kwic(st, frame="peninsula")
    assert by_frame["match"].tolist() == ["Korean Peninsula", "Peninsula"]
    assert {"speaker", "voice", "doc_id", "text"} <= set(by_frame.columns)
    assert find_kwic(st, frame="peninsula", facet="dialogue")["match"].tolist() == ["dialogue"]
    assert find_kwic(st.iloc[1:], frame="peninsula", matches=find_frame_matches(st))["statement_id"].tolist() == ["d:3"]
    with pytest.raises(KeyError, match="no facet `nope`"):
        find_kwic(st, frame="peninsula", facet="nope")


# ----------------------------------------------------------------------------- command line


def test_the_statements_command_includes_the_frame_columns(small_corpus, run_cli):
    status, out, _ = run_cli("statements", "--corpus", str(small_corpus["corpus_dir"] / "seeds"))
    assert status == 0
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert {"voice", "leadership_praise", "leadership_praise_terms", "praise_target", "peninsula_dialogue",
            "multilateralism_stance"} <= set(table.columns)
    moon = table[table["statement_id"] == "2020-05-13-xi-moon-phone-call:11"].iloc[0]
    assert moon["leadership_praise"] == 1 and moon["praise_target"] == "CN;Xi Jinping"


def test_the_frames_command_writes_rates_with_intervals_and_a_comparison(small_corpus, run_cli):
    args = ("--corpus", str(small_corpus["corpus_dir"]), "--n-boot", "200")
    status, out, _ = run_cli("frames", *args)
    assert status == 0
    rates = pd.read_csv(io.StringIO(out))
    assert {"group", "frame", "n_statements", "n_documents", "per_100", "per_100_low", "per_100_high",
            "per_1000_words", "per_1000_words_low", "per_1000_words_high"} <= set(rates.columns)
    assert (rates["per_100_low"] <= rates["per_100"]).all() and (rates["per_100"] <= rates["per_100_high"]).all()
    status, out, _ = run_cli("frames", *args, "--compare", "CN", "ROK", "--facets")
    compared = pd.read_csv(io.StringIO(out))
    assert status == 0 and "peninsula_dialogue" in set(compared["frame"]) and compared["p_value"].between(0, 1).all()


def test_matching_from_the_word_index_finds_what_scanning_every_position_finds():
    """Entries are tried only at words they can start with; check that against a plain scan."""
    from analysis.frames import Lexicon

    lexicon = Lexicon.from_text(
        "lists:\n  adj: [positive, key]\n  verb: [speak highly of, commend*]\n"
        "frames:\n  f:\n    terms: [Korean Peninsula, WHO, China-ROK]\n"
        "    patterns: ['{NAME}-DPRK', '{NAME}-{NAME} relations', 'very? {adj} role', '{verb} ~3 efforts',"
        " 'Sino*', '{NAME} side']\n"
    )
    texts = [
        "The US-DPRK talks and China-ROK relations matter; Sino-Japanese ties too.",
        "He spoke of a very positive role and a key role; they speak highly of China's efforts.",
        "Both commended the hard efforts of WHO on the korean peninsula; who knows. The Chinese side agrees.",
        "non-US-DPRK matters, anti-China-ROK feelings, and the ROK-DPRK summit.",
    ]
    found = find_frame_matches(_statements(*texts), lexicon)
    got = sorted(zip(found["statement_id"], found["start"], found["end"]))
    expected = []
    for i, text in enumerate(texts, start=1):
        spans = []  # every entry tried at every character: no index
        for entry in lexicon.frame("f").entries:
            pattern = re.compile(entry.regex)
            spans += [m.span() for m in (pattern.match(text, p) for p in range(len(text))) if m and m.end() > m.start()]
        kept = []  # the longest first, then the earliest, never overlapping
        for start, end in sorted(set(spans), key=lambda span: (-(span[1] - span[0]), span[0])):
            if not any(start < e and s < end for s, e in kept):
                kept.append((start, end))
        expected += [(f"d:{i}", s, e) for s, e in sorted(kept)]
    assert got == expected
    assert {"US-DPRK", "China-ROK relations", "very positive role", "speak highly of China's efforts", "WHO", "Chinese side",
            "ROK-DPRK", "Sino-Japanese"} <= set(found["match"])


def test_terms_tried_only_where_their_second_word_follows_find_what_scanning_every_position_finds():
    """A term whose first word is word characters is tried where the next word start is its second word
    (or a word that is not ASCII): the same matches as trying it at every character."""
    from analysis.frames import Lexicon
    from analysis.frames.search import JoinedTexts, find_candidates

    lexicon = Lexicon.from_text(
        "frames:\n  f:\n    terms: [the Charter, the two peoples, World Health Organization's Framework, the UN,"
        " Korean Peninsula, the Asia-Pacific, people's livelihood, the 's, the state, the kingdom, Côte d'Ivoire, a U.S.-led]\n"
    )
    texts = [
        "The Charter, the  charter, THE CHARTER's aims, the\nCharter order, the Charter-based one, theCharter, the-Charter, the Charters.",
        "the", "Charter of the two\n peoples; the two-peoples; the two people; World Health Organization’s Framework.",
        "The UN, the U.N., the UNESCO; the un; Korean  Peninsula; the Asia-Pacific and the Asia–Pacific; people’s livelihood.",
        "the ſtate and the \u212aingdom (long s, Kelvin sign); the state; Côte d'Ivoire; a U.S.-led order; the 's.",
        "the", "",
    ]
    joined = JoinedTexts(texts)
    entries = lexicon.frame("f").entries
    got = sorted(find_candidates(entries, joined), key=lambda c: (c[0], c[1], c[2], c[3].text))
    expected = []
    for entry in entries:  # every entry tried at every character of the joined text: no index
        pattern = re.compile(entry.regex)
        for m in filter(None, (pattern.match(joined.text, p) for p in range(len(joined.text)))):
            if m.end() > m.start():
                index, offset = joined.locate(np.array([m.start()]))
                expected.append((int(index[0]), int(offset[0]), int(offset[0]) + m.end() - m.start(), entry))
    expected.sort(key=lambda c: (c[0], c[1], c[2], c[3].text))
    assert got == expected
    found = {(texts[i][a:b]) for i, a, b, _ in got}
    assert {"The Charter", "the  charter", "THE CHARTER", "the\nCharter", "the ſtate", "the \u212aingdom", "the state"} <= found
    assert not any(texts[i][a:b].startswith(("the Charters", "theCharter")) for i, a, b, _ in got)


@pytest.mark.parametrize("head", ["support\\w*", "highly|pay|paying|pays|prais\\w*", "commit\\w*|{NAME}", "sino\\w*", "(?:very)?", "un|ü\\w*"])
def test_the_words_a_pattern_head_admits_are_those_its_expression_fully_matches(head):
    """Heads of words and stems are looked up (no expression per word); the result is the expression's."""
    from analysis.frames.search import JoinedTexts

    joined = JoinedTexts(["We support, supporting and supported the UN; we pay and pays, praise Sino-Japanese ties.",
                          "Supports of sinology: committed, commitment, commit-ments, über, Über, üben, ünited very much."])
    regular = "|".join(a for a in head.split("|") if a != "{NAME}")
    pattern = re.compile(rf"(?:{regular})")
    expected = [joined.words[key] for key in joined.words if pattern.fullmatch(key)]
    if "{NAME}" in head:
        expected.append([m.start() for m in re.finditer(r"(?<![\w-])[A-Z]", joined.text)])
    want = [int(p) for part in expected for p in part]
    assert joined.positions(head).tolist() == want and len(want) > 0


def test_the_word_index_is_the_factorized_index_it_replaces():
    """index_words: the words in order of first use, each with its start positions, as pandas.factorize grouped them."""
    import numpy as np

    from analysis.frames.search import JoinedTexts, index_words

    def old(words, starts):
        codes, keys = pd.factorize(np.asarray(words, dtype=object))
        order = np.argsort(codes, kind="stable")
        bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(keys)))])
        return {key: starts[order][bounds[i] : bounds[i + 1]] for i, key in enumerate(keys)}

    joined = JoinedTexts(["The ROK and the DPRK; the Über-ally and über.", "", "İstanbul, the the THE; people-to-people ties", "x"])
    lower = joined.text.lower()
    for words in (["b", "a", "b", "c", "a", "b"], [], ["only"], lower.split()):
        starts = np.arange(len(words), dtype=np.int64) * 3 + 1
        new, expected = index_words(words, starts), old(words, starts)
        assert list(new) == list(expected) and len(new) == len(expected)
        for key in expected:
            assert key in new and new[key].tolist() == expected[key].tolist() and new[key].dtype == expected[key].dtype
            assert new.get(key).tolist() == expected[key].tolist()
        assert "absent" not in new and new.get("absent") is None
    assert list(joined.words)[:3] == ["the", "rok", "and"] and len(joined.words["the"]) == 6
    assert all(re.compile(r"\w+").match(joined.text, p).group(0).lower() == key for key in joined.words for p in joined.words[key].tolist())


def test_capitalised_word_heads_are_those_of_the_patterns_as_first_written():
    """The {NAME} and {NAME}- heads, rewritten capital first, find the same positions."""
    from analysis.frames.search import _NAME_HEADS

    first = {"{NAME}": re.compile(r"(?<![\w-])[A-Z]"), "{NAME}-": re.compile(r"(?<![\w-])[A-Z][\w'’]*[-‐–]")}
    text = "Xi and Moon-Jae, ROK-US, aB Cd-Ef -Gh-i _Ij 1K Lm’s-No ÜB Op‐Q Rs–T\n\x00\nUv.W xY Z-Ab-c"
    for head, pattern in first.items():
        for start in range(len(text)):
            assert [m.span() for m in _NAME_HEADS[head].finditer(text, start)] == [m.span() for m in pattern.finditer(text, start)]
    assert len(first["{NAME}"].findall(text)) > 8 and len(first["{NAME}-"].findall(text)) > 3
