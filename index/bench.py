"""Benchmarks (JSON, not tests): warm `ask` latency, cold index build, incremental rebuild."""

from __future__ import annotations

import dataclasses
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from index.assistant import Assistant
from index.build import build_index
from index.cases import load_cases
from index.knowledge import load_documents
from reportbot.settings import Settings


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(ask: Callable[[str], object], cases_path: Path, rounds: int = 3) -> dict:
    """Milliseconds per call of ``ask`` over the questions (answer and fallback cases) of the case
    file, after one warm-up; opinions are left out so that benchmarks store nothing."""
    questions = [c.question for c in load_cases(cases_path) if c.expect in ("answer", "fallback")]
    ask(questions[0])
    timings = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            ask(question)
            timings.append((time.perf_counter() - started) * 1000)
    return {
        "questions": len(questions),
        "runs": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(_percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
    }


def build_times(settings: Settings) -> dict:
    """Cold build into an empty folder, then a rebuild after editing one paragraph."""
    with tempfile.TemporaryDirectory(prefix="reportbot-bench-") as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(settings.knowledge_dir, knowledge)
        local = dataclasses.replace(
            settings, knowledge_dir=knowledge, index_dir=Path(tmp) / "index"
        )
        silent = lambda _message: None  # noqa: E731
        cold = build_index(local, silent)
        document = load_documents(knowledge)[0].path
        text = document.read_text(encoding="utf-8")
        paragraph = next(p for p in text.split("\n\n") if len(p) > 200 and not p.startswith("#"))
        document.write_text(text.replace(paragraph, paragraph + " (đã sửa)", 1), encoding="utf-8")
        incremental = build_index(local, silent)
    return {
        "cold_build_s": round(cold.seconds, 2),
        "cold_embedded": cold.embedded,
        "incremental_build_s": round(incremental.seconds, 2),
        "incremental_embedded": incremental.embedded,
        "incremental_reused": incremental.reused,
    }


def run_benchmarks(settings: Settings, cases_path: Path) -> dict:
    assistant = Assistant(settings)
    assistant.warm_up()
    return {
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "cpu_count": os.cpu_count(),
        "ask": latency(assistant.ask, cases_path),
        "build": build_times(settings),
    }


def run_rest_benchmark(ask: Callable[[str], object], cases_path: Path) -> dict:
    """End-to-end latency through the running assistant's REST channel, one user."""
    return {
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "cpu_count": os.cpu_count(),
        "rest": latency(ask, cases_path),
    }
