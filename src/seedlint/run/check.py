"""One ``check`` run, as the command line and the library ask for it: discovery, the
record read from standard input, linting (cached, in parallel), the online pass and
fixing. It returns data: each path of the report with its diagnostics and source lines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..config import Settings
from ..diagnostics import Diagnostic, LintResult, SourceLines
from .discovery import discover
from .options import CheckOptions, FixOptions
from .plan import iter_lint_files, lint_files
from .reading import lint_source, too_large

if TYPE_CHECKING:
    from ..online.run import OnlineRun
    from .fixing import FixRun


class FileReport(NamedTuple):
    """One path of the report: its diagnostics, sorted, and the source lines they touch."""

    path: str
    diagnostics: list[Diagnostic]
    source: SourceLines | None


@dataclass
class CheckRun:
    """What a run found. ``results`` follows ``to_lint`` and is linted as it is consumed
    (unless fixing), so a report written file by file keeps the memory of a run flat."""

    files: list[str]  # every path the report counts: the record from stdin, files, problems
    order: list[str]  # the paths of the report, in its order
    to_lint: list[str]
    problems: list[Diagnostic]  # of discovery: paths that could not be used
    results: Iterable[LintResult]
    stdin_result: LintResult | None = None
    # the record on stdin is over max-file-size: only its head was read, nothing linted
    stdin_too_large: bool = False
    online: OnlineRun | None = None
    fixes: FixRun | None = None

    def by_file(self) -> Iterator[FileReport]:
        """Each path of the report in ``order``: the record read from stdin, the linted
        file (``results`` follows ``to_lint``, which is ``order`` without the paths that
        are not linted files) and the problems of discovery under that path."""
        results = iter(self.results)
        problems_of: dict[str, list[Diagnostic]] = {}
        for problem in self.problems:
            problems_of.setdefault(problem.path, []).append(problem)
        stdin_result = self.stdin_result
        next_linted, linted_count = 0, len(self.to_lint)
        for path in self.order:
            parts = [stdin_result] if stdin_result is not None and stdin_result.path == path else []
            if next_linted < linted_count and self.to_lint[next_linted] == path:
                parts.append(next(results))
                next_linted += 1
            found = _merged(parts, problems_of.get(path))
            yield FileReport(path, found, _merged_source(parts) if found else None)


def file_order(files: Iterable[str], others: Iterable[str], in_path_order: bool) -> list[str]:
    """Each path of a report once, in the order the reporter takes them: ``files`` are
    the linted files, ``others`` more paths with diagnostics."""
    if in_path_order:
        return sorted({*files, *others})
    listed = dict.fromkeys(files)
    return [*listed, *sorted(set(others) - listed.keys())]


def check(settings: Settings, options: CheckOptions) -> CheckRun:
    """Run ``check``: raises ``SchemaError`` or ``ConfigError`` when a schema or a
    configuration cannot be used (before any report is written)."""
    run = _start(settings, options)
    if any(config.online.enabled for config in settings.configs()):
        _check_online(settings, options, run)
    if options.fixing is not None:
        _fix(settings, options.fixing, run, options.stdin, options.jobs)
    return run


def _start(settings: Settings, options: CheckOptions) -> CheckRun:
    """Discover the files, lint standard input, and start linting in the report's order."""
    settings.check_schemas()
    reads_stdin = options.stdin is not None and "-" in options.paths
    found = discover([p for p in options.paths if not (reads_stdin and p == "-")], settings)
    stdin_result: LintResult | None = None
    too_large = False
    if reads_stdin:
        stdin_result, too_large = _lint_stdin(settings, options)
    files = [stdin_result.path] if stdin_result is not None else []
    files.extend(found.files)
    # a path that could not be used (missing, unreadable) counts among the checked
    files.extend(dict.fromkeys(p.path for p in found.problems if p.path not in found.files))
    # Reporters take the files in their order, so the files are linted in that order
    order = file_order(files, {d.path for d in found.problems}, options.in_path_order)
    wanted = set(found.files)
    to_lint = [path for path in order if path in wanted]
    lint = lint_files if options.fixing is not None else iter_lint_files
    cache_dir = options.cache_dir if options.cache_results else None
    results = lint(to_lint, settings, options.jobs, cache_dir, options.schema)
    return CheckRun(files, order, to_lint, found.problems, results, stdin_result, too_large)


def _lint_stdin(settings: Settings, options: CheckOptions) -> tuple[LintResult, bool]:
    """The result of the record on stdin, and whether it is too large to lint."""
    name = options.stdin_name
    config = settings.config_for(name)
    data = options.stdin or b""
    if len(data) > config.limits.max_file_size:
        return LintResult(name, [too_large(name, config.limits.max_file_size)]), True
    return lint_source(data, name, config, options.schema), False


def _check_online(settings: Settings, options: CheckOptions, run: CheckRun) -> None:
    from ..online.run import check_online

    run.online = check_online(
        run.to_lint, settings, cache_dir=options.cache_dir, progress=options.progress
    )
    fixing = options.fixing is not None
    run.results = run.online.merged(run.results, settings, fixing=fixing)


def _fix(
    settings: Settings, options: FixOptions, run: CheckRun, stdin: bytes | None, jobs: int | None
) -> None:
    """Apply the fixes (or make their diff); ``run`` then holds the results after them."""
    from .fixing import apply_fixes  # the fix engine loads the parser and rules

    results = [run.stdin_result] if run.stdin_result is not None else []
    results.extend(run.results)
    stdin_data = (stdin or b"") if run.stdin_result is not None else None
    run.fixes = apply_fixes(results, options, settings, stdin_data, jobs)
    if options.diff:
        return
    if run.stdin_result is not None:
        run.stdin_result = results.pop(0)
    run.results = results if run.online is None else run.online.after_fixes(results, settings)


def _merged(parts: Sequence[LintResult], problems: list[Diagnostic] | None) -> list[Diagnostic]:
    """The diagnostics of a path's results and discovery problems, sorted."""
    if len(parts) == 1 and problems is None:  # nearly always
        return list(parts[0].diagnostics)  # sorted already (see linter.finish)
    found = [d for part in parts for d in part.diagnostics]
    found.extend(problems or ())
    found.sort(key=lambda d: d.sort_key)
    return found


def _merged_source(parts: Sequence[LintResult]) -> SourceLines | None:
    """The source lines of a path's results: one result's (nearly always), or those of
    all (the record read from stdin under a linted file's name: its lines first)."""
    if len(parts) == 1:
        return parts[0].source
    found = [part.source for part in parts if part.source is not None]
    if len(found) < 2:
        return found[0] if found else None
    lines: dict[int, str] = {}
    for source in reversed(found):
        lines.update(source.lines)
    return SourceLines(lines)
