"""PySide6 windows, item models and dialogs: a front door with no rules of its own."""
