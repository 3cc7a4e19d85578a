"""Answer a question from the index: the one flow the CLI, the Rasa actions and the connectors
share. ``warm_up()`` loads the model and the index once; ``ask()`` is then cheap."""

from __future__ import annotations

from index.answer import (
    EMPTY_QUESTION_TEXT,
    Reply,
    Source,
    answer_text,
    fallback_text,
    passages_to_quote,
    quote_for,
    sources_of,
)
from index.answerability import AnswerabilityModel, features
from index.embedder import Embedder
from index.knowledge import load_documents
from index.retriever import HybridRetriever, Retrieval
from index.store import IndexMissingError, load_index
from index.targets import targets_for_comment
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
        # The numbered targets the report puts up for comment, listed by the help reply.
        self.targets = targets_for_comment(
            [p for d in load_documents(self.settings.knowledge_dir) for p in d.paragraphs]
        )
        self._offsets = data.sentence_offsets
        self._data = data
        self._retriever = HybridRetriever.from_settings(data, self.settings)

    @property
    def retriever(self) -> HybridRetriever:
        if self._retriever is None:
            raise RuntimeError("Assistant.warm_up() must be called before ask()")
        return self._retriever

    def _retrieve(self, text: str) -> tuple[Retrieval, bool]:
        retriever = self.retriever
        vector = self.embedder.encode_queries([retriever.dense_question(text)])[0]
        retrieval = retriever.search(text, vector, self.settings.top_k)
        return retrieval, self.answerability.answerable(features(retrieval))

    def ask(self, question: str) -> Reply:
        """A quoted answer with its section, or a fallback when the report does not say."""
        question = clean_question(question)
        if not tokens(question):
            return Reply("fallback", EMPTY_QUESTION_TEXT)
        retrieval, answerable = self._retrieve(question)
        sources = sources_of(retrieval)
        if not answerable:
            return Reply("fallback", self.fallback, sources)
        quotes = [
            (
                quote_for(retrieval, hit, self._data.sentence_index, self._offsets[hit.index]),
                hit.chunk.section_path,
            )
            for hit in passages_to_quote(retrieval.hits, self.settings.second_passage_margin)
        ]
        return Reply("answer", answer_text(quotes), sources, quotes[0][0])

    def locate(self, text: str) -> Source | None:
        """The passage an opinion is about, or None when the report has nothing on it."""
        text = clean_question(text)
        if not tokens(text):
            return None
        retrieval, answerable = self._retrieve(text)
        return sources_of(retrieval)[0] if answerable else None
