"""Which files a run lints: directories walked for ``include`` globs, each file with its
own configuration, and a Jekyll site's own reading rules (see :mod:`seedlint.site`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..config import Config, Settings, glob_match, glob_regex
from ..diagnostics import Diagnostic, file_diagnostic
from ..site import DATA_SUFFIXES, has_front_matter, site_of
from ..writing import TEMP_SUFFIX, remove_stale_temporaries


class Discovery:
    """The files to lint, in a deterministic order, and the paths that could not be used."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.problems: list[Diagnostic] = []


def _included(path: str, config: Config, explicit: bool) -> bool:
    relative = config.relative(path)
    if config.exclude and glob_match(relative, config.exclude):
        return False
    if not explicit and not glob_match(relative, config.include):
        return False
    return _site_lints(path, explicit)


def _site_lints(path: str, explicit: bool) -> bool:
    """Whether a file of a Jekyll site is one seedlint lints (see :mod:`seedlint.site`):
    a collection document or a ``_data`` record, or a page, layout or include that has
    front matter; never a file in a folder Jekyll does not read (``_site``, ``exclude``),
    unless named explicitly, and never in one the site excludes (``_site``, ``exclude``)."""
    site = site_of(path)
    if site is None:
        return True
    place = site.place(path)
    if place.is_record:
        return True
    if place.kind == "excluded":
        return False
    if place.kind == "skipped":
        return explicit
    return has_front_matter(path)


def discover(paths: Iterable[str], config: Config | Settings) -> Discovery:
    """Expand directories (hidden folders skipped, symlinked folders not followed) into files.

    A file named explicitly is always linted unless excluded; files found in a directory
    must match ``include``. With :class:`Settings`, each file's ``include`` and ``exclude``
    come from its own configuration (the nearest one upward). In a Jekyll site, folders
    Jekyll does not read are skipped, ``_data`` folders add their YAML and JSON files, and
    pages, layouts and includes are linted only when they have front matter.
    """
    config_for = config.config_for if isinstance(config, Settings) else lambda path: config
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    for raw in paths:
        path = os.path.normpath(raw) if raw not in ("-", "") else raw
        if os.path.isdir(path):
            for folder, names in _walk(path, found):
                for file in _folder_files(folder, names, config_for(folder)):
                    add(file)
        elif os.path.lexists(path):
            if _included(path, config_for(path), explicit=True):
                add(path)
        else:
            found.problems.append(file_diagnostic(path, "SL012", "no such file or directory"))
    return found


def _relative_prefix(config: Config, folder: str) -> str:
    """``folder`` relative to the config's root, ending in ``/`` (empty at the root)."""
    relative = config.relative(folder)
    return "" if relative in ("", ".") else relative.rstrip("/") + "/"


def _folder_files(folder: str, names: list[str], folder_config: Config) -> Iterator[str]:
    """The files of one walked folder to lint: _included() for each, with what they share
    done once."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep  # os.path.join
    relative = _relative_prefix(folder_config, folder)
    included = glob_regex(folder_config.include).match
    excluded = glob_regex(folder_config.exclude).match
    site = site_of(folder)
    place = None if site is None else site.place(os.path.join(folder, "x"))
    if place is not None and place.kind == "data":
        included = glob_regex(folder_config.include + _DATA_GLOBS).match
    # the site's own exclude may name files (folders are pruned by _walk)
    by_file = site is not None and site.excludes_files
    for name in names:
        file_relative = relative + name.replace("\\", "/")
        if not included(file_relative) or excluded(file_relative):
            continue
        if by_file and site.place(prefix + name).kind == "excluded":  # type: ignore[union-attr]
            continue
        if place is None or place.is_record:
            yield prefix + name
        elif not site.skips_name(name) and has_front_matter(prefix + name):  # type: ignore[union-attr]
            yield prefix + name


_DATA_GLOBS = tuple(f"*{suffix}" for suffix in DATA_SUFFIXES)


def _walk(top: str, found: Discovery) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``top`` with the names of its files, in order."""

    def on_error(error: OSError) -> None:
        found.problems.append(
            file_diagnostic(
                error.filename or top,
                "SL012",
                f"cannot read the directory: {error.strerror or error}",
            )
        )

    for folder, dirs, files in os.walk(top, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _walked(folder, d))
        if any(name.endswith(TEMP_SUFFIX) for name in files):  # a --fix killed meanwhile
            remove_stale_temporaries([folder])
        yield folder, sorted(name for name in files if not name.startswith("."))


def _walked(folder: str, name: str) -> bool:
    """Whether to walk into ``folder/name``: in a Jekyll site, not into a folder Jekyll
    does not read as content (``_site``, ``node_modules``, ``exclude``, ``_sass``)."""
    child = os.path.join(folder, name)
    site = site_of(child)
    if site is None or os.path.isfile(os.path.join(child, "_config.yml")):
        return True
    return site.place(os.path.join(child, "x")).kind not in ("skipped", "excluded")
