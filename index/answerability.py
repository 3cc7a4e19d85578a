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

FEATURES = (
    "dense_top",
    "dense_margin",
    "word_coverage",
    "pair_coverage",
    "best_word_coverage",
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
    """Fit the logistic regression and pick the probability threshold (midway between two fitted
    probabilities) with the best balanced accuracy on the calibration questions (ties go to the lower threshold: refusing a question
    the report answers is the worse mistake)."""
    from sklearn.linear_model import LogisticRegression

    if answerable.all() or not answerable.any():
        raise ValueError("calibration needs both answerable and unanswerable questions")
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    regression = LogisticRegression(C=1.0, class_weight="balanced").fit(z, answerable)
    probabilities = regression.predict_proba(z)[:, 1]
    levels = np.unique(probabilities)
    candidates = np.concatenate(([0.0], (levels[:-1] + levels[1:]) / 2))
    best_threshold, best_score = 0.5, -1.0
    for threshold in candidates:
        predicted = probabilities >= threshold
        score = (predicted[answerable].mean() + (~predicted[~answerable]).mean()) / 2
        if score > best_score + 1e-9:
            best_threshold, best_score = float(threshold), score
    return AnswerabilityModel(
        mean, scale, regression.coef_[0], float(regression.intercept_[0]), best_threshold
    )
