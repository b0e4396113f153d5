"""Store errors the clerk can act on: each message is one complete Japanese sentence naming what to do."""

from __future__ import annotations

from npo_desk.domain.errors import NpoDeskError


class StoreError(NpoDeskError):
    """Anything the store refuses or cannot do; nothing was written when it is raised."""


class ConcurrentEditError(StoreError):
    """Someone else saved (or deleted) the case after it was opened here."""

    def __init__(self, number: str) -> None:
        super().__init__(
            f"案件「{number}」は、この画面で開いた後に別の画面または別の職員によって保存されています。"
            "上書きを防ぐため保存しませんでした。案件を開き直して最新の内容を確認してから、もう一度変更してください。"
        )


class CaseNotFound(StoreError):
    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"案件 (ID {case_id}) は見つかりません。削除されたか、別のデータベースを開いています。"
        )


class DuplicateCaseNumber(StoreError):
    def __init__(self, number: str) -> None:
        super().__init__(
            f"案件番号「{number}」は既に使われています。別の番号を指定するか、空欄にして自動で付番してください。"
        )


class DatabaseUnusable(StoreError):
    """The database file or server cannot be used as it is; it was not modified."""


class StoreBusy(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "データベースが他の処理で使用中のため、保存できませんでした。少し待ってからもう一度操作してください。"
        )


class CorporationNotFound(StoreError):
    def __init__(self, corporation_id: int) -> None:
        super().__init__(
            f"法人 (ID {corporation_id}) は見つかりません。削除されたか、別のデータベースを開いています。"
        )


class ConcurrentCorporationEdit(ConcurrentEditError):
    """Someone else saved the corporation (or one of its 設立 application's names) after it was read."""

    def __init__(self, name: str) -> None:
        StoreError.__init__(
            self,
            f"法人「{name}」は、この画面で開いた後に別の画面または別の職員によって保存されています。"
            "上書きを防ぐため保存しませんでした。法人を開き直して最新の内容を確認してから、もう一度変更してください。",
        )
