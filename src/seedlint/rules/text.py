"""Text fields: spaces at the edges of a title."""

from __future__ import annotations

from ..diagnostics import Edit, Severity
from ..source import Document
from . import RuleContext, rule
from ._support import child, field_name, fix_of, scalar_inner, texts


def trim_edits(doc: Document, pointer: str, value: str) -> tuple[Edit, ...] | None:
    """Edits deleting the spaces written at the edges of a quoted one-line scalar, when
    that gives exactly ``value.strip()`` (not for escapes such as ``\\t`` at an edge)."""
    inner = scalar_inner(doc, pointer)
    if inner is None or not inner[2]:
        return None
    start, end, style = inner
    raw = doc.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    kept = raw[lead : len(raw) - trail]
    if (kept.replace("''", "'") if style == "'" else kept) != value.strip():
        return None  # escapes such as \t at an edge: the spaces are not written as such
    edits = [Edit(start, start + lead, "")] if lead else []
    if trail:
        edits.append(Edit(end - trail, end, ""))
    return tuple(edits)


@rule(
    "SL212", "title-whitespace", Severity.INFO, "a title starts or ends with spaces", fix="unsafe"
)
def title_whitespace(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports a `title` (of the record, a `related` entry or an image) with spaces at
    its start or end, inside the quotes.

    ## Why is this bad?
    Browsers hide them, but they end up in page titles, social cards and search
    results, and make titles that are the same look different to scripts.

    ## Example
    ```yaml
    ---
    title: "Azure Arc is now generally available "
    ---
    ```

    ## Use instead
    ```yaml
    ---
    title: "Azure Arc is now generally available"
    ---
    ```

    ## Fix
    Unsafe (the page gets another title text): the spaces inside the quotes are removed;
    nothing else moves.
    """
    for parent, key, value in texts(ctx).titles:
        if value == value.strip():
            continue
        pointer = child(parent, key)
        where = (
            "starts and ends"
            if value[:1].isspace() and value[-1:].isspace()
            else "starts"
            if value[:1].isspace()
            else "ends"
        )
        edits = trim_edits(ctx.doc, pointer, value)
        ctx.report(
            title_whitespace,
            pointer,
            f"{field_name(pointer)} {where} with white space; remove it",
            fix=fix_of("remove the spaces around the title", edits, safe=False),
        )
