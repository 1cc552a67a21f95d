"""A real LSP client (pytest-lsp's) driving ``seedlint server`` in a subprocess, for the
server tests: sessions with chosen capabilities, and waiting for published diagnostics."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lsprotocol import types
from pytest_lsp import LanguageClient

from cli_runner import run_cli_process

T = TypeVar("T")
WAIT = 30.0  # seconds a test waits for an answer before failing (never reached when it works)


async def within(awaitable: Awaitable[T]) -> T:
    return await asyncio.wait_for(awaitable, WAIT)


@dataclass
class Published:
    uri: str
    version: int | None
    diagnostics: list[types.Diagnostic]


@dataclass
class Session:
    client: LanguageClient
    folder: Path
    encoding: str
    published: list[Published] = field(default_factory=list)
    event: asyncio.Event = field(default_factory=asyncio.Event)
    versions: dict[str, int] = field(default_factory=dict)
    registrations: list[str] = field(default_factory=list)
    refreshes: int = 0

    def uri(self, name: str) -> str:
        """A file's URI in the folder; a name with a scheme (``untitled:``) as it is."""
        return name if name.startswith("untitled:") else (self.folder / name).as_uri()

    def open(self, name: str, text: str) -> str:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
        )
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )
        return self.versions[uri]

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics published for ``uri`` (at ``version``, default: the latest)."""
        wanted = self.versions.get(uri) if version is None else version

        def found() -> Published | None:
            return next(
                (p for p in reversed(self.published) if p.uri == uri and p.version == wanted),
                None,
            )

        async def wait() -> None:
            while found() is None:
                self.event.clear()
                await self.event.wait()

        await within(wait())
        result = found()
        assert result is not None
        return result.diagnostics

    async def code_actions(
        self, uri: str, first: int, last: int, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(first, 0), types.Position(last, 0)),
            types.CodeActionContext([], only=only),
        )
        found = await within(self.client.text_document_code_action_async(params))
        return [a for a in found or [] if isinstance(a, types.CodeAction)]

    async def hover(self, uri: str, line: int, character: int) -> str | None:
        params = types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character)
        )
        found = await within(self.client.text_document_hover_async(params))
        if found is None:
            return None
        assert isinstance(found.contents, types.MarkupContent)
        return found.contents.value

    async def complete(self, uri: str, line: int, character: int) -> list[types.CompletionItem]:
        params = types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character)
        )
        found = await within(self.client.text_document_completion_async(params))
        assert isinstance(found, types.CompletionList)
        return list(found.items)


def capabilities(
    encodings: list[str] | None = None, pull: bool = False, watch: bool = True
) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings),
        text_document=types.TextDocumentClientCapabilities(
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(
                    snippet_support=True, documentation_format=[types.MarkupKind.Markdown]
                )
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            code_action=types.CodeActionClientCapabilities(
                disabled_support=True,
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    types.ClientCodeActionKindOptions(["quickfix", "source", "source.fixAll"])
                ),
            ),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                related_information=True, code_description_support=True, version_support=True
            ),
            diagnostic=types.DiagnosticClientCapabilities() if pull else None,
        ),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=watch
            ),
            diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True),
        ),
    )


@contextlib.asynccontextmanager
async def session(
    folder: Path, encodings: list[str] | None = None, pull: bool = False
) -> AsyncIterator[Session]:
    """A server started in ``folder``, initialized; shut down and checked to exit 0."""
    client = LanguageClient()
    state = Session(client, folder, "")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        state.published.append(Published(params.uri, params.version, list(params.diagnostics)))
        state.event.set()

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams) -> None:
        state.registrations.extend(r.method for r in params.registrations)

    @client.feature(types.WORKSPACE_DIAGNOSTIC_REFRESH)
    def on_refresh(params: None) -> None:
        state.refreshes += 1

    await client.start_io(sys.executable, "-m", "seedlint", "server", cwd=str(folder))
    result = await within(
        client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities(encodings, pull), root_uri=folder.as_uri()
            )
        )
    )
    state.encoding = str(result.capabilities.position_encoding)
    try:
        yield state
    finally:
        await within(client.shutdown_session())
        server = client._server
        assert server is not None and server.returncode == 0


def cli_json(path: Path, *args: str) -> list[dict[str, object]]:
    """``seedlint check --format json`` on one file."""
    done = run_cli_process(
        "check", "--no-cache", "--format", "json", *args, str(path), cwd=path.parent
    )
    assert done.status in (0, 1), done.stderr
    data = json.loads(done.stdout)
    return data if isinstance(data, list) else data["diagnostics"]  # type: ignore[no-any-return]


def cli_fix(path: Path, *args: str) -> bytes:
    """The bytes ``seedlint check --fix`` writes to ``path``."""
    run_cli_process("check", "--no-cache", "--fix", "-q", *args, str(path), cwd=path.parent)
    return path.read_bytes()


def units(text: str, encoding: str) -> int:
    """Code units of ``text`` (the test's own count, independent of the server's)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def expected_range(text: str, item: dict[str, object], encoding: str) -> tuple[int, ...]:
    """A CLI JSON diagnostic's span as an LSP range in ``encoding``."""
    lines = text.splitlines()  # the test records hold no other line breaks than \n
    line, column = int(item["line"]) - 1, int(item["column"]) - 1  # type: ignore[call-overload]
    end_line, end_column = int(item["end_line"]) - 1, int(item["end_column"]) - 1  # type: ignore[call-overload]
    return (
        line,
        units(lines[line][:column], encoding),
        end_line,
        units(lines[end_line][:end_column], encoding),
    )


def as_tuple(found: types.Range) -> tuple[int, ...]:
    return (found.start.line, found.start.character, found.end.line, found.end.character)


def apply(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """Apply LSP text edits to ``text`` (the test's own implementation)."""
    lines = text.splitlines(keepends=True) + [""]

    def offset(position: types.Position) -> int:
        line = lines[position.line].rstrip("\r\n")
        count, characters = 0, 0
        while characters < len(line) and count < position.character:
            count += units(line[characters], encoding)
            characters += 1
        return sum(len(x) for x in lines[: position.line]) + characters

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        change = edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
        return [e for e in change.edits if isinstance(e, types.TextEdit)]
    assert edit.changes is not None
    return list(edit.changes[uri])
