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
    "CUES",
    "EXECUTED_NOTEBOOKS",
    "FIGURES",
    "FRAMES_LEXICON",
    "GOLD",
    "LEXICONS",
    "NOTEBOOKS",
    "PACKAGE",
    "PROJECT",
    "SPEAKERS",
    "STOP_WORDS",
    "STYLE",
]

PACKAGE = Path(__file__).resolve().parent
#: The project folder (the repository), where the corpus, notebooks and figures are.
PROJECT = PACKAGE.parent
CORPUS = PROJECT / "corpus" / "documents"
BACKGROUND = PROJECT / "corpus" / "background"
SPEAKERS = PROJECT / "corpus" / "speakers.yaml"
NOTEBOOKS = PROJECT / "notebooks"
FIGURES = PROJECT / "figures"
BUILD = PROJECT / "build"
EXECUTED_NOTEBOOKS = BUILD / "notebooks"
GOLD = PROJECT / "tests" / "gold"
LEXICONS = PACKAGE / "lexicons"
CUES = LEXICONS / "cues.yaml"
FRAMES_LEXICON = LEXICONS / "frames.yaml"
STOP_WORDS = LEXICONS / "stopwords.yaml"
STYLE = PACKAGE / "plots" / "diplomacy.mplstyle"
