"""The context of a result: everything besides the file's own bytes that it depends on.

Like ruff's cache, an entry is valid only for the exact context it was computed in. The
*context* of a file is a digest of:

- the seedlint version and the size and modification time of seedlint's own modules (an
  edited checkout or a reinstall never serves results of the old code), and the installed
  versions of its runtime dependencies;
- every registered rule: code, name, severity, fix kind, origin, and for plugin rules the
  installed distribution's version and the rule module's size and modification time;
- the schema the file is checked against (``CompiledSchema.digest``);
- the file's configuration (``Config.digest()``), which includes ``--now`` when given;
- the UTC day, when the clock is the real one. The future-date rule depends on "now": a
  record dated later today stops being "in the future" when that time comes, so results
  computed with the real clock are used on the day they were computed only. A cached
  warning can therefore outlive its truth by at most the rest of that UTC day, and the
  first run of each day lints afresh. With ``--now`` the instant is part of the key;
- the index layout and the Python version, as the marshal format may change with it.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
from typing import TYPE_CHECKING, Any

from ..digests import hex_digest, new_digest
from ..plugins import plugins_may_exist
from .index import LAYOUT

if TYPE_CHECKING:
    from ..config import Config


def tool_signature() -> str:
    """What identifies the code that computes every result: seedlint's own, its installed
    dependencies and the registered rules. A run computes it once."""
    return f"{_package_signature()}:{installed_signature()}:{rules_signature()}"


def context_digest(tool: str, config: Config, schema_digest: str) -> str:
    """The context of files linted with ``config`` against the schema whose digest is
    ``schema_digest``, by the code ``tool`` (:func:`tool_signature`)."""
    parts = (
        LAYOUT,
        tool,
        schema_digest,
        config.digest(),
        clock_key(config),
        f"{sys.version_info[:2]}:{marshal.version}",
    )
    return hex_digest("\n".join(parts).encode())


def _package_signature() -> str:
    """seedlint's version and the stat data of its modules."""
    from .._version import __version__

    digest = new_digest()
    digest.update(__version__.encode())
    update_with_tree(digest, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return digest.hexdigest()


def update_with_tree(digest: Any, package: str) -> None:
    """Feed the stat data of every module under ``package`` (a folder, or one module's
    file): size, mtime and ctime, so that a same-size edit whose mtime was put back
    (``touch -r``, ``cp -p``, ``rsync -t``) still changes it (ctime cannot be set)."""
    if not os.path.isdir(package):
        _update_with_file(digest, package, os.path.basename(package))
        return
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(_MODULE_SUFFIXES):
                path = os.path.join(folder, name)
                _update_with_file(digest, path, os.path.relpath(path, package))


_MODULE_SUFFIXES = (".py", ".so", ".pyd", ".json", ".toml")  # code, and data it may read


def _update_with_file(digest: Any, path: str, name: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        digest.update(f"{name}:missing\n".encode())
        return
    digest.update(
        f"{name}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}\n".encode()
    )


# The distributions whose code computes a result: seedlint's runtime dependencies and
# theirs (normalised names, see _normalised). Their installed versions and metadata are
# part of the key: an upgrade (or a reinstall) of any of them recomputes every result.
RUNTIME_DISTRIBUTIONS = frozenset(
    (
        "ruamel-yaml",
        "ruamel-yaml-clib",
        "ruamel-yaml-clibz",
        "jsonschema",
        "jsonschema-rs",
        "jsonschema-specifications",
        "referencing",
        "rpds-py",
        "attrs",
        "rfc3986-validator",
        "rfc3339-validator",
        "rfc3987-syntax",
        "fqdn",
        "idna",
        "isoduration",
        "jsonpointer",
        "uri-template",
        "webcolors",
        "imagesize",
        "tomli",
        "seedlint",
    )
)


def _normalised(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return name.lower().replace("_", "-").replace(".", "-")  # (no runs in metadata names)


def installed_signature() -> str:
    """The installed versions of seedlint's runtime dependencies, without
    ``importlib.metadata`` (which costs 10-30 ms, a tenth of a run served from the
    cache): for each folder on ``sys.path``, the names of its distributions' metadata
    folders (``NAME-VERSION.dist-info``: an install or upgrade renames them) and, for the
    runtime dependencies, the stat data of their ``METADATA`` and ``RECORD`` (a reinstall
    or an edit in place). One ``scandir`` per folder and a few ``stat`` calls: ~1 ms."""
    digest = new_digest()
    for folder in sys.path:
        if not folder or not os.path.isabs(folder):
            continue  # the current folder (python -c, -m): a content repository, not a site
        try:
            with os.scandir(folder) as entries:
                names = sorted(
                    entry.name
                    for entry in entries
                    if entry.name.lower().endswith((".dist-info", ".egg-info"))
                )
        except OSError:  # missing, or a zip file
            digest.update(f"{folder}:?\n".encode())
            continue
        digest.update(f"{folder}\n".encode())
        for name in names:
            digest.update(f"{name}\n".encode())
            if _normalised(name.split("-", 1)[0]) in RUNTIME_DISTRIBUTIONS:
                for part in ("METADATA", "RECORD", "PKG-INFO"):
                    _update_with_file(digest, os.path.join(folder, name, part), part)
    return digest.hexdigest()


def _plugin_versions() -> dict[str, str]:
    """Top-level package of each rule plugin -> what identifies its distribution: its
    version and the stat data of every file its ``RECORD`` lists (a helper module that
    the rule imports is part of the result too)."""
    from importlib.metadata import entry_points

    from ..plugins import ENTRY_POINT_GROUP

    versions = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        distribution = getattr(entry, "dist", None)
        if distribution is None:
            versions[_top_package(entry.value)] = "?"
            continue
        digest = new_digest()
        digest.update(f"{distribution.version}\n".encode())
        for file in sorted(distribution.files or (), key=str):
            if str(file).endswith(_MODULE_SUFFIXES):
                _update_with_file(digest, str(distribution.locate_file(file)), str(file))
        versions[_top_package(entry.value)] = digest.hexdigest()
    return versions


def _top_package(name: str) -> str:
    """``pkg.rules:RULES`` or ``pkg.rules`` -> ``pkg``."""
    return name.split(":")[0].split(".")[0]


def rules_signature() -> str:
    """The registered rules that are not seedlint's own (plugins, and rules registered by
    a program using seedlint), with what identifies their code. seedlint's own rules are
    covered by the package signature; when nothing else can have registered a rule, the
    rules are not even imported (a run served from the cache never needs them)."""
    digest = new_digest()
    if "seedlint.rules" not in sys.modules and not plugins_may_exist():
        return digest.hexdigest()
    from ..rules import all_rules

    plugin_versions: dict[str, str] | None = None
    packages_seen: set[str] = set()
    for rule in all_rules():
        module_name = rule.check.__module__ if rule.check is not None else rule.origin
        package = _top_package(module_name)
        if package == "seedlint" and rule.origin == "seedlint":
            continue
        digest.update(
            f"{rule.code}|{rule.name}|{rule.severity.value}|{rule.fix}|"
            f"{rule.supersedes_schema}|{rule.origin}\n".encode()
        )
        if plugin_versions is None:
            plugin_versions = _plugin_versions()
        digest.update(plugin_versions.get(package, "?").encode())
        if package not in packages_seen:  # the rule's whole package: its helpers too
            packages_seen.add(package)
            update_with_tree(digest, _package_folder(package, module_name))
    return digest.hexdigest()


def _package_folder(package: str, module_name: str) -> str:
    """The folder of a top-level package (or the file of a top-level module)."""
    top = sys.modules.get(package)
    paths = list(getattr(top, "__path__", ()) or ())
    if paths:
        return str(paths[0])
    found = getattr(top, "__file__", None) or getattr(
        sys.modules.get(module_name), "__file__", None
    )
    return str(found or "")


def clock_key(config: Config) -> str:
    """The part of the key that stands for "now" (see the module doc)."""
    if config.now is not None:
        return "fixed"  # the instant is in the config digest
    return time.strftime("%Y-%m-%d", time.gmtime())  # the UTC day
