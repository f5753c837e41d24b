import pandas as pd
import pytest

from analysis.text.quality import QUALITY_COLUMNS, score_text_quality, select_clean

VOCABULARY = {"the", "anti", "fascist", "struggle", "of", "peoples", "assembly", "we", "support", "nations", "united", "short", "long", "term", "and", "plans", "war", "torn", "lands", "peace", "in", "our", "time"}


def _score(texts, **kwargs):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    return score_text_quality(docs, vocabulary=VOCABULARY, **kwargs).set_index("doc_id")


def test_columns_and_counts_of_a_clean_text():
    table = _score(["We support the United Nations.\n\nPeace in our time."])
    assert list(table.reset_index().columns) == list(QUALITY_COLUMNS)
    row = table.loc["d0"]
    assert (row.n_tokens, row.n_unknown, row.n_hyphen_splits, row.n_glued, row.n_line_wraps) == (9, 0, 0, 0, 0)
    assert row.clean and row.problems == ""


def test_hyphen_splits_are_counted_but_not_suspended_hyphens():
    row = _score(["The Anti- Fascist struggle of war-\ntorn lands and short- and long-term plans."]).loc["d0"]
    assert row.n_hyphen_splits == 2  # "Anti- Fascist", "war-\ntorn"; not "short- and"


def test_glued_sentences_and_line_wraps_are_counted_and_abbreviations_are_not():
    text = "We support the United\rNations.The peoples\r\nof the U.S.A. support peace.\n\nPeace in our time.\nWe support"
    row = _score([text]).loc["d0"]
    assert row.n_glued == 1  # "Nations.The", not "U.S.A."
    assert row.n_line_wraps == 2  # "United\rNations", "peoples\r\nof"; not the blank line, not after "time."


def test_unknown_tokens_and_the_clean_flag():
    table = _score(["We support the United Nations xqzt.", "We support the 1990s peoples, twenty-first? No: anti-fascist."], thresholds={"share_unknown": 0.2})
    assert table.loc["d0", "n_unknown"] == 1 and table.loc["d0", "share_unknown"] == pytest.approx(1 / 6)
    assert table.loc["d0", "clean"]
    assert table.loc["d1", "n_unknown"] == 2  # "twenty-first" (one token), "No"; "1990s" and "anti-fascist" are known
    strict = _score(["We support the United Nations xqzt."])
    assert not strict.loc["d0", "clean"] and strict.loc["d0", "problems"] == "share_unknown 0.167 > 0.005"


def test_line_wraps_enter_the_flag_only_when_asked():
    text = "We support\nthe United\nNations."
    assert _score([text]).loc["d0", "clean"]
    asked = _score([text], thresholds={"line_wraps_per_1000": 5})
    assert not asked.loc["d0", "clean"] and asked.loc["d0", "problems"].startswith("line_wraps_per_1000 400")


def test_a_text_without_words_is_not_clean_and_bad_input_is_named():
    assert _score(["—  ?"]).loc["d0", "problems"] == "no words"
    with pytest.raises(KeyError, match="unknown threshold 'typos'"):
        _score(["x"], thresholds={"typos": 1})
    with pytest.raises(KeyError, match="needs a `text` column"):
        score_text_quality(pd.DataFrame({"doc_id": ["a"]}), vocabulary=VOCABULARY)


def test_select_clean_keeps_rows_of_clean_documents_and_refuses_unscored_ones():
    quality = _score(["We support the United Nations.", "Nations.The xqzt xqzt."]).reset_index()
    statements = pd.DataFrame({"doc_id": ["d0", "d1", "d0"], "sentence": [1, 1, 2]}, index=[10, 11, 12])
    kept = select_clean(statements, quality)
    assert kept.index.tolist() == [10, 12]
    with pytest.raises(KeyError, match=r"1 document\(s\) have no quality score \(d9\)"):
        select_clean(pd.DataFrame({"doc_id": ["d0", "d9"]}), quality)


def test_the_default_vocabulary_knows_british_spellings_and_un_terms():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["The organisation honoured multilateralism and denuclearization; xqztv."]})
    row = score_text_quality(docs).iloc[0]
    assert (row.n_tokens, row.n_unknown) == (7, 1)
