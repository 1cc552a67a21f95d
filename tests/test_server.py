"""``seedlint server`` end to end: a real LSP client (pytest-lsp) drives the real server
process over stdio, and what it gets is compared with the CLI's ``--format json`` and
``--fix`` on the same text."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytest.importorskip("pygls")
pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pygls.exceptions import JsonRpcRequestCancelled  # noqa: E402

from cli_runner import run_cli_process  # noqa: E402
from conftest import RECORDS, corpus_files  # noqa: E402
from server_client import (  # noqa: E402
    Session,
    apply,
    as_tuple,
    cli_fix,
    cli_json,
    edits_of,
    expected_range,
    session,
    units,
    within,
)

RECORD = RECORDS / "2019-10-23-start-building-with-azure-cognitive-services-for-free.md"
NAME = "2019-10-23-start-building-with-azure-cognitive-services-for-free.md"
TOPICS = 'topics: ["🚀 Azure", "🚀 Azure"]'
# the columns of the second topic (SL107, a repeat) in each encoding: (start, end)
EMOJI_RANGES = {"utf-16": (21, 31), "utf-8": (23, 35), "utf-32": (20, 29)}


Check = Callable[[Session], Awaitable[None]]


def run(folder: Path, *tests: Check, **options: object) -> None:
    """Run ``tests`` one after the other in a session with a server started in
    ``folder`` (several tests share a server: each start costs about a second)."""

    async def main() -> None:
        async with session(folder, **options) as state:  # type: ignore[arg-type]
            for test in tests:
                await test(state)

    asyncio.run(main())


def broken(text: str) -> str:
    """The record with defects: a duplicate key, a quoted number, a date-time with a
    space (safe fix), an http:// URL (unsafe fix), a repeated topic after emoji."""
    text = text.replace("type: article\n", "type: article\ntype: video\n", 1)
    text = text.replace("quality: 34", 'quality: "34"')
    text = text.replace(
        "publishedDateTime: 2019-10-23T14:00:15Z", "publishedDateTime: 2019-10-23 14:00:15Z"
    )
    text = text.replace('webUrl: "https://azure', 'webUrl: "http://azure', 1)
    return re.sub(
        r"^topics:\n(?:  - .*\n)+", 'topics: ["🚀 Azure", "🚀 Azure"]\n', text, flags=re.M
    )


def by_code(found: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in found}


