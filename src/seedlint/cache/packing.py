"""Diagnostics and source lines as plain values: what the cache stores and workers send.

A diagnostic is packed into a list of plain values without its path (the caller knows
it), which :mod:`marshal` writes and reads fast; source lines are kept marshalled and
decoded only when a report shows them.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ..diagnostics import Diagnostic, Edit, Fix, Severity, SourceLines

if TYPE_CHECKING:
    from .index import Cached

Packed = list[Any]  # a diagnostic without its path, as plain values (see pack)
_SEVERITIES = {s.value: s for s in Severity}


_Frozen = TypeVar("_Frozen", Diagnostic, Fix, Edit)


def built(cls: type[_Frozen], fields: dict[str, Any]) -> _Frozen:
    """An instance of a frozen dataclass of :mod:`seedlint.diagnostics` whose
    ``__dict__`` is ``fields``: every one of its fields, already checked.

    A speed trick, for restoring cached results only: the dataclass ``__init__`` sets
    each field through ``object.__setattr__``, which makes restoring a run's diagnostics
    from the cache twice as slow."""
    instance = _new(cls)
    _set_attribute(instance, "__dict__", fields)
    return instance


_new = object.__new__
_set_attribute = object.__setattr__


def pack(diagnostics: Iterable[Diagnostic]) -> list[Packed]:
    """Diagnostics as lists of plain values, without the path (the caller knows it)."""
    packed: list[Packed] = []
    for d in diagnostics:
        item: Packed = [
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            d.code,
            d.severity.value,
            d.message,
            d.pointer,
        ]
        if d.fix is not None:
            item.append(
                [d.fix.message, d.fix.safe, [[e.start, e.end, e.text] for e in d.fix.edits]]
            )
        packed.append(item)
    return packed


def unpack(path: str, packed: Iterable[Packed]) -> list[Diagnostic]:
    """The inverse of :func:`pack`; raises ``ValueError`` on malformed data."""
    diagnostics = []
    try:
        for item in packed:
            if len(item) == 8:
                line, column, end_line, end_column, code, severity, message, pointer = item
                fix = None
            else:
                (
                    line,
                    column,
                    end_line,
                    end_column,
                    code,
                    severity,
                    message,
                    pointer,
                    packed_fix,
                ) = item
                fix = _unpack_fix(packed_fix)
            if not (
                type(line) is type(column) is type(end_line) is type(end_column) is int
                and type(code) is type(message) is type(pointer) is str
            ):
                raise ValueError("a field has the wrong type")
            diagnostics.append(
                built(
                    Diagnostic,
                    {
                        "path": path,
                        "line": line,
                        "column": column,
                        "end_line": end_line,
                        "end_column": end_column,
                        "code": code,
                        "severity": _SEVERITIES[severity],
                        "message": message,
                        "pointer": pointer,
                        "fix": fix,
                    },
                )
            )
    except (TypeError, KeyError, ValueError) as error:
        raise ValueError(f"malformed cached diagnostics: {error}") from None
    return diagnostics


def _unpack_fix(packed: Packed) -> Fix:
    message, safe, packed_edits = packed
    edits = []
    for start, end, text in packed_edits:
        if not (type(start) is type(end) is int and type(text) is str):
            raise ValueError("an edit has the wrong type")
        edits.append(built(Edit, {"start": start, "end": end, "text": text}))
    if not (type(message) is str and type(safe) is bool):
        raise ValueError("a fix has the wrong type")
    return built(Fix, {"message": message, "edits": tuple(edits), "safe": safe})


def share_strings(packed: list[Packed], strings: dict[str, str]) -> None:
    """Make equal codes, severities, messages and pointers one object each: marshal writes
    an object it has seen as a reference, which makes an index a third smaller and faster
    to read."""
    for item in packed:
        for field in range(4, 8):
            item[field] = strings.setdefault(item[field], item[field])
        if len(item) > 8:
            item[8][0] = strings.setdefault(item[8][0], item[8][0])


class Restored(NamedTuple):
    """A cached result made whole again."""

    diagnostics: list[Diagnostic]
    source: SourceLines | None


def restore(path: str, cached: Cached) -> Restored:
    """The diagnostics and source lines of a cache entry; raises ``ValueError`` when the
    diagnostics are malformed."""
    lines = cached.source_lines
    return Restored(
        unpack(path, cached.diagnostics),
        SourceLines(_Marshalled(lines)) if type(lines) is bytes else None,
    )


def marshalled(source: SourceLines | None) -> bytes | None:
    """Source lines as an entry keeps them: marshalled (see :class:`_Marshalled`)."""
    if source is None:
        return None
    lines = source.lines
    if isinstance(lines, _Marshalled):
        return lines.data
    return marshal.dumps(dict(lines))


class _Marshalled(Mapping[int, str]):
    """Source lines as the cache keeps them: a marshalled ``{number: text}``, decoded on
    first use, so that a report that shows no source lines never decodes them. Malformed
    data reads as no lines."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.lines: dict[int, str] | None = None

    def _decoded(self) -> dict[int, str]:
        if self.lines is None:
            try:
                found = marshal.loads(self.data)
            except (EOFError, ValueError, TypeError):
                found = None
            self.lines = found if type(found) is dict else {}
        return self.lines

    def __getitem__(self, number: int) -> str:
        text = self._decoded()[number]
        if type(text) is not str:
            raise KeyError(number)
        return text

    def get(self, number: int, default: Any = None) -> Any:
        text = self._decoded().get(number, default)
        return text if type(text) is str else default

    def __iter__(self) -> Iterator[int]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())
