"""`reportbot migrate`, `reportbot feedback replay | export` and `reportbot staff [add-user]`."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reportbot.settings import Settings


def _progress(message: str) -> None:
    print(f"[reportbot] {message}", file=sys.stderr, flush=True)


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    from bot.feedback_store import migrate

    migrate(settings.feedback_database_url, verbosity=1 if args.verbose else 0)
    _progress(f"feedback database up to date ({settings.feedback_database_url})")
    return 0


def cmd_replay(settings: Settings, args: argparse.Namespace) -> int:
    from bot.feedback_store import FeedbackStore

    handled = FeedbackStore.from_settings(settings).replay()
    _progress(f"{handled} spooled opinion(s) replayed from {settings.feedback_spool}")
    return 0


def _day_start(day: date) -> datetime:
    from django.conf import settings as django_settings

    return datetime.combine(day, time.min, tzinfo=ZoneInfo(django_settings.TIME_ZONE))


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    """Every opinion (with contacts: this is the operator's own machine) in a date range."""
    import staff

    staff.setup()
    from staff.opinions import export
    from staff.opinions.models import Opinion

    rows = Opinion.objects.select_related("reviewed_by").order_by("created_at", "id")
    if args.since:
        rows = rows.filter(created_at__gte=_day_start(args.since))
    if args.until:  # inclusive: the whole of that day
        rows = rows.filter(created_at__lt=_day_start(args.until + timedelta(days=1)))
    if args.format == "xlsx":
        if not args.out:
            raise ValueError("XLSX is binary: name a file with --out FILE.xlsx")
        with open(args.out, "wb") as handle:
            handle.write(export.to_xlsx(rows, with_contact=True))
    elif args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            handle.write(export.to_csv(rows, with_contact=True))
    else:
        sys.stdout.write(export.to_csv(rows, with_contact=True))
    return 0


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    """The staff pages' server time over 10,000 opinions, in a fresh process and database."""
    import subprocess

    command = [sys.executable, "-m", "staff.bench", "--opinions", str(args.opinions)]
    if args.database_url:
        command += ["--database-url", args.database_url]
    return subprocess.run(command, check=False).returncode


def cmd_staff(settings: Settings, args: argparse.Namespace) -> int:
    from staff.server import serve

    serve(settings, _progress)
    return 0


def cmd_add_user(settings: Settings, args: argparse.Namespace) -> int:
    import staff

    staff.setup()
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from bot.feedback_store import migrate
    from staff.opinions.roles import add_user

    migrate(settings.feedback_database_url)
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass()
    try:
        with translation.override("en"):  # the operator reads English
            add_user(args.username, password, args.role)
    except ValidationError as error:
        raise ValueError("the password is too weak: " + " ".join(error.messages)) from error
    _progress(f"account {args.username!r} created with role {args.role!r}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    migrate = commands.add_parser("migrate", help="create or update the feedback database")
    migrate.add_argument("--verbose", action="store_true")
    migrate.set_defaults(run=cmd_migrate)

    feedback = commands.add_parser("feedback", help="the citizens' opinions").add_subparsers(
        dest="action", required=True
    )
    feedback.add_parser("replay", help="move spooled opinions into the database").set_defaults(
        run=cmd_replay
    )
    export = feedback.add_parser("export", help="opinions as CSV (stdout by default) or XLSX")
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    export.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
    export.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD")
    export.add_argument("--out", metavar="FILE")
    export.set_defaults(run=cmd_export)
    bench = feedback.add_parser("bench", help="staff pages over 10,000 opinions (JSON)")
    bench.add_argument("--opinions", type=int, default=10_000)
    bench.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    bench.set_defaults(run=cmd_bench)

    site = commands.add_parser("staff", help="serve the staff site (REPORTBOT_STAFF_PORT)")
    site.set_defaults(run=cmd_staff)
    accounts = site.add_subparsers(dest="action")
    add = accounts.add_parser("add-user", help="create a staff account")
    add.add_argument("username")
    add.add_argument("--role", choices=["reviewer", "contacts"], required=True,
                     help="contacts: may also see citizens' contact details")  # fmt: skip
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(run=cmd_add_user)
