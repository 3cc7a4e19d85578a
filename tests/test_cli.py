"""The `reportbot` console script, run as a citizen or operator would, in a subprocess."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from index.cases import load_cases

pytestmark = pytest.mark.slow

REPORTBOT = Path(sys.executable).with_name("reportbot")
# The project's own reported set: the tests pass in a clone without ../shared.
OWN = Path(__file__).resolve().parents[1] / "eval" / "own.yaml"


def run(settings, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = os.environ | {"REPORTBOT_INDEX_DIR": str(settings.index_dir)} | env
    return subprocess.run(
        [str(REPORTBOT), *args], capture_output=True, text=True, env=environment, timeout=300
    )


def test_ask_json(built_settings):
    result = run(built_settings, "ask", "Tỉnh có bao nhiêu khu công nghiệp?", "--json")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["kind"] == "answer"
    assert "02 khu công nghiệp" in reply["text"]
    assert reply["sources"] and set(reply["sources"][0]) >= {"doc", "section", "chunk_id", "score"}
    assert reply["sources"][0]["doc"] == "report"


def test_ask_plain_text_fallback(built_settings):
    result = run(built_settings, "ask", "Làm hộ chiếu ở đâu?")
    assert result.returncode == 0, result.stderr
    assert "báo cáo không đề cập" in result.stdout


def test_eval_json_on_our_own_set(built_settings):
    result = run(built_settings, "eval", str(OWN), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = Counter(case.expect for case in load_cases(OWN))
    assert report["answer"]["n"] == expected.pop("answer")
    assert report["fallback"]["n"] == expected.pop("fallback")
    # Opinions and small talk need Rasa: skipped in-process, graded only with --via.
    assert report["skipped"] == sum(expected.values()) > 0 and report["intents"] is None
    for key in ("hit_at_1", "hit_at_3", "mrr", "answer_accuracy", "wrongly_refused"):
        assert 0.0 <= report["answer"][key] <= 1.0
    # Floors well below what we measure, to catch a broken pipeline, not to pin a number.
    assert report["answer"]["hit_at_3"] >= 0.85
    assert report["answer"]["answer_accuracy"] >= 0.75
    assert report["fallback"]["accuracy"] >= 0.66
    assert all(set(f) == {"id", "question", "why"} for f in report["failures"])


def test_missing_index_names_the_fix(built_settings, tmp_path):
    result = run(built_settings, "ask", "hộ nghèo", REPORTBOT_INDEX_DIR=str(tmp_path / "none"))
    assert result.returncode == 2
    assert "reportbot index build" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_model_names_the_fix(built_settings, tmp_path):
    result = run(
        built_settings, "ask", "hộ nghèo", REPORTBOT_EMBEDDING_MODEL=str(tmp_path / "no-model")
    )
    assert result.returncode == 2
    assert "reportbot" in result.stderr and "Traceback" not in result.stderr


def test_index_check_ok(built_settings):
    result = run(built_settings, "index", "check")
    assert result.returncode == 0 and "OK" in result.stdout


def test_bad_case_file_is_explained(built_settings, tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("- id: x\n  question: hỏi\n  expect: answer\n", encoding="utf-8")
    result = run(built_settings, "eval", str(cases))
    assert result.returncode == 2
    assert "needs answer_contains" in result.stderr
