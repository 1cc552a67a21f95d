"""A Jekyll site as seedlint sees it: where each file sits (a collection document, a
``_data`` record, a page, a layout) and the schema its collection maps to.

The site is the folder holding ``_config.yml``; its ``collections``, ``collections_dir``,
``exclude``, ``include`` and ``source`` keys are read with a safe YAML load (nothing is
constructed from a tag), as Jekyll reads them.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from .errors import ConfigError

# What a collection or a ``_data`` folder maps to when no configuration says otherwise
COLLECTION_SCHEMAS = {"news": "news", "events": "event", "learning": "learning"}
DATA_SCHEMAS = {"organizations": "organization"}
# The built-in "schema" of a file that has front matter but no schema of its own: the
# front matter must parse, as Jekyll reads it; its fields are not checked
FRONT_MATTER_ONLY = "front-matter"
# Files Jekyll reads as data (``_data/*.yml``): each is one record, its whole text the YAML
DATA_SUFFIXES = (".yml", ".yaml", ".json")
# Jekyll's test of a file's first line for front matter (\s: space, \t, \n, \v, \f, \r)
_YAML_HEADER = re.compile(rb"---\s*\r?\n")
_FIRST_LINE = 64 * 1024  # a first line longer than this is no "---" line
# Real _config.yml files are a few KB; a bigger one is not read (hostile input)
MAX_CONFIG_SIZE = 1024 * 1024
# Jekyll's own default ``exclude`` (Jekyll 4), besides every name starting with ".", "_",
# "#" or "~" that is not a collection or a special folder
JEKYLL_EXCLUDE = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
    "_site/",  # (a trailing "/": the folder, not every path that starts with "_site")
)


class Place(NamedTuple):
    """Where a file sits in a site: ``kind`` is ``collection``, ``data``, ``page``,
    ``layout``, ``include``, ``skipped`` (a folder Jekyll does not read as content, such
    as an ``_`` folder that is no collection) or ``excluded`` (``_site``, ``node_modules``,
    the site's ``exclude``: never linted, even when named);
    ``name`` the collection (``news``) or ``_data`` folder (``organizations``)."""

    kind: str
    name: str = ""

    @property
    def is_record(self) -> bool:
        return self.kind in ("collection", "data")

    @property
    def label(self) -> str:
        """How the summary names the collection: ``_events`` or ``_data/topics``."""
        return f"_data/{self.name}" if self.kind == "data" else f"_{self.name}"


@dataclass(frozen=True)
class Site:
    """A Jekyll site: its folder (of ``_config.yml``) and the parts of it seedlint needs."""

    root: str  # absolute, as found (not resolved through symlinks)
    source: str  # absolute: where the site's files are (``source``, default the root)
    collections_dir: str  # absolute: where the ``_<collection>`` folders are
    collections: tuple[str, ...]  # collection names, without the leading "_"
    exclude: tuple[str, ...]
    include: tuple[str, ...]

    @property
    def excludes_files(self) -> bool:
        """Whether the site's ``exclude`` has entries of its own (beyond Jekyll's
        defaults, which name folders and root files that are no pages)."""
        return len(self.exclude) > len(JEKYLL_EXCLUDE)

    def skips_name(self, name: str) -> bool:
        """Whether Jekyll skips a page for its own name (``_x.md``, ``#x.md``, ``x.md~``)."""
        return _special(name, self.include) or name.endswith("~")

    def place(self, path: str) -> Place:
        """Where the file ``path`` (absolute or relative to the current folder) sits."""
        relative = _inside(self.source, path)
        if relative is None:
            return Place("skipped")
        if _excluded(relative, self.exclude, self.include):
            return Place("excluded")
        parts = relative.split("/")
        found = _special_folder_place(parts) or self.collection_place(path)
        if found is not None:
            return found
        if any(_special(part, self.include) for part in parts[:-1]) or self.skips_name(parts[-1]):
            return Place("skipped")  # a folder or file Jekyll does not process (a backup~)
        return Place("page")

    def collection_place(self, path: str) -> Place | None:
        """The collection of a file in one of the site's ``_<collection>`` folders."""
        in_collections = _inside(self.collections_dir, path)
        if in_collections is None or "/" not in in_collections:
            return None
        first = in_collections.split("/")[0]
        if first == "_drafts":  # posts to be, with _posts
            return Place("collection", "posts")
        if first.startswith("_") and first[1:] in self.collections:
            return Place("collection", first[1:])
        return None


# The folders Jekyll reads for what they are, not as pages
_SPECIAL_FOLDERS = {"_layouts": Place("layout"), "_includes": Place("include")}


def _special_folder_place(parts: list[str]) -> Place | None:
    """The place of a file in ``_data``, ``_layouts`` or ``_includes`` (the path's
    ``parts`` from the source)."""
    top = parts[0]
    if top == "_data" and len(parts) > 1:
        name = parts[1] if len(parts) > 2 else os.path.splitext(parts[1])[0]
        return Place("data", name)
    return _SPECIAL_FOLDERS.get(top)


def _inside(folder: str, path: str) -> str | None:
    """``path`` relative to ``folder`` as a POSIX path, or ``None`` when outside it; a
    path reached through a symlinked folder is compared by its real location too."""
    absolute = os.path.abspath(path)
    for base, target in ((folder, absolute), (os.path.realpath(folder), os.path.realpath(path))):
        if target == base:
            return ""
        prefix = base.rstrip(os.sep) + os.sep
        if target.startswith(prefix):
            return target[len(prefix) :].replace(os.sep, "/")
    return None


def _special(name: str, include: tuple[str, ...]) -> bool:
    """Whether Jekyll skips a folder or file for its name (``_x``, ``.x``, ``#x``, ``~x``),
    unless the site's ``include`` names it (``include: [_pages]``: its pages are built)."""
    if name[:1] not in ("_", ".", "#", "~"):
        return False
    return not any(
        fnmatch.fnmatchcase(name, pattern.strip("/")) or name.startswith(pattern.lstrip("/"))
        for pattern in include
        if pattern.strip("/")
    )


def _excluded(relative: str, exclude: tuple[str, ...], include: tuple[str, ...]) -> bool:
    """Jekyll's ``exclude``: an entry names a file or folder (or a glob) from the root."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    for prefix in prefixes:
        if any(fnmatch.fnmatchcase(prefix, pattern.strip("/")) for pattern in include):
            return False
        if any(fnmatch.fnmatchcase(prefix, pattern.strip("/")) for pattern in exclude):
            return True
    # Jekyll also excludes every path that merely starts with an entry: `README` excludes
    # README.md, `notes` the folder notes2 (EntryFilter#glob_include?'s start_with?)
    return any(
        relative.startswith(pattern.lstrip("/")) for pattern in exclude if pattern.strip("/")
    )


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(item) for item in value if isinstance(item, (str, int, float)))
    return ()


def _folder(value: Any) -> str:
    """A folder setting: a non-empty text, else the default (``.``) as Jekyll takes it."""
    return value if isinstance(value, str) and value.strip() else "."


def _in_source(source: str, folder: str) -> str:
    """A folder setting inside the source, as Jekyll's ``in_source_dir`` makes it: an
    absolute path or one with ``..`` never leaves the source (``/coll`` is
    ``<source>/coll``), unless it is a path inside the source already."""
    clean = posixpath.normpath("/" + folder.replace(os.sep, "/").lstrip("/"))
    base = source.replace(os.sep, "/").rstrip("/")
    if clean == base or clean.startswith(base + "/"):
        return os.path.normpath(clean)
    return os.path.normpath(base + clean)


def _collection_names(value: Any) -> tuple[str, ...]:
    """``collections:`` as a list of names or a mapping of name -> settings."""
    if isinstance(value, dict):
        return tuple(str(name) for name in value)
    return _strings(value)


def _last_key_wins() -> type:
    from ruamel.yaml.constructor import SafeConstructor

    class LastKeyWins(SafeConstructor):
        """Jekyll (Psych) reads a ``_config.yml`` with a key given twice, and keeps the
        last value: so does seedlint, instead of refusing the file."""

        def check_mapping_key(self, *args: Any) -> bool:
            return True  # every key is stored, so a later one replaces an earlier one

    return LastKeyWins


@functools.lru_cache(maxsize=64)
def read_site(root: str, stamp: tuple[int, int] = (0, 0)) -> Site:
    """The site whose ``_config.yml`` is in ``root`` (``stamp``: its mtime and size, so a
    changed file is read again). Raises :class:`ConfigError` when it is not YAML."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _last_key_wins()
    config_file = os.path.join(root, "_config.yml")
    try:
        with open(config_file, "rb") as handle:
            raw = handle.read(MAX_CONFIG_SIZE + 1)
        if len(raw) > MAX_CONFIG_SIZE:
            raise ConfigError(
                f"{config_file}: Jekyll's configuration is over {MAX_CONFIG_SIZE:,} bytes; "
                "seedlint does not read it"
            )
        data = yaml.load(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_file}: cannot read Jekyll's configuration: {error}") from None
    except YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        raise ConfigError(f"{config_file}: Jekyll's configuration is not valid YAML{at}") from None
    data = data if isinstance(data, dict) else {}
    source = os.path.normpath(os.path.join(root, _folder(data.get("source"))))
    collections_dir = _in_source(source, _folder(data.get("collections_dir")))
    names = set(_collection_names(data.get("collections")))
    names.add("posts")  # Jekyll always has it
    # collections a site's _config.yml forgets are still real folders of records: the
    # built-in ones are recognised by name
    names.update(
        name
        for name in COLLECTION_SCHEMAS
        if os.path.isdir(os.path.join(collections_dir, f"_{name}"))
    )
    return Site(
        root=root,
        source=source,
        collections_dir=collections_dir,
        collections=tuple(sorted(names)),
        exclude=JEKYLL_EXCLUDE + _strings(data.get("exclude")),
        include=_strings(data.get("include")),
    )


@functools.lru_cache(maxsize=1024)
def jekyll_site(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` that holds a Jekyll ``_config.yml``."""
    while True:
        if os.path.isfile(os.path.join(folder, "_config.yml")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def site_markers(folder: str) -> Iterator[str]:
    """Where a site's ``_config.yml`` is looked for (see :func:`jekyll_site`): in each
    folder from ``folder`` (absolute) up to the first that has one, or the root. A result
    that depends on the site depends on these files: a new one moves the site."""
    site = jekyll_site(folder)
    while True:
        yield os.path.join(folder, "_config.yml")
        parent = os.path.dirname(folder)
        if folder == site or parent == folder:
            return
        folder = parent


def forget_sites() -> None:
    """Look for ``_config.yml`` files afresh (a long-running process, the language
    server, calls it before each lint: one may have been created or deleted since)."""
    jekyll_site.cache_clear()


def site_of(path: str) -> Site | None:
    """The Jekyll site ``path`` (a file or folder) belongs to, if any."""
    absolute = os.path.abspath(path)
    folder = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
    root = jekyll_site(folder)
    if root is None:
        return None
    try:
        stat = os.stat(os.path.join(root, "_config.yml"))
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)
    return read_site(root, stamp)


def default_schema(place: Place) -> str | None:
    """The built-in schema a collection or ``_data`` folder maps to by its name."""
    if place.kind == "collection":
        return COLLECTION_SCHEMAS.get(place.name)
    if place.kind == "data":
        return DATA_SCHEMAS.get(place.name)
    return None


def has_front_matter(path: str) -> bool:
    """Whether a page, layout or include starts with a ``---`` line (Jekyll then reads
    its front matter; otherwise it copies or includes the file as it is)."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(_FIRST_LINE)
    except OSError:
        return True  # reading it will say why it cannot be read
    return starts_with_front_matter(first)


def starts_with_front_matter(head: bytes) -> bool:
    """Whether a file whose first bytes are ``head`` has front matter for Jekyll
    (``Utils.has_yaml_header?``): a first line of ``---`` and blanks, raw, so a
    byte-order mark before it, or no line break after it, makes a static file."""
    return _YAML_HEADER.match(head) is not None


def collections_without_schema(
    files: Iterable[str], schema_for: Callable[[str], str | None]
) -> list[str]:
    """The collections and ``_data`` folders among ``files`` whose records map to no
    schema (only their front matter is checked), as the summary names them. Files are
    looked at once per folder (``schema_for`` gives a file's schema, ``None`` when the
    configuration maps it explicitly)."""
    seen: set[str] = set()
    found: set[str] = set()
    for path in files:
        folder = os.path.dirname(path)
        if folder in seen and os.path.basename(folder) != "_data":
            continue
        seen.add(folder)
        site = site_of(path)
        if site is None:
            continue
        place = site.place(path)
        if place.is_record and schema_for(path) == FRONT_MATTER_ONLY:
            found.add(place.label)
    return sorted(found)


def no_schema_note(labels: list[str]) -> str:
    """The summary's note on collections without a schema, with the command that fixes it."""
    names = ", ".join(labels)
    have = "has" if len(labels) == 1 else "have"
    return (
        f"Note: {names} {have} no schema, so only the YAML of their front matter was "
        "checked; run `seedlint init` to write a schema for each (inferred from the "
        "records) and map it in the configuration."
    )
