"""Scalars that Jekyll and YAML 1.2 tools read differently (the readings come from the
consumer model, :mod:`seedlint.jekyll`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import jekyll
from ..diagnostics import Edit, Fix, Severity, pointer_parts
from . import RuleContext, rule
from ._support import field_name, quoted, scalar_inner

# (schema object, its pointer pattern) -> whether that field takes any text
_TEXT_FIELDS: dict[int, tuple[Any, dict[str, bool]]] = {}


def _written(value: Any) -> str | None:
    """A spelling every reader reads as ``value`` (text quoted, numbers and booleans plain)."""
    if isinstance(value, str) and value.__class__ is str:
        return quoted(value, "'")
    return jekyll.spelling(value)


def _pattern(pointer: str) -> str:
    return "/".join("*" if part.isdigit() else part for part in pointer.split("/"))


def _takes_any_text(ctx: RuleContext, pointer: str) -> bool:
    """Whether the field is free text: it accepts a word that is no date, and not just
    anything (a field the schema leaves open, as the front-matter-only schema does, takes
    a Ruby Time as well as text). Asked once per schema and field."""
    schema = ctx.schema
    if schema is None:
        return False
    _, known = _TEXT_FIELDS.setdefault(id(schema), (schema, {}))
    pattern = _pattern(pointer)
    if pattern not in known:
        known[pattern] = bool(ctx.schema_accepts(pointer, "seedlint")) and (
            ctx.schema_accepts(pointer, {"not": "text"}) is False
        )
    return known[pattern]


def _exists(data: Any, pointer: str) -> bool:
    for part in pointer_parts(pointer):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return False
    return True


def _source(ctx: RuleContext, pointer: str, note: jekyll.Divergence) -> str:
    """The value as written (with its tag, ``!!str 1``) when it sits on one line."""
    span = ctx.doc.values.get(pointer)
    if span is None or span[0] != span[2]:
        return note.text
    written = ctx.doc.text[span[4] : span[5]]
    return written if note.text in written else note.text


def _readings(ctx: RuleContext, pointer: str, note: jekyll.Divergence) -> str:
    flavour = ctx.doc.flavour
    text = _source(ctx, pointer, note)
    message = (
        f"{text} is {jekyll.describe(note.yaml12)} in YAML 1.2, but "
        f"{jekyll.FLAVOUR_NAMES[flavour]} reads {jekyll.describe(note.jekyll)}"
    )
    if jekyll.same(note.yaml12, note.jekyll):
        message = f"{text} is {jekyll.describe(note.jekyll)} in YAML 1.2 and Jekyll"
    other = jekyll.other(flavour)
    if isinstance(note.other, jekyll.Lost):
        message += f" ({jekyll.SHORT_NAMES[other]} cannot read it and loses the front matter)"
    elif not jekyll.same(note.other, note.jekyll):
        message += f" ({jekyll.SHORT_NAMES[other]}: {jekyll.describe(note.other)})"
    return message


@rule(
    "SL204",
    "yaml11-value",
    Severity.WARNING,
    "a value that Jekyll reads differently from YAML 1.2",
    fix="safe",
    supersedes_schema=True,
)
def yaml11_value(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports unquoted values that Jekyll reads otherwise than YAML 1.2 tools (the schema,
    editors, other scripts) do, saying both readings: `yes`/`no`/`on`/`off`/`true`/`null`
    in any case (`tRuE` is true to Jekyll), `010` (8 to Jekyll, 10 in YAML 1.2), `08` and
    `1e3` (text to Jekyll, numbers in YAML 1.2), `1:20` (80.0 upstream, 4800 in Debian's
    Jekyll), `1,000` (1000 to Jekyll), `2020-02-22` in a text field (a date to Jekyll),
    and standard tags Jekyll ignores (`!!str 1` is the number 1 upstream). The readings
    come from Jekyll itself (`jekyll-yaml` selects the loader). It is an error where the
    value Jekyll reads breaks the schema (it replaces that schema error), a warning where
    only the other tools disagree. `y` and `n` are text to Jekyll: they are not reported.

    ## Why is this bad?
    The site gets another value than the record seems to hold: with `title: yes` the
    page's title is `true`; with `quality: 08` the site gets the text `"08"`.

    ## Example
    ```yaml
    ---
    title: yes
    ---
    ```

    ## Use instead
    ```yaml
    ---
    title: 'yes'
    ---
    ```

    ## Fix
    Safe where Jekyll's reading is what the schema expects: the value is respelt so that
    every tool reads what Jekyll reads (`on` becomes `true`, `010` becomes `8`); Jekyll
    reads exactly the same before and after, in both loaders. Unsafe where Jekyll's
    reading breaks the schema: the new spelling changes what Jekyll reads.
    """
    for pointer, note in list(ctx.doc.yaml11.items()):
        if isinstance(note.jekyll, jekyll.Lost) or not _exists(ctx.data, pointer):
            continue  # SL014 says the front matter is lost
        if jekyll.is_date(note.jekyll):
            _date_in_text(ctx, pointer, note)
            continue
        _report(ctx, pointer, note)


