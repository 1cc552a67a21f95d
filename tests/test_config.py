"""Configuration: [tool.seedlint] / seedlint.toml, discovery upward, CLI overrides, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_runner import run_cli
from seedlint.config import (
    Config,
    ConfigError,
    Limits,
    SchemaMapping,
    Settings,
    find_config_file,
    from_section,
    glob_match,
)
from seedlint.diagnostics import Severity

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"quality": {"type": "integer"}},
}
# SL205 (warning) on line 2, SL103 (error, from the schema) on line 3
RECORD = '---\nwebUrl: "http://example.com/a"\nquality: "37"\n---\n'
WARNING_ONLY = '---\nwebUrl: "http://example.com/a"\nquality: 37\n---\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def project(tmp_path: Path, settings: str, name: str = "pyproject.toml") -> Path:
    """A folder with a config file, a schema and two records: one broken, one with a warning."""
    header = "[tool.seedlint]\n" if name == "pyproject.toml" else ""
    write(tmp_path / name, header + 'schema = "record.schema.json"\n' + settings)
    write(tmp_path / "record.schema.json", json.dumps(SCHEMA))
    write(tmp_path / "_news" / "broken.md", RECORD)
    write(tmp_path / "_news" / "warning.md", WARNING_ONLY)
    return tmp_path


def check(*arguments: str) -> tuple[int, list[str], str]:
    """Run ``seedlint check`` in-process: (exit status, 'file:line code severity', stderr)."""
    result = run_cli("check", "--no-cache", "--format", "json", *arguments)
    found = json.loads(result.stdout) if result.stdout.strip() else []
    return (
        result.status,
        [f"{Path(d['path']).name}:{d['line']} {d['code']} {d['severity']}" for d in found],
        result.stderr,
    )


# --- reading a section ---------------------------------------------------------------------


def test_every_key_of_a_section(tmp_path: Path) -> None:
    source = str(tmp_path / "seedlint.toml")
    config = from_section(
        {
            "include": ["*.md"],
            "extend-include": ["*.mdx"],
            "exclude": ["drafts/**"],
            "select": ["SL1", "sl201"],
            "ignore": ["SL105"],
            "extend-select": ["SL3"],
            "severity": {"SL206": "error", "sl212": "Warning"},
            "fail-on": "warning",
            "schema": "news",
            "schemas": [{"files": ["_events/*.md"], "schema": "event"}],
            "engine": "rs",
            "format": "annotate",
            "site-url": "https://example.com/blog",
            "site-root": "site",
            "limits": {"max-depth": 50, "max-file-size": 1000},
        },
        source,
    )
    assert config == Config(
        schema="news",
        schemas=(SchemaMapping(("_events/*.md",), "event"),),
        include=("*.md", "*.mdx"),
        exclude=("drafts/**",),
        select=("SL1", "SL201"),
        ignore=("SL105",),
        extend_select=("SL3",),
        severities={"SL206": Severity.ERROR, "SL212": Severity.WARNING},
        fail_on=Severity.WARNING,
        limits=Limits(max_file_size=1000, max_depth=50),
        engine="rs",
        formats="annotate",
        site_url="https://example.com/blog",
        site_root="site",
        root=str(tmp_path),
        source=source,
    )


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"selct": ["SL1"]}, "unknown key 'selct' (did you mean 'select'?); allowed keys: "),
        (
            {"select": "SL1, SL2"},
            "'select': 'SL1, SL2' is not a rule code, a code prefix (SL2), a rule name or ALL",
        ),
        ({"ignore": [201]}, "'ignore' must be a list of strings, got [201]"),
        ({"fail-on": "never"}, "'fail-on' is 'never'; allowed: error, warning, info"),
        (
            {"severity": {"SL206": "fatal"}},
            "'severity.SL206' is 'fatal'; allowed: error, warning, info",
        ),
        ({"severity": "error"}, "'severity' must be a table such as { SL206 = \"error\" }"),
        ({"schemas": [{"files": ["*.md"]}]}, "schemas[0] must have exactly the keys 'files' "),
        (
            {"schemas": {"files": ["*.md"]}},
            "'schemas' must be a list of { files = [globs], schema = ",
        ),
        ({"limits": {"max-depth": 0}}, "'limits.max-depth' must be a positive integer"),
        ({"limits": {"depth": 3}}, "unknown key 'limits.depth'; allowed: max-file-size, "),
        ({"jekyll-yaml": "syck"}, "'jekyll-yaml' is 'syck'; allowed: safe_yaml (upstream"),
        ({"engine": "python"}, "'engine' is 'python'; allowed: auto, rs"),
        ({"format": "ignore"}, "'format' is 'ignore'; allowed: assert, annotate"),
        ({"site-url": "example.com"}, "'site-url' is 'example.com'; it must be the site's address"),
    ],
)
def test_errors_name_the_file_the_key_and_what_is_allowed(
    section: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        from_section(section, "conf/pyproject.toml")
    assert str(raised.value).startswith(f"conf/pyproject.toml: {message}")


# --- finding the file ------------------------------------------------------------------------


def test_the_nearest_config_upward_wins(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", "[tool.seedlint]\nselect = ['SL1']\n")
    inner = write(tmp_path / "site" / "seedlint.toml", "select = ['SL2']\n")
    write(tmp_path / "site" / "_news" / "pyproject.toml", "[project]\nname = 'x'\n")
    record = write(tmp_path / "site" / "_news" / "a.md", RECORD)
    other = write(tmp_path / "docs" / "b.md", RECORD)
    assert find_config_file(str(record)) == str(inner)
    assert find_config_file(str(other)) == str(outer)
    settings = Settings()
    assert settings.config_for(str(record)).select == ("SL2",)
    assert settings.config_for(str(other)).select == ("SL1",)


def test_seedlint_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.seedlint]\nselect = ['SL1']\n")
    preferred = write(tmp_path / "seedlint.toml", "[tool.seedlint]\nselect = ['SL2']\n")
    assert find_config_file(str(tmp_path)) == str(preferred)
    assert Settings().config_for(str(tmp_path / "a.md")).select == ("SL2",)


def test_relative_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    config = from_section(
        {"schemas": [{"files": ["_events/**"], "schema": "event.json"}]},
        str(tmp_path / "pyproject.toml"),
    )
    assert config.schema_for(str(tmp_path / "_events" / "2020" / "a.md")) == "event.json"
    assert config.schema_for(str(tmp_path / "_news" / "a.md")) == "news"
    assert config.relative(str(tmp_path / "_news" / "a.md")) == "_news/a.md"


# --- the effect on a run ---------------------------------------------------------------------


def test_the_config_file_is_used(tmp_path: Path) -> None:
    project(tmp_path, "")
    status, found, _ = check(str(tmp_path / "_news"))
    assert status == 1
    assert found == [
        "broken.md:2 SL205 warning",
        "broken.md:3 SL103 error",
        "warning.md:2 SL205 warning",
    ]


def test_select_and_ignore_from_the_file(tmp_path: Path) -> None:
    project(tmp_path, 'select = ["SL2"]\n')
    assert check(str(tmp_path / "_news"))[:2] == (
        0,
        ["broken.md:2 SL205 warning", "warning.md:2 SL205 warning"],
    )
    project(tmp_path, 'ignore = ["SL205"]\n')
    assert check(str(tmp_path / "_news"))[:2] == (1, ["broken.md:3 SL103 error"])


def test_cli_flags_override_the_file(tmp_path: Path) -> None:
    project(tmp_path, 'select = ["SL2"]\nfail-on = "warning"\n')
    news = str(tmp_path / "_news")
    assert check(news)[0] == 1  # fail-on warning from the file
    assert check(news, "--fail-on", "error")[0] == 0
    assert check(news, "--select", "SL1")[1] == ["broken.md:3 SL103 error"]
    assert check(news, "--ignore", "SL205")[1] == []


def test_severity_overrides(tmp_path: Path) -> None:
    project(tmp_path, '[tool.seedlint.severity]\nSL205 = "error"\nSL103 = "info"\n')
    status, found, _ = check(str(tmp_path / "_news" / "warning.md"))
    assert (status, found) == (1, ["warning.md:2 SL205 error"])
    status, found, _ = check(str(tmp_path / "_news" / "broken.md"), "--ignore", "SL205")
    assert (status, found) == (0, ["broken.md:3 SL103 info"])


def test_schemas_per_glob(tmp_path: Path) -> None:
    project(
        tmp_path,
        '[[tool.seedlint.schemas]]\nfiles = ["_events/*.md"]\nschema = "event.schema.json"\n',
    )
    write(tmp_path / "event.schema.json", json.dumps({"type": "object", "required": ["startDate"]}))
    write(tmp_path / "_events" / "e.md", WARNING_ONLY)
    status, found, _ = check(str(tmp_path / "_events"), str(tmp_path / "_news"), "--select", "SL1")
    assert (status, found) == (1, ["e.md:2 SL101 error", "broken.md:3 SL103 error"])


def test_exclude(tmp_path: Path) -> None:
    project(tmp_path, 'exclude = ["_news/broken.md"]\n')
    assert check(str(tmp_path / "_news"))[:2] == (0, ["warning.md:2 SL205 warning"])


def test_an_explicit_config_file(tmp_path: Path) -> None:
    project(tmp_path, "")
    other = write(
        tmp_path / "ci" / "seedlint.toml",
        f'schema = "{tmp_path / "record.schema.json"}"\nselect = ["SL1"]\n',
    )
    status, found, _ = check("--config", str(other), str(tmp_path / "_news"))
    assert (status, found) == (1, ["broken.md:3 SL103 error"])


@pytest.mark.parametrize(
    "settings", ['fail-on = "sometimes"\n', "select = 3\n", "[tool.seedlint\n"]
)
def test_a_bad_config_exits_2_naming_the_file(tmp_path: Path, settings: str) -> None:
    project(tmp_path, settings)
    status, found, err = check(str(tmp_path / "_news"))
    assert (status, found) == (2, [])
    assert err.startswith(f"seedlint: error: {tmp_path / 'pyproject.toml'}: ")


def test_a_missing_explicit_config_exits_2(tmp_path: Path) -> None:
    status, _, err = check("--config", str(tmp_path / "nope.toml"), str(tmp_path))
    assert status == 2 and "nope.toml: no such configuration file" in err


# --- globs ---------------------------------------------------------------------------------


def _one_glob_at_a_time(path: str, pattern: str) -> bool:
    """The meaning of a glob, one fnmatch at a time (what glob_match's regex must equal)."""
    import fnmatch
    from pathlib import PurePosixPath

    pattern = pattern.replace("\\", "/").lstrip("./") if pattern.startswith("./") else pattern
    return (
        fnmatch.fnmatchcase(path, pattern)
        or (pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:]))
        or ("/" not in pattern and fnmatch.fnmatchcase(PurePosixPath(path).name, pattern))
    )


