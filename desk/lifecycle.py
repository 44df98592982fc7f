"""The ticket lifecycle as one explicit state machine.

Each allowed move names the roles that may make it. Anything not listed is refused with a
`TransitionRefused` that says why, so handlers never decide lifecycle rules themselves.
"""

from __future__ import annotations

from desk.errors import TransitionRefused
from desk.types import Role, TicketStatus

S = TicketStatus
STAFF = frozenset({Role.AGENT, Role.COORDINATOR, Role.ADMIN})
MANAGERS = frozenset({Role.COORDINATOR, Role.ADMIN})

TRANSITIONS: dict[tuple[TicketStatus, TicketStatus], frozenset[Role]] = {
    (S.NEW, S.ASSIGNED): STAFF | {Role.SYSTEM},
    (S.NEW, S.IN_PROGRESS): STAFF,
    (S.NEW, S.CANCELLED): MANAGERS | {Role.REQUESTER, Role.AGENT},
    (S.ASSIGNED, S.IN_PROGRESS): STAFF | {Role.SYSTEM},
    (S.ASSIGNED, S.PENDING): STAFF,
    (S.ASSIGNED, S.RESOLVED): STAFF,
    (S.ASSIGNED, S.CANCELLED): MANAGERS | {Role.REQUESTER, Role.AGENT},
    (S.IN_PROGRESS, S.PENDING): STAFF,
    (S.IN_PROGRESS, S.RESOLVED): STAFF,
    (S.IN_PROGRESS, S.CANCELLED): STAFF,
    (S.PENDING, S.IN_PROGRESS): STAFF | {Role.REQUESTER, Role.SYSTEM},
    (S.PENDING, S.RESOLVED): STAFF,
    (S.PENDING, S.CANCELLED): STAFF,
    (S.RESOLVED, S.CLOSED): STAFF | {Role.REQUESTER, Role.SYSTEM},
    (S.RESOLVED, S.IN_PROGRESS): STAFF | {Role.REQUESTER},
    (S.CLOSED, S.IN_PROGRESS): MANAGERS,
}


def allowed_targets(current: TicketStatus, role: Role) -> list[TicketStatus]:
    """Statuses `role` may move a ticket to from `current`, in a stable order."""
    return [to for (frm, to), roles in TRANSITIONS.items() if frm == current and role in roles]


def check_transition(current: TicketStatus, target: TicketStatus, role: Role) -> None:
    """Raise `TransitionRefused` unless `role` may move a ticket from `current` to `target`."""
    roles = TRANSITIONS.get((current, target))
    if roles is None:
        raise TransitionRefused(
            f"a ticket cannot go from {current} to {target}",
            text_key="error.transition_impossible",
            current=current.value,
            target=target.value,
        )
    if role not in roles:
        raise TransitionRefused(
            f"role {role} may not move a ticket from {current} to {target}",
            text_key="error.transition_role",
            current=current.value,
            target=target.value,
            role=role.value,
        )
