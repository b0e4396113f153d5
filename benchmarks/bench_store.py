"""Store benchmark at national scale: seed 50,000 realistic cases, then time what the GUI does.

    python benchmarks/bench_store.py                      # SQLite file in a temp dir
    python benchmarks/bench_store.py --db postgresql://…  # an empty PostgreSQL database
    python benchmarks/bench_store.py --cases 5000 --keep /tmp/bench.db

Cases are spread over every municipality of Japan and 1999..today, with the life cycle a real
NPO takes (most established, some refused, withdrawn or revoked, the recent ones in progress).
Prints wall-clock seconds and memory (RSS) per operation. Not a test: no assertion is made on any time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from measure import current_mb, memory_note, timed

import npo_desk.store as st
from npo_desk.domain.municipalities import Municipality
from npo_desk.domain.profiles import profile_for
from npo_desk.refdata import read_municipalities
from npo_desk.store import Case, Milestone, MilestoneKind, Office, Officer

PLACES = (
    ("みなと", "ミナト"),
    ("さくら", "サクラ"),
    ("ひまわり", "ヒマワリ"),
    ("あおぞら", "アオゾラ"),
    ("里山", "サトヤマ"),
    ("森", "モリ"),
    ("海", "ウミ"),
    ("ふるさと", "フルサト"),
    ("まち", "マチ"),
    ("こども", "コドモ"),
    ("地域", "チイキ"),
    ("未来", "ミライ"),
    ("みどり", "ミドリ"),
    ("ひなた", "ヒナタ"),
)
THEMES = (
    ("福祉", "フクシ", 1),
    ("子育て支援", "コソダテシエン", 13),
    ("環境保全", "カンキョウホゼン", 7),
    ("まちづくり", "マチヅクリ", 3),
    ("国際交流", "コクサイコウリュウ", 11),
    ("防災", "ボウサイ", 8),
    ("スポーツ", "スポーツ", 6),
    ("文化", "ブンカ", 6),
    ("観光", "カンコウ", 4),
    ("就労支援", "シュウロウシエン", 17),
    ("食育", "ショクイク", 1),
    ("IT", "アイティー", 14),
    ("農業", "ノウギョウ", 5),
)
SUFFIXES = (
    ("ネット", "ネット"),
    ("の会", "ノカイ"),
    ("センター", "センター"),
    ("協会", "キョウカイ"),
    ("クラブ", "クラブ"),
    ("支援会", "シエンカイ"),
    ("ネットワーク", "ネットワーク"),
    ("フォーラム", "フォーラム"),
)
SURNAMES = (
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("日高", "ヒダカ"),
    ("黒木", "クロギ"),
    ("甲斐", "カイ"),
    ("河野", "カワノ"),
    ("長友", "ナガトモ"),
)
GIVEN = (
    ("一郎", "イチロウ"),
    ("花子", "ハナコ"),
    ("健", "ケン"),
    ("美智子", "ミチコ"),
    ("誠", "マコト"),
    ("由美", "ユミ"),
    ("大輔", "ダイスケ"),
    ("恵子", "ケイコ"),
    ("翔太", "ショウタ"),
    ("真理", "マリ"),
)


def _person(rng: random.Random) -> tuple[str, str]:
    (s, sk), (g, gk) = rng.choice(SURNAMES), rng.choice(GIVEN)
    return f"{s} {g}", f"{sk} {gk}"


def _milestones(rng: random.Random, received: date, today: date) -> tuple[Milestone, ...]:
    """Dates a real application goes through; cases received recently are still under way."""
    steps = [
        (MilestoneKind.CONSULTED, received - timedelta(days=rng.randint(20, 120))),
        (MilestoneKind.RECEIVED, received),
    ]
    fate = rng.random()
    if fate < 0.02:
        steps.append((MilestoneKind.WITHDRAWN, received + timedelta(days=rng.randint(3, 20))))
    else:
        decided = received + timedelta(days=rng.randint(75, 110))  # after 縦覧, within the decision period
        if fate < 0.04:
            steps.append((MilestoneKind.REFUSED, decided))
        else:
            delivered = decided + timedelta(days=rng.randint(1, 5))
            registered = delivered + timedelta(days=rng.randint(3, 13))
            notice = registered + timedelta(days=rng.randint(5, 40))
            steps += [(MilestoneKind.CERTIFIED, decided), (MilestoneKind.CERTIFICATE_DELIVERED, delivered)]
            if fate < 0.05:
                steps.append((MilestoneKind.REVOKED, decided + timedelta(days=200)))
            else:
                steps += [(MilestoneKind.REGISTERED, registered), (MilestoneKind.REGISTRATION_NOTICE, notice)]
    return tuple(Milestone(kind, on) for kind, on in steps if on <= today)


def _fields_of_version(current: tuple[int, ...], received: date) -> tuple[int, ...]:
    """The themes' fields (today's numbers) in the numbering of the Act the case was received under:
    a 2005 case has 17 fields and a 1999 one 12, and the store refuses a number its version lacks.
    A field that version did not have is left out; 第1号 (保健・医療・福祉, in every version) stands in
    when none is left."""
    by_current = {f.current_number: f.number for f in profile_for(received).activity_fields}
    return tuple(sorted({by_current[n] for n in current if n in by_current})) or (1,)


def realistic_cases(count: int, today: date, seed: int = 20261128) -> Iterator[Case]:
    rng = random.Random(seed)
    towns = [m for m in read_municipalities() if m.kind not in ("prefecture", "designated_city")]
    start = date(1999, 1, 1)
    span = (today - start).days
    for _ in range(count):
        (place, place_kana), (theme, theme_kana, field), (suffix, suffix_kana) = (
            rng.choice(PLACES),
            rng.choice(THEMES),
            rng.choice(SUFFIXES),
        )
        town: Municipality = rng.choice(towns)
        rep, rep_kana = _person(rng)
        address = f"{town.full_name}本町{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
        received = start + timedelta(days=rng.randrange(span))
        officers = [Officer(*_swap(_person(rng)), paid=rng.random() < 0.1) for _ in range(rng.randint(3, 6))]
        officers.append(Officer(_person(rng)[0], "auditor"))
        yield Case(
            name=f"特定非営利活動法人 {town.name}{place}{theme}{suffix}",
            name_kana=f"{town.kana.removesuffix('シ').removesuffix('チョウ')}{place_kana}{theme_kana}{suffix_kana}",
            representative=rep,
            representative_kana=rep_kana,
            phone=f"0{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
            postal_code=f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}",
            purpose=f"{town.name}における{theme}を図る活動",
            activity_fields=_fields_of_version((field, 19) if rng.random() < 0.3 else (field,), received),
            fiscal_year_start=(4, 1) if rng.random() < 0.8 else (1, 1),
            member_count=rng.randint(10, 80),
            clerk=rng.choice(("田中", "黒木", "日高")),
            offices=(Office(address, municipality_code=town.code, prefecture=town.prefecture),),
            officers=tuple(officers),
            milestones=_milestones(rng, received, today),
        )


# What a clerk types: two-character names and places (the common case in Japanese), one character,
# kana in either width, several words, an address, a case number.
SEARCHES = (
    "日南",
    "福祉",
    "田中",
    "佐藤",
    "森",
    "子育て",
    "ひなた",
    "ﾋﾅﾀ ｸﾗﾌﾞ",
    "日高 一郎",
    "まちづくり",
    "本町3丁目12番",
    "串間市",
    "R8-0",
    "r7-012",
    "さくら 防災",
)


def search_mix(store: st.Store, *, limit: int | None, rounds: int = 5) -> None:
    """p50/p95 of ``list_cases`` over ``SEARCHES``, beside the floor measured in the same run: the
    same words as plain LIKE on the stored normalised text, ids only, on the driver's connection."""
    raw = store.engine.raw_connection()
    mark = "?" if store.is_sqlite else "%s"
    mine: list[float] = []
    floor: list[float] = []
    matches = 0
    try:
        for _ in range(rounds):
            for text in SEARCHES:
                query = st.CaseQuery(text=text, limit=limit)
                began = time.perf_counter()
                matches += len(st.list_cases(store, query))
                mine.append(time.perf_counter() - began)
                words = [w for w in map(st.normalize_search, text.split()) if w]
                sql = (
                    "SELECT id FROM cases WHERE deleted_at IS NULL"
                    + f" AND search_text LIKE {mark}" * len(words)
                    + " ORDER BY fiscal_year DESC, serial DESC, id DESC"
                    + (f" LIMIT {limit}" if limit is not None else "")
                )
                cursor = raw.cursor()
                began = time.perf_counter()
                cursor.execute(sql, [f"%{w}%" for w in words])
                cursor.fetchall()
                floor.append(time.perf_counter() - began)
                cursor.close()
    finally:
        raw.close()

    def p(values: list[float], n: int) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[n - 1] * 1000

    label = f"search mix, {'first ' + str(limit) if limit else 'all matches'} ({len(SEARCHES)} queries)"
    print(f"  {label:<52} p50 {p(mine, 50):7.1f} ms  p95 {p(mine, 95):7.1f} ms  ({matches // rounds:,} rows)")
    print(
        f"  {'  floor: plain LIKE, ids only':<52} p50 {p(floor, 50):7.1f} ms  p95 {p(floor, 95):7.1f} ms"
        f"  ratio p95 {p(mine, 95) / p(floor, 95):5.2f}x"
    )


