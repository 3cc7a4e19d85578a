"""The index on disk: a FAISS index of chunk vectors, the chunks, sentence vectors, a vector
cache for incremental rebuilds, and a manifest that says what the index was built from.

Layout of the index folder::

    manifest.json     model, dimension, chunking settings, source hashes, counts, build time
    chunks.jsonl      one chunk per line (id, doc, section path, text, sentences)
    chunks.faiss      inner-product FAISS index over normalised chunk vectors
    sentences.faiss   the same over every sentence, in chunk order
    cache.npz         text hash -> vector, so unchanged text is never embedded again
    answerability.json  the calibrated "is this answerable" model
    questions.faiss   the labelled calibration questions it compares a question with

A folder is written next to the old one and swapped in, so readers never see half an index.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from index.chunking import Chunk

FORMAT_VERSION = 3
MANIFEST = "manifest.json"


class IndexMissingError(RuntimeError):
    """The index folder is missing, corrupt or built for another configuration."""


def text_key(kind: str, model: str, text: str) -> str:
    return hashlib.sha1(f"{kind}\x1f{model}\x1f{text}".encode()).hexdigest()


class VectorCache:
    """Vectors by text hash; the hash includes the model name and the text kind."""

    def __init__(self, vectors: dict[str, np.ndarray] | None = None) -> None:
        self.vectors = vectors or {}
        self.used: set[str] = set()

    @classmethod
    def load(cls, folder: Path) -> VectorCache:
        path = folder / "cache.npz"
        if not path.is_file():
            return cls()
        try:
            with np.load(path) as data:
                return cls(dict(zip(data["keys"].tolist(), data["vectors"], strict=True)))
        except (OSError, ValueError, KeyError):
            return cls()  # a damaged cache only costs re-embedding

    def lookup(self, keys: list[str]) -> list[np.ndarray | None]:
        self.used.update(keys)
        return [self.vectors.get(k) for k in keys]

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        self.vectors.update(zip(keys, vectors, strict=True))

    def save(self, folder: Path) -> None:
        keys = sorted(self.used & self.vectors.keys())
        vectors = np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 0))
        np.savez(folder / "cache.npz", keys=np.array(keys), vectors=vectors.astype(np.float32))


def flat_index(vectors: np.ndarray) -> faiss.Index:
    """Exact inner-product search; vectors are L2-normalised, so scores are cosines."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


@dataclass
class IndexData:
    manifest: dict
    chunks: list[Chunk]
    chunk_index: faiss.Index
    sentence_index: faiss.Index
    answerability: dict
    # The calibration questions' vectors, in the order of answerability["neighbours"].
    question_index: faiss.Index | None = None

    @property
    def sentence_offsets(self) -> list[int]:
        """Row of each chunk's first sentence in the sentence index."""
        offsets, row = [], 0
        for chunk in self.chunks:
            offsets.append(row)
            row += len(chunk.sentences)
        return offsets


def write_index(folder: Path, data: IndexData, cache: VectorCache) -> None:
    """Write the index next to ``folder`` and swap it in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    with (staging / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for c in data.chunks:
            record = {
                "chunk_id": c.chunk_id,
                "doc": c.doc,
                "section": list(c.section),
                "text": c.text,
                "sentences": list(c.sentences),
                "item_numbers": list(c.item_numbers),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    faiss.write_index(data.chunk_index, str(staging / "chunks.faiss"))
    faiss.write_index(data.sentence_index, str(staging / "sentences.faiss"))
    if data.question_index is not None:
        faiss.write_index(data.question_index, str(staging / "questions.faiss"))
    cache.save(staging)
    (staging / "answerability.json").write_text(json.dumps(data.answerability, indent=2))
    (staging / MANIFEST).write_text(json.dumps(data.manifest, indent=2, ensure_ascii=False))
    retired = folder.with_name(folder.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if folder.exists():
        folder.rename(retired)
    staging.rename(folder)
    shutil.rmtree(retired, ignore_errors=True)


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def load_index(folder: Path, model: str) -> IndexData:
    """Load an index built with ``model``; fail with the command that fixes it otherwise."""
    fix = "run `reportbot index build` (or `make run`)"
    manifest = read_manifest(folder)
    if manifest is None:
        raise IndexMissingError(
            f"no index at {folder} (manifest.json missing or unreadable): {fix}"
        )
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("model") != model:
        raise IndexMissingError(
            f"the index at {folder} was built with model {manifest.get('model')!r} "
            f"(format {manifest.get('format_version')}), but the configured model is {model!r}: "
            f"{fix}"
        )
    try:
        chunks = []
        with (folder / "chunks.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                r = json.loads(line)
                chunks.append(
                    Chunk(
                        r["chunk_id"],
                        r["doc"],
                        tuple(r["section"]),
                        r["text"],
                        tuple(r["sentences"]),
                        tuple(r["item_numbers"]),
                    )
                )
        chunk_index = faiss.read_index(str(folder / "chunks.faiss"))
        sentence_index = faiss.read_index(str(folder / "sentences.faiss"))
        answerability = json.loads((folder / "answerability.json").read_text())
        question_index = faiss.read_index(str(folder / "questions.faiss"))
    except (OSError, ValueError, KeyError, RuntimeError) as error:
        raise IndexMissingError(f"the index at {folder} is damaged ({error}): {fix}") from error
    sentences = sum(len(c.sentences) for c in chunks)
    if len(chunks) != chunk_index.ntotal or sentences != sentence_index.ntotal:
        raise IndexMissingError(f"the index at {folder} is inconsistent: {fix}")
    return IndexData(manifest, chunks, chunk_index, sentence_index, answerability, question_index)