@pytest.mark.parametrize(
    ("path", "patterns", "expected"),
    [
        ("_news/2020-01-01-a.md", ("*.md",), True),
        ("_news/a.md", ("_news/*",), True),
        ("deep/_news/a.md", ("**/_news/*",), True),
        ("_news/a.md", ("**/_news/*",), True),
        ("a/x/b", ("a*b",), True),  # fnmatch's "*" crosses "/" in a whole-path match
        ("x/ab/c", ("a*b",), False),  # ...but a bare name matches the last segment only
        ("_drafts/a.md", ("./_drafts/*.md",), True),
        ("a.md", (), False),
        ("a.txt", ("*.md", "*.txt"), True),
    ],
)
def test_glob_match(path: str, patterns: tuple[str, ...], expected: bool) -> None:
    assert glob_match(path, patterns) is expected


@given(
    path=st.lists(
        st.sampled_from(["a", "b", "ab", ".x", "a.md", "_news", "[", "*"]), min_size=1, max_size=4
    ).map("/".join),
    patterns=st.lists(
        st.lists(
            st.sampled_from(["a", "b", "*", "?", "**", "[ab]", "[!a]", ".md", "/", "./", "_news"]),
            min_size=1,
            max_size=5,
        ).map("".join),
        max_size=3,
    ).map(tuple),
)
def test_glob_match_means_any_glob_one_at_a_time(path: str, patterns: tuple[str, ...]) -> None:
    assert glob_match(path, patterns) is any(_one_glob_at_a_time(path, p) for p in patterns)
