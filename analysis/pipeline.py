"""The one shared opening: corpus folder -> documents -> statements (-> frame scores).

The command line, the notebooks, the benchmarks and the tests all start here, so the opening
steps (load the corpus, load the speakers, attribute, score) are written once.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from .frames.lexicon import Lexicon, as_lexicon
from .frames.scoring import score_frames
from .inputs.corpus import load_corpus
from .inputs.speakers import SpeakerRegistry, default_speakers_path, load_speakers
from .paths import BACKGROUND, CORPUS, KO_BACKGROUND, KO_CORPUS, MFA_BACKGROUND, MFA_CORPUS, UN_BACKGROUND, UN_CORPUS
from .statements.attribution import attribute_statements

__all__ = ["OpenedCorpus", "default_background", "load_statements", "open_corpus"]


@dataclasses.dataclass(frozen=True, eq=False)
class OpenedCorpus:
    """A corpus opened by :func:`open_corpus`: its documents, speakers and statements tables."""

    documents: pd.DataFrame
    speakers: SpeakerRegistry
    statements: pd.DataFrame
    corpus_dir: Path


def open_corpus(corpus_dir: str | Path | None = None, speakers: SpeakerRegistry | str | Path | None = None) -> OpenedCorpus:
    """Load a corpus folder and its speakers file, and attribute every sentence.

    Parameters
    ----------
    corpus_dir : str or Path, optional
        Default :data:`analysis.paths.CORPUS` (``corpus/documents``).
    speakers : SpeakerRegistry or path, optional
        Default: ``speakers.yaml`` in the corpus folder or its nearest parent.

    Returns
    -------
    OpenedCorpus

    Raises
    ------
    analysis.inputs.errors.InputError
        Listing every problem of the corpus or speakers file as ``file:line: what, what to do``.

    Examples
    --------
    >>> opened = open_corpus("corpus/documents/mfa/seeds")  # doctest: +SKIP
    >>> opened.statements[["speaker", "side", "voice"]].head(2)  # doctest: +SKIP
    """
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else CORPUS
    documents = load_corpus(corpus_dir)
    if not isinstance(speakers, SpeakerRegistry):
        speakers = load_speakers(speakers if speakers is not None else default_speakers_path(corpus_dir))
    return OpenedCorpus(documents, speakers, attribute_statements(documents, speakers), corpus_dir)


def load_statements(
    corpus_dir: str | Path | None = None,
    speakers: SpeakerRegistry | str | Path | None = None,
    *,
    lexicon: Lexicon | str | Path | bool | None = None,
) -> pd.DataFrame:
    """The statements table of a corpus folder; with ``lexicon``, scored by its frames.

    Parameters
    ----------
    corpus_dir, speakers
        As in :func:`open_corpus`.
    lexicon : Lexicon, path, True or None
        None: the statements table (:func:`analysis.statements.attribute_statements`); a lexicon
        (or True for the default one of the documents' language, ``frames.yaml`` or
        ``frames.ko.yaml``): the scored table (:func:`analysis.frames.score_frames`).

    Returns
    -------
    pandas.DataFrame
    """
    opened = open_corpus(corpus_dir, speakers)
    if lexicon is None or lexicon is False:
        return opened.statements
    chosen = as_lexicon(None if lexicon is True else lexicon, language=opened.documents["language"])  # True: the documents' language's
    return score_frames(opened.statements, chosen, speakers=opened.speakers)


def default_background(corpus_dir: str | Path | None) -> Path | None:
    """The background corpus for keyness priors of a shipped corpus, else None (give your own).

    ``corpus/documents/mfa`` (the MFA texts) has the other press conferences,
    ``corpus/background/press-conferences``; ``corpus/documents/un-general-debate`` has the other
    member states' speeches, ``corpus/background/un-general-debate``; the whole of
    ``corpus/documents`` has the whole of ``corpus/background``.

    Examples
    --------
    >>> default_background("elsewhere") is None
    True
    """
    corpus_dir = (Path(corpus_dir) if corpus_dir is not None else CORPUS).resolve()
    for corpus, background in ((CORPUS, BACKGROUND), (MFA_CORPUS, MFA_BACKGROUND), (UN_CORPUS, UN_BACKGROUND), (KO_CORPUS, KO_BACKGROUND)):
        if corpus_dir == corpus.resolve() and background.is_dir():
            return background
    return None
