"""``python -m seedlint``."""

from .cli import run

raise SystemExit(run())
