"""The one tokenizer of the package: words of a text, per language.

Every stage splits text into words here: ``n_words`` of documents and statements, the word
windows of frame stance and targets, keyness counts and the statement vectors. A token is a
word as a reader counts it:

* letters and digits with inner hyphens or apostrophes: ``people-to-people``, ``COVID-19``,
  ``Jae-in``, ``5G``, ``19th``, ``don't``;
* a word split at its hyphen across a line end, or after a hyphen and a space before a capital,
  is one word (:data:`analysis.text.layout.BROKEN_HYPHEN`): ``Secretary-⏎General`` and
  ``Anti- Fascist`` are ``secretary-general`` and ``anti-fascist`` (``medium- and long-term`` is not joined);
* an abbreviation written with dots is one word without its dots: ``U.S.`` is ``US``,
  ``ROK-U.S.`` is ``ROK-US``;
* a possessive (or clitic) ``'s`` is dropped: ``China's`` is ``china``; ``countries'`` is ``countries``;
* **case is kept only where it carries meaning**: a token written in capitals (two or more
  characters, at least one capital letter, no lower-case letter: ``US``, ``UN``, ``ROK``,
  ``DPRK``, ``WHO``, ``G20``, ``5G``) keeps them; every other token is lower-cased. So the
  United States (``US``) is not the pronoun ``us``, nor the WHO the pronoun ``who``.

Stop words (:func:`load_stop_words`) are lower case, so they remove ``us`` and ``Us`` but not
``US``. :func:`is_term` says which tokens can be terms of keyness and vectors (two or more
characters, at least one letter).

Languages: :data:`TOKENIZERS` maps a language code to its tokenizer (a function from text to
``(token, start, end)`` triples). English (``en``) and Korean (``ko``,
:func:`analysis.text.korean.tokenize_korean`: content words from the morphological analyser,
loaded only when Korean text is tokenized) are registered; Chinese (``zh``) plugs in here with
:func:`register_tokenizer`, and every stage follows. :data:`COUNTERS` counts words where a
language counts them otherwise than its tokens: a Korean word (어절) holds a noun and its
particles, so ``n_words`` of Korean text counts words (:func:`analysis.text.korean.count_korean_words`)
while keyness and vectors read its content words.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable, Iterable

import yaml

from ..inputs.errors import MAX_LEXICON_BYTES, LexiconError, check_yaml_limits

from ..paths import STOP_WORDS
from .korean import count_korean_words, tokenize_korean
from .layout import BROKEN_HYPHEN

__all__ = [
    "COUNTERS",
    "TOKENIZERS",
    "UnsupportedLanguageError",
    "is_term",
    "load_stop_words",
    "n_words",
    "normalize_token",
    "register_tokenizer",
    "scan_english",
    "tokenize",
    "tokenize_spans",
]

_DOTTED = r"(?:[A-Z]\.){2,}"  # U.S., U.N.
_UNIT = rf"(?:{_DOTTED}|\w+(?:['’]\w+)*)"
# The first unit is ``(?<!\w){_UNIT}`` written word character first, the look-behind after it
# (``\w(?<!\w\w)``: the character before is no word character) and the rest of either
# alternative after that: the same matches, but a pattern that starts with a character class lets
# the engine skip to the next word character instead of trying the look-behind at every position.
_FIRST_UNIT = r"\w(?<!\w\w)(?:(?<=[A-Z])\.(?:[A-Z]\.)+|\w*(?:['’]\w+)*)"
_TOKEN = re.compile(rf"{_FIRST_UNIT}(?:(?:{BROKEN_HYPHEN}|[-‐]){_UNIT})*")
_CLITIC_S = re.compile(r"['’][sS]$")
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 17)  # a pure function of the word; words repeat (about 20 uses each in a speech corpus)
def _normalise(word: str) -> str:
    if " " in word or "\n" in word or "\r" in word or "\t" in word:
        word = _SPACE.sub("", word)  # a word split across a line end: "Secretary-\nGeneral"
    word = _CLITIC_S.sub("", word).replace("’", "'")
    if "." in word:
        word = word.replace(".", "")
    letters = [c for c in word if c.isalpha()]
    if len(word) >= 2 and any(c.isupper() for c in letters) and not any(c.islower() for c in letters):
        return word
    return word.lower()


def normalize_token(raw: str) -> str:
    """A token as :func:`tokenize` gives it, from the text it was read from (English).

    Examples
    --------
    >>> [normalize_token(w) for w in ["China's", "U.S.", "ROK-U.S.", "Secretary-\\nGeneral", "The"]]
    ['china', 'US', 'ROK-US', 'secretary-general', 'the']
    """
    return _normalise(raw)


@functools.lru_cache(maxsize=16)
def _scanner(breaks: str) -> re.Pattern:
    return re.compile(rf"({_TOKEN.pattern})|(?:{breaks})")


def scan_english(text: str, breaks: str) -> list[str]:
    """The English tokens of ``text`` as written, in order, with ``""`` where ``breaks`` matches between two.

    One pass of one regular expression: the tokens are those of :func:`tokenize` before
    :func:`normalize_token` (``[normalize_token(t) for t in scan if t]`` is ``tokenize(text)``).
    ``breaks`` is a pattern of what separates tokens (punctuation); it is tried only where no
    token starts, so it must not match word characters. ``$`` in it is the end of the text only:
    write ``(?:$|(?=\\w))`` for "before the next token too".

    Parameters
    ----------
    text : str
    breaks : str
        A regular expression (source text, without groups).

    Returns
    -------
    list of str

    Examples
    --------
    >>> scan_english("The U.S. side, and China's.", r"[.,]")
    ['The', 'U.S.', 'side', '', 'and', "China's", '']
    """
    return _scanner(breaks).findall(text)


def _english(text: str, *, morphemes: bool = False) -> list[tuple[str, int, int]]:
    # English words are their own morphemes here: ``morphemes`` changes nothing
    return [(_normalise(match.group(0)), match.start(), match.end()) for match in _TOKEN.finditer(text)]


def _count_english(text: str) -> int:
    return len(_TOKEN.findall(text))  # the tokens of _english, not normalised: only counted


#: Language code -> tokenizer: ``text -> [(token, start, end), ...]``, offsets into ``text``.
TOKENIZERS: dict[str, Callable[[str], list[tuple[str, int, int]]]] = {"en": _english, "ko": tokenize_korean}
#: Language code -> the word count of ``n_words`` (optional per language; default ``len(tokenize(text))``):
#: for English a faster count of the same tokens, for Korean the words (어절) a reader counts.
COUNTERS: dict[str, Callable[[str], int]] = {"en": _count_english, "ko": count_korean_words}


class UnsupportedLanguageError(ValueError):
    """Raised for a language without a tokenizer in :data:`TOKENIZERS`."""


def register_tokenizer(language: str, tokenizer: Callable[[str], list[tuple[str, int, int]]]) -> None:
    """Make ``tokenizer`` the one used for ``language`` by every stage.

    Examples
    --------
    >>> register_tokenizer("xx", lambda text: [(w, 0, 0) for w in text.split()])
    >>> tokenize("a b", language="xx")
    ['a', 'b']
    >>> del TOKENIZERS["xx"]
    """
    TOKENIZERS[language] = tokenizer
    COUNTERS.pop(language, None)


def tokenize_spans(text: str, language: str = "en", *, morphemes: bool = False) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with their character spans (``text[start:end]`` is what was read).

    ``morphemes=True`` asks the language's tokenizer for every morpheme (Korean: particles and
    endings too, :func:`analysis.text.korean.tokenize_korean`); a registered tokenizer that takes
    no ``morphemes`` keyword raises :class:`UnsupportedLanguageError`.

    Examples
    --------
    >>> tokenize_spans("The U.S. side")
    [('the', 0, 3), ('US', 4, 8), ('side', 9, 13)]
    """
    try:
        tokenizer = TOKENIZERS[language]
    except KeyError:
        raise UnsupportedLanguageError(
            f"no tokenizer for language `{language}`; supported: {', '.join(sorted(TOKENIZERS))} "
            "(add one with analysis.text.tokens.register_tokenizer)"
        ) from None
    if not morphemes:
        return tokenizer(text)
    try:
        return tokenizer(text, morphemes=True)
    except TypeError as error:
        if "morphemes" not in str(error):
            raise
        raise UnsupportedLanguageError(f"the tokenizer of `{language}` gives no morphemes (it takes no `morphemes` keyword)") from None


