"""Decide whether the report answers a question, with a model calibrated on labelled questions.

e5 cosines sit in a narrow band for on- and off-topic questions alike, so a raw cosine threshold
cannot tell them apart. The decision uses features that compare the best passage with the rest
of the corpus and with the question's words, and how much closer the question is to labelled
answerable questions than to labelled off-topic ones (its neighbours), combined by a logistic
regression fitted on the calibration sets and their chat-style variants (never on the sets we
report on) at index build time. docs/retrieval.md has the measurements.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.retriever import Retrieval

FEATURES = (
    "dense_top",
    "dense_margin",
    "word_coverage",
    "pair_coverage",
    "best_word_coverage",
    "unknown_word_share",
    "unknown_year",
    "neighbour_margin",
)
NEIGHBOURS = 3


@dataclass(frozen=True)
class Neighbours:
    """Labelled questions (unit vectors) a new question is compared with."""

    vectors: np.ndarray
    answerable: np.ndarray  # bool per row
    groups: np.ndarray | None = None  # per row, the case it was made from (for leave-one-out)

    def margin(self, query_vector: np.ndarray, exclude_group: str | None = None) -> float:
        """Mean cosine of the nearest answerable questions minus that of the nearest off-topic
        ones; at fitting time a question's own group is left out."""
        similarity = self.vectors @ query_vector
        if exclude_group is not None and self.groups is not None:
            similarity = np.where(self.groups == exclude_group, -1.0, similarity)
        near = [
            np.sort(similarity[self.answerable == label])[-NEIGHBOURS:].mean()
            for label in (True, False)
        ]
        return float(near[0] - near[1])


def features(
    retrieval: Retrieval, neighbours: Neighbours, exclude_group: str | None = None
) -> np.ndarray:
    """The decision's inputs for one retrieval."""
    dense = retrieval.dense_scores
    top = retrieval.hits[0].index
    best_word = max(float(retrieval.word_coverage[h.index]) for h in retrieval.hits[:3])
    return np.array(
        [
            float(dense[top]),
            float(dense.max() - np.median(dense)),
            float(retrieval.word_coverage[top]),
            float(retrieval.pair_coverage[top]),
            best_word,
            retrieval.unknown_word_share,
            float(retrieval.unknown_year),
            neighbours.margin(retrieval.query_vector, exclude_group),
        ],
        dtype=np.float64,
    )


@dataclass(frozen=True)
class AnswerabilityModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, x: np.ndarray) -> float:
        z = float(((x - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + np.exp(-z))

    def answerable(self, x: np.ndarray, threshold: float) -> bool:
        """Whether to answer: ``threshold`` is ``settings.answerable_threshold``."""
        return self.probability(x) >= threshold

    def to_dict(self) -> dict:
        return {
            "features": list(FEATURES),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: dict) -> AnswerabilityModel:
        if data.get("features") != list(FEATURES):
            raise ValueError("answerability model was fitted on other features")
        return cls(
            np.array(data["mean"]),
            np.array(data["scale"]),
            np.array(data["coef"]),
            float(data["intercept"]),
        )


def fit(x: np.ndarray, answerable: np.ndarray) -> AnswerabilityModel:
    """Fit the logistic regression with balanced class weights. Where on its probability to
    answer is ``settings.answerable_threshold``, chosen on the trade-off curve
    (docs/retrieval.md)."""
    from sklearn.linear_model import LogisticRegression

    if answerable.all() or not answerable.any():
        raise ValueError("calibration needs both answerable and unanswerable questions")
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    regression = LogisticRegression(C=1.0, class_weight="balanced")
    regression.fit((x - mean) / scale, answerable)
    return AnswerabilityModel(mean, scale, regression.coef_[0], float(regression.intercept_[0]))
