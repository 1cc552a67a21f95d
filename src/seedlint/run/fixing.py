"""``--fix`` and ``--diff`` over a run's results: the fix engine (:mod:`seedlint.fixer`)
makes each record's new text, :mod:`seedlint.writing` puts it on disk. What happened is
returned as data; the command line decides how it looks."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from ..config import Config, Settings
from ..diagnostics import LintResult
from ..fixer import FixOutcome, Rejected, declares_fix, encode, unified_diff
from ..frontmatter import BOM
from ..writing import remove_stale_temporaries, write_fixed
from .fixpool import FixTask, fix, fix_file, fix_in_pool
from .options import FixOptions
from .plan import MIN_FILES_FOR_POOL


@dataclass(frozen=True)
class WriteFailure:
    """A fixed file that could not be written (nothing of it was applied)."""

    path: str
    reason: str


@dataclass
class FixRun:
    """What fixing did: each record's outcome, what went wrong (in order), the diffs
    (``--diff``) and the fixed record read from standard input."""

    outcomes: list[FixOutcome] = field(default_factory=list)
    problems: list[Rejected | WriteFailure] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    stdout: bytes | None = None  # the fixed stdin record (or, unchanged, the input)

    @property
    def write_failed(self) -> bool:
        return any(isinstance(problem, WriteFailure) for problem in self.problems)


def _linted_again(result: LintResult, unsafe: bool) -> bool:
    """Whether fixing the file of ``result`` starts by linting it again: it has no parsed
    document and a diagnostic whose rule declares a fix this run may apply."""
    return result.document is None and any(declares_fix(d.code, unsafe) for d in result.diagnostics)


def _fix_record(
    result: LintResult, settings: Settings, unsafe: bool, *, from_disk: bool
) -> FixOutcome | None:
    """Results from the cache or from worker processes keep neither the parsed document
    nor the ``Fix`` objects: a file whose diagnostics include a code whose rule declares a
    fix is linted again here (only those files, so the run stays parallel and cached)."""
    config = settings.config_for(result.path)
    if from_disk and _linted_again(result, unsafe):
        return fix_file(result.path, config, unsafe)
    return fix(result, config, unsafe)


def _diff_of(path: str, outcome: FixOutcome) -> str:
    before = (BOM if outcome.removes_bom else "") + outcome.original
    return unified_diff(path, before, outcome.text)


def _write(path: str, outcome: FixOutcome, run: FixRun) -> bool:
    """Write the fixed file; ``False`` (nothing applied) when it cannot be."""
    try:
        write_fixed(path, outcome.encoded(), encode(outcome.original, outcome.has_bom))
    except OSError as error:
        run.problems.append(WriteFailure(path, str(error.strerror or error)))
        outcome.applied.clear()
        return False
    return True


def _deliver(
    path: str,
    outcome: FixOutcome | None,
    options: FixOptions,
    stdin_data: bytes | None,
    run: FixRun,
) -> bool:
    """Show (``--diff``), hand back (stdin) or write one record's fixes; ``True`` when
    its fixed result stands for the record from now on."""
    changed = outcome is not None and outcome.changed
    if options.diff:
        if outcome is not None and changed:
            run.diffs.append(_diff_of(path, outcome))
        return False
    if stdin_data is not None:
        run.stdout = outcome.encoded() if outcome is not None and changed else stdin_data
    elif outcome is not None and changed:
        return _write(path, outcome, run)
    return True


def apply_fixes(
    results: list[LintResult],
    options: FixOptions,
    settings: Settings,
    stdin_data: bytes | None = None,
    jobs: int | None = 1,
) -> FixRun:
    """Fix (``--fix``) or make a diff of (``--diff``) every record in ``results``.

    With ``--fix``, fixed files are written and each fixed result is replaced by the lint
    of the new text, so the report shows what remains. When ``stdin_data`` is given,
    ``results[0]`` is the record read from stdin: its fixed text (or, unchanged, the input)
    is handed back in :attr:`FixRun.stdout` instead of being written. ``jobs``: worker
    processes for the files linted again before fixing (``None``: one per CPU).
    """
    unsafe = options.unsafe_fixes
    run = FixRun()
    reals = _real_paths(results, stdin_first=stdin_data is not None)
    if not options.diff:  # the folders where fixes write their temporaries
        remove_stale_temporaries([os.path.dirname(real) for real in reals if real is not None])
    ready = _fixed_in_workers(results, reals, settings, unsafe, jobs)
    done: dict[str, LintResult] = {}  # real path -> its final result: each file fixed once
    for index, (result, real) in enumerate(zip(results, reals, strict=True)):
        is_stdin = stdin_data is not None and index == 0
        if real is not None and real in done:  # a symlink and its target, x.md and /abs/x.md
            results[index] = _as_named(done[real], result.path)
            continue
        if index in ready:
            outcome = ready.pop(index)
        else:
            outcome = _fix_record(result, settings, unsafe, from_disk=not is_stdin)
        if outcome is not None:
            run.outcomes.append(outcome)
            run.problems.extend(outcome.rejected)
        if not _deliver(result.path, outcome, options, stdin_data if is_stdin else None, run):
            continue
        if outcome is not None:
            results[index] = outcome.result
        if real is not None:
            done[real] = results[index]
    return run


def _fixed_in_workers(
    results: list[LintResult],
    reals: list[str | None],
    settings: Settings,
    unsafe: bool,
    jobs: int | None,
) -> dict[int, FixOutcome | None]:
    """The outcomes of the files that must be linted again to be fixed (see
    :func:`_linted_again`), by index, worked out in worker processes when there are many
    (see :mod:`seedlint.run.fixpool`); empty when they are few: they are fixed in turn
    here."""
    picked: list[int] = []
    seen: set[str] = set()
    for index, (result, real) in enumerate(zip(results, reals, strict=True)):
        if real is None or real in seen:  # another spelling of a file: in turn, as it comes
            continue
        seen.add(real)
        if _linted_again(result, unsafe):
            picked.append(index)
    if jobs == 1 or len(picked) < MIN_FILES_FOR_POOL:
        return {}
    from .pool import default_jobs

    jobs = default_jobs() if jobs is None else max(jobs, 1)
    configs: list[Config] = []
    position: dict[int, int] = {}  # id(config) -> its index in configs
    tasks = []
    for index in picked:
        config = settings.config_for(results[index].path)
        if id(config) not in position:
            position[id(config)] = len(configs)
            configs.append(config)
        tasks.append(FixTask(results[index].path, position[id(config)], unsafe))
    return dict(zip(picked, fix_in_pool(tasks, configs, jobs), strict=True))


def _real_paths(results: list[LintResult], stdin_first: bool) -> list[str | None]:
    """The file each result names, whatever its spelling or links (``None`` for stdin),
    found once for the whole of fixing."""
    reals = [_real_path(result.path) for result in results]
    if stdin_first:
        reals[0] = None
    return reals


def _real_path(path: str) -> str | None:
    """The file a path names, whatever its spelling or links (``None`` for stdin)."""
    if path in ("", "-") or path.startswith("<"):
        return None
    return os.path.normcase(os.path.realpath(path))


def _as_named(result: LintResult, path: str) -> LintResult:
    """A result under another spelling of its path."""
    return replace(
        result, path=path, diagnostics=[replace(d, path=path) for d in result.diagnostics]
    )
