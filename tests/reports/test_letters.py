"""The letters from Word templates: each is filled from the case and 設定 and read back with python-docx
(name, 和暦 date, reasons), and anything a letter cannot say right is refused with its name
(特定非営利活動促進法12条3項: a 不認証 states its reason in writing)."""

from __future__ import annotations

import os
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npo_desk import paths
from npo_desk.domain.errors import InvalidInput
from npo_desk.domain.letters import LetterKind
from npo_desk.domain.settings import Settings
from npo_desk.reports.letters import (
    LetterRequest,
    copy_templates,
    default_file_name,
    letter_context,
    shipped_template_names,
    suggested_items,
    template_name,
    write_letter,
)
from npo_desk.store import Case, CaseKind, Milestone, MilestoneKind, Office

K = MilestoneKind
TODAY = date(2026, 12, 2)
SETTINGS = Settings(
    head_name="日南\u3000太郎",
    document_number_format="日南市指令第{番号}号",
    letter_contact="市民協働課 NPO担当\n電話 0987-31-1111",
)
REASONS = (
    "定款に記載された目的が、特定非営利活動を主たる目的とするものと認められないため（法第12条第1項第1号）。",
    "役員のうち報酬を受ける者の数が、役員の総数の3分の1を超えているため（法第2条第2項第1号ロ）。",
)


def _case(*dated: tuple[MilestoneKind, date], **fields: object) -> Case:
    return Case(
        name=str(fields.pop("name", "ひなた子ども食堂")),
        number="R8-003",
        representative="日向 花子",
        offices=(Office("宮崎県日南市中央通1丁目1-1"),),
        milestones=tuple(Milestone(kind, on) for kind, on in dated),
        **fields,  # type: ignore[arg-type]
    )


ESTABLISHED = (
    (K.RECEIVED, date(2020, 9, 1)),
    (K.CERTIFIED, date(2020, 11, 2)),
    (K.CERTIFICATE_DELIVERED, date(2020, 11, 4)),
    (K.REGISTERED, date(2020, 11, 10)),
    (K.REGISTRATION_NOTICE, date(2020, 11, 20)),
)
CERTIFIED = _case((K.RECEIVED, date(2026, 9, 1)), (K.CERTIFIED, date(2026, 11, 2)))
REFUSED = _case((K.RECEIVED, date(2026, 9, 1)), (K.REFUSED, date(2026, 11, 4)))
RECEIVED = _case((K.RECEIVED, date(2026, 11, 27)))
BEHIND = _case(*ESTABLISHED, fiscal_year_start=(4, 1))
UNNOTIFIED = _case(
    (K.RECEIVED, date(2026, 6, 1)),
    (K.CERTIFIED, date(2026, 8, 3)),
    (K.CERTIFICATE_DELIVERED, date(2026, 8, 5)),
    (K.REGISTERED, date(2026, 8, 10)),
)
REVOKED = _case(*ESTABLISHED, (K.REVOKED, date(2026, 11, 30)), fiscal_year_start=(4, 1))


