"""``--fix``/``--diff``: the fix engine with rules registered by these tests, the command
line, atomic writes and byte-for-byte preservation of everything a fix does not touch."""

from __future__ import annotations

import difflib
import json
import os
import signal
import stat
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli_runner import CliResult, run_cli, run_cli_process
from conftest import NOW, RELATED, SMALL
from seedlint import Config, Edit, Fix, Rule, Severity, rules, writing
from seedlint.config import parse_now
from seedlint.fixer import MAX_PASSES, FixOutcome, fix_result, unified_diff
from seedlint.linter import lint_bytes
from seedlint.parse import Document

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"published": {"type": "boolean"}, "quality": {"type": "integer"}},
}

# -- rules that exist only in these tests ---------------------------------------------------

Finder = Callable[[Document], Iterator[tuple[str, Fix]]]


def make_rule(
    code: str, name: str, kind: str, find: Finder, severity: Severity = Severity.ERROR
) -> Rule:
    """A rule reporting, with its fix, every ``(pointer, fix)`` that ``find`` yields."""

    def check(ctx: rules.RuleContext) -> None:
        for pointer, fix in find(ctx.doc):
            ctx.report(made, pointer, f"{name} at {pointer}", fix=fix)

    made = Rule(code, name, severity, name.replace("-", " "), check=check, fix=kind)
    return made


def replace_value(doc: Document, pointer: str, new: str, message: str, safe: bool = True) -> Fix:
    """Replace the raw source text of the value at ``pointer``."""
    span = doc.values[pointer]
    return Fix(message, (Edit(span[4], span[5], new),), safe)


def yes_to_true(doc: Document) -> Iterator[tuple[str, Fix]]:
    if "/published" in doc.yaml11 and isinstance(doc.yaml11["/published"][2], bool):
        word = "true" if doc.yaml11["/published"][2] else "false"
        yield "/published", replace_value(doc, "/published", word, f"write {word}")


def strip_title(doc: Document) -> Iterator[tuple[str, Fix]]:
    """Respells a single-quoted title with double quotes: Jekyll reads the same text."""
    span = doc.values.get("/title")
    raw = doc.text[span[4] : span[5]] if span else ""
    if raw.startswith("'") and '"' not in raw:
        yield "/title", Fix("double-quote the title", (Edit(span[4], span[5], f'"{raw[1:-1]}"'),))


def http_to_https(doc: Document) -> Iterator[tuple[str, Fix]]:
    url = doc.data.get("webUrl")
    if isinstance(url, str) and url.startswith("http://"):
        at = doc.text.index("http://", doc.values["/webUrl"][4]) + len("http")
        yield "/webUrl", Fix("use https", (Edit(at, at, "s"),), safe=False)


def no_trailing_slash(doc: Document) -> Iterator[tuple[str, Fix]]:
    """Rewrites the whole webUrl value, so it overlaps with ``http_to_https``."""
    url = doc.data.get("webUrl")
    if isinstance(url, str) and url.endswith("/"):
        yield "/webUrl", replace_value(doc, "/webUrl", f'"{url[:-1]}"', "drop the slash")


YES = make_rule("TFX001", "test-yes-to-true", "safe", yes_to_true)
TITLE = make_rule("TFX002", "test-strip-title", "safe", strip_title)
HTTPS = make_rule("TFX003", "test-https", "unsafe", http_to_https, Severity.WARNING)
SLASH = make_rule("TFX004", "test-no-trailing-slash", "safe", no_trailing_slash)
BREAKS_YAML = make_rule(
    "TFX005",
    "test-breaks-yaml",
    "safe",
    lambda doc: iter([("/category", replace_value(doc, "/category", "[unclosed", "break it"))]),
)
BAD_TYPE = make_rule(
    "TFX006",
    "test-bad-type",
    "safe",
    lambda doc: iter(
        [("/quality", replace_value(doc, "/quality", "high", "a word"))]
        if isinstance(doc.data.get("quality"), int)
        else []
    ),
)
IN_BODY = make_rule(
    "TFX007",
    "test-edits-body",
    "safe",
    lambda doc: iter(
        [("/category", Fix("touch the body", (Edit(len(doc.text), len(doc.text), "x"),)))]
    ),
)
NEVER_DONE = make_rule(
    "TFX009",
    "test-never-done",
    "safe",
    lambda doc: iter(
        [
            (
                "/excerpt",
                Fix("one more", (Edit(doc.values["/excerpt"][4], doc.values["/excerpt"][4], "x"),)),
            )
        ]
    ),
)
DECLARED_UNSAFE = make_rule(
    "TFX010",
    "test-declared-unsafe",
    "unsafe",
    lambda doc: iter(
        [("/published", replace_value(doc, "/published", "true", "publish"))]
        if doc.data.get("published") is False
        else []
    ),
)


