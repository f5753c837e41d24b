"""The protocol flag of speeches: cues, genres, UN officers as praise targets, exclusion from praise counts."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.comparison import compare_rates, estimate_rates
from analysis.frames import compute_praise_matrix, score_frames
from analysis.frames.officers import UN_OFFICERS, assign_officer_targets
from analysis.statements.protocol import evaluate_protocol, exclude_protocol, flag_protocol, is_protocol, load_protocol_cues

GOLD = Path(__file__).resolve().parent / "gold" / "un" / "frames_un.csv"


@pytest.mark.parametrize("sentence", [
    "At the outset, I congratulate you, Sir, on your election to the presidency of the General Assembly.",
    "I am confident that under your able leadership this session will be a success.",
    "I pay tribute to your predecessor for the excellent work he did.",
    "We thank the Secretary-General for his tireless efforts.",
    "Thank you, Mr. President.",
    "Mr. President,",
    "It is an honour to address this Assembly.",
])
def test_courtesies_to_the_assemblys_officers_are_protocol(sentence):
    assert is_protocol(sentence)


@pytest.mark.parametrize("sentence", [
    "The Korean Peninsula must be denuclearized through dialogue.",
    "We support the Secretary-General's reform plan for peacekeeping.",
    "China has made remarkable achievements in poverty reduction.",
    "We congratulate the new Member States on their admission.",
])
def test_substance_is_not_protocol(sentence):
    assert not is_protocol(sentence)


def test_only_speeches_can_be_protocol_and_the_column_is_bool():
    st = pd.DataFrame({"genre": ["speech", "press-conference"], "text": ["Thank you.", "Thank you."]})
    flagged = flag_protocol(st)
    assert flagged["protocol"].tolist() == [True, False] and flagged["protocol"].dtype == bool
    assert "protocol" not in st.columns  # input unchanged


def test_a_bad_cue_file_names_the_key(tmp_path):
    path = tmp_path / "protocol.yaml"
    path.write_text("genres: [speech]\nframes: leadership_praise\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"protocol.yaml: key `frames` must be a list"):
        load_protocol_cues(path)


def _scored():
    st = pd.DataFrame({
        "statement_id": ["s:1", "s:2", "s:3", "s:4"], "doc_id": "s", "date": pd.Timestamp("2019-01-01"),
        "genre": "speech", "speaker": "Wang Yi", "side": "CN", "voice": "CN", "n_words": 10,
        "text": ["I congratulate you on your election and praise your able leadership.",
                 "China has made remarkable achievements in reducing poverty.",
                 "We commend the Secretary-General for his report on peacekeeping reform.",
                 "The Peninsula needs peace."],
    })
    return score_frames(flag_protocol(st))


def test_praise_in_protocol_and_of_un_officers_targets_un_officers():
    scored = _scored()
    assert scored["protocol"].tolist() == [True, False, False, False]
    assert scored["leadership_praise"].tolist()[:2] == [1, 1]
    assert scored.loc[0, "praise_target"] == "UN officers" and scored.loc[0, "praise_target_side"] == "UN officers"
    assert scored.loc[1, "praise_target_side"] == "CN"
    table = pd.DataFrame({"protocol": [False], "leadership_praise": [1], "text": ["We commend the Secretary-General's efforts."],
                          "praise_target": ["UN;US"], "praise_target_side": ["UN;US"]})
    assert assign_officer_targets(table)["praise_target"].tolist() == ["UN officers;US"]


def test_praise_matrix_and_rates_leave_protocol_out_unless_asked():
    scored = _scored()
    praised = int(scored["leadership_praise"].sum())
    assert compute_praise_matrix(scored, praiser="side")["n_statements"].sum() == praised - 1
    assert compute_praise_matrix(scored, praiser="side", include_protocol=True)["n_statements"].sum() == praised
    without = estimate_rates(scored, ["leadership_praise"], by="side", n_boot=50)
    with_protocol = estimate_rates(scored, ["leadership_praise"], by="side", n_boot=50, include_protocol=True)
    assert without.loc[0, "n_hits"] == praised - 1 and with_protocol.loc[0, "n_hits"] == praised
    assert without.loc[0, "n_statements"] == with_protocol.loc[0, "n_statements"] == 4  # the statements stay
    two = pd.concat([scored, scored.assign(side="ROK", voice="ROK", statement_id=scored["statement_id"] + "r")])
    compared = compare_rates(two, ["leadership_praise"], by="side", a="CN", b="ROK", n_boot=50, n_permutations=50)
    assert compared.loc[0, "hits_a"] == praised - 1
    assert exclude_protocol(scored, ["peninsula"]) is scored  # other frames untouched


def test_precision_and_recall_against_the_un_gold():
    gold = pd.read_csv(GOLD, keep_default_na=False)
    table = evaluate_protocol(gold).set_index("sample")
    assert table.loc["all", "gold_positives"] == int(gold["protocol"].astype(int).sum()) == 12
    # measured (README): hold-out 3/3 flagged right, 3 of 4 found; tuning 8 of 10, 8 of 8
    assert table.loc["holdout", "precision"] >= 0.75 and table.loc["holdout", "recall"] >= 0.75
    assert table.loc["all", "f1"] >= 0.8


def test_the_cues_are_parsed_once_per_file_text_and_an_edited_file_is_read_anew(tmp_path):
    """attribute_statements asks for the cues once per speech: one parse, unless the file changed."""
    from analysis.paths import PROTOCOL_LEXICON

    path = tmp_path / "protocol.yaml"
    path.write_text(PROTOCOL_LEXICON.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_protocol_cues(path)
    assert load_protocol_cues(path) is first
    path.write_text(PROTOCOL_LEXICON.read_text(encoding="utf-8").replace("frames: [leadership_praise]", "frames: [leadership_praise, multilateralism]", 1), encoding="utf-8")
    edited = load_protocol_cues(path)
    assert edited is not first and "multilateralism" in edited.frames


def test_the_grouped_cue_patterns_find_what_the_flat_alternations_find(monkeypatch):
    """The phrases are grouped by first letter for speed; every match must be that of one flat alternation."""
    from analysis.inputs.corpus import load_corpus
    from analysis.statements import protocol
    from analysis.text.segmentation import iter_sentence_spans

    grouped = load_protocol_cues()
    monkeypatch.setattr(protocol, "_group_by_first", "|".join)
    flat = protocol.ProtocolCues(**{key: getattr(grouped, key) for key in protocol._KEYS})
    documents = load_corpus(Path(__file__).resolve().parent.parent / "corpus" / "documents" / "un-general-debate").head(12)
    sentences = [text[a:b] for text in documents["text"] for _, (a, b) in iter_sentence_spans(text)] + ["THANK YOU, MADAM PRESIDENT.", "Mr President"]
    pairs = [(grouped.officer_pattern, flat.officer_pattern), (grouped.officer_title_pattern, flat.officer_title_pattern)]
    pairs += [(grouped.patterns[key], flat.patterns[key]) for key in grouped.patterns]
    assert all(g.pattern != f.pattern for g, f in pairs)
    found = 0
    for g, f in pairs:
        for sentence in sentences:
            got = [m.span() for m in g.finditer(sentence)]
            assert got == [m.span() for m in f.finditer(sentence)], (f.pattern[:60], sentence)
            found += len(got)
    assert found > 100 and len(sentences) > 1000


def _salutations_only_by_substitution(text, cues):
    """The rule as first written: nothing but salutations is left once they are substituted away."""
    import re

    return not re.search(r"\w", cues.patterns["salutations"].sub(" ", text))


SALUTATION_SENTENCES = [
    "Thank you, Mr. President.", "Mr President", "THANK YOU, MADAM PRESIDENT.", "Excellencies, ladies and gentlemen,",
    "Mr. President, Heads of State and Government, Distinguished delegates, Friends:", "Thank you very much.",
    "Thank you for your attention.", "Mr. President, we meet in hard times.", "Sir, thank you", "Presidents, Sirs",
    "and and and", "... Mr. President ...", "", "  ", "-- Thank you --", "Mr. President-elect", "Your Excellencies, my friends",
    "Dear colleagues, 2020 was hard.", "Ladies and gentlemen\nThank you\nMr. Secretary-\nGeneral",
]


@pytest.mark.parametrize("sentence", SALUTATION_SENTENCES)
def test_salutations_only_is_decided_as_substituting_them_away_decides(sentence):
    """The word-by-word test of is_protocol gives what substituting the salutations away gave."""
    from analysis.statements import protocol

    cues = load_protocol_cues()
    assert protocol._only_salutations(sentence, cues.patterns["salutations"], cues.salutations) == _salutations_only_by_substitution(sentence, cues)


def test_salutations_that_do_not_open_with_a_word_are_substituted_away(tmp_path):
    from analysis.paths import PROTOCOL_LEXICON
    from analysis.statements import protocol

    path = tmp_path / "protocol.yaml"
    path.write_text(PROTOCOL_LEXICON.read_text(encoding="utf-8").replace("  - Madam\n", "  - Madam\n  - '(Applause)'\n", 1), encoding="utf-8")
    cues = load_protocol_cues(path)
    assert "(Applause)" in cues.salutations and not protocol._open_with_words(cues.salutations)
    for sentence in SALUTATION_SENTENCES + ["Thank you. (Applause)", "(Applause) Thank you", "(Applause) We"]:
        assert protocol._only_salutations(sentence, cues.patterns["salutations"], cues.salutations) == _salutations_only_by_substitution(sentence, cues)
    assert is_protocol("Thank you. (Applause)", cues) and not is_protocol("(Applause) We", cues)


def test_officer_targets_are_those_of_searching_every_statement():
    """Only praise outside protocol is searched for an officer's title: the same targets as searching every text."""
    cues = load_protocol_cues()
    scored = pd.DataFrame({
        "protocol": [True, False, False, False, None, False],
        "leadership_praise": [1, 1, 0, 1, 1, 1],
        "text": ["Under your able leadership we will succeed.", "The Secretary-General's efforts are commendable.",
                 "The Secretary-General spoke.", "China has made great achievements.", "We thank the Secretary-General.",
                 "The President of the General Assembly and China deserve praise."],
        "praise_target": ["unspecified", "UN", "", "CN", "unspecified", "CN;UN"],
        "praise_target_side": ["unspecified", "UN", "", "CN", "unspecified", "CN;UN"],
    }, index=[4, 8, 1, 0, 2, 3])
    praised = scored["leadership_praise"].astype(bool)
    protocol = praised & scored["protocol"].fillna(False).astype(bool)
    expected = scored.copy()
    expected.loc[protocol, ["praise_target", "praise_target_side"]] = "UN officers"
    named = praised & ~protocol & scored["text"].astype(str).map(lambda t: bool(cues.officer_title_pattern.search(t)))
    for row in scored.index[named]:
        for name in ("praise_target", "praise_target_side"):
            targets = [UN_OFFICERS if t in ("UN", "unspecified") else t for t in str(expected.at[row, name]).split(";") if t]
            expected.at[row, name] = ";".join(sorted(set(targets)))
    pd.testing.assert_frame_equal(assign_officer_targets(scored, cues), expected)
    assert assign_officer_targets(scored, cues)["praise_target"].tolist() == ["UN officers", "UN officers", "", "CN", "UN officers", "CN;UN officers"]
    nothing = scored.assign(leadership_praise=0)
    pd.testing.assert_frame_equal(assign_officer_targets(nothing, cues), nothing)
    assert len(assign_officer_targets(scored.iloc[:0], cues)) == 0


