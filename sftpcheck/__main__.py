from sftpcheck.cli import main

raise SystemExit(main())