def add_line(doc: Document) -> Iterator[tuple[str, Fix]]:
    if "fixed" not in doc.data:
        end = doc.text.index("\n", doc.values["/category"][5]) + 1
        yield "/category", Fix("add a key", (Edit(end, end, "fixed: true\n"),))


ADD_LINE = make_rule("TFX008", "test-add-line", "safe", add_line)


@pytest.fixture
def use_rules() -> Iterator[Callable[..., None]]:
    """Register test rules for one test only."""
    rules.all_rules()  # load the real registry first, so ours are added, not replaced
    used: set[str] = set()

    def use(*extra: Rule) -> None:
        for item in extra:
            used.add(rules.register(item).code)

    yield use
    for code in used:
        rules.unregister(code)


@pytest.fixture
def schema_path(tmp_path: Path) -> str:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(SCHEMA), encoding="utf-8")
    return str(path)


def defective(text: str) -> str:
    """The small real record with a YAML 1.1 boolean, a single-quoted title and an http URL."""
    text = text.replace("published: false", "published: yes")
    title = "Azure Machine Learning—New log streaming feature is now available"
    # the record's image repeats the title: requote only the record's own, the first one
    text = text.replace(f'title: "{title}"', f"title: '{title}'", 1)
    return text.replace('webUrl: "https://azure.', 'webUrl: "http://azure.')


# the engine and command-line tests see only the test rules, the syntax and schema checks
TEST_SELECTION = ("TFX", "SL0", "SL1")


def engine_config(schema: str) -> Config:
    return Config(schema=schema, now=parse_now(NOW), select=TEST_SELECTION)


def fix(text: str, schema: str, unsafe: bool = False, has_bom: bool = False) -> FixOutcome:
    config = engine_config(schema)
    data = ("\ufeff" if has_bom else "").encode() + text.encode("utf-8")
    outcome = fix_result(lint_bytes(data, "_news/2020-04-13-x.md", config), config, unsafe=unsafe)
    assert outcome is not None
    return outcome


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def codes(outcome: FixOutcome) -> list[str]:
    return [d.code for d in outcome.result.diagnostics]


# -- the engine -------------------------------------------------------------------------------


def test_safe_fixes_move_only_the_fixed_values(use_rules, schema_path):
    use_rules(YES, TITLE, HTTPS)
    broken = defective(SMALL.read_text(encoding="utf-8"))
    before = lint_bytes(
        broken.encode(), "_news/2020-04-13-x.md", engine_config(schema_path)
    ).diagnostics
    outcome = fix(broken, schema_path)
    assert sorted(d.code for d in outcome.applied) == ["TFX001", "TFX002"]
    assert changed_lines(broken, outcome.text) == [
        "-title: 'Azure Machine Learning—New log streaming feature is now available'",
        '+title: "Azure Machine Learning—New log streaming feature is now available"',
        "-published: yes",
        "+published: true",
    ]
    # exactly the fixed diagnostics are gone (Jekyll reads `yes` as true: no schema error)
    after = {(d.code, d.pointer) for d in outcome.result.diagnostics}
    assert {(d.code, d.pointer) for d in before} - after == {
        ("TFX001", "/published"),
        ("TFX002", "/title"),
    }
    assert after == {("TFX003", "/webUrl")}  # unsafe: reported, not fixed
    assert outcome.rejected == []


def test_unsafe_fixes_only_when_asked(use_rules, schema_path):
    use_rules(YES, TITLE, HTTPS)
    broken = defective(SMALL.read_text(encoding="utf-8"))
    outcome = fix(broken, schema_path, unsafe=True)
    assert sorted(d.code for d in outcome.applied) == ["TFX001", "TFX002", "TFX003"]
    assert outcome.text == SMALL.read_text(encoding="utf-8").replace(
        "published: false", "published: true"
    )
    assert codes(outcome) == []


