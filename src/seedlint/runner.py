"""Many files: discovery, reading, and linting each one."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .config import Config, Settings, glob_match
from .diagnostics import Diagnostic
from .frontmatter import file_diagnostic
from .linter import LintResult, lint_bytes
from .schema import CompiledSchema


@dataclass
class Discovery:
    """The files to lint, in a deterministic order, and the paths that could not be used."""

    files: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def _included(path: str, config: Config, explicit: bool) -> bool:
    relative = config.relative(path)
    if any(glob_match(relative, pattern) for pattern in config.exclude):
        return False
    return explicit or any(glob_match(relative, pattern) for pattern in config.include)


def discover(paths: Iterable[str], config: Config) -> Discovery:
    """Expand directories (hidden folders skipped, symlinked folders not followed) into files.

    A file named explicitly is always linted unless excluded; files found in a directory
    must match ``include``.
    """
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    for raw in paths:
        path = os.path.normpath(raw) if raw not in ("-", "") else raw
        if os.path.isdir(path):
            for file in _walk(path, found):
                if _included(file, config, explicit=False):
                    add(file)
        elif os.path.lexists(path):
            if _included(path, config, explicit=True):
                add(path)
        else:
            found.problems.append(file_diagnostic(
                path, "SL012", "no such file or directory"))
    return found


def _walk(top: str, found: Discovery) -> Iterator[str]:
    def on_error(error: OSError) -> None:
        found.problems.append(file_diagnostic(
            error.filename or top, "SL012",
            f"cannot read the directory: {error.strerror or error}"))

    for folder, dirs, files in os.walk(top, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(folder, name)


def read(path: str) -> bytes | Diagnostic:
    """A file's bytes, or the diagnostic saying why it cannot be read."""
    try:
        if os.path.isdir(path):
            return file_diagnostic(path, "SL012", "is a directory, not a file")
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        reason = "a broken symbolic link" if os.path.islink(path) else \
            "the file disappeared while linting"
        return file_diagnostic(path, "SL012", f"cannot read the file: {reason}")
    except OSError as error:
        return file_diagnostic(path, "SL012", f"cannot read the file: {error.strerror or error}")


def lint_one(path: str, config: Config, schema: CompiledSchema | None = None) -> LintResult:
    data = read(path)
    if isinstance(data, Diagnostic):
        return LintResult(path, [data])
    return lint_bytes(data, path, config, schema)


def lint_files(
    files: Sequence[str], settings: Settings | Config, jobs: int | None = 1,
    cache_dir: str | None = None,
) -> list[LintResult]:
    """Lint ``files`` in order; a file that cannot be read becomes a diagnostic."""
    if isinstance(settings, Config):
        settings = Settings(settings)
    return [lint_one(path, settings.config_for(path)) for path in files]
