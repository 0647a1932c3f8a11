"""Shared by the report commands (a leading underscore: not a command itself)."""


class Beheerder:
    """A command runs with shell access to the whole database: it sees every area."""

    is_authenticated = is_active = is_superuser = True
    rol = gemeente_id = provincie_id = None
    pk = None

    def get_username(self) -> str:
        return ""
