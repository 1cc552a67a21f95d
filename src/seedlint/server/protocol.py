"""The language server's wiring: documents, debounced linting, and the LSP features.

Linting happens in the lint worker (:mod:`seedlint.server.worker`); hover and completion
read the buffer and the schema here, without waiting for it.
"""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .._version import __version__
from ..diagnostics import Diagnostic
from . import completion, context, hover
from .diagnostics import RuleDocs, problem_diagnostic, to_lsp, to_range
from .linting import Actions, Linted
from .positions import LINE_END, UTF16, LineMap, Position
from .worker import Failed, LintWorker

DEBOUNCE = 0.2  # seconds after the last change before a buffer is linted
FIX_ALL = "source.fixAll.seedlint"
WARM_UP = "seedlint-warm-up.md"  # a name for the first lint, of an empty record
# configurations, schemas, and Jekyll's _config.yml (its collections map files to schemas)
WATCHED = ("**/seedlint.toml", "**/pyproject.toml", "**/*.json", "**/_config.yml")


@dataclass
class _Document:
    """What the server knows of one open buffer."""

    version: int | None = None  # of the last lint
    found: list[Diagnostic] = field(default_factory=list)
    published: list[types.Diagnostic] = field(default_factory=list)
    task: asyncio.Task[None] | None = None


class SeedlintServer(LanguageServer):
    """pygls' server with seedlint's state: the open buffers and the lint worker."""

    def __init__(self) -> None:
        super().__init__(
            "seedlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.worker = LintWorker()
        self.documents: dict[str, _Document] = {}
        self.docs = RuleDocs()
        self.warm_up: asyncio.Future[Any] | None = None
        self.shut_down = False  # the protocol: exit after shutdown is status 0, else 1

    # --- the client's capabilities ------------------------------------------------------
    @property
    def pulls(self) -> bool:
        """Whether the client asks for diagnostics (``textDocument/diagnostic``)."""
        document = self.client_capabilities.text_document
        return document is not None and document.diagnostic is not None

    @property
    def snippets(self) -> bool:
        document = self.client_capabilities.text_document
        item = document and document.completion and document.completion.completion_item
        return bool(item and item.snippet_support)

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    # --- buffers ------------------------------------------------------------------------
    def path_of(self, uri: str) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:  # an unsaved buffer: a record (.md) in the workspace's folder
            root = self.workspace.root_path or os.getcwd()
            name = os.path.basename(uri.split(":", 1)[-1]) or "untitled"
            path = os.path.join(root, name if os.path.splitext(name)[1] else f"{name}.md")
        return path

    def buffer(self, uri: str) -> tuple[str, int | None]:
        document = self.workspace.get_text_document(uri)
        return document.source, document.version

    def lines(self, text: str) -> LineMap:
        return LineMap(text, self.encoding)

    async def call(self, name: str, *arguments: Any) -> Any:
        return await asyncio.to_thread(self.worker.call, name, *arguments)

    async def lint(self, uri: str) -> list[types.Diagnostic]:
        """Lint the buffer as it is now; remember and return its diagnostics."""
        text, version = self.buffer(uri)
        state = self.documents.setdefault(uri, _Document())
        if state.version == version and version is not None:
            return state.published
        found = await self.call("lint", self.path_of(uri), text)
        lines = self.lines(text)
        kept: list[Diagnostic] = []
        if isinstance(found, Failed):
            published = [problem_diagnostic(found.reason)]
        elif isinstance(found, Linted) and found.problem:
            published = [problem_diagnostic(found.problem)]
        else:
            kept = found.diagnostics
            published = [to_lsp(lines, d, uri, self.docs) for d in kept]
        if uri in self.documents and self.buffer(uri)[1] == version:  # else a newer lint comes
            state.version, state.found, state.published = version, kept, published
        return published

    def schedule(self, uri: str, delay: float) -> None:
        """(Re)start the countdown to linting ``uri`` and pushing its diagnostics."""
        state = self.documents.setdefault(uri, _Document())
        if state.task is not None and not state.task.done():
            state.task.cancel()
        state.version = None
        if not self.pulls:
            state.task = asyncio.ensure_future(self._push_later(uri, delay))

    async def _push_later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        version = self.buffer(uri)[1]
        published = await self.lint(uri)
        if uri in self.documents and self.buffer(uri)[1] == version:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri, published, version)
            )

    def relint_all(self) -> None:
        """The configuration or a schema changed: lint every open buffer again."""
        for uri in list(self.documents):
            self.schedule(uri, 0)
        if self.pulls:
            workspace = self.client_capabilities.workspace
            diagnostics = workspace and workspace.diagnostics
            if diagnostics and diagnostics.refresh_support:
                self.workspace_diagnostic_refresh(None)


server = SeedlintServer()


