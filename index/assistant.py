"""Answer a question from the index: the one flow the CLI, the Rasa actions and the connectors
share. ``warm_up()`` loads the model and the index once; ``ask()`` is then cheap."""

from __future__ import annotations

import re

import numpy as np

from index.answer import (
    EMPTY_QUESTION_TEXT,
    NEEDS_CONTEXT_TEXT,
    Reply,
    Source,
    answer_text,
    fallback_text,
    figure_units,
    passages_to_quote,
    quote_at_length,
    quote_for,
    sources_of,
    widened,
)
from index.answerability import AnswerabilityModel, Neighbours, features
from index.embedder import Embedder
from index.followup import resolve
from index.knowledge import load_documents
from index.period import reports_year
from index.query import (
    LAST_ITEM,
    Query,
    asks_cause,
    asks_when,
    asks_which_day,
    asks_which_place,
    question_part,
)
from index.retriever import Hit, HybridRetriever, Retrieval
from index.store import IndexMissingError, load_index
from index.targets import targets_for_comment
from index.text import clean_question, fold
from reportbot.settings import Settings

# The share of its own words an ambiguous turn's answer must hold (Assistant._best_reading).
OWN_WORDS_SHARE = 0.5
# How much of the best sentence's share of a figure's topic a sentence counting the thing asked
# for must hold (Assistant._gives_asked_figure).
COUNTED_TOPIC_SHARE = 0.5
# Passages of one section quoted at length for "cụ thể hơn".
MORE_DETAIL_PASSAGES = 3


# Openings of a paragraph that point back at the one before it.
_BACK_REFERENCE = re.compile(
    r"^(?:Trước tình hình (?:đó|trên)|Từ đó|Do đó|Vì vậy|Như vậy|Trên cơ sở đó)\b"
)
# A day or month written out: "ngày 15", "tháng 10"; a date is one, or a year.
_A_DAY = re.compile(r"\b(?:ngay|thang) \d")
_A_DATE = re.compile(rf"{_A_DAY.pattern}|\b(?:19|20)\d{{2}}\b")
# What a sentence giving a cause says (read with its marks: folded, "do" is also "đó").
_A_CAUSE = re.compile(r"\b(?:nguyên nhân|do|vì|bởi|nhờ)\b")


# What any figure question says besides its topic: the target, the unit, the time ("chỉ tiêu
# kim ngạch xuất khẩu tới năm 2025 là bao nhiêu triệu USD" is about "kim ngạch xuất khẩu").
# "bao nhiêu chỉ tiêu" counts the targets themselves.
_FIGURE_FRAME = re.compile(
    r"\b(?<!bao nhieu )(?<!may )(?:chi tieu|muc tieu)\b"
    r"|\b(?:phan dau|ty le|ti le|phan tram|so luong|trieu|ty dong|usd|toi|den|nam)\b"
)


def _figure_topic(content_words: list[str]) -> list[str]:
    """What a figure is asked about: the words less numbers and the figure's frame, or all of
    them when nothing else is left."""
    words = [w for w in content_words if not w[0].isdigit()]
    topic = _FIGURE_FRAME.sub(" ", " ".join(words)).split()
    return topic or words


# Phrases a unit must hold whole to count them: "trưởng" of "tăng trưởng" folds like "trường"
# (school), so the schools' 80% is no growth rate; health insurance's 95% is no figure of
# social insurance.
_WHOLE_PHRASES = tuple(
    (re.compile(rf"\b{phrase}\b"), phrase.split())
    for phrase in ("tang truong", "bao hiem xa hoi", "bao hiem y te", "bao hiem that nghiep")
)


def _held_whole(topic: list[str], unit: str) -> list[str]:
    """The topic, with each of its whole phrases the unit lacks counted as one missing word."""
    for held, words in _WHOLE_PHRASES:
        if held.search(" ".join(topic)) and not held.search(unit):
            topic = [w for w in topic if w not in words] + ["_".join(words)]
    return topic


