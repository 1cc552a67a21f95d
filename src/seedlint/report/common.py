"""What several reporters share: severity names per format, paths, fingerprints, summaries."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any, NamedTuple

from ..diagnostics import Diagnostic, Severity
from ..escaping import printable as printable  # re-exported: what reporters escape with
from ..escaping import visible as visible
from . import Tally


class Level(NamedTuple):
    """How one seedlint severity is spelled by each external format."""

    sarif: str  # result.level / defaultConfiguration.level
    github: str  # the workflow command
    gitlab: str  # Code Quality severity


LEVELS = {
    Severity.ERROR: Level(sarif="error", github="error", gitlab="major"),
    Severity.WARNING: Level(sarif="warning", github="warning", gitlab="minor"),
    Severity.INFO: Level(sarif="note", github="notice", gitlab="info"),
}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def counts(found: Counter[Severity]) -> str:
    """``2 errors, 1 warning``: the non-zero counts per severity, worst first."""
    return ", ".join(plural(found[s], s.value) for s in Severity if found[s])


def summary(tally: Tally, files: int) -> str:
    """The closing line of the human formats."""
    if not tally.total:
        return f"All checks passed ({plural(files, 'file')} checked)."
    return (
        f"Found {counts(tally.severities)} in {tally.files_with_problems} of "
        f"{plural(files, 'file')}."
    )


# --- paths ---------------------------------------------------------------------------------


def relative_path(path: str, root: str) -> str | None:
    """``path`` as a POSIX path relative to ``root``, or None when it lies outside ``root``."""
    if path in ("", "-") or path.startswith("<"):
        return path or None  # stdin and `<text>` names are kept as they are
    absolute = os.path.abspath(os.path.join(root, path))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return None
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return relative.replace(os.sep, "/")


def display_path(path: str, root: str) -> str:
    """The path external tools expect: relative to the repository root when inside it."""
    relative = relative_path(path, root)
    return relative if relative is not None else os.path.abspath(path).replace(os.sep, "/")


def artifact_location(path: str, root: str) -> dict[str, str]:
    """A SARIF artifactLocation: ``%SRCROOT%``-relative when possible, else a file URI."""
    relative = relative_path(path, root)
    if relative is None:
        from pathlib import Path  # here: the text formats never need it

        return {"uri": Path(os.path.abspath(path)).as_uri()}
    from urllib.parse import quote  # here: the text formats never need it

    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


SRCROOT = "%SRCROOT%"


def root_uri(root: str) -> str:
    """The URI of the root folder, ending in ``/`` as SARIF requires of a base."""
    from pathlib import Path

    uri = Path(os.path.abspath(root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


class Fingerprints:
    """A stable, unique id per diagnostic of a report that survives edits elsewhere in
    the file.

    Built from the path, code, JSON pointer and message, never the line, so moving a
    record's keys around keeps the same id; repeats get an occurrence number. Repeats
    are counted over the whole report (two spellings of a path name the same file), by
    a short digest of each key.
    """

    def __init__(self, root: str) -> None:
        import hashlib  # here: the text formats never need it

        self.root = root
        self.seen: Counter[bytes] = Counter()
        self.sha256 = hashlib.sha256

    def of(self, path: str, diagnostics: Sequence[Diagnostic]) -> list[str]:
        """The ids of one file's diagnostics, in the order of the report."""
        shown = display_path(path, self.root)
        found = []
        for d in diagnostics:
            key = "\0".join((shown, d.code, d.pointer, d.message)).encode("utf-8", "surrogatepass")
            digest = self.sha256(key).digest()
            self.seen[digest[:16]] += 1
            occurrence = self.seen[digest[:16]]
            if occurrence > 1:
                digest = self.sha256(key + f"\0{occurrence}".encode()).digest()
            found.append(digest.hex()[:32])
        return found


# --- writing as files come -----------------------------------------------------------------


def spool() -> IO[str]:
    """A temporary text file for the part of a report that must wait for the end of the
    run (a header counts what follows): in memory while small, on disk beyond."""
    import tempfile

    return tempfile.SpooledTemporaryFile(
        max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", newline="\n"
    )


SPOOL_IN_MEMORY = 1 << 20


def copy_spool(spooled: IO[str], out: IO[str]) -> None:
    """Write what was spooled to ``out`` and free it."""
    import shutil

    spooled.seek(0)
    shutil.copyfileobj(spooled, out)
    spooled.close()


class JsonArray:
    """A JSON array written an item at a time, laid out exactly as ``json.dumps(...,
    indent=2, ensure_ascii=False)`` lays it out ``depth`` levels deep in a document."""

    def __init__(self, out: IO[str], depth: int = 0) -> None:
        self.out = out
        self.depth = depth
        self.items = 0

    def append(self, item: Any) -> None:
        # JSON text holds no raw line break, so each line of an item is one of its own
        pad = "  " * (self.depth + 1)
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n" + pad)
        self.out.write(("[\n" if not self.items else ",\n") + pad + text)
        self.items += 1

    def close(self) -> None:
        self.out.write("\n" + "  " * self.depth + "]" if self.items else "[]")
