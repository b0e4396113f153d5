from npo_desk.cli import main

raise SystemExit(main())
