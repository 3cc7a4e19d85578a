"""Answer a question from the index: the one flow the CLI, the Rasa actions and the connectors
share. ``warm_up()`` loads the model and the index once; ``ask()`` is then cheap."""

from __future__ import annotations

from index.answer import (
    EMPTY_QUESTION_TEXT,
    Reply,
    answer_text,
    fallback_text,
    quote_for,
    sources_of,
)
from index.answerability import AnswerabilityModel, features
from index.embedder import Embedder
from index.retriever import HybridRetriever
from index.store import IndexMissingError, load_index
from index.text import clean_question, tokens
from reportbot.settings import Settings


class Assistant:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.embedder = Embedder(settings.embedding_model, settings.query_threads)
        self._retriever: HybridRetriever | None = None

    def warm_up(self) -> None:
        """Load the embedding model and the index (idempotent)."""
        if self._retriever is not None:
            return
        data = load_index(self.settings.index_dir, self.settings.embedding_model)
        try:
            self.answerability = AnswerabilityModel.from_dict(data.answerability)
        except (KeyError, ValueError) as error:
            raise IndexMissingError(
                f"the index at {self.settings.index_dir} has no usable answerability model "
                f"({error}): run `reportbot index build`"
            ) from error
        self.embedder.warm_up()
        self.fallback = fallback_text(data.manifest.get("outline", []))
        self._offsets = data.sentence_offsets
        self._data = data
        self._retriever = HybridRetriever(
            data,
            self.settings.dense_weight,
            self.settings.lexical_weight,
            self.settings.pair_weight,
        )

    @property
    def retriever(self) -> HybridRetriever:
        if self._retriever is None:
            raise RuntimeError("Assistant.warm_up() must be called before ask()")
        return self._retriever

    def ask(self, question: str) -> Reply:
        """A quoted answer with its section, or a fallback when the report does not say."""
        retriever = self.retriever
        question = clean_question(question)
        if not tokens(question):
            return Reply("fallback", EMPTY_QUESTION_TEXT)
        vector = self.embedder.encode_queries([retriever.dense_question(question)])[0]
        retrieval = retriever.search(question, vector, self.settings.top_k)
        sources = sources_of(retrieval)
        if not self.answerability.answerable(features(retrieval)):
            return Reply("fallback", self.fallback, sources)
        top = retrieval.hits[0]
        quote = quote_for(retrieval, self._data.sentence_index, self._offsets[top.index])
        return Reply("answer", answer_text(quote, top.chunk.section_path), sources, quote)
