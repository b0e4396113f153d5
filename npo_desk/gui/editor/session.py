"""The case being edited: one immutable ``Case`` draft, its undo stack, and what the domain derives from it.

Every tab reads the draft from here and writes through :meth:`EditorSession.edit`, which pushes an
``EditCaseCommand``; undo/redo swap drafts back. Derived values (facts, law profile, deadlines,
stage) are computed by the domain on demand and cached per draft, so the tabs never disagree and
the editor has no rules of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from npo_desk import refdata
from npo_desk.domain import deadlines, documents, jurisdiction, lifecycle, procedures, profiles, requirements
from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.documents import Attachment
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.jurisdiction import Verdict
from npo_desk.domain.lifecycle import Action, Stage
from npo_desk.domain.municipalities import MunicipalityIndex
from npo_desk.domain.procedures import ProcedureKind
from npo_desk.domain.profiles import LawProfile
from npo_desk.domain.requirements import Finding
from npo_desk.domain.settings import Settings
from npo_desk.gui import clock
from npo_desk.gui.editor.commands import EditCaseCommand
from npo_desk.gui.editor.rebase import merge
from npo_desk.store import Case, facts_of, officer_facts, procedure_facts, with_facts


def tr(text: str) -> str:
    return QCoreApplication.translate("EditorSession", text)


@dataclass(frozen=True)
class Jurisdiction:
    """The live 所轄庁 answer for the offices as typed: a verdict, or why there is none yet."""

    verdict: Verdict | None
    problem: str | None  # the domain's Japanese message (with its suggestion) when no verdict
    office_problems: dict[int, str]  # offices index -> what is wrong with that address
    incomplete: frozenset[int] = frozenset()  # of those, addresses still being typed (a name's prefix)
    resolved: dict[int, str] = field(default_factory=dict)  # offices index -> 「宮崎県日南市」 as understood


class Derived:
    """What the domain says about one draft; built lazily, thrown away with the draft."""

    def __init__(self, case: Case, settings: Settings, index: MunicipalityIndex, today: date) -> None:
        self.case = case
        self.settings = settings
        self.index = index
        self.today = today

    @cached_property
    def facts(self) -> CaseFacts:
        return facts_of(self.case)

    @cached_property
    def profile(self) -> LawProfile:
        return profiles.resolve_profile(self.facts)

    @cached_property
    def deadlines(self) -> dict[DeadlineKey, Deadline]:
        return deadlines.compute_deadlines(self.facts, self.settings)

    @cached_property
    def allowed_actions(self) -> list[Action]:
        return lifecycle.allowed_actions(self.facts, self.settings)

    @cached_property
    def findings(self) -> list[Finding]:
        found = requirements.check_requirements(
            self.case.member_count, officer_facts(self.case.officers), self.case.activity_fields, self.profile
        )
        return [*found, *self.document_findings]

    @cached_property
    def attachments(self) -> tuple[Attachment, ...]:
        """The documents the case's application carries under its law profile (none for a kind that
        has no list). A 定款変更 with no recorded topics lists its conditional documents as such."""
        kind = ProcedureKind(self.case.kind.value)
        return documents.listed_for(kind, self.profile, self.case.articles_topics)

    @cached_property
    def procedure_deadlines(self) -> dict[DeadlineKey, Deadline]:
        """The deadlines of the case's own kind (a 定款変更's 補正 is 25条5項's, read with 10条4項)."""
        return procedures.procedure_deadlines(procedure_facts(self.case), self.settings)

    @cached_property
    def open_deadline_keys(self) -> frozenset[DeadlineKey]:
        """The deadlines of the case's own kind still pending today (for 設立 exactly
        ``deadlines.open_deadlines``: ``open_procedure_deadlines`` hands 設立 to it)."""
        pending = procedures.open_procedure_deadlines(procedure_facts(self.case), self.settings, self.today)
        return frozenset(d.key for d in pending)

    @cached_property
    def correction(self) -> Deadline | None:
        """The 補正 deadline (10条3項/4項, as applied) shown beside missing documents."""
        return documents.correction_for(self.facts, self.procedure_deadlines)

    @cached_property
    def document_findings(self) -> list[Finding]:
        """Missing documents, once the application is received and until it is decided or withdrawn."""
        return documents.case_findings(
            self.attachments, self.case.documents, self.facts, self.procedure_deadlines, self.today
        )

    @cached_property
    def stage(self) -> Stage:
        return lifecycle.stage_of(self.facts, self.settings, self.today)

    @cached_property
    def jurisdiction(self) -> Jurisdiction:
        """Resolve each address first (so the clerk sees which one is wrong), then ask for the verdict."""
        addresses = [office.address.strip() for office in self.case.offices]
        problems: dict[int, str] = {}
        incomplete: set[int] = set()
        resolved: dict[int, str] = {}
        # The law of the day asked about (today; the day an ended case ended), not of the receipt date;
        # addresses are read with that day's names (浜松市中区 until 2023, 旧南郷町 noted after 2009).
        as_of = jurisdiction.verdict_date(self.facts, self.today)
        for i, address in enumerate(addresses):
            if not address:
                continue
            try:
                found = self.index.resolve(address, as_of)
                resolved[i] = found.full_name + (f" {found.former}" if found.former else "")
            except InvalidInput as err:
                problems[i] = str(err)
                if self.index.complete(address, limit=1):
                    incomplete.add(i)
        if not addresses or not addresses[0]:
            return Jurisdiction(
                None,
                tr("主たる事務所の所在地を入力すると、所轄庁を判定します。"),
                problems,
                frozenset(incomplete),
                resolved,
            )
        if problems:
            return Jurisdiction(
                None,
                tr("所在地を確認できない事務所があるため、所轄庁を判定できません。"),
                problems,
                frozenset(incomplete),
                resolved,
            )
        try:
            verdict = jurisdiction.decide_authority(
                [a for a in addresses if a], as_of, self.settings, self.index
            )
        except InvalidInput as err:
            return Jurisdiction(None, str(err), problems, frozenset(incomplete), resolved)
        return Jurisdiction(verdict, None, problems, frozenset(incomplete), resolved)


