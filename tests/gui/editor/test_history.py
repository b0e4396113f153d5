"""履歴: the store's audit history, newest first, dates shown in 和暦."""

from __future__ import annotations

from datetime import date

from npo_desk.domain.lifecycle import Action
from npo_desk.gui.editor.history_tab import shown
from tests.gui.editor.cases import case


def test_saved_changes_appear_in_the_history(dialogs, open_editor, create):
    editor = open_editor(create(case(received=date(2026, 11, 1))).id)
    tree = editor.history_tab.tree
    assert tree.topLevelItemCount() == 1  # 登録
    editor.session.edit("代表者", representative="日南 花子")
    dialogs.dates.append(date(2026, 11, 27))
    assert editor.take_action(Action.CERTIFY)
    assert tree.topLevelItemCount() == 1  # nothing saved yet: nothing recorded
    assert editor.save()
    rows = [[tree.topLevelItem(i).text(c) for c in range(5)] for i in range(tree.topLevelItemCount())]
    assert len(rows) == 3
    by_label = {row[2]: row for row in rows}
    assert by_label["認証"][4] == "令和8年11月27日"
    assert by_label["代表者"][3:] == ["河野 美智子", "日南 花子"]
    assert rows[-1][2] == "登録"  # oldest last


def test_recorded_dates_are_shown_in_wareki_and_other_text_as_is():
    assert shown("2019-05-01") == "令和元年5月1日"
    assert shown("2026-12-04 理由: 延長") == "令和8年12月4日 理由: 延長"
    assert shown("0987-22-0002") == "0987-22-0002"
    assert shown("2026-13-45") == "2026-13-45"
    assert shown(None) == ""
