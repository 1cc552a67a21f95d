"""Settings: what to lint, which rules, which severities, which schema for which files."""

from __future__ import annotations

import fnmatch
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from .diagnostics import Severity
from .digests import hex_digest
from .errors import ConfigError as ConfigError  # re-exported: this module's API too
from .limits import MAX_SUPPORTED_DEPTH
from .limits import Limits as Limits  # re-exported: a settings name too
from .online.options import CONFIG_KEYS as _ONLINE_KEYS
from .online.options import OnlineOptions
from .online.options import from_section as _online_from_section
from .schemafile import BUILTIN_SCHEMAS as BUILTIN_SCHEMAS  # re-exported: a settings name too
from .schemafile import schema_digest
from .selectors import OPT_IN
from .site import FRONT_MATTER_ONLY, default_schema, jekyll_site, site_of

if TYPE_CHECKING:
    from datetime import datetime

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.html", "*.txt")
# A POSIX path PurePosixPath leaves as it is: no empty or "." segment, no trailing "/"
_CLEAN_PATH = re.compile(r"/?(?!\.(?:/|$))[^/]+(?:/(?!\.(?:/|$))[^/]+)*")


@dataclass(frozen=True)
class SchemaMapping:
    """Files matching any of ``files`` (globs relative to the config's folder) use ``schema``."""

    files: tuple[str, ...]
    schema: str


