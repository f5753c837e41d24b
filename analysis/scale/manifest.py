"""What a chunked run has already written: the manifest of an output folder, and the keys of its stages.

A chunked run (:func:`analysis.scale.stream_corpus`) writes one Parquet part per chunk and stage
into an output folder, and ``manifest.json`` beside them. Each part is recorded with a **key**: a
hash of everything it was computed from (the bytes of the chunk's files, the speakers registry,
the lexicon or the analyzer settings, and the source code of the stages). A part whose key is in
the manifest and whose file exists is not computed again; change a document, the speakers file,
the lexicon or the code, and only the parts that depend on it are.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

__all__ = ["MANIFEST", "STAGES", "Manifest", "hash_files", "hash_values"]

#: The manifest's file name in an output folder.
MANIFEST = "manifest.json"
#: The stages of a chunk, in order, each a sub-folder of the output folder.
STAGES = ("documents", "statements", "frames", "terms")
_VERSION = 1


def hash_values(*values) -> str:
    """A short stable hash of values (their ``repr``; bytes as they are).

    Examples
    --------
    >>> hash_values("a", 1) == hash_values("a", 1) != hash_values("a", 2)
    True
    """
    digest = hashlib.blake2b(digest_size=16)
    for value in values:
        data = value if isinstance(value, bytes) else repr(value).encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def hash_files(paths) -> str:
    """A hash of files' names and bytes, in the order given.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = file.write_text("one", encoding="utf-8"); before = hash_files([file])
    >>> _ = file.write_text("two", encoding="utf-8"); before == hash_files([file])
    False
    """
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        path = Path(path)
        digest.update(str(path).encode("utf-8") + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()


class Manifest:
    """The record of the parts an output folder holds (``manifest.json``).

    Parameters
    ----------
    folder : str or Path
        The output folder (created when the manifest is first saved).

    Attributes
    ----------
    chunks : dict
        ``{chunk number: {"keys": {stage: key}, "n_documents": int, "n_statements": int, "doc_ids": [...]}}``.
    n_chunks : int
        Chunks of the last run (parts of higher numbers are stale and not read).

    Examples
    --------
    >>> import tempfile
    >>> manifest = Manifest(tempfile.mkdtemp())
    >>> manifest.is_done(0, "statements", "k1")
    False
    >>> manifest.record(0, {"statements": "k1"}, n_documents=2, n_statements=9, doc_ids=["a", "b"])
    >>> manifest.path(0, "statements").parent.mkdir(parents=True); manifest.path(0, "statements").touch()
    >>> Manifest(manifest.folder).is_done(0, "statements", "k1")
    True
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.chunks: dict[int, dict] = {}
        self.n_chunks = 0
        self._texts: dict[int, str] = {}  # chunk number -> its entry as JSON text in the file (record updates it)
        file = self.folder / MANIFEST
        if file.is_file():
            try:
                content = json.loads(file.read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                raise ValueError(f"{file}: not a manifest ({error.msg}); delete it (every part is then computed again)") from error
            if content.get("version") == _VERSION:
                self.chunks = {int(number): entry for number, entry in content.get("chunks", {}).items()}
                self.n_chunks = int(content.get("n_chunks", 0))

    def path(self, number: int, stage: str, suffix: str = ".parquet") -> Path:
        """The file of a chunk's part: ``<folder>/<stage>/part-NNNNN<suffix>``."""
        return self.folder / stage / f"part-{number:05d}{suffix}"

    def is_done(self, number: int, stage: str, key: str) -> bool:
        """Whether the chunk's part of ``stage`` was written from the inputs that ``key`` names."""
        entry = self.chunks.get(number)
        return bool(entry) and entry.get("keys", {}).get(stage) == key and self.path(number, stage).is_file()

    def record(self, number: int, keys: dict, *, n_documents: int, n_statements: int, doc_ids) -> None:
        """Record a chunk's parts (their keys and counts), and save the manifest."""
        entry = self.chunks.setdefault(number, {"keys": {}})
        entry["keys"].update(keys)
        entry.update(n_documents=int(n_documents), n_statements=int(n_statements), doc_ids=list(doc_ids))
        self._texts.pop(number, None)
        self.save()

    def restart(self, n_chunks: int) -> None:
        """Start a run of ``n_chunks`` chunks: forget the records of chunks past them."""
        self.n_chunks = int(n_chunks)
        self.chunks = {number: entry for number, entry in self.chunks.items() if number < n_chunks}
        self._texts = {number: text for number, text in self._texts.items() if number < n_chunks}
        self.save()

    def save(self) -> None:
        """Write ``manifest.json`` atomically (a run stopped midway leaves the previous one whole)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{MANIFEST}.{os.getpid()}"
        temporary.write_text(self.to_json(), encoding="utf-8")
        os.replace(temporary, self.folder / MANIFEST)

    def to_json(self) -> str:
        """The text of ``manifest.json``: ``json.dumps`` of the manifest with ``indent=1``.

        Each chunk's entry is serialised once, when recorded, not at every save (a run saves
        after every chunk: serialising all of them each time grew with the square of the chunks).

        Examples
        --------
        >>> import json, tempfile
        >>> manifest = Manifest(tempfile.mkdtemp())
        >>> manifest.restart(2)
        >>> manifest.record(1, {"statements": "k"}, n_documents=1, n_statements=3, doc_ids=[["a", "a.txt"]])
        >>> json.loads(manifest.to_json())["chunks"]["1"]["n_statements"]
        3
        """
        if not self.chunks:
            return json.dumps({"version": _VERSION, "n_chunks": self.n_chunks, "chunks": {}}, indent=1)
        for number in self.chunks.keys() - self._texts.keys():
            self._texts[number] = json.dumps(self.chunks[number], indent=1).replace("\n", "\n  ")  # at depth 2 (no raw newline inside a JSON string)
        head = json.dumps({"version": _VERSION, "n_chunks": self.n_chunks}, indent=1)[: -len("\n}")]
        body = ",\n  ".join(f"{json.dumps(str(number))}: {self._texts[number]}" for number in sorted(self.chunks))
        return f'{head},\n "chunks": {{\n  {body}\n }}\n}}'
