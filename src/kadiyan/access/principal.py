"""The person (or process) a request acts for."""

from __future__ import annotations

from dataclasses import dataclass, field

from kadiyan.access.roles import Permission, Role, permissions_of


@dataclass(frozen=True, slots=True)
class Principal:
    """A user of one agency with roles; `system` is the local operator of the command line.

    The command line runs on the machine that holds the database, with its owner's rights,
    so it sees everything; every person reaching the app over HTTP is a user.
    """

    username: str
    agency: str
    roles: frozenset[Role]
    user_id: int | None = None
    system: bool = False
    permissions: frozenset[Permission] = field(init=False)

    def __post_init__(self) -> None:
        granted = frozenset(Permission) if self.system else permissions_of(self.roles)
        object.__setattr__(self, "permissions", granted)

    def can(self, permission: Permission) -> bool:
        """Whether any of the principal's roles grants `permission`."""
        return permission in self.permissions


def system_principal(username: str = "cli") -> Principal:
    """The local operator: every permission, every agency's records, unmasked."""
    return Principal(username=username, agency="", roles=frozenset(), system=True)
