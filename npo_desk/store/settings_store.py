"""The installation's settings: one ``settings`` row per field of ``domain.settings.Settings``.

Values are JSON. A missing key (a setting added by a newer release) or an unreadable value falls
back to the domain's default for that one field, so a damaged setting never stops the app. A value
written by an older release stays readable: ``delegated_municipalities`` was a list of codes before
delegations had dates, and such a code reads as a delegation from 2000-04-01 (the earliest the law
allows), so no schema change was needed.
Changes are written to the history (``case_id`` None) in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import select

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import check_number_format
from npo_desk.domain.settings import (
    DecisionPeriod,
    DecisionStart,
    Delegation,
    Settings,
    check_delegation,
)
from npo_desk.store import history
from npo_desk.store.database import Store
from npo_desk.store.models import SettingRow
from npo_desk.store.records import HistoryEntry


@dataclass(frozen=True)
class _Codec:
    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(value)
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _period(value: Any) -> DecisionPeriod:
    period = DecisionPeriod(months=value.get("months"), days=value.get("days"))
    if (period.months is None) == (period.days is None):
        raise ValueError(value)
    return period


def _dump_delegation(d: Delegation) -> dict[str, Any]:
    return {"code": d.code, "start": d.start.isoformat(), "end": d.end.isoformat() if d.end else None}


def _load_delegation(value: Any) -> Delegation:
    """One stored delegation: ``{"code", "start", "end"}``, or a bare code as older releases wrote it."""
    if isinstance(value, str):
        return Delegation(value)
    end = value.get("end")
    return Delegation(
        _str(value["code"]), date.fromisoformat(value["start"]), date.fromisoformat(end) if end else None
    )


def _dump_delegations(delegations: frozenset[Delegation]) -> list[dict[str, Any]]:
    return [_dump_delegation(d) for d in sorted(delegations, key=lambda d: (d.code, d.start))]


def _checked_number_format(pattern: str) -> str:
    """A stored 文書番号 pattern the letters can fill (else the default stands in, as for any bad value)."""
    try:
        check_number_format(pattern)
    except InvalidInput as err:
        raise ValueError(pattern) from err
    return pattern


_CODECS: dict[str, _Codec] = {
    "home_authority": _Codec(str, _str),
    "delegated_municipalities": _Codec(_dump_delegations, lambda v: frozenset(map(_load_delegation, v))),
    "decision_period": _Codec(lambda p: {"months": p.months, "days": p.days}, _period),
    "decision_start": _Codec(lambda s: s.value, DecisionStart),
    "extra_closed_days": _Codec(
        lambda ds: sorted(d.isoformat() for d in ds), lambda v: frozenset(map(date.fromisoformat, v))
    ),
    "registration_notice_overdue_days": _Codec(int, _int),
    "annual_report_months": _Codec(int, _int),
    "annual_report_rolls": _Codec(bool, _bool),
    "clerks": _Codec(list, lambda v: tuple(map(_str, v))),
    "authority_name": _Codec(str, _str),
    "head_name": _Codec(str, _str),
    "document_number_format": _Codec(str, lambda v: _checked_number_format(_str(v))),
    "letter_contact": _Codec(str, _str),
    "template_folder": _Codec(str, _str),
}


def load_settings(store: Store) -> Settings:
    """The stored settings; defaults for anything never saved or unreadable."""
    with store.read() as session:
        stored = {row.key: row.value for row in session.scalars(select(SettingRow))}
    values: dict[str, Any] = {}
    for name, codec in _CODECS.items():
        if name in stored:
            try:
                values[name] = codec.load(stored[name])
            except (TypeError, ValueError, AttributeError):
                continue  # the default stands in for a value this version cannot read
    return Settings(**values)


def save_settings(store: Store, settings: Settings, *, who: str) -> None:
    """Store every field of ``settings``; each changed field goes into the history.

    Delegations the law does not allow (a start before 2000-04-01, an end before the start) are
    refused (InvalidInput) whichever window or importer sends them, and so is a 文書番号 pattern the
    letters cannot fill (``domain.letters.check_number_format``)."""
    for delegation in settings.delegated_municipalities:
        check_delegation(delegation)
    check_number_format(settings.document_number_format)
    now = store.now()
    with store.write() as session:
        rows = {row.key: row for row in session.scalars(select(SettingRow))}
        defaults = Settings()
        for field in fields(Settings):
            codec = _CODECS[field.name]
            value = codec.dump(getattr(settings, field.name))
            row = rows.get(field.name)
            previous = row.value if row is not None else codec.dump(getattr(defaults, field.name))
            if row is not None and previous == value:
                continue
            if previous != value:
                old, new = (json.dumps(v, ensure_ascii=False) for v in (previous, value))
                history.record(session, None, now, who, f"settings:{field.name}", old, new)
            if row is None:
                session.add(SettingRow(key=field.name, value=value))
            else:
                row.value = value


def settings_history(store: Store) -> list[HistoryEntry]:
    """Who changed which setting when, newest first."""
    with store.read() as session:
        return history.entries(session, None)
