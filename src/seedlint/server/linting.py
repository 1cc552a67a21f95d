"""What the language server asks of seedlint for one buffer: its diagnostics, and the
fixes and suppressions it can offer. Runs in the lint worker process (see
:mod:`seedlint.server.worker`); no LSP types here.

A buffer is linted exactly as ``seedlint check --stdin-filename PATH -`` lints it: the
configuration found for ``PATH`` (read afresh each time, so edits to it and to the
schemas apply at once), its per-glob schema, selection and suppression comments, through
:func:`seedlint.run.lint_source`, the run layer's entry for one text. Fixes come from
the fix engine (:mod:`seedlint.fixer`).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

from ..config import Config, ConfigError, glob_match, load_settings
from ..diagnostics import Diagnostic, Edit, LintResult
from ..fixer import can_apply, encode, fix_alone, fix_result
from ..run import lint_source
from ..schemafile import SchemaError
from ..site import DATA_SUFFIXES, forget_sites, site_of, starts_with_front_matter
from ..suppression import META_CODES, comment_column

# the seedlint comment on a line, and the end of its list of codes
_DIRECTIVE = re.compile(
    r"#[ \t]*seedlint[ \t]*:[ \t]*(?P<kind>disable(?:-next-line)?)[ \t]*=(?P<codes>[^#]*)",
    re.IGNORECASE,
)
# Quick fixes and suppressions are worked out (each costs a lint) for at most this many
# diagnostics of one request (a request covers the lines around the cursor), and no more
# are started after this many seconds: a huge buffer takes a second a lint.
MAX_PREVIEWS = 40
_HEAD = 64 * 1024  # characters of a buffer that tell whether it opens front matter
PREVIEW_SECONDS = 3.0


@dataclass(frozen=True)
class Linted:
    """The diagnostics of a buffer; ``linted`` is false for a file seedlint does not lint
    (outside ``include``, or ``exclude``d); ``problem`` says why it could not be linted."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    linted: bool = True
    problem: str | None = None


@dataclass(frozen=True)
class FixPreview:
    """A diagnostic's fix as ``--fix`` would apply it (``edits``, offsets into the text
    seedlint lints) or why it would refuse it (``refused``)."""

    diagnostic: Diagnostic
    title: str
    edits: tuple[Edit, ...] = ()
    unsafe: bool = False
    refused: str | None = None


@dataclass(frozen=True)
class Suppress:
    """The edit that adds a suppression comment for a diagnostic's code on its line."""

    diagnostic: Diagnostic
    edit: Edit


@dataclass(frozen=True)
class Actions:
    """What a code-action request can offer for a buffer."""

    fixes: list[FixPreview] = field(default_factory=list)
    suppressions: list[Suppress] = field(default_factory=list)
    fix_all: Edit | None = None  # one edit that makes the text ``--fix`` writes
    fix_all_count: int = 0


def _config(path: str) -> Config | str:
    """The configuration for ``path``, or why there is none."""
    forget_sites()  # a _config.yml created or deleted since the last lint counts now
    try:
        return load_settings().config_for(path)
    except (ConfigError, OSError) as error:
        return str(error)


def is_linted(path: str, config: Config, text: str | None = None) -> bool:
    """Whether a directory walk would lint ``path``: in ``include``, not ``exclude``d,
    and in a Jekyll site a record, or a page, layout or include whose ``text`` has
    front matter (never a file in ``_site``, the site's ``exclude`` or a folder Jekyll
    skips), as ``seedlint check .`` decides."""
    relative = config.relative(path)
    if config.exclude and glob_match(relative, config.exclude):
        return False
    site = site_of(path)
    place = None if site is None else site.place(path)
    include = config.include
    if place is not None and place.kind == "data":  # _data/*.yml records, as the walk
        include += tuple(f"*{suffix}" for suffix in DATA_SUFFIXES)
    if not glob_match(relative, include):
        return False
    if place is None or place.is_record:
        return True
    if place.kind in ("excluded", "skipped"):
        return False
    head = text[:_HEAD].encode("utf-8", "surrogatepass") if text is not None else b"---\n"
    return starts_with_front_matter(head)


def _lint(path: str, text: str) -> tuple[LintResult, Config] | Linted:
    config = _config(path)
    if isinstance(config, str):
        return Linted(linted=False, problem=config)
    try:
        if not is_linted(path, config, text):
            return Linted(linted=False)
        # lone surrogates (a JSON "\\ud800") become bytes that are not UTF-8: SL007
        return lint_source(text.encode("utf-8", "surrogatepass"), path, config), config
    except (SchemaError, ConfigError) as error:
        return Linted(linted=False, problem=str(error))


def lint_buffer(path: str, text: str) -> Linted:
    """The diagnostics of a buffer named ``path`` holding ``text``."""
    found = _lint(path, text)
    if isinstance(found, Linted):
        return found
    return Linted(found[0].diagnostics)


