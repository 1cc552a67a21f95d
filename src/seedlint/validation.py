"""Checks of a :class:`~seedlint.config.Config` made in code: each field has the type it
needs, or :class:`~seedlint.config.ConfigError` names it (instead of an internal error
later, in the middle of a run)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .diagnostics import Severity

_OPTIONAL_TEXT = ("schema", "site_url", "site_root", "cache_dir", "root", "source")
_SELECTIONS = ("select", "ignore", "extend_select")
_GLOBS = ("include", "exclude")


def validate_config(config: Any, limits_type: type, mapping_type: type) -> None:
    """Raise ConfigError naming the first field of the wrong type; turn rule names in the
    selections into codes (the dataclass is frozen: set through ``object.__setattr__``).
    ``limits_type`` and ``mapping_type`` are the classes ``limits`` and ``schemas`` hold."""
    from .errors import ConfigError

    _check_texts(config)
    if not all(isinstance(mapping, mapping_type) for mapping in config.schemas):
        raise ConfigError(
            f"Config.schemas must be a tuple of SchemaMapping, got {config.schemas!r}"
        )
    object.__setattr__(config, "schemas", tuple(config.schemas))
    _check_severities(config, ConfigError)
    if not isinstance(config.limits, limits_type):
        raise ConfigError(f"Config.limits must be a Limits, got {config.limits!r}")
    _check_choices_and_now(config)


def _check_texts(config: Any) -> None:
    """The text fields, globs and selections (whose rule names become codes)."""
    from .errors import ConfigError
    from .selectors import SelectorError, resolve

    for name in _OPTIONAL_TEXT:
        value = getattr(config, name)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"Config.{name} must be a string or None, got {value!r}")
    for name in _GLOBS + _SELECTIONS:
        value = getattr(config, name)
        if isinstance(value, str) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"Config.{name} must be a tuple of strings, got {value!r}")
        object.__setattr__(config, name, tuple(value))
    for name in _SELECTIONS:
        try:
            object.__setattr__(config, name, resolve(getattr(config, name), f"Config.{name}"))
        except SelectorError as error:
            raise ConfigError(str(error)) from None


def _check_choices_and_now(config: Any) -> None:
    from .errors import ConfigError

    for name, allowed in (
        ("engine", ("auto", "rs")),
        ("formats", ("assert", "annotate")),
        ("jekyll_yaml", ("safe_yaml", "psych")),
    ):
        if getattr(config, name) not in allowed:
            raise ConfigError(
                f"Config.{name} is {getattr(config, name)!r}; allowed: {', '.join(allowed)}"
            )
    if config.now is not None:
        _check_clock(config.now)


def _check_clock(now: object) -> None:
    from datetime import datetime  # only a config with a clock needs it (1 ms to import)

    from .errors import ConfigError

    if not (isinstance(now, datetime) and now.tzinfo is not None):
        raise ConfigError(
            f"Config.now must be a datetime with a time zone (datetime.now(timezone.utc)), "
            f"got {now!r}"
        )


def _check_severities(config: Any, error: type[Exception]) -> None:
    from .selectors import SelectorError, resolve

    if not isinstance(config.fail_on, Severity):
        raise error(f"Config.fail_on must be a Severity, got {config.fail_on!r}")
    if not isinstance(config.severities, Mapping):
        raise error("Config.severities must be a mapping of code -> Severity")
    resolved: dict[str, Severity] = {}
    for code, level in config.severities.items():
        if not isinstance(level, Severity):
            raise error(f"Config.severities[{code!r}] must be a Severity, got {level!r}")
        try:
            resolved[resolve((code,), "Config.severities")[0]] = level  # a name: its code
        except SelectorError as problem:
            raise error(str(problem)) from None
    if list(resolved) != list(config.severities):
        object.__setattr__(config, "severities", resolved)