def tokenize(text: str, language: str = "en", *, morphemes: bool = False) -> list[str]:
    """The words of ``text``: case kept for capitals (``US``), others lower-cased.

    Parameters
    ----------
    text : str
    language : str, default "en"
        A key of :data:`TOKENIZERS`; :class:`UnsupportedLanguageError` otherwise.
    morphemes : bool, default False
        Every morpheme, not only the content words (:func:`tokenize_spans`; Korean only).

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("The US and us: U.S. troops, ROK-U.S. drills, China's 5G in the 19th year of COVID-19.")
    ['the', 'US', 'and', 'us', 'US', 'troops', 'ROK-US', 'drills', 'china', '5G', 'in', 'the', '19th', 'year', 'of', 'COVID-19']
    >>> tokenize("Moon Jae-in said the WHO, who else?")
    ['moon', 'jae-in', 'said', 'the', 'WHO', 'who', 'else']
    >>> tokenize("the Secretary-\\nGeneral and the Anti- Fascist war")
    ['the', 'secretary-general', 'and', 'the', 'anti-fascist', 'war']
    """
    return [token for token, _, _ in tokenize_spans(text, language, morphemes=morphemes)]


def n_words(text: str, language: str = "en") -> int:
    """The number of words of ``text`` (:func:`tokenize`).

    Examples
    --------
    >>> n_words("The U.S. and the ROK's people-to-people ties.")
    7
    """
    counter = COUNTERS.get(language)
    return counter(text) if counter is not None else len(tokenize_spans(text, language))


