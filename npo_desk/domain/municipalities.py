"""Municipalities and the address parser that finds one in an office address.

Addresses are matched against the official list (全国地方公共団体コード), never cut with a regular
expression: 町田市, 四日市市, 大和郡山市, 郡上市 and 十日町市 carry 町/市/郡 inside their names, a 郡
(児湯郡高鍋町) or an island (三宅島三宅村) may precede a 町村, and a ward follows its designated city.
The index is pure: it is built from rows passed in (``npo_desk.refdata`` loads the shipped CSV).

Matching works on a folded form of the text (NFKC, no whitespace, ケ/ヶ and a few glyph variants
unified), walking prefecture → county → municipality → ward, each step against the list. Where a
municipality name is shared (府中市 in 東京都 and 広島県), the prefecture must be given; an address that
matches nothing raises :class:`AddressNotFound` with the part that failed and the nearest names.

Names change (resources/municipality_changes.README.md): 南郷町 merged into 日南市 on 2009-03-30, 浜松市's
seven wards became three on 2024-01-01. Given the date asked about (``as_of``), a name is read as it was
then: a name from before a change is valid up to the day before it and afterwards leads to its successor
with a note (「旧南郷町（平成21年3月30日に合併して日南市）」); a name created later is refused. Without a
date, today's names are meant, and a former name still leads to today's successor with the note (an
old ledger being imported).
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.wareki import format_wareki

MUNICIPAL_KINDS = frozenset({"city", "designated_city", "special_ward", "town", "village"})
KINDS = MUNICIPAL_KINDS | {"prefecture", "ward"}

# Characters written either way in addresses: small/large ケ and カ, and the glyphs KEN_ALL and the
# 総務省 list spell differently (檮原町/梼原町, 須惠町/須恵町) or that clerks type from old forms.
_FOLD = str.maketrans({"ヶ": "ケ", "ヵ": "カ", "檮": "梼", "惠": "恵", "髙": "高", "﨑": "崎"})
_SPACE = re.compile(r"\s")  # exactly what str.isspace calls a space (fold drops them)
# Misconverted suffixes an IME produces for し/ちょう/まち/むら/く; used only to rank suggestions.
_SUFFIX_HOMOPHONES = {
    "市": "氏士史師志司詩誌視死四",
    "町": "丁長庁帳超街待",
    "村": "邨寸損孫",
    "区": "句苦九具",
}
_POSTAL_MARK = "〒"
_MAX_SUGGESTIONS = 3
_MAX_AMBIGUOUS_LISTED = 6


@dataclass(frozen=True)
class Municipality:
    """One row of the 全国地方公共団体コード list (plus the wards of designated cities)."""

    code: str  # 6 digits incl. the check digit
    prefecture: str
    county: str | None  # "児湯郡"; "三宅島" for the two 東京都 islands KEN_ALL writes that way
    name: str  # "高鍋町", "横浜市", "中区" (a ward: its own name only)
    kana: str
    kind: str  # prefecture | city | designated_city | ward | special_ward | town | village
    parent_code: str | None  # a ward -> its designated city
    parent_name: str | None = None  # a ward -> "横浜市" (filled in by MunicipalityIndex)
    since: date | None = None  # first day of this name, when the change history knows it
    until: date | None = None  # last day of a former name (None: the name is in use today)

    def valid_on(self, day: date) -> bool:
        """The name was in use on ``day``."""
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    @property
    def full_name(self) -> str:
        """'宮崎県児湯郡高鍋町', '神奈川県横浜市中区', '宮崎県'."""
        if self.kind == "prefecture":
            return self.prefecture
        return f"{self.prefecture}{self.county or ''}{self.parent_name or ''}{self.name}"

    @property
    def short_name(self) -> str:
        """The name without prefecture or county, with the city for a ward: '高鍋町', '横浜市中区'."""
        return f"{self.parent_name or ''}{self.name}"


@dataclass(frozen=True)
class ResolvedAddress:
    """An office address split against the list: the municipality, the ward if any, and the rest."""

    municipality: Municipality  # for a ward address: its designated city
    ward: Municipality | None
    rest: str  # what follows the municipality (and ward), e.g. "大字星倉1-1"
    former: str | None = None  # written under a former name: 「旧南郷町（平成21年3月30日に合併して日南市）」

    @property
    def full_name(self) -> str:
        return (self.ward or self.municipality).full_name

    @property
    def prefecture(self) -> str:
        return self.municipality.prefecture


class AddressNotFound(InvalidInput):
    """No municipality of the list matches the address. ``part`` is the text that failed."""

    def __init__(self, message: str, *, part: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.part = part
        self.suggestions = tuple(suggestions)

    def in_context(self, label: str) -> AddressNotFound:
        """The same error, its message prefixed with which address it was (「従たる事務所 1: …」)."""
        return type(self)(f"{label}: {self}", part=self.part, suggestions=self.suggestions)


@dataclass(frozen=True)
class NamedBody:
    """One side of a recorded change, as named then (a row half of resources/municipality_changes.csv)."""

    code: str  # 6 digits
    prefecture: str
    parent: str  # the 郡 before a 町村, the designated city of a ward, else ""
    name: str
    kana: str


@dataclass(frozen=True)
class MunicipalityChange:
    """On ``on``, ``old`` became (part of) ``new``; ``old`` is None where a ward was created."""

    on: date
    change: str  # one of CHANGE_KINDS
    old: NamedBody | None
    new: NamedBody


# The change kinds of the history, and how a note names them. A separation (分離) leaves the old body
# standing; an absorption (編入) leaves the absorbing body as it was.
CHANGE_KINDS = {
    "merger": "合併して{new}",
    "absorption": "{new}へ編入",
    "split": "分割して{new}",
    "separation": "",
    "county_change": "{new}へ郡の区域変更",
    "rename": "{new}へ名称変更",
    "town_status": "町制施行して{new}",
    "city_status": "市制施行して{new}",
    "designation": "指定都市{new}へ移行",
    "ward_creation": "",
    "ward_reorganisation": "{new}へ再編",
}


@dataclass
class _Step:
    """What a former name became on ``on``: one or more bodies (a split, 浜松市北区 → 中央区・浜名区)."""

    on: date
    change: str
    targets: list[NamedBody] = field(default_factory=list)
    successors: list[Municipality] = field(default_factory=list)  # filled once all names are known


class AmbiguousAddress(AddressNotFound):
    """The name exists in several places (府中市 in two prefectures, 北区 in 大阪市 and 堺市): the
    prefecture, or the city for a ward, must be written."""


def fold(text: str) -> str:
    """The form addresses are compared in: NFKC (full→half width), no whitespace, variants unified."""
    normalized = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return "".join(ch for ch in normalized if not ch.isspace())


def _katakana(text: str) -> str:
    """Hiragana to katakana, so a completer finds names by their reading typed either way."""
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)


class _Folded:
    """A folded copy of an address that remembers where each folded character came from."""

    def __init__(self, text: str) -> None:
        self.original = unicodedata.normalize("NFKC", text)
        translated = self.original.translate(_FOLD)  # one character for one: indices hold
        self._origin: list[int] | None = None  # None: no space left out, positions are the same
        if _SPACE.search(translated) is None:  # most addresses: no walk over the characters
            self.text = translated
            return
        chars: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(translated):
            if not ch.isspace():
                chars.append(ch)
                origin.append(i)
        self.text = "".join(chars)
        self._origin = [*origin, len(self.original)]

    def rest_after(self, position: int) -> str:
        """The original text (NFKC, spaces kept) after ``position`` folded characters."""
        start = position if self._origin is None else self._origin[position]
        return self.original[start:].strip(" 　,、")


@dataclass(frozen=True)
class _When:
    """Which names an address may be written with: those of ``as_of`` and the former ones before it
    (today's and every former one without a date); ``formers`` False: today's only."""

    as_of: date | None
    formers: bool = True

    def admits(self, row: Municipality) -> bool:
        if not self.formers:
            return row.until is None
        return self.as_of is None or row.since is None or row.since <= self.as_of

    def in_use(self, row: Municipality) -> bool:
        """The name was the body's own on the date (today without one)."""
        return row.until is None if self.as_of is None else row.valid_on(self.as_of)


@dataclass(frozen=True)
class _Form:
    """One way a municipality (or ward) is written, folded, e.g. '児湯郡高鍋町' or '横浜市中区'."""

    text: str
    target: Municipality


class MunicipalityIndex:
    """The list of municipalities, searchable by address, code and prefix."""

    def __init__(self, rows: Iterable[Municipality], changes: Iterable[MunicipalityChange] = ()) -> None:
        raw = list(rows)
        by_code = {r.code: r for r in raw}
        if len(by_code) != len(raw):
            raise ValueError("duplicate municipality codes")
        for r in raw:
            if r.kind not in KINDS:
                raise ValueError(f"{r.code}: unknown kind {r.kind!r}")
        # wards learn their city's name so that full_name reads '神奈川県横浜市中区'
        self._rows: dict[str, Municipality] = {}
        for r in raw:
            parent = by_code.get(r.parent_code) if r.parent_code else None
            if r.parent_code and parent is None:
                raise ValueError(f"{r.code}: parent {r.parent_code} is not in the list")
            fixed = replace(r, parent_name=parent.name if parent else None, county=r.county or None)
            self._rows[r.code] = fixed
        formers, self._steps = self._history(list(changes))
        self._prefectures = {fold(r.prefecture): r for r in self._rows.values() if r.kind == "prefecture"}
        self._prefecture_lengths = {row.code: len(key) for key, row in self._prefectures.items()}
        self._prefecture_key_lengths = sorted({len(key) for key in self._prefectures})
        assert not any(a != b and b.startswith(a) for a in self._prefectures for b in self._prefectures)
        # Settings name the same few authorities over and over (every 所轄庁 decision asks for ours).
        self._authorities: dict[str, Municipality] = {}
        self._wards: dict[str, list[Municipality]] = {}
        self._forms: dict[str, list[_Form]] = {}  # prefecture -> forms of today's municipalities
        self._by_initial: dict[tuple[str, str], list[_Form]] = {}  # (prefecture, first char) -> forms
        self._all_wards: dict[str, list[Municipality]] = {}  # city code -> its wards, former ones too
        self._by_key: dict[tuple[str, str], list[Municipality]] = {}  # (code, name) -> its periods
        for r in [*self._rows.values(), *formers]:
            self._by_key.setdefault((r.code, r.name), []).append(r)
            if r.kind == "ward":
                assert r.parent_code is not None
                if r.until is None:
                    self._wards.setdefault(r.parent_code, []).append(r)
                self._all_wards.setdefault(r.parent_code, []).append(r)
                city = self._rows[r.parent_code]
                forms = [fold(city.name + r.name), fold(r.name)]
            elif r.kind in MUNICIPAL_KINDS:
                forms = [fold(r.name)] + ([fold(r.county + r.name)] if r.county else [])
            else:
                continue
            if r.until is None:
                self._forms.setdefault(r.prefecture, []).extend(_Form(f, r) for f in forms)
            # by prefecture and first character: resolving looks only where it can match
            for f in forms:
                self._by_initial.setdefault((r.prefecture, f[0]), []).append(_Form(f, r))
        for step in self._steps.values():
            step.successors = _distinct(self._period_at(b, step.on) for b in step.targets)
        self._ward_names = {fold(w.name) for wards in self._all_wards.values() for w in wards}
        self._completions: list[tuple[frozenset[str], str]] | None = None

    # ------------------------------------------------------------------ history

    def _history(
        self, changes: Sequence[MunicipalityChange]
    ) -> tuple[list[Municipality], dict[Municipality, _Step]]:
        """Former names (each with the day it ended) and what each became; today's rows learn the day
        their name began. ``changes`` are in the order they took effect (the CSV's order)."""
        begun: dict[tuple[str, str], list[date]] = {}  # the days a name was (re)created
        ended: dict[tuple[str, str, date], tuple[NamedBody, date | None, _Step]] = {}
        for change in changes:
            if change.change not in CHANGE_KINDS:
                raise ValueError(f"{change.on}: unknown change {change.change!r}")
            old = change.old
            if old is not None and change.change != "separation":
                key = (old.code, old.name, change.on)
                if key not in ended:
                    # a name begun the same day is the new body's (志賀町 and 高浜町 → 志賀町)
                    since = max(
                        (d for d in begun.get((old.code, old.name), []) if d < change.on), default=None
                    )
                    ended[key] = (old, since, _Step(change.on, change.change))
                ended[key][2].targets.append(change.new)
            if change.change != "absorption":
                begun.setdefault((change.new.code, change.new.name), []).append(change.on)
        for (code, name), days in begun.items():
            row = self._rows.get(code)
            if row is not None and row.name == name:
                self._rows[code] = replace(row, since=max(days))
        designated = {(r.prefecture, r.name): r for r in self._rows.values() if r.kind == "designated_city"}
        formers: list[Municipality] = []
        steps: dict[Municipality, _Step] = {}
        for old, since, step in ended.values():
            row = _former_row(old, since, step.on - timedelta(days=1), designated)
            if row is not None:
                formers.append(row)
                steps[row] = step
        return formers, steps

    def _period_at(self, body: NamedBody, day: date) -> Municipality:
        """The row (today's or former) a change's new body names, as it stood on ``day``; a body that
        changed again the same day (瓜連町 → 那珂町 → 那珂市) is the period that ended the day before."""
        periods = self._by_key.get((body.code, body.name), [])
        for period in periods:
            if period.valid_on(day):
                return period
        for period in periods:
            if period.until == day - timedelta(days=1):
                return period
        row = self._rows.get(body.code)
        if row is None:
            raise ValueError(f"{day}: {body.prefecture}{body.parent}{body.name} ({body.code}) is in no list")
        return row

    def _walk(self, written: Municipality, as_of: date | None) -> tuple[list[Municipality], list[str]]:
        """What a name had become by ``as_of`` (today without one), and each change on the way in words."""
        finals: list[Municipality] = []
        said: list[str] = []
        frontier = [written]
        seen: set[Municipality] = set()
        while frontier:
            body = frontier.pop(0)
            if body in seen:
                continue
            seen.add(body)
            step = self._steps.get(body)
            if step is None or (as_of is not None and as_of < step.on):
                finals.append(body)
                continue
            names = [_label(s) for s in step.successors]
            if names != [_label(body)] and CHANGE_KINDS[step.change]:
                text = format_wareki(step.on) + "に" + CHANGE_KINDS[step.change].format(new="・".join(names))
                if text not in said:
                    said.append(text)
            frontier.extend(step.successors)
        return _distinct(finals), said

    def _settle(
        self, written: Municipality, as_of: date | None
    ) -> tuple[Municipality, Municipality | None, str | None]:
        """(municipality, ward, note) for a name found in an address, read as of ``as_of``."""
        if written.until is None:
            return (*self._split_ward(written), None)
        if as_of is not None and as_of <= written.until:
            later = self._walk(written, None)[1]
            last_day = format_wareki(written.until)
            note = f"{written.short_name}（{last_day}まで。{'、'.join(later)}）" if later else None
            return (*self._split_ward(written), note)
        finals, said = self._walk(written, as_of)
        note = f"旧{written.short_name}（{'、'.join(said)}）" if said else None
        places = _distinct(self._split_ward(f)[0] for f in finals)
        if len(places) > 1:
            listed = "・".join(p.short_name for p in places)
            raise AddressNotFound(
                f"{note or written.short_name}: 区域が{listed}に分かれたため、どちらか特定できません。"
                "現在の市区町村名で入力してください。",
                part=written.short_name,
                suggestions=[p.full_name for p in places],
            )
        ward = finals[0] if len(finals) == 1 and finals[0].kind == "ward" else None
        return places[0], ward, note

    def _split_ward(self, body: Municipality) -> tuple[Municipality, Municipality | None]:
        if body.kind == "ward":
            assert body.parent_code is not None
            return self._rows[body.parent_code], body
        return body, None

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Municipality]:
        return iter(self._rows.values())

    def by_code(self, code: str) -> Municipality:
        """The row with this 全国地方公共団体コード (6 digits, or the 5 without the check digit); a former
        municipality's code gives its last period when no municipality of today has it."""
        key = fold(code)
        if len(key) == 5:
            key = next((c for c in self._rows if c.startswith(key)), key)
        if key in self._rows:
            return self._rows[key]
        former = [r for r in self._steps if r.code == key or (len(key) == 5 and r.code.startswith(key))]
        if former:
            return max(former, key=lambda r: r.until or date.max)
        raise InvalidInput(f"地方公共団体コード「{code}」は一覧にありません。")

    def prefecture(self, name: str) -> Municipality:
        try:
            return self._prefectures[fold(name)]
        except KeyError:
            raise InvalidInput(f"「{name}」という都道府県はありません。") from None

    def wards_of(self, city: Municipality, as_of: date | None = None) -> list[Municipality]:
        """The city's wards today, or on ``as_of`` (浜松市: 7 wards until 2023-12-31, then 3)."""
        if as_of is None:
            return list(self._wards.get(city.code, []))
        return [w for w in self._all_wards.get(city.code, []) if w.valid_on(as_of)]

    def formers(self) -> list[Municipality]:
        """Every former name of the change history, each with the last day it was in use."""
        return list(self._steps)

    # ------------------------------------------------------------------ parsing

    def resolve(self, address: str, as_of: date | None = None) -> ResolvedAddress:
        """Split an office address against the list (see the module docstring), its names read as
        of ``as_of`` (today's names, and former ones leading to today's, without it).

        Raises :class:`AddressNotFound` (or :class:`AmbiguousAddress`) naming the failing part.
        """
        result = self._parse(address, allow_prefecture=False, as_of=as_of, formers=True)
        assert isinstance(result, ResolvedAddress)
        return result

    def resolve_authority(self, text: str) -> Municipality:
        """The body an address names as an authority: '宮崎県' -> the prefecture's row,
        '宮崎県日南市' -> 日南市, '神奈川県横浜市' (or any address inside it) -> 横浜市. Today's names only:
        an authority is configured as it is now."""
        known = self._authorities.get(text)
        if known is None:
            result = self._parse(text, allow_prefecture=True, as_of=None, formers=False)
            known = result.municipality if isinstance(result, ResolvedAddress) else result
            self._authorities[text] = known
        return known

    def _parse(
        self, address: str, *, allow_prefecture: bool, as_of: date | None, formers: bool
    ) -> ResolvedAddress | Municipality:
        folded = _Folded(address)
        text = folded.text
        start = _skip_postal_code(text)
        if start >= len(text):
            raise AddressNotFound("所在地が入力されていません。", part="")
        prefecture = self._match_prefecture(text, start)
        if prefecture is not None:
            start += self._prefecture_lengths[prefecture.code]
            if start >= len(text):
                if allow_prefecture:
                    return prefecture
                raise AddressNotFound(
                    f"「{prefecture.prefecture}」の後に市区町村名がありません。", part=prefecture.prefecture
                )
        when = _When(as_of, formers)
        scope = [prefecture.prefecture] if prefecture else list(self._forms)
        found = self._match_municipality(text, start, scope, when)
        if found is None and prefecture is None:
            found, start = self._match_after_short_prefecture(text, start, when)
        if found is None:
            self._reject_not_yet(text, start, scope, when)
            raise self._no_match(text, start, prefecture, when)
        target, length = found
        position = start + length
        municipality, ward, note = self._settle(target, as_of)
        if target.kind == "ward" or (target.until is not None and municipality is not target):
            return ResolvedAddress(municipality, ward, folded.rest_after(position), note)
        if municipality.kind == "designated_city":
            ward, ward_length, ward_note = self._match_ward(municipality, text, position, when)
            position += ward_length
            note = note or ward_note
        else:
            self._reject_ward_before_designation(municipality, text, position, when)
        return ResolvedAddress(municipality, ward, folded.rest_after(position), note)

    def _match_prefecture(self, text: str, start: int) -> Municipality | None:
        # No prefecture's name begins another's: looking up the text's next 3 or 4 characters (every
        # name's length) finds the one written there, without trying all 47.
        for length in self._prefecture_key_lengths:
            row = self._prefectures.get(text[start : start + length])
            if row is not None:
                return row
        return None

    def _reject_misspelt_prefecture(self, text: str, start: int) -> None:
        """'宮埼県日南市' must not pass as 日南市 or fail obscurely: name the misspelt prefecture."""
        for end in range(start + 2, min(start + 5, len(text))):
            if text[end] in "都道府県":
                head = text[start : end + 1]
                close = difflib.get_close_matches(head, list(self._prefectures), n=1, cutoff=0.6)
                if close:
                    suggestion = self._prefectures[close[0]].prefecture
                    raise AddressNotFound(
                        f"「{head}」に一致する都道府県がありません。「{suggestion}」ではありませんか。",
                        part=head,
                        suggestions=[suggestion],
                    )
                return

    def _longest(self, text: str, start: int, scope: Iterable[str], when: _When) -> list[_Form]:
        """The forms of the longest name written at ``start`` (several when it is shared) among the
        names ``when`` admits; a name in use on the date wins a tie over a former one."""
        best: list[_Form] = []
        if start >= len(text):
            return best
        for pref in scope:
            for form in self._by_initial.get((pref, text[start]), []):
                if not when.admits(form.target) or not text.startswith(form.text, start):
                    continue
                if not best or len(form.text) > len(best[0].text):
                    best = [form]
                elif len(form.text) == len(best[0].text):
                    best.append(form)
        in_use = [f for f in best if when.in_use(f.target)]
        return in_use or best

    def _match_municipality(
        self, text: str, start: int, scope: Sequence[str], when: _When
    ) -> tuple[Municipality, int] | None:
        """The longest name at ``start``; None when none, an error when it names several places."""
        best = self._longest(text, start, scope, when)
        targets = _distinct(f.target for f in best)
        if len(targets) > 1 and not any(when.in_use(t) for t in targets):
            # former names shared by bodies that all became the same place today are one place
            places = _distinct(self._settle_quietly(t, when.as_of) for t in targets)
            if len(places) == 1:
                targets = targets[-1:]
        if len(targets) == 1:
            return targets[0], len(best[0].text)
        if targets:
            raise self._ambiguous(best[0].text, targets)
        return None

    def _settle_quietly(self, written: Municipality, as_of: date | None) -> Municipality:
        try:
            return self._settle(written, as_of)[0]
        except AddressNotFound:
            return written

    def _match_after_short_prefecture(
        self, text: str, start: int, when: _When
    ) -> tuple[tuple[Municipality, int] | None, int]:
        """'東京新宿区', '宮崎日南市': a prefecture written without 都/府/県, then one of its names."""
        for row in self._prefectures.values():
            stem = row.prefecture if row.prefecture == "北海道" else row.prefecture[:-1]
            if text.startswith(stem, start):
                found = self._match_municipality(text, start + len(stem), [row.prefecture], when)
                if found is not None:
                    return found, start + len(stem)
        return None, start

    def _reject_not_yet(self, text: str, start: int, scope: Sequence[str], when: _When) -> None:
        """A name that did not exist yet on the date asked about (浜松市中央区 in 2015) is refused,
        saying from when it exists."""
        if when.as_of is None:
            return
        later = self._longest(text, start, scope, _When(None, True))
        if later:
            target = later[0].target
            raise AddressNotFound(
                f"「{target.short_name}」は{format_wareki(target.since or date.min)}からの名称で、"
                f"基準日（{format_wareki(when.as_of)}）にはありません。",
                part=later[0].text,
            )

    def _no_match(
        self, text: str, start: int, prefecture: Municipality | None, when: _When
    ) -> AddressNotFound:
        """The error for an address whose municipality is not in the list (never a guess)."""
        if prefecture is None:
            self._reject_misspelt_prefecture(text, start)
            return self._not_found(text, start, list(self._forms), None)
        elsewhere = self._longest(text, start, self._forms, when)
        if elsewhere:
            name = elsewhere[0].text
            names = [t.full_name for t in _distinct(f.target for f in elsewhere)]
            offer = "または".join(f"「{n}」" for n in names[:_MAX_SUGGESTIONS])
            return AddressNotFound(
                f"「{name}」は{prefecture.prefecture}にありません。{offer}ではありませんか。",
                part=name,
                suggestions=names,
            )
        return self._not_found(text, start, [prefecture.prefecture], prefecture)

    def _match_ward(
        self, city: Municipality, text: str, position: int, when: _When
    ) -> tuple[Municipality | None, int, str | None]:
        """The ward after a designated city, as of the date: (ward, its length, note). A ward of
        another city, a ward not yet created on the date, or a 区 the city never had is an error."""
        wards = sorted(self._all_wards.get(city.code, []), key=lambda w: -len(w.name))
        written = [w for w in wards if text.startswith(fold(w.name), position)]
        admitted = [w for w in written if when.admits(w)]
        if admitted:
            ward = next((w for w in admitted if when.in_use(w)), admitted[0])
            _, settled, note = self._settle(ward, when.as_of)
            return settled, len(fold(ward.name)), note
        if written:
            self._reject_not_yet(text, position - len(fold(city.name)), [city.prefecture], when)
        for key in sorted(self._ward_names, key=len, reverse=True):
            if text.startswith(key, position):
                names = [w.name for w in self.wards_of(city, when.as_of)]
                close = difflib.get_close_matches(key, names, n=_MAX_SUGGESTIONS, cutoff=0.5)
                hint = "".join(f"「{city.name}{n}」" for n in close)
                tail = f"{hint}ではありませんか。" if close else f"{city.name}の区は{'、'.join(names)}です。"
                raise AddressNotFound(
                    f"{city.name}に「{key}」はありません。{tail}",
                    part=key,
                    suggestions=[f"{city.full_name}{n}" for n in close],
                )
        made_up = _ward_like(text, position)
        if made_up:
            names = [w.name for w in self.wards_of(city, when.as_of)]
            day = f"（{format_wareki(when.as_of)}現在）" if when.as_of else ""
            raise AddressNotFound(
                f"{city.name}に「{made_up}」という区はありません。{city.name}の区{day}は{'、'.join(names)}です。",
                part=made_up,
                suggestions=[f"{city.full_name}{n}" for n in names],
            )
        return None, 0, None

    def _reject_ward_before_designation(
        self, city: Municipality, text: str, position: int, when: _When
    ) -> None:
        """'浜松市中区' read as of 2006: 浜松市 was not yet a designated city and had no wards."""
        if when.as_of is None or city.kind != "city":
            return
        today = next(
            (
                r
                for r in self._rows.values()
                if r.kind == "designated_city" and r.prefecture == city.prefecture and r.name == city.name
            ),
            None,
        )
        if today is None:
            return
        for ward in self._all_wards.get(today.code, []):
            if text.startswith(fold(ward.name), position):
                since = format_wareki(ward.since) if ward.since else "後日"
                raise AddressNotFound(
                    f"「{city.name}{ward.name}」は{since}からの区で、基準日（{format_wareki(when.as_of)}）の"
                    f"{city.name}はまだ区のない市でした。",
                    part=ward.name,
                )

    def _ambiguous(self, name: str, targets: Sequence[Municipality]) -> AmbiguousAddress:
        names = [t.full_name for t in targets]
        listed = "、".join(names[:_MAX_AMBIGUOUS_LISTED])
        if len(names) > _MAX_AMBIGUOUS_LISTED:
            listed += " など"
        one_prefecture = len({t.prefecture for t in targets}) == 1
        missing = "市名" if one_prefecture else "都道府県名"
        return AmbiguousAddress(
            f"「{name}」は{listed}の{len(names)}か所にあり、特定できません。{missing}から入力してください。",
            part=name,
            suggestions=names,
        )

    def _not_found(
        self, text: str, start: int, scope: Sequence[str], prefecture: Municipality | None
    ) -> AddressNotFound:
        """Name the failing part and, where one is close, the municipality probably meant."""
        scored: dict[str, tuple[float, Municipality, int]] = {}
        for pref in scope:
            for form in self._forms[pref]:
                head = text[start : start + len(form.text)]
                score = _similarity(head, form.text)
                key = form.target.code
                if score >= 0.6 and (key not in scored or score > scored[key][0]):
                    scored[key] = (score, form.target, len(head))
        where = f"{prefecture.prefecture}の" if prefecture else ""
        if not scored:
            part = _leading_part(text[start:])
            return AddressNotFound(f"「{part}」に一致する{where}市区町村がありません。", part=part)
        ranked = sorted(scored.values(), key=lambda s: (-s[0], s[1].code))
        top = ranked[0][0]
        best = [s for s in ranked if s[0] >= top - 1e-9][:_MAX_SUGGESTIONS]
        part = text[start : start + best[0][2]]
        names = [s[1].full_name for s in best]
        offer = "または".join(f"「{n}」" for n in names)
        return AddressNotFound(
            f"「{part}」に一致する{where}市区町村がありません。{offer}ではありませんか。",
            part=part,
            suggestions=names,
        )

    # ------------------------------------------------------------------ completion

    def complete(self, prefix: str, limit: int = 20) -> list[str]:
        """Full names starting with ``prefix`` (written with or without prefecture, or in kana),
        prefectures first, then in code order: what a QCompleter on an address field offers."""
        key = _katakana(fold(prefix))
        if not key:
            return []
        hits = (name for keys, name in self._completion_keys() if any(k.startswith(key) for k in keys))
        return list(itertools.islice(hits, limit))

    def _completion_keys(self) -> list[tuple[frozenset[str], str]]:
        """Per row, every folded way its name may be begun, built on first use."""
        if self._completions is None:
            entries = []
            rows = sorted(self._rows.values(), key=lambda r: (r.kind != "prefecture", r.code))
            for r in rows:
                keys = {fold(r.full_name), fold(r.short_name), fold(r.prefecture + r.short_name), r.kana}
                if r.county:
                    keys.add(fold(r.county + r.name))
                if r.parent_code:
                    keys.add(self._rows[r.parent_code].kana + r.kana)
                entries.append((frozenset(keys), r.full_name))
            self._completions = entries
        return self._completions


