"""Decide whether the report answers a question, with a model calibrated on labelled questions.

e5 cosines sit in a narrow band for on- and off-topic questions alike, so a raw cosine threshold
cannot tell them apart. The decision uses features that compare the best passage with the rest
of the corpus and with the question's words, combined by a logistic regression fitted on
``eval/calibration.yaml`` (never on the sets we report on) at index build time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.retriever import Retrieval

BALANCED_THRESHOLD = 0.5

FEATURES = (
    "dense_top",
    "dense_margin",
    "word_coverage",
    "pair_coverage",
    "best_word_coverage",
    "unknown_word_share",
    "unknown_year",
    "period_conflict",
)


def features(retrieval: Retrieval) -> np.ndarray:
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
            float(retrieval.period_conflict),
        ],
        dtype=np.float64,
    )


@dataclass(frozen=True)
class AnswerabilityModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, x: np.ndarray) -> float:
        z = float(((x - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + np.exp(-z))

    def answerable(self, x: np.ndarray) -> bool:
        return self.probability(x) >= self.threshold

    def to_dict(self) -> dict:
        return {
            "features": list(FEATURES),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
            "threshold": self.threshold,
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
            float(data["threshold"]),
        )


def fit(x: np.ndarray, answerable: np.ndarray) -> AnswerabilityModel:
    """Fit the logistic regression with balanced class weights; its 0.5 probability is then the
    decision that weighs a wrongly refused question and a wrongly answered one alike. (Searching
    the threshold of best balanced accuracy on the same questions moved with every small change
    of the calibration set; docs/retrieval.md has the figures.)"""
    from sklearn.linear_model import LogisticRegression

    if answerable.all() or not answerable.any():
        raise ValueError("calibration needs both answerable and unanswerable questions")
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    regression = LogisticRegression(C=1.0, class_weight="balanced")
    regression.fit((x - mean) / scale, answerable)
    return AnswerabilityModel(
        mean, scale, regression.coef_[0], float(regression.intercept_[0]), BALANCED_THRESHOLD
    )
