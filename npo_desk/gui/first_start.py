"""First start on an empty database: ask for our authority and offer the demo cases.

Without an authority no 所轄庁 verdict can be given, so it is asked before anything else; the demo
data lets a newcomer see a living dashboard at once (and is off by default for a real ledger).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from npo_desk import refdata, store
from npo_desk.domain.errors import InvalidInput
from npo_desk.gui import clock
from npo_desk.gui.editor import styles
from npo_desk.gui.editor.offices_tab import AddressCompleter
from npo_desk.gui.errors import reported
from npo_desk.gui.forms import child, load_into
from npo_desk.gui.help import HelpTopic, install_help
from npo_desk.gui.settings_dialog import describe_authority, resolve_home_authority
from npo_desk.gui.ui_state import ui_settings
from npo_desk.gui.user import current_user

_DONE_KEY = "first_start_done"


def _done_key(st: store.Store) -> str:
    return f"{_DONE_KEY}/{st.display_name}"


def needs_first_start(st: store.Store) -> bool:
    """An empty ledger (no case, no settings ever changed) that has not been set up from this account."""
    if ui_settings().value(_done_key(st)) is not None:
        return False
    if store.list_cases(st, store.CaseQuery(limit=1)) or store.list_cases(
        st, store.CaseQuery(deleted=True, limit=1)
    ):
        return False
    return not store.settings_history(st)


class FirstStartDialog(QDialog):
    def __init__(self, st: store.Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("first_start", self)
        install_help(self, HelpTopic.SETTINGS_AUTHORITY)
        self.store = st
        self.index = refdata.municipality_index()
        self.authority = child(self, QLineEdit, "authorityEdit")
        self.hint = child(self, QLabel, "authorityHint")
        self.demo = child(self, QCheckBox, "demoCheck")
        self.buttons = child(self, QDialogButtonBox, "buttonBox")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("開始"))
        AddressCompleter(self.index, self.authority)
        self.authority.textChanged.connect(self._update_hint)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.authority.setText(store.load_settings(st).home_authority)
        self._update_hint()

    def _resolve(self) -> str:
        """The authority's full name as the list spells it; InvalidInput in Japanese otherwise."""
        return resolve_home_authority(self.index, self.authority.text()).full_name

    def _update_hint(self) -> None:
        try:
            found = self.index.resolve_authority(self._resolve())
        except InvalidInput as err:
            self.hint.setText(str(err))
            styles.mark(self.hint, styles.ERROR)
            return
        self.hint.setText(describe_authority(found))
        styles.mark(self.hint, styles.INFO)

    def accept(self) -> None:
        try:
            authority = self._resolve()
        except InvalidInput as err:
            self.hint.setText(str(err))
            styles.mark(self.hint, styles.ERROR)
            self.authority.setFocus()
            return
        done = False
        with reported(self):
            settings = replace(store.load_settings(self.store), home_authority=authority)
            store.save_settings(self.store, settings, who=current_user())
            if self.demo.isChecked():
                store.seed_demo(self.store, clock.today())
            done = True
        if done:
            marker = ui_settings()
            marker.setValue(_done_key(self.store), True)
            marker.sync()
            super().accept()
