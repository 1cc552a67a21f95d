"""What several reporters share: severity names per format, paths, fingerprints, summaries."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Level:
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


def counts(diagnostics: Iterable[Diagnostic]) -> str:
    """``2 errors, 1 warning``: the non-zero counts per severity, worst first."""
    found = Counter(d.severity for d in diagnostics)
    return ", ".join(plural(found[s], s.value) for s in Severity if found[s])


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """The closing line of the human formats."""
    if not diagnostics:
        return f"All checks passed ({plural(files, 'file')} checked)."
    touched = len({d.path for d in diagnostics})
    return f"Found {counts(diagnostics)} in {touched} of {plural(files, 'file')}."


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
    return PurePosixPath(Path(relative)).as_posix()


def display_path(path: str, root: str) -> str:
    """The path external tools expect: relative to the repository root when inside it."""
    relative = relative_path(path, root)
    return relative if relative is not None else Path(os.path.abspath(path)).as_posix()


def artifact_location(path: str, root: str) -> dict[str, str]:
    """A SARIF artifactLocation: ``%SRCROOT%``-relative when possible, else a file URI."""
    relative = relative_path(path, root)
    if relative is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


SRCROOT = "%SRCROOT%"


def root_uri(root: str) -> str:
    """The URI of the root folder, ending in ``/`` as SARIF requires of a base."""
    uri = Path(os.path.abspath(root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def fingerprints(diagnostics: Sequence[Diagnostic], root: str) -> list[str]:
    """A stable, unique id per diagnostic that survives edits elsewhere in the file.

    Built from the path, code, JSON pointer and message, never the line, so moving a
    record's keys around keeps the same id; repeats get an occurrence number.
    """
    seen: Counter[str] = Counter()
    found = []
    for d in diagnostics:
        key = "\0".join((display_path(d.path, root), d.code, d.pointer, d.message))
        seen[key] += 1
        if seen[key] > 1:
            key += f"\0{seen[key]}"
        found.append(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return found


# --- text that reaches a terminal --------------------------------------------------------

# Bidirectional overrides and isolates can reorder what a terminal shows ("trojan source").
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(_BIDI)) + "]")


def visible(char: str) -> str:
    """A harmless stand-in for a character that would steer the terminal, else the character."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": \x1b -> ␛
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F or char in _BIDI or unicodedata.category(char) in ("Zl", "Zp"):
        return "\ufffd"
    return char


def printable(text: str) -> str:
    """``text`` with control, line-separator and bidi characters made visible and inert."""
    return _UNSAFE.sub(lambda match: visible(match.group(0)), text)
