"""Helpers the rule families share: naming values in messages, walking records, and
building fixes as edits of the source text that keep the value's quoting style."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..diagnostics import Edit, Fix, pointer_parts, pointer_token
from ..formats import VERDICT_CACHE_SIZE
from ..jekyll import plain_readings
from ..parse import Document, RawSpan
from ..schema import readable_path, short

if TYPE_CHECKING:
    from . import RuleContext

__all__ = [
    "VALUE_CACHE_SIZE",
    "Text",
    "Texts",
    "child",
    "content_end",
    "delete_item",
    "field_name",
    "fix_of",
    "line_of",
    "quoted",
    "records",
    "replace_text",
    "scalar_inner",
    "short",
    "texts",
    "value_at",
]

# What a rule derives from one value alone (a URL, a date) is remembered, as the formats'
# verdicts are: records repeat the same values.
VALUE_CACHE_SIZE = VERDICT_CACHE_SIZE

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


def records(ctx: RuleContext) -> list[tuple[str, dict[str, Any]]]:
    """The record itself (pointer ``""``) and each mapping in its ``related`` list."""
    return ctx.shared("support.records", _find_records)  # type: ignore[no-any-return]


def _find_records(ctx: RuleContext) -> list[tuple[str, dict[str, Any]]]:
    data = ctx.data
    if not isinstance(data, dict):
        return []
    found = [("", data)]
    related = data.get("related")
    if isinstance(related, list):
        found += [
            (f"/related/{index}", entry)
            for index, entry in enumerate(related)
            if isinstance(entry, dict)
        ]
    return found


# A text value: (pointer of the mapping or list holding it, its key or index, the text).
# The pointer of the value itself is built by :func:`child` only for values reported.
Text = tuple[str, str | int, str]


class Texts(NamedTuple):
    """The text values some rule looks at, each list in document order."""

    urls: list[Text]  # of URL fields: webUrl, ampWebUrl, originalUrl, an image's url, ...
    titles: list[Text]  # of title fields
    # texts whose first character may start a date-time (a digit or white space), and
    # a few more: a cheap first sieve
    date_candidates: list[Text]


def texts(ctx: RuleContext) -> Texts:
    """The texts of the record, sorted out in one walk shared by every rule."""
    return ctx.shared("support.texts", _sort_texts)  # type: ignore[no-any-return]


def child(parent: str, key: str | int) -> str:
    """The pointer of the value at ``key`` (or list index) of the collection at ``parent``."""
    return f"{parent}/{pointer_token(key)}"


def _names_url(key: object) -> bool:
    """Whether a key names a URL field (``webUrl``, ``url``)."""
    return isinstance(key, str) and key[-3:].lower() == "url"


def _sort_texts(ctx: RuleContext) -> Texts:
    data = ctx.data
    found = Texts([], [], [])
    if not isinstance(data, (dict, list)):
        return found
    urls, titles, date_candidates = found
    url_keys: dict[Any, bool] = {}  # key -> whether it names a URL field (keys repeat)
    # a stack of (items not yet seen, pointer): document order without recursion, so that
    # a record as deep as the max-depth limit allows is walked too
    stack: list[tuple[Iterator[tuple[Any, Any]], str]] = [
        (iter(data.items()) if isinstance(data, dict) else enumerate(data), "")
    ]
    while stack:
        items, parent = stack[-1]
        for key, value in items:
            kind = value.__class__  # (the parser builds plain dicts, lists and texts)
            if kind is str:
                is_url = url_keys.get(key)
                if is_url is None:
                    is_url = url_keys[key] = _names_url(key)
                if is_url:
                    urls.append((parent, key, value))
                elif key == "title":
                    titles.append((parent, key, value))
                # ASCII digits and white space sort before "9", and most texts start with a
                # letter; non-ASCII ones go through (Unicode digits and spaces)
                first = value[:1]
                if first <= "9" or first > "\x7f":
                    date_candidates.append((parent, key, value))
            elif kind is dict or kind is list:
                children = iter(value.items()) if kind is dict else enumerate(value)
                stack.append((children, child(parent, key)))
                break  # the child first; this collection's items resume after it
        else:
            stack.pop()
    return found


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
    text = doc.text
    bang = -1  # where a last property `!` starts: Jekyll reads the quoted value as plain
    while text[start] in "&!" and start < end:  # an anchor or a tag: kept, not replaced
        gap = min(
            (i for i in (text.find(" ", start, end), text.find("\t", start, end)) if i >= 0),
            default=-1,
        )
        if gap < 0:
            return None  # nothing but properties (an empty value)
        bang = start if text[start:gap] in ("!", "!<!>") else -1
        start = gap
        while start < end and text[start] in " \t":
            start += 1
    first = text[start]
    if first in "\"'":
        if bang >= 0:  # the tag `!` goes too: what is written instead is what Jekyll reads
            return bang, end, ""
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
    """Whether ``value`` written unquoted is read back as exactly this text (YAML 1.2 and
    both Jekyll loaders)."""
    if not value or value[0] in _PLAIN_UNSAFE_START or _PLAIN_UNSAFE.search(value):
        return False
    readings = plain_readings(value)
    return readings.agree and readings.yaml12 == value


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
    return _content_end(doc, pointer, doc.values[pointer], value_at(doc.data, pointer))


def _content_end(doc: Document, pointer: str, span: RawSpan, value: Any) -> int:
    if not isinstance(value, (dict, list)) or doc.text[span[4]] in "[{":
        return span[5]
    # each span is looked up once: the document may find it by walking its node tree
    values, keys = doc.values, doc.keys
    children = value.items() if isinstance(value, dict) else enumerate(value)
    ends = [span[4]]
    for key, child_value in children:
        child_pointer = f"{pointer}/{pointer_token(key)}"
        child_span = values.get(child_pointer)
        if child_span is not None:
            ends.append(_content_end(doc, child_pointer, child_span, child_value))
        key_span = keys.get(child_pointer)
        if key_span is not None:
            ends.append(key_span[5])
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
