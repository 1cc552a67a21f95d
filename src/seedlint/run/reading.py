"""One file or one text through the pipeline, guarded: a file that cannot be read, or a
failure inside seedlint, becomes a diagnostic, never a traceback."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..config import Config
from ..diagnostics import Diagnostic, LintResult, SourceLines, file_diagnostic
from ..limits import Limits
from ..safeio import NotRegularFile, TooLarge, read_bounded
from ..schemafile import SchemaError

if TYPE_CHECKING:
    from ..schema import CompiledSchema

# A schema that cannot be used stops the run (exit 2) instead of failing every file.
SCHEMA_ERRORS = (SchemaError,)


def read_with_stat(path: str, limit: int) -> tuple[bytes, os.stat_result] | Diagnostic:
    """A file's bytes and its stat data taken before reading (so a write racing the read
    shows up as a changed stat next time), or the diagnostic saying why it cannot be read.

    A file larger than ``limit`` (``max-file-size``) is refused from its stat data,
    before a byte of it is read (see :mod:`seedlint.safeio`)."""
    try:
        if os.path.isdir(path):
            return file_diagnostic(path, "SL012", "is a directory, not a file")
        return read_bounded(path, limit)
    except TooLarge as error:
        return too_large(path, error.limit, error.size)
    except NotRegularFile:  # a FIFO, a socket or a device: maybe endless
        return file_diagnostic(
            path,
            "SL012",
            "cannot read the file: it is not a regular file (a FIFO, socket or device)",
        )
    except FileNotFoundError:
        reason = (
            "a broken symbolic link"
            if os.path.islink(path)
            else "the file disappeared while linting"
        )
        return file_diagnostic(path, "SL012", f"cannot read the file: {reason}")
    except OSError as error:
        return file_diagnostic(path, "SL012", f"cannot read the file: {error.strerror or error}")
    except MemoryError:
        return file_diagnostic(path, "SL012", "cannot read the file: out of memory")


def too_large(path: str, limit: int, size: int | None = None) -> Diagnostic:
    """SL009 for a record over ``max-file-size``: a file of ``size`` bytes, or standard
    input (``size`` unknown: it is not read to its end)."""
    what = f"the file is {size:,} bytes, more" if size is not None else "standard input holds more"
    return file_diagnostic(
        path,
        "SL009",
        f"{what} than the max-file-size limit of {limit:,} bytes; no real record is that large",
    )


def read(path: str, limit: int = Limits.max_file_size) -> bytes | Diagnostic:
    """A file's bytes (at most ``limit``), or the diagnostic saying why it cannot be read."""
    found = read_with_stat(path, limit)
    return found if isinstance(found, Diagnostic) else found[0]


def source_of_unlinted(path: str, diagnostics: Sequence[Diagnostic]) -> SourceLines | None:
    """The source lines of a file that could not be linted (not read, over the configured
    max-file-size, crashed), as far as it can be read within the default size bound;
    ``None`` when it cannot, or is not UTF-8 text."""
    from ..snippets import source_lines_of_bytes  # the decoder: not for a cached run

    data = read(path)
    return None if isinstance(data, Diagnostic) else source_lines_of_bytes(data, diagnostics)


def internal_error(path: str, error: BaseException) -> Diagnostic:
    """SL000 for a failure inside seedlint, so one bad file never stops a run."""
    return file_diagnostic(
        path,
        "SL000",
        f"internal error while linting this file: "
        f"{type(error).__name__}: {error}; please report it",
    )


def lint_source(
    data: bytes, path: str, config: Config, schema: CompiledSchema | None = None
) -> LintResult:
    """Lint a record's bytes (standard input, an editor's buffer, a library caller's
    text) in this process, keeping its parsed document (for fixes)."""
    from ..linter import lint_bytes  # the parser and rules load with the first lint

    try:
        return lint_bytes(data, path, config, schema)
    except SCHEMA_ERRORS:
        raise  # the schema cannot be used: the caller's problem, not the record's
    except Exception as error:  # noqa: BLE001 - MemoryError too: see internal_error
        return LintResult(path, [internal_error(path, error)])


def lint_one(path: str, config: Config, schema: CompiledSchema | None = None) -> LintResult:
    """Lint one file in this process, keeping its parsed document (for fixes)."""
    data = read(path, config.limits.max_file_size)
    if isinstance(data, Diagnostic):
        return LintResult(path, [data], source=source_of_unlinted(path, [data]))
    return lint_source(data, path, config, schema)
