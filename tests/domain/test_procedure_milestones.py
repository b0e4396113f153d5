"""Milestone names per kind and the renewal's previous expiry, which lies ahead (51条3項)."""

from __future__ import annotations

from datetime import date

import pytest

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.procedures import (
    _KIND_MILESTONE_LABELS,
    KINDS,
    MILESTONE_LABELS,
    Milestone,
    ProcedureFacts,
    ProcedureKind,
    check_procedure,
    milestone_label,
)

TODAY = date(2026, 12, 2)


def test_every_kind_names_its_own_milestones() -> None:
    """A 認定 (44条) is granted as 「認定」, not 「認証」; a 定款変更's registration is 「変更の登記」."""
    assert milestone_label(ProcedureKind.ACCREDITATION, Milestone.CERTIFIED) == "認定"
    assert milestone_label(ProcedureKind.ACCREDITATION_RENEWAL, Milestone.CERTIFIED) == "更新"
    assert milestone_label(ProcedureKind.ARTICLES_AMENDMENT, Milestone.REGISTERED) == "変更の登記"
    assert milestone_label(ProcedureKind.ARTICLES_AMENDMENT, Milestone.CERTIFIED) == "認証"
    for (kind, milestone), label in _KIND_MILESTONE_LABELS.items():
        assert milestone in KINDS[kind].milestones, (kind, milestone)  # no name for an unused milestone
        assert label and label != MILESTONE_LABELS[milestone]
    for kind, spec in KINDS.items():
        labels = [milestone_label(kind, m) for m in spec.milestones]
        assert len(set(labels)) == len(labels), kind  # the editor's rows can be told apart


def test_a_renewal_is_recorded_before_the_previous_validity_ends() -> None:
    """51条3項: the renewal is applied for 6 to 3 months before the previous 有効期間 ends, so that
    end is ahead of today when the application is received; any other fact after today is refused."""
    renewal = ProcedureFacts(
        ProcedureKind.ACCREDITATION_RENEWAL,
        {Milestone.PREVIOUS_EXPIRY: date(2027, 5, 1), Milestone.RECEIVED: date(2026, 12, 1)},
    )
    check_procedure(renewal, TODAY)
    ahead = ProcedureFacts(
        ProcedureKind.ACCREDITATION_RENEWAL,
        {Milestone.PREVIOUS_EXPIRY: date(2027, 5, 1), Milestone.RECEIVED: date(2026, 12, 3)},
    )
    with pytest.raises(InvalidInput, match="まだ起きていないこと"):
        check_procedure(ahead, TODAY)
