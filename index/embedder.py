"""Sentence-transformers embeddings for queries and passages.

Construction only stores configuration; ``warm_up()`` loads the model once. Models that define
the prompts ``query`` and ``passage`` (the e5 family) get them; others are used as they are.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class ModelMissingError(RuntimeError):
    """The embedding model folder is missing or unreadable."""


class Embedder:
    def __init__(self, model: str, threads: int = 1, batch_size: int = 32) -> None:
        self.model_name = model
        self.threads = threads
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None

    def warm_up(self) -> None:
        """Load the model (idempotent)."""
        if self._model is not None:
            return
        local = Path(self.model_name)
        if local.is_absolute() or local.exists():
            if not (local / "modules.json").is_file():
                raise ModelMissingError(
                    f"embedding model folder {local} is missing or incomplete: "
                    "run `reportbot model prepare` (or `make run`)"
                )
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(self.threads)
        try:
            self._model = SentenceTransformer(self.model_name, device="cpu")
        except (OSError, ValueError) as error:
            raise ModelMissingError(
                f"cannot load embedding model {self.model_name!r} ({error}): "
                "run `reportbot model prepare --force` for the bundled model"
            ) from error
        self._model.eval()

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            raise RuntimeError("Embedder.warm_up() must be called before encoding")
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def _encode(self, texts: list[str], prompt_name: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prompt = prompt_name if prompt_name in self.model.prompts else None
        vectors = self.model.encode(
            [t.strip() for t in texts],
            prompt_name=prompt,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "query")

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "passage")