def remap_activity_fields(
    fields: tuple[int, ...], old: LawProfile, new: LawProfile
) -> tuple[tuple[int, ...], list[str]]:
    """Carry checked fields from ``old``'s numbering to ``new``'s by their current number.

    Returns the new numbers and the names of fields the new profile does not have (dropped).
    """
    by_current = {f.current_number: f.number for f in new.activity_fields}
    kept: list[int] = []
    dropped: list[str] = []
    for number in fields:
        field = next((f for f in old.activity_fields if f.number == number), None)
        if field is None:
            continue
        if field.current_number in by_current:
            kept.append(by_current[field.current_number])
        else:
            dropped.append(field.name)
    return tuple(sorted(set(kept))), dropped


class EditorSession(QObject):
    """Holds the draft; ``changed`` fires after every edit, undo, redo, load and save."""

    changed = Signal()
    notice = Signal(str)  # a one-line remark for the status bar (e.g. activity fields dropped)

    def __init__(
        self,
        case: Case,
        settings: Settings,
        index: MunicipalityIndex | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._case = case
        self.base = case  # the case as last loaded or saved: what the unsaved edits started from
        self.last_notice = ""  # the remark of the latest edit (also sent through ``notice``)
        self.settings = settings
        self.index = index if index is not None else refdata.municipality_index()
        self.undo_stack = QUndoStack(self)
        self._derived = self._derive(case)

    # --- state -------------------------------------------------------------------------------
    @property
    def case(self) -> Case:
        return self._case

    @property
    def derived(self) -> Derived:
        return self._derived

    def set_case(self, case: Case) -> None:
        """Show ``case`` (used by the undo commands; edits go through :meth:`edit`)."""
        self._case = case
        self._derived = self._derive(case)
        self.changed.emit()

    def set_settings(self, settings: Settings) -> None:
        """New installation settings: deadlines, verdicts and stages are derived afresh."""
        self.settings = settings
        self.set_case(self._case)

    def refresh_today(self) -> None:
        """The day changed while the window stayed open: re-derive the stage and the today marker."""
        self.set_case(self._case)

    def _derive(self, case: Case) -> Derived:
        return Derived(case, self.settings, self.index, clock.today())

    def reset(self, case: Case) -> None:
        """A freshly saved (or reloaded) case: nothing to undo any more."""
        self.base = case
        self.undo_stack.clear()
        self.set_case(case)
        self.undo_stack.setClean()

    # --- editing -----------------------------------------------------------------------------
    def edit(self, text: str, merge_key: str | None = None, **changes: Any) -> None:
        """Change fields of the draft as one undoable step (typing in one field merges)."""
        self.replace_case(text, replace(self._case, **changes), merge_key)

    def edit_facts(self, text: str, facts: CaseFacts, merge_key: str | None = None) -> None:
        self.replace_case(text, with_facts(self._case, facts), merge_key)

    def replace_case(self, text: str, after: Case, merge_key: str | None = None) -> None:
        self.last_notice = ""
        after = self._follow_profile(after)
        if after == self._case:
            return
        self.undo_stack.push(EditCaseCommand(self, text, self._case, after, merge_key))

    def apply_action(self, action: Action, on: date) -> None:
        """Take a stage action on ``on``; ``InvalidInput`` (with the reason) leaves the draft alone."""
        facts = lifecycle.apply_action(
            self._derived.facts, action, on, self.settings, today=self._derived.today
        )
        label = lifecycle.ACTION_LABELS[action]
        self.edit_facts(label, facts)

    def rebase(self, latest: Case) -> list[str]:
        """Put the unsaved edits on top of ``latest`` (saved elsewhere meanwhile); returns the conflicts.

        Afterwards ``latest`` is the clean state and the carried-over edits are one undoable step.
        """
        merged, conflicts = merge(self.base, self._case, latest)
        self.reset(latest)
        self.replace_case(tr("この画面での変更を最新の内容に反映"), merged)
        return conflicts

    def correct_action(self, action: Action, on: date | None) -> None:
        """Re-date (``on``) or take back (None) the last recorded stage action, checked like a new one."""
        field = lifecycle.ACTION_FIELDS[action]
        change: dict[str, Any] = {field: None}
        without = replace(self._derived.facts, **change)
        facts = (
            without
            if on is None
            else lifecycle.apply_action(without, action, on, self.settings, today=self._derived.today)
        )
        label = lifecycle.ACTION_LABELS[action]
        self.edit_facts(
            tr("{label}の訂正").format(label=label) if on else tr("{label}の取消し").format(label=label),
            facts,
        )

    def last_action(self) -> Action | None:
        """The stage action recorded last (by date, then procedure order): the one that may be corrected."""
        facts = self._derived.facts
        done = [
            (day, i, action)
            for i, (action, field) in enumerate(lifecycle.ACTION_FIELDS.items())
            if (day := getattr(facts, field)) is not None
        ]
        return max(done)[2] if done else None

    def _follow_profile(self, after: Case) -> Case:
        """When an edit changes the law profile, carry the checked activity fields over to it."""
        before_profile = self._derived.profile
        after_profile = profiles.resolve_profile(facts_of(after))
        if after_profile.id == before_profile.id or not after.activity_fields:
            return after
        if after.activity_fields != self._case.activity_fields:
            return after  # the edit itself chose fields for its profile
        fields, dropped = remap_activity_fields(after.activity_fields, before_profile, after_profile)
        if dropped:
            self.last_notice = tr("法令の版が変わったため、次の活動分野を外しました: {names}").format(
                names="、".join(dropped)
            )
            self.notice.emit(self.last_notice)
        return replace(after, activity_fields=fields)