def test_a_rule_declared_unsafe_is_unsafe_whatever_its_fix_says(use_rules, schema_path):
    use_rules(DECLARED_UNSAFE)
    record = SMALL.read_text(encoding="utf-8")
    assert not fix(record, schema_path).changed
    assert "published: true" in fix(record, schema_path, unsafe=True).text


def test_overlapping_fixes_converge_over_passes(use_rules, schema_path):
    use_rules(HTTPS, SLASH)
    broken = defective(SMALL.read_text(encoding="utf-8"))
    outcome = fix(broken, schema_path, unsafe=True)
    assert [d.code for d in outcome.applied] == ["TFX004", "TFX003"]  # one per pass
    assert (
        '\nwebUrl: "https://azure.microsoft.com/en-us/updates/'
        'azure-machine-learning-new-log-streaming-feature"\n'
    ) in outcome.text
    assert "TFX003" not in codes(outcome) and "TFX004" not in codes(outcome)


def test_a_fix_that_breaks_the_yaml_is_refused_and_the_others_still_apply(use_rules, schema_path):
    use_rules(YES, BREAKS_YAML)
    broken = defective(SMALL.read_text(encoding="utf-8"))
    outcome = fix(broken, schema_path)
    assert [d.code for d in outcome.applied] == ["TFX001"]
    assert [(r.diagnostic.code, r.reason.split(":")[0]) for r in outcome.rejected] == [
        ("TFX005", "the front matter would no longer parse")
    ]
    assert "category: news\n" in outcome.text and "published: true\n" in outcome.text
    assert "TFX005" in codes(outcome)  # still reported


def test_a_fix_that_introduces_an_error_is_refused(use_rules, schema_path):
    use_rules(BAD_TYPE)
    record = SMALL.read_text(encoding="utf-8")
    outcome = fix(record, schema_path)
    assert not outcome.changed and outcome.applied == []
    (refused,) = outcome.rejected
    assert refused.reason.startswith("it would introduce SL1")
    assert "at line 8: quality: expected a whole number" in refused.reason


def test_a_fix_reaching_outside_the_front_matter_is_refused(use_rules, schema_path):
    use_rules(IN_BODY)
    outcome = fix(SMALL.read_text(encoding="utf-8") + "the body\n", schema_path)
    assert not outcome.changed
    assert [r.reason for r in outcome.rejected] == ["its edits reach outside the front matter"]


def test_a_fix_that_never_settles_stops_after_the_last_pass(use_rules, schema_path):
    use_rules(NEVER_DONE)  # (its fix changes what Jekyll reads: only with unsafe fixes)
    outcome = fix(SMALL.read_text(encoding="utf-8"), schema_path, unsafe=True)
    assert len(outcome.applied) == MAX_PASSES
    assert "excerpt: " + "x" * MAX_PASSES + '""' in outcome.text
    assert [r.reason for r in outcome.rejected] == [
        f"the fixes did not settle after {MAX_PASSES} passes"
    ]


def test_crlf_bom_and_body_are_kept(use_rules, schema_path):
    use_rules(YES, TITLE, ADD_LINE)
    body = "\r\n# The article\r\n\r\n---\r\nnot: front matter\r\n"
    broken = defective(SMALL.read_text(encoding="utf-8")).replace("\n", "\r\n") + body
    # (adding a field changes what Jekyll reads: an unsafe fix)
    outcome = fix(broken, schema_path, has_bom=True, unsafe=True)
    assert outcome.encoded().startswith(b"---\r\n")  # SL013's safe fix removes the BOM
    assert outcome.text.endswith('"\r\n---\r\n\r\n' + body)
    assert "category: news\r\nfixed: true\r\n" in outcome.text  # the added line is CRLF too
    assert outcome.text.count("\n") == outcome.text.count("\r\n") == broken.count("\n") + 1
    assert sorted(d.code for d in outcome.applied) == ["SL013", "TFX001", "TFX002", "TFX008"]


