"""The fix engine: a record's text and diagnostics in, its fixed text out (issue #7).

A fix is a set of character edits into the decoded text (``Document.text``), so only the
bytes of the fixed values move: comments, quoting, key order, line endings, the BOM and
the body are never re-serialised. Fixes are applied in passes: each pass takes the
non-overlapping fixes, applies them, lints the new text and keeps it only when the
front matter still parses and no new error appeared; fixes that overlapped wait for the
next pass, which starts from fresh diagnostics. Nothing here touches a file: the run
layer (:mod:`seedlint.run.fixing`) applies the outcomes, :mod:`seedlint.writing` writes.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import jekyll
from .config import Config
from .diagnostics import Diagnostic, Edit, LintResult, Severity
from .frontmatter import BOM
from .linter import lint_bytes

MAX_PASSES = 10
_LONE_LF = re.compile(r"(?<!\r)\n")


@dataclass(frozen=True)
class Rejected:
    """A fix that was not applied, and why."""

    diagnostic: Diagnostic
    reason: str


@dataclass
class FixOutcome:
    """One record after fixing: its new text, the final lint, what was applied or refused."""

    original: str
    text: str
    has_bom: bool
    result: LintResult
    applied: list[Diagnostic] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    removes_bom: bool = False  # an applied fix dropped the byte-order mark (SL013)

    @property
    def changed(self) -> bool:
        return self.text != self.original or self.removes_bom

    def encoded(self) -> bytes:
        """The fixed file's bytes (the BOM kept when there was one, unless a fix dropped it)."""
        return encode(self.text, self.has_bom and not self.removes_bom)


def encode(text: str, has_bom: bool) -> bytes:
    """Decoded text back to the exact file bytes (decoding was strict UTF-8)."""
    return ((BOM if has_bom else "") + text).encode("utf-8")