# --- diagnostics -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", pytest.param("utf-8", marks=pytest.mark.slow)])
def test_diagnostics_equal_the_cli_and_clear_when_fixed(tmp_path: Path, encoding: str) -> None:
    text = broken(RECORD.read_text(encoding="utf-8"))
    (tmp_path / NAME).write_text(text, encoding="utf-8")
    cli = cli_json(tmp_path / NAME)
    assert {d["code"] for d in cli} >= {"SL002", "SL103", "SL107", "SL205", "SL209"}

    async def test(state: Session) -> None:
        assert state.encoding == encoding
        uri = state.open(NAME, text)
        found = await state.diagnostics(uri)
        # the same diagnostics as the CLI, code for code, at the CLI's spans converted
        assert [(str(d.code), as_tuple(d.range), d.message) for d in found] == [
            (d["code"], expected_range(text, d, encoding), d["message"]) for d in cli
        ]
        assert {d.source for d in found} == {"seedlint"}
        codes = by_code(found)
        # the repeated topic after a rocket (2 UTF-16 units, 4 UTF-8 bytes), exactly
        line = text.splitlines().index(TOPICS)
        start, end = EMOJI_RANGES[encoding]
        assert as_tuple(codes["SL107"].range) == (line, start, line, end)
        assert codes["SL002"].severity == types.DiagnosticSeverity.Error
        assert codes["SL205"].severity == types.DiagnosticSeverity.Warning
        # the duplicate key names the line of the first one: relatedInformation points there
        related = codes["SL002"].related_information
        assert related is not None and related[0].location.uri == uri
        first = text.splitlines().index("type: article")
        assert as_tuple(related[0].location.range) == (first, 0, first, len("type: article"))
        # the code links to the rule's documentation, as `seedlint rule SL002` prints it
        link = codes["SL002"].code_description
        assert link is not None
        page = Path(urlparse(link.href).path).read_text(encoding="utf-8")
        rule = run_cli_process("rule", "SL002").stdout
        assert page.strip() == rule.strip()
        # a change that removes the defects clears them
        state.change(uri, RECORD.read_text(encoding="utf-8"))
        assert await state.diagnostics(uri) == []

    run(tmp_path, test, encodings=[encoding])


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["utf-32"])  # UTF-16 and UTF-8: in the test above
def test_exact_range_after_non_bmp_characters(tmp_path: Path, encoding: str) -> None:
    text = RECORD.read_text(encoding="utf-8")
    text = re.sub(
        r"^topics:\n(?:  - .*\n)+", 'topics: ["🚀 Azure", "🚀 Azure"]\n', text, flags=re.M
    )
    line = text.splitlines().index('topics: ["🚀 Azure", "🚀 Azure"]')
    # the repeated topic: characters 20 to 29 of the line, a rocket (2 UTF-16 units,
    # 4 UTF-8 bytes) before it and one inside it
    start, end = EMOJI_RANGES[encoding]
    assert units('topics: ["🚀 Azure", ', encoding) == start

    async def test(state: Session) -> None:
        uri = state.open(NAME, text)
        found = by_code(await state.diagnostics(uri))
        assert as_tuple(found["SL107"].range) == (line, start, line, end)

    run(tmp_path, test, encodings=[encoding])


def test_pull_diagnostics(tmp_path: Path) -> None:
    text = broken(RECORD.read_text(encoding="utf-8"))
    (tmp_path / NAME).write_text(text, encoding="utf-8")
    cli = cli_json(tmp_path / NAME)

    async def test(state: Session) -> None:
        uri = state.open(NAME, text)
        params = types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri))
        report = await within(state.client.text_document_diagnostic_async(params))
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [(str(d.code), as_tuple(d.range)) for d in report.items] == [
            (d["code"], expected_range(text, d, "utf-16")) for d in cli
        ]
        # the same version again: unchanged
        params.previous_result_id = report.result_id
        again = await within(state.client.text_document_diagnostic_async(params))
        assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
        state.change(uri, RECORD.read_text(encoding="utf-8"))
        params.previous_result_id = None
        clean = await within(state.client.text_document_diagnostic_async(params))
        assert (
            isinstance(clean, types.RelatedFullDocumentDiagnosticReport) and list(clean.items) == []
        )
        assert not state.published  # a client that pulls is not pushed to
        # a configuration changed on disk: the server asks the client to pull again
        state.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(state.uri("seedlint.toml"), types.FileChangeType.Created)]
            )
        )
        await within(_refreshed(state))

    run(tmp_path, test, pull=True)


def test_configuration_include_exclude_and_reload(tmp_path: Path) -> None:
    """The configuration found for the file applies (select/ignore, per-glob schemas,
    include/exclude), and a change to it on disk applies without a restart."""
    text = broken(RECORD.read_text(encoding="utf-8"))
    config = tmp_path / "seedlint.toml"
    config.write_text('exclude = ["drafts/**"]\nignore = ["SL205"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()

    async def test(state: Session) -> None:
        uri = state.open(NAME, text)
        codes = [str(d.code) for d in await state.diagnostics(uri)]
        assert "SL205" not in codes and "SL103" in codes
        assert await state.diagnostics(state.open("drafts/" + NAME, text)) == []
        assert await state.diagnostics(state.open("notes.rst", text)) == []  # not in include
        # the server asked to hear of changes to configurations and schemas
        assert state.registrations == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
        # the configuration changes on disk: every open buffer is linted again
        config.write_text('ignore = ["SL103"]\n', encoding="utf-8")
        before = len(state.published)
        state.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]
            )
        )
        await within(_published_after(state, before, uri))
        await within(_published_after(state, before, state.uri("drafts/" + NAME)))
        codes = [str(d.code) for d in state.client.diagnostics[uri]]
        assert "SL205" in codes and "SL103" not in codes
        assert state.client.diagnostics[state.uri("drafts/" + NAME)]  # no longer excluded

    run(tmp_path, test)


