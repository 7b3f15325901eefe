from kexie_desktop.cli import main

raise SystemExit(main())
