"""Text fields: spaces at the edges of a title."""

from __future__ import annotations

from ..diagnostics import Edit, Severity
from ..parse import Document
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


def _in_related(pointer: str) -> bool:
    """Whether a title belongs to a ``related`` entry (copied from another record)."""
    return pointer == "/related" or pointer.startswith("/related/")


def _report_titles(ctx: RuleContext, check: object, related: bool, safe: bool) -> None:
    for parent, key, value in texts(ctx).titles:
        if value == value.strip() or _in_related(parent) is not related:
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
            check,  # type: ignore[arg-type]
            pointer,
            f"{field_name(pointer)} {where} with white space; remove it",
            fix=fix_of("remove the spaces around the title", edits, safe=safe),
        )


@rule(
    "SL212", "title-whitespace", Severity.INFO, "a title starts or ends with spaces", fix="unsafe"
)
def title_whitespace(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports a `title` of the record (its own, or one of its images') with spaces at its
    start or end, inside the quotes. The titles of `related` entries are copied from
    other records, so they are left to `related-title-whitespace` (opt-in).

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
    _report_titles(ctx, title_whitespace, related=False, safe=False)


@rule(
    "SL218",
    "related-title-whitespace",
    Severity.INFO,
    "the title of a related entry starts or ends with spaces (opt-in)",
    fix="unsafe",
)
def related_title_whitespace(ctx: RuleContext) -> None:
    """
    ## What it does
    Reports the `title` of a `related` entry with spaces at its start or end. It runs
    only when selected by its full code or name (`--extend-select SL218`): `ALL` or a
    prefix such as `SL2` does not switch it on.

    ## Why is this bad?
    The same as `title-whitespace`, but a related entry's title is copied from the
    record it points to (often from the source site, spaces included): it is not the
    author's to trim, and trimming it in passing sends a diff across entries nobody
    touched. Opt in when the related titles are yours to clean.

    ## Example
    ```yaml
    ---
    related:
      - title: " Azure Arc is now generally available"
        webUrl: https://azure.microsoft.com/en-us/updates/azure-arc/
    ---
    ```

    ## Use instead
    ```yaml
    ---
    related:
      - title: "Azure Arc is now generally available"
        webUrl: https://azure.microsoft.com/en-us/updates/azure-arc/
    ---
    ```

    ## Fix
    Unsafe (`--unsafe-fixes`): the spaces inside the quotes are removed, which changes a
    title copied from elsewhere.
    """
    _report_titles(ctx, related_title_whitespace, related=True, safe=False)
