"""`reportbot staff`: migrate, collect the static files, serve the site with waitress."""

from __future__ import annotations

from collections.abc import Callable

from reportbot.settings import Settings


def serve(settings: Settings, progress: Callable[[str], None]) -> None:
    import staff

    staff.setup()
    from django.core.management import call_command
    from waitress import serve as waitress_serve

    from bot.feedback_store import migrate

    migrate(settings.feedback_database_url)
    call_command("collectstatic", interactive=False, verbosity=0)
    from staff.wsgi import application  # after collectstatic: whitenoise indexes the files now

    progress(f"staff site: http://{settings.staff_host}:{settings.staff_port}/admin/")
    waitress_serve(application, host=settings.staff_host, port=settings.staff_port, threads=8)
