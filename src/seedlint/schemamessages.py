"""Diagnostics from the schema engine's errors: one message per error, at the span of the
value or key at fault, written for a contributor rather than as a schema dump.

Everything a message says comes from the error itself (its kind and the kind's fields:
the missing ``property``, the ``unexpected`` field names, the ``types``, the ``limit``...)
and from the schema object holding the keyword (titles, the known field names a typo is
compared with, a pattern's description). Nothing is evaluated again here.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, escape_pointer_token

if TYPE_CHECKING:
    from .parse import Document
    from .schema import ValidationFailure


def diagnostics_for(failures: list[ValidationFailure], doc: Document) -> list[Diagnostic]:
    """The diagnostics of one document's failures, without repeats; a misspelt required
    field is one fault, reported at the typo rather than also as missing."""
    non_finite = non_finite_numbers(doc, failures)
    missing = {
        (failure.pointer, failure.details.get("property"))
        for failure in failures
        if failure.keyword == "required"
    }
    state = _State(missing)
    seen: set[tuple[str, str, str]] = set()
    found: list[Diagnostic] = []
    for failure in failures:
        if failure.pointer in non_finite:
            continue  # the engine saw no number there: SL110 says why
        for diagnostic in _diagnostics(failure, doc, state):
            key = (diagnostic.pointer, diagnostic.code, diagnostic.message)
            if key not in seen:
                seen.add(key)
                found.append(diagnostic)
    found = [d for d in found if not (d.code == "SL101" and d.pointer in state.absorbed)]
    for parts, value in non_finite.items():
        found.append(_non_finite_diagnostic(_Context(doc, parts), value))
    return found


@dataclass
class _State:
    missing: set[tuple[tuple[str | int, ...], Any]]
    absorbed: set[str] = field(default_factory=set)  # SL101 pointers a typo explains


# --- numbers JSON has no value for ----------------------------------------------------

# YAML makes an infinity or a NaN of .inf, -.Inf, .NAN... and of a float too large for a
# double (1e999). The text is searched for the first kind before the data is walked (the
# walk costs ~10% of a record's time; a regex led by a literal costs ~1%, one led by a
# character class, as a search for large exponents would be, ~10%): an overflowing float
# is found where the engine reports an error about it.
_NON_FINITE_HINT = re.compile(r"\.(?:inf|Inf|INF|nan|NaN|NAN)(?=[\s,\]}#]|$)", re.MULTILINE)


def non_finite_numbers(
    doc: Document, failures: Iterable[ValidationFailure] = ()
) -> dict[tuple[str | int, ...], float]:
    """Where ``doc.data`` holds an infinity or a NaN (JSON has neither)."""
    found: dict[tuple[str | int, ...], float] = {
        failure.pointer: failure.instance
        for failure in failures
        if isinstance(failure.instance, float) and not math.isfinite(failure.instance)
    }
    if not _NON_FINITE_HINT.search(doc.front.yaml):
        return found
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
    while stack:
        parts, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            found[parts] = value
        elif isinstance(value, dict):
            stack.extend((parts + (key,), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((parts + (index,), item) for index, item in enumerate(value))
    return found


def _non_finite_diagnostic(ctx: _Context, value: float) -> Diagnostic:
    span = ctx.doc.span(ctx.pointer)
    written = ctx.doc.front.text[span[4] : span[5]].strip() or repr(value)
    what = "not a number (NaN)" if math.isnan(value) else "infinite"
    return ctx.at_value(
        "SL110",
        f"{ctx.prefix()}{written} is {what}: JSON, and so the schema, has no such number; "
        "write a finite number, or quote it to keep it as text",
    )


# --- one failure ------------------------------------------------------------------------


def _diagnostics(failure: ValidationFailure, doc: Document, state: _State) -> Iterator[Diagnostic]:
    ctx = _Context(doc, failure.pointer)
    keyword = failure.keyword
    if keyword == "required":
        yield _missing(ctx, failure)
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown_fields(ctx, failure, state)
    elif keyword == "uniqueItems" and isinstance(failure.instance, list):
        yield from _repeated(ctx, failure.instance)
    else:
        code, message = _describe_failure(failure)
        yield ctx.at_value(code, ctx.prefix() + message)


def _missing(ctx: _Context, failure: ValidationFailure) -> Diagnostic:
    name = str(failure.details.get("property"))
    label = _field_label(failure.subschema, name)
    because = ""
    if failure.schema_keyword in ("dependentRequired", "dependencies"):
        because = " (another field present requires it)"
    return ctx.at_mapping(
        "SL101",
        f"{ctx.prefix()}missing required field '{name}'{label}{because}",
        f"{ctx.pointer}/{escape_pointer_token(name)}",
    )


def _unknown_fields(
    ctx: _Context, failure: ValidationFailure, state: _State
) -> Iterator[Diagnostic]:
    """One SL102 per field the engine names as unexpected, at its key."""
    properties = failure.subschema.get("properties")
    known = [str(k) for k in properties] if isinstance(properties, dict) else []
    for name in failure.details.get("unexpected") or ():
        pointer = f"{ctx.pointer}/{escape_pointer_token(str(name))}"
        suggestion = _suggest(str(name), known)
        message = f"{ctx.prefix()}unknown field '{name}'"
        if suggestion:
            message += f"; did you mean '{suggestion}'?"
            if (failure.pointer, suggestion) in state.missing:
                state.absorbed.add(f"{ctx.pointer}/{escape_pointer_token(suggestion)}")
                message += f" (the required field '{suggestion}' is missing)"
        yield ctx.doc.diagnostic(ctx.doc.key_span(pointer), "SL102", message, pointer)


def _repeated(ctx: _Context, items: list[Any]) -> Iterator[Diagnostic]:
    """Each repeated entry of a list whose entries must be unique, naming the first one's
    line (JSON equality: 1 and 1.0 are the same entry)."""
    first: dict[str, int] = {}
    reported = False
    for index, item in enumerate(items):
        marker = json.dumps(_json_equal_form(item), sort_keys=True, default=str)
        if marker not in first:
            first[marker] = index
            continue
        reported = True
        pointer = f"{ctx.pointer}/{index}"
        line = ctx.doc.diagnostic(ctx.doc.span(f"{ctx.pointer}/{first[marker]}"), "", "").line
        yield ctx.doc.diagnostic(
            ctx.doc.item_span(pointer),
            "SL107",
            f"{readable_path(ctx.parts + (index,))}: {short(item)} is already listed on "
            f"line {line}",
            pointer,
        )
    if not reported:
        yield ctx.at_value("SL107", f"{ctx.prefix()}lists the same entry twice")


def _json_equal_form(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_json_equal_form(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_equal_form(item) for key, item in value.items()}
    return value


_RANGES = {
    "minimum": "is below the minimum of {}",
    "exclusiveMinimum": "must be greater than {}",
    "maximum": "is above the maximum of {}",
    "exclusiveMaximum": "must be less than {}",
}


def _describe_failure(failure: ValidationFailure) -> tuple[str, str]:
    """(code, message without the field prefix) for a failure about one value."""
    keyword, details, instance = failure.keyword, failure.details, failure.instance
    if keyword == "type":
        types = details.get("types") or []
        return "SL103", (
            f"expected {_expected_types(types)}, found {describe(instance)}"
            + _type_hint(instance, types)
        )
    if keyword == "format":
        from .formats import FORMAT_EXPECTATIONS

        name = str(details.get("format"))
        return (
            "SL104",
            f"{short(instance)} is not {FORMAT_EXPECTATIONS.get(name, f'a valid {name}')}",
        )
    if keyword in _RANGES:
        return "SL105", f"{instance!r} " + _RANGES[keyword].format(details.get("limit"))
    if keyword == "multipleOf":
        return "SL105", f"{instance!r} is not a multiple of {details.get('multiple_of')}"
    if keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        return _size(keyword, details.get("limit"), instance)
    if keyword in ("enum", "const"):
        return "SL108", _not_allowed_value(keyword, details, instance)
    if keyword == "pattern":
        what = failure.subschema.get("description")
        if not isinstance(what, str) or not what:
            what = f"the pattern {details.get('pattern')}"
        return "SL108", f"{short(instance)} does not have the expected form ({what.rstrip('.')})"
    return "SL109", _other(failure)


def _size(keyword: str, limit: Any, instance: Any) -> tuple[str, str]:
    if keyword == "minLength":
        if limit == 1:
            return "SL106", "must not be empty"
        return "SL106", f"{short(instance)} is shorter than {limit} characters"
    if keyword == "maxLength":
        return "SL106", f"{short(instance)} is longer than {limit} characters"
    count = len(instance) if isinstance(instance, list) else 0
    if keyword == "minItems":
        if limit == 1:
            return "SL107", "must list at least one entry"
        return "SL107", f"must list at least {limit} entries, found {count}"
    return "SL107", f"must list at most {limit} entries, found {count}"


def _not_allowed_value(keyword: str, details: Any, instance: Any) -> str:
    options = list(details.get("options") or ()) if keyword == "enum" else []
    if keyword == "const":
        options = [details.get("expected_value")]
    listed = ", ".join(short(option, 30) for option in options[:12])
    hint = ""
    if isinstance(instance, str):
        suggestion = _suggest(instance, [o for o in options if isinstance(o, str)])
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
    if keyword == "const":
        return f"{short(instance)} is not {listed}{hint}" if options else "is not allowed"
    return f"{short(instance)} is not one of: {listed}{hint}"


_OTHER = {
    "anyOf": "matches none of the allowed forms",
    "oneOf": "must match exactly one of the allowed forms",
    "not": "is not allowed here",
    "falseSchema": "is not allowed here",
    "minProperties": "has too few fields",
    "maxProperties": "has too many fields",
    "propertyNames": "has a field name that is not allowed",
    "unevaluatedItems": "has entries that no schema keyword allows",
    "additionalItems": "has more entries than allowed",
    "contentEncoding": "is not in the required encoding",
    "contentMediaType": "is not of the required media type",
}


def _other(failure: ValidationFailure) -> str:
    keyword, details, instance = failure.keyword, failure.details, failure.instance
    if keyword == "contains":
        if failure.schema_keyword == "maxContains":
            return f"{describe(instance)} contains too many matching entries"
        return f"{describe(instance)} does not contain a required entry"
    if keyword == "propertyNames":
        error = details.get("error")
        name = getattr(error, "instance", None)
        if isinstance(name, str):
            return f"{describe(instance)} has a field name that is not allowed: '{name}'"
    if keyword == "minProperties" or keyword == "maxProperties":
        return f"{describe(instance)} {_OTHER[keyword]} (limit {details.get('limit')})"
    if keyword == "engineLimit":
        return f"the schema engine could not check the front matter: {details.get('error')}"
    if keyword in ("backtrackLimitExceeded", "regexEngineFailure", "referencing", "custom"):
        reason = details.get("error") or details.get("message") or keyword
        return f"{describe(instance)} could not be checked: {reason}"
    failure_text = _OTHER.get(keyword, f"fails the schema keyword {keyword!r}")
    return f"{describe(instance)} {failure_text}"


# --- words -------------------------------------------------------------------------------


def readable_path(parts: Iterable[str | int]) -> str:
    """``("related", 3, "webUrl")`` -> ``related[3].webUrl``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.replace("_", "a").replace("-", "a").isalnum():
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text