def test_unified_diff_marks_a_missing_final_newline():
    assert unified_diff("a.md", "x\ny", "x\nz") == (
        "--- a.md\n+++ a.md\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n"
        "+z\n\\ No newline at end of file\n"
    )


# -- the command line -------------------------------------------------------------------------


@pytest.fixture
def record(tmp_path: Path) -> Path:
    """A defective copy of a real record, in a _news folder, with a body."""
    folder = tmp_path / "_news"
    folder.mkdir()
    path = folder / SMALL.name
    path.write_bytes(defective(SMALL.read_text(encoding="utf-8")).encode() + b"\nThe body.\n")
    return path


def run(*argv: str, schema: str, stdin: bytes | None = None) -> CliResult:
    return run_cli(
        "check",
        "--isolated",
        "--no-cache",
        "--schema",
        schema,
        "--now",
        NOW,
        "--select",
        ",".join(TEST_SELECTION),
        "--format",
        "concise",
        *argv,
        stdin=stdin,
    )


def test_fix_writes_the_file_and_reports_what_remains(use_rules, schema_path, record):
    use_rules(YES, TITLE, HTTPS)
    before = record.read_text(encoding="utf-8")
    result = run("--fix", str(record), schema=schema_path)
    assert result.status == 0  # a warning remains
    out, err = result.stdout, result.stderr
    assert "TFX003" in out and "TFX001" not in out and "SL1" not in out
    assert err.strip() == "Fixed 2 problems in 1 file."
    after = record.read_text(encoding="utf-8")
    assert len(changed_lines(before, after)) == 4 and after.endswith('"\n---\n\n\nThe body.\n')
    result = run("--fix", str(record), schema=schema_path)
    assert result.status == 0  # idempotent
    assert record.read_text(encoding="utf-8") == after
    assert result.stderr == ""


def test_exit_status_reflects_what_remains(use_rules, schema_path, record):
    use_rules(YES, BREAKS_YAML)
    result = run("--fix", str(record), schema=schema_path)
    assert result.status == 1  # TFX005 is an error, unfixed
    err = result.stderr
    assert f"{record}:2:11: TFX005 fix not applied: the front matter would no longer parse" in err


def test_unsafe_fixes_flag_and_show_fixes(use_rules, schema_path, record):
    use_rules(YES, TITLE, HTTPS)
    result = run("--fix", "--unsafe-fixes", "--show-fixes", str(record), schema=schema_path)
    assert result.status == 0
    out, err = result.stdout, result.stderr
    assert "TFX" not in out
    assert err == (
        f"Fixed 3 problems in 1 file.\n- {record}:\n    1 x TFX001 (test-yes-to-true)\n"
        "    1 x TFX002 (test-strip-title)\n    1 x TFX003 (test-https)\n"
    )


def test_diff_prints_and_writes_nothing(use_rules, schema_path, record):
    use_rules(YES, TITLE, HTTPS)
    before = record.read_bytes()
    result = run("--diff", str(record), schema=schema_path)
    assert result.status == 1
    out, err = result.stdout, result.stderr
    assert record.read_bytes() == before
    assert out.startswith(f"--- {record}\n+++ {record}\n@@ -1,13 +1,13 @@\n")
    assert [line for line in out.splitlines() if line[:1] in "+-"][2:] == [
        "-title: 'Azure Machine Learning—New log streaming feature is now available'",
        '+title: "Azure Machine Learning—New log streaming feature is now available"',
        "-published: yes",
        "+published: true",
    ]
    assert err.strip() == "Would fix 2 problems in 1 file."
    result = run("--fix", str(record), schema=schema_path)
    assert result.status == 0
    result = run("--diff", str(record), schema=schema_path)
    assert result.status == 0
    assert (result.stdout, result.stderr) == ("", "")


def test_fix_keeps_mode_bom_and_crlf_byte_for_byte(use_rules, schema_path, record):
    use_rules(YES, TITLE)
    crlf = b"\xef\xbb\xbf" + record.read_bytes().replace(b"\n", b"\r\n")
    record.write_bytes(crlf)
    record.chmod(0o640)
    assert run("--fix", str(record), schema=schema_path).status == 0
    fixed = record.read_bytes()
    assert stat.S_IMODE(record.stat().st_mode) == 0o640
    expected = (
        crlf[3:]
        .replace(b"published: yes", b"published: true")
        .replace(
            b"'Azure Machine Learning\xe2\x80\x94New log streaming feature is now available'",
            b'"Azure Machine Learning\xe2\x80\x94New log streaming feature is now available"',
        )
    )  # the BOM goes too (SL013)
    assert fixed == expected
    assert sorted(p.name for p in record.parent.iterdir()) == [record.name]


