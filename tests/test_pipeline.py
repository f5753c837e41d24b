"""The one shared opening: corpus folder -> statements (-> scored)."""

from analysis.paths import BACKGROUND, CORPUS
from analysis.pipeline import default_background, load_statements, open_corpus
from analysis.statements import STATEMENT_COLUMNS


def test_open_corpus_loads_documents_speakers_and_statements_with_voice(small_corpus):
    opened = open_corpus(small_corpus["corpus_dir"])  # the speakers file found beside the corpus
    assert len(opened.documents) == 8
    assert list(opened.statements.columns) == list(STATEMENT_COLUMNS)
    assert set(opened.statements["doc_id"]) == set(opened.documents["doc_id"])
    reported = opened.statements.dropna(subset=["reported_side"])
    assert len(reported) and (reported["voice"] == reported["reported_side"]).all()


def test_load_statements_scores_frames_only_when_given_a_lexicon(small_corpus):
    plain = load_statements(small_corpus["corpus_dir"], small_corpus["speakers_path"])
    scored = load_statements(small_corpus["corpus_dir"], small_corpus["speakers_path"], lexicon=True)
    assert "peninsula" not in plain.columns and scored["peninsula"].sum() > 0
    assert scored[plain.columns].equals(plain)


def test_the_background_is_the_shipped_one_only_for_the_shipped_corpus(small_corpus):
    assert default_background(CORPUS) == BACKGROUND
    assert default_background(small_corpus["corpus_dir"]) is None