def can_apply(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """Whether ``diagnostic`` carries a fix this run may apply.

    A fix counts as safe only when both the fix and its rule's declaration say so.
    """
    fix = diagnostic.fix
    if not fix or not (fix.edits or fix.removes_bom):
        return False
    if unsafe:
        return True
    from .rules import get

    declared = get(diagnostic.code)
    return fix.safe and (declared is None or declared.fix != "unsafe")


def declares_fix(code: str, unsafe: bool) -> bool:
    from .rules import get

    declared = get(code)
    return declared is not None and declared.fix in (("safe", "unsafe") if unsafe else ("safe",))


def fixable_result(result: LintResult, unsafe: bool) -> LintResult | None:
    """``result`` when something in it can be fixed (it has its parsed document and a
    diagnostic with a fix this run may apply), else ``None``."""
    if result.document is None or not any(can_apply(d, unsafe) for d in result.diagnostics):
        return None
    return result


def _edits(diagnostic: Diagnostic) -> tuple[Edit, ...]:
    assert diagnostic.fix is not None
    return tuple(diagnostic.fix.edits)  # a rule may hand over a list


def _fix_key(diagnostic: Diagnostic) -> tuple[object, ...]:
    """Identifies a fix across passes, whose offsets move as other fixes apply."""
    assert diagnostic.fix is not None
    return (
        diagnostic.code,
        diagnostic.pointer,
        diagnostic.fix.message,
        tuple(edit.text for edit in _edits(diagnostic)),
    )


def _overlap(first: Edit, second: Edit) -> bool:
    if first.start == second.start:
        return True  # two insertions (or a replacement and an insertion) at one point
    return first.start < second.end and second.start < first.end


def _line_ending_at(text: str, offset: int) -> str:
    newline = text.find("\n", offset)
    if newline == -1:
        newline = text.rfind("\n", 0, offset)
    return "\r\n" if newline > 0 and text[newline - 1] == "\r" else "\n"


def _adapted(text: str, edit: Edit) -> Edit:
    """An edit whose new lines end like the line it lands on (CRLF files stay CRLF)."""
    if "\n" in edit.text and _line_ending_at(text, edit.start) == "\r\n":
        return Edit(edit.start, edit.end, _LONE_LF.sub("\r\n", edit.text))
    return edit


def _invalid(diagnostic: Diagnostic, result: LintResult) -> str | None:
    """Why a fix's edits cannot be applied to this text at all, or ``None``."""
    assert result.document is not None
    front = result.document.front
    edits = sorted(_edits(diagnostic), key=lambda e: (e.start, e.end))
    for edit in edits:
        if not front.yaml_start <= edit.start <= edit.end <= front.yaml_end:
            return "its edits reach outside the front matter"
    if any(_overlap(a, b) for a, b in zip(edits, edits[1:], strict=False)):
        return "its edits overlap each other"
    return None


def _splice(text: str, edits: list[Edit]) -> str:
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        pieces.append(text[position : edit.start])
        pieces.append(edit.text)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def _new_error(before: list[Diagnostic], after: list[Diagnostic]) -> Diagnostic | None:
    """An error of a code that ``after`` holds more often than ``before``.

    Counting per code, not per pointer, because dropping a list item renumbers the
    pointers of the items after it.
    """

    def errors(found: list[Diagnostic]) -> Counter[str]:
        return Counter(d.code for d in found if d.severity is Severity.ERROR)

    old, new = errors(before), errors(after)
    return next(
        (d for d in after if d.severity is Severity.ERROR and new[d.code] > old[d.code]), None
    )


def _attempt(
    result: LintResult, batch: list[Diagnostic], config: Config, unsafe: bool = False
) -> LintResult | str:
    """Lint the text with the batch's fixes applied: the new result, or why it is refused.

    Unless ``unsafe``, a batch that changes what Jekyll reads from the front matter (in
    either loader: seedlint.jekyll) is refused: a safe fix only respells. Removing a BOM
    is the one safe change of what Jekyll does (the file becomes the record it was meant
    to be), and it leaves the front matter's reading alone.
    """
    doc = result.document
    assert doc is not None
    edits: dict[Edit, None] = {}  # several diagnostics may share one fix
    for diagnostic in batch:
        edits.update((_adapted(doc.text, edit), None) for edit in _edits(diagnostic))
    text = _splice(doc.text, list(edits))
    has_bom = doc.front.has_bom and not any(d.fix is not None and d.fix.removes_bom for d in batch)
    if text == doc.text and has_bom == doc.front.has_bom:
        return "it changes nothing"
    fixed = lint_bytes(encode(text, has_bom), result.path, config)
    reason = _refusal(result, fixed, unsafe)
    return fixed if reason is None else reason


def _refusal(result: LintResult, fixed: LintResult, unsafe: bool) -> str | None:
    """Why the lint ``fixed`` of the fixed text refuses the fixes, or ``None``."""
    doc = result.document
    assert doc is not None
    if fixed.document is None or fixed.document.data is None:
        problem = next((d for d in fixed.diagnostics if d.code.startswith("SL0")), None)
        detail = f": {problem.code} {problem.message}" if problem else ""
        return f"the front matter would no longer parse{detail}"
    old_tail = doc.text[doc.front.yaml_end :]
    if fixed.document.text[fixed.document.front.yaml_end :] != old_tail:
        return "it would move the end of the front matter"
    introduced = _new_error(result.diagnostics, fixed.diagnostics)
    if introduced is not None:
        return (
            f"it would introduce {introduced.code} at line {introduced.line}: {introduced.message}"
        )
    if not unsafe:
        changed = jekyll.reading_change(doc.front.yaml, fixed.document.front.yaml)
        if changed is not None:
            return f"it is not safe: {changed} (use --unsafe-fixes to apply it)"
    return None


def _pick_batch(candidates: list[Diagnostic]) -> list[Diagnostic]:
    """Fixes whose edits do not overlap, earliest first; identical fixes travel together."""
    chosen: list[Edit] = []
    chosen_fixes: set[tuple[Edit, ...]] = set()
    batch: list[Diagnostic] = []
    for diagnostic in sorted(
        candidates,
        key=lambda d: (min((e.start for e in _edits(d)), default=-1), d.code, d.pointer),
    ):
        edits = _edits(diagnostic)
        if edits in chosen_fixes:
            batch.append(diagnostic)
        elif not any(_overlap(a, b) for a in edits for b in chosen):
            chosen.extend(edits)
            chosen_fixes.add(edits)
            batch.append(diagnostic)
    return batch


def _candidates(
    current: LintResult,
    unsafe: bool,
    refused: set[tuple[object, ...]],
    refuse: Callable[[Diagnostic, str], None],
) -> list[Diagnostic]:
    """The fixes still worth trying on ``current``; the invalid ones are refused."""
    candidates = []
    for diagnostic in current.diagnostics:
        if not can_apply(diagnostic, unsafe) or _fix_key(diagnostic) in refused:
            continue
        reason = _invalid(diagnostic, current)
        if reason is None:
            candidates.append(diagnostic)
        else:
            refuse(diagnostic, reason)
    return candidates


def _first_working(
    current: LintResult,
    batch: list[Diagnostic],
    config: Config,
    unsafe: bool,
    refuse: Callable[[Diagnostic, str], None],
) -> tuple[LintResult, list[Diagnostic]] | None:
    """Find the culprits of a refused batch: a fix that fails alone is refused; the first
    that works alone is applied alone, and the others wait for the next pass."""
    for diagnostic in batch:
        alone = _attempt(current, [diagnostic], config, unsafe)
        if isinstance(alone, str):
            refuse(diagnostic, alone)
        else:
            return alone, [diagnostic]
    return None


def fix_result(result: LintResult, config: Config, *, unsafe: bool = False) -> FixOutcome | None:
    """Apply every applicable fix to one linted record, in passes until none is left.

    ``result`` must come from a fresh lint (its diagnostics carry their ``Fix``).
    Returns ``None`` when the record has no parsed document. Nothing is written.
    """
    doc = result.document
    if doc is None:
        return None
    outcome = FixOutcome(doc.text, doc.text, doc.front.has_bom, result)
    refused: set[tuple[object, ...]] = set()

    def refuse(diagnostic: Diagnostic, reason: str) -> None:
        refused.add(_fix_key(diagnostic))
        outcome.rejected.append(Rejected(diagnostic, reason))

    for _ in range(MAX_PASSES):
        current = outcome.result
        candidates = _candidates(current, unsafe, refused, refuse)
        if not candidates:
            break
        batch = _pick_batch(candidates)
        attempt = _attempt(current, batch, config, unsafe)
        if isinstance(attempt, str):
            if len(batch) == 1:
                refuse(batch[0], attempt)
                continue
            working = _first_working(current, batch, config, unsafe, refuse)
            if working is None:
                continue
            attempt, batch = working
        outcome.applied.extend(batch)
        outcome.removes_bom |= any(d.fix is not None and d.fix.removes_bom for d in batch)
        outcome.result = attempt
        assert attempt.document is not None
        outcome.text = attempt.document.text
    else:
        left = [
            d
            for d in outcome.result.diagnostics
            if can_apply(d, unsafe) and _fix_key(d) not in refused
        ]
        for diagnostic in left:
            outcome.rejected.append(
                Rejected(diagnostic, f"the fixes did not settle after {MAX_PASSES} passes")
            )
    return outcome


def fix_alone(
    result: LintResult, diagnostic: Diagnostic, config: Config
) -> tuple[list[Edit], LintResult] | str:
    """The edits ``--fix`` makes for ``diagnostic``'s fix alone (as it applies them: new
    lines end like the file's) and the lint of the text they give, or why it refuses them.
    The language server offers these as a quick fix."""
    doc = result.document
    if doc is None or diagnostic.fix is None or not diagnostic.fix.edits:
        return "there is no fix"
    reason = _invalid(diagnostic, result)
    if reason is not None:
        return reason
    # an unsafe fix is offered labelled as such: only a safe one must keep Jekyll's reading
    attempt = _attempt(result, [diagnostic], config, unsafe=not diagnostic.fix.safe)
    if isinstance(attempt, str):
        return attempt
    return [_adapted(doc.text, edit) for edit in dict.fromkeys(_edits(diagnostic))], attempt


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's text, marking a last line without a newline like git."""
    lines: list[str] = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=path,
        tofile=path,
    ):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
