"""Statement vectors, pooled speaker vectors, similarity and map: on tiny made-up snippets."""

from __future__ import annotations

import pickle

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.decomposition import TruncatedSVD
from sklearn.pipeline import Pipeline

from analysis.paths import STOP_WORDS
from analysis.statements import assign_voice  # noqa: E402
from analysis.vectors import (
    MAP_COLUMNS,
    POOLED_COLUMNS,
    SIMILARITY_COLUMNS,
    StatementVectorizer,
    compute_map,
    compute_similarity,
    pool_vectors,
)
from analysis.text.tokens import TOKENIZERS, load_stop_words, register_tokenizer
from analysis.plots.vectors import plot_map, plot_similarity
from analysis.paths import PROJECT

TEXTS = [
    "President Xi said the Korean Peninsula needs peace.",
    "The Korean Peninsula issue needs dialogue.",
    "Trade talks with the US continue.",
    "What is your comment?",
]


def _statements() -> pd.DataFrame:
    """Three documents; two spokespersons, a journalist, one reported ROK statement, boilerplate."""
    rows = [
        ("a", "2020-01-06", "Geng Shuang", "CN", None, None, "The Korean Peninsula issue needs dialogue and peace."),
        ("a", "2020-01-06", "journalist", "press", "Moon Jae-in", "ROK", "President Moon said the Peninsula needs peace talks."),
        ("a", "2020-01-06", "Geng Shuang", "CN", None, None, "Trade talks with the US continue despite tariffs."),
        ("b", "2020-02-03", "Hua Chunying", "CN", None, None, "Denuclearization of the Korean Peninsula needs dialogue."),
        ("b", "2020-02-03", "journalist", "press", None, None, "What is your comment?"),
        ("b", "2020-02-03", "Hua Chunying", "CN", None, None, "Tariffs hurt trade and trade talks."),
        ("c", "2020-03-02", "Hua Chunying", "CN", None, None, "Peace on the Peninsula needs dialogue."),
        ("c", "2020-03-02", "journalist", "press", None, None, "Will trade talks resume after the tariffs?"),
    ]
    table = pd.DataFrame(rows, columns=["doc_id", "date", "speaker", "side", "reported_speaker", "reported_side", "text"])
    table["date"] = pd.to_datetime(table["date"])
    table.insert(0, "statement_id", [f"{d}:{i}" for i, d in enumerate(table["doc_id"], start=1)])
    table["n_words"] = table["text"].str.split().str.len()
    voiced = assign_voice(table)  # as attribute_statements makes it: voice computed once
    voiced.attrs = dict(table.attrs)
    return voiced


# ----------------------------------------------------------------------------- stop words and tokens


def test_the_stop_word_lexicon_has_documented_categories_and_no_content_words():
    words = load_stop_words()
    assert {"said", "noted", "president", "spokesperson", "comment", "yesterday", "the"} <= set(words)
    assert not {"korea", "korean", "peninsula", "china", "cooperation", "denuclearization", "trade"} & set(words)
    assert list(words) == sorted(set(words))
    assert set(load_stop_words(categories=["dates"])) < set(words)


