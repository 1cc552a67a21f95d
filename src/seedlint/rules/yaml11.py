"""Plain scalars that YAML 1.1 (Jekyll's parser) and YAML 1.2 read differently."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Edit, Fix, Severity
from . import RuleContext, rule
from ._support import field_name, quoted, scalar_inner


def reading(value: Any) -> str:
    """How a value reads in a message: ``true``, ``the number 80``, ``the text 'yes'``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the text {value!r}"


def literal(value: Any) -> str:
    """The YAML source of a boolean or number, the same in YAML 1.1 and 1.2."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


@rule(
    "SL204",
    "yaml11-value",
    Severity.WARNING,
    "a value that Jekyll (YAML 1.1) reads differently from YAML 1.2",
    fix="safe",
    supersedes_schema=True,
)
def yaml11_value(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports unquoted values whose meaning changed between YAML 1.1, which Jekyll reads,
    and YAML 1.2, which the schema is checked against: `yes`/`no`/`on`/`off`/`y`/`n` in
    any case (booleans in 1.1, text in 1.2), sexagesimal numbers such as `1:20` (80 in
    1.1), leading-zero octals such as `010` (8 in 1.1, 10 in 1.2), `0b` binary numbers and
    numbers with `_` separators. It is an error where the schema rejects the YAML 1.2
    reading (it replaces that schema error and says what Jekyll reads), a warning
    otherwise.

    ## Why is this bad?
    The record means one thing to the site and another to every other tool: with
    `published: yes` the schema sees the text `'yes'` while Jekyll sees `true`.

    ## Example
    ```yaml
    ---
    published: yes
    ---
    ```

    ## Use instead
    ```yaml
    ---
    published: true
    ---
    ```

    ## Fix
    Safe where the schema expects what Jekyll reads: `yes` becomes `true`, `1:20` becomes
    `80`. Unsafe where the schema expects text: the value is quoted (`'yes'`), which
    changes what Jekyll reads.
    """
    for pointer, (text, as_yaml12, as_yaml11) in ctx.doc.yaml11.items():
        wants_yaml12 = ctx.schema_accepts(pointer, as_yaml12)
        wants_yaml11 = ctx.schema_accepts(pointer, as_yaml11)
        message = (
            f"{field_name(pointer)}: {text} is {reading(as_yaml12)} in YAML 1.2 but "
            f"Jekyll (YAML 1.1) reads it as {reading(as_yaml11)}"
        )
        keep_yaml11 = literal(as_yaml11)
        keep_yaml12 = quoted(text, "'") if isinstance(as_yaml12, str) else literal(as_yaml12)
        inner = scalar_inner(ctx.doc, pointer)
        fix = None
        if wants_yaml11 and not wants_yaml12:
            message += f"; write {keep_yaml11}"
            if inner is not None:
                fix = Fix(f"write {keep_yaml11}", (Edit(inner[0], inner[1], keep_yaml11),))
        elif wants_yaml12 and not wants_yaml11:
            message += f"; write {keep_yaml12} so that Jekyll reads {reading(as_yaml12)} too"
            if inner is not None and keep_yaml12 is not None:
                fix = Fix(
                    f"write {keep_yaml12}", (Edit(inner[0], inner[1], keep_yaml12),), safe=False
                )
        else:
            message += (
                f"; write {keep_yaml11} for {reading(as_yaml11)} or {keep_yaml12} for "
                f"{reading(as_yaml12)}"
            )
        ctx.report(yaml11_value, pointer, message, fix=fix)