def _former_row(
    body: NamedBody, since: date | None, until: date, designated: dict[tuple[str, str], Municipality]
) -> Municipality | None:
    """A former name as a row of the list. Its kind follows the 総務省 code (3rd digit 1: a designated
    city or its ward, 特別区 in 東京都) or else the suffix; a ward belongs to today's designated city."""
    code5 = body.code[:5]
    parent_code = parent_name = county = None
    if code5[2] == "1" and body.prefecture == "東京都":
        kind = "special_ward"
    elif code5[2] == "1" and code5[3:] == "00":
        kind = "designated_city"
    elif code5[2] == "1":
        city = designated.get((body.prefecture, body.parent))
        if city is None:
            return None
        kind, parent_code, parent_name = "ward", city.code, city.name
    else:
        kind = {"市": "city", "町": "town", "村": "village"}.get(body.name[-1:], "")
        if not kind:
            return None
        county = body.parent or None
    return Municipality(
        code=body.code,
        prefecture=body.prefecture,
        county=county,
        name=body.name,
        kana=body.kana,
        kind=kind,
        parent_code=parent_code,
        parent_name=parent_name,
        since=since,
        until=until,
    )


def _label(row: Municipality) -> str:
    """How a note names a body: '浜松市中央区', '南都留郡富士河口湖町', '日南市'."""
    return row.short_name if row.kind == "ward" else (row.county or "") + row.name