def _swap(person: tuple[str, str]) -> tuple[str, str, str]:
    return person[0], "director", person[1]


def server_database(server: str, name: str) -> str:
    """A new, empty database ``name`` on the server of ``server`` (dropped first if there): its URL."""
    from sqlalchemy import create_engine, make_url, text

    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def kept_database(name: str, fill: Callable[[st.Store], object], server: str | None = None) -> str:
    """A benchmark's database, filled once by ``fill`` and kept for the next run (building 50,000
    cases through the checked API takes minutes): the SQLite file ``name``.db in the temp folder or,
    with ``server`` (a PostgreSQL server's URL), the database ``name`` on that server. It is filled
    under a partial name and renamed when complete, so that a run stopped halfway is not reused.
    Returns the file's path or the database's URL."""
    if server is None:
        final = Path(tempfile.gettempdir()) / f"{name}.db"
        if not final.exists():
            partial = final.with_suffix(".partial.db")
            partial.unlink(missing_ok=True)
            _filled(str(partial), fill)
            partial.rename(final)
        return str(final)
    from sqlalchemy import create_engine, make_url, text

    database = name.replace("-", "_")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database})
            if found.first() is None:
                _filled(server_database(server, f"{database}_partial"), fill)
                conn.execute(text(f'ALTER DATABASE "{database}_partial" RENAME TO "{database}"'))
    finally:
        admin.dispose()
    return make_url(server).set(database=database).render_as_string(hide_password=False)


