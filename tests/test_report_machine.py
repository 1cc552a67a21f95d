"""The machine formats, each checked against its own specification's validator or parser."""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from cli_runner import run_cli
from conftest import DIAGNOSTIC_FIELDS
from seedlint.diagnostics import Diagnostic, Severity
from seedlint.report import FORMATS, ReportContext, render
from seedlint.rules import all_rules

DATA = Path(__file__).parent / "data"
REPORT = DATA / "report"

# GitLab's documented Code Quality fields (docs.gitlab.com, "Code Quality report format"):
# every issue needs these, severity is one of five names, paths are relative to the repo.
GITLAB_CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^(/|\\./)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Records in a sub-folder of the current folder (so paths have a folder part)."""
    (tmp_path / "_news").mkdir()
    for name in ("bad.md", "good.md"):
        shutil.copy(REPORT / name, tmp_path / "_news" / name)
    shutil.copy(REPORT / "schema.json", tmp_path / "schema.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(fmt: str, *paths: str) -> str:
    result = run_cli(
        "check",
        "--isolated",
        "--no-cache",
        "--schema",
        "schema.json",
        "--format",
        fmt,
        *(paths or ("_news",)),
    )
    assert result.status == 1
    return result.stdout


def diag(
    path: str,
    line: int,
    code: str = "SL103",
    message: str = "bad value",
    severity: Severity = Severity.ERROR,
    pointer: str = "/heat",
) -> Diagnostic:
    return Diagnostic(path, line, 7, line, 10, code, severity, message, pointer)


def test_every_format_has_a_reporter() -> None:
    for fmt in FORMATS:
        assert isinstance(render(fmt, [], ReportContext()), str)


SEVERAL = [
    diag("a.md", 2, message='quoted "x" and \u00e9\u2028'),
    diag("a.md", 4, code="SL201", severity=Severity.WARNING),
    diag("b.md", 1, code="SL000", severity=Severity.INFO, pointer=""),
]


@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_json_formats_written_piece_by_piece_are_laid_out_as_one_dump(fmt: str, count: int) -> None:
    out = render(fmt, SEVERAL[:count], ReportContext(files=["a.md", "b.md"]))
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
    if fmt == "json":
        assert json.loads(out) == [d.to_dict() for d in SEVERAL[:count]]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_junit_written_piece_by_piece_is_laid_out_as_elementtree_does(count: int) -> None:
    for files in ([], ["a.md", "b.md", "c.md"]):
        out = render("junit", SEVERAL[:count], ReportContext(files=files))
        tree = ET.fromstring(out.encode("utf-8"))
        ET.indent(tree)
        assert out == ET.tostring(tree, encoding="unicode", xml_declaration=True) + "\n"


def test_every_format_writes_a_file_before_the_next_comes() -> None:
    """Formats without a header to count write as they go; the others spool to disk."""
    from seedlint.report import reporter_class

    for fmt in ("text", "concise", "json", "json-lines", "github", "gitlab"):
        out = io.StringIO()
        reporter_class(fmt)(out, ReportContext(files=["a.md"])).add("a.md", SEVERAL[:1])
        assert "a.md" in out.getvalue(), fmt


def test_fingerprints_stay_unique_for_two_spellings_of_a_path() -> None:
    twice = [diag("./r.md", 3), diag("r.md", 3)]
    issues = json.loads(render("gitlab", twice, ReportContext()))
    assert len({issue["fingerprint"] for issue in issues}) == 2


# --- SARIF ------------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


def test_sarif_validates_against_the_oasis_schema(workdir: Path) -> None:
    log = json.loads(run("sarif"))
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert errors == []
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workdir.resolve().as_uri() + "/"
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules[: len(all_rules())]] == [r.code for r in all_rules()]
    results = run_["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]) for r in results] == [
        ("SL106", {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 42}),
        ("SL103", {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 10}),
        ("SL103", {"startLine": 5, "startColumn": 5, "endLine": 5, "endColumn": 6}),
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
            "uri": "_news/bad.md",
            "uriBaseId": "%SRCROOT%",
        }


def test_sarif_rules_carry_their_docs_and_default_levels() -> None:
    log = json.loads(render("sarif", [], ReportContext()))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    for rule in all_rules():
        descriptor = rules[rule.code]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"]
        assert (
            descriptor["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        )
        assert descriptor.get("help", {}).get("markdown", "") == rule.doc


def test_sarif_paths_levels_and_zero_width_regions(tmp_path: Path) -> None:
    inside = str(tmp_path / "a folder" / "r é.md")
    outside = str(tmp_path.parent / "elsewhere.md")
    diagnostics = [
        Diagnostic(inside, 4, 3, 4, 3, "SL201", Severity.WARNING, "w"),  # zero width
        Diagnostic(outside, 1, 1, 2, 1, "XX999", Severity.INFO, "from a removed plugin"),
    ]
    log = json.loads(render("sarif", diagnostics, ReportContext(root=str(tmp_path))))
    assert list(sarif_validator().iter_errors(log)) == []
    first, second = log["runs"][0]["results"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "a%20folder/r%20%C3%A9.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 4, "startColumn": 3, "endLine": 4, "endColumn": 4}
    assert first["level"] == "warning" and second["level"] == "note"
    assert second["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": Path(outside).as_uri()
    }
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[second["ruleIndex"]]["id"] == "XX999"


# --- GitHub workflow commands -----------------------------------------------------------------

_COMMAND = re.compile(r"::(?P<level>error|warning|notice) (?P<properties>[^:]*)::(?P<message>.*)")


def unescape(text: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command the way the Actions runner does."""
    match = _COMMAND.fullmatch(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match["properties"].split(","))
    return (
        match["level"],
        {key: unescape(value) for key, value in properties.items()},
        unescape(match["message"]),
    )


