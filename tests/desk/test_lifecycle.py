"""The ticket state machine: what may move where, and who may move it."""

from __future__ import annotations

from itertools import pairwise

import pytest

from desk.errors import TransitionRefused
from desk.lifecycle import TRANSITIONS, allowed_targets, check_transition
from desk.types import Role, TicketStatus
from texts import t


def test_agent_can_work_a_ticket_from_new_to_resolved() -> None:
    path = [
        TicketStatus.NEW,
        TicketStatus.IN_PROGRESS,
        TicketStatus.PENDING,
        TicketStatus.IN_PROGRESS,
        TicketStatus.RESOLVED,
    ]

    for current, target in pairwise(path):
        check_transition(current, target, Role.AGENT)


def test_closed_ticket_cannot_be_resolved_again() -> None:
    with pytest.raises(TransitionRefused) as refused:
        check_transition(TicketStatus.CLOSED, TicketStatus.RESOLVED, Role.ADMIN)

    assert "cannot go from closed to resolved" in str(refused.value)
    assert refused.value.text_key == "error.transition_impossible"
    shown = t(refused.value.text_key, "id", **refused.value.params)
    assert "closed" in shown and "resolved" in shown


def test_requester_may_withdraw_only_before_work_starts() -> None:
    check_transition(TicketStatus.NEW, TicketStatus.CANCELLED, Role.REQUESTER)

    with pytest.raises(TransitionRefused) as refused:
        check_transition(TicketStatus.IN_PROGRESS, TicketStatus.CANCELLED, Role.REQUESTER)

    assert refused.value.text_key == "error.transition_role"
    assert refused.value.params["role"] == "requester"


def test_requester_confirms_or_reopens_a_resolution() -> None:
    assert set(allowed_targets(TicketStatus.RESOLVED, Role.REQUESTER)) == {
        TicketStatus.CLOSED,
        TicketStatus.IN_PROGRESS,
    }


def test_only_managers_reopen_a_closed_ticket() -> None:
    check_transition(TicketStatus.CLOSED, TicketStatus.IN_PROGRESS, Role.COORDINATOR)

    with pytest.raises(TransitionRefused):
        check_transition(TicketStatus.CLOSED, TicketStatus.IN_PROGRESS, Role.AGENT)


def test_no_transition_leaves_a_final_state_except_reopening() -> None:
    leaving_final = {(frm, to) for frm, to in TRANSITIONS if not frm.is_open}

    assert leaving_final == {(TicketStatus.CLOSED, TicketStatus.IN_PROGRESS)}
    assert not any(frm == to for frm, to in TRANSITIONS)