def _filled(db: str, fill: Callable[[st.Store], object]) -> None:
    store = st.open_store(db)
    try:
        fill(store)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty database (file or SQLAlchemy URL); default: a temp file")
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=5_000, help="cases per transaction while seeding")
    parser.add_argument("--keep", help="SQLite file to write and keep (instead of a temp file)")
    parser.add_argument("--no-seed", action="store_true", help="time the queries on the database as it is")
    args = parser.parse_args()
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or args.keep or str(Path(tmp) / "bench.db")
        store = st.open_store(db)
        print(f"database: {store.display_name}  cases: {args.cases:,}")
        if not args.no_seed:
            cases = list(realistic_cases(args.cases, today))
            before = current_mb()
            began = time.perf_counter()
            for first in range(0, len(cases), args.batch):
                st.create_cases(store, cases[first : first + args.batch], who="benchmark", today=today)
            label = f"seed (create_cases, {args.batch:,} per transaction)"
            print(f"  {label:<52} {time.perf_counter() - began:9.3f} s {memory_note(before)}")
        if store.path is not None:
            print(f"{'file size':<48} {store.path.stat().st_size / 1e6:8.1f} MB")
        store.close()

        store = timed("open_store (checks + schema state)", lambda: st.open_store(db))
        settings = st.load_settings(store)
        rows = timed("list_cases: all cases with facts", lambda: st.list_cases(store), repeat=3, warm=True)
        print(f"{'  rows':<48} {len(rows):8,}")
        timed(
            "list_cases: first 200",
            lambda: st.list_cases(store, st.CaseQuery(limit=200)),
            repeat=5,
            warm=True,
        )
        timed(
            "list_cases: one fiscal year",
            lambda: st.list_cases(store, st.CaseQuery(fiscal_year=2015)),
            repeat=5,
            warm=True,
        )
        search_mix(store, limit=200)  # what a search box shows first
        search_mix(store, limit=None)  # every match, each built into a CaseSummary
        pending = timed(
            "corporation_pending_deadlines (dashboard)",
            lambda: st.corporation_pending_deadlines(store, settings, today),
            repeat=3,
        )
        print(f"{'  open deadlines':<48} {len(pending):8,}")
        some = rows[len(rows) // 2]
        timed("get_case", lambda: st.get_case(store, some.id), repeat=5, warm=True)
        counter = iter(range(1_000_000))

        def edit() -> Case:
            current = st.get_case(store, some.id)
            return st.save_case(store, replace(current, notes=f"benchmark {next(counter)}"), who="benchmark")

        timed("get_case + save_case (one field, with history)", edit, repeat=5, warm=True)
        store.close()


if __name__ == "__main__":
    main()