def _text(path: Path) -> str:
    """Every paragraph of the letter, as python-docx reads it back."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _write(tmp_path: Path, case: Case, request: LetterRequest, settings: Settings = SETTINGS) -> str:
    out = tmp_path / f"{request.kind.value}-{case.kind.value}.docx"
    assert write_letter(case, settings, request, out, TODAY) == out
    return _text(out)


def test_certificate_names_the_corporation_the_date_in_wareki_and_the_mayor(tmp_path):
    """12条1項 (認証) and 3項 (その旨を書面により通知): dated the day of the 認証."""
    text = _write(tmp_path, CERTIFIED, LetterRequest(LetterKind.NINSHO, number="123"))
    assert "認\u3000証\u3000書" in text
    assert "日南市指令第123号" in text and "令和8年11月2日" in text and "令和8年9月1日付け" in text
    assert "特定非営利活動法人ひなた子ども食堂の設立" in text and "第12条第1項" in text
    assert "設立代表者\u3000日向 花子\u3000様" in text and "日南市長\u3000日南\u3000太郎" in text
    assert "市民協働課 NPO担当" in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize(
    ("kind", "template", "wording", "label"),
    [
        (
            CaseKind.ARTICLES_AMENDMENT,
            "ninsho-teikan-henko.docx",
            "第25条第5項において準用する第12条第1項",
            "定款の変更",
        ),
        (CaseKind.MERGER, "ninsho-gappei.docx", "第34条第5項において準用する第12条第1項", "合併"),
    ],
)
def test_the_certificate_of_an_amendment_or_a_merger_is_its_own_template(
    tmp_path, kind, template, wording, label
):
    """25条5項 and 34条5項 apply 12条 to the 認証 of a 定款変更 and of a 合併."""
    assert template_name(LetterKind.NINSHO, kind.value) == template
    case = replace(CERTIFIED, kind=kind, name="特定非営利活動法人ひなた子ども食堂")
    text = _write(tmp_path, case, LetterRequest(LetterKind.NINSHO))
    assert wording in text and "代表者\u3000日向 花子" in text and "設立代表者" not in text
    assert "特定非営利活動法人特定非営利活動法人" not in text
    assert default_file_name(case, LetterKind.NINSHO) == f"R8-003_認証書（{label}）.docx"


def test_refusal_carries_every_reason_typed_and_the_decision_day(tmp_path):
    """12条3項: the 不認証 and its reasons, in writing."""
    text = _write(tmp_path, REFUSED, LetterRequest(LetterKind.FUNINSHO, REASONS))
    assert all(reason in text for reason in REASONS)
    assert "（1）" in text and "（2）" in text
    assert "令和8年11月4日" in text and "第12条第3項" in text and "審査請求" in text


def test_refusal_without_a_reason_is_refused_and_writes_nothing(tmp_path):
    out = tmp_path / "不認証.docx"
    with pytest.raises(InvalidInput, match="不認証の理由"):
        write_letter(REFUSED, SETTINGS, LetterRequest(LetterKind.FUNINSHO, ("  ",)), out, TODAY)
    assert not out.exists()


def test_correction_request_gives_the_domains_deadline_and_article(tmp_path):
    """令和2年法律第72号: 補正 within 1 week of receipt under 10条4項 (docs/legal-reference.md §4.2)."""
    text = _write(tmp_path, RECEIVED, LetterRequest(LetterKind.HOSEI, ("設立趣旨書の日付がありません。",)))
    assert "令和8年12月4日までに補正" in text and "第10条第4項" in text
    assert "設立趣旨書の日付がありません。" in text and "令和8年12月2日" in text  # dated today


def test_correction_of_an_amendment_cites_10_through_25(tmp_path):
    """25条5項 applies 10条4項 to the 認証 of a 定款変更 (docs/legal-reference.md §13.2)."""
    case = replace(RECEIVED, kind=CaseKind.ARTICLES_AMENDMENT)
    text = _write(tmp_path, case, LetterRequest(LetterKind.HOSEI, ("定款の新旧対照表がありません。",)))
    assert "第25条第5項において準用する第10条第4項の規定により、令和8年12月4日までに補正" in text
    assert "定款の変更の認証の申請" in text


def test_correction_after_its_deadline_or_before_the_rule_existed_is_refused(tmp_path):
    """Before 2012-04-01 the Act had no 補正 rule (平成23年法律第70号)."""
    late = LetterRequest(LetterKind.HOSEI, ("書類",), on=date(2026, 12, 7))
    with pytest.raises(InvalidInput, match="補正の期限 \\(令和8年12月4日\\) を過ぎています"):
        write_letter(RECEIVED, SETTINGS, late, tmp_path / "x.docx", TODAY)
    old = _case((K.RECEIVED, date(2005, 4, 1)))
    with pytest.raises(InvalidInput, match="補正の規定が適用されません"):
        write_letter(old, SETTINGS, LetterRequest(LetterKind.HOSEI, ("書類",)), tmp_path / "x.docx", TODAY)


def test_annual_report_reminder_lists_the_missing_years(tmp_path):
    """29条: one 事業報告書等 a year, due within 3 months of the next year's start (条例, §4.7)."""
    text = _write(tmp_path, BEHIND, LetterRequest(LetterKind.TOKUSOKU_JIGYO_HOKOKU))
    assert "令和2年度分（提出期限 令和3年6月30日）" in text
    assert "令和7年度分（提出期限 令和8年6月30日）" in text
    assert "令和8年度分" not in text  # not due yet
    up_to_date = replace(BEHIND, annual_reports_tracked_from=date(2026, 4, 1))
    with pytest.raises(InvalidInput, match="未提出の事業報告書等はありません"):
        _write(tmp_path, up_to_date, LetterRequest(LetterKind.TOKUSOKU_JIGYO_HOKOKU))


def test_registration_notice_reminder_needs_a_notice_still_missing(tmp_path):
    """13条2項: 設立登記完了届 「遅滞なく」."""
    text = _write(tmp_path, UNNOTIFIED, LetterRequest(LetterKind.TOKUSOKU_TOKI))
    assert "令和8年8月3日付けで設立の認証" in text and "令和8年8月10日" in text
    with pytest.raises(InvalidInput, match="受理済み"):
        _write(tmp_path, BEHIND, LetterRequest(LetterKind.TOKUSOKU_TOKI))


def test_revocation_cites_43_after_registration_with_its_reasons(tmp_path):
    """43条1項: 3年以上 事業報告書等 not filed; the NPO then dissolves (31条1項7号)."""
    (suggested,) = suggested_items(REVOKED, SETTINGS, LetterKind.TORIKESHI, date(2026, 11, 30))
    assert "第43条第1項" in suggested
    text = _write(tmp_path, REVOKED, LetterRequest(LetterKind.TORIKESHI, (suggested,)))
    assert suggested in text and "第43条の規定により" in text and "令和8年11月30日" in text
    assert "第31条第1項第7号" in text
    with pytest.raises(InvalidInput, match="取消しの理由"):
        _write(tmp_path, REVOKED, LetterRequest(LetterKind.TORIKESHI))


