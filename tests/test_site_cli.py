"""Selectors, output a contributor can read, fix hygiene and the library's entry points."""

from __future__ import annotations

import os
import typing
from datetime import datetime, timezone
from pathlib import Path

import pytest

import seedlint
from cli_runner import CliResult, run_cli
from conftest import RELATED, SMALL, png
from seedlint import Config, ConfigError, Severity, lint_file, lint_paths, load_config


def check(*args: str) -> CliResult:
    return run_cli("check", "--no-cache", "--isolated", "--now", "2026-01-01T00:00:00Z", *args)


# --- selectors -------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
@pytest.mark.parametrize(
    ("selector", "meant"),
    [
        ("XX999", None),
        ("SL2O1", "SL201"),  # a letter O for a zero
        ("SL299", None),
        ("yaml11-valeu", "yaml11-value"),
        ("SL9", None),
    ],
)
def test_a_selector_that_names_no_rule_is_a_usage_error(
    option: str, selector: str, meant: str | None
) -> None:
    result = check(option, selector, str(SMALL))
    assert result.status == 2
    err = result.stderr
    assert f"seedlint: error: {option}: '{selector}' is not a rule code" in err
    assert (f"did you mean '{meant}'?" in err) is (meant is not None)


def test_a_selector_in_the_configuration_file_is_checked(tmp_path: Path) -> None:
    (tmp_path / "seedlint.toml").write_text('select = ["SL299"]\n', encoding="utf-8")
    record = tmp_path / "x.md"
    record.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", "--no-cache", str(record))
    assert result.status == 2
    assert "'select': 'SL299' is not a rule code" in result.stderr


def test_rule_names_are_accepted_wherever_codes_are(tmp_path: Path) -> None:
    record = tmp_path / "2020-04-13-x.md"
    record.write_text(
        SMALL.read_text(encoding="utf-8").replace("published: false", "published: no")
    )
    # Jekyll reads `no` as the false the schema wants: a warning, which --fail-on counts
    result = check("--select", "yaml11-value", "--fail-on", "warning", str(record))
    assert result.status == 1
    out = result.stdout
    assert out.count(" SL204 ") == 1 and "SL1" not in out
    result = check("--ignore", "yaml11-value,title-whitespace", "--format", "concise", str(record))
    out = result.stdout
    assert "SL204" not in out and "SL212" not in out
    config = Config(
        select=("yaml11-value",),
        ignore=("provider-domain",),
        severities={"http-url": Severity.ERROR},
    )
    assert (config.select, config.ignore) == (("SL204",), ("SL201",))
    assert config.severity_for("SL205", Severity.WARNING) is Severity.ERROR


# --- output ----------------------------------------------------------------------------------


def test_missing_fields_of_one_object_share_one_excerpt(tmp_path: Path) -> None:
    record = tmp_path / "2020-01-01-a.md"
    record.write_text("---\ntitle: x\nprovider:\n  name: y\n---\n")
    result = check("--select", "SL101", str(record))
    assert result.status == 1
    out = result.stdout
    assert out.count("SL101") == 10
    assert out.count("2 | title: x") == 1  # nine root fields, one excerpt
    assert out.count("4 |   name: y") == 1


def test_the_duplicate_related_span_ends_on_its_own_last_line() -> None:
    text = RELATED.read_text(encoding="utf-8")
    start = text.index("related:\n") + len("related:\n")
    lines = text[start:].split("\n")
    length = 1 + next(i for i, line in enumerate(lines[1:]) if not line.startswith("    "))
    entry = "\n".join(lines[:length]) + "\n"
    first_end = start + len(entry)
    doubled = text[:first_end] + entry + text[first_end:]
    found = [d for d in seedlint.lint_text(doubled, "_news/x.md") if d.code == "SL207"]
    assert len(found) == 1
    last_line = doubled[: first_end + len(entry)].count("\n")  # the copy's last line
    assert (found[0].end_line, found[0].end_column) == (
        last_line,
        len(entry.rstrip("\n").split("\n")[-1]) + 1,
    )


def test_a_bad_now_is_a_usage_error() -> None:
    result = run_cli("check", "--no-cache", "--now", "garbage", str(SMALL))
    assert result.status == 2
    err = result.stderr
    assert err == (
        "seedlint: error: --now 'garbage' is not a date-time; write it as 2024-01-01T00:00:00Z\n"
    )


def test_an_image_renamed_md_is_called_binary(tmp_path: Path) -> None:
    image = tmp_path / "photo.md"
    image.write_bytes(png(40, 40))
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("---\ntitle: x\n---\n".encode("utf-16-le"))
    result = check("--format", "concise", str(image), str(utf16))
    assert result.status == 1
    out = result.stdout
    assert "photo.md:3:1: SL008 the file is binary (a PNG image), not a text record" in out
    assert "utf16.md:1:2: SL008 the file looks like UTF-16 without a byte-order mark" in out