def test_fix_through_a_symlink_edits_the_target(use_rules, schema_path, record):
    use_rules(YES)
    link = record.parent / "link.md"
    link.symlink_to(record.name)
    assert run("--fix", str(link), schema=schema_path).status == 0
    assert link.is_symlink() and "published: true" in record.read_text(encoding="utf-8")


def test_stdin_fix_prints_the_fixed_record(use_rules, schema_path, record):
    use_rules(YES, TITLE)
    data = b"\xef\xbb\xbf" + record.read_bytes()
    result = run("--fix", "-", "--stdin-filename", "_news/x.md", schema=schema_path, stdin=data)
    assert result.status == 0
    out, err = result.stdout_bytes, result.stderr_bytes
    assert out == data[3:].replace(b"published: yes", b"published: true").replace(
        b"'Azure", b'"Azure', 1
    ).replace(b"available'", b'available"', 1)
    assert b"Fixed 3 problems in 1 file." in err  # the BOM too


@pytest.mark.parametrize("data", [b"no front matter\r\n", b"---\ntitle: \xff\n---\n"])
def test_stdin_fix_echoes_what_it_cannot_fix(use_rules, schema_path, data):
    use_rules(YES)  # the selection names TFX: a selector must name a rule
    result = run("--fix", "-", schema=schema_path, stdin=data)
    assert result.status == 1
    out, err = result.stdout_bytes, result.stderr_bytes
    assert out == data and b"SL00" in err


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(
    use_rules, schema_path, record, monkeypatch
):
    use_rules(YES, TITLE)
    before = record.read_bytes()

    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    monkeypatch.setattr(writing, "exchange_paths", lambda first, second: False)  # no renameat2
    result = run("--fix", str(record), schema=schema_path)
    assert result.status == 2
    assert record.read_bytes() == before
    assert sorted(p.name for p in record.parent.iterdir()) == [record.name]
    out, err = result.stdout, result.stderr
    assert f"cannot write the fixes to {record}: No space left on device" in err
    assert "TFX001" in out  # the file's problems are reported as they still are