@server.feature(types.INITIALIZED)
async def initialized(ls: SeedlintServer, params: types.InitializedParams) -> None:
    # start the lint process and load the linter and schema while the editor gets ready
    root = ls.workspace.root_path or os.getcwd()
    ls.warm_up = asyncio.ensure_future(ls.call("lint", os.path.join(root, WARM_UP), "---\n---\n"))
    workspace = ls.client_capabilities.workspace
    watched = workspace and workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = types.Registration(
            "seedlint-watch", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
        )
        await ls.client_register_capability_async(types.RegistrationParams([registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SeedlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SeedlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SeedlintServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.documents.pop(params.text_document.uri, None)
    if state is not None and state.task is not None:
        state.task.cancel()
    if not ls.pulls:
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(params.text_document.uri, [])
        )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: SeedlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.relint_all()


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(
        identifier="seedlint", inter_file_dependencies=False, workspace_diagnostics=False
    ),
)
async def pull_diagnostics(
    ls: SeedlintServer, params: types.DocumentDiagnosticParams
) -> types.DocumentDiagnosticReport:
    uri = params.text_document.uri
    ls.documents.setdefault(uri, _Document())
    version = ls.buffer(uri)[1]
    items = await ls.lint(uri)
    result_id = f"{version}"
    if params.previous_result_id == result_id and version is not None:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id)
    return types.RelatedFullDocumentDiagnosticReport(items, result_id=result_id)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL],
        resolve_provider=False,
    ),
)
async def code_action(ls: SeedlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    from .actions import code_actions, wanted

    uri = params.text_document.uri
    text, version = ls.buffer(uri)
    only = params.context.only
    fix_all = wanted(FIX_ALL, only)
    if not fix_all and not wanted(types.CodeActionKind.QuickFix, only):
        return []
    found = await ls.call(
        "actions",
        ls.path_of(uri),
        text,
        params.range.start.line + 1,
        params.range.end.line + 1,
        fix_all,
    )
    if not isinstance(found, Actions):
        return []
    return code_actions(ls, uri, version, ls.lines(text), found, only)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: SeedlintServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    text, _ = ls.buffer(uri)
    lines = ls.lines(text)
    line, character = lines.to_character(Position(params.position.line, params.position.character))
    pages = []
    state = ls.documents.get(uri)
    if state is not None:
        here = [d for d in state.found if _covers(lines, d, params.position)]
        page = hover.diagnostic_markdown(here)
        if page:
            pages.append(page)
    key = context.key_at(_split(text), line, character)
    if key is not None:
        root = _schema(ls, uri)
        page = hover.field_markdown(root, key.path) if root else None
        if page:
            pages.append(page)
    if not pages:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(pages)))


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[]))
def on_completion(ls: SeedlintServer, params: types.CompletionParams) -> types.CompletionList:
    uri = params.text_document.uri
    text, _ = ls.buffer(uri)
    lines = ls.lines(text)
    line, character = lines.to_character(Position(params.position.line, params.position.character))
    slot = context.slot_at(_split(text), line, character)
    root = _schema(ls, uri) if slot is not None else None
    if slot is None or root is None:
        return types.CompletionList(is_incomplete=False, items=[])
    start = lines.from_character(line, slot.column)
    end = params.position
    if slot.kind == "value":  # a value goes in place of the word the cursor is in
        rest = lines.line_text(line)[character:]
        word = len(re.match(r"[^\s#,\]}]*", rest).group(0))  # type: ignore[union-attr]
        end = types.Position(*lines.from_character(line, character + word))
    edit_range = types.Range(types.Position(*start), end)
    items = completion.complete(root, slot, edit_range, ls.snippets)
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.SHUTDOWN)
def on_shutdown(ls: SeedlintServer, params: None) -> None:
    ls.shut_down = True
    for state in ls.documents.values():
        if state.task is not None:
            state.task.cancel()
    ls.worker.close()
    ls.docs.close()


def _covers(lines: LineMap, diagnostic: Diagnostic, position: types.Position) -> bool:
    found = to_range(lines, diagnostic)
    start = (found.start.line, found.start.character)
    end = (found.end.line, found.end.character)
    return start <= (position.line, position.character) <= end


def _split(text: str) -> list[str]:
    return LINE_END.split(text)


def _schema(ls: SeedlintServer, uri: str) -> dict[str, Any] | None:
    """The schema (JSON) for the buffer's path, per its configuration; ``None`` when it
    cannot be read or the file is not linted."""
    from ..config import ConfigError, load_settings, resolve_schema
    from ..schemafile import SchemaError, read_schema
    from ..site import forget_sites
    from .linting import is_linted

    path = ls.path_of(uri)
    forget_sites()
    try:
        config = load_settings().config_for(path)
        if not is_linted(path, config):
            return None
        document = read_schema(resolve_schema(config, path))[1]
        return document if isinstance(document, dict) else None  # `true`: no fields
    except (ConfigError, SchemaError, OSError):
        return None