def is_term(token: str) -> bool:
    """Whether a token can be a term of keyness or vectors: two or more characters, a letter.

    Examples
    --------
    >>> [t for t in ["US", "5G", "2020", "a", "19th"] if is_term(t)]
    ['US', '5G', '19th']
    """
    return len(token) >= 2 and any(c.isalpha() for c in token)


def load_stop_words(path: str | Path | None = None, *, categories: Iterable[str] | None = None) -> tuple[str, ...]:
    """Read a stop-word lexicon: a YAML mapping of category to a list of words.

    Parameters
    ----------
    path : str or Path, optional
        Default :data:`analysis.paths.STOP_WORDS` (categories ``function_words``,
        ``reporting_verbs``, ``courtesy_titles``, ``press_conference``, ``dates``).
    categories : iterable of str, optional
        Keep only these categories (default: all).

    Returns
    -------
    tuple of str
        The words, lowercase, sorted, without duplicates.

    Raises
    ------
    ValueError
        Naming the file, the category and the item that is not a single lowercase word
        as :func:`tokenize` reads text, or an unknown category.

    Examples
    --------
    >>> words = load_stop_words(categories=["courtesy_titles"])
    >>> "president" in words, "korea" in words
    (True, False)
    """
    path = Path(path) if path is not None else STOP_WORDS
    text = path.read_text(encoding="utf-8")
    too_big = check_yaml_limits(text, str(path), max_bytes=MAX_LEXICON_BYTES)
    if too_big is not None:
        raise LexiconError([too_big])
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path}: a stop-word lexicon is a mapping of category to a list of words; see {STOP_WORDS}")
    wanted = list(data) if categories is None else list(categories)
    unknown = [c for c in wanted if c not in data]
    if unknown:
        raise ValueError(f"{path}: no stop-word categor{'y' if len(unknown) == 1 else 'ies'} {unknown}; the file has {sorted(data)}")
    words = set()
    for category in wanted:
        words.update(_category_words(path, category, data[category]))
    return tuple(sorted(words))


def _category_words(path: Path, category: str, items) -> list[str]:
    if not isinstance(items, list):
        raise ValueError(f"{path}: category `{category}` must be a list of words")
    for item in items:
        if not isinstance(item, str):
            raise ValueError(
                f"{path}: category `{category}` has {item!r}, not a word (quote yes/no/on/off: YAML reads them as true/false)"
            )
        if item != item.lower() or tokenize(item) != [item] or not is_term(item):
            raise ValueError(f"{path}: category `{category}` has {item!r}: write one lowercase word of two or more letters, digits or inner hyphens")
    return items
