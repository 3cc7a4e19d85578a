"""The two staff roles: reviewers, and reviewers who may also see contact details."""

from __future__ import annotations

REVIEWER = "Cán bộ xử lý góp ý"
CONTACTS = "Cán bộ xử lý góp ý (xem liên hệ)"
ROLES = {"reviewer": REVIEWER, "contacts": CONTACTS}

_REVIEWER_PERMISSIONS = [
    "view_opinion",
    "change_opinion",
    "view_rating",
    "view_unansweredquestion",
]


def ensure_roles(using: str = "default") -> None:
    """Create or update both groups with their permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.using(using).filter(content_type__app_label="opinions")
    reviewer = list(permissions.filter(codename__in=_REVIEWER_PERMISSIONS))
    contacts = reviewer + list(permissions.filter(codename="view_contact"))
    for name, granted in ((REVIEWER, reviewer), (CONTACTS, contacts)):
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(granted)


def add_user(username: str, password: str, role: str, using: str = "default"):
    """A staff account in one role (``reviewer`` or ``contacts``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.auth.password_validation import validate_password

    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    ensure_roles(using)
    users = get_user_model().objects.db_manager(using)
    if users.filter(username=username).exists():
        raise ValueError(f"the account {username!r} exists already: choose another name")
    validate_password(password)
    user = users.create_user(username=username, password=password, is_staff=True)
    user.groups.add(Group.objects.using(using).get(name=ROLES[role]))
    return user
