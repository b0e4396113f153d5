"""Municipalities and the address parser that finds one in an office address.

Addresses are matched against the official list (全国地方公共団体コード), never cut with a regular
expression: 町田市, 四日市市, 大和郡山市, 郡上市 and 十日町市 carry 町/市/郡 inside their names, a 郡
(児湯郡高鍋町) or an island (三宅島三宅村) may precede a 町村, and a ward follows its designated city.
The index is pure: it is built from rows passed in (``npo_desk.refdata`` loads the shipped CSV).

Matching works on a folded form of the text (NFKC, no whitespace, ケ/ヶ and a few glyph variants
unified), walking prefecture → county → municipality → ward, each step against the list. Where a
municipality name is shared (府中市 in 東京都 and 広島県), the prefecture must be given; an address that
matches nothing raises :class:`AddressNotFound` with the part that failed and the nearest names.
"""

from __future__ import annotations

import difflib
import itertools
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from npo_desk.domain.errors import InvalidInput

MUNICIPAL_KINDS = frozenset({"city", "designated_city", "special_ward", "town", "village"})
KINDS = MUNICIPAL_KINDS | {"prefecture", "ward"}

# Characters written either way in addresses: small/large ケ and カ, and the glyphs KEN_ALL and the
# 総務省 list spell differently (檮原町/梼原町, 須惠町/須恵町) or that clerks type from old forms.
_FOLD = str.maketrans({"ヶ": "ケ", "ヵ": "カ", "檮": "梼", "惠": "恵", "髙": "高", "﨑": "崎"})
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
        chars: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(self.original.translate(_FOLD)):  # one character for one: indices hold
            if not ch.isspace():
                chars.append(ch)
                origin.append(i)
        self.text = "".join(chars)
        self._origin = [*origin, len(self.original)]

    def rest_after(self, position: int) -> str:
        """The original text (NFKC, spaces kept) after ``position`` folded characters."""
        return self.original[self._origin[position] :].strip(" 　,、")


@dataclass(frozen=True)
class _Form:
    """One way a municipality (or ward) is written, folded, e.g. '児湯郡高鍋町' or '横浜市中区'."""

    text: str
    target: Municipality