@dataclass(frozen=True)
class Config:
    """Everything that changes what seedlint reports. Immutable; build a new one to change it.

    ``select``/``ignore``/``extend_select`` take codes, code prefixes (``SL2``), rule
    names (``yaml11-value``) or ``ALL``; an empty ``select`` selects every rule. Every
    field is checked when the config is made: a wrong one raises :class:`ConfigError`
    naming it.

    ``schema`` is the schema of every record no ``schemas`` entry maps; ``None`` (the
    default) means: in a Jekyll site, by collection (see :mod:`seedlint.site`), else
    ``news``.
    """

    schema: str | None = None
    schemas: tuple[SchemaMapping, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    limits: Limits = Limits()
    engine: str = "auto"
    jekyll_yaml: str = "safe_yaml"  # which Jekyll loader to model: "safe_yaml" or "psych"
    formats: str = "assert"  # the `format` key: assert or annotate every JSON Schema format
    now: datetime | None = None
    site_url: str | None = None
    site_root: str | None = None
    cache_dir: str | None = None  # where results are cached (relative to ``root``)
    root: str | None = None  # the folder globs and relative schema paths are relative to
    source: str | None = None  # the file this configuration was read from
    online: OnlineOptions = OnlineOptions()  # see seedlint.online; not in the cache key

    def __post_init__(self) -> None:
        from .validation import validate_config

        validate_config(self, Limits, SchemaMapping)

    def schema_for(self, path: str) -> str:
        """The schema for one file: the first matching ``schemas`` entry; in a Jekyll
        site, for a page, layout or include, front matter only; for a record, ``schema``
        when set, else the built-in one of its collection (``_events``: ``event``), else
        front matter only; outside a site, ``schema`` or ``news``."""
        if self.schemas:
            relative = self.relative(path)
            for mapping in self.schemas:
                if glob_match(relative, mapping.files):
                    return mapping.schema
        site = site_of(path)
        if site is None:
            return self.schema or "news"
        place = site.place(path)
        if not place.is_record:
            return FRONT_MATTER_ONLY
        return self.schema or default_schema(place) or FRONT_MATTER_ONLY

    def schema_depends_on_name(self, path: str) -> bool:
        """Whether files of one folder may map to different schemas: ``schemas`` globs,
        or the files directly in a site's ``_data`` (each its own data set)."""
        if self.schemas:
            return True
        folder = os.path.dirname(os.path.abspath(path))
        return os.path.basename(folder) == "_data"

    def site_folder(self, path: str) -> str | None:
        """The folder site-relative URLs (``/assets/logo.png``) of ``path`` point into.

        ``site-root`` (relative to the config's folder), else the nearest folder above
        ``path`` holding Jekyll's ``_config.yml``, else the config's folder; ``None``
        when none is known (local images are then not checked).
        """
        if self.site_root:
            return os.path.normpath(os.path.join(self.root or os.getcwd(), self.site_root))
        return jekyll_site(os.path.dirname(os.path.abspath(path)))

    def relative(self, path: str) -> str:
        """``path`` relative to ``root`` (as a POSIX path), or normalised when outside it.

        A relative ``path`` is taken from the current folder, whatever ``root`` is; a path
        through a symlinked folder is also compared by its real location.
        """
        text = path.replace("\\", "/")
        if not self.root:
            if _CLEAN_PATH.fullmatch(text):  # already what PurePosixPath would make of it
                return text
            from pathlib import PurePosixPath

            return str(PurePosixPath(text))
        if not os.path.isabs(path) or "/.." in text or "/./" in text:
            path = os.path.normpath(os.path.join(os.getcwd(), path))
            text = path.replace("\\", "/")
        root = self._clean_root
        if root is not None and _CLEAN_PATH.fullmatch(text) and text.startswith(root):
            return text[len(root) :]
        from pathlib import PurePosixPath  # here: most paths take the fast path above

        posix = PurePosixPath(text)
        for base, target in (
            (self.root, text),
            (os.path.realpath(self.root), os.path.realpath(path)),
        ):
            try:
                found = PurePosixPath(target.replace("\\", "/")).relative_to(
                    PurePosixPath(base.replace("\\", "/"))
                )
                return str(found)
            except ValueError:
                pass
        return str(posix)

    @functools.cached_property
    def _clean_root(self) -> str | None:
        """``root/`` as PurePosixPath writes ``root``, when that is a plain absolute path
        (the fast path of :meth:`relative`; computed once per configuration)."""
        if not self.root:
            return None
        from pathlib import PurePosixPath

        root = str(PurePosixPath(self.root.replace("\\", "/")))
        return root + "/" if _CLEAN_PATH.fullmatch(root) and root.startswith("/") else None

    def is_selected(self, code: str) -> bool:
        if code in OPT_IN:  # only when named in full
            selected = code in self.select or code in self.extend_select
        else:
            selected = (
                not self.select or _matches(code, self.select) or _matches(code, self.extend_select)
            )
        return selected and not _matches(code, self.ignore)

    def severity_for(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)

    def digest(self) -> str:
        """A hash of every setting that can change a file's diagnostics (for the cache)."""
        data = asdict(self)
        data.pop("source", None)
        data.pop("cache_dir", None)  # where results are kept does not change them
        data.pop("online", None)  # online diagnostics are never kept in the result cache
        return hex_digest(json.dumps(data, sort_keys=True, default=str).encode())


def parse_now(text: str) -> datetime:
    """``2024-01-01T00:00:00Z`` (or any ISO 8601 form) -> an aware datetime in UTC, the
    clock of :attr:`Config.now`.

    Raises :class:`ValueError` with a message for the user when ``text`` is not one."""
    from datetime import datetime, timezone

    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"--now {text!r} is not a date-time; write it as 2024-01-01T00:00:00Z"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def glob_match(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a relative POSIX path matches any of the globs: ``**/`` spans folders, a
    bare name matches the last segment at any level."""
    return glob_regex(patterns).match(path) is not None


@functools.lru_cache(maxsize=256)
def glob_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex that matches what :func:`glob_match` matches: discovery tests every file
    against it."""
    alternatives = []
    for pattern in patterns:
        if pattern.startswith("./"):
            pattern = pattern.replace("\\", "/").lstrip("./")
        alternatives.append(fnmatch.translate(pattern))
        if pattern.startswith("**/"):
            alternatives.append(fnmatch.translate(pattern[3:]))
        if "/" not in pattern:  # the last segment: what follows the last "/"
            alternatives.append(r"(?s:.*/)?(?=[^/]*\Z)" + fnmatch.translate(pattern))
    return re.compile("|".join(f"(?:{found})" for found in alternatives) or "(?!)")


# --- configuration files ---------------------------------------------------------------

CONFIG_FILES = ("seedlint.toml", "pyproject.toml")
_LIST_KEYS = ("include", "exclude", "select", "ignore", "extend-select")
_LIMIT_KEYS = {
    "max-file-size": "max_file_size",
    "max-depth": "max_depth",
    "max-aliases": "max_aliases",
    "max-nodes": "max_nodes",
    "max-diagnostics": "max_diagnostics",
}
_KNOWN_KEYS = frozenset(
    _LIST_KEYS
    + (
        "schema",
        "schemas",
        "severity",
        "fail-on",
        "limits",
        "engine",
        "jekyll-yaml",
        "format",
        "site-url",
        "site-root",
        "extend-include",
        "cache-dir",
    )
    + _ONLINE_KEYS
)


def _read_toml(path: str) -> dict[str, object]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    from .safeio import MAX_CONFIG_SIZE, read_bounded

    try:
        return tomllib.loads(read_bounded(path, MAX_CONFIG_SIZE)[0].decode("utf-8"))
    except OSError as error:
        raise ConfigError(
            f"{path}: cannot read the configuration: {error.strerror or error}"
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the configuration is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def section_of(path: str) -> dict[str, object] | None:
    """The seedlint table of a config file (``[tool.seedlint]`` in pyproject.toml)."""
    data = _read_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool")
        section = tool.get("seedlint") if isinstance(tool, dict) else None
        return section if isinstance(section, dict) else None
    tool = data.get("tool")
    section = tool.get("seedlint") if isinstance(tool, dict) else None
    return section if isinstance(section, dict) else data


def _string(path: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{path}: '{key}' must be a non-empty string, got {value!r}")
    return value


def _strings(path: str, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings, got {value!r}")
    return tuple(value)


def _codes(path: str, key: str, value: object) -> tuple[str, ...]:
    from .selectors import SelectorError, resolve

    try:
        return resolve(_strings(path, key, value), f"{path}: '{key}'")
    except SelectorError as error:
        raise ConfigError(str(error)) from None


def _severity(path: str, key: str, value: object) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"{path}: '{key}' is {value!r}; allowed: error, warning, info") from None


def _reject_unknown_keys(section: dict[str, object], path: str) -> None:
    unknown = sorted(set(section) - _KNOWN_KEYS)
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], sorted(_KNOWN_KEYS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ConfigError(
            f"{path}: unknown key '{unknown[0]}'{hint}; allowed keys: "
            f"{', '.join(sorted(_KNOWN_KEYS))}"
        )


def _file_selection(section: dict[str, object], path: str, changes: dict[str, object]) -> None:
    """The keys that choose files and codes: include, exclude, select, ignore, schema."""
    if "include" in section:
        changes["include"] = _strings(path, "include", section["include"])
    if "extend-include" in section:
        changes["include"] = tuple(changes.get("include", DEFAULT_INCLUDE)) + _strings(  # type: ignore[arg-type]
            path, "extend-include", section["extend-include"]
        )
    if "exclude" in section:
        changes["exclude"] = _strings(path, "exclude", section["exclude"])
    for key in ("select", "ignore", "extend-select"):
        if key in section:
            changes[key.replace("-", "_")] = _codes(path, key, section[key])
    if "schema" in section:
        changes["schema"] = _string(path, "schema", section["schema"])
    if "schemas" in section:
        changes["schemas"] = _schema_mappings(path, section["schemas"])


def _schema_mappings(path: str, entries: object) -> tuple[SchemaMapping, ...]:
    if not isinstance(entries, list):
        raise ConfigError(
            f"{path}: 'schemas' must be a list of {{ files = [globs], schema = path }}}} tables"
        )
    mappings = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or set(entry) != {"files", "schema"}:
            raise ConfigError(
                f"{path}: schemas[{index}] must have exactly the keys 'files' "
                f"(a list of globs) and 'schema' (a path or built-in name)"
            )
        mappings.append(
            SchemaMapping(
                _strings(path, f"schemas[{index}].files", entry["files"]),
                _string(path, f"schemas[{index}].schema", entry["schema"]),
            )
        )
    return tuple(mappings)


def _severities(path: str, table: object) -> dict[str, Severity]:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'severity' must be a table such as {{ SL206 = \"error\" }}")
    return {
        _codes(path, "severity", [code])[0]: _severity(path, f"severity.{code}", level)
        for code, level in table.items()
    }


def _choice(path: str, key: str, value: object, allowed: tuple[str, ...], described: str) -> str:
    if value not in allowed:
        raise ConfigError(f"{path}: '{key}' is {value!r}; allowed: {described}")
    return str(value)


def _choices(section: dict[str, object], path: str, changes: dict[str, object]) -> None:
    """The keys that pick one of a few named behaviours."""
    if "engine" in section:
        changes["engine"] = _choice(path, "engine", section["engine"], ("auto", "rs"), "auto, rs")
    if "jekyll-yaml" in section:
        changes["jekyll_yaml"] = _choice(
            path,
            "jekyll-yaml",
            section["jekyll-yaml"],
            ("safe_yaml", "psych"),
            "safe_yaml (upstream Jekyll, GitHub Pages), psych (Debian's packaged Jekyll)",
        )
    if "format" in section:
        changes["formats"] = _choice(
            path, "format", section["format"], ("assert", "annotate"), "assert, annotate"
        )


def _site_locations(section: dict[str, object], path: str, changes: dict[str, object]) -> None:
    for key in ("site-url", "site-root", "cache-dir"):
        if key in section:
            changes[key.replace("-", "_")] = _string(path, key, section[key])
    if "site_url" in changes and not re.match(r"https?://[^/\s]+", str(changes["site_url"])):
        raise ConfigError(
            f"{path}: 'site-url' is {changes['site_url']!r}; it must be the "
            'site\'s address, such as "https://example.com"'
        )


def _limits(path: str, table: object) -> Limits:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'limits' must be a table")
    limits: dict[str, int] = {}
    for key, value in table.items():
        if key not in _LIMIT_KEYS:
            raise ConfigError(
                f"{path}: unknown key 'limits.{key}'; allowed: {', '.join(_LIMIT_KEYS)}"
            )
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{path}: 'limits.{key}' must be a positive integer")
        limits[_LIMIT_KEYS[key]] = value
    if limits.get("max_depth", 1) > MAX_SUPPORTED_DEPTH:
        raise ConfigError(f"{path}: 'limits.max-depth' can be at most {MAX_SUPPORTED_DEPTH}")
    return Limits(**limits)


def from_section(section: dict[str, object], path: str) -> Config:
    """Build a :class:`Config` from a ``[tool.seedlint]`` table; errors name file and key."""
    _reject_unknown_keys(section, path)
    root = os.path.dirname(os.path.abspath(path))
    changes: dict[str, object] = {"root": root, "source": path}
    _file_selection(section, path, changes)
    if "severity" in section:
        changes["severities"] = _severities(path, section["severity"])
    if "fail-on" in section:
        changes["fail_on"] = _severity(path, "fail-on", section["fail-on"])
    _choices(section, path, changes)
    _site_locations(section, path, changes)
    if "limits" in section:
        changes["limits"] = _limits(path, section["limits"])
    try:
        changes["online"] = _online_from_section(section, OnlineOptions())
    except ValueError as error:
        raise ConfigError(f"{path}: {error}") from None
    return replace(Config(), **changes)  # type: ignore[arg-type]


def find_config_file(start: str) -> str | None:
    """The nearest seedlint.toml, or pyproject.toml with a [tool.seedlint] table, upward."""
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (
                name != "pyproject.toml" or section_of(candidate) is not None
            ):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_config(path: str) -> Config:
    section = section_of(path)
    return from_section(section or {}, path)


class Settings:
    """The configuration of each file: one fixed config, or the nearest file's, upward."""

    def __init__(
        self, fixed: Config | None = None, transform: Callable[[Config], Config] | None = None
    ) -> None:
        self.fixed = fixed
        self.transform = transform or (lambda config: config)
        self._by_file: dict[str | None, Config] = {}
        self._by_folder: dict[str, str | None] = {}

    def map(self, transform: Callable[[Config], Config]) -> Settings:
        """The same settings with ``transform`` applied to every config (CLI overrides)."""
        previous = self.transform
        return Settings(self.fixed, lambda config: transform(previous(config)))

    def _config_file_for(self, path: str) -> str | None:
        folder = (
            os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(path)
            else os.path.abspath(path)
        )
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config_file(folder)
        return self._by_folder[folder]

    def config_for(self, path: str) -> Config:
        """The configuration that applies to ``path``."""
        source = (
            None
            if self.fixed is not None
            else self._config_file_for(path if path not in ("-", "") else ".")
        )
        if source not in self._by_file:
            base = (
                self.fixed
                if self.fixed is not None
                else (load_config(source) if source else Config())
            )
            self._by_file[source] = self.transform(base)
        return self._by_file[source]

    def config_for_discovery(self) -> Config:
        return self.config_for(".")

    def configs(self) -> list[Config]:
        return list(self._by_file.values()) or [self.config_for(".")]

    def fail_on_rank(self) -> int:
        return min(config.fail_on.rank for config in self.configs())

    def check_schemas(self) -> None:
        """Read every schema the known configs name, so one that cannot be read, is not
        JSON or has a remote or dangling ``$ref`` stops the run early. The meta-schema
        check comes with compiling, when a file is first linted against the schema."""
        for config in self.configs():
            schema_digest(resolve_schema(config, os.path.join(config.root or ".", "x.md")))
            for mapping in config.schemas:
                schema_digest(
                    resolve_schema(replace(config, schema=mapping.schema, schemas=()), "x.md")
                )


def resolve_schema(config: Config, path: str) -> str:
    """The schema name or path for a file, relative paths taken from the config's folder."""
    name = config.schema_for(path)
    if name in BUILTIN_SCHEMAS or config.root is None:
        return name
    return name if os.path.isabs(name) else os.path.join(config.root, name)


def load_settings(config_path: str | None = None, isolated: bool = False) -> Settings:
    """``--config FILE`` fixes one config, ``--isolated`` the defaults; else discover upward."""
    if isolated:
        return Settings(Config())
    if config_path:
        if not os.path.isfile(config_path):
            raise ConfigError(f"{config_path}: no such configuration file")
        return Settings(load_config(config_path))
    return Settings()
