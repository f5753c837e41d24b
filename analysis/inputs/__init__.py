"""Inputs: corpus files, the speakers file, the project's shared sources; errors that name file and line.

* :mod:`~analysis.inputs.corpus`: :func:`load_corpus` (the documents table), :func:`validate_corpus`;
* :mod:`~analysis.inputs.speakers`: :func:`load_speakers` (who is who);
* :mod:`~analysis.inputs.sources`: :func:`import_shared` (rebuild the shipped corpus);
* :mod:`~analysis.inputs.errors`: :class:`InputError` and one subclass per kind of input.
"""