class MunicipalityIndex:
    """The list of municipalities, searchable by address, code and prefix."""

    def __init__(self, rows: Iterable[Municipality]) -> None:
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
        self._prefectures = {fold(r.prefecture): r for r in self._rows.values() if r.kind == "prefecture"}
        # Settings name the same few authorities over and over (every 所轄庁 decision asks for ours).
        self._authorities: dict[str, Municipality] = {}
        self._wards: dict[str, list[Municipality]] = {}
        self._forms: dict[str, list[_Form]] = {}  # prefecture -> forms of its municipalities
        for r in self._rows.values():
            if r.kind == "ward":
                assert r.parent_code is not None
                self._wards.setdefault(r.parent_code, []).append(r)
                city = self._rows[r.parent_code]
                forms = [fold(city.name + r.name), fold(r.name)]
            elif r.kind in MUNICIPAL_KINDS:
                forms = [fold(r.name)] + ([fold(r.county + r.name)] if r.county else [])
            else:
                continue
            self._forms.setdefault(r.prefecture, []).extend(_Form(f, r) for f in forms)
        # the same forms by prefecture and first character: resolving looks only where it can match
        self._by_initial: dict[tuple[str, str], list[_Form]] = {}
        for pref, pref_forms in self._forms.items():
            for form in pref_forms:
                self._by_initial.setdefault((pref, form.text[0]), []).append(form)
        self._ward_names = {fold(w.name) for wards in self._wards.values() for w in wards}
        self._completions: list[tuple[frozenset[str], str]] | None = None

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Municipality]:
        return iter(self._rows.values())

    def by_code(self, code: str) -> Municipality:
        """The row with this 全国地方公共団体コード (6 digits, or the 5 without the check digit)."""
        key = fold(code)
        if len(key) == 5:
            key = next((c for c in self._rows if c.startswith(key)), key)
        try:
            return self._rows[key]
        except KeyError:
            raise InvalidInput(f"地方公共団体コード「{code}」は一覧にありません。") from None

    def prefecture(self, name: str) -> Municipality:
        try:
            return self._prefectures[fold(name)]
        except KeyError:
            raise InvalidInput(f"「{name}」という都道府県はありません。") from None

    def wards_of(self, city: Municipality) -> list[Municipality]:
        return list(self._wards.get(city.code, []))

    # ------------------------------------------------------------------ parsing

    def resolve(self, address: str) -> ResolvedAddress:
        """Split an office address against the list (see the module docstring).

        Raises :class:`AddressNotFound` (or :class:`AmbiguousAddress`) naming the failing part.
        """
        result = self._parse(address, allow_prefecture=False)
        assert isinstance(result, ResolvedAddress)
        return result

    def resolve_authority(self, text: str) -> Municipality:
        """The body an address names as an authority: '宮崎県' -> the prefecture's row,
        '宮崎県日南市' -> 日南市, '神奈川県横浜市' (or any address inside it) -> 横浜市."""
        known = self._authorities.get(text)
        if known is None:
            result = self._parse(text, allow_prefecture=True)
            known = result.municipality if isinstance(result, ResolvedAddress) else result
            self._authorities[text] = known
        return known

    def _parse(self, address: str, *, allow_prefecture: bool) -> ResolvedAddress | Municipality:
        folded = _Folded(address)
        text = folded.text
        start = _skip_postal_code(text)
        if start >= len(text):
            raise AddressNotFound("所在地が入力されていません。", part="")
        prefecture = self._match_prefecture(text, start)
        if prefecture is not None:
            start += len(fold(prefecture.prefecture))
            if start >= len(text):
                if allow_prefecture:
                    return prefecture
                raise AddressNotFound(
                    f"「{prefecture.prefecture}」の後に市区町村名がありません。", part=prefecture.prefecture
                )
        scope = [prefecture.prefecture] if prefecture else list(self._forms)
        found = self._match_municipality(text, start, scope)
        if found is None and prefecture is None:
            found, start = self._match_after_short_prefecture(text, start)
        if found is None:
            raise self._no_match(text, start, prefecture)
        target, length = found
        position = start + length
        if target.kind == "ward":
            assert target.parent_code is not None
            return ResolvedAddress(self._rows[target.parent_code], target, folded.rest_after(position))
        ward = None
        if target.kind == "designated_city":
            ward, ward_length = self._match_ward(target, text, position)
            position += ward_length
        return ResolvedAddress(target, ward, folded.rest_after(position))

    def _match_prefecture(self, text: str, start: int) -> Municipality | None:
        for key, row in self._prefectures.items():
            if text.startswith(key, start):
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

    def _longest(self, text: str, start: int, scope: Iterable[str]) -> list[_Form]:
        """The forms of the longest name written at ``start`` (several when it is shared)."""
        best: list[_Form] = []
        if start >= len(text):
            return best
        for pref in scope:
            for form in self._by_initial.get((pref, text[start]), []):
                if not text.startswith(form.text, start):
                    continue
                if not best or len(form.text) > len(best[0].text):
                    best = [form]
                elif len(form.text) == len(best[0].text):
                    best.append(form)
        return best

    def _match_municipality(
        self, text: str, start: int, scope: Sequence[str]
    ) -> tuple[Municipality, int] | None:
        """The longest name at ``start``; None when none, an error when it names several places."""
        best = self._longest(text, start, scope)
        targets = _distinct(f.target for f in best)
        if len(targets) == 1:
            return targets[0], len(best[0].text)
        if targets:
            raise self._ambiguous(best[0].text, targets)
        return None

    def _match_after_short_prefecture(
        self, text: str, start: int
    ) -> tuple[tuple[Municipality, int] | None, int]:
        """'東京新宿区', '宮崎日南市': a prefecture written without 都/府/県, then one of its names."""
        for row in self._prefectures.values():
            stem = row.prefecture if row.prefecture == "北海道" else row.prefecture[:-1]
            if text.startswith(stem, start):
                found = self._match_municipality(text, start + len(stem), [row.prefecture])
                if found is not None:
                    return found, start + len(stem)
        return None, start

    def _no_match(self, text: str, start: int, prefecture: Municipality | None) -> AddressNotFound:
        """The error for an address whose municipality is not in the list (never a guess)."""
        if prefecture is None:
            self._reject_misspelt_prefecture(text, start)
            return self._not_found(text, start, list(self._forms), None)
        elsewhere = self._longest(text, start, self._forms)
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

    def _match_ward(self, city: Municipality, text: str, position: int) -> tuple[Municipality | None, int]:
        """The ward after a designated city, if written. A ward of another city is an error."""
        for ward in self._wards.get(city.code, []):
            key = fold(ward.name)
            if text.startswith(key, position):
                return ward, len(key)
        for key in sorted(self._ward_names, key=len, reverse=True):
            if text.startswith(key, position):
                names = [w.name for w in self._wards.get(city.code, [])]
                close = difflib.get_close_matches(key, names, n=_MAX_SUGGESTIONS, cutoff=0.5)
                hint = "".join(f"「{city.name}{n}」" for n in close)
                tail = f"{hint}ではありませんか。" if close else f"{city.name}の区は{'、'.join(names)}です。"
                raise AddressNotFound(
                    f"{city.name}に「{key}」はありません。{tail}",
                    part=key,
                    suggestions=[f"{city.full_name}{n}" for n in close],
                )
        return None, 0

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


def _distinct(targets: Iterable[Municipality]) -> list[Municipality]:
    """Each municipality once, in code order."""
    return sorted({t.code: t for t in targets}.values(), key=lambda t: t.code)


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
