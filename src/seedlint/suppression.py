"""Inline suppression comments (``# seedlint: disable=SL201``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from .config import Config
    from .source import Document


def apply_suppressions(diagnostics: list[Diagnostic], doc: Document, config: Config) -> list[Diagnostic]:
    """Drop suppressed diagnostics; report unused or unknown suppressions."""
    return diagnostics