def test_a_decision_letter_needs_its_decision_recorded_whatever_its_date(tmp_path):
    for request in (LetterRequest(LetterKind.NINSHO), LetterRequest(LetterKind.NINSHO, on=TODAY)):
        with pytest.raises(InvalidInput, match="認証日が記録されていません"):
            _write(tmp_path, RECEIVED, request)


def test_no_mayor_in_settings_is_refused_naming_the_setting(tmp_path):
    with pytest.raises(InvalidInput, match="首長名"):
        _write(tmp_path, CERTIFIED, LetterRequest(LetterKind.NINSHO), Settings())


def test_names_with_markup_characters_stay_text(tmp_path):
    case = replace(CERTIFIED, name="子ども<未来>&まちづくり")
    assert "特定非営利活動法人子ども<未来>&まちづくり" in _write(
        tmp_path, case, LetterRequest(LetterKind.NINSHO)
    )


def test_control_characters_are_refused_with_the_field_named(tmp_path):
    case = replace(CERTIFIED, representative="日向\x0b花子")
    with pytest.raises(InvalidInput, match="「代表者」"):
        _write(tmp_path, case, LetterRequest(LetterKind.NINSHO))


def test_the_letter_is_private_and_whole(tmp_path, loose_umask):
    out = tmp_path / "認証書.docx"
    write_letter(CERTIFIED, SETTINGS, LetterRequest(LetterKind.NINSHO), out, TODAY)
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["認証書.docx"]


def _edited(source: Path, target: Path, old: str, new: str) -> None:
    """``source`` with ``old`` replaced by ``new`` in its text: the clerk's edit in Word."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode().replace(old, new).encode()
            zout.writestr(item, data)


def test_a_template_in_the_settings_folder_replaces_the_shipped_one(tmp_path):
    folder = tmp_path / "templates"
    copied = copy_templates(folder)
    assert sorted(p.name for p in copied) == sorted(shipped_template_names())
    own = folder / "ninsho-setsuritsu.docx"
    _edited(paths.TEMPLATES_DIR / own.name, own, "認\u3000証\u3000書", "特定非営利活動法人設立認証書")
    settings = replace(SETTINGS, template_folder=str(folder))
    assert "特定非営利活動法人設立認証書" in _write(
        tmp_path, CERTIFIED, LetterRequest(LetterKind.NINSHO), settings
    )
    assert copy_templates(folder) == []  # the clerk's edits are kept
    assert "特定非営利活動法人設立認証書" in _text(own)


def test_a_template_naming_a_value_we_do_not_provide_is_refused_naming_it(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    _edited(
        paths.TEMPLATES_DIR / "ninsho-setsuritsu.docx",
        folder / "ninsho-setsuritsu.docx",
        "{{ 代表者 }}",
        "{{ 理事長 }}",
    )
    settings = replace(SETTINGS, template_folder=str(folder))
    with pytest.raises(InvalidInput, match=r"\{\{ 理事長 \}\}"):
        _write(tmp_path, CERTIFIED, LetterRequest(LetterKind.NINSHO), settings)


def test_a_template_with_broken_placeholders_or_not_a_word_file_is_refused(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    _edited(paths.TEMPLATES_DIR / "funinsho.docx", folder / "funinsho.docx", "{%p endfor %}", "")
    (folder / "hosei.docx").write_text("not a docx", encoding="utf-8")
    settings = replace(SETTINGS, template_folder=str(folder))
    with pytest.raises(InvalidInput, match=r"funinsho\.docx.*書き方に誤り"):
        _write(tmp_path, REFUSED, LetterRequest(LetterKind.FUNINSHO, REASONS), settings)
    with pytest.raises(InvalidInput, match=r"hosei\.docx.*読めません"):
        _write(tmp_path, RECEIVED, LetterRequest(LetterKind.HOSEI, ("書類",)), settings)


def test_every_shipped_template_refers_only_to_values_we_provide():
    from docxtpl import DocxTemplate

    provided = set(letter_context(CERTIFIED, SETTINGS, LetterRequest(LetterKind.NINSHO), TODAY))
    for name in shipped_template_names():
        used = DocxTemplate(str(paths.TEMPLATES_DIR / name)).get_undeclared_template_variables()
        assert used and used <= provided, (name, used - provided)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp"), max_codepoint=0x2FFFF),
        min_size=1,
        max_size=40,
    ).filter(lambda text: text.strip())
)
def test_any_reason_typed_comes_back_verbatim(tmp_path, reason):
    """Whatever the clerk types (markup, braces, 「{{ }}」, rare kanji) is printed as typed: escaped,
    never run as a template."""
    text = _write(tmp_path, REFUSED, LetterRequest(LetterKind.FUNINSHO, (reason,)))
    assert f"（1）{reason.strip()}" in text.splitlines()
