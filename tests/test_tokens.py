"""The one tokenizer: case where it carries meaning, abbreviations with dots, words a reader counts."""

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.keyness import compute_keyness, tokenize_terms
from analysis.text.layout import BROKEN_HYPHEN
from analysis.text.tokens import (
    UnsupportedLanguageError,
    is_term,
    load_stop_words,
    n_words,
    normalize_token,
    register_tokenizer,
    scan_english,
    tokenize,
    tokenize_spans,
    TOKENIZERS,
)
from analysis.vectors import StatementVectorizer

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("The US said", ["the", "US", "said"]),  # the United States, not the pronoun
        ("Give us time", ["give", "us", "time"]),
        ("Us too", ["us", "too"]),
        ("the U.S. side", ["the", "US", "side"]),  # dots gone: the same word as "US"
        ("ROK-U.S. drills", ["ROK-US", "drills"]),  # not "rok-u"
        ("U.S.-ROK alliance", ["US-ROK", "alliance"]),
        ("the UN and the WHO, who", ["the", "UN", "and", "the", "WHO", "who"]),
        ("DPRK and G20", ["DPRK", "and", "G20"]),
        ("5G in the 19th year", ["5G", "in", "the", "19th", "year"]),
        ("COVID-19 and Covid-19", ["COVID-19", "and", "covid-19"]),
        ("Moon Jae-in", ["moon", "jae-in"]),
        ("China's and countries' roles", ["china", "and", "countries", "roles"]),
        ("China’s role", ["china", "role"]),
        ("We don't; Xi'an", ["we", "don't", "xi'an"]),
        ("I said", ["i", "said"]),
    ],
)
def test_tokens_keep_case_only_where_it_carries_meaning(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("the Secretary-\nGeneral", ["the", "secretary-general"]),  # split across a line end
        ("the Secretary- \r\n General", ["the", "secretary-general"]),
        ("the Anti- Fascist war", ["the", "anti-fascist", "war"]),  # hyphen, space, capital
        ("medium- and long-term", ["medium", "and", "long-term"]),  # a suspended hyphen stays apart
        ("three- phased", ["three", "phased"]),  # before a lower-case word on the same line: not joined
    ],
)
def test_a_word_split_at_its_hyphen_is_one_word(text, tokens):
    assert tokenize(text) == tokens
    assert n_words(text) == len(tokens)


def test_spans_point_at_what_was_read_and_n_words_counts_them():
    text = "The U.S. and China's people-to-people ties."
    spans = tokenize_spans(text)
    assert [text[s:e] for _, s, e in spans] == ["The", "U.S.", "and", "China's", "people-to-people", "ties"]
    assert n_words(text) == 6


def test_terms_need_two_characters_and_a_letter():
    assert [t for t in tokenize("a 5G US 2020 19th x") if is_term(t)] == ["5G", "US", "19th"]


def test_an_unsupported_language_is_refused_with_the_supported_ones_named():
    with pytest.raises(UnsupportedLanguageError, match="supported: en, ko"):
        tokenize("你好", language="zh")


def test_a_language_plugs_in_through_the_registry():
    register_tokenizer("xx", lambda text: [(w, 0, 0) for w in text.split("|")])
    try:
        assert tokenize("a|b", language="xx") == ["a", "b"]
    finally:
        del TOKENIZERS["xx"]


def test_stop_words_are_lower_case_so_us_goes_and_US_stays():
    stop = set(load_stop_words())
    assert "us" in stop and "who" in stop and "don't" in stop
    assert "US" not in stop and "WHO" not in stop


def test_keyness_and_vectors_keep_the_united_states_and_5g():
    assert tokenize_terms("The US and us use 5G in the 19th year of 2019.") == ["the", "US", "and", "us", "use", "5G", "in", "the", "19th", "year", "of"]
    st = pd.DataFrame({"voice": ["CN", "CN", "ROK"], "text": ["The US and the U.S. side.", "US tariffs on 5G.", "Give us time."]})
    key = compute_keyness(st, target="CN", reference="ROK").set_index("term")
    assert key.loc["US", "count_group"] == 3 and key.loc["us", "count_reference"] == 1 and "5G" in key.index
    terms = set(StatementVectorizer(min_df=1, max_df=1.0).fit(st["text"]).get_feature_names_out())
    assert {"US", "US tariffs", "5G"} <= terms and "us" not in terms


def test_the_fast_word_count_is_the_tokenizer_count_on_a_real_document():
    text = (PROJECT / "corpus" / "documents" / "mfa" / "seeds" / "2020-05-13-xi-moon-phone-call.txt").read_text(encoding="utf-8")
    text += " U.S. ROK-U.S. China's countries' don't 5G"
    assert n_words(text) == len(tokenize(text)) > 100


def test_the_scan_gives_the_tokens_of_the_tokenizer_and_the_breaks_between_them():
    text = (PROJECT / "corpus" / "documents" / "un-general-debate" / "ungdc-chn-1991.txt").read_text(encoding="utf-8")
    text += " U.S. ROK-U.S. China's countries' don't 5G the Secretary-\nGeneral, Anti- Fascist"
    scan = scan_english(text, r"[.,;:]")
    assert [normalize_token(raw) for raw in scan if raw] == tokenize(text)
    assert scan_english("Peace, and trade; U.S. talks.", r"[.,;:]") == ["Peace", "", "and", "trade", "", "U.S.", "talks", ""]


# The token pattern as first written, look-behind first: the tokenizer's word-character-first form must give its spans.
_UNIT = r"(?:(?:[A-Z]\.){2,}|\w+(?:['’]\w+)*)"
_LOOK_BEHIND_FIRST = re.compile(rf"(?<!\w){_UNIT}(?:(?:{BROKEN_HYPHEN}|[-‐]){_UNIT})*")


@pytest.mark.parametrize("text", [
    "U.S. and U.N. troops; U.x, A.B.C.D. and U.S.A's",  # dotted abbreviations, one that is not, one followed by a word
    "a", "A.", "A.B", "aU.S.", "_U.S.", "ROK-U.S. ties", "9.11", "Xi's don't countries' ’twas",
    "the Secretary-\nGeneral, Anti- Fascist, medium- and long-term, up-\n and, up-\nand, up-\nandy, x-\n\n",
    "Jae-in, COVID-19, 5G, 19th, people‐to‐people, Ürümqi-Ösel, 北京-上海, 서울 말했다",
    "", " \n", "--a--", "'s", "a'", "a’’b", "(Xi)", "U.S.-\nChina",
])
def test_tokens_start_where_the_look_behind_first_pattern_starts_them(text):
    expected = [(m.start(), m.end()) for m in _LOOK_BEHIND_FIRST.finditer(text)]
    assert [(start, end) for _, start, end in tokenize_spans(text)] == expected
    assert n_words(text) == len(expected)
    for start in range(len(text)):  # every suffix: a token may start at the text's first character
        assert [(s, e) for _, s, e in tokenize_spans(text[start:])] == [(m.start(), m.end()) for m in _LOOK_BEHIND_FIRST.finditer(text[start:])]


def test_the_tokenizer_gives_the_look_behind_first_spans_on_a_real_speech():
    text = (PROJECT / "corpus" / "documents" / "un-general-debate" / "ungdc-chn-1991.txt").read_text(encoding="utf-8")
    assert [(s, e) for _, s, e in tokenize_spans(text)] == [(m.start(), m.end()) for m in _LOOK_BEHIND_FIRST.finditer(text)]