def actions(path: str, text: str, first_line: int, last_line: int, fix_all: bool) -> Actions:
    """Fixes and suppressions for the diagnostics on lines ``first_line`` to ``last_line``
    (1-based), and with ``fix_all`` the edit that applies every safe fix."""
    found = _lint(path, text)
    if isinstance(found, Linted):
        return Actions()
    result, config = found
    wanted = [d for d in result.diagnostics if d.line <= last_line and d.end_line >= first_line]
    deadline = time.monotonic() + PREVIEW_SECONDS
    fixes = []
    for diagnostic in wanted[:MAX_PREVIEWS]:
        if can_apply(diagnostic, True) and time.monotonic() < deadline:
            fixes.append(_preview(result, diagnostic, config))
    suppressions = []
    lines_and_codes: set[tuple[int, str]] = set()  # one comment silences them all
    for diagnostic in wanted[:MAX_PREVIEWS]:
        key = (diagnostic.line, diagnostic.code)
        if key in lines_and_codes or time.monotonic() >= deadline:
            continue
        lines_and_codes.add(key)
        edit = suppression_edit(result, diagnostic, config)
        if edit is not None:
            suppressions.append(Suppress(diagnostic, edit))
    whole, count = _fix_all(result, config) if fix_all else (None, 0)
    return Actions(fixes, suppressions, whole, count)


def _preview(result: LintResult, diagnostic: Diagnostic, config: Config) -> FixPreview:
    assert diagnostic.fix is not None
    unsafe = not can_apply(diagnostic, False)
    title = f"Fix {diagnostic.code}: {diagnostic.fix.message}" + (" (unsafe)" if unsafe else "")
    outcome = fix_alone(result, diagnostic, config)
    if isinstance(outcome, str):
        return FixPreview(diagnostic, title, unsafe=unsafe, refused=outcome)
    return FixPreview(diagnostic, title, tuple(outcome[0]), unsafe)


def _fix_all(result: LintResult, config: Config) -> tuple[Edit | None, int]:
    """The edit that turns the text into what ``seedlint check --fix`` writes."""
    outcome = fix_result(result, config)
    if outcome is None or not outcome.changed:
        return None, 0
    return minimal_edit(outcome.original, outcome.text), len(outcome.applied)


def minimal_edit(before: str, after: str) -> Edit:
    """One edit that turns ``before`` into ``after``: the part between what they share
    at the start and at the end."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while (
        end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]
    ):
        end_before -= 1
        end_after -= 1
    return Edit(start, end_before, after[start:end_after])


def _line_bounds(text: str, line: int) -> tuple[int, int] | None:
    """Start and end (before the line break) offsets of a 1-based line."""
    start = 0
    for _ in range(line - 1):
        newline = text.find("\n", start)
        if newline == -1:
            return None
        start = newline + 1
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    return start, end - 1 if end > start and text[end - 1] == "\r" else end


def _candidates(result: LintResult, diagnostic: Diagnostic) -> list[Edit]:
    """Where a suppression comment could go: at the end of the diagnostic's line, else
    on a line of its own before it."""
    doc = result.document
    assert doc is not None
    text, front, code = doc.text, doc.front, diagnostic.code
    bounds = _line_bounds(text, diagnostic.line)
    if bounds is None or not front.yaml_start <= bounds[0] < front.yaml_end:
        return []
    start, end = bounds
    content = text[start:end]
    found: list[Edit] = []
    column = comment_column(content)
    directive = None if column is None else _DIRECTIVE.match(content, column)
    if directive is not None and directive.group("kind").lower() == "disable":
        at = start + len(content[: directive.end("codes")].rstrip())
        found.append(Edit(at, at, f",{code}"))
    elif column is not None:
        found.append(Edit(start + column, start + column, f"# seedlint: disable={code} "))
    elif content.strip():
        at = start + len(content.rstrip())
        found.append(Edit(at, at, f"  # seedlint: disable={code}"))
    previous = _line_bounds(text, diagnostic.line - 1) if diagnostic.line > 2 else None
    above = text[previous[0] : previous[1]] if previous else ""
    directive = _DIRECTIVE.match(above.strip())
    if previous and directive and directive.group("kind").lower() == "disable-next-line":
        at = previous[0] + len(above.rstrip())
        found.append(Edit(at, at, f",{code}"))
    else:
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        line = f"{indent}# seedlint: disable-next-line={code}{front.newline}"
        found.append(Edit(start, start, line))
    return found


def suppression_edit(result: LintResult, diagnostic: Diagnostic, config: Config) -> Edit | None:
    """An edit adding a suppression comment that silences exactly the diagnostics of
    this code on this line, and changes nothing else seedlint reports; ``None`` when
    there is no such place (checked by linting the text with the comment)."""
    doc = result.document
    if doc is None or diagnostic.code in META_CODES or diagnostic.line < 2:
        return None
    code, line = diagnostic.code, diagnostic.line
    expected = Counter(d.code for d in result.diagnostics)
    expected[code] -= sum(1 for d in result.diagnostics if d.code == code and d.line == line)
    for edit in _candidates(result, diagnostic):
        text = doc.text[: edit.start] + edit.text + doc.text[edit.end :]
        after = lint_source(encode(text, doc.front.has_bom), result.path, config)
        if after.document is not None and Counter(d.code for d in after.diagnostics) == +expected:
            return edit
    return None
