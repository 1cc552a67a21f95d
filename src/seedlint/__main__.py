"""``python -m seedlint``."""

from .cli import main

raise SystemExit(main())
