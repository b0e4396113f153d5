"""The open deadlines as an iCalendar file (RFC 5545) for the clerk's Outlook or Thunderbird.

One all-day event per open deadline on the day that counts (``Due.counts``: the law's date, or its last
open day when the law's day is closed, or the clerk's 督促目安); the description names the law's date
(with its closed-day note), the clerk's manual date and the legal basis, so the calendar never shows a
date without the law's beside it.

Importing a newer file updates the events instead of adding copies: each event's UID is fixed by the
office (its municipality code), the case number and the deadline, and every file carries a higher
SEQUENCE and a newer DTSTAMP/LAST-MODIFIED than the one before (minutes of the clock when written). A
deadline no longer open is simply absent from the next file; a file to import cannot delete the event
the earlier one created (that would need the calendar server's METHOD:CANCEL), so the clerk deletes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Calendar, Event

from npo_desk import __version__
from npo_desk.domain.deadlines import Deadline, DeadlineKey
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.settings import Settings
from npo_desk.domain.wareki import format_wareki
from npo_desk.refdata import municipality_index
from npo_desk.reports.layouts import authority_label
from npo_desk.reports.sheets import write_atomically

if TYPE_CHECKING:
    from npo_desk.store import OpenDeadline

PRODID = f"-//npo-desk//npo-desk {__version__}//JA"
_SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def office_id(settings: Settings) -> str:
    """Who wrote the events, for their UIDs: our authority's municipality code (「452041」 for 日南市),
    so two offices' files never share a UID and a respelled 当庁 name keeps it; a name the list does
    not know falls back to a digest of the name."""
    try:
        return municipality_index().resolve_authority(settings.home_authority).code
    except InvalidInput:
        return hashlib.sha256(settings.home_authority.encode()).hexdigest()[:12]


def event_uid(office: str, case_number: str, deadline: Deadline) -> str:
    """The same deadline of the same case gets the same UID in every file, so a re-import updates it
    (a date moved by a new fact or setting moves the event). A case owes a 事業報告書等 every year:
    each year's is its own event (the year its period ends), so filing one does not move it onto the
    next year's."""
    occurrence = str(deadline.key)
    if deadline.key is DeadlineKey.ANNUAL_REPORT_DUE:
        occurrence = f"{deadline.key}-{deadline.unrolled.year}"
    return f"{case_number}-{occurrence}@{office}.npo-desk"


def summary(item: OpenDeadline) -> str:
    """The event's title: 「R8-014 定款変更認証 縦覧期間の末日 (特定非営利活動法人 …)」. The procedure is
    named for every kind, so a 定款変更's 縦覧 never reads as a 設立's in the clerk's calendar."""
    return f"{item.case_number} {item.procedure} {item.due.deadline.label} ({item.case_name})"


def description(item: OpenDeadline, as_of: date) -> str:
    """The event's text: the law's date, the clerk's date (if any), the basis, the case's 担当."""
    due = item.due
    lines = [
        f"{item.case_number} {item.case_name}",
        f"{item.procedure} {due.deadline.label}: {due.date_text()}",
        f"根拠: {due.deadline.basis}",
        *due.manual_details(),
    ]
    if due.deadline.note:
        lines.append(due.deadline.note)
    if item.clerk:
        lines.append(f"担当: {item.clerk}")
    lines.append(f"({format_wareki(as_of)}現在 {due.days_left_text(as_of)}; npo-desk から書き出し)")
    return "\n".join(lines)


def build_calendar(
    lines: Sequence[OpenDeadline], settings: Settings, as_of: date, now: datetime | None = None
) -> Calendar:
    """The calendar of ``lines`` (the dashboard's open deadlines) as of ``as_of``; ``now`` stamps it."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sequence = max(0, int((stamp - _SEQUENCE_EPOCH).total_seconds()) // 60)
    office = office_id(settings)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"NPO法人の期限 ({authority_label(settings)})")
    # What every event shares, encoded once (20,000 events: encoding is most of the time).
    common = Event()
    common.add("dtstamp", stamp)
    common.add("last-modified", stamp)
    common.add("sequence", sequence)
    common.add("categories", ["NPO法人の期限"])
    common.add("transp", "TRANSPARENT")  # a deadline does not make the clerk busy
    common.add("status", "CONFIRMED")
    for item in lines:
        due = item.due
        event = Event()
        event.add("uid", event_uid(office, item.case_number, due.deadline))
        event.update(common)
        event.add("dtstart", due.counts)
        event.add("dtend", due.counts + timedelta(days=1))
        event.add("summary", summary(item))
        event.add("description", description(item, as_of))
        cal.add_component(event)
    return cal


def write_calendar(
    path: Path, lines: Sequence[OpenDeadline], settings: Settings, as_of: date, now: datetime | None = None
) -> Path:
    """Write the calendar to ``path`` atomically and 0600 (it names applicants), CRLF and folded lines."""
    data = build_calendar(lines, settings, as_of, now).to_ical()

    def write(part: Path) -> None:
        part.write_bytes(data)

    write_atomically(path, write)
    return path
