"""NLU cross-validation with Rasa's own `rasa test nlu`, with floors below what we measured
(2 folds, issue 7 data: intent accuracy 0.84, weighted F1 0.83; ask_report recall 0.94;
per-intent F1 in docs/assistant.md), so that a change to
the pipeline or the data that breaks intent recognition fails the suite. Two folds, not three:
with 988 examples three took 24 minutes of a loaded 2-core machine, two 14 (TensorFlow on both
cores)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[2]
RASA = Path(sys.executable).with_name("rasa")


@pytest.fixture(scope="module")
def intent_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("nlu-cv")
    subprocess.run(
        [
            str(RASA), "test", "nlu",
            "--nlu", "bot/data/nlu",
            "--config", "config.yml",
            "--cross-validation", "--folds", "2",
            "--out", str(out),
        ],
        cwd=PROJECT,
        env=os.environ
        | {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_INTRA_OP_PARALLELISM_THREADS": "2",
            "TF_INTER_OP_PARALLELISM_THREADS": "2",
        },
        check=True,
        capture_output=True,
        timeout=2400,
    )  # fmt: skip
    return json.loads((out / "intent_report.json").read_text())


def test_intents_are_recognised_above_the_floor(intent_report):
    assert intent_report["accuracy"] >= 0.72
    assert intent_report["weighted avg"]["f1-score"] >= 0.72


def test_questions_and_opinions_are_told_apart(intent_report):
    assert intent_report["ask_report"]["recall"] >= 0.85
    assert intent_report["give_feedback"]["precision"] >= 0.75


# Per-intent F1 floors, below the figures in docs/assistant.md. The short replies (affirm, deny,
# goodbye, out_of_scope) are left without one: the word rules and the yes/no action cover them.
F1_FLOORS = {
    "ask_report": 0.8,
    "give_feedback": 0.75,
    "request": 0.7,
    "cancel": 0.6,
    "greet": 0.7,
    "thanks": 0.75,
}


def test_every_intent_is_reported_and_the_main_ones_hold_their_floor(intent_report):
    f1 = {
        name: report["f1-score"]
        for name, report in intent_report.items()
        if isinstance(report, dict) and not name.endswith(" avg")
    }
    assert set(F1_FLOORS) <= set(f1)
    assert {name: f1[name] for name in F1_FLOORS if f1[name] < F1_FLOORS[name]} == {}