def to_pointer(parts: Iterable[str | int]) -> str:
    return "".join(f"/{escape_pointer_token(str(part))}" for part in parts)


def describe(value: Any) -> str:
    """A value as a contributor would name it."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {short(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else "'" + value.replace("'", "\\'") + "'"
    return text if len(text) <= limit else text[: limit - 4] + "...'"


_TYPE_NAMES = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def _expected_types(types: Any) -> str:
    listed = types if isinstance(types, list) else [types]
    names = [_TYPE_NAMES.get(str(t), str(t)) for t in listed]
    return " or ".join(names)


def _field_label(subschema: dict[str, Any], name: str) -> str:
    properties = subschema.get("properties")
    prop = properties.get(name) if isinstance(properties, dict) else None
    title = prop.get("title") if isinstance(prop, dict) else None
    return f" ({title})" if isinstance(title, str) and title.lower() != name.lower() else ""


def _suggest(name: str, choices: Iterable[str]) -> str | None:
    """The known name a contributor probably meant, if one is close."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if name.lower() in lowered:
        return lowered[name.lower()]
    import difflib

    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.7)
    return close[0] if close else None


def _jekyll_number(text: str) -> bool:
    from .jekyll import Lost, plain

    try:
        readings = [plain(text, flavour) for flavour in ("safe_yaml", "psych")]
    except Lost:  # a loader cannot read the bare text at all
        return False
    return all(
        isinstance(value, (int, float)) and not isinstance(value, bool) and value == value
        for value in readings
    )


