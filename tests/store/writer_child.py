"""A writer process for the crash tests: saves a case, either hanging inside the transaction
(``hang``) or in an endless loop (``loop``), so the test can kill it with SIGKILL mid-save."""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from sqlalchemy import event
from sqlalchemy.orm import Session

import npo_desk.store as st


def main() -> None:
    url, case_id, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    store = st.open_store(url)
    case = st.get_case(store, case_id)
    if mode == "hang":

        @event.listens_for(Session, "before_commit")
        def _hang(session: Session) -> None:  # everything is flushed, nothing committed yet
            print("flushed", flush=True)
            time.sleep(300)

        st.save_case(store, replace(case, notes="未確定の変更", member_count=99, offices=()), who="kill")
        return
    while True:
        case = st.save_case(store, replace(case, notes=f"保存{case.version + 1}回目"), who="loop")
        print(case.version, flush=True)


if __name__ == "__main__":
    main()
