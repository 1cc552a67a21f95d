"""The rule registry: every check has a stable code, a name, a severity and a doc.

Syntax and schema checks are registered here too (without a ``check`` function) so that
``seedlint rules`` lists everything a user can select, ignore or re-grade. Semantic rules
live one family per module in this package; plugins come from the ``seedlint.rules``
entry-point group.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Fix, Severity
from ..plugins import ENTRY_POINT_GROUP, plugins_may_exist

if TYPE_CHECKING:
    from ..config import Config
    from ..parse import Document
    from ..schema import CompiledSchema

_CODE = re.compile(r"[A-Z]{1,4}[0-9]{3}")


@dataclass
class RuleContext:
    """What a rule sees: the parsed document and the settings; it never re-parses."""

    doc: Document
    config: Config
    now: datetime
    found: list[Diagnostic] = field(default_factory=list)
    schema: CompiledSchema | None = None  # the schema the document was validated against
    # Files besides the record that the rules read (local images): the result cache
    # re-checks their stat data before it serves the result again.
    dependencies: set[str] = field(default_factory=set)
    # Results several rules of a family share (see :meth:`shared`).
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def data(self) -> Any:
        return self.doc.data

    @property
    def path(self) -> str:
        return self.doc.path

    def report(
        self,
        rule: Rule,
        pointer: str,
        message: str,
        *,
        at: str = "value",
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> None:
        """Report at the value (``at="value"``), its key (``"key"``) or list item (``"item"``)."""
        doc = self.doc
        if at == "value":
            # one look-up when the value has a span of its own (most do)
            span = doc.values.get(pointer) or doc.span(pointer)
        else:
            span = {"key": doc.key_span, "item": doc.item_span}[at](pointer)
        diagnostic = doc.diagnostic(span, rule.code, message, pointer, severity or rule.severity)
        if fix is not None:
            from dataclasses import replace

            diagnostic = replace(diagnostic, fix=fix)
        self.found.append(diagnostic)

    def shared(self, key: str, compute: Callable[[RuleContext], Any]) -> Any:
        """``compute(self)``, computed once per document for all the rules that ask."""
        if key not in self._shared:
            self._shared[key] = compute(self)
        return self._shared[key]

    def schema_accepts(self, pointer: str, value: Any) -> bool | None:
        """Whether the schema finds no fault at ``pointer`` once its value is ``value``.

        ``None`` when there is no schema. Rules use it to tell what a field should hold
        (a boolean, a date-time) without knowing the schema's layout.
        """
        if self.schema is None:
            return None
        from ..diagnostics import pointer_parts

        parts = pointer_parts(pointer)
        data = _with_value(self.doc.data, parts, value)
        return not any(
            [str(p) for p in failure.pointer] == parts for failure in self.schema.errors(data)
        )


def _with_value(data: Any, parts: list[str], value: Any) -> Any:
    """A copy of ``data`` with the value at ``parts`` replaced (only that path is copied)."""
    if not parts:
        return value
    head, rest = parts[0], parts[1:]
    if isinstance(data, list):
        copy: Any = list(data)
        copy[int(head)] = _with_value(data[int(head)], rest, value)
    else:
        copy = dict(data)
        copy[head] = _with_value(data[head], rest, value)
    return copy


Check = Callable[[RuleContext], None]


@dataclass(frozen=True)
class Rule:
    """A check with a stable identity.

    ``doc`` follows ruff's layout: ``## What it does``, ``## Why is this bad?``,
    ``## Example`` (a record that fails), ``## Use instead`` (one that passes) and
    ``## Fix``. ``fix`` is ``None``, ``"safe"`` or ``"unsafe"``.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str = ""
    check: Check | None = None
    fix: str | None = None
    supersedes_schema: bool = False  # at the same pointer, this replaces the schema error
    origin: str = "seedlint"

    def __post_init__(self) -> None:
        if not _CODE.fullmatch(self.code):
            raise ValueError(f"rule code {self.code!r} must look like SL201")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")

    def examples(self) -> tuple[str | None, str | None]:
        """The failing and passing example records of the doc (fenced code blocks)."""
        return _fenced(self.doc, "Example"), _fenced(self.doc, "Use instead")


def _fenced(doc: str, heading: str) -> str | None:
    # the first fence of the section: lines before it may be prose, not another heading
    match = re.search(
        rf"^## {heading}[ \t]*\n(?:(?!## )[^\n]*\n)*?```[a-z]*\n(.*?)^```", doc, re.M | re.S
    )
    return match.group(1) if match else None


_rules: dict[str, Rule] = {}
_loaded = False


def register(rule: Rule) -> Rule:
    """Add a rule to the registry (codes and names are unique)."""
    existing = _rules.get(rule.code)
    if existing is not None and existing is not rule:
        raise ValueError(f"rule code {rule.code} is already used by {existing.name}")
    for other in _rules.values():
        if other.name == rule.name and other.code != rule.code:
            raise ValueError(f"rule name {rule.name} is already used by {other.code}")
    _rules[rule.code] = rule
    return rule


def unregister(code: str) -> None:
    """Take the rule registered under ``code`` out of the registry again (for a program or
    a test that adds a rule for a while)."""
    del _rules[code]


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    fix: str | None = None,
    supersedes_schema: bool = False,
) -> Callable[[Check], Rule]:
    """Decorator: register a check function as a rule, its docstring as the rule's doc."""

    def wrap(check: Check) -> Rule:
        module = check.__module__
        origin = "seedlint" if module.startswith(f"{__name__}.") else module
        return register(
            Rule(
                code,
                name,
                severity,
                summary,
                _dedent(check.__doc__ or ""),
                check,
                fix,
                supersedes_schema,
                origin,
            )
        )

    return wrap


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _load_plugins()


def _load_plugins() -> None:
    if not plugins_may_exist():
        return
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
        except Exception as error:  # noqa: BLE001 - a broken plugin must not stop linting
            import warnings

            warnings.warn(
                f"seedlint: cannot load rule plugin {entry.name!r}: {error}", stacklevel=2
            )
            continue
        for item in loaded if isinstance(loaded, (list, tuple)) else [loaded]:
            if isinstance(item, Rule):
                register(_as_plugin(item, entry.value))


def _as_plugin(item: Rule, origin: str) -> Rule:
    from dataclasses import replace

    return item if item.origin != "seedlint" else replace(item, origin=origin)


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code."""
    _load()
    return sorted(_rules.values(), key=lambda r: r.code)


def get(code_or_name: str) -> Rule | None:
    _load()
    wanted = code_or_name.strip()
    return _rules.get(wanted.upper()) or next(
        (r for r in _rules.values() if r.name == wanted.lower()), None
    )


def checks() -> Iterator[Rule]:
    return (r for r in all_rules() if r.check is not None)


def run(ctx: RuleContext, selected: Iterable[Rule]) -> list[Diagnostic]:
    """Run the selected semantic rules; a failing rule becomes a diagnostic, not a crash."""
    for item in selected:
        if item.check is None:
            continue
        try:
            item.check(ctx)
        except Exception as error:  # noqa: BLE001 - one broken rule must not stop the others
            ctx.found.append(
                ctx.doc.diagnostic(
                    ctx.doc.whole_span(),
                    "SL000",
                    f"internal error in rule {item.code} ({item.name}): "
                    f"{type(error).__name__}: {error}; please report it",
                    "",
                    Severity.ERROR,
                )
            )
    return ctx.found
