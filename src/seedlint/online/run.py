"""An online run: collect the URLs of the records, fetch each distinct one once (or take
it from the cache), and turn the outcomes into diagnostics with the online rules.

It runs beside the offline run and never feeds the result cache: the offline results are
cached per file as always, the URL outcomes per URL with their own lifetimes, and the
online diagnostics are made afresh from both on every run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    from ..parse import Document
    from ..rules import Rule
    from .urlcache import UrlCache


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

    def add(self, result: LintResult | None) -> None:
        if result is not None and result.diagnostics:
            self.results[result.path] = result

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
                online = _diagnose_file(result.path, config, self.outcomes)
                if online is not None and online.diagnostics:
                    result = merge(result, online, settings, fixing=False)
            fixed.append(result)
        return fixed


def merge(
    offline: LintResult, online: LintResult, settings: Settings, fixing: bool = False
) -> LintResult:
    """One result from the offline and online diagnostics of a record, with the online
    one's parsed document (the same text), whose lines are the source lines of all of
    them. When ``fixing``, a result
    from the cache, whose diagnostics carry no fixes, is linted again first (only records
    with online findings)."""
    from ..run.reading import lint_one
    from ..snippets import source_lines

    if fixing and offline.document is None and offline.diagnostics:
        offline = lint_one(offline.path, settings.config_for(offline.path))
    found = sorted([*offline.diagnostics, *online.diagnostics], key=lambda d: d.sort_key)
    document = offline.document or online.document
    source = offline.source if document is None else source_lines(document.text, found)
    return LintResult(offline.path, found, document, list(offline.dependencies), source)


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
    ``progress`` is the terminal stream to draw a progress bar on, if any.

    A record whose URLs are all in the cache is diagnosed as soon as it is parsed; the
    others once their URLs are fetched, parsed again only when a rule may report
    something (a re-run within the cache's time parses each record once)."""
    from ..run.reading import read
    from .urlcache import UrlCache

    run = OnlineRun()
    options = settings.config_for_discovery().online
    cache = UrlCache(cache_dir, options)
    waiting: dict[str, list[UrlRef]] = {}  # records with URLs to fetch
    for path in paths:
        config = settings.config_for(path)
        selected = online_rules(config) if config.online.enabled else []
        data = read(path) if selected else None
        doc = parse(data, path, config) if isinstance(data, bytes) else None
        found = [] if doc is None else refs_of(doc.data, config, selected)
        known = _cached(found, cache)
        if known is None:
            waiting[path] = found
            continue
        run.outcomes.update(known)
        if doc is not None and any(_interesting(ref, known.get(ref.target)) for ref in found):
            run.add(_diagnose(doc, config, found, known))
    run.from_cache = len(run.outcomes)
    _fetch(run, waiting, options, cache, progress, transport)
    for path, found in waiting.items():
        if any(_interesting(ref, run.outcomes.get(ref.target)) for ref in found):
            run.add(_diagnose_file(path, settings.config_for(path), run.outcomes))
    return run


def _answers(ref: UrlRef, outcome: UrlOutcome | None) -> bool:
    """Whether an outcome answers for a reference: an image's answers for a link to the
    same URL, not the other way round (unless the link is broken)."""
    return outcome is not None and (ref.kind != IMAGE or outcome.image_read or outcome.kind != "ok")


def _from_cache(ref: UrlRef, cache: UrlCache) -> UrlOutcome | None:
    outcome = cache.get(IMAGE, ref.target)
    if outcome is None and ref.kind != IMAGE:
        outcome = cache.get(ref.kind, ref.target)
    return outcome


def _cached(refs: list[UrlRef], cache: UrlCache) -> dict[str, UrlOutcome] | None:
    """The outcomes of every URL of a record from the cache; ``None`` when one is not
    there."""
    known: dict[str, UrlOutcome] = {}
    for ref in refs:
        outcome = _from_cache(ref, cache)
        if outcome is None:
            return None
        known[ref.target] = outcome
    return known


def _fetch(
    run: OnlineRun,
    waiting: dict[str, list[UrlRef]],
    options: OnlineOptions,
    cache: UrlCache,
    progress: IO[str] | None,
    transport: httpx.AsyncBaseTransport | None,
) -> None:
    """Fetch the URLs of the waiting records that are neither cached nor known yet."""
    wanted: dict[str, str] = {}
    for found in waiting.values():
        for ref in found:
            if _answers(ref, run.outcomes.get(ref.target)):
                continue
            outcome = _from_cache(ref, cache)
            if _answers(ref, outcome):
                assert outcome is not None
                run.outcomes[ref.target] = outcome
                run.from_cache += 1
            elif wanted.get(ref.target) != IMAGE:
                # an image's probe also tells whether it is alive: one request serves both
                wanted[ref.target] = ref.kind
    if not wanted:
        return
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
    run.outcomes.update(fetched)
    cache.put_all(wanted, fetched)
    cache.save()


def _need_extra() -> None:
    from importlib.util import find_spec

    from ..config import ConfigError

    if find_spec("httpx") is None or find_spec("rich") is None:
        raise ConfigError("online checks need the 'online' extra: pip install 'seedlint[online]'")


def _diagnose_file(
    path: str, config: Config, outcomes: Mapping[str, UrlOutcome]
) -> LintResult | None:
    """The online diagnostics of one record, read and parsed again."""
    from ..run.reading import read

    data = read(path)
    doc = parse(data, path, config) if isinstance(data, bytes) else None
    if doc is None:
        return None
    return _diagnose(doc, config, refs_of(doc.data, config, online_rules(config)), outcomes)


def _diagnose(
    doc: Document, config: Config, refs: list[UrlRef], outcomes: Mapping[str, UrlOutcome]
) -> LintResult:
    """The online diagnostics of one parsed record: suppressions, selection and
    severities applied as for every rule."""
    from .. import rules
    from ..linter import finish
    from ..rules.online import OnlineContext

    now = config.now or datetime.now(timezone.utc)
    ctx = OnlineContext(doc, config, now, refs=refs, outcomes=outcomes)
    found: list[Diagnostic] = rules.run(ctx, online_rules(config))
    return finish(LintResult(doc.path, found, doc), config)


def progress_stream(machine_format: bool, quiet: bool) -> IO[str] | None:
    """Standard error when a person watches it: a terminal, a text report, not quiet."""
    stream = sys.stderr
    if machine_format or quiet or not stream.isatty():
        return None
    return stream
