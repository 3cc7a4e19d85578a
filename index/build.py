"""Build the index from the knowledge folder: chunk, embed (only what changed), calibrate the
answerability decision, write. Also the checks behind `reportbot index check`."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

import faiss
import numpy as np

from index.answerability import FEATURES, Neighbours, features, fit
from index.cases import load_cases
from index.chunking import Chunk, chunk_paragraphs
from index.embedder import Embedder
from index.knowledge import Document, load_documents
from index.retriever import HybridRetriever
from index.store import (
    FORMAT_VERSION,
    IndexData,
    VectorCache,
    flat_index,
    read_manifest,
    text_key,
    write_index,
)
from index.variants import NAMED_SUFFIX, VARIANT_SUFFIX, chat_variants, named_variants
from reportbot.settings import Settings

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildReport:
    chunks: int
    sentences: int
    embedded: int
    reused: int
    seconds: float
    calibration_balanced_accuracy: float


def _chunks(settings: Settings, documents: list[Document]) -> list[Chunk]:
    paragraphs = [p for d in documents for p in d.paragraphs]
    return chunk_paragraphs(
        paragraphs, settings.chunk_sentences, settings.chunk_overlap, settings.chunk_max_chars
    )


def check_knowledge(settings: Settings) -> list[str]:
    """Problems in the knowledge folder, each saying where it is and what to fix."""
    documents = load_documents(settings.knowledge_dir)
    problems = []
    for doc in documents:
        if not doc.paragraphs:
            problems.append(f"{doc.path}: the document has no text: add paragraphs or remove it")
        for section in doc.sections:
            if section.paragraphs == 0 and section.children == 0:
                problems.append(
                    f"{doc.path}:{section.line}: section '{section.title}' is empty: "
                    "add its text or delete the heading"
                )
    chunks = _chunks(settings, documents)
    for chunk in chunks:
        if len(chunk.text) > settings.chunk_max_chars:
            problems.append(
                f"{chunk.doc}: a sentence of {len(chunk.text)} characters in "
                f"'{chunk.section_path}' exceeds chunk_max_chars={settings.chunk_max_chars}: "
                f"split it (it starts '{chunk.text[:60]}...')"
            )
    for chunk_id, count in Counter(c.chunk_id for c in chunks).items():
        if count > 1:
            chunk = next(c for c in chunks if c.chunk_id == chunk_id)
            problems.append(
                f"{chunk.doc}: the same text appears {count} times in '{chunk.section_path}' "
                f"(duplicate chunk id {chunk_id}): remove the repetition "
                f"('{chunk.text[:60]}...')"
            )
    return problems


class _LazyVectors:
    """Vectors through the cache; the model is loaded only if some text is new."""

    def __init__(self, settings: Settings, cache: VectorCache, progress: Progress) -> None:
        self.settings, self.cache, self.progress = settings, cache, progress
        self.embedder: Embedder | None = None
        self.embedded = self.reused = 0

    def __call__(self, kind: str, texts: list[str]) -> np.ndarray:
        keys = [text_key(kind, self.settings.embedding_model, t) for t in texts]
        found = self.cache.lookup(keys)
        missing = [i for i, v in enumerate(found) if v is None]
        self.reused += len(texts) - len(missing)
        if missing:
            if self.embedder is None:
                self.progress(f"loading embedding model {self.settings.embedding_model}")
                # Building is a batch job: use every core (queries use settings.query_threads).
                self.embedder = Embedder(self.settings.embedding_model, os.cpu_count() or 1)
                self.embedder.warm_up()
            self.progress(f"embedding {len(missing)} new {kind} texts ({len(texts)} in all)")
            encode = (
                self.embedder.encode_queries if kind == "query" else self.embedder.encode_passages
            )
            vectors = encode([texts[i] for i in missing])
            self.cache.add([keys[i] for i in missing], vectors)
            for i, vector in zip(missing, vectors, strict=True):
                found[i] = vector
            self.embedded += len(missing)
        return np.stack(found).astype(np.float32)


def calibrate(
    retriever: HybridRetriever, settings: Settings, vectors: _LazyVectors
) -> tuple[dict, faiss.Index, float]:
    """Fit the answerability model; returns it, the labelled questions' index and the balanced
    accuracy on the fitting questions themselves."""
    # A question about another province is refused by rule (Query.other_place); it would only
    # teach the neighbours that "bao nhiêu xã đạt nông thôn mới" looks off-topic.
    labelled = [
        c
        for path in settings.calibration_cases
        for c in load_cases(path)
        if c.expect in ("answer", "fallback") and not retriever.parse(c.question).other_place
    ]
    cases = labelled + chat_variants(labelled)
    questions = [retriever.parse(c.question) for c in cases]
    query_vectors = vectors("query", [retriever.dense_question(q) for q in questions])
    labels = np.array([c.expect == "answer" for c in cases])
    groups = np.array([c.id.removesuffix(VARIANT_SUFFIX) for c in cases])
    # The written questions are the neighbours; their variants would count each one twice.
    written = np.arange(len(cases)) < len(labelled)
    named = named_variants(labelled)
    named_vectors = vectors(
        "query", [retriever.dense_question(retriever.parse(c.question)) for c in named]
    )
    bank_vectors = np.concatenate([query_vectors[written], named_vectors])
    bank_labels = np.concatenate([labels[written], [c.expect == "answer" for c in named]])
    bank_groups = np.concatenate(
        [groups[written], [c.id.removesuffix(NAMED_SUFFIX) for c in named]]
    )
    neighbours = Neighbours(bank_vectors, bank_labels, bank_groups)
    x = np.stack(
        [
            features(retriever.search(q, v, settings.top_k), neighbours, group)
            for q, v, group in zip(questions, query_vectors, groups, strict=True)
        ]
    )
    model = fit(x, labels)
    predicted = np.array([model.answerable(row, settings.answerable_threshold) for row in x])
    balanced = float((predicted[labels].mean() + (~predicted[~labels]).mean()) / 2)
    summary = model.to_dict() | {"cases": len(cases), "neighbours": bank_labels.tolist()}
    return summary, flat_index(bank_vectors), balanced


def build_index(settings: Settings, progress: Progress = print) -> BuildReport:
    """Build (or incrementally rebuild) the index of the knowledge folder."""
    started = time.perf_counter()
    documents = load_documents(settings.knowledge_dir)
    chunks = _chunks(settings, documents)
    progress(f"{len(documents)} document(s), {len(chunks)} chunks")
    previous = read_manifest(settings.index_dir) or {}
    same_model = previous.get("model") == settings.embedding_model
    cache = VectorCache.load(settings.index_dir) if same_model else VectorCache()
    vectors = _LazyVectors(settings, cache, progress)
    sentences = [s for c in chunks for s in c.unit_texts()]
    chunk_vectors = vectors("passage", [c.embedding_text() for c in chunks])
    sentence_vectors = vectors("passage", sentences)
    manifest = {
        "format_version": FORMAT_VERSION,
        "model": settings.embedding_model,
        "dimension": int(chunk_vectors.shape[1]),
        "normalized": True,
        "chunking": {
            "sentences": settings.chunk_sentences,
            "overlap": settings.chunk_overlap,
            "max_chars": settings.chunk_max_chars,
        },
        "sources": {str(d.path.name): d.sha256 for d in documents},
        "outline": [s.title for d in documents for s in d.sections if s.level == 2],
        "chunk_count": len(chunks),
        "sentence_count": len(sentences),
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    data = IndexData(manifest, chunks, flat_index(chunk_vectors), flat_index(sentence_vectors), {})
    retriever = HybridRetriever.from_settings(data, settings)
    names = ", ".join(path.name for path in settings.calibration_cases)
    progress(f"calibrating the answerability decision on {names} and chat-style variants")
    data.answerability, data.question_index, balanced = calibrate(retriever, settings, vectors)
    manifest["answerability_features"] = list(FEATURES)
    write_index(settings.index_dir, data, cache)
    seconds = time.perf_counter() - started
    progress(
        f"index written to {settings.index_dir}: {len(chunks)} chunks, "
        f"{vectors.embedded} texts embedded, {vectors.reused} reused, {seconds:.1f} s"
    )
    return BuildReport(
        len(chunks), len(sentences), vectors.embedded, vectors.reused, seconds, balanced
    )
