"""Printed reports, CSV/XLSX export and import; they compute nothing of their own.

Deadlines, stages, profiles, 所轄庁 and 和暦 come from ``npo_desk.domain``; cases from ``npo_desk.store``.

- ``deadline_report``: 期限一覧表 (A4 landscape) -> ``table`` (rows in, pages out) -> ``paint``/``qt``
- ``case_sheet``: 案件票, one A4 portrait page per case
- ``layouts``: the 内閣府 60-column header and the ledger header, and how a case fills them
- ``sheets``: CSV (cp932 / UTF-8 BOM) and XLSX writers: unencodable text, formula neutralising
- ``exporting``: the three export layouts (cabinet-office, ledger, statistics) over the store
- ``tables_in`` + ``importer``: reading CSV/XLSX, checking every row, all-or-nothing import
- ``commands``: the ``report``, ``export`` and ``import`` subcommands of the CLI
"""