def test_an_interrupt_while_writing_removes_the_temporary_file(
    use_rules, schema_path, record, monkeypatch
):
    use_rules(YES)
    before = record.read_bytes()

    def interrupt(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    assert run("--fix", str(record), schema=schema_path).status == 130
    assert record.read_bytes() == before
    assert sorted(p.name for p in record.parent.iterdir()) == [record.name]


def test_a_read_only_file_is_not_replaced(use_rules, schema_path, record):
    use_rules(YES)
    record.chmod(0o444)
    before = record.read_bytes()
    result = run("--fix", str(record), schema=schema_path)
    assert result.status == 2
    assert record.read_bytes() == before
    assert (
        f"cannot write the fixes to {record}: the file is read-only; it was left as it is"
        in result.stderr
    )


def test_a_file_changed_while_fixing_is_left_alone(use_rules, schema_path, record, monkeypatch):
    import seedlint.fixer as fixer

    use_rules(YES)
    real_fix = fixer.fix_result

    def edit_meanwhile(*args, **kwargs):
        outcome = real_fix(*args, **kwargs)
        record.write_text("edited by someone else\n", encoding="utf-8")
        return outcome

    monkeypatch.setattr(fixer, "fix_result", edit_meanwhile)
    result = run("--fix", str(record), schema=schema_path)
    assert result.status == 2
    assert record.read_text(encoding="utf-8") == "edited by someone else\n"
    assert "changed while it was being fixed" in result.stderr


def test_fix_is_not_fooled_by_the_cache(use_rules, schema_path, record, tmp_path):
    use_rules(YES)
    cache = str(tmp_path / "cache")
    base = ["check", "--isolated", "--schema", schema_path, "--now", NOW, "--cache-dir", cache]
    assert run_cli(*base, str(record)).status == 1
    assert run_cli(*base, str(record)).status == 1  # a second run may come from the cache
    run_cli(*base, "--fix", str(record))
    assert "published: true" in record.read_text(encoding="utf-8")


# -- a process killed mid-fix -----------------------------------------------------------------

KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from seedlint import rules
    import test_fix
    rules.all_rules()
    rules.register(test_fix.YES)
    real = getattr(os, {step!r})

    def die(*args):
        if {step!r} == "fsync":
            real(*args)
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(os, {step!r}, die)
    from seedlint import writing
    writing.exchange_paths = lambda first, second: False  # the rename is os.replace
""")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_killed_fix_leaves_the_original_file(schema_path, record, tmp_path, step):
    """SIGKILL after the temporary file is written (or flushed), before the rename."""
    before = record.read_bytes()
    done = run_cli_process(
        "check",
        "--isolated",
        "--no-cache",
        "--schema",
        schema_path,
        "--now",
        NOW,
        "--fix",
        str(record),
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT / "src")},
        prelude=KILLER.format(tests=str(Path(__file__).parent), step=step),
    )
    assert done.status == -signal.SIGKILL, done.stderr
    assert record.read_bytes() == before
    leftovers = [p for p in record.parent.iterdir() if p != record]
    # SIGKILL leaves no chance to clean up: the temporary file is hidden, so never linted
    assert [p.name.startswith(f".{record.name}.") for p in leftovers] == [True]
    result = run_cli(
        "check",
        "--isolated",
        "--no-cache",
        "--schema",
        schema_path,
        "--now",
        NOW,
        "--fail-on",
        "warning",
        "--format",
        "json",
        "-o",
        str(tmp_path / "out.json"),
        str(record.parent),
    )
    assert result.status == 1
    linted = {d["path"] for d in json.loads((tmp_path / "out.json").read_text())}
    assert linted == {str(record)}


def test_the_fix_hook_runs_fix_on_the_files_the_lint_hook_takes():
    from ruamel.yaml import YAML

    hooks = {hook["id"]: hook for hook in YAML(typ="safe").load(ROOT / ".pre-commit-hooks.yaml")}
    fixer, linter = hooks["seedlint-fix"], hooks["seedlint"]
    assert fixer["entry"] == "seedlint check --fix"
    filters = ("files", "exclude", "types", "types_or", "language")
    assert {k: fixer.get(k) for k in filters} == {k: linter.get(k) for k in filters}


def test_root_fixing_someone_elses_file_keeps_its_owner(use_rules, schema_path, record):
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    use_rules(YES)
    os.chown(record, 12345, 23456)
    assert run("--fix", str(record), schema=schema_path).status == 0
    assert (record.stat().st_uid, record.stat().st_gid) == (12345, 23456)
    assert "published: true" in record.read_text(encoding="utf-8")


# -- end to end: the real rules and schema on real records with injected defects -------------

SAFE_CODES = {"SL204", "SL209"}
UNSAFE_CODES = {"SL205", "SL207"}


def _duplicate_first_related(text: str, at_end: bool) -> tuple[str, int]:
    """Repeat the first related entry, right after itself or at the end of the list; the
    new text and the 1-based line of the copy's ``- ``."""
    lines = text.split("\n")
    start = lines.index("related:") + 1
    end = start + 1
    while lines[end].startswith("    "):
        end += 1
    at = end
    while at_end and lines[at].startswith("  "):
        at += 1
    return "\n".join(lines[:at] + lines[start:end] + lines[at:]), at + 1


def inject(
    text: str,
    unsafe: bool,
    duplicate_at_end: bool = False,
) -> tuple[str, set[tuple[str, int]]]:
    """A real record with fixable defects (each one the inverse of a rule's fix), and the
    ``(code, line)`` of the diagnostic each one must cause."""
    lines = text.split("\n")
    expected: set[tuple[str, int]] = set()

    def swap(code: str, key: str, old: str, new: str) -> None:
        """Replace ``old`` in the value of the top-level ``key``."""
        for number, line in enumerate(lines):
            head, _, value = line.partition(": ")
            if head == key and old in value:
                lines[number] = f"{head}: {value.replace(old, new, 1)}"
                expected.add((code, number + 1))

    if unsafe:
        swap("SL205", "webUrl", "https://", "http://")
        text = "\n".join(lines)
        if "\nrelated:\n" in text:
            text, line = _duplicate_first_related(text, duplicate_at_end)
            expected.add(("SL207", line))
        return text, expected
    swap("SL204", "published", "false", "no")
    swap("SL204", "published", "true", "yes")
    swap("SL209", "publishedDateTime", "T", " ")
    return "\n".join(lines), expected


NEWS_CHECK = ["check", "--isolated", "--no-cache", "--now", NOW]


def lint_cli(path: Path, *options: str) -> tuple[int, list[tuple[str, int]], str]:
    """Run ``check`` with the news schema; the exit status, (code, line) found, stderr."""
    out = path.parent / "report.json"
    result = run_cli(*NEWS_CHECK, "--format", "json", "-o", str(out), *options, str(path))
    found = [(d["code"], d["line"]) for d in json.loads(out.read_text(encoding="utf-8"))]
    out.unlink()
    return result.status, sorted(found), result.stderr


def news_copy(
    tmp_path: Path, record: Path, text: str, crlf: bool = False, bom: bool = False
) -> Path:
    folder = tmp_path / "_news"
    folder.mkdir(exist_ok=True)
    path = folder / (record.name if record.suffix == ".md" else record.stem + ".md")
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return path


REAL_RECORDS = sorted((ROOT / "tests" / "data" / "records").iterdir())


@pytest.mark.parametrize("record", REAL_RECORDS, ids=lambda p: p.name[:24])
@pytest.mark.parametrize(("crlf", "bom"), [(False, False), (True, False)], ids=["lf", "crlf"])
def test_fix_removes_exactly_the_injected_safe_defects(tmp_path, record, crlf, bom):
    clean = record.read_text(encoding="utf-8")
    broken, expected = inject(clean, unsafe=False)
    assert {code for code, _ in expected} >= {"SL204", "SL209"}
    reference = news_copy(tmp_path, record, clean, crlf, bom)
    clean_status, clean_found, _ = lint_cli(reference)
    original = reference.read_bytes()
    path = news_copy(tmp_path, record, broken, crlf, bom)
    path.chmod(0o604)

    _, found, _ = lint_cli(path)
    assert sorted(set(found) - set(clean_found)) == sorted(expected)

    status, fixed_found, err = lint_cli(path, "--fix", "--show-fixes")
    assert fixed_found == clean_found  # exactly the injected problems are gone
    assert f"Fixed {len(expected)} problems in 1 file." in err
    assert path.read_bytes() == original  # every other byte kept: the record is as it was
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert status == clean_status == 0  # real records have no errors; what remains decides

    assert lint_cli(path, "--fix") == (status, clean_found, "")  # a second run: nothing to do
    assert path.read_bytes() == original
    assert run_cli(*NEWS_CHECK, "--diff", str(path)).status == 0


@pytest.mark.parametrize("duplicate_at_end", [False, True], ids=["repeat-next", "repeat-last"])
@pytest.mark.parametrize(
    "record",
    [r for r in REAL_RECORDS if "\nrelated:\n" in r.read_text()],
    ids=lambda p: p.name[:24],
)
def test_unsafe_defects_need_unsafe_fixes(tmp_path, record, duplicate_at_end):
    clean = record.read_text(encoding="utf-8")
    broken, expected = inject(clean, unsafe=True, duplicate_at_end=duplicate_at_end)
    assert {code for code, _ in expected} == UNSAFE_CODES
    # the reference: the clean record after --unsafe-fixes (its own http URLs get fixed too)
    reference = news_copy(tmp_path, record, clean)
    _, reference_found, _ = lint_cli(reference, "--fix", "--unsafe-fixes")
    reference_bytes = reference.read_bytes()
    path = news_copy(tmp_path, record, broken)
    _, found, _ = lint_cli(path)
    assert expected <= set(found)  # (the repeated entry also repeats its own warnings)

    _, after_safe, _ = lint_cli(path, "--fix")
    assert path.read_text(encoding="utf-8") == broken  # unsafe fixes are not applied
    assert after_safe == found

    _, after_unsafe, _ = lint_cli(path, "--fix", "--unsafe-fixes")
    assert after_unsafe == reference_found
    assert path.read_bytes() == reference_bytes


def test_diff_on_a_real_record_shows_only_the_fixed_lines(tmp_path):
    clean = RELATED.read_text(encoding="utf-8")
    broken, expected = inject(clean, unsafe=False)
    path = news_copy(tmp_path, RELATED, broken)
    result = run_cli(*NEWS_CHECK, "--diff", str(path))
    assert result.status == 1
    out = result.stdout
    removed = [line[1:] for line in out.splitlines() if line[:1] == "-" and line[:3] != "---"]
    added = [line[1:] for line in out.splitlines() if line[:1] == "+" and line[:3] != "+++"]
    broken_lines, clean_lines = broken.split("\n"), clean.split("\n")
    assert removed == [broken_lines[line - 1] for _, line in sorted(expected, key=lambda e: e[1])]
    assert added == [clean_lines[line - 1] for _, line in sorted(expected, key=lambda e: e[1])]
    assert path.read_text(encoding="utf-8") == broken


def test_fix_with_worker_processes(tmp_path):
    """Workers send diagnostics back without Fix objects: the fixable files are re-linted."""
    clean = SMALL.read_text(encoding="utf-8")
    broken, _ = inject(clean, unsafe=False)
    folder = tmp_path / "_news"
    folder.mkdir()
    names = [f"2020-04-13-copy-{n:02}.md" for n in range(30)]  # enough for a worker pool
    for name in names:
        (folder / name).write_text(broken, encoding="utf-8")
    assert run_cli(*NEWS_CHECK, "-q", "--jobs", "2", "--fix", str(folder)).status == 0
    assert [(folder / name).read_text(encoding="utf-8") for name in names] == [clean] * 30


def _fixable_news(folder: Path, count: int = 30) -> None:
    """``count`` real records in ``folder``, each with one safe fix (SL204)."""
    record = SMALL.read_text(encoding="utf-8").replace("published: false", "published: no")
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"2020-04-{number % 28 + 1:02d}-r{number}.md").write_text(record)


