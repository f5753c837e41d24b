"""Scale: the whole UN General Debate (or any large corpus) on one machine, and past it on Dask.

* :func:`stream_corpus` (``stream.py``): the per-document stages (load, segment, attribute,
  frames, term counts) chunk by chunk, in parallel (joblib or Dask), into Parquet parts;
  resumable (``manifest.py``); :func:`read_stage` / :func:`iter_stage` read them back.
* :class:`ChunkedTfidf` (``terms.py``): TF-IDF from the chunks' term counts, the same vectors as
  :class:`analysis.vectors.StatementVectorizer`.
* :class:`ScalableThemeModel` (``themes.py``): themes with MiniBatchNMF, stability from refits on samples.
* ``members.py``: country-year vectors and every member state's similarity to chosen states.
"""

from ..lazy_imports import attach_lazy_names

# Each name from its module, imported when first asked for (PEP 562): a worker process that runs
# chunks (analysis.scale.chunks) does not import the driver, the vectorizer nor scikit-learn.
_MODULES = {
    "chunks": ("ChunkTask", "TermCounts", "run_chunk"),
    "manifest": ("Manifest",),
    "stream": ("ENGINES", "StreamResult", "iter_stage", "read_stage", "stream_corpus"),
    "terms": ("ChunkedTfidf", "iter_term_counts"),
}

__all__ = [
    "ENGINES",
    "ChunkTask",
    "ChunkedTfidf",
    "Manifest",
    "StreamResult",
    "TermCounts",
    "iter_stage",
    "iter_term_counts",
    "read_stage",
    "run_chunk",
    "stream_corpus",
]


__getattr__, __dir__ = attach_lazy_names(__name__, _MODULES)
