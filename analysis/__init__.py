"""Speaker-attributed statements, framing and theme analysis of diplomatic texts.

Modules (import what you need; nothing happens at import time):

* :mod:`analysis.corpus` — ``load_corpus``: corpus files to the documents table;
* :mod:`analysis.speakers` — ``load_speakers``: who is who (``corpus/speakers.yaml``);
* :mod:`analysis.attribution` — ``attribute_statements``: documents to the statements table;
* :mod:`analysis.figures` — ``FigureWriter`` and ``run_notebooks``;
* :mod:`analysis.cli` — ``python -m analysis``.
"""
