from kexie_desktop.launcher import main

raise SystemExit(main())
