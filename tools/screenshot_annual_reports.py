"""Screenshot of the editor's 事業報告書 tab, offscreen at 1366x768 with the demo caseload.

Run: ``python tools/screenshot_annual_reports.py [OUT_DIR]`` (default: screenshots/ in the checkout).
Shows 北郷里山の会, whose last three reports are missing (the 43条1項 warning); writes
editor_annual_reports.png, and main_dashboard_annual_reports.png (the dashboard with the reports due).
"""

from __future__ import annotations

from shots import SIZE, close_quietly, demo_store, open_case, output_dir, save

from npo_desk.gui.main_window import MainWindow


def main() -> None:
    out = output_dir()
    st = demo_store()
    editor = open_case(st, "H26-001")
    editor.tabs.setCurrentWidget(editor.annual_reports_tab)
    save(editor, out, "editor_annual_reports", wait_ms=200)
    close_quietly(editor)

    window = MainWindow(st)
    window.resize(*SIZE)
    window.show()
    save(window, out, "main_dashboard_annual_reports", wait_ms=400)
    window.close()
    st.close()


if __name__ == "__main__":
    main()