def _distinct(targets: Iterable[Municipality]) -> list[Municipality]:
    """Each municipality (each period of a name) once, in code order."""
    return sorted(dict.fromkeys(targets), key=lambda t: (t.code, t.until or date.max))


def _skip_postal_code(text: str) -> int:
    """Position after a leading '〒889-2535' (or '8892535'), which clerks paste with the address."""
    if not (text.startswith(_POSTAL_MARK) or text[:3].isdigit()):
        return 0
    i = 1 if text.startswith(_POSTAL_MARK) else 0
    digits = 0
    while i < len(text) and (text[i].isdigit() or text[i] in "-‐ー−"):
        digits += text[i].isdigit()
        i += 1
    return i if digits == 7 else 0


def _ward_like(text: str, position: int, limit: int = 6) -> str | None:
    """The '架空区' of '横浜市架空区…': up to ``limit`` characters ending in 区 before any digit."""
    for end in range(position + 1, min(position + limit, len(text))):
        ch = text[end]
        if ch.isdigit() or ch in "-‐－ー":
            return None
        if ch == "区":
            return text[position : end + 1]
    return None


def _similarity(typed: str, name: str) -> float:
    """difflib's ratio, with an IME homophone of the suffix (日南氏 for 日南市) counted as the suffix."""
    if typed and name and typed[-1] in _SUFFIX_HOMOPHONES.get(name[-1], ""):
        typed = typed[:-1] + name[-1]
    return difflib.SequenceMatcher(None, typed, name).ratio()


def _leading_part(text: str, limit: int = 10) -> str:
    """The start of an unmatched address, up to the first digit: the part to show in the error."""
    end = 0
    while end < len(text) and end < limit and not text[end].isdigit() and text[end] not in "-－":
        end += 1
    return text[: max(end, 1)] + ("…" if end == limit and end < len(text) else "")
