"""Completion: the fields the schema allows at the cursor (those not there yet), with a
snippet that fills in required nested fields; the values of enums; ``true``/``false``
for booleans (never ``yes``/``no``, which Jekyll reads as text)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from . import schema_info
from .context import Slot
from .schema_info import Field

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _./-]*")
_RESERVED = frozenset(("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"))


def yaml_value(value: Any) -> str:
    """A value as it is written in YAML so that it is read back as itself."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        plain = _PLAIN.fullmatch(value) and value.lower() not in _RESERVED
        return value if plain and value == value.strip() else json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")


class _Snippet:
    """Builds a snippet, numbering its tab stops."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.stops = 0

    def stop(self, schemas: Sequence[dict[str, Any]]) -> str:
        self.stops += 1
        choices = [yaml_value(v) for v in schema_info.values(schemas)]
        if choices and all("," not in c and "|" not in c for c in choices):
            return f"${{{self.stops}|{','.join(_escape(c) for c in choices)}|}}"
        return f"${self.stops}"

    def value(self, schemas: Sequence[dict[str, Any]], indent: int, depth: int) -> str:
        """What follows ``name:`` in the snippet of a field."""
        kinds = schema_info.types(schemas)
        if depth < 2 and "object" in kinds:
            body = self.required_fields(schemas, indent + 2, depth, "")
            if body:
                return body
        if depth < 2 and "array" in kinds:
            items = [s["items"] for s in schemas if isinstance(s.get("items"), dict)]
            resolved = [r for i in items for r in schema_info.resolved(self.root, i)]
            if "object" in schema_info.types(resolved):
                body = self.required_fields(resolved, indent + 4, depth, "- ")
                if body:
                    return body
            return f"\n{' ' * (indent + 2)}- {self.stop(resolved)}"
        return f" {self.stop(schemas)}"

    def required_fields(
        self, schemas: Sequence[dict[str, Any]], indent: int, depth: int, dash: str
    ) -> str:
        names: list[str] = []
        for schema in schemas:
            names.extend(n for n in schema.get("required") or () if n not in names)
        if not names:
            return ""
        properties: dict[str, list[dict[str, Any]]] = {}
        for schema in schemas:
            for name, value in (schema.get("properties") or {}).items():
                properties.setdefault(name, []).extend(schema_info.resolved(self.root, value))
        lines = []
        for index, name in enumerate(names):
            lead = " " * (indent - len(dash)) + dash if index == 0 and dash else " " * indent
            value = self.value(properties.get(name, []), indent, depth + 1)
            lines.append(f"\n{lead}{_escape(name)}:{value}")
        return "".join(lines)


def _documentation(field: Field) -> types.MarkupContent | None:
    description = schema_info.first(field.schemas, "description")
    if not isinstance(description, str):
        return None
    return types.MarkupContent(types.MarkupKind.Markdown, description)


def _detail(field: Field) -> str:
    title = schema_info.first(field.schemas, "title")
    kinds = " or ".join(schema_info.types(field.schemas)) or "any"
    parts = [str(title)] if isinstance(title, str) else []
    parts.append(kinds + (", required" if field.required else ""))
    return " - ".join(parts)


def complete(
    root: dict[str, Any],
    slot: Slot,
    edit_range: types.Range,
    snippets: bool,
) -> list[types.CompletionItem]:
    """The completion items for ``slot`` (a mapping's key, or a value)."""
    schemas = schema_info.at_path(root, slot.path)
    if (
        slot.kind == "key"
        and "object" in schema_info.types(schemas)
        or (slot.kind == "key" and any("properties" in s for s in schemas))
    ):
        return _keys(root, slot, edit_range, snippets)
    return _values(schemas, edit_range)


def _keys(
    root: dict[str, Any], slot: Slot, edit_range: types.Range, snippets: bool
) -> list[types.CompletionItem]:
    items = []
    for order, field in enumerate(schema_info.fields(root, slot.path)):
        if field.name in slot.present:
            continue
        if snippets:
            text = _escape(field.name) + ":" + _Snippet(root).value(field.schemas, slot.column, 0)
            text_format = types.InsertTextFormat.Snippet
        else:
            text, text_format = f"{field.name}: ", types.InsertTextFormat.PlainText
        items.append(
            types.CompletionItem(
                label=field.name,
                kind=types.CompletionItemKind.Field,
                detail=_detail(field),
                documentation=_documentation(field),
                sort_text=f"{0 if field.required else 1}{order:04d}",
                filter_text=field.name,
                insert_text_format=text_format,
                insert_text_mode=types.InsertTextMode.AsIs,
                text_edit=types.TextEdit(edit_range, text),
            )
        )
    return items


def _values(
    schemas: Sequence[dict[str, Any]], edit_range: types.Range
) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=yaml_value(value),
            kind=types.CompletionItemKind.EnumMember
            if not isinstance(value, bool)
            else types.CompletionItemKind.Value,
            sort_text=f"{order:04d}",
            text_edit=types.TextEdit(edit_range, yaml_value(value)),
        )
        for order, value in enumerate(schema_info.values(schemas))
    ]
