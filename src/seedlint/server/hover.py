"""Hover: on a field's name, what the schema says of it; on a diagnostic, its rule's
documentation (what it checks, why, an example, the fix)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic
from . import schema_info
from .diagnostics import rule_markdown


def field_markdown(root: dict[str, Any], path: Sequence[str | None]) -> str | None:
    """The title, description, type, format, allowed values and whether the field is
    required, for the field at ``path`` (its last step is its name)."""
    if not path or path[-1] is None:
        return None
    name = path[-1]
    schemas = schema_info.at_path(root, path)
    if not schemas:
        return None
    required = any(
        name in (parent.get("required") or ()) for parent in schema_info.at_path(root, path[:-1])
    )
    title = schema_info.first(schemas, "title")
    lines = [f"**{title}** (`{name}`)" if isinstance(title, str) else f"`{name}`", ""]
    description = schema_info.first(schemas, "description")
    if isinstance(description, str):
        lines += [description, ""]
    kinds = schema_info.types(schemas)
    if kinds:
        lines.append(f"- type: {' or '.join(kinds)}")
    found_format = schema_info.first(schemas, "format")
    if isinstance(found_format, str):
        lines.append(f"- format: {found_format}")
    allowed = [v for v in schema_info.values(schemas) if "boolean" not in kinds]
    if allowed:
        lines.append("- one of: " + ", ".join(json.dumps(v) for v in allowed[:20]))
    lines.append(f"- required: {'yes' if required else 'no'}")
    return "\n".join(lines)


def diagnostic_markdown(diagnostics: Sequence[Diagnostic]) -> str | None:
    """The documentation of each rule among ``diagnostics`` (once per code)."""
    pages = []
    for code in dict.fromkeys(d.code for d in diagnostics):
        page = rule_markdown(code)
        if page is not None:
            pages.append(page.rstrip())
    return "\n\n---\n\n".join(pages) or None
