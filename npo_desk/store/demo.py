"""Demonstration data for a first start: the caseload of a small city office (日南市) over 28 years.

Every case is built by the domain's own lifecycle (``apply_action``), so its dates obey the same
rules as a clerk's entries; the current cases are placed relative to ``today`` so the dashboard
shows pending, near and overdue deadlines. Names, people and addresses are invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from npo_desk.domain.annual_reports import annual_reports
from npo_desk.domain.articles_topics import ArticlesTopic
from npo_desk.domain.facts import CaseFacts
from npo_desk.domain.lifecycle import Action, apply_action
from npo_desk.domain.periods import months_before
from npo_desk.domain.procedures import DissolutionGround, MergerRole
from npo_desk.domain.settings import Settings
from npo_desk.refdata import municipality_index
from npo_desk.store.cases import create_case, save_case
from npo_desk.store.corporations import start_procedure
from npo_desk.store.database import Store
from npo_desk.store.records import (
    AnnualReportFiling,
    Case,
    CaseKind,
    DeadlineOverride,
    Milestone,
    MilestoneKind,
    Office,
    OfficeKind,
    Officer,
    with_facts,
)
from npo_desk.store.settings_store import load_settings

CLERKS = ("田中 恵子", "黒木 翔太", "日高 真理")

# Steps: an Action (recorded through the lifecycle) or a fact name set directly (相談, 設立総会, 補正).
Step = tuple[Action | str, date]


@dataclass(frozen=True)
class _Spec:
    name: str
    kana: str
    representative: tuple[str, str]
    offices: tuple[str, ...]
    postal_code: str
    phone: str
    purpose: str
    activity_fields: tuple[int, ...]
    members: int
    officers: tuple[tuple[str, str, str], ...]  # (name, kana, role)
    steps: tuple[Step, ...]
    fiscal_year_start: tuple[int, int] = (4, 1)
    notes: str = ""
    clerk: str = CLERKS[0]
    overrides: tuple[DeadlineOverride, ...] = ()
    reports_missing: int = 0  # the latest past-due 事業報告書等 not received (the others were, on time)


def _officers(*people: tuple[str, str]) -> tuple[tuple[str, str, str], ...]:
    """The last person is the 監事, all others 理事."""
    return tuple((n, k, "auditor" if i == len(people) - 1 else "director") for i, (n, k) in enumerate(people))


def _specs(today: date) -> list[_Spec]:
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    return [
        _Spec(
            "特定非営利活動法人 飫肥城下町保存会",
            "オビジョウカマチホゾンカイ",
            ("長友 一郎", "ナガトモ イチロウ"),
            ("宮崎県日南市飫肥8丁目1番地1",),
            "889-2535",
            "0987-25-1001",
            "飫肥城下町の町並みと伝統文化を保存し、次の世代に伝える活動",
            (2, 4),
            32,
            _officers(
                ("長友 一郎", "ナガトモ イチロウ"),
                ("押川 正子", "オシカワ マサコ"),
                ("坂元 勇", "サカモト イサム"),
                ("矢野 和夫", "ヤノ カズオ"),
            ),
            (
                (Action.RECEIVE, date(1999, 6, 14)),
                (Action.CERTIFY, date(1999, 10, 8)),
                (Action.DELIVER_CERTIFICATE, date(1999, 10, 12)),
                (Action.REGISTER, date(1999, 10, 20)),
                (Action.ACCEPT_NOTICE, date(1999, 10, 28)),
            ),
            notes="市内で最初の認証法人。",
            clerk=CLERKS[1],
        ),
        _Spec(
            "特定非営利活動法人 南郷マリンクラブ",
            "ナンゴウマリンクラブ",
            ("戸高 修", "トダカ オサム"),
            ("宮崎県日南市南郷町中村乙4830番地",),
            "889-3204",
            "0987-64-2002",
            "海洋スポーツの普及と海の安全教室を通じた青少年の健全育成を図る活動",
            (4, 11),
            12,
            _officers(
                ("戸高 修", "トダカ オサム"),
                ("福島 洋子", "フクシマ ヨウコ"),
                ("外山 茂", "トヤマ シゲル"),
                ("永野 京子", "ナガノ キョウコ"),
            ),
            (
                (Action.RECEIVE, date(2002, 2, 4)),
                (Action.CERTIFY, date(2002, 5, 20)),
                (Action.DELIVER_CERTIFICATE, date(2002, 5, 24)),
                (Action.REVOKE, date(2003, 1, 15)),
            ),
            notes="認証後6か月を経過しても設立登記がなく、聴聞の上で認証を取り消した。",
            clerk=CLERKS[1],
        ),
        _Spec(
            "特定非営利活動法人 にちなん福祉ネットワーク",
            "ニチナンフクシネットワーク",
            ("河野 美智子", "カワノ ミチコ"),
            ("宮崎県日南市中央通1丁目5番地10",),
            "887-0031",
            "0987-23-3003",
            "高齢者と障がいのある人の在宅生活を支える福祉サービスを行う活動",
            (1, 17),
            45,
            _officers(
                ("河野 美智子", "カワノ ミチコ"),
                ("井上 隆", "イノウエ タカシ"),
                ("岩切 典子", "イワキリ ノリコ"),
                ("児玉 健", "コダマ ケン"),
                ("松元 久美", "マツモト クミ"),
            ),
            (
                (Action.RECEIVE, date(2008, 6, 2)),
                (Action.CERTIFY, date(2008, 9, 10)),
                (Action.DELIVER_CERTIFICATE, date(2008, 9, 12)),
                (Action.REGISTER, date(2008, 9, 22)),
                (Action.ACCEPT_NOTICE, date(2008, 10, 1)),
            ),
        ),
        _Spec(
            "特定非営利活動法人 油津みなと未来塾",
            "アブラツミナトミライジュク",
            ("谷口 大輔", "タニグチ ダイスケ"),
            ("宮崎県日南市岩崎2丁目3番5号",),
            "887-0001",
            "0987-22-4004",
            "港町の活性化のため、空き店舗を活用した起業支援を行う活動",
            (3, 14),
            10,
            _officers(
                ("谷口 大輔", "タニグチ ダイスケ"),
                ("谷口 恵美", "タニグチ エミ"),
                ("日高 和也", "ヒダカ カズヤ"),
                ("谷口 正", "タニグチ タダシ"),
            ),
            ((Action.RECEIVE, date(2008, 11, 4)), (Action.REFUSE, date(2009, 2, 20))),
            notes="理事の親族要件(法第21条)を満たさず不認証。理由は書面で通知済み。",
            clerk=CLERKS[2],
        ),
        _Spec(
            "特定非営利活動法人 北郷里山の会",
            "キタゴウサトヤマノカイ",
            ("黒木 幸男", "クロギ ユキオ"),
            ("宮崎県日南市北郷町郷之原甲1200番地",),
            "889-2402",
            "0987-55-5005",
            "里山の森林保全と農山村の振興、環境学習を行う活動",
            (5, 7, 2),
            18,
            _officers(
                ("黒木 幸男", "クロギ ユキオ"),
                ("佐藤 千代子", "サトウ チヨコ"),
                ("甲斐 修一", "カイ シュウイチ"),
                ("長野 博", "ナガノ ヒロシ"),
            ),
            (
                ("correction_received_on", date(2014, 7, 20)),
                (Action.RECEIVE, date(2014, 7, 1)),
                (Action.CERTIFY, date(2014, 10, 15)),
                (Action.DELIVER_CERTIFICATE, date(2014, 10, 17)),
                (Action.REGISTER, date(2014, 10, 27)),
                (Action.ACCEPT_NOTICE, date(2014, 11, 10)),
            ),
            fiscal_year_start=(1, 1),
            clerk=CLERKS[2],
            reports_missing=3,  # 令和5・6・7年分: the 43条1項 warning
        ),
        _Spec(
            "特定非営利活動法人 日南子ども食堂ひまわり",
            "ニチナンコドモショクドウヒマワリ",
            ("岩切 由美", "イワキリ ユミ"),
            ("宮崎県日南市吾田西1丁目7番12号",),
            "887-0021",
            "0987-31-6006",
            "子ども食堂と学習支援を通じて子どもの居場所をつくる活動",
            (13, 1),
            21,
            _officers(
                ("岩切 由美", "イワキリ ユミ"),
                ("福島 大樹", "フクシマ ダイキ"),
                ("押川 陽子", "オシカワ ヨウコ"),
                ("坂元 亮", "サカモト リョウ"),
            ),
            (
                (Action.RECEIVE, date(2019, 5, 8)),
                (Action.CERTIFY, date(2019, 7, 10)),
                (Action.DELIVER_CERTIFICATE, date(2019, 7, 12)),
                (Action.REGISTER, date(2019, 7, 22)),
                (Action.ACCEPT_NOTICE, date(2019, 8, 5)),
            ),
        ),
        _Spec(
            "大堂津漁村文化研究会",
            "オオドウツギョソンブンカケンキュウカイ",
            ("外山 正義", "トヤマ マサヨシ"),
            ("宮崎県日南市大堂津4丁目10番1号",),
            "889-3141",
            "0987-27-7007",
            "漁村の歴史と食文化の調査・記録を行う活動",
            (6,),
            11,
            _officers(
                ("外山 正義", "トヤマ マサヨシ"),
                ("永野 明美", "ナガノ アケミ"),
                ("戸高 誠", "トダカ マコト"),
                ("日高 俊", "ヒダカ シュン"),
            ),
            ((Action.RECEIVE, date(2021, 3, 1)), (Action.WITHDRAW, date(2021, 3, 19))),
            notes="社員が10人に満たないことが判明し、申請者が取り下げた。再申請の相談あり。",
            clerk=CLERKS[1],
        ),
        _Spec(
            "特定非営利活動法人 日南スポーツクラブ",
            "ニチナンスポーツクラブ",
            ("松元 浩二", "マツモト コウジ"),
            ("宮崎県日南市星倉3丁目2番1号",),
            "887-0041",
            "0987-23-8008",
            "地域の誰もが参加できる総合型地域スポーツクラブの運営",
            (6, 13, 2),
            64,
            _officers(
                ("松元 浩二", "マツモト コウジ"),
                ("黒木 麻衣", "クロギ マイ"),
                ("井上 達也", "イノウエ タツヤ"),
                ("岩切 剛", "イワキリ ツヨシ"),
                ("児玉 恵", "コダマ メグミ"),
            ),
            (
                (Action.RECEIVE, date(2023, 9, 4)),
                (Action.CERTIFY, date(2023, 10, 30)),
                (Action.DELIVER_CERTIFICATE, date(2023, 11, 1)),
                (Action.REGISTER, date(2023, 11, 13)),
                (Action.ACCEPT_NOTICE, date(2023, 11, 27)),
            ),
            reports_missing=1,
        ),
        # --- the current caseload, relative to today ---------------------------------------------
        _Spec(
            "特定非営利活動法人 日南移住サポートセンター",
            "ニチナンイジュウサポートセンター",
            ("日高 真一", "ヒダカ シンイチ"),
            ("宮崎県日南市中央通2丁目4番3号",),
            "887-0031",
            "0987-22-9009",
            "移住希望者への情報提供と空き家の活用による定住促進を図る活動",
            (3, 16),
            13,
            _officers(
                ("日高 真一", "ヒダカ シンイチ"),
                ("甲斐 紀子", "カイ ノリコ"),
                ("佐藤 健", "サトウ ケン"),
                ("押川 誠二", "オシカワ セイジ"),
            ),
            (("consulted_on", ago(40)), ("founding_meeting_on", ago(20)), (Action.RECEIVE, ago(5))),
        ),
        _Spec(
            "特定非営利活動法人 ひなたの森こども園支援会",
            "ヒナタノモリコドモエンシエンカイ",
            ("永野 聡子", "ナガノ サトコ"),
            ("宮崎県日南市園田2丁目1番8号",),
            "887-0013",
            "0987-23-1010",
            "森の幼児教育の場を運営し、子育て家庭を支援する活動",
            (13, 7),
            16,
            _officers(
                ("永野 聡子", "ナガノ サトコ"),
                ("坂元 大輔", "サカモト ダイスケ"),
                ("井上 幸", "イノウエ サチ"),
                ("福島 哲也", "フクシマ テツヤ"),
            ),
            (("consulted_on", ago(70)), (Action.RECEIVE, ago(30)), ("correction_received_on", ago(25))),
            clerk=CLERKS[1],
        ),
        _Spec(
            "特定非営利活動法人 日南観光ボランティアガイドの会",
            "ニチナンカンコウボランティアガイドノカイ",
            ("矢野 洋一", "ヤノ ヨウイチ"),
            ("宮崎県日南市油津1丁目12番3号",),
            "887-0001",
            "0987-22-1111",
            "観光ボランティアガイドによる観光の振興と地域の魅力発信を行う活動",
            (4, 3),
            27,
            _officers(
                ("矢野 洋一", "ヤノ ヨウイチ"),
                ("黒木 美香", "クロギ ミカ"),
                ("長友 明", "ナガトモ アキラ"),
                ("戸高 律子", "トダカ リツコ"),
            ),
            ((Action.RECEIVE, ago(66)),),
            notes="審査会は月末開催。決定期限に注意。",
            overrides=(
                DeadlineOverride(
                    "decision_deadline", today + timedelta(days=2), "審査会の日程に合わせて前倒し"
                ),
            ),
        ),
        _Spec(
            "特定非営利活動法人 南那珂障がい者就労支援センター",
            "ミナミナカショウガイシャシュウロウシエンセンター",
            ("甲斐 博之", "カイ ヒロユキ"),
            ("宮崎県日南市戸高1丁目3番21号",),
            "887-0014",
            "0987-22-1212",
            "障がいのある人の就労訓練と雇用機会の拡充を図る活動",
            (1, 17),
            15,
            _officers(
                ("甲斐 博之", "カイ ヒロユキ"),
                ("岩切 智子", "イワキリ トモコ"),
                ("松元 誠", "マツモト マコト"),
                ("外山 恵子", "トヤマ ケイコ"),
            ),
            ((Action.RECEIVE, ago(60)), (Action.CERTIFY, ago(3))),
            clerk=CLERKS[2],
        ),
        _Spec(
            "特定非営利活動法人 日南防災ネット",
            "ニチナンボウサイネット",
            ("児玉 義男", "コダマ ヨシオ"),
            ("宮崎県日南市平野2丁目8番1号",),
            "887-0033",
            "0987-23-1313",
            "地域の防災訓練と災害時の救援活動を行う活動",
            (8, 9),
            22,
            _officers(
                ("児玉 義男", "コダマ ヨシオ"),
                ("押川 千晴", "オシカワ チハル"),
                ("佐藤 一", "サトウ ハジメ"),
                ("長野 美和", "ナガノ ミワ"),
            ),
            ((Action.RECEIVE, ago(80)), (Action.CERTIFY, ago(24)), (Action.DELIVER_CERTIFICATE, ago(10))),
        ),
        _Spec(
            "特定非営利活動法人 にちなん国際交流協会",
            "ニチナンコクサイコウリュウキョウカイ",
            ("福島 恵理", "フクシマ エリ"),
            ("宮崎県日南市春日町5番6号",),
            "887-0034",
            "0987-23-1414",
            "在住外国人の生活支援と国際交流・国際協力を行う活動",
            (11,),
            19,
            _officers(
                ("福島 恵理", "フクシマ エリ"),
                ("矢野 健太", "ヤノ ケンタ"),
                ("日高 文子", "ヒダカ フミコ"),
                ("甲斐 昇", "カイ ノボル"),
            ),
            (
                (Action.RECEIVE, ago(110)),
                (Action.CERTIFY, ago(55)),
                (Action.DELIVER_CERTIFICATE, ago(52)),
                (Action.REGISTER, ago(40)),
            ),
            clerk=CLERKS[1],
        ),
        _Spec(
            "特定非営利活動法人 日南IT活用推進協議会",
            "ニチナンアイティーカツヨウスイシンキョウギカイ",
            ("井上 拓也", "イノウエ タクヤ"),
            ("宮崎県日南市殿所1丁目9番2号",),
            "887-0032",
            "0987-22-1515",
            "高齢者向けスマートフォン教室など情報化社会の発展を図る活動",
            (14, 2),
            11,
            _officers(
                ("井上 拓也", "イノウエ タクヤ"),
                ("坂元 真由美", "サカモト マユミ"),
                ("永野 翼", "ナガノ ツバサ"),
                ("矢野 晴美", "ヤノ ハルミ"),
            ),
            (
                (Action.RECEIVE, ago(170)),
                (Action.CERTIFY, ago(120)),
                (Action.DELIVER_CERTIFICATE, ago(117)),
                (Action.REGISTER, ago(105)),
            ),
            notes="完了届の提出を電話で督促済み。",
            clerk=CLERKS[2],
        ),
        _Spec(
            "日南竹細工伝承会",
            "ニチナンタケザイクデンショウカイ",
            ("外山 トミ", "トヤマ トミ"),
            ("宮崎県日南市材木町2番3号",),
            "887-0011",
            "0987-22-1616",
            "竹細工の技術の伝承と体験教室を行う活動",
            (6, 2),
            10,
            _officers(
                ("外山 トミ", "トヤマ トミ"),
                ("黒木 正夫", "クロギ マサオ"),
                ("戸高 ミツ子", "トダカ ミツコ"),
                ("児玉 勉", "コダマ ツトム"),
            ),
            (("consulted_on", ago(14)), ("founding_meeting_on", ago(3))),
            notes="設立総会の議事録を確認中。申請は来月予定。",
        ),
        # --- enquiries that belong to another authority --------------------------------------------
        _Spec(
            "宮崎ことばの教室",
            "ミヤザキコトバノキョウシツ",
            ("佐藤 花子", "サトウ ハナコ"),
            ("宮崎県宮崎市橘通東1丁目9番10号",),
            "880-0805",
            "0985-20-1717",
            "ことばの発達に課題のある子どもと家族を支援する活動",
            (13, 1),
            12,
            _officers(
                ("佐藤 花子", "サトウ ハナコ"),
                ("日高 学", "ヒダカ マナブ"),
                ("岩切 裕子", "イワキリ ユウコ"),
                ("甲斐 豊", "カイ ユタカ"),
            ),
            (("consulted_on", ago(9)),),
            notes="主たる事務所が宮崎市のため、宮崎市(権限移譲)の窓口を案内した。",
            clerk=CLERKS[1],
        ),
        _Spec(
            "霧島・都城山歩きの会",
            "キリシマミヤコノジョウヤマアルキノカイ",
            ("坂元 和人", "サカモト カズト"),
            ("宮崎県都城市姫城町6街区21号", "鹿児島県霧島市国分中央3丁目45番1号"),
            "885-0024",
            "0986-23-1818",
            "霧島山系の自然保護と登山道の保全を行う活動",
            (7, 6),
            25,
            _officers(
                ("坂元 和人", "サカモト カズト"),
                ("松元 洋", "マツモト ヒロシ"),
                ("福島 由香", "フクシマ ユカ"),
                ("長友 勝", "ナガトモ マサル"),
            ),
            (("consulted_on", ago(33)),),
            notes="事務所が宮崎県と鹿児島県にあるため、主たる事務所のある宮崎県(都城市)の所轄と案内した。",
            clerk=CLERKS[2],
        ),
        _Spec(
            "日南・宮崎フードバンク",
            "ニチナンミヤザキフードバンク",
            ("永野 隆", "ナガノ タカシ"),
            ("宮崎県日南市吾田東3丁目2番2号", "宮崎県宮崎市大淀4丁目6番28号"),
            "887-0022",
            "0987-22-1919",
            "食品ロスの削減と生活困窮世帯への食品提供を行う活動",
            (1, 18),
            14,
            _officers(
                ("永野 隆", "ナガノ タカシ"),
                ("矢野 さおり", "ヤノ サオリ"),
                ("黒木 大地", "クロギ ダイチ"),
                ("押川 和子", "オシカワ カズコ"),
            ),
            (("consulted_on", ago(21)),),
            notes="従たる事務所が宮崎市にあり市外にまたがるため、宮崎県の所轄。県の窓口を案内した。",
        ),
    ]


def _facts_of(steps: Sequence[Step], settings: Settings, today: date) -> CaseFacts:
    facts = CaseFacts()
    for step, on in sorted(steps, key=lambda s: s[1]):
        if isinstance(step, Action):
            facts = apply_action(facts, step, on, settings, today=today)
        else:
            dated: dict[str, Any] = {step: on}
            facts = replace(facts, **dated)
    return facts


def _filings(
    facts: CaseFacts, settings: Settings, today: date, missing: int
) -> tuple[AnnualReportFiling, ...]:
    """The reports of the years already due, each received some days before its deadline, but the
    latest ``missing`` ones."""
    due = [r for r in annual_reports(facts, settings, today) if r.due.date < today]
    received = due[: max(len(due) - missing, 0)]
    early = [timedelta(days=7 + r.year.start.year % 13) for r in received]  # 1-3 weeks, varying
    pairs = zip(received, early, strict=True)
    return tuple(AnnualReportFiling(r.year.start, r.due.date - before) for r, before in pairs)


def _case(spec: _Spec, settings: Settings, today: date) -> Case:
    index = municipality_index()
    offices = []
    for position, address in enumerate(spec.offices):
        municipality = index.resolve(address).municipality
        kind = OfficeKind.MAIN if position == 0 else OfficeKind.BRANCH
        offices.append(Office(address, kind, municipality.code, municipality.prefecture))
    facts = replace(_facts_of(spec.steps, settings, today), fiscal_year_start=spec.fiscal_year_start)
    case = Case(
        name=spec.name,
        name_kana=spec.kana,
        representative=spec.representative[0],
        representative_kana=spec.representative[1],
        phone=spec.phone,
        email="",
        postal_code=spec.postal_code,
        purpose=spec.purpose,
        activity_fields=spec.activity_fields,
        member_count=spec.members,
        notes=spec.notes,
        clerk=spec.clerk,
        offices=tuple(offices),
        officers=tuple(Officer(name, role, kana) for name, kana, role in spec.officers),
        deadline_overrides=tuple(replace(o, set_by=spec.clerk) for o in spec.overrides),
        annual_reports=_filings(facts, settings, today, spec.reports_missing),
    )
    return with_facts(case, facts)


@dataclass(frozen=True)
class _Procedure:
    """A procedure after 設立 of one of the demo's corporations (named by its 設立 spec)."""

    corporation: str
    kind: CaseKind
    dates: tuple[tuple[MilestoneKind, date], ...]
    choices: dict[str, Any] = field(default_factory=dict)
    notes: str = ""