def _in_more_detail(hits: list[Hit]) -> list[Hit]:
    """What "cụ thể hơn" quotes at length: the passages of the best one's section first (an
    answer may already show two of them whole), then the next best, three in all."""
    section = hits[0].chunk.section
    same_section = [hit for hit in hits if hit.chunk.section == section]
    others = [hit for hit in hits if hit.chunk.section != section]
    return (same_section + others)[:MORE_DETAIL_PASSAGES]


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
            self.neighbours = Neighbours(
                data.question_index.reconstruct_n(0, data.question_index.ntotal),
                np.array(data.answerability["neighbours"], dtype=bool),
            )
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

    def _retrieve(self, query: Query) -> tuple[Retrieval, bool]:
        retriever = self.retriever
        vector = self.embedder.encode_queries([retriever.dense_question(query)])[0]
        retrieval = retriever.search(query, vector, self.settings.top_k)
        return retrieval, self.answerability.probability(features(retrieval, self.neighbours))

    def ask(self, message: str, previous: str | None = None) -> Reply:
        """A quoted answer with its section, or a fallback when the report does not say.

        ``previous`` is the (resolved) question of the conversation's last answer: a follow-up
        ("còn năm 2025?", "cụ thể hơn") is read together with it. ``Reply.question`` is the
        question this turn was resolved to, for the next turn to follow.
        """
        own_question = question_part(clean_question(message))
        resolved = resolve(own_question, previous)
        if resolved.needs_context:
            return Reply("fallback", NEEDS_CONTEXT_TEXT)
        readings = [resolved.question, resolved.alternative]
        queries = [self.retriever.parse(text) for text in readings if text]
        queries = [query for query in queries if query.words]
        if not queries:
            return Reply("fallback", EMPTY_QUESTION_TEXT)
        query, retrieval, probability = self._best_reading(
            [(q, *self._retrieve(q)) for q in queries], resolved.own
        )
        sources = sources_of(retrieval)
        # A turn read otherwise than typed (with the last answer, or its elliptical core alone)
        # continues a conversation about the report: less evidence is asked of it.
        follows = query.text != own_question
        threshold = (
            self.settings.follow_up_threshold if follows else self.settings.answerable_threshold
        )
        if query.other_place or probability < threshold:
            # The report is Hậu Giang's: it says nothing about Sóc Trăng's poverty rate.
            return Reply("fallback", self.fallback, sources, question=query.text)
        quotable = self._quotable(query, retrieval.hits)
        hits = passages_to_quote(
            quotable,
            self._second_passage_margin(query, quotable),
            self.settings.same_section_margin,
        )
        if resolved.more_detail:
            hits = _in_more_detail(quotable)
            quotes = [(quote_at_length(hit.chunk), hit.chunk.section_path) for hit in hits]
            shown = quotes
        else:
            quotes = [self._quote(retrieval, hit) for hit in hits]
            if len(hits) == 1:
                detail = self._detailed_elsewhere(hits[0], quotes[0][0], quotable)
                hits = hits + detail
                quotes += [self._quote(retrieval, hit) for hit in detail]
            shown = [
                (self._with_antecedent(h, widened(h.chunk, q)), p)
                for h, (q, p) in zip(hits, quotes, strict=True)
            ]
        if not self._gives_what_was_asked(query, message, own_question, hits, quotes):
            return Reply("fallback", self.fallback, sources, question=query.text)
        return Reply("answer", answer_text(shown), sources, shown[0][0], query.text)

    def _with_antecedent(self, hit: Hit, quote: str) -> str:
        """A quote opening with a pointer to the paragraph before ("Trước tình hình đó, tỉnh
        phải ... phát huy lợi thế") after that paragraph, which tells what it points at."""
        if hit.index == 0 or not _BACK_REFERENCE.match(quote):
            return quote
        before = self._data.chunks[hit.index - 1]
        return f"{before.text}\n{quote}" if before.section == hit.chunk.section else quote

    def _second_passage_margin(self, query: Query, hits: list[Hit]) -> float:
        """How close the runner-up must score to be quoted too. Wider where the top passage may
        not be all that was meant: it only sums up (under the strengths, "bảo vệ môi trường ...
        được quan tâm"; "Nhìn chung, ..."), or the question names no period and the two passages
        are one the results and one the plans ("thể thao thành tích cao có gì nổi bật")."""
        settings = self.settings
        margins = [settings.second_passage_margin]
        headings = {heading.lower() for heading in settings.summary_headings}
        top = hits[0].chunk
        if top.heading.lower() in headings or top.text.startswith(settings.summary_openings):
            margins.append(settings.summary_passage_margin)
        retriever = self.retriever
        if (
            len(hits) > 1
            and retriever.period_asked(query) == 0
            and retriever.apart_in_time(hits[0], hits[1])
        ):
            margins.append(settings.untimed_passage_margin)
        return max(margins)

    def _quote(self, retrieval: Retrieval, hit: Hit) -> tuple[str, str]:
        """The sentences of a passage to quote, with its section path."""
        sentence_index, first_row = self._data.sentence_index, self._offsets[hit.index]
        return quote_for(retrieval, hit, sentence_index, first_row), hit.chunk.section_path

    def _detailed_elsewhere(self, top: Hit, quote: str, hits: list[Hit]) -> list[Hit]:
        """The passage that tells with its figures what a summary sentence only names: under
        the limitations, "chỉ tiêu GRDP bình quân đầu người gần đạt Nghị quyết" is told by the
        results ("còn 1 chỉ tiêu gần đạt ... đạt 53 triệu đồng/người"). Empty when ``top`` is
        no such summary or no runner-up in ``hits`` holds enough of its ``quote``'s words."""
        settings = self.settings
        headings = {heading.lower() for heading in settings.detailed_headings}
        if top.chunk.heading.lower() not in headings:
            return []
        words = self.retriever.parse(quote).content_words
        lexical = self.retriever.lexical
        shares = [
            (lexical.share_in(words, fold(hit.chunk.lexical_text())), hit)
            for hit in hits[1 : settings.detail_ranks]
            if hit.chunk.section != top.chunk.section and hit.chunk.heading.lower() not in headings
        ]
        if not shares:
            return []
        share, best = max(shares, key=lambda pair: pair[0])
        return [best] if share >= settings.detail_share else []

    def _quotable(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """The passages that may be quoted: after the first, none under a heading numbered
        otherwise than the item asked for ("giải pháp ... đột phá thứ ba" does not tell more of
        "cái thứ hai")."""
        number = query.item_number
        if number is None or number == LAST_ITEM:
            return hits
        ordinals = self.retriever.heading_ordinals
        return hits[:1] + [hit for hit in hits[1:] if ordinals[hit.index] in (0, number)]

    def _best_reading(
        self, readings: list[tuple[Query, Retrieval, float]], own: str
    ) -> tuple[Query, Retrieval, float]:
        """An ambiguous turn is read both ways: of the readings the report answers, those whose
        best passage holds what the turn names itself; of those, the one answered more surely."""
        best = max(readings, key=lambda reading: reading[2])
        if len(readings) < 2 or not own:
            return best
        words = self.retriever.parse(own).content_words
        holding = [
            (query, retrieval, probability)
            for query, retrieval, probability in readings
            if probability >= self.settings.answerable_threshold
            and self.retriever.lexical.share_in(words, fold(retrieval.hits[0].chunk.lexical_text()))
            >= OWN_WORDS_SHARE
        ]
        return max(holding, key=lambda reading: reading[2]) if holding else best

    def _gives_what_was_asked(
        self,
        query: Query,
        message: str,
        own_question: str,
        hits: list[Hit],
        quotes: list[tuple[str, str]],
    ) -> bool:
        """Whether the quotes give the kind of thing asked for; otherwise they are a related
        passage, not the answer. A number ("hộ nghèo năm 2017 bao nhiêu"), a day ("đại hội khai
        mạc ngày nào": the report dates nothing by the day), a time ("bao giờ xong": a year at
        least), a cause ("nguyên nhân của hạn chế": the report lists limitations, not their
        causes) or named places ("những huyện nào đạt chuẩn": the report counts them), asked in
        the turn itself ("là những huyện nào", "cụ thể giảm bao nhiêu biên chế") or in the
        question it continues."""
        # A turn read as typed is the query itself: only another reading is parsed again.
        asked = query
        if not (query.asks_for_figure or query.counted) and query.text != own_question:
            asked = self.retriever.parse(message)
        asks_figure = asked.asks_for_figure or asked.counted
        if asks_figure and not self._gives_asked_figure(query, asked, hits, quotes):
            return False
        texts = [quote for quote, _ in quotes]
        if (query.asks_which_day or asks_which_day(message)) and not any(
            _A_DAY.search(fold(text)) for text in texts
        ):
            return False
        if (query.asks_when or asks_when(message)) and not any(
            _A_DATE.search(fold(text)) for text in texts
        ):
            return False
        if (query.asks_cause or asks_cause(message)) and not any(
            _A_CAUSE.search(text.lower()) for text in texts
        ):
            return False
        names_place = self.retriever.parser.names_own_place
        return not (query.asks_which_place or asks_which_place(message)) or any(
            names_place(text) for text in texts
        )

    def _gives_asked_figure(
        self, query: Query, asked: Query, hits: list[Hit], quotes: list[tuple[str, str]]
    ) -> bool:
        """Whether the quotes give a number about what was asked (``asked`` is the question
        that asks for it), for the year asked: "dự kiến huy động bao nhiêu" is not answered by a
        list of other targets' figures, nor "giảm bao nhiêu vụ" by "giảm cả 3 tiêu chí"."""
        # A sentence is read under its heading ("Các chỉ tiêu chủ yếu nhiệm kỳ 2020 - 2025").
        units = [
            (fold(unit), fold(f"{path} {unit}"))
            for quote, path in quotes
            for unit in figure_units(quote)
        ]
        if not units:
            return False
        topic = _figure_topic(query.content_words)
        lexical = self.retriever.lexical
        shares = [lexical.share_in(_held_whole(topic, headed), headed) for _, headed in units]
        share = max(shares)
        # "cái thứ hai là gì" after a figure question asks for the item, whatever its figures.
        if query.item_number is None and share < self.settings.figure_topic_share:
            return False
        # A sentence about the topic (near the best) must count the thing asked for: "6,1% số
        # vụ tội phạm" does not count traffic accidents.
        counts = asked.counted is None or any(
            re.search(rf"\b{asked.counted}\b", unit)
            for (unit, _), unit_share in zip(units, shares, strict=True)
            if unit_share >= COUNTED_TOPIC_SHARE * share
        )
        return counts and all(
            any(reports_year(hit.chunk, year) for hit in hits) for year in query.years
        )

    def locate(self, text: str) -> Source | None:
        """The passage an opinion is about, or None when the report has nothing on it."""
        query = self.retriever.parse(text)
        if not query.words:
            return None
        retrieval, probability = self._retrieve(query)
        answerable = probability >= self.settings.answerable_threshold
        return sources_of(retrieval)[0] if answerable else None