def test_a_missing_path_counts_among_the_files() -> None:
    result = check("missing.md")
    assert result.status == 1
    assert "Found 1 error in 1 of 1 file." in result.stdout


# --- fix hygiene -----------------------------------------------------------------------------


def _padded(tmp_path: Path) -> Path:
    text = RELATED.read_text(encoding="utf-8")
    own = text.index('title: "') + len('title: "')
    related = text.index('  - title: "') + len('  - title: "')
    padded = text[:own] + " " + text[own:related] + " " + text[related:]
    record = tmp_path / "000_x.txt"
    record.write_text(padded, encoding="utf-8")
    return record


def test_fix_trims_the_records_own_title_only(tmp_path: Path) -> None:
    record = _padded(tmp_path)
    check("--fix", "--select", "SL212", str(record))  # unsafe: Jekyll reads another title
    assert record.read_text(encoding="utf-8").count('title: " ') == 2
    check("--fix", "--unsafe-fixes", "--select", "SL212", str(record))
    fixed = record.read_text(encoding="utf-8")
    assert fixed.count('title: " ') == 1 and fixed.index('title: " ') > fixed.index("related:")


def test_related_titles_are_opt_in_and_unsafe(tmp_path: Path) -> None:
    record = _padded(tmp_path)
    check("--fix", "--extend-select", "SL218", str(record))
    assert record.read_text(encoding="utf-8").count('title: " ') == 2  # unsafe: not applied
    check("--fix", "--unsafe-fixes", "--select", "SL212,related-title-whitespace", str(record))
    assert 'title: " ' not in record.read_text(encoding="utf-8")
    assert not Config().is_selected("SL218") and not Config(select=("ALL",)).is_selected("SL218")


# --- library ---------------------------------------------------------------------------------


def test_a_single_path_is_one_path(tmp_path: Path) -> None:
    folder = tmp_path / "_news"
    folder.mkdir()
    (folder / "2020-01-01-a.md").write_text("---\ntitle: x\n  bad: y\n---\n")
    for given in (str(folder), folder):
        assert [d.code for d in lint_paths(given)] == ["SL001"]


def test_lint_file_on_a_missing_file_says_so(tmp_path: Path) -> None:
    [found] = lint_file(tmp_path / "nope.md")
    assert (found.code, found.message) == ("SL012", "no such file or directory")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"fail_on": "error"}, "Config.fail_on must be a Severity, got 'error'"),
        ({"now": "2020-01-01"}, "Config.now must be a datetime with a time zone"),
        ({"now": datetime(2020, 1, 1)}, "Config.now must be a datetime with a time zone"),
        ({"severities": {"SL206": "error"}}, "Config.severities['SL206'] must be a Severity"),
        ({"select": "SL1"}, "Config.select must be a tuple of strings"),
        ({"ignore": ("SL2O1",)}, "Config.ignore: 'SL2O1' is not a rule code"),
        ({"engine": "fast"}, "Config.engine is 'fast'; allowed: auto, rs"),
        ({"schema": 3}, "Config.schema must be a string or None, got 3"),
    ],
)
def test_config_checks_its_fields_when_made(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Config(**fields)  # type: ignore[arg-type]
    assert str(raised.value).startswith(message)


def test_a_valid_config_is_accepted() -> None:
    config = Config(
        now=datetime(2020, 1, 1, tzinfo=timezone.utc),
        severities={"SL206": Severity.ERROR},
        select=["SL1", "ALL"],  # type: ignore[arg-type]
    )
    assert config.select == ("SL1", "ALL")


def test_load_config_gives_the_settings_that_apply_to_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs" / "_news").mkdir(parents=True)
    (tmp_path / "docs" / "seedlint.toml").write_text('ignore = ["SL2"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for path in ("docs/_news", "docs/_news/x.md", tmp_path / "docs"):
        config = load_config(path)
        assert config.ignore == ("SL2",)
        assert config.root == str(tmp_path / "docs")
    assert load_config(tmp_path).ignore == ()
    (tmp_path / "docs" / "seedlint.toml").write_text('ignore = ["SL2O1"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'ignore': 'SL2O1' is not a rule code"):
        load_config(os.path.join("docs", "x.md"))


def test_the_public_annotations_resolve() -> None:
    for name in seedlint.__all__:
        value = getattr(seedlint, name)
        if callable(value) and not isinstance(value, type):
            typing.get_type_hints(value)
    hints = typing.get_type_hints(seedlint.lint_text)
    assert isinstance(seedlint.load_schema("news"), hints["schema"].__args__[2])


def test_the_readme_installs_what_exists_today() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    before_release = readme.split("### Releasing", 1)[0]
    assert "pip install seedlint\n" not in before_release  # not on the package index yet
    assert "OWNER/" not in readme and "rev: v0.1.0" not in before_release
    assert "has **not** happened yet" in readme
    assert "rev: 0123456789abcdef0123456789abcdef01234567" in readme