def test_a_jekyll_config_created_later_maps_the_collection_at_once(tmp_path: Path) -> None:
    """The language server gives a record in ``_events`` the CLI's diagnostics when the
    site's ``_config.yml`` appears while it runs (it was not looked for again)."""
    event = Path(__file__).parent / "data" / "site" / "_events"
    text = (event / "2020-08-20-virtual-machines-live-demo-and-qa.md").read_text("utf-8")
    (tmp_path / "_events").mkdir()

    async def test(state: Session) -> None:
        uri = state.open("_events/a.md", text)
        # no site: a folder of records is news, and an event is not a news record
        assert "SL101" in {str(d.code) for d in await state.diagnostics(uri)}
        config = tmp_path / "_config.yml"
        config.write_text("title: Everyday\n", encoding="utf-8")
        before = len(state.published)
        state.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(config.as_uri(), types.FileChangeType.Created)]
            )
        )
        await within(_published_after(state, before, uri))
        assert not state.client.diagnostics[uri]  # _events is an event collection now
        config.unlink()
        state.change(uri, text + "\n")
        assert "SL101" in {str(d.code) for d in await state.diagnostics(uri)}

    run(tmp_path, test)


def test_in_a_jekyll_site_only_what_check_lints_gets_diagnostics(tmp_path: Path) -> None:
    """Layouts and pages without front matter, Jekyll's output (_site), the site's
    exclude and folders Jekyll skips get no diagnostics, as ``seedlint check .`` skips
    them (the server reported SL003 "no front matter" on every layout)."""
    (tmp_path / "_config.yml").write_text("exclude: [drafts]\n", encoding="utf-8")
    broken_page = "---\ntitle: [\n---\n"
    skipped = {
        "_layouts/default.html": "<html>{{ content }}</html>\n",
        "about.md": "# About\n",
        "bom.md": "\ufeff" + broken_page,  # a static file for Jekyll
        "_site/x.md": broken_page,
        "drafts/x.md": broken_page,
        "_other/x.md": broken_page,
    }
    for name, text in {**skipped, "page.md": broken_page}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    async def test(state: Session) -> None:
        for name, text in skipped.items():
            assert not await state.diagnostics(state.open(name, text)), name
        found = await state.diagnostics(state.open("page.md", broken_page))
        assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [
            ("SL001", 2, 0)
        ]

    run(tmp_path, test)
    done = run_cli_process("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    found = json.loads(done.stdout)
    assert [(d["path"], d["code"], d["line"]) for d in found] == [("./page.md", "SL001", 3)]


def test_a_data_file_record_gets_the_clis_diagnostics(tmp_path: Path) -> None:
    """A ``_data/organizations/*.yml`` record (the whole file is the YAML) is linted as
    ``seedlint check .`` lints it: the server gave it none (``*.yml`` is not in
    ``include``; the walk adds it in ``_data``). A BOM, CRLF and emoji come first."""
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "_data" / "organizations").mkdir(parents=True)
    text = (
        "\ufeffname: '😀😀 X'\r\ndomain: x.com\r\n"
        "images: [{url: '😀', width: '50', height: 50}]\r\n"
    )
    (tmp_path / "_data" / "organizations" / "b.yml").write_bytes(text.encode("utf-8"))

    async def test(state: Session) -> None:
        found = await state.diagnostics(state.open("_data/organizations/b.yml", text))
        assert sorted(
            (str(d.code), d.range.start.line, d.range.start.character, d.range.end.character)
            for d in found
        ) == [("SL101", 0, 1, 2), ("SL101", 0, 1, 2), ("SL103", 2, 28, 32), ("SL104", 2, 15, 19)]

    run(tmp_path, test)
    done = run_cli_process("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    found = json.loads(done.stdout)
    assert sorted((d["code"], d["line"], d["column"]) for d in found) == [
        ("SL101", 1, 1),
        ("SL101", 1, 1),
        ("SL103", 3, 28),
        ("SL104", 3, 16),  # characters: the emoji is one (two UTF-16 units above)
    ]


def test_a_broken_jekyll_configuration_is_said_not_an_internal_error(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("collections: [a\n", encoding="utf-8")
    (tmp_path / "_events").mkdir()

    async def test(state: Session) -> None:
        found = await state.diagnostics(state.open("_events/a.md", "---\ntitle: x\n---\n"))
        assert [(d.range.start.line, d.message) for d in found] == [
            (
                0,
                f"seedlint cannot lint this file: {tmp_path}/_config.yml: Jekyll's "
                "configuration is not valid YAML (line 2)",
            )
        ]

    run(tmp_path, test)


async def _refreshed(state: Session) -> None:
    while not state.refreshes:
        await asyncio.sleep(0.01)


async def _published_after(state: Session, count: int, uri: str) -> None:
    while not any(p.uri == uri for p in state.published[count:]):
        state.event.clear()
        await state.event.wait()


@pytest.mark.slow
def test_config_change_applies_at_the_next_lint_without_a_watcher(tmp_path: Path) -> None:
    text = broken(RECORD.read_text(encoding="utf-8"))
    schema = tmp_path / "strict.schema.json"
    schema.write_text('{"type": "object", "additionalProperties": false}', encoding="utf-8")

    async def test(state: Session) -> None:
        uri = state.open(NAME, text)
        assert "SL103" in [str(d.code) for d in await state.diagnostics(uri)]
        (tmp_path / "seedlint.toml").write_text(
            f'schemas = [{{ files = ["*.md"], schema = "{schema.name}" }}]\nselect = ["SL1"]\n',
            encoding="utf-8",
        )
        state.change(uri, text + "\n")
        codes = {str(d.code) for d in await state.diagnostics(uri)}
        assert codes == {"SL102"}  # every field is unknown to the strict schema

    run(tmp_path, test)


@pytest.mark.slow
def test_real_corpus_records_get_no_error_and_the_clis_diagnostics(tmp_path: Path) -> None:
    files = corpus_files()[:40]
    done = run_cli_process(
        "check", "--no-cache", "--format", "json", *(str(f) for f in files), cwd=tmp_path
    )
    cli: dict[str, list[tuple[str, int, int]]] = {}
    for d in json.loads(done.stdout):
        cli.setdefault(str(Path(d["path"]).resolve()), []).append(
            (d["code"], d["line"], d["column"])
        )

    async def test(state: Session) -> None:
        for path in files:
            text = path.read_text(encoding="utf-8")
            uri = path.resolve().as_uri()
            state.versions[uri] = 1
            state.client.text_document_did_open(
                types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
            )
            found = await state.diagnostics(uri)
            assert not [d for d in found if d.severity == types.DiagnosticSeverity.Error], path
            assert [(str(d.code), d.range.start.line + 1) for d in found] == [
                (code, line) for code, line, _ in cli.get(str(path.resolve()), [])
            ]
            assert await state.hover(uri, 1, 1) is not None or text.startswith("---\n\n")

    run(tmp_path, test)


# --- code actions ------------------------------------------------------------------------


def test_quick_fixes_fix_all_and_disable(tmp_path: Path) -> None:
    original = RECORD.read_text(encoding="utf-8")
    text = broken(original)
    target = tmp_path / NAME

    async def test(state: Session) -> None:
        uri = state.open(NAME, text)
        found = by_code(await state.diagnostics(uri))
        date_line = found["SL209"].range.start.line
        actions = await state.code_actions(uri, date_line, date_line)
        fix = next(a for a in actions if a.title.startswith("Fix SL209"))
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
        assert [str(d.code) for d in fix.diagnostics or []] == ["SL209"]
        fixed = apply(text, edits_of(fix, uri), state.encoding)
        # the same bytes as `seedlint check --fix` when that is the only fixable problem
        only_date = text.replace('webUrl: "http://', 'webUrl: "https://', 1)
        target.write_text(only_date, encoding="utf-8")
        expected = cli_fix(target).decode("utf-8")
        assert fixed.replace('"http://', '"https://', 1) == expected != only_date

        # an unsafe fix is offered, labelled, never preferred
        url_line = found["SL205"].range.start.line
        actions = await state.code_actions(uri, url_line, url_line)
        unsafe = next(a for a in actions if a.title.startswith("Fix SL205"))
        assert unsafe.title.endswith("(unsafe)") and not unsafe.is_preferred
        target.write_text(text, encoding="utf-8")
        with_unsafe = apply(text, edits_of(unsafe, uri), state.encoding)
        assert 'webUrl: "https://azure' in with_unsafe

        # fix all: every safe fix, the bytes `seedlint check --fix` writes
        actions = await state.code_actions(uri, 0, 0, only=["source.fixAll"])
        assert [a.kind for a in actions] == ["source.fixAll.seedlint"]
        target.write_text(text, encoding="utf-8")
        assert apply(text, edits_of(actions[0], uri), state.encoding) == cli_fix(target).decode()

    run(tmp_path, test, disable_for_this_line())


AMP_RECORD = RECORDS / "000_097239ad54a2e97d.txt"
# one fixable defect each, in a real record: (code, record, defect, --unsafe-fixes?)
FIXABLE = [
    ("SL204", RECORD, ("published: false", "published: yes"), False),
    ("SL209", RECORD, ("2019-10-23T14:00:15Z", "2019-10-23 14:00:15Z"), False),
    ("SL212", RECORD, ('title: "Start', 'title: "  Start'), True),
    ("SL205", RECORD, ('webUrl: "https://azure', 'webUrl: "http://azure'), True),
    ("SL202", AMP_RECORD, ("www-rt-com.cdn.ampproject.org", "www-rt-com.cdn.example.org"), True),
]


@pytest.mark.slow
def test_each_quick_fix_gives_the_bytes_of_check_fix(tmp_path: Path) -> None:
    async def test(state: Session) -> None:
        for code, record, (old, new), unsafe in FIXABLE:
            text = record.read_text(encoding="utf-8").replace(old, new, 1)
            name = f"{code}-{record.name}"
            uri = state.open(name, text)
            found = by_code(await state.diagnostics(uri))
            line = found[code].range.start.line
            actions = await state.code_actions(uri, line, line)
            fix = next(a for a in actions if a.title.startswith(f"Fix {code}"))
            assert fix.title.endswith("(unsafe)") == unsafe
            target = tmp_path / name
            target.write_text(text, encoding="utf-8")
            expected = cli_fix(target, *(["--unsafe-fixes"] if unsafe else []))
            assert apply(text, edits_of(fix, uri), state.encoding).encode() == expected, code
            assert expected != text.encode()

    run(tmp_path, test)


def disable_for_this_line() -> Check:
    text = broken(RECORD.read_text(encoding="utf-8"))

    async def test(state: Session) -> None:
        uri = state.open("2019-10-23-disable.md", text)
        found = await state.diagnostics(uri)
        for code in ("SL103", "SL002", "SL107"):
            diagnostic = by_code(found)[code]
            line = diagnostic.range.start.line
            actions = await state.code_actions(uri, line, line)
            disable = next(a for a in actions if a.title == f"Disable {code} for this line")
            silenced = apply(text, edits_of(disable, uri), state.encoding)
            assert f"# seedlint: disable={code}" in silenced.splitlines()[line]
            version = state.change(uri, silenced)
            after = await state.diagnostics(uri, version)
            # exactly that diagnostic is gone; nothing new (no SL301-SL303)
            assert sorted(str(d.code) for d in after) == sorted(
                str(d.code) for d in found if d is not diagnostic
            )
            state.change(uri, text)
            await state.diagnostics(uri)

    return test


# --- hover and completion ----------------------------------------------------------------


def test_hover_and_completion(tmp_path: Path) -> None:
    text = broken(RECORD.read_text(encoding="utf-8"))
    lines = text.splitlines()

    async def test(state: Session) -> None:
        uri = state.open(NAME, text)
        found = by_code(await state.diagnostics(uri))
        domain = lines.index("  domain: microsoft.com")
        page = await state.hover(uri, domain, 4)
        assert page is not None
        assert "**Provider domain** (`domain`)" in page
        assert "Host name of the source's web site" in page
        assert "- type: string" in page and "- format: domain-name" in page
        assert "- required: yes" in page
        image_title = await state.hover(uri, lines.index("      width: 50"), 7)
        assert image_title is not None and "**Width**" in image_title
        assert "- required: yes" in image_title
        removed = await state.hover(uri, lines.index("published: false"), 2)
        assert removed is not None and "- type: boolean" in removed
        # on a diagnostic: the rule's documentation
        start = found["SL103"].range.start
        page = await state.hover(uri, start.line, start.character + 1)
        assert page is not None and "# SL103" in page and "## What it does" in page
        # elsewhere, nothing
        assert await state.hover(uri, 0, 1) is None

    run(tmp_path, test, completion())


def completion() -> Check:
    text = RECORD.read_text(encoding="utf-8")
    text = re.sub(r"^provider:\n(?:  .*\n)+", "", text, flags=re.M)  # no provider
    text = text.replace("heat: -1\n", "heat: -1\n\n")
    lines = text.splitlines()
    related = lines.index("    type: article")

    def with_line(after: int, line: str) -> str:
        changed = lines[: after + 1] + [line] + lines[after + 1 :]
        return "\n".join(changed) + "\n"

    async def test(state: Session) -> None:
        uri = state.open("2019-10-23-completion.md", text)
        await state.diagnostics(uri)
        # the top level: fields not there yet; the required provider with a snippet
        items = {i.label: i for i in await state.complete(uri, lines.index("heat: -1") + 1, 0)}
        assert "provider" in items and "images" in items and "removed" in items
        assert "title" not in items and "heat" not in items
        snippet = items["provider"].text_edit
        assert isinstance(snippet, types.TextEdit)
        assert snippet.new_text == "provider:\n  name: $1\n  domain: $2"
        assert items["provider"].insert_text_format == types.InsertTextFormat.Snippet
        assert items["images"].text_edit.new_text == (  # type: ignore[union-attr]
            "images:\n  - url: $1\n    width: $2\n    height: $3"
        )
        assert items["removed"].text_edit.new_text == "removed: ${1|true,false|}"  # type: ignore[union-attr]
        # in a related item: its fields, without those present
        state.change(uri, with_line(related, "    "))
        items = {i.label: i for i in await state.complete(uri, related + 1, 4)}
        assert set(items) == {"ampWebUrl", "cdnAmpWebUrl", "images"}
        assert "webUrl" not in items and "title" not in items
        # in an image of a related item, after a typed prefix
        state.change(uri, with_line(related, "    images:\n      - url: x\n        wi"))
        items = {i.label: i for i in await state.complete(uri, related + 3, 10)}
        assert {"width", "height", "isCached", "title"} == set(items)
        edit = items["width"].text_edit
        assert isinstance(edit, types.TextEdit)
        assert as_tuple(edit.range) == (related + 3, 8, related + 3, 10)
        # values: an enum, and booleans as true/false only
        state.change(uri, with_line(related, "category: "))
        values = [i.label for i in await state.complete(uri, related + 1, 10)]
        assert values == ["news"]
        published = lines.index("published: false")
        values = [i.label for i in await state.complete(uri, published, len("published: "))]
        assert values == ["true", "false"]
        # in the middle of a value: the item replaces the whole word
        items = await state.complete(uri, published, len("published: fa"))
        assert [as_tuple(i.text_edit.range) for i in items] == [  # type: ignore[union-attr]
            (published, len("published: "), published, len("published: false"))
        ] * 2

    return test


# --- robustness --------------------------------------------------------------------------


def _alias_bomb() -> str:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join(f"*{previous}" for _ in range(9)) + "]")
    return "---\n" + "\n".join(rows) + "\n---\n"


def test_hostile_buffers_get_a_diagnostic_and_the_server_keeps_answering(
    tmp_path: Path,
) -> None:
    text = RECORD.read_text(encoding="utf-8")
    hostile = {
        "bomb.md": (_alias_bomb(), "SL009"),
        "binary.md": ("---\ntitle: \x00\x01\x02\n---\n", "SL008"),
        "surrogate.md": ("---\ntitle: \ud800\n---\n", "SL007"),
        "huge.md": ("---\ntitle: " + "x" * 10_000_000 + "\n---\n", "SL101"),
        "deep.md": ("---\na: " + "[" * 100_000 + "\n---\n", None),
        # typing a flow mapping: the syntax error, not an internal error
        "flow.md": ("---\nprovider: {name: x, \n---\n", "SL001"),
        "untitled:Untitled-1": ("---\ntitle: x\n---\n", "SL101"),
    }

    async def test(state: Session) -> None:
        uri = state.open(NAME, text)
        for name, (content, code) in hostile.items():
            hostile_uri = state.open(name, content)
            # the server answers a hover on another buffer meanwhile
            assert await state.hover(uri, 1, 2) is not None
            found = await state.diagnostics(hostile_uri)
            assert found, name
            if code is not None:
                assert code in [str(d.code) for d in found], name
        assert await state.diagnostics(uri) == []
        # a request cancelled while the huge buffer's code actions are being worked out
        # gets its error; the server answers the next one; shutdown still ends it at once
        protocol = state.client.protocol
        params = types.CodeActionParams(
            types.TextDocumentIdentifier(state.uri("huge.md")),
            types.Range(types.Position(0, 0), types.Position(3, 0)),
            types.CodeActionContext([]),
        )
        pending = protocol.send_request(types.TEXT_DOCUMENT_CODE_ACTION, params)
        request_id = list(protocol._request_futures)[-1]
        await asyncio.sleep(0.05)
        protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=request_id))
        with pytest.raises(JsonRpcRequestCancelled):
            await within(asyncio.wrap_future(pending))
        assert await state.hover(uri, 1, 2) is not None

    run(tmp_path, test)


def test_server_without_pygls_says_how_to_install_it() -> None:
    done = run_cli_process("server", prelude="import sys; sys.modules['pygls'] = None")
    assert done.status == 2
    assert done.stderr.strip() == (
        "seedlint: error: the language server needs pygls: pip install 'seedlint[server]'"
    )


def test_exit_without_shutdown_is_status_1(tmp_path: Path) -> None:
    """The protocol: ``exit`` before ``shutdown`` ends the server with status 1."""
    server = run_cli_process(
        "server", stdin=_frame('{"jsonrpc": "2.0", "method": "exit"}'), cwd=tmp_path
    )
    assert server.status == 1


def _frame(body: str) -> bytes:
    data = body.encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data