def test_stop_word_errors_name_the_file_category_and_item(tmp_path):
    with pytest.raises(ValueError, match=r"no stop-word category \['verbs'\]"):
        load_stop_words(categories=["verbs"])
    booleans = tmp_path / "yes.yaml"
    booleans.write_text("words: [well, yes]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"yes\.yaml: category `words` has True.*quote yes/no/on/off"):
        load_stop_words(booleans)
    upper = tmp_path / "upper.yaml"
    upper.write_text("titles: [President]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"`titles` has 'President': write one lowercase word"):
        load_stop_words(upper)
    phrase = tmp_path / "phrase.yaml"
    phrase.write_text("titles: [state councilor]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="one lowercase word"):
        load_stop_words(phrase)


def test_bigrams_join_adjacent_words_only_never_across_stop_words_or_punctuation():
    vectorizer = StatementVectorizer(min_df=1, max_df=1.0).fit(
        ["President Xi said the Korean Peninsula needs peace.", "Japan, the ROK and the US met in 2019 (in Seoul)."]
    )
    terms = set(vectorizer.get_feature_names_out())
    assert {"xi", "korean peninsula", "peninsula needs", "japan", "ROK", "US", "seoul"} <= terms
    assert not {"xi korean", "president", "said", "japan ROK", "ROK US", "met seoul", "2019", "us", "rok"} & terms


def test_words_keep_inner_hyphens_and_need_a_letter_and_two_characters():
    vectorizer = StatementVectorizer(min_df=1, max_df=1.0, stop_words=None).fit(["A win-win COVID-19 deal in 2020, China's G20 role."])
    assert list(vectorizer.get_feature_names_out()) == sorted(
        ["win-win", "COVID-19", "deal", "in", "china", "G20", "role", "win-win COVID-19", "COVID-19 deal", "deal in",
         "china G20", "G20 role"]  # fmt: skip
    )


# ----------------------------------------------------------------------------- the vectorizer


def test_vectorizer_on_a_table_or_a_list_gives_the_same_tfidf_and_zero_rows_for_boilerplate():
    table = pd.DataFrame({"text": TEXTS, "speaker": ["x"] * 4})
    before = table.copy()
    from_table = StatementVectorizer().fit_transform(table)
    from_list = StatementVectorizer().fit(TEXTS).transform(TEXTS)
    assert sp.issparse(from_table) and from_table.shape == from_list.shape
    assert np.allclose(from_table.toarray(), from_list.toarray())
    norms = np.linalg.norm(from_table.toarray(), axis=1)
    assert np.allclose(norms[:3], 1) and norms[3] == 0  # "What is your comment?" keeps no term
    pd.testing.assert_frame_equal(table, before)


def test_auto_document_frequency_bounds_follow_the_corpus_size():
    small = StatementVectorizer().fit(TEXTS)
    assert (small.min_df_, small.max_df_) == (1, 1.0)
    many = [f"Peace talks on topic{i % 10}, in case{i}." for i in range(8001)]
    large = StatementVectorizer().fit(many)
    assert (large.min_df_, large.max_df_) == (3, 0.2)  # ceil(8001 / 4000) = 3
    terms = set(large.get_feature_names_out())
    assert "topic3" in terms  # in a tenth of the statements
    assert "peace" not in terms and "case17" not in terms  # in all of them (above max_df), in one (below min_df)
    given = StatementVectorizer(min_df=2, max_df=0.9).fit(TEXTS)
    assert (given.min_df_, given.max_df_) == (2, 0.9)


def test_stop_words_can_be_english_none_a_list_or_a_lexicon_file(tmp_path):
    assert StatementVectorizer(stop_words=None).fit(TEXTS).stop_words_ == ()
    assert "the" in StatementVectorizer(stop_words="english").fit(TEXTS).stop_words_
    custom = StatementVectorizer(stop_words=["Peace", "needs"]).fit(TEXTS)
    assert custom.stop_words_ == ("needs", "peace") and "peace" not in custom.get_feature_names_out()
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text("mine: [trade, talks]\n", encoding="utf-8")
    assert StatementVectorizer(stop_words=str(lexicon)).fit(TEXTS).stop_words_ == ("talks", "trade")
    assert StatementVectorizer().fit(TEXTS).stop_words_ == load_stop_words(STOP_WORDS)
    with pytest.raises(FileNotFoundError, match="no such lexicon"):
        StatementVectorizer(stop_words="nowhere.yaml").fit(TEXTS)


def test_lsa_reduction_gives_dense_unit_rows_and_named_dimensions():
    vectorizer = StatementVectorizer(n_components=2, random_state=0)
    reduced = vectorizer.fit_transform(TEXTS)
    assert isinstance(reduced, np.ndarray) and reduced.shape == (4, 2)
    assert np.allclose(np.linalg.norm(reduced[:3], axis=1), 1)
    assert list(vectorizer.get_feature_names_out()) == ["truncatedsvd0", "truncatedsvd1"]
    with pytest.raises(ValueError, match="n_components=50 must be between 1 and"):
        StatementVectorizer(n_components=50).fit(TEXTS)


def test_vectorizer_errors_name_the_problem():
    with pytest.raises(KeyError, match="no column `text`"):
        StatementVectorizer().fit(pd.DataFrame({"body": TEXTS}))
    with pytest.raises(ValueError, match="the corpus is empty"):
        StatementVectorizer().fit([])
    with pytest.raises(ValueError, match=r"1 statement text\(s\) are not strings \(first at row 1\)"):
        StatementVectorizer().fit(["peace talks", None])
    with pytest.raises(ValueError, match="lower min_df, raise max_df or use fewer stop words"):
        StatementVectorizer().fit(["What is your comment?", "I have noted the reports."])
    with pytest.raises(TypeError, match="not a single string"):
        StatementVectorizer().fit("peace talks")
    with pytest.raises(ValueError, match="ngram_range"):
        StatementVectorizer(ngram_range=(2, 1)).fit(TEXTS)


def test_vectorizer_follows_the_scikit_learn_api():
    vectorizer = StatementVectorizer(min_df=1, n_components=None)
    assert vectorizer.get_params()["min_df"] == 1
    copy = clone(vectorizer).set_params(max_df=0.9)
    assert copy.max_df == 0.9 and vectorizer.max_df == "auto" and not hasattr(copy, "tfidf_")
    assert vectorizer.fit(TEXTS) is vectorizer
    pipeline = Pipeline([("vectors", StatementVectorizer()), ("svd", TruncatedSVD(n_components=2, random_state=0))])
    assert pipeline.fit_transform(TEXTS).shape == (4, 2)
    restored = pickle.loads(pickle.dumps(vectorizer))
    assert np.allclose(restored.transform(TEXTS).toarray(), vectorizer.transform(TEXTS).toarray())


# ----------------------------------------------------------------------------- pooling


def test_pooled_vectors_are_group_means_with_counts_and_the_input_unchanged():
    statements = _statements()
    before = statements.copy()
    vectorizer = StatementVectorizer()
    X = vectorizer.fit_transform(statements)
    pooled = pool_vectors(statements, X, by="speaker", feature_names=vectorizer.get_feature_names_out())
    pd.testing.assert_frame_equal(statements, before)
    assert list(pooled.groups.columns) == ["group", "speaker", *POOLED_COLUMNS[1:]]
    assert pooled.groups["group"].tolist() == ["Hua Chunying", "Geng Shuang", "journalist"]  # by side, then size
    assert pooled.groups["n_statements"].tolist() == [3, 2, 3]
    assert pooled.groups["n_documents"].tolist() == [2, 1, 3]
    assert pooled.groups["first_date"].iloc[0] == pd.Timestamp("2020-02-03")
    rows = np.flatnonzero(statements["speaker"] == "Hua Chunying")
    assert np.allclose(pooled.matrix[0].toarray().ravel(), np.asarray(X[rows].mean(axis=0)).ravel())
    assert list(pooled.feature_names) == list(vectorizer.get_feature_names_out())
    assert pooled.excluded.empty


def test_groupings_side_voice_and_speaker_by_document():
    statements = _statements()
    X = StatementVectorizer().fit_transform(statements)
    by_side = pool_vectors(statements, X, by="side")
    assert by_side.groups[["group", "side", "n_statements"]].values.tolist() == [["CN", "CN", 5], ["press", "press", 3]]
    by_voice = pool_vectors(statements, X, by="voice")  # the reported ROK statement is the ROK's voice
    assert by_voice.groups[["group", "n_statements"]].values.tolist() == [["CN", 5], ["ROK", 1], ["press", 2]]
    assert np.isnan(by_voice.groups.loc[1, "self_similarity"])  # one statement: no split half
    by_pair = pool_vectors(statements, X, by=("speaker", "doc_id"))
    assert "Hua Chunying | b" in by_pair.groups["group"].tolist() and by_pair.by == ("speaker", "doc_id")
    assert by_pair.groups["n_statements"].sum() == len(statements)
    by_speaker_voice = pool_vectors(statements, X, by="voice_speaker")
    assert by_speaker_voice.groups.set_index("group").loc["Moon Jae-in", "side"] == "ROK"


def test_groups_of_several_columns_match_pandas_groupby_and_name_a_mixed_side():
    # made-up rows: a group key repeats out of order, a missing value, a group with two sides
    rows = pd.DataFrame({"doc_id": list("abcdefgh"), "country": ["KR", "CN", "KR", None, "CN", "KR", "JP", "CN"],
                         "year": [2019, 2019, 2020, 2019, 2019, 2019, 2020, 2020],
                         "side": ["ROK", "CN", "ROK", "JP", "CN", "press", "JP", "CN"],
                         "text": ["peace talks", "trade deal", "peace now", "talks", "deal now", "peace", "trade", "talks now"]})
    X = StatementVectorizer().fit_transform(rows)
    pooled = pool_vectors(rows, X, by=("country", "year"))
    keys = rows.assign(country=rows["country"].fillna("(none)"), year=rows["year"].astype(str))
    expected = keys.groupby(["country", "year"], sort=False).agg(
        n=("doc_id", "size"), side=("side", lambda s: s.iloc[0] if s.nunique() == 1 else "mixed"))
    got = pooled.groups.set_index(["country", "year"])
    assert sorted(got.index) == sorted(expected.index)
    assert got.loc[expected.index, "n_statements"].tolist() == expected["n"].tolist()
    assert got.loc[expected.index, "side"].tolist() == expected["side"].tolist()
    assert got.loc[("KR", "2019"), "side"] == "mixed" and got.loc[("(none)", "2019"), "group"] == "(none) | 2019"


def test_small_groups_are_listed_as_excluded_not_dropped_silently():
    statements = _statements()
    X = StatementVectorizer().fit_transform(statements)
    pooled = pool_vectors(statements, X, by="speaker", min_statements=3)
    assert pooled.groups["group"].tolist() == ["Hua Chunying", "journalist"]
    assert pooled.excluded[["group", "n_statements"]].values.tolist() == [["Geng Shuang", 2]]
    with pytest.warns(UserWarning, match="no group of \\['speaker'\\] has 9 statements .*nothing to compare; lower min_statements"):
        empty = pool_vectors(statements, X, by="speaker", min_statements=9)
    assert empty.groups.empty and empty.matrix.shape[0] == 0 and len(empty.excluded) == 3  # every group listed, none dropped
    assert compute_similarity(empty).empty


def test_pooling_errors_name_the_field():
    statements = _statements()
    X = StatementVectorizer().fit_transform(statements)
    with pytest.raises(KeyError, match=r"no column\(s\) \['party'\]; group by one of"):
        pool_vectors(statements, X, by="party")
    with pytest.raises(ValueError, match="X has 3 rows but the statements table 8"):
        pool_vectors(statements, X[:3], by="speaker")
    with pytest.raises(ValueError, match="feature_names has 2 names"):
        pool_vectors(statements, X, feature_names=["a", "b"])


def test_similarity_is_symmetric_with_split_half_on_the_diagonal():
    statements = _statements()
    X = StatementVectorizer().fit_transform(statements)
    pooled = pool_vectors(statements, X, by="speaker")
    table = compute_similarity(pooled)
    assert list(table.columns) == list(SIMILARITY_COLUMNS) and len(table) == 9
    wide = table.pivot(index="group", columns="other", values="similarity")
    between = table[table["kind"] == "between"]
    assert np.allclose(wide.to_numpy(), wide.to_numpy().T, equal_nan=True)
    assert between["similarity"].between(0, 1).all()
    diagonal = table[table["kind"] == "split-half"].set_index("group")["similarity"]
    assert np.allclose(diagonal.to_numpy(), pooled.groups.set_index("group").loc[diagonal.index, "self_similarity"].to_numpy(), equal_nan=True)
    assert np.isnan(diagonal["journalist"])  # one half is "What is your comment?": no term, no direction
    twins = pd.DataFrame({"doc_id": ["a", "b"], "speaker": ["x", "y"], "side": ["CN", "ROK"], "text": ["peace talks", "peace talks"]})
    same = compute_similarity(pool_vectors(twins, StatementVectorizer().fit_transform(twins), by="speaker"))
    assert np.isclose(same.loc[same["kind"] == "between", "similarity"].iloc[0], 1.0)


def test_map_places_speakers_and_documents_together_deterministically():
    statements = _statements()
    vectorizer = StatementVectorizer()
    X = vectorizer.fit_transform(statements)
    names = vectorizer.get_feature_names_out()
    speakers = pool_vectors(statements, X, by="speaker", feature_names=names)
    documents = pool_vectors(statements, X, by="doc_id", feature_names=names)
    points = compute_map(speakers, documents)
    again = compute_map(speakers, documents)
    assert list(points.columns) == list(MAP_COLUMNS) and len(points) == 6
    assert points["kind"].tolist() == ["speaker"] * 3 + ["doc_id"] * 3
    assert points.loc[points["kind"] == "doc_id", "side"].tolist() == ["mixed"] * 3
    pd.testing.assert_frame_equal(points, again)
    ratio = points.attrs["explained_variance_ratio"]
    assert len(ratio) == 2 and 0 < ratio[1] <= ratio[0] <= 1
    with pytest.warns(UserWarning, match="at least 3 groups, got 2: no map"):
        assert compute_map(pool_vectors(statements, X, by="side")).empty
    other = pool_vectors(statements, StatementVectorizer(stop_words=None).fit_transform(statements), by="doc_id")
    with pytest.raises(ValueError, match="same feature_names"):
        compute_map(speakers, other)


# ----------------------------------------------------------------------------- plots


def test_plot_similarity_draws_the_table_with_counts_in_the_labels():
    statements = _statements()
    table = compute_similarity(pool_vectors(statements, StatementVectorizer().fit_transform(statements), by="speaker"))
    fig, ax = plt.subplots()
    assert plot_similarity(table, ax=ax) is ax
    drawn = np.asarray(ax.images[0].get_array())
    wide = table.pivot(index="group", columns="other", values="similarity")
    order = list(dict.fromkeys(table["group"]))
    assert np.allclose(drawn, wide.loc[order, order].to_numpy(), equal_nan=True)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Hua Chunying (3)", "Geng Shuang (2)", "journalist (3)"]
    assert len([p for p in ax.patches if p.get_linestyle() == "--"]) == 3  # the outlined diagonal
    plt.close(fig)


def test_plot_map_labels_speakers_and_colours_documents_by_date():
    statements = _statements()
    X = StatementVectorizer().fit_transform(statements)
    points = compute_map(pool_vectors(statements, X, by="speaker"), pool_vectors(statements, X, by="doc_id"))
    fig, ax = plt.subplots()
    assert plot_map(points, ax=ax, adjust=False) is ax
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["Geng Shuang (2)", "Hua Chunying (3)", "journalist (3)"]
    offsets = np.vstack([c.get_offsets() for c in ax.collections])
    assert len(offsets) == len(points)
    assert len(fig.axes) == 2  # the date colour bar
    plt.close(fig)


def test_the_vectorizer_reads_the_language_it_is_given():
    texts = ["한반도 평화를 만들었습니다.", "한반도 비핵화와 평화", "경제 협력과 수출"]
    english = StatementVectorizer(stop_words=None).fit(texts).get_feature_names_out().tolist()
    korean = StatementVectorizer(stop_words=None, language="ko").fit(texts).get_feature_names_out().tolist()
    assert "평화" in korean and "한반도 평화" in korean and "만들다" in korean
    assert "평화를" in english and "만들다" not in english  # read as English, a word keeps its particle
    assert "language" in clone(StatementVectorizer(language="ko")).get_params()


# The English analyzer reads a text in one regular-expression pass (analysis.text.tokens.scan_english); the
# general path (any registered tokenizer: spans, then the break between two tokens) must give the same terms.
_TRICKY = [
    "President Xi said the Korean Peninsula needs peace.",
    "The U.S.'s role, and the U.N.'s: 'quoted' words -- and ‘curly’ ones - too.",
    "x'-y and a - b; c/d (e) [f] {g} “h” i! j? k… l—m n–o",
    "’Tis the season of the Secretary-\nGeneral and the Anti- Fascist war; medium- and long-term.",
    "countries' rights, China's 5G, ROK-U.S. drills in 2019 don't stop",
    "",
    "...",
    "'Lead' and end'",
]


def test_the_english_analyzer_gives_the_terms_of_the_general_path():
    register_tokenizer("en-general", TOKENIZERS["en"])  # the same tokenizer under another code: the general path
    try:
        texts = _TRICKY + [line for line in (PROJECT / "corpus" / "documents" / "un-general-debate" / "ungdc-chn-1991.txt").read_text(encoding="utf-8").splitlines() if line]
        for ngram_range in ((1, 1), (1, 2), (2, 3)):
            fast = StatementVectorizer(ngram_range=ngram_range).build_analyzer()
            general = StatementVectorizer(ngram_range=ngram_range, language="en-general").build_analyzer()
            assert [fast(text) for text in texts] == [general(text) for text in texts]
        assert "US role" not in fast(_TRICKY[1]) and "peninsula needs" in StatementVectorizer().build_analyzer()(_TRICKY[0])
    finally:
        del TOKENIZERS["en-general"]


def test_the_analyzer_pickles_without_its_token_cache():
    analyzer = StatementVectorizer().build_analyzer()
    before = analyzer(_TRICKY[0])
    copy = pickle.loads(pickle.dumps(analyzer))
    assert "_known" not in copy.__dict__ and copy(_TRICKY[0]) == before
