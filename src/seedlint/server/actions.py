"""Code actions: a quick fix per fixable diagnostic (the edits ``--fix`` makes), a
suppression comment per diagnostic, and ``source.fixAll.seedlint`` (every safe fix, the
text ``seedlint check --fix`` writes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

from ..diagnostics import Edit
from .diagnostics import to_lsp
from .linting import Actions
from .positions import LineMap

if TYPE_CHECKING:
    from .protocol import SeedlintServer


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a client asking for ``only`` kinds wants an action of ``kind``."""
    return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)


def _text_edit(lines: LineMap, edit: Edit) -> types.TextEdit:
    start, end = lines.from_offset(edit.start), lines.from_offset(edit.end)
    return types.TextEdit(types.Range(types.Position(*start), types.Position(*end)), edit.text)


def _workspace_edit(
    ls: SeedlintServer, uri: str, version: int | None, edits: list[types.TextEdit]
) -> types.WorkspaceEdit:
    workspace = ls.client_capabilities.workspace
    settings = workspace and workspace.workspace_edit
    if settings and settings.document_changes:
        document = types.OptionalVersionedTextDocumentIdentifier(uri, version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, list(edits))])
    return types.WorkspaceEdit(changes={uri: list(edits)})


def _disabled_support(ls: SeedlintServer) -> bool:
    document = ls.client_capabilities.text_document
    action = document and document.code_action
    return bool(action and action.disabled_support)


def code_actions(
    ls: SeedlintServer,
    uri: str,
    version: int | None,
    lines: LineMap,
    found: Actions,
    only: Sequence[str] | None,
) -> list[types.CodeAction]:
    result: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix, only):
        for fix in found.fixes:
            diagnostic = to_lsp(lines, fix.diagnostic, uri, ls.docs)
            if fix.refused is not None:
                if _disabled_support(ls):
                    result.append(
                        types.CodeAction(
                            fix.title,
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic],
                            disabled=types.CodeActionDisabled(
                                f"seedlint check --fix would not apply it: {fix.refused}"
                            ),
                        )
                    )
                continue
            edits = [_text_edit(lines, e) for e in fix.edits]
            result.append(
                types.CodeAction(
                    fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=not fix.unsafe,
                    edit=_workspace_edit(ls, uri, version, edits),
                )
            )
        for suppress in found.suppressions:
            code = suppress.diagnostic.code
            result.append(
                types.CodeAction(
                    f"Disable {code} for this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[to_lsp(lines, suppress.diagnostic, uri, ls.docs)],
                    edit=_workspace_edit(ls, uri, version, [_text_edit(lines, suppress.edit)]),
                )
            )
    if found.fix_all is not None:
        count = found.fix_all_count
        result.append(
            types.CodeAction(
                f"seedlint: fix all safely fixable problems ({count})",
                kind="source.fixAll.seedlint",
                edit=_workspace_edit(ls, uri, version, [_text_edit(lines, found.fix_all)]),
            )
        )
    return result
