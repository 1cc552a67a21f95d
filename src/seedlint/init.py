"""``seedlint init``: a configuration for the site it finds, a schema for each collection.

Each collection (and ``_data`` folder) of the Jekyll site is mapped to the built-in schema
every one of its records passes, when there is one; otherwise a schema is inferred from
its records (see :mod:`seedlint.infer`) and written to ``schemas/<collection>.schema.json``.
The mappings go to ``[tool.seedlint]`` in the site's ``pyproject.toml`` when it has one,
else to ``seedlint.toml``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .config import BUILTIN_SCHEMAS, CONFIG_FILES, Limits, section_of
from .site import DATA_SUFFIXES, FRONT_MATTER_ONLY, Place, Site, default_schema, site_of

CANDIDATES = tuple(name for name in BUILTIN_SCHEMAS if name != FRONT_MATTER_ONLY)


class InitError(Exception):
    """``init`` cannot go on; the message says why and what to do."""


@dataclass
class Collection:
    """One collection or ``_data`` folder of the site and what init decided for it."""

    place: Place
    folder: str  # absolute (for a data file at the top of _data: the file)
    root: str  # the site's folder, where the configuration goes
    files: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    schema: str = ""  # a built-in name or a path relative to the site
    inferred: dict[str, Any] | None = None

    @property
    def glob(self) -> str:
        """The files of the collection, relative to the configuration's folder."""
        relative = os.path.relpath(self.folder, self.root).replace(os.sep, "/")
        return relative if os.path.isfile(self.folder) else relative + "/**"


def read_record(path: str) -> Any:
    """A record's data as seedlint reads it, or ``None`` when it cannot be parsed."""
    from . import frontmatter
    from .parse import parse

    limits = Limits()
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_file_size + 1)
        if len(data) > limits.max_file_size:
            return None
        text, has_bom = frontmatter.decode(data, path)
        if path.endswith(DATA_SUFFIXES):
            front = frontmatter.FrontMatter(text, 0, len(text), len(text), has_bom)
        else:
            front = frontmatter.split(text, has_bom, path)
    except (OSError, frontmatter.DecodeProblem):
        return None
    doc = parse(front, path, limits)
    if any(d.severity.value == "error" for d in doc.diagnostics):
        return None
    return doc.data


def collections_of(site: Site) -> Iterator[Collection]:
    """The collections and ``_data`` folders of the site that hold records, in order."""
    from .run.discovery import discover

    folders = [os.path.join(site.collections_dir, f"_{name}") for name in site.collections]
    data = os.path.join(site.source, "_data")
    if os.path.isdir(data):
        folders += sorted(
            os.path.join(data, name)
            for name in os.listdir(data)
            if os.path.isdir(os.path.join(data, name)) and not name.startswith(".")
        )
    for folder in folders:
        if not os.path.isdir(folder):
            continue
        files = discover([folder], _plain_config()).files
        if not files:
            continue
        place = site.place(files[0])
        if place.is_record:
            yield Collection(place, folder, site.root, files)
    if os.path.isdir(data):  # a data file at the top of _data is a data set of its own
        for name in sorted(os.listdir(data)):
            path = os.path.join(data, name)
            if name.endswith(DATA_SUFFIXES) and os.path.isfile(path):
                yield Collection(site.place(path), path, site.root, [path])


def _plain_config() -> Any:
    from .config import Config

    return Config()


def choose_schema(collection: Collection, engine: str) -> None:
    """The built-in schema every record passes (its collection's default first), else
    one inferred from the records."""
    from .infer import infer_schema
    from .schema import load_schema

    for path in collection.files:
        data = read_record(path)
        if isinstance(data, dict):
            collection.records.append(data)
        else:
            collection.unreadable.append(path)
    default = default_schema(collection.place)
    ordered = ([default] if default else []) + [c for c in CANDIDATES if c != default]
    for name in ordered:
        schema = load_schema(name, engine)
        if collection.records and all(not schema.errors(r) for r in collection.records):
            collection.schema = name
            return
    if not collection.records:
        collection.schema = FRONT_MATTER_ONLY
        return
    title = collection.place.label.lstrip("_")
    collection.inferred = infer_schema(collection.records, title, engine)
    stem = collection.place.name
    if collection.place.kind == "data":
        stem = f"data-{stem}"
    collection.schema = f"schemas/{stem}.schema.json"


def render_config(collections: list[Collection], in_pyproject: bool) -> str:
    """The TOML that maps each collection to its schema."""
    table = "tool.seedlint." if in_pyproject else ""
    lines = [
        "# Written by `seedlint init`: each collection of the site and its schema (globs and",
        "# paths are relative to this file's folder). Edit freely.",
    ]
    if in_pyproject:
        lines.append("[tool.seedlint]")
    for collection in collections:
        lines += [
            "",
            f"[[{table}schemas]]",
            f"files = [{json.dumps(collection.glob)}]",
            f"schema = {json.dumps(collection.schema)}",
        ]
    return "\n".join(lines) + "\n"


@dataclass
class InitResult:
    """What init wrote."""

    site: str
    config_file: str
    collections: list[Collection]
    schema_files: list[str]


def init_site(start: str = ".", force: bool = False, engine: str = "auto") -> InitResult:
    """Write the configuration and inferred schemas of the site at or above ``start``.

    Raises :class:`InitError` when there is no site, or a configuration already exists
    (unless ``force``)."""
    site = site_of(start)
    if site is None:
        raise InitError(
            f"no Jekyll site (_config.yml) at or above {os.path.abspath(start)}; "
            "run `seedlint init` in the site's folder"
        )
    config_file, in_pyproject = _config_target(site.root, force)
    collections = list(collections_of(site))
    for collection in collections:
        choose_schema(collection, engine)
    schema_files = []
    for collection in collections:
        if collection.inferred is None:
            continue
        target = os.path.join(site.root, collection.schema)
        if os.path.exists(target) and not force:
            raise InitError(f"{target} exists; pass --force to write over it")
        schema_files.append(target)
    for collection, target in zip(
        [c for c in collections if c.inferred is not None], schema_files, strict=True
    ):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            json.dump(collection.inferred, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    text = render_config(collections, in_pyproject)
    _write_config(config_file, text, in_pyproject)
    return InitResult(site.root, config_file, collections, schema_files)


def _config_target(root: str, force: bool) -> tuple[str, bool]:
    """Where to write: pyproject.toml (when the site has one), else seedlint.toml."""
    for name in CONFIG_FILES:
        existing = os.path.join(root, name)
        if not os.path.isfile(existing):
            continue
        if name == "pyproject.toml":
            if section_of(existing) is not None and not force:
                raise InitError(
                    f"{existing} already has a [tool.seedlint] table; pass --force to replace it"
                )
            return existing, True
        if not force:
            raise InitError(f"{existing} exists; pass --force to write over it")
    return os.path.join(root, "seedlint.toml"), False


def _write_config(path: str, text: str, in_pyproject: bool) -> None:
    if in_pyproject and os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            existing = _without_seedlint_tables(handle.read())
        text = existing.rstrip("\n") + "\n\n" + text
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _without_seedlint_tables(text: str) -> str:
    """pyproject.toml without its ``[tool.seedlint...]`` tables (for ``--force``)."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            skipping = stripped.lstrip("[").startswith("tool.seedlint")
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"
