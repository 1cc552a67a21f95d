"""Helpers the rule families share: naming values in messages, walking records, and
building fixes as edits of the source text that keep the value's quoting style."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..diagnostics import Edit, Fix
from ..schema import readable_path, short
from ..source import Document, escape_pointer_token, pointer_parts, resolve_plain, yaml11_reading

__all__ = ["content_end", "delete_item", "field_name", "fix_of", "line_of", "quoted", "records",
           "replace_text", "scalar_inner", "short", "strings", "url_fields", "value_at"]

# Characters that make a plain scalar mean something else (or not parse) at its start, and
# sequences that end or interrupt it anywhere.
_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` \t")
_PLAIN_UNSAFE = re.compile(r": |:$| #|[,\[\]{}\x00-\x1f\x7f]|\s$")


def field_name(pointer: str) -> str:
    """``/related/3/webUrl`` -> ``related[3].webUrl`` (as the schema messages name fields)."""
    return readable_path(int(p) if p.isdigit() else p for p in pointer_parts(pointer))


def line_of(doc: Document, pointer: str) -> int:
    """The 1-based file line where the value at ``pointer`` starts."""
    return doc.span(pointer)[0] + doc.line_offset + 1


def records(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """The record itself (pointer ``""``) and each mapping in its ``related`` list."""
    if not isinstance(data, dict):
        return
    yield "", data
    related = data.get("related")
    if isinstance(related, list):
        for index, entry in enumerate(related):
            if isinstance(entry, dict):
                yield f"/related/{index}", entry


def strings(data: Any, wanted: Callable[[str | int, str], bool]) -> list[tuple[str, str]]:
    """``(pointer, text)`` of every text value whose key (or list index) and text are
    ``wanted``, in document order."""
    return [(f"{parent}/{_token(key)}", value) for key, parent, value in _all_strings(data)
            if wanted(key, value)]


# Several rules walk every text of the same record: the walk is done once per record.
_walked: tuple[Any, list[tuple[str | int, str, str]]] = (None, [])


def _all_strings(data: Any) -> list[tuple[str | int, str, str]]:
    """``(key, pointer of the parent, text)`` of every text value of ``data``."""
    global _walked
    if _walked[0] is data:
        return _walked[1]
    found: list[tuple[str | int, str, str]] = []

    def walk(node: Any, pointer: str) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                found.append((key, pointer, value))
            elif isinstance(value, (dict, list)):
                walk(value, f"{pointer}/{_token(key)}")

    if isinstance(data, (dict, list)):
        walk(data, "")
    _walked = (data, found)
    return found


def _token(key: str | int) -> str:
    if isinstance(key, int):
        return str(key)
    return escape_pointer_token(key) if "/" in key or "~" in key else key


def _is_url_field(key: str | int, value: str) -> bool:
    return isinstance(key, str) and key[-3:].lower() == "url"


_urls: tuple[Any, list[tuple[str, str]]] = (None, [])


def url_fields(data: Any) -> list[tuple[str, str]]:
    """Every ``(pointer, text)`` of a URL field (``url``, ``webUrl``, ``ampWebUrl``, ...)."""
    global _urls
    if _urls[0] is not data:
        _urls = (data, strings(data, _is_url_field))
    return _urls[1]


def fix_of(message: str, edits: Edit | tuple[Edit, ...] | None, safe: bool = True) -> Fix | None:
    """A fix made of ``edits``; ``None`` when the edit could not be made."""
    if not edits:
        return None
    return Fix(message, edits if isinstance(edits, tuple) else (edits,), safe)


def scalar_inner(doc: Document, pointer: str) -> tuple[int, int, str] | None:
    """``(start, end, style)`` of the characters of a one-line scalar, inside its quotes.

    ``style`` is ``'"'``, ``"'"`` or ``""`` (plain). ``None`` for block scalars, scalars
    spread over several lines, and pointers that have no value node of their own.
    """
    span = doc.values.get(pointer)
    if span is None or span[0] != span[2] or span[4] == span[5]:
        return None
    start, end = span[4], span[5]
    first = doc.text[start]
    if first in "\"'":
        return start + 1, end - 1, first
    if first in "|>[{":
        return None
    return start, end, ""


def quoted(value: str, style: str = '"') -> str | None:
    """``value`` written as a quoted scalar (``None`` when it holds a line break)."""
    if "\n" in value or "\r" in value:
        return None
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if any(ord(c) < 32 and c != "\t" for c in value):
        return None
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain_safe(value: str) -> bool:
    """Whether ``value`` written unquoted is read back as exactly this text (YAML 1.1 and 1.2)."""
    return (bool(value) and value[0] not in _PLAIN_UNSAFE_START
            and not _PLAIN_UNSAFE.search(value) and resolve_plain(value) == value
            and yaml11_reading(value) is NotImplemented)


def replace_text(doc: Document, pointer: str, value: str) -> Edit | None:
    """An edit that makes the text at ``pointer`` read ``value``, keeping its quotes.

    A plain scalar stays plain when that reads back the same; otherwise it gets double
    quotes. ``None`` when the value cannot be replaced in place (see :func:`scalar_inner`).
    """
    inner = scalar_inner(doc, pointer)
    if inner is None:
        return None
    start, end, style = inner
    if style == "" and not _plain_safe(value):
        text = quoted(value)
        return None if text is None else Edit(start, end, text)
    if style == "":
        return Edit(start, end, value)
    text = quoted(value, style)
    return None if text is None else Edit(start, end, text[1:-1])


def content_end(doc: Document, pointer: str) -> int:
    """The offset just past the last character of the value at ``pointer``.

    A block collection's node ends where the next token starts (after blank lines and
    comments); its content ends with its last scalar or flow collection.
    """
    span = doc.values[pointer]
    value = value_at(doc.data, pointer)
    if not isinstance(value, (dict, list)) or doc.text[span[4]] in "[{":
        return span[5]
    children = value.keys() if isinstance(value, dict) else range(len(value))
    ends = [span[4]]
    for child in children:
        child_pointer = f"{pointer}/{_token(child)}"
        if child_pointer in doc.values:
            ends.append(content_end(doc, child_pointer))
        if child_pointer in doc.keys:
            ends.append(doc.keys[child_pointer][5])
    return max(ends)


def value_at(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or ``None`` when there is none (a ``<<`` merge)."""
    for part in pointer_parts(pointer):
        try:
            data = data[int(part)] if isinstance(data, list) else data[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return None
    return data


def delete_item(doc: Document, pointer: str) -> Edit | None:
    """An edit deleting the whole lines of a block-sequence item (``- `` to its last line).

    ``None`` for an item of a flow sequence (``[a, b]``) or one sharing a line with
    something else.
    """
    item = doc.item_span(pointer)
    text = doc.text
    start = item[4]
    line_start = text.rfind("\n", 0, start) + 1
    if text[start] != "-" or text[line_start:start].strip(" \t"):
        return None
    last = content_end(doc, pointer)
    # a block scalar's node ends at the start of the line after its text
    last_char = last - 1 if last > start + 1 and text[last - 1] == "\n" else last
    line_end = text.find("\n", last_char)
    end = len(text) if line_end == -1 else line_end + 1
    if end > doc.front.yaml_end:
        end = doc.front.yaml_end
    following = text[last:end].strip()
    if following and not following.startswith("#"):
        return None
    return Edit(line_start, end, "")

