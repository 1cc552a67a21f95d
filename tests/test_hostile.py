"""Hostile and broken input: every case gives a clear diagnostic inside the file, the
documented exit status and no traceback, through the command line in a subprocess (a
timeout guards against hangs; nothing here measures speed)."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

import seedlint
from cli_runner import run_cli, run_cli_process
from conftest import NOW, SMALL, positions_outside
from seedlint import Config, Diagnostic, linter
from seedlint.config import Limits
from seedlint.run import discover, lint_files

RECORD = SMALL.read_bytes()
NAME = SMALL.name  # the file-name date matches the record's publishedDateTime
SOURCES = str(Path(seedlint.__file__).parents[1])  # the seedlint under test, in a process too


@dataclass
class Run:
    status: int
    diagnostics: list[Diagnostic]
    stderr: str


def seedlint_check(*args: str, cwd: Path, stdin: bytes = b"") -> Run:
    """``seedlint check`` in a fresh process, JSON output, no config file, no cache."""
    done = run_cli_process(
        "check",
        "--isolated",
        "--no-cache",
        "--format",
        "json",
        "--now",
        NOW,
        *args,
        cwd=cwd,
        stdin=stdin,
        env={"PYTHONPATH": SOURCES, "SEEDLINT_DEBUG": None},
    )
    stderr = done.stderr_bytes.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    found = json.loads(done.stdout) if done.stdout.strip() else []
    return Run(
        done.status,
        [Diagnostic(**{**d, "severity": seedlint.Severity(d["severity"])}) for d in found],
        stderr,
    )


def lint_file_bytes(tmp_path: Path, data: bytes, name: str = NAME) -> Run:
    """Write ``data`` as a record and lint it; every position must lie inside the file."""
    path = tmp_path / "_news" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    run = seedlint_check(str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert positions_outside(run.diagnostics, data) == []
    return run


def record_with(old: bytes, new: bytes) -> bytes:
    assert RECORD.count(old) == 1, old
    return RECORD.replace(old, new)


def nested_block(levels: int) -> bytes:
    return b"---\n" + b"".join(b" " * level + b"k:\n" for level in range(levels)) + b"---\n"


def billion_laughs() -> bytes:
    lines = [b"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        refs = ", ".join([f"*{previous}"] * 9).encode()
        lines.append(f"{name}: &{name} [".encode() + refs + b"]")
    return b"---\n" + b"\n".join(lines) + b"\n---\n"


def utf16_record(codec: str) -> bytes:
    return RECORD.decode("utf-8").encode(codec)


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    code: str
    at: tuple[int, int] | None = None  # where the diagnostic with ``code`` starts
    says: str = ""  # a part of its message


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00"
    b"\x00\x1f\xf3\xffa\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d"
    b"\xb0\x00\x00\x00\x00IEND\xaeB`\x82"
)

CASES = [
    # encodings
    Case(
        "latin-1",
        record_with(b'\ntitle: "Azure', b'\ntitle: "Azur\xe9'),
        "SL007",
        (3, 13),
        "Latin-1",
    ),
    Case(
        "windows-1252",
        record_with(b'\ntitle: "Azure', b"\ntitle: \x93Azure"),
        "SL007",
        (3, 8),
        "Windows-1252",
    ),
    Case("utf-16 with bom", utf16_record("utf-16"), "SL007", (1, 1), "UTF-16"),
    Case("utf-16-le without bom", utf16_record("utf-16-le"), "SL008", (1, 2), "UTF-16"),
    Case("utf-16-be without bom", utf16_record("utf-16-be"), "SL008", (1, 1), "UTF-16"),
    Case("utf-32 with bom", RECORD.decode().encode("utf-32"), "SL007", (1, 1), "UTF-32"),
    Case(
        "invalid utf-8 mid-value",
        record_with(b"name: Microsoft", b"name: Micro\xc3\x28soft"),
        "SL007",
        (13, 14),
        "0xC3",
    ),
    Case("nul byte", record_with(b"type: article", b"type: art\x00icle"), "SL008", (7, 10)),
    Case("png renamed .md", PNG, "SL008", (3, 1), "binary"),
    # structure
    Case("empty file", b"", "SL003", (1, 1), "empty"),
    Case("only ---", b"---\n", "SL004", (1, 1), "after line 1"),
    Case("--- twice", b"---\n---\n", "SL005", (1, 1)),
    Case("never closed", b"---\ntitle: x\ncategory: news\n", "SL004", (3, 1), "after line 3"),
    Case(
        "never closed, then a body", b"---\ntitle: x\n\nThe body.\n", "SL004", (4, 1), "on line 4"
    ),
    Case(
        "a second document in the front matter",
        record_with(b"type: article\n", b"--- type: article\n"),
        "SL001",
        (7, 1),
        "second YAML document",
    ),
    Case(
        "a directive in the front matter",
        record_with(b"type: article\n", b"%YAML 1.1\n"),
        "SL001",
        (7, 1),
        "directive",
    ),
    Case("lone CR line breaks", RECORD.replace(b"\n", b"\r"), "SL003", (1, 1), "lone CR"),
    Case(
        "tab indentation",
        record_with(b"  name: Microsoft", b"\tname: Microsoft"),
        "SL001",
        (13, 1),
        "tabs",
    ),
    Case("5,000 levels of block nesting", nested_block(5000), "SL009", None, "max-file-size"),
    Case(
        "5,000 levels of compact block nesting",
        b"---\na:\n" + b"- " * 5000 + b"x\n---\n",
        "SL009",
        (3, 399),
        "max-depth",
    ),
    Case(
        "5,000 levels of flow nesting",
        b"---\na: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n",
        "SL009",
        (2, 203),
        "max-depth",
    ),
    # closing brackets inside quotes once hid the depth from the pre-scan, and the C
    # composer overflowed its stack
    Case(
        "deep flow nesting behind quoted brackets",
        b"---\na: " + b'[[[[[[[[[[ "]]]]]]]]]]", ' * 3000 + b"]" * 30000 + b"\n---\n",
        "SL009",
        None,
        "max-depth",
    ),
    Case(
        "a million opening brackets", b"---\na: " + b"[" * 1_000_000 + b"\n---\n", "SL009", (2, 203)
    ),
    Case("50 MB file", RECORD + b"x" * (50 * 1024 * 1024), "SL009", (1, 1), "max-file-size"),
    Case(
        "1 MB single-line scalar",
        record_with(b'excerpt: ""', b'excerpt: "' + b"z" * (1024 * 1024) + b'"'),
        "",
        None,
    ),
    Case(
        "100,000 keys",
        b"---\n" + b"".join(b"key%d: %d\n" % (i, i) for i in range(100_000)) + b"---\n",
        "SL009",
        (25_001, 11),
        "max-nodes",
    ),
    Case(
        "2.5 million tiny nodes",
        b"---\n" + b"- 1\n" * 2_500_000 + b"---\n",
        "SL009",
        (50_001, 3),
        "max-nodes",
    ),
    # YAML features
    Case("billion laughs", billion_laughs(), "SL009", None, "alias bomb"),
    Case("a recursive alias", b"---\na: &a [*a]\n---\n", "SL009", (2, 4), "infinitely deep"),
    Case(
        "an undefined alias",
        record_with(b"type: article", b"type: *nothing"),
        "SL001",
        (7, 7),
        "undefined alias",
    ),
    Case("a number as a key", record_with(b"type: article", b"1: article"), "SL102", (7, 1), "'1'"),
    Case(
        "a list as a key",
        record_with(b"type: article", b"? [a, b]\n: article"),
        "SL011",
        (7, 3),
        "list",
    ),
    Case(
        "!!binary that is no text",
        record_with(b"type: article", b"type: !!binary /w=="),
        "SL010",
        (7, 7),
        "not UTF-8 text",
    ),
    Case(
        "a control character",
        record_with(b"type: article", b"type: art\x07icle"),
        "SL001",
        (7, 10),
        "U+0007",
    ),
    # libyaml (and so Jekyll) breaks lines at U+2028 too; editors do not: positions after
    # it must still count editor lines
    Case(
        "a line separator inside a value",
        record_with(b"type: article\nquality: 37", "type: art\u2028icle\nquality: @".encode()),
        "SL001",
        (8, 1),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file(tmp_path: Path, case: Case) -> None:
    run = lint_file_bytes(tmp_path, case.data)
    if not case.code:  # linted like any record: only real findings, nothing about limits
        assert [d for d in run.diagnostics if d.code.startswith("SL0")] == []
        assert run.status == (1 if any(d.severity.value == "error" for d in run.diagnostics) else 0)
        return
    assert run.status == 1
    found = [d for d in run.diagnostics if d.code == case.code]
    assert found, run.diagnostics
    if case.at is not None:
        assert (found[0].line, found[0].column) == case.at
    assert case.says in found[0].message


def test_python_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    command = f"touch {marker}".encode()
    data = record_with(
        b"type: article", b"type: !!python/object/apply:os.system ['" + command + b"']"
    )
    run = lint_file_bytes(tmp_path, data)
    assert run.status == 1  # Jekyll ignores the tag and reads a list, which the schema rejects
    assert [(d.line, d.column, d.code, d.severity) for d in run.diagnostics][:1] == [
        (7, 7, "SL010", "warning")
    ]
    assert "never constructed" in run.diagnostics[0].message
    assert "Jekyll: it ignores it" in run.diagnostics[0].message
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (b"!custom article", "the tag !custom means nothing to Jekyll: it ignores it and reads "),
        (b"!!binary YXJ0aWNsZQ==", "Jekyll (upstream, SafeYAML) reads the text 'article'"),
    ],
)
def test_tags_jekyll_reads_through_are_warnings(tmp_path: Path, value: bytes, says: str) -> None:
    run = lint_file_bytes(tmp_path, record_with(b"type: article", b"type: " + value))
    assert run.status == 0
    assert [(d.line, d.column, d.severity) for d in run.diagnostics] == [(7, 7, "warning")]
    assert says in run.diagnostics[0].message


def test_utf8_bom_makes_a_static_file(tmp_path: Path) -> None:
    run = lint_file_bytes(tmp_path, b"\xef\xbb\xbf" + RECORD)
    assert run.status == 1
    assert [(d.line, d.column, d.code) for d in run.diagnostics] == [(1, 1, "SL013")]
    assert "as a static file" in run.diagnostics[0].message


def test_anchors_aliases_and_merge_keys_are_resolved(tmp_path: Path) -> None:
    data = record_with(b'\ntitle: "Azure', b'\ntitle: &title "Azure').replace(
        b'    title: "Azure Machine Learning\xe2\x80\x94New log streaming feature is now '
        b'available"',
        b"    title: *title",
    )
    data = data.replace(
        b"provider:\n  name: Microsoft\n  domain: microsoft.com\n",
        b"base: &base\nprovider:\n  <<: {name: Microsoft, domain: microsoft.com}\n",
    )
    data = data.replace(b"base: &base\n", b"")
    assert data.count(b"*title") == 1 and data.count(b"<<") == 1
    run = lint_file_bytes(tmp_path, data)
    # upstream Jekyll merges a mapping written in place before reading it: nothing
    # (and the provider then misses its required fields: SL101)
    assert {(d.line, d.code) for d in run.diagnostics} == {(13, "SL016"), (13, "SL101")}


def _with_defect(data: bytes) -> bytes:
    return data.replace(b"quality: 37", b'quality: "37"')


def _line_endings(data: bytes, style: str) -> bytes:
    """CRLF everywhere, or on every other line ("mixed")."""
    lines = data.split(b"\n")[:-1]  # the record ends with a line break
    return b"".join(
        line + (b"\n" if style == "mixed" and number % 2 else b"\r\n")
        for number, line in enumerate(lines)
    )


@pytest.mark.parametrize("variant", ["crlf", "mixed", "bom", "bom and crlf"])
def test_line_endings_and_bom_keep_positions(tmp_path: Path, variant: str) -> None:
    data = _with_defect(RECORD)
    if "crlf" in variant or variant == "mixed":
        data = _line_endings(data, variant)
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    reference = lint_file_bytes(tmp_path, _with_defect(RECORD))
    run = lint_file_bytes(tmp_path, data)
    assert run.status == reference.status == 1
    bom = [d for d in run.diagnostics if d.code == "SL013"]
    assert [(d.line, d.column) for d in bom] == ([(1, 1)] if "bom" in variant else [])
    found = [d for d in run.diagnostics if d.code != "SL013"]
    assert [(d.line, d.column, d.end_line, d.end_column, d.code) for d in found] == [
        (d.line, d.column, d.end_line, d.end_column, d.code) for d in reference.diagnostics
    ]
    assert any(d.line == 8 for d in run.diagnostics)


def test_binary_on_stdin(tmp_path: Path) -> None:
    run = seedlint_check("-", "--stdin-filename", "_news/x.md", cwd=tmp_path, stdin=PNG)
    assert run.status == 1
    assert [(d.path, d.line, d.column, d.code) for d in run.diagnostics] == [
        ("_news/x.md", 3, 1, "SL008")
    ]


def test_every_hostile_file_in_one_run(tmp_path: Path) -> None:
    """One run over all of them: each file reported, none stops the others."""
    small = [case for case in CASES if len(case.data) < 1_000_000]
    folder = tmp_path / "all"
    folder.mkdir()
    for index, case in enumerate(small):
        (folder / f"{index:02d}.md").write_bytes(case.data)
    (folder / NAME).write_bytes(RECORD)
    run = seedlint_check("all", cwd=tmp_path)
    assert run.status == 1
    reported = {d.path for d in run.diagnostics}
    assert {f"all/{index:02d}.md" for index, case in enumerate(small) if case.code} <= reported
    assert f"all/{NAME}" not in reported


@pytest.mark.parametrize(
    ("yaml", "at"),
    [
        ("title: x\rquality: @\n", (3, 10)),  # a lone CR inside: editors and libyaml break there
        ("title: x\x85quality: @\n", (2, 19)),  # NEL: libyaml breaks there, editors do not
        ("title: x\u2029\nquality: @\n", (3, 10)),
    ],
)
def test_positions_count_lines_as_editors_do(yaml: str, at: tuple[int, int]) -> None:
    data = f"---\n{yaml}---\n".encode()
    found = seedlint.lint_text(data, NAME, config=Config(select=("SL0",)))
    assert [(d.line, d.column, d.code) for d in found] == [(*at, "SL001")]
    assert positions_outside(found, data) == []


# --- the file system -----------------------------------------------------------------


def test_directory_with_symlink_loop_and_broken_symlink(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    (folder / "sub").mkdir(parents=True)
    (folder / NAME).write_bytes(RECORD)
    (folder / "sub" / "loop").symlink_to("..")
    (folder / "self").symlink_to(".")
    (folder / "broken.md").symlink_to("nowhere.md")
    (folder / "selfloop.md").symlink_to("selfloop.md")
    run = seedlint_check("content", cwd=tmp_path)
    assert run.status == 1
    assert [(d.path, d.line, d.column, d.code) for d in run.diagnostics] == [
        ("content/broken.md", 1, 1, "SL012"),
        ("content/selfloop.md", 1, 1, "SL012"),
    ]
    assert "broken symbolic link" in run.diagnostics[0].message
    assert "symbolic links" in run.diagnostics[1].message


def test_missing_path_does_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / NAME).write_bytes(_with_defect(RECORD))
    run = seedlint_check("missing.md", "missing-folder", NAME, cwd=tmp_path)
    assert run.status == 1
    assert [(d.path, d.code) for d in run.diagnostics] == [
        (NAME, "SL103"),
        ("missing-folder", "SL012"),
        ("missing.md", "SL012"),
    ]
    assert "no such file or directory" in run.diagnostics[1].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_and_device_are_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")  # nobody writes: opening it for reading would block
    run = seedlint_check("pipe.md", os.devnull, cwd=tmp_path)
    assert run.status == 1
    assert [(d.path, d.code) for d in run.diagnostics] == [
        (os.devnull, "SL012"),
        ("pipe.md", "SL012"),
    ]
    assert all("not a regular file" in d.message for d in run.diagnostics)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions; see the in-process test",
)
def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_bytes(RECORD)
    (tmp_path / "secret.md").chmod(0)
    (tmp_path / NAME).write_bytes(RECORD)
    run = seedlint_check(".", cwd=tmp_path)
    assert run.status == 1
    assert [(d.path, d.code) for d in run.diagnostics] == [("secret.md", "SL012")]
    assert "Permission denied" in run.diagnostics[0].message


def test_unreadable_file_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret.md").write_bytes(RECORD)
    (tmp_path / NAME).write_bytes(RECORD)
    real_open = os.open

    def refusing_open(path: str, *args: object, **kwargs: object) -> int:
        if os.path.basename(path) == "secret.md":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    found = discover([str(tmp_path)], Config())
    results = lint_files(found.files, Config(now=_now()), jobs=1)
    assert [(Path(r.path).name, [(d.line, d.code) for d in r.diagnostics]) for r in results] == [
        (NAME, []),
        ("secret.md", [(1, "SL012")]),
    ]
    assert "Permission denied" in results[1].diagnostics[0].message


def test_file_that_disappears_before_it_is_read(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_bytes(RECORD)
    found = discover([str(tmp_path)], Config())
    (tmp_path / "b.md").unlink()
    results = lint_files(found.files, Config(now=_now()), jobs=1)
    codes = {Path(r.path).name: [d.code for d in r.diagnostics] for r in results}
    assert codes["b.md"] == ["SL012"]
    assert "disappeared" in results[1].diagnostics[0].message
    assert "SL012" not in codes["a.md"] + codes["c.md"]


@pytest.mark.parametrize("replacement", [None, b"", b"\x00\x01binary", b"---\n"])
def test_file_that_changes_after_it_is_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    replacement: bytes | None,
) -> None:
    """The report quotes source lines read again from disk: a file deleted, emptied or
    replaced after linting must not break it (None: deleted)."""
    path = tmp_path / NAME
    path.write_bytes(_with_defect(RECORD))
    real_lint_bytes = linter.lint_bytes

    def lint_then_change(data: bytes, *args: object, **kwargs: object) -> object:
        if replacement is None:
            path.unlink()
        else:
            path.write_bytes(replacement)
        return real_lint_bytes(data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(linter, "lint_bytes", lint_then_change)
    result = run_cli(
        "check",
        "--isolated",
        "--no-cache",
        "--now",
        NOW,
        "--format",
        "text",
        "--color",
        "never",
        str(path),
    )
    status = result.status
    out, err = result.stdout, result.stderr
    assert status == 1
    assert "SL103" in out and "Traceback" not in err


def _now() -> object:
    from seedlint.config import parse_now

    return parse_now(NOW)


# --- bad schemas and configurations ---------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to resolve or connect is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


SCHEMA = "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"type": "object",\n', "schema.json:2:1: the schema is not valid JSON"),
        ('{"type": "objekt"}', "schema.json: not a valid JSON Schema at /type"),
        ("[1, 2]", "schema.json: a JSON Schema must be a JSON object, true or false"),
        (
            f'{{"$schema": "{SCHEMA}", "properties": {{"a": {{"$ref": "https://example.com/a.json"}}}}}}',
            "schema.json: the reference to https://example.com/a.json leaves this schema and "
            "seedlint never fetches schemas",
        ),
        (
            '{"$id": "https://example.com/root", "properties": {"a": {"$ref": "other.json"}}}',
            "schema.json: the reference to https://example.com/other.json leaves this schema",
        ),
        (
            '{"properties": {"a": {"$ref": "#/$defs/missing"}}}',
            "not a usable JSON Schema: Pointer '/$defs/missing' does not exist",
        ),
    ],
    ids=["not json", "not a schema", "not an object", "remote ref", "relative ref", "dead ref"],
)
def test_bad_schema(
    tmp_path: Path,
    no_network: list[object],
    text: str,
    says: str,
) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(text, encoding="utf-8")
    (tmp_path / NAME).write_bytes(RECORD)
    result = run_cli(
        "check", "--isolated", "--no-cache", "--schema", str(schema), str(tmp_path / NAME)
    )
    status = result.status
    out, err = result.stdout, result.stderr
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("seedlint: error: ") and says in err
    assert no_network == []


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ("[tool.seedlint]\nbogus = 1\n", "unknown key 'bogus'"),
        ("[tool.seedlint]\nselect = 5\n", "'select' must be a list of strings, got 5"),
        ("[tool.seedlint]\nsite-url = []\n", "'site-url' must be a non-empty string, got []"),
        ('[tool.seedlint]\nfail-on = "fatal"\n', "'fail-on' is 'fatal'"),
        ('[tool.seedlint.limits]\nmax-depth = "deep"\n', "'limits.max-depth' must be a positive"),
        ("[tool.seedlint.limits]\nmax-nodez = 5\n", "unknown key 'limits.max-nodez'"),
        ("[tool.seedlint.limits]\nmax-depth = 1000000\n", "'limits.max-depth' can be at most"),
        ("[tool.seedlint\n", "not valid TOML"),
        ("\udcff", "not UTF-8"),
    ],
    ids=[
        "unknown key",
        "wrong type",
        "empty list for a string",
        "bad value",
        "limit not a number",
        "unknown limit",
        "limit too high",
        "not toml",
        "not utf-8",
    ],
)
def test_bad_config(tmp_path: Path, table: str, says: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_bytes(table.encode("utf-8", "surrogateescape"))
    (project / NAME).write_bytes(RECORD)
    done = run_cli_process("check", "--no-cache", NAME, cwd=project, env={"PYTHONPATH": SOURCES})
    assert done.status == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"seedlint: error: {project / 'pyproject.toml'}: ")
    assert says in done.stderr


def test_limits_can_be_changed_in_the_config(tmp_path: Path) -> None:
    (tmp_path / "deep.md").write_bytes(b"---\na: " + b"[" * 300 + b"]" * 300 + b"\n---\n")
    (tmp_path / "seedlint.toml").write_text("[limits]\nmax-depth = 400\n", encoding="utf-8")
    done = run_cli_process(
        "check",
        "--no-cache",
        "--format",
        "json",
        "deep.md",
        cwd=tmp_path,
        env={"PYTHONPATH": SOURCES},
    )
    assert "SL009" not in [d["code"] for d in json.loads(done.stdout)]
    defaults = seedlint_check("deep.md", cwd=tmp_path)
    assert [(d.line, d.column) for d in defaults.diagnostics if d.code == "SL009"] == [(2, 203)]


@pytest.mark.parametrize(
    ("limits", "data", "at", "says"),
    [
        # 5,000 levels of block nesting is 12.5 MB: past max-file-size unless it is raised
        (Limits(max_file_size=20_000_000), nested_block(5000), (202, 201), "max-depth limit"),
        (
            Limits(max_depth=100),
            b"---\na: " + b"[" * 300 + b"]" * 300 + b"\n---\n",
            (2, 103),
            "max-depth limit",
        ),
        # an alias in a list is reported at its anchor (the composer shares the node)
        (
            Limits(max_aliases=3),
            b"---\na: &a [1]\nb: [*a, *a, *a, *a]\n---\n",
            (2, 4),
            "max-aliases limit",
        ),
        (
            Limits(max_nodes=10),
            b"---\na: &a [1, 2, 3]\nb: [*a, *a]\nc: *a\n---\n",
            (4, 1),
            "max-nodes limit",
        ),
        (Limits(max_file_size=100), RECORD, (1, 1), "max-file-size limit of 100 bytes"),
    ],
    ids=["block depth", "flow depth", "aliases", "nodes", "file size"],
)
def test_each_limit_is_a_diagnostic(
    limits: Limits, data: bytes, at: tuple[int, int], says: str
) -> None:
    found = seedlint.lint_text(data, NAME, config=Config(limits=limits, select=("SL0",)))
    assert [(d.line, d.column, d.code) for d in found] == [(*at, "SL009")]
    assert says in found[0].message
    assert positions_outside(found, data) == []
