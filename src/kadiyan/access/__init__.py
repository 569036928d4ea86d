"""Who may see what: agencies, users, roles, sharing rules, victim masking, the audit trail.

Every read for a person goes through a `Viewer` (a principal and the scope its agency and
the sharing rules give it); scope and masking are decided here, once, and nowhere else.
"""

from kadiyan.access.principal import Principal
from kadiyan.access.roles import Permission, Role, permissions_of
from kadiyan.access.scope import Scope, Viewer

__all__ = ["Permission", "Principal", "Role", "Scope", "Viewer", "permissions_of"]