def _type_hint(instance: Any, expected: Any) -> str:
    types = expected if isinstance(expected, list) else [expected]
    if isinstance(instance, str) and ("integer" in types or "number" in types):
        # only where Jekyll itself would read the bare text as a number: 08 and 1e3 are
        # text to it, quoted or not
        return "; remove the quotes to make it a number" if _jekyll_number(instance) else ""
    if isinstance(instance, float) and "integer" in types:
        return "; it must be a whole number"
    if isinstance(instance, str) and "boolean" in types and instance in ("true", "false"):
        return "; remove the quotes to make it true or false"
    return ""


@dataclass
class _Context:
    doc: Document
    parts: tuple[str | int, ...]
    pointer: str = field(init=False)
    where: str = field(init=False)

    def __post_init__(self) -> None:
        self.pointer = to_pointer(self.parts)
        self.where = readable_path(self.parts)

    def prefix(self) -> str:
        return f"{self.where}: " if self.where else ""

    def at_value(self, code: str, message: str, pointer: str | None = None) -> Diagnostic:
        pointer = self.pointer if pointer is None else pointer
        span = self.doc.span(pointer)
        if span[4] == span[5] and pointer in self.doc.keys:  # empty value: point at its key
            span = self.doc.keys[pointer]
        return self.doc.diagnostic(span, code, message, pointer)

    def at_mapping(self, code: str, message: str, pointer: str) -> Diagnostic:
        """At the first line of the mapping (for a list item, its ``- ``), one character wide."""
        parts = self.parts
        if parts and isinstance(parts[-1], int):
            span = self.doc.item_span(self.pointer)
        else:
            span = self.doc.span(self.pointer)
        line, column, _, _, start, _ = span
        return self.doc.diagnostic(
            (line, column, line, column + 1, start, start + 1), code, message, pointer
        )
