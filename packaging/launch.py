"""The frozen app's entry point: the same ``npo_desk.cli.main`` the ``npo-desk`` command runs.

PyInstaller needs a script, not an entry point; this file is that script (see npo-desk.spec).
"""

from npo_desk.cli import main

raise SystemExit(main())
