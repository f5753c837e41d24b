"""Frames: a readable lexicon, frame scores per statement, directed praise, facets and stance.

The frame lexicon is a YAML file (``analysis/lexicons/frames.yaml``; its header documents the
format) that defines each frame by **terms** (phrases matched as written) and **patterns**
(phrases with optional words, word-start wildcards, named lists and bounded gaps). Modules, in
the order data flows:

* :mod:`~analysis.frames.lexicon`: :func:`load_lexicon` reads and checks it (every problem as
  ``file:line: what, what to do``, :class:`analysis.inputs.errors.LexiconError`);
* :mod:`~analysis.frames.patterns`: phrases and patterns to regular expressions;
* :mod:`~analysis.frames.search`: entries found in many statements at once, longest match kept;
* :mod:`~analysis.frames.targets`: who a directed match is about; endorsement versus mention;
* :mod:`~analysis.frames.matching`: :func:`find_frame_matches`, every match (the evidence);
* :mod:`~analysis.frames.context`: :func:`find_context_matches`, a frame's context rule: a short
  thanks or tribute whose object is in the sentences before it (Korean praise);
* :mod:`~analysis.frames.scoring`: :func:`score_frames` adds, per frame, a 0/1 column, the number
  of matches and the matched terms; facet columns; stance; praise targets;
* :mod:`~analysis.frames.evidence`: :func:`compute_praise_matrix` (praiser x target) and
  :func:`find_kwic` (keyword in context).
* :mod:`~analysis.frames.classifier`: :class:`~analysis.frames.classifier.FrameClassifier`, a
  learned frame model stacked on the lexicon's evidence (Korean praise);
* :mod:`~analysis.frames.praise_ko`: the learned Korean praise rule for use, an option beside the
  lexicon (``fit_praise_model_ko``, ``score_praise_ko``); it reads the Korean gold through
  :mod:`analysis.evaluation_ko`, so it is imported from its module, not from here.

Agreement with the hand-coded gold is in :mod:`analysis.evaluation`; the praise matrix plot in
:mod:`analysis.plots.frames`. Frames read the statements' ``voice`` column (computed once by
:func:`analysis.statements.attribute_statements`) for "we"/"our" targets.
"""

from .context import CONTEXT_COLUMNS, find_context_matches
from .evidence import compute_praise_matrix, find_kwic
from .lexicon import FRAMES_LEXICON, NAMED_FRAMES, Frame, Lexicon, load_lexicon
from .matching import MATCH_COLUMNS, find_frame_matches
from .patterns import Entry, compile_phrase
from .scoring import add_stance_indicators, score_frames


__all__ = [
    "CONTEXT_COLUMNS",
    "FRAMES_LEXICON",
    "MATCH_COLUMNS",
    "NAMED_FRAMES",
    "Entry",
    "Frame",
    "Lexicon",
    "add_stance_indicators",
    "compile_phrase",
    "compute_praise_matrix",
    "find_context_matches",
    "find_frame_matches",
    "find_kwic",
    "load_lexicon",
    "score_frames",
]