def test_github_commands_round_trip(workdir: Path) -> None:
    lines = run("github").splitlines()
    assert [parse_command(line) for line in lines] == [
        (
            "error",
            {
                "file": "_news/bad.md",
                "line": "2",
                "col": "8",
                "endLine": "2",
                "endColumn": "42",
                "title": "SL106",
            },
            "title: 'Ünïcödé 日本語 title, much too long' is longer than 20 characters",
        ),
        (
            "error",
            {
                "file": "_news/bad.md",
                "line": "3",
                "col": "7",
                "endLine": "3",
                "endColumn": "10",
                "title": "SL103",
            },
            "heat: expected a whole number, found the text 'hot'",
        ),
        (
            "error",
            {
                "file": "_news/bad.md",
                "line": "5",
                "col": "5",
                "endLine": "5",
                "endColumn": "6",
                "title": "SL103",
            },
            "tags[0]: expected text, found the number 1",
        ),
    ]


def test_github_escapes_separators_and_line_breaks(tmp_path: Path) -> None:
    path = str(tmp_path / "a,b:c%d.md")
    message = "100% wrong:\nsecond line, with commas\r\n"
    diagnostics = [
        diag(path, 3, message=message, severity=Severity.WARNING),
        diag(path, 4, severity=Severity.INFO),
    ]
    out = render("github", diagnostics, ReportContext(root=str(tmp_path)))
    first, second = out.splitlines()
    assert first.startswith("::warning file=a%2Cb%3Ac%25d.md,line=3,")
    level, properties, parsed = parse_command(first)
    assert (level, properties["file"], parsed) == ("warning", "a,b:c%d.md", message)
    assert parse_command(second)[0] == "notice"


# --- GitLab Code Quality -------------------------------------------------------------------


def test_gitlab_report_has_the_documented_fields(workdir: Path) -> None:
    issues = json.loads(run("gitlab"))
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
        for i in issues
    ] == [
        ("SL106", "major", "_news/bad.md", 2),
        ("SL103", "major", "_news/bad.md", 3),
        ("SL103", "major", "_news/bad.md", 5),
    ]
    assert len({i["fingerprint"] for i in issues}) == 3


def test_gitlab_fingerprints_survive_moved_lines_and_stay_unique() -> None:
    before = [diag("r.md", 3), diag("r.md", 5, pointer="/tags/0"), diag("r.md", 5)]
    after = [diag("r.md", 9), diag("r.md", 2, pointer="/tags/0"), diag("r.md", 12)]

    def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
        issues = json.loads(render("gitlab", diagnostics, ReportContext()))
        return [issue["fingerprint"] for issue in issues]

    assert fingerprints(before) == fingerprints(after)
    assert len(set(fingerprints(before))) == 3  # the repeated one gets its own id
    assert fingerprints([diag("r.md", 3, message="other")]) != fingerprints(before)[:1]
    severities = [
        i["severity"]
        for i in json.loads(
            render("gitlab", [diag("r.md", 1, severity=s) for s in Severity], ReportContext())
        )
    ]
    assert severities == ["major", "minor", "info"]


# --- JUnit ---------------------------------------------------------------------------------


def test_junit_has_one_testcase_per_file_clean_files_included(workdir: Path) -> None:
    root = ET.fromstring(run("junit").encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {"_news/bad.md", "_news/good.md"}
    failure = cases["_news/bad.md"].find("failure")
    assert failure is not None and failure.get("message") == "3 errors"
    assert (failure.text or "").splitlines()[1] == (
        "3:7: SL103 [error] heat: expected a whole number, found the text 'hot'"
    )
    assert list(cases["_news/good.md"]) == []


def test_junit_keeps_non_failing_diagnostics_out_of_failures_and_stays_valid_xml() -> None:
    diagnostics = [
        diag("r.md", 2, severity=Severity.WARNING, message="odd \x00\x1b char"),
        diag("s.md", 1),
    ]
    out = render("junit", diagnostics, ReportContext(files=["q.md", "r.md", "s.md"]))
    root = ET.fromstring(out.encode("utf-8"))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert list(cases) == ["q.md", "r.md", "s.md"]
    assert cases["r.md"].find("failure") is None
    assert cases["r.md"].findtext("system-out") == "2:7: SL103 [warning] odd \\x00\\x1b char"
    assert cases["s.md"].find("failure") is not None
    assert root.get("failures") == "1"
    strict = render(
        "junit", diagnostics, ReportContext(files=["r.md", "s.md"], fail_on=Severity.WARNING)
    )
    assert ET.fromstring(strict.encode("utf-8")).get("failures") == "2"


# --- JSON lines ----------------------------------------------------------------------------


def test_json_lines_is_one_object_per_line(workdir: Path) -> None:
    lines = run("json-lines").splitlines()
    objects = [json.loads(line) for line in lines]
    assert [(o["path"], o["line"], o["column"], o["code"]) for o in objects] == [
        ("_news/bad.md", 2, 8, "SL106"),
        ("_news/bad.md", 3, 7, "SL103"),
        ("_news/bad.md", 5, 5, "SL103"),
    ]
    assert set(objects[0]) == set(DIAGNOSTIC_FIELDS)


def test_json_lines_survive_splitting_on_any_line_break() -> None:
    out = render("json-lines", [diag("r.md", 1, message="a\u2028b\u2029c\nd")], ReportContext())
    assert len(out.splitlines()) == 1
    assert json.loads(out)["message"] == "a\u2028b\u2029c\nd"
