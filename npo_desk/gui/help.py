"""The user guide (resources/help/guide.html) in a help window, and F1 in every window and dialog.

One mechanism: a window declares its help topic (a fixed ``HelpTopic`` or a function of its current
tab) and ``install_help`` gives it an F1 action that opens the guide at that topic's anchor. The guide
is plain HTML read from the resources folder that the wheel carries, shown with Qt's own
``QTextBrowser`` in the application font (the bundled IPAex Gothic): no network, no help server.

The contents list beside the text is built from the guide's own ``<h2>``/``<h3>`` headings and their
anchors, so adding a section to the HTML adds it to the list; ``HelpTopic`` names only the anchors
the code opens, and a test checks that each of them exists in the guide.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from npo_desk import paths


class HelpTopic(StrEnum):
    """Anchors of the guide that windows open with F1 (``<a name="…">`` in guide.html)."""

    OVERVIEW = "top"
    DASHBOARD = "dashboard"
    CASE_LIST = "case-list"
    CORPORATION_LIST = "corporation-list"
    PROCEDURE_LIST = "procedure-list"
    DELETED_CASES = "deleted-cases"
    EDITOR = "editor"
    EDITOR_BASICS = "editor-basics"
    EDITOR_OFFICES = "editor-offices"
    EDITOR_OFFICERS = "editor-officers"
    EDITOR_ACTIVITIES = "editor-activities"
    EDITOR_DOCUMENTS = "editor-documents"
    EDITOR_DEADLINES = "editor-deadlines"
    EDITOR_ANNUAL_REPORTS = "editor-annual-reports"
    EDITOR_HISTORY = "editor-history"
    EDITOR_NOTES = "editor-notes"
    CORPORATION = "corporation"
    PROCEDURE_EDITOR = "procedure-editor"
    STAGE_ACTIONS = "stage-actions"
    DEADLINES = "deadlines"
    LAW_VERSIONS = "law-versions"
    MANUAL_DATES = "manual-dates"
    CLOSED_DAYS = "closed-days"
    JURISDICTION = "jurisdiction"
    IMPORT = "import"
    EXPORT = "export"
    PRINTING = "printing"
    LETTERS = "letters"
    BACKUP = "backup"
    SETTINGS = "settings"
    SETTINGS_AUTHORITY = "settings-authority"
    SETTINGS_DEADLINES = "settings-deadlines"
    SETTINGS_CLOSED_DAYS = "settings-closed-days"
    SETTINGS_CLERKS = "settings-clerks"
    SETTINGS_LETTERS = "settings-letters"


TopicSource = HelpTopic | Callable[[], HelpTopic]


def guide_url(topic: HelpTopic | None = None) -> QUrl:
    """The guide's file URL, pointing at ``topic``'s anchor when one is given."""
    url = QUrl.fromLocalFile(str(paths.HELP_FILE))
    if topic is not None:
        url.setFragment(topic.value)
    return url


def document_anchors(document: QTextDocument) -> set[str]:
    """Every anchor name in a loaded document, as Qt parsed it (what ``scrollToAnchor`` can reach)."""
    names: set[str] = set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            names.update(it.fragment().charFormat().anchorNames())
            it += 1
        block = block.next()
    return names


def _heading_anchor(block: QTextBlock) -> str | None:
    """The first anchor name in a heading block, if it has one."""
    it = block.begin()
    while not it.atEnd():
        names = it.fragment().charFormat().anchorNames()
        if names:
            return str(names[0])
        it += 1
    return None


class HelpWindow(QWidget):
    """The guide: contents on the left, the text on the right, a search field above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("使い方"))
        self.current_topic: HelpTopic | None = None
        self.resize(1000, 720)

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        # The text and its tables wrap to the width; a full-width table's border would otherwise add a
        # one-pixel horizontal scroll bar.
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents = QTreeWidget(self)
        self.contents.setObjectName("helpContents")
        self.contents.setHeaderHidden(True)
        self.contents.itemActivated.connect(self._go_to_item)
        self.contents.itemClicked.connect(self._go_to_item)

        self.search = QLineEdit(self)
        self.search.setObjectName("helpSearch")
        self.search.setPlaceholderText(self.tr("使い方の中を検索 (Enter で次へ)"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search_status = QLabel(self)
        search_label = QLabel(self.tr("検索(&S)"), self)
        search_label.setBuddy(self.search)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.search_status)
        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.search.setFocus)
        self.addAction(find)
        close = QAction(self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.close)
        self.addAction(close)

        self.browser.setSource(guide_url())
        self._fill_contents()

    @property
    def anchors(self) -> set[str]:
        return document_anchors(self.browser.document())

    def _fill_contents(self) -> None:
        """One entry per <h2>, with its <h3> below it, from the loaded guide."""
        self.contents.clear()
        parent: QTreeWidgetItem | None = None
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            anchor = _heading_anchor(block) if level in (2, 3) else None
            if anchor is not None:
                item = QTreeWidgetItem([block.text().strip()])
                item.setData(0, Qt.ItemDataRole.UserRole, anchor)
                if level == 2 or parent is None:
                    self.contents.addTopLevelItem(item)
                    parent = item
                else:
                    parent.addChild(item)
            block = block.next()
        self.contents.expandAll()

    def _go_to_item(self, item: QTreeWidgetItem) -> None:
        self.browser.scrollToAnchor(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def show_topic(self, topic: HelpTopic) -> None:
        """Scroll to ``topic`` and select it in the contents."""
        self.browser.scrollToAnchor(topic.value)
        self.current_topic = topic
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == topic.value:
                self.contents.setCurrentItem(item)
                break

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        it = QTreeWidgetItemIterator(self.contents)
        while (item := it.value()) is not None:
            found.append(item)
            it += 1
        return found

    def find_next(self) -> bool:
        """Select the next occurrence of the search text, wrapping to the top once."""
        text = self.search.text().strip()
        self.search_status.clear()
        if not text:
            return False
        if self.browser.find(text):
            return True
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        if self.browser.find(text):
            return True
        self.search_status.setText(self.tr("見つかりません"))
        return False


def _owner_for(source: QWidget) -> QWidget:
    """The window the help window belongs to: a modal dialog that is open (else the help window would
    be blocked by it), or the outermost window of ``source``."""
    app = QApplication.instance()
    modal = app.activeModalWidget() if isinstance(app, QApplication) else None
    if modal is not None:
        return modal
    window = source.window()
    while (above := window.parentWidget()) is not None:
        window = above.window()
    return window


def show_help(source: QWidget, topic: HelpTopic) -> HelpWindow:
    """Open (or raise) the guide at ``topic``; one help window per top-level window."""
    owner = _owner_for(source)
    window = owner.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if window is None:
        window = HelpWindow(owner)
    window.show()
    window.raise_()
    window.activateWindow()
    window.show_topic(topic)
    return window


def _resolve(topic: TopicSource) -> HelpTopic:
    return topic if isinstance(topic, HelpTopic) else topic()


def install_help(widget: QWidget, topic: TopicSource, action: QAction | None = None) -> QAction:
    """Make F1 in ``widget`` (and its children) open the guide at ``topic``.

    ``topic`` may be a function, asked at the moment F1 is pressed (the current tab's section).
    ``action`` is an existing menu action to use (the main window's ヘルプ → 使い方); without one a
    new shortcut-only action is added to ``widget``.
    """
    if action is None:
        action = QAction(widget)
        action.setObjectName("helpAction")
        action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        widget.addAction(action)
    action.triggered.connect(lambda _checked=False: show_help(widget, _resolve(topic)))
    return action