FIX_ALL = ("check", "--isolated", "--no-cache", "--now", NOW, "--fix", ".")


def test_many_files_are_fixed_in_worker_processes_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results from workers keep no document, so each fixable file is linted again to be
    fixed: with many files that happens in worker processes (seedlint.run.fixpool), and
    the files, the report and the exit status are those of fixing them one by one here."""
    from seedlint.run import fixing

    pooled: list[int] = []
    real_pool = fixing.fix_in_pool

    def counting(tasks: list[object], configs: object, jobs: int) -> object:
        pooled.append(len(tasks))
        return real_pool(tasks, configs, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(fixing, "fix_in_pool", counting)
    outputs = []
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs{jobs}" / "_news"
        _fixable_news(folder)
        done = run_cli(*FIX_ALL, "--jobs", jobs, cwd=folder)
        texts = {path.name: path.read_bytes() for path in folder.iterdir()}
        outputs.append((done.status, done.stdout, done.stderr, texts))
    assert pooled == [30]
    assert outputs[0] == outputs[1]
    status, _, stderr, texts = outputs[0]
    assert "Fixed 30 problems in 30 files." in stderr
    assert all(b"published: false\n" in text for text in texts.values())


def test_a_fix_worker_that_dies_leaves_the_rest_to_the_parent(tmp_path: Path) -> None:
    """A worker process that dies while fixing (a crash in native code) breaks the pool:
    the files it had not answered are fixed in the parent, and none is lost."""
    dying_workers = textwrap.dedent(
        """
        import os
        from seedlint.run import fixpool

        PARENT, REAL_FIX = os.getpid(), fixpool.fix_from_disk

        def dying(task, configs=None):
            if os.getpid() != PARENT:
                os._exit(1)  # what a segmentation fault does to the pool
            return REAL_FIX(task, configs)

        fixpool.fix_from_disk = dying
        """
    )
    folder = tmp_path / "_news"
    _fixable_news(folder)
    done = run_cli_process(*FIX_ALL, "--jobs", "2", cwd=folder, prelude=dying_workers)
    assert "Fixed 30 problems in 30 files." in done.stderr, done.stderr
    assert all(b"published: false\n" in path.read_bytes() for path in folder.iterdir())
