"""Default locations, in one place: the shipped corpus, speakers, background, lexicons, style, figures, build.

Every default path of the package is defined here; functions take their own paths as arguments
and fall back on these.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BACKGROUND",
    "BUILD",
    "CORPUS",
    "MFA_BACKGROUND",
    "MFA_CORPUS",
    "UN_BACKGROUND",
    "UN_CORPUS",
    "KO_BACKGROUND",
    "KO_CORPUS",
    "CUES",
    "EXECUTED_NOTEBOOKS",
    "FIGURES",
    "FRAMES_LEXICON",
    "FRAMES_LEXICON_KO",
    "GOLD",
    "LEXICONS",
    "NOTEBOOKS",
    "PACKAGE",
    "PROJECT",
    "PROTOCOL_LEXICON",
    "SPEAKERS",
    "STOP_WORDS",
    "STOP_WORDS_KO",
    "STYLE",
]

PACKAGE = Path(__file__).resolve().parent
#: The project folder (the repository), where the corpus, notebooks and figures are.
PROJECT = PACKAGE.parent
CORPUS = PROJECT / "corpus" / "documents"
BACKGROUND = PROJECT / "corpus" / "background"
#: The shipped analysis corpora, one folder each (``CORPUS`` holds them all):
#: the MFA's readouts and press conferences (the Chinese side's own texts, notebooks 01-03) ...
MFA_CORPUS = CORPUS / "mfa"
#: ... and the six parties' UN General Debate speeches (notebook 04).
UN_CORPUS = CORPUS / "un-general-debate"
#: ... and President Moon Jae-in's China- or Peninsula-relevant speeches in Korean (notebook 05).
KO_CORPUS = CORPUS / "rok-president-ko"
#: Their background (reference) corpora for keyness priors.
MFA_BACKGROUND = BACKGROUND / "press-conferences"
UN_BACKGROUND = BACKGROUND / "un-general-debate"
KO_BACKGROUND = BACKGROUND / "rok-president-ko"
SPEAKERS = PROJECT / "corpus" / "speakers.yaml"
NOTEBOOKS = PROJECT / "notebooks"
FIGURES = PROJECT / "figures"
BUILD = PROJECT / "build"
EXECUTED_NOTEBOOKS = BUILD / "notebooks"
GOLD = PROJECT / "tests" / "gold"
LEXICONS = PACKAGE / "lexicons"
CUES = LEXICONS / "cues.yaml"
FRAMES_LEXICON = LEXICONS / "frames.yaml"
#: The Korean frame lexicon: same frames and facets as the English one.
FRAMES_LEXICON_KO = LEXICONS / "frames.ko.yaml"
#: The protocol cues of speeches (courtesies to the Assembly's officers; analysis.statements.protocol).
PROTOCOL_LEXICON = LEXICONS / "protocol.yaml"
STOP_WORDS = LEXICONS / "stopwords.yaml"
STOP_WORDS_KO = LEXICONS / "stopwords.ko.yaml"
STYLE = PACKAGE / "plots" / "diplomacy.mplstyle"
