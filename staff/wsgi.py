"""WSGI entry point of the staff site (served by waitress, `reportbot staff`)."""

import staff

staff.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