def _procedures(today: date) -> list[_Procedure]:
    """Every kind the desk meets after 設立, placed relative to ``today`` (docs/legal-reference.md §13):
    a 定款変更認証 in its 縦覧, a 合併 certified and awaiting its registration (both corporations), a
    解散 notified, a 認定 whose renewal window (51条3項) is open, and notices already done. The
    revocation candidate (43条1項) is 北郷里山の会, whose last three 事業報告書等 are missing."""

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    # 認定 5 months short of 5 years ago: it expires in about 5 months, so today lies in its renewal
    # window (6 to 3 months before the expiry) and the window's last day is about 2 months ahead.
    accredited = months_before(today, 55)
    obi, welfare = "特定非営利活動法人 飫肥城下町保存会", "特定非営利活動法人 にちなん福祉ネットワーク"
    himawari, sports = "特定非営利活動法人 日南子ども食堂ひまわり", "特定非営利活動法人 日南スポーツクラブ"
    M = MilestoneKind
    return [
        _Procedure(
            obi,
            CaseKind.OFFICER_CHANGE_NOTICE,
            ((M.OCCURRED, ago(400)), (M.RECEIVED, ago(392))),
            {  # the 役員名簿 after the change (23条): the corporation's officers from then on
                "officers": (
                    Officer("長友 一郎", "director", "ナガトモ イチロウ"),
                    Officer("黒木 恵美", "director", "クロギ エミ"),
                    Officer("坂元 勇", "director", "サカモト イサム"),
                    Officer("矢野 和夫", "auditor", "ヤノ カズオ"),
                )
            },
            notes="理事 押川 正子 の辞任と 黒木 恵美 の就任 (就任承諾書・住民票を添付)。",
        ),
        _Procedure(
            obi,
            CaseKind.ACCREDITATION,
            ((M.RECEIVED, accredited - timedelta(days=120)), (M.CERTIFIED, accredited)),
            notes="認定の有効期間は5年。更新の申請を案内済み。",
        ),
        _Procedure(
            obi,
            CaseKind.ARTICLES_AMENDMENT,
            ((M.RECEIVED, ago(4)),),
            {
                "registered_change": True,
                "articles_topics": (ArticlesTopic.PURPOSE, ArticlesTopic.ACTIVITIES),
            },
            notes="目的と事業の種類の変更 (観光案内事業の追加)。縦覧中。",
        ),
        _Procedure(
            welfare,
            CaseKind.ARTICLES_AMENDMENT_NOTICE,
            ((M.OCCURRED, ago(200)), (M.RECEIVED, ago(193))),
            {"articles_topics": (ArticlesTopic.ASSETS,)},
        ),
        _Procedure(
            welfare,
            CaseKind.DISSOLUTION,
            ((M.DISSOLVED, ago(45)), (M.RECEIVED, ago(38))),
            {"dissolution_ground": DissolutionGround.RESOLUTION},
            notes="社員総会の決議による解散。清算人は前理事長。清算結了の届出を待つ。",
        ),
        _Procedure(
            himawari,
            CaseKind.MERGER,
            ((M.RECEIVED, ago(60)), (M.CERTIFIED, ago(14)), (M.CERTIFICATE_DELIVERED, ago(8))),
            {"merger_role": MergerRole.SURVIVING},
            notes="日南スポーツクラブを吸収合併。債権者への公告・催告の準備中。",
        ),
        _Procedure(
            sports,
            CaseKind.MERGER,
            ((M.RECEIVED, ago(60)), (M.CERTIFIED, ago(14)), (M.CERTIFICATE_DELIVERED, ago(8))),
            {"merger_role": MergerRole.DISSOLVING},
            notes="日南子ども食堂ひまわりに吸収合併され、合併の登記で解散する。",
        ),
    ]


def seed_demo(store: Store, today: date) -> list[Case]:
    """Add the demonstration cases (meant for an empty database) and return them as stored: the
    設立 applications, then the later procedures of some of their corporations, each started and
    recorded through the store's checked API (``start_procedure``, ``save_case``)."""
    settings = load_settings(store)
    cases = [
        create_case(store, _case(spec, settings, today), who="デモデータ", today=today)
        for spec in _specs(today)
    ]
    corporations = {case.name: case for case in cases}
    for procedure in _procedures(today):
        founded = corporations[procedure.corporation]
        started = start_procedure(
            store,
            founded.corporation_id or 0,
            procedure.kind,
            who="デモデータ",
            today=today,
            clerk=founded.clerk,
        )
        milestones = tuple(Milestone(kind, on) for kind, on in procedure.dates)
        recorded = replace(started, milestones=milestones, notes=procedure.notes, **procedure.choices)
        cases.append(save_case(store, recorded, who="デモデータ"))
    return cases
