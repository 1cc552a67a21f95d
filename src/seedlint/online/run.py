"""An online run: collect the URLs of the records, fetch each distinct one once (or take
it from the cache), and turn the outcomes into diagnostics with the online rules.

It runs beside the offline run and never feeds the result cache: the offline results are
cached per file as always, the URL outcomes per URL with their own lifetimes, and the
online diagnostics are made afresh from both on every run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, TYPE_CHECKING

from ..diagnostics import Diagnostic, LintResult
from .options import OnlineOptions
from .outcome import UrlOutcome
from .urls import IMAGE, UrlRef, image_refs, link_refs, parse

ONLINE_PREFIX = "SL22"  # the codes of the online rules

if TYPE_CHECKING:
    import httpx

    from ..config import Config, Settings
    from ..rules import Rule


@dataclass
class OnlineRun:
    """What an online run found: the online diagnostics of each record that has any."""

    results: dict[str, LintResult] = field(default_factory=dict)
    outcomes: dict[str, UrlOutcome] = field(default_factory=dict)
    fetched: int = 0  # distinct URLs fetched in this run
    from_cache: int = 0  # distinct URLs whose outcome came from the cache
    requests: int = 0  # HTTP requests made

    def merged(
        self, linted: Iterable[LintResult], settings: Settings, fixing: bool = False
    ) -> Iterator[LintResult]:
        """Each offline result with the record's online diagnostics added, sorted.
        ``fixing``: the results must carry every fix (see :func:`merge`)."""
        for result in linted:
            extra = self.results.get(result.path)
            yield result if extra is None else merge(result, extra, settings, fixing)

    def after_fixes(self, results: list[LintResult], settings: Settings) -> list[LintResult]:
        """The results of a ``--fix`` run (each fixed record linted again, offline) with
        the online diagnostics of the fixed records made again from their new text and
        the outcomes at hand: no URL is fetched twice."""
        fixed = []
        for result in results:
            if result.path in self.results and not any(
                d.code.startswith(ONLINE_PREFIX) for d in result.diagnostics
            ):
                config = settings.config_for(result.path)
                online = _diagnose(result.path, config, self.outcomes)
                if online is not None and online.diagnostics:
                    result = merge(result, online, settings, fixing=False)
            fixed.append(result)
        return fixed


def merge(
    offline: LintResult, online: LintResult, settings: Settings, fixing: bool = False
) -> LintResult:
    """One result from the offline and online diagnostics of a record, with the online
    one's parsed document (the same text) for the excerpts. When ``fixing``, a result
    from the cache, whose diagnostics carry no fixes, is linted again first (only records
    with online findings)."""
    from ..runner import RunResult, lint_one

    if fixing and offline.document is None and offline.diagnostics:
        offline = lint_one(offline.path, settings.config_for(offline.path))
    found = sorted([*offline.diagnostics, *online.diagnostics], key=lambda d: d.sort_key)
    document = offline.document or online.document
    return RunResult(offline.path, found, document, list(offline.dependencies))


def online_rules(config: Config) -> list[Rule]:
    from ..rules.online import ONLINE_RULES

    return [r for r in ONLINE_RULES if config.is_selected(r.code)]


def refs_of(data: object, config: Config, selected: Sequence[Rule]) -> list[UrlRef]:
    """The URLs of a record that the selected rules need, minus ``exclude-urls``."""
    from ..rules.online import NEEDS

    kinds = {kind for r in selected for kind in NEEDS[r.code]}
    options = config.online
    found = image_refs(data, config) if IMAGE in kinds else []
    if "link" in kinds:
        found += link_refs(data, options.links)
    return [ref for ref in found if not options.excluded(ref.url)]


def _interesting(ref: UrlRef, outcome: UrlOutcome | None) -> bool:
    """Whether a rule may report something about this URL (else the record is not parsed
    a second time)."""
    if outcome is None:
        return False
    if outcome.kind != "ok" or outcome.moved_permanently:
        return True
    if ref.kind != IMAGE:
        return False
    size = outcome.size
    return size is None or (ref.width, ref.height) != size


def check_online(
    paths: Sequence[str],
    settings: Settings,
    *,
    cache_dir: str | None,
    progress: IO[str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> OnlineRun:
    """The online diagnostics of the records at ``paths`` whose configuration has
    ``online`` on. ``cache_dir`` keeps URL outcomes (``None``: neither read nor write);
    ``progress`` is the terminal stream to draw a progress bar on, if any."""
    from ..runner import read

    run = OnlineRun()
    refs: dict[str, list[UrlRef]] = {}
    for path in paths:
        config = settings.config_for(path)
        selected = online_rules(config) if config.online.enabled else []
        data = read(path) if selected else None
        doc = parse(data, path, config) if isinstance(data, bytes) else None
        if doc is not None:
            found = refs_of(doc.data, config, selected)
            if found:
                refs[path] = found
    options = settings.config_for_discovery().online
    run.outcomes = _outcomes(run, refs, options, cache_dir, progress, transport)
    for path, found in refs.items():
        if any(_interesting(ref, run.outcomes.get(ref.target)) for ref in found):
            result = _diagnose(path, settings.config_for(path), run.outcomes)
            if result is not None and result.diagnostics:
                run.results[path] = result
    return run


def _outcomes(
    run: OnlineRun,
    refs: dict[str, list[UrlRef]],
    options: OnlineOptions,
    cache_dir: str | None,
    progress: IO[str] | None,
    transport: httpx.AsyncBaseTransport | None,
) -> dict[str, UrlOutcome]:
    """Every URL's outcome: from the cache when fresh, else fetched."""
    from .urlcache import UrlCache

    kinds: dict[str, str] = {}
    for found in refs.values():
        for ref in found:
            # an image's probe also tells whether it is alive: one request serves both
            if kinds.get(ref.target) != IMAGE:
                kinds[ref.target] = ref.kind
    cache = UrlCache(cache_dir, options)
    outcomes: dict[str, UrlOutcome] = {}
    wanted: dict[str, str] = {}
    for url, kind in kinds.items():
        cached = cache.get(kind, url)
        if cached is not None:
            outcomes[url] = cached
        else:
            wanted[url] = kind
    run.from_cache = len(outcomes)
    if wanted:
        _need_extra()
        from .fetcher import fetch_all
        from .progress import UrlProgress

        bar = UrlProgress(len(wanted), progress)
        try:
            fetched = fetch_all(wanted, options, transport=transport, on_done=bar)
        finally:
            bar.close()
        run.fetched = len(fetched)
        run.requests = sum(outcome.requests for outcome in fetched.values())
        outcomes.update(fetched)
        cache.put_all(wanted, fetched)
        cache.save()
    return outcomes


def _need_extra() -> None:
    from importlib.util import find_spec

    from ..config import ConfigError

    if find_spec("httpx") is None or find_spec("rich") is None:
        raise ConfigError("online checks need the 'online' extra: pip install 'seedlint[online]'")


def _diagnose(path: str, config: Config, outcomes: dict[str, UrlOutcome]) -> LintResult | None:
    """The online diagnostics of one record (parsed again: only records with something
    to report get here)."""
    from .. import rules
    from ..linter import finish
    from ..rules.online import OnlineContext
    from ..runner import read

    data = read(path)
    doc = parse(data, path, config) if isinstance(data, bytes) else None
    if doc is None:
        return None
    selected = online_rules(config)
    now = config.now or datetime.now(timezone.utc)
    ctx = OnlineContext(
        doc, config, now, refs=refs_of(doc.data, config, selected), outcomes=outcomes
    )
    found: list[Diagnostic] = rules.run(ctx, selected)
    return finish(LintResult(path, found, doc), config)


def progress_stream(machine_format: bool, quiet: bool) -> IO[str] | None:
    """Standard error when a person watches it: a terminal, a text report, not quiet."""
    stream = sys.stderr
    if machine_format or quiet or not stream.isatty():
        return None
    return stream