def test_can_match_is_false_only_where_the_pattern_finds_nothing():
    """The cheap word test skips only sentences the patterns cannot match (so is_protocol and the officer rule are unchanged)."""
    cues = load_protocol_cues()
    patterns = {"officers": cues.officer_pattern, "officer_titles": cues.officer_title_pattern, **cues.patterns}
    sentences = SALUTATION_SENTENCES + [
        "I congratulate you on your election.", "We commend the SECRETARY-\nGENERAL.", "Mr President, thank you.",
        "Under your wise leadership", "Peace on the Korean Peninsula.", "The Secretary- General spoke", "Madame President",
        "We thank the outgoing President.", "Our predecessors built it.", "YOU are welcome", "Ça va, Monsieur le Président.",
        "The ſecretary-General", "Trade, reform and the Agenda for Peace.", "The plan", "No officer here at all.",
    ]
    skipped = 0
    for key, pattern in patterns.items():
        for sentence in sentences:
            if not cues.can_match(key, sentence):
                assert pattern.search(sentence) is None, (key, sentence)
                skipped += 1
    assert skipped > 40
    assert cues.can_match("officer_titles", "The ſecretary-General")  # not ASCII: the pattern decides
    assert cues.can_match("officers", "Thank you.") and not cues.can_match("officer_titles", "Thank you.")