def _report(ctx: RuleContext, pointer: str, note: jekyll.Divergence) -> None:
    value = jekyll.as_json(note.jekyll, note.text)
    takes_jekyll = ctx.schema_accepts(pointer, value) is not False
    takes_yaml12 = bool(ctx.schema_accepts(pointer, jekyll.as_json(note.yaml12, note.text)))
    if not takes_jekyll and (not takes_yaml12 or jekyll.same(note.yaml12, note.jekyll)):
        return  # the schema's own error says what is wrong with what Jekyll reads
    message = f"{field_name(pointer)}: {_readings(ctx, pointer, note)}"
    inner = scalar_inner(ctx.doc, pointer)
    fix = None
    if takes_jekyll:
        written = _written(note.jekyll)
        if written is not None and written != note.text:
            message += f"; write {written} so that every tool reads {jekyll.describe(note.jekyll)}"
            if inner is not None:
                safe = jekyll.same(note.other, note.jekyll)  # the fixer checks it again
                fix = Fix(f"write {written}", (Edit(inner[0], inner[1], written),), safe=safe)
        ctx.report(yaml11_value, pointer, message, fix=fix)
        return
    written = _written(note.yaml12)
    message += "; the schema rejects what the site gets"
    if written is not None:
        message += f": write {written} for {jekyll.describe(note.yaml12)}"
        if inner is not None:
            fix = Fix(f"write {written}", (Edit(inner[0], inner[1], written),), safe=False)
    ctx.report(yaml11_value, pointer, message, severity=Severity.ERROR, fix=fix)


def _ruby_class(value: Any) -> str:
    """``Date`` or ``Time``: the Ruby class of a date reading."""
    if isinstance(value, jekyll.RubyDateText):
        return value.kind
    return "Time" if isinstance(value, datetime) else "Date"


def _date_in_text(ctx: RuleContext, pointer: str, note: jekyll.Divergence) -> None:
    """A date or time where the schema takes any text: Jekyll gives the page a Ruby Date
    or Time, not the text."""
    if not _takes_any_text(ctx, pointer) or ctx.schema_accepts(pointer, note.text) is False:
        return  # a date field (its form is SL209's and the schema's business)
    written = quoted(note.text, "'")
    message = (
        f"{field_name(pointer)}: {note.text} is {jekyll.describe(note.jekyll)} to "
        f"{jekyll.FLAVOUR_NAMES[ctx.doc.flavour]} (a Ruby "
        f"{_ruby_class(note.jekyll)}), not the text the field takes"
    )
    inner = scalar_inner(ctx.doc, pointer)
    fix = None
    if written is not None:
        message += f"; write {written}"
        if inner is not None:
            fix = Fix(f"write {written}", (Edit(inner[0], inner[1], written),), safe=False)
    ctx.report(yaml11_value, pointer, message, severity=Severity.ERROR, fix=fix)
