"""The human formats (text, concise) and the output options of `seedlint check`."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_runner import CliResult, run_cli
from seedlint.diagnostics import Diagnostic, Edit, Fix, Severity, SourceLines
from seedlint.linter import LintResult
from seedlint.report import ReportContext, Tally, render, reporter_class
from seedlint.report.common import printable
from seedlint.report.text import (
    MAX_WIDTH,
    _one_cell_each,
    _underlined,
    _underlined_cells,
    _underlined_plain,
)
from seedlint.run import CheckRun
from seedlint.snippets import source_lines

REPORT = Path(__file__).parent / "data" / "report"


def diag(
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    code: str = "SL103",
    severity: Severity = Severity.ERROR,
    message: str = "bad value",
    path: str = "r.md",
    fix: Fix | None = None,
) -> Diagnostic:
    return Diagnostic(path, line, column, end_line, end_column, code, severity, message, "/x", fix)


def text_of(diagnostics: list[Diagnostic], lines: list[str] | None, **options: object) -> str:
    """Render ``--format text`` with ``lines`` as the file ``r.md`` (None: text unknown)."""
    context = ReportContext(files=["r.md"], **options)  # type: ignore[arg-type]
    if lines is None:
        return render("text", diagnostics, context)
    source = source_lines("\n".join(lines), diagnostics)
    return render("text", diagnostics, context, {"r.md": source})


def test_single_line_span_is_underlined_under_its_characters() -> None:
    out = text_of(
        [diag(3, 7, 3, 10, message="heat: expected a whole number")],
        ["---", "title: x", "heat: hot", "---"],
    )
    assert out == (
        "r.md:3:7: SL103 [error] heat: expected a whole number\n"
        "  |\n"
        "3 | heat: hot\n"
        "  |       ^^^\n"
        "  |\n"
        "\n"
        "Found 1 error in 1 of 1 file.\n"
    )


def test_zero_width_span_gets_one_caret_where_it_points() -> None:
    out = text_of([diag(2, 9, 2, 9, severity=Severity.WARNING)], ["---", "title: x"])
    assert out.splitlines()[:5] == [
        "r.md:2:9: SL103 [warning] bad value",
        "  |",
        "2 | title: x",
        "  |         ^",
        "  |",
    ]
    assert out.endswith("Found 1 warning in 1 of 1 file.\n")


def test_multi_line_span_underlines_each_line_from_its_indentation() -> None:
    lines = ["---", "a: 1", "b: 2", "text: |", "  first", "", "  second", "next: 1"]
    out = text_of([diag(4, 7, 8, 1)], lines)  # ends at the start of line 8: not shown
    assert out.splitlines()[1:10] == [
        "  |",
        "4 | text: |",
        "  |       ^",
        "5 |   first",
        "  |   ^^^^^",
        "6 |",  # blank: no caret
        "7 |   second",
        "  |   ^^^^^^",
        "  |",
    ]


def test_a_long_multi_line_span_shows_its_first_and_last_lines() -> None:
    lines = ["---"] + [f"  - item {n}" for n in range(2, 14)]
    out = text_of([diag(2, 3, 13, 12)], lines)
    numbers = [
        line.split(" |")[0].strip()
        for line in out.splitlines()[1:]
        if " | " in line and not line.lstrip().startswith("|")
    ]
    assert numbers == ["2", "3", "4", "11", "12", "13"]
    assert "   |   ^^^^^^^^\n   | ...\n11 |   - item 11\n" in out
    assert "13 |   - item 13\n   |   ^^^^^^^^^\n" in out  # widths follow the widest number


def test_tabs_expand_to_tab_stops_and_wide_characters_take_two_cells() -> None:
    # "\t" is 4 cells, "日本" 4 cells: the span "x" (column 10) starts at cell 4 + 5 + 4 + 1.
    out = text_of([diag(2, 10, 2, 11)], ["---", "\tkey: 日本 x"])
    assert out.splitlines()[2:4] == ["2 |     key: 日本 x", "  | " + " " * 14 + "^"]


def test_control_and_bidi_characters_are_shown_inert() -> None:
    out = text_of(
        [diag(2, 8, 2, 11, message="bad \x1b[31mred\u202e")], ["---", "title: a\x1b\u202eb"]
    )
    assert "\x1b" not in out and "\u202e" not in out
    assert "r.md:2:8: SL103 [error] bad ␛[31mred\ufffd" in out
    assert "2 | title: a␛\ufffdb\n  |        ^^^\n" in out


def test_a_very_long_line_is_cut_to_a_window_around_the_span() -> None:
    line = "description: " + "x" * 400
    out = text_of([diag(2, 301, 2, 306)], ["---", line])
    shown, carets = out.splitlines()[2:4]
    assert shown.startswith("2 | …") and shown.endswith("…")
    assert len(shown) == len("2 | ") + 1 + 120 + 1
    assert carets == "  | " + " " * 21 + "^^^^^"


def test_no_excerpt_when_the_source_is_unknown() -> None:
    out = text_of([diag(1, 1, 1, 1, code="SL012", message="cannot read the file")], None)
    assert out == "r.md:1:1: SL012 [error] cannot read the file\n\nFound 1 error in 1 of 1 file.\n"


def test_a_fix_is_announced_under_the_excerpt_and_in_the_summary() -> None:
    fix = Fix("quote the value", (Edit(0, 1, "x"),), safe=True)
    out = text_of([diag(2, 1, 2, 2, fix=fix)], ["---", "a"])
    assert "  = fix: quote the value\n" in out
    assert out.endswith("1 problem can be fixed with `seedlint check --fix`.\n")


def test_colour_only_when_asked_and_never_around_the_padding() -> None:
    lines = ["---", "heat: hot"]
    plain = text_of([diag(2, 7, 2, 10)], lines)
    coloured = text_of([diag(2, 7, 2, 10)], lines, color=True)
    assert "\x1b[" not in plain
    assert "  \x1b[1;34m|\x1b[0m" not in coloured  # the gutter is painted whole
    assert "\x1b[1;34m  |\x1b[0m       \x1b[1;31m^^^\x1b[0m" in coloured
    assert "\x1b[1;31mSL103\x1b[0m" in coloured


# A one-line span with a safe fix, and a long multi-line span (its numbers take two
# digits, a blank line inside it, an unsafe fix) that is elided.
BODY = [
    "---",
    "title: x",
    "heat: hot",
    "body: |",
    "  one",
    "",
    "  three",
    "  four",
    "  five",
    "  six",
    "  seven",
    "  eight",
    "next: 1",
]
BOTH_KINDS = [
    diag(
        3,
        7,
        3,
        10,
        code="SL201",
        severity=Severity.WARNING,
        message="heat\x07",
        fix=Fix("quote the value", (Edit(0, 1, "x"),), safe=True),
    ),
    diag(4, 7, 13, 1, fix=Fix("drop the body", (Edit(0, 1, ""),), safe=False)),
]


def test_one_line_and_elided_multi_line_excerpts_exactly() -> None:
    assert text_of(BOTH_KINDS, BODY) == (
        "r.md:3:7: SL201 [warning] heat\u2407\n"
        "  |\n"
        "3 | heat: hot\n"
        "  |       ^^^\n"
        "  |\n"
        "  = fix: quote the value\n"
        "\n"
        "r.md:4:7: SL103 [error] bad value\n"
        "   |\n"
        " 4 | body: |\n"
        "   |       ^\n"
        " 5 |   one\n"
        "   |   ^^^\n"
        " 6 |\n"
        "   | ...\n"
        "10 |   six\n"
        "   |   ^^^\n"
        "11 |   seven\n"
        "   |   ^^^^^\n"
        "12 |   eight\n"
        "   |   ^^^^^\n"
        "   |\n"
        "   = fix: drop the body (unsafe: needs --unsafe-fixes)\n"
        "\n"
        "Found 1 error, 1 warning in 1 of 1 file.\n"
        "1 problem can be fixed with `seedlint check --fix`.\n"
    )


def test_colour_paints_the_same_excerpts_piece_by_piece() -> None:
    bold, gutter, yellow, red, off = "\x1b[1m", "\x1b[1;34m", "\x1b[1;33m", "\x1b[1;31m", "\x1b[0m"
    path = f"{bold}r.md{off}"
    assert text_of(BOTH_KINDS, BODY, color=True) == (
        f"{path}:3:7: {yellow}SL201{off} {yellow}[warning]{off} heat\u2407\n"
        f"{gutter}  |{off}\n"
        f"{gutter}3 |{off} heat: hot\n"
        f"{gutter}  |{off}       {yellow}^^^{off}\n"
        f"{gutter}  |{off}\n"
        f"{gutter}  ={off} fix: quote the value\n"
        "\n"
        f"{path}:4:7: {red}SL103{off} {red}[error]{off} bad value\n"
        f"{gutter}   |{off}\n"
        f"{gutter} 4 |{off} body: |\n"
        f"{gutter}   |{off}       {red}^{off}\n"
        f"{gutter} 5 |{off}   one\n"
        f"{gutter}   |{off}   {red}^^^{off}\n"
        f"{gutter} 6 |{off}\n"
        f"{gutter}   |{off} ...\n"
        f"{gutter}10 |{off}   six\n"
        f"{gutter}   |{off}   {red}^^^{off}\n"
        f"{gutter}11 |{off}   seven\n"
        f"{gutter}   |{off}   {red}^^^^^{off}\n"
        f"{gutter}12 |{off}   eight\n"
        f"{gutter}   |{off}   {red}^^^^^{off}\n"
        f"{gutter}   |{off}\n"
        f"{gutter}   ={off} fix: drop the body (unsafe: needs --unsafe-fixes)\n"
        "\n"
        f"{red}Found 1 error, 1 warning in 1 of 1 file.\n"
        f"1 problem can be fixed with `seedlint check --fix`.{off}\n"
    )


def test_no_break_spaces_take_one_cell_and_a_zero_width_character_none() -> None:
    lines = ["---", "title: a\u00a0b \u2019x\u2019 \u202fc", "zw: a\u200bbc"]
    out = text_of([diag(2, 10, 2, 14), diag(3, 5, 3, 8, severity=Severity.INFO)], lines)
    shown = out.splitlines()
    assert shown[2:4] == ["2 | title: a\u00a0b \u2019x\u2019 \u202fc", "  |          ^^^^"]
    assert shown[8:10] == ["3 | zw: a\u200bbc", "  |     ^^"]


def test_quiet_drops_the_summary_and_clean_runs_say_so() -> None:
    assert text_of([], ["---"], quiet=True) == ""
    assert text_of([], ["---"]) == "All checks passed (1 file checked).\n"


def test_concise_is_one_line_per_diagnostic_then_the_summary() -> None:
    context = ReportContext(files=["r.md", "s.md"])
    out = render(
        "concise",
        [
            diag(3, 7, 3, 10),
            diag(5, 1, 5, 2, code="SL201", severity=Severity.INFO, message="m\x07"),
        ],
        context,
    )
    assert out == (
        "r.md:3:7: SL103 bad value\n"
        "r.md:5:1: SL201 [info] m\u2407\n"
        "Found 1 error, 1 info in 1 of 2 files.\n"
    )


# One-cell characters (ASCII, accented letters, typographic quotes and dashes, no-break
# spaces) and others that are not: a tab, a wide and a combining character, a control, a
# bidi and a zero-width character.
ONE_CELL = "ab Z09.:/'\"é“”–Ωж\u00a0\u202f"
OTHERS = "\t日\u0301\x07\u202e\u200b"


@given(
    st.text(alphabet=ONE_CELL, max_size=3 * MAX_WIDTH),
    st.integers(0, 3 * MAX_WIDTH + 5),
    st.integers(0, 3 * MAX_WIDTH + 5),
)
def test_the_one_cell_shortcut_underlines_as_the_cell_by_cell_path(
    text: str, start: int, end: int
) -> None:
    assert _one_cell_each(text)
    assert _underlined_plain(text, start, end) == _underlined_cells(text, start, end)


@given(
    st.text(alphabet=ONE_CELL + OTHERS, max_size=3 * MAX_WIDTH),
    st.integers(0, 3 * MAX_WIDTH + 5),
    st.integers(0, 3 * MAX_WIDTH + 5),
)
def test_every_line_is_underlined_as_the_cell_by_cell_path(text: str, start: int, end: int) -> None:
    assert _underlined(text, start, end) == _underlined_cells(text, start, end)


def test_lines_with_wide_zero_width_or_special_characters_take_the_cell_by_cell_path() -> None:
    for char in OTHERS:
        assert not _one_cell_each(f"title: x{char}y")


def test_source_lines_keep_what_excerpts_show_and_the_report_draws_them() -> None:
    text = "---\r\nx: 1\r\n" + "".join(f"l{n}\n" for n in range(3, 20)) + "---\n"
    diagnostics = [
        diag(2, 1, 2, 3),
        diag(4, 2, 14, 1, severity=Severity.WARNING),
        diag(30, 1, 30, 2, severity=Severity.INFO),
    ]
    source = source_lines(text, diagnostics)
    # a span ending at a line start stops on the line before (4-13); of a long one the
    # first and last three lines are kept (4-6, 11-13); a line past the end is empty
    assert dict(source.lines) == {
        2: "x: 1",
        **{n: f"l{n}" for n in (4, 5, 6, 11, 12, 13)},
        30: "",
    }
    plain = render("text", diagnostics, ReportContext(files=["r.md"]), {"r.md": source})
    assert "\n 4 | l4\n   |  ^\n 5 | l5\n   | ^^\n 6 | l6\n   | ^^\n   | ...\n11 | l11\n" in plain
    assert "\n30 |\n   | ^\n" in plain
    # a line the source lines do not hold: no excerpt for that diagnostic only
    partial = SourceLines({2: "x: 1"})
    out = render("text", diagnostics, ReportContext(files=["r.md"]), {"r.md": partial})
    assert "2 | x: 1\n" in out and " 4 |" not in out and "30 |" not in out


def test_an_excerpt_drawn_again_is_the_same_in_every_style() -> None:
    """A report draws each excerpt once (see report.text._Excerpts): repeats across
    files, and in colour, are the excerpts drawn afresh."""
    lines = ["---", "heat: hot", "\tkey: 日本 x"]
    found = [diag(2, 7, 2, 10), diag(3, 10, 3, 11, severity=Severity.WARNING)]
    for color in (False, True):
        once = text_of(found, lines, color=color)
        twice = render(
            "text",
            [
                *found,
                *(
                    diag(
                        d.line, d.column, d.end_line, d.end_column, severity=d.severity, path="s.md"
                    )
                    for d in found
                ),
            ],
            ReportContext(files=["r.md", "s.md"], color=color),
            {
                "r.md": source_lines("\n".join(lines), found),
                "s.md": source_lines("\n".join(lines), found),
            },
        )
        first = once.split("\n\n")[:2]
        assert twice.split("\n\n")[:2] == first
        assert [b.replace("s.md", "r.md") for b in twice.split("\n\n")[2:4]] == first


def test_the_text_reporter_writes_each_file_as_it_comes() -> None:
    out = io.StringIO()
    reporter = reporter_class("text")(out, ReportContext(files=["r.md", "s.md"]))
    reporter.add("r.md", [diag(3, 7, 3, 10)])
    assert out.getvalue() == "r.md:3:7: SL103 [error] bad value"
    reporter.add("s.md", [])
    reporter.add("t.md", [diag(1, 1, 1, 2, path="t.md", severity=Severity.INFO)])
    reporter.finish()
    assert out.getvalue() == (
        "r.md:3:7: SL103 [error] bad value\n\n"
        "t.md:1:1: SL103 [info] bad value\n\n"
        "Found 1 error, 1 info in 2 of 2 files.\n"
    )


def test_printable_keeps_ordinary_text() -> None:
    assert printable("Ünïcödé 日本語 — “quotes”") == "Ünïcödé 日本語 — “quotes”"
    # not printable to Python, yet harmless: kept
    assert printable("a\u00a0b\tc") == "a\u00a0b\u2409c"
    assert printable("a\u2028b\u2066c\x9b") == "a\ufffdb\ufffdc\ufffd"


def test_the_tally_counts_per_severity_and_code_and_the_safe_fixes() -> None:
    tally = Tally()
    safe, unsafe = Fix("f", (), safe=True), Fix("f", (), safe=False)
    tally.add(
        [
            diag(1, 1, 1, 2, fix=safe),
            diag(2, 1, 2, 2, fix=unsafe),
            diag(3, 1, 3, 2, code="SL201", severity=Severity.INFO),
        ]
    )
    tally.add([])
    tally.add([diag(1, 1, 1, 2, code="SL201", severity=Severity.WARNING, fix=safe)])
    assert tally.severities == {Severity.ERROR: 2, Severity.INFO: 1, Severity.WARNING: 1}
    assert tally.codes == {("SL103", "error"): 2, ("SL201", "info"): 1, ("SL201", "warning"): 1}
    assert (tally.total, tally.worst, tally.fixable, tally.files_with_problems) == (
        4,
        Severity.ERROR,
        2,
        2,
    )
    assert (Tally().total, Tally().worst) == (0, None)


def test_each_path_gets_its_results_and_problems_merged_in_order() -> None:
    stdin = LintResult("b.md", [diag(5, 1, 5, 2, path="b.md")])
    a_lines = SourceLines({1: "a: 1"})
    linted = [
        LintResult("a.md", [diag(1, 1, 1, 2, path="a.md")], source=a_lines),
        LintResult("b.md", [diag(2, 1, 2, 2, path="b.md")], source=SourceLines({2: "b"})),
        LintResult("c.md", []),
    ]
    missing = diag(1, 1, 1, 1, code="SL012", path="d.md")
    problem_in_b = diag(3, 1, 3, 1, code="SL012", path="b.md")
    run = CheckRun(
        files=["b.md", "a.md", "c.md", "d.md"],
        order=["a.md", "b.md", "c.md", "d.md"],
        to_lint=["a.md", "b.md", "c.md"],
        problems=[missing, problem_in_b],
        results=linted,
        stdin_result=stdin,
    )
    found = list(run.by_file())
    assert [(path, [(d.line, d.code) for d in diagnostics]) for path, diagnostics, _ in found] == [
        ("a.md", [(1, "SL103")]),
        ("b.md", [(2, "SL103"), (3, "SL012"), (5, "SL103")]),
        ("c.md", []),
        ("d.md", [(1, "SL012")]),
    ]
    # each path's source lines: a result's own; the record read from stdin has none
    assert [source for _, _, source in found] == [a_lines, SourceLines({2: "b"}), None, None]


# --- through the command line ---------------------------------------------------------------


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one broken and one good record and a schema, as the current folder."""
    for name in ("bad.md", "good.md", "schema.json"):
        shutil.copy(REPORT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    for variable in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


def check(
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    terminal: bool = False,
) -> CliResult:
    return run_cli(
        "check",
        "--isolated",
        "--no-cache",
        "--schema",
        "schema.json",
        *args,
        stdin=stdin,
        env=env,
        terminal=terminal,
    )


def test_text_is_the_default_with_excerpts_and_exit_status_1(workdir: Path) -> None:
    result = check("bad.md", "good.md")
    assert result.status == 1
    out = result.stdout
    assert out.startswith(
        "bad.md:2:8: SL106 [error] title: 'Ünïcödé 日本語 title, much too long' is longer "
        "than 20 characters\n"
        "  |\n"
        '2 | title: "Ünïcödé 日本語 title, much too long"\n'
        "  |        " + "^" * 37 + "\n"
    )
    assert "5 |   - 1\n  |     ^\n" in out
    assert out.endswith("\nFound 3 errors in 1 of 2 files.\n")
    assert "\x1b[" not in out  # captured output is not a terminal


def test_clean_files_exit_0(workdir: Path) -> None:
    result = check("good.md")
    assert result.status == 0
    assert result.stdout == "All checks passed (1 file checked).\n"


@pytest.mark.parametrize(
    ("flag", "env", "coloured"),
    [
        ("--color=always", {}, True),
        ("--color=never", {"FORCE_COLOR": "1"}, False),
        ("--color=auto", {"FORCE_COLOR": "1"}, True),
        ("--color=auto", {}, False),
    ],
)
def test_colour_follows_the_flag_and_force_color(
    workdir: Path, flag: str, env: dict[str, str], coloured: bool
) -> None:
    assert ("\x1b[" in check(flag, "bad.md", env=env).stdout) is coloured


def test_no_color_wins_on_a_terminal(workdir: Path) -> None:
    assert "\x1b[1;31m" in check("bad.md", terminal=True).stdout
    assert "\x1b[" not in check("bad.md", terminal=True, env={"NO_COLOR": "1"}).stdout


def test_output_writes_the_report_and_the_terminal_gets_the_summary(workdir: Path) -> None:
    result = check("--format", "json-lines", "--output", "report.jsonl", "bad.md", "good.md")
    assert result.status == 1
    assert result.stdout == "Found 3 errors in 1 of 2 files.\n"
    assert len((workdir / "report.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    result = check("--output", "report.txt", "--quiet", "good.md")
    assert result.status == 0
    assert result.stdout == ""
    assert (workdir / "report.txt").read_text(encoding="utf-8") == ""


def test_output_to_an_unwritable_place_is_a_usage_error(workdir: Path) -> None:
    result = check("--output", str(workdir / "missing" / "r.txt"), "bad.md")
    assert result.status == 2
    assert "cannot write" in result.stderr


def test_statistics_counts_per_code(workdir: Path) -> None:
    result = check("--statistics", "bad.md", "good.md")
    assert result.status == 1
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:2]] == [["2", "SL103"], ["1", "SL106"]]
    assert lines[0].endswith("[error]")
    assert lines[-1] == "Found 3 errors in 1 of 2 files."


def test_statistics_with_a_machine_format_go_to_stderr(workdir: Path) -> None:
    result = check("--statistics", "--format", "json-lines", "bad.md")
    assert len(result.stdout.splitlines()) == 3
    assert result.stderr.split()[:2] == ["2", "SL103"]


def test_files_from_keeps_only_records_of_the_list(workdir: Path) -> None:
    # A pull request's change list names code and pictures too; only records are linted.
    (workdir / "script.py").write_text("print('not a record')\n", encoding="utf-8")
    (workdir / "changed.txt").write_text("script.py\n\nbad.md\nimage.png\n", encoding="utf-8")
    result = check("--format", "concise", "--files-from", "changed.txt")
    assert result.status == 1
    out = result.stdout
    assert {line.split(":")[0] for line in out.splitlines()[:-1]} == {"bad.md"}
    assert out.endswith("in 1 of 1 file.\n")


def test_files_from_reads_nul_separated_lists_and_stdin(workdir: Path) -> None:
    result = check("--format", "concise", "--files-from", "-", stdin="good.md\0bad.md\0")
    assert result.status == 1
    assert result.stdout.endswith("Found 3 errors in 1 of 2 files.\n")


def test_an_empty_change_list_lints_nothing(workdir: Path) -> None:
    (workdir / "none.txt").write_text("", encoding="utf-8")
    result = check("--files-from", "none.txt")
    assert result.status == 0
    assert result.stdout == "All checks passed (0 files checked).\n"


def test_a_missing_files_from_list_is_a_usage_error(workdir: Path) -> None:
    result = check("--files-from", os.path.join("no", "such.txt"))
    assert result.status == 2
    assert "such.txt" in result.stderr


def test_a_report_keeps_a_bounded_number_of_drawn_excerpts() -> None:
    from seedlint.report.text import DRAWN_KEPT, DRAWN_TEXT

    reporter = reporter_class("text")(io.StringIO(), ReportContext())
    long_line = "x" * (DRAWN_TEXT + 1)
    reporter.add("long.md", [diag(2, 1, 2, 2, path="long.md")], SourceLines({2: long_line}))
    assert reporter.excerpts.drawn == {}  # type: ignore[attr-defined]  # a long line: not kept
    for number in range(1, DRAWN_KEPT + 10):
        found = [diag(number, 1, number, 2, path="r.md")]
        reporter.add("r.md", found, SourceLines({number: "a: 1"}))
        assert 0 < len(reporter.excerpts.drawn) <= DRAWN_KEPT  # type: ignore[attr-defined]


def test_a_file_over_max_file_size_still_shows_the_line_it_is_reported_at(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text("[tool.seedlint.limits]\nmax-file-size = 20\n")
    for jobs in ("1", "2"):
        result = run_cli("check", "--no-cache", "--jobs", jobs, "bad.md")
        assert result.status == 1
        out = result.stdout
        assert out.startswith("bad.md:1:1: SL009 [error] the file is ")
        assert "\n  |\n1 | ---\n  | ^\n  |\n" in out
