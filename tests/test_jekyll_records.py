"""What Jekyll does with whole records, end to end through seedlint: a BOM, delimiters, NUL
bytes, merge keys, tags, lost front matter (issue 13), and the fixes that may (not) apply."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SMALL
from seedlint import Config, jekyll
from seedlint.config import from_section
from seedlint.diagnostics import Severity
from seedlint.fixer import fix_result
from seedlint.linter import lint_bytes

RECORD = SMALL.read_text(encoding="utf-8")
UPSTREAM = Config()
DEBIAN = Config(jekyll_yaml="psych")


def lint(text: str | bytes, config: Config = UPSTREAM) -> list[tuple[int, str, str]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = lint_bytes(data, "_news/2020-04-13-x.md", config)
    return [(d.line, d.code, d.severity.value) for d in result.diagnostics]


def messages(text: str, code: str, config: Config = UPSTREAM) -> list[str]:
    result = lint_bytes(text.encode("utf-8"), "_news/2020-04-13-x.md", config)
    return [d.message for d in result.diagnostics if d.code == code]


def test_the_setting_selects_the_loader() -> None:
    assert from_section({"jekyll-yaml": "psych"}, "seedlint.toml").jekyll_yaml == "psych"
    assert Config().jekyll_yaml == jekyll.DEFAULT_FLAVOUR == "safe_yaml"


def test_a_bom_is_an_error_whose_safe_fix_removes_it() -> None:
    data = b"\xef\xbb\xbf" + RECORD.encode("utf-8")
    result = lint_bytes(data, "_news/2020-04-13-x.md", UPSTREAM)
    assert [(d.line, d.column, d.code, d.severity) for d in result.diagnostics] == [
        (1, 1, "SL013", Severity.ERROR)
    ]
    assert "copies the file raw" in result.diagnostics[0].message
    outcome = fix_result(result, UPSTREAM)
    assert outcome is not None and outcome.encoded() == RECORD.encode("utf-8")
    assert [d.code for d in outcome.applied] == ["SL013"]
    assert outcome.result.diagnostics == []


def test_a_post_tolerates_a_bom() -> None:
    data = b"\xef\xbb\xbf" + RECORD.encode("utf-8")
    assert lint_bytes(data, "site/_posts/2020-04-13-x.md", UPSTREAM).diagnostics == []


def test_a_nul_in_the_body_is_fine_and_one_in_the_front_matter_is_not() -> None:
    assert lint(RECORD + "a body with a \x00 byte\n") == []
    broken = RECORD.replace("type: article", "type: art\x00icle")
    assert lint(broken) == [(7, "SL008", "error")]


def test_a_form_feed_after_the_opening_line() -> None:
    found = lint("---\f" + RECORD[3:])
    assert found == [(1, "SL014", "error")]
    assert (
        "publishes the record without its front matter"
        in messages("---\f" + RECORD[3:], "SL014")[0]
    )


def test_a_closing_line_with_trailing_blanks_closes_as_in_jekyll() -> None:
    assert lint(RECORD.replace('"\n---\n', '"\n---\f \n', 1)) == []


@pytest.mark.parametrize(
    ("value", "upstream", "debian"),
    [
        (":foo", [(7, "SL204", "warning")], [(7, "SL014", "error")]),
        ("!ruby/symbol article", [(7, "SL010", "warning")], [(7, "SL014", "error")]),
        ("!custom article", [(7, "SL010", "warning")], [(7, "SL010", "warning")]),
    ],
)
def test_what_only_debian_cannot_read(value: str, upstream: list[Any], debian: list[Any]) -> None:
    text = RECORD.replace("type: article", f"type: {value}")
    assert [f for f in lint(text) if f[1] != "SL108"] == upstream
    assert [f for f in lint(text, DEBIAN) if f[1] != "SL108"] == debian


def test_a_set_is_lost_in_debian_only() -> None:
    text = RECORD.replace("topics:\n  - Azure\n", "topics: !!set {Azure}\n")
    assert (20, "SL014", "error") in lint(text, DEBIAN)
    assert not any(code == "SL014" for _, code, _ in lint(text))


def test_a_merge_after_the_own_keys_overrides_them() -> None:
    """Jekyll's provider.domain is the merged one, which no longer matches webUrl: SL201."""
    text = RECORD.replace(
        "provider:\n  name: Microsoft\n",
        "base: &base {domain: example.org}\nprovider:\n  name: Microsoft\n",
    ).replace("  domain: microsoft.com\n", "  domain: microsoft.com\n  <<: *base\n", 1)
    for config in (UPSTREAM, DEBIAN):
        assert (16, "SL201", "error") in lint(text, config)  # at the `<<` line


def test_a_merge_of_a_list_drops_the_front_matter_upstream() -> None:
    text = RECORD.replace(
        "provider:\n  name: Microsoft\n  domain: microsoft.com\n",
        "base: &base {name: Microsoft, domain: microsoft.com}\nprovider:\n  <<: [*base]\n",
    )
    assert any(code == "SL014" for _, code, _ in lint(text))
    assert not any(code == "SL014" for _, code, _ in lint(text, DEBIAN))
    assert "a merge key '<<' whose value is a list" in messages(text, "SL014")[0]


def test_an_inline_merge_merges_nothing_upstream() -> None:
    text = RECORD.replace(
        "provider:\n  name: Microsoft\n  domain: microsoft.com\n",
        "provider:\n  <<: {name: Microsoft, domain: microsoft.com}\n",
    )
    assert (13, "SL016", "error") in lint(text)
    assert [f for f in lint(text, DEBIAN) if f[2] == "error"] == []


def test_the_duplicate_key_that_crashed_sl204() -> None:
    found = lint("---\nprovider:\n images: n\nprovider:\n n:\n---\n")
    assert not any(code == "SL000" for _, code, _ in found)
    assert (4, "SL002", "error") in found


@pytest.mark.parametrize("zone", ["-24:00", "+10:60", "+01"])
def test_no_fix_for_an_offset_that_is_no_offset(zone: str) -> None:
    text = RECORD.replace("2020-04-13T16:00:05Z", f"1990-12-31T15:59:59{zone}")
    result = lint_bytes(text.encode("utf-8"), "_news/2020-04-13-x.md", UPSTREAM)
    found = [d for d in result.diagnostics if d.pointer == "/publishedDateTime"]
    assert [d.code for d in found] == ["SL104"]
    assert all(d.fix is None for d in found)


def test_another_time_zone_is_no_safe_fix() -> None:
    """Jekyll reads a Time at +02:00 (shown so on the page): converting it to Z changes that."""
    text = RECORD.replace("2020-04-13T16:00:05Z", "2020-04-13T18:00:05+02:00")
    result = lint_bytes(text.encode("utf-8"), "_news/2020-04-13-x.md", UPSTREAM)
    (found,) = [d for d in result.diagnostics if d.code == "SL209"]
    assert found.fix is not None and not found.fix.safe
    outcome = fix_result(result, UPSTREAM)
    assert outcome is None or not outcome.changed
    unsafe = fix_result(result, UPSTREAM, unsafe=True)
    assert unsafe is not None and "publishedDateTime: 2020-04-13T16:00:05Z" in unsafe.text


def test_the_fix_check_refuses_a_safe_fix_that_changes_what_jekyll_reads() -> None:
    """A rule that declares a value-changing fix safe is stopped by the fixer's check."""
    from seedlint import Edit, Fix, Rule, rules

    def check(ctx: rules.RuleContext) -> None:
        span = ctx.doc.values["/heat"]
        ctx.report(made, "/heat", "heat", fix=Fix("write 38", (Edit(span[4], span[5], "38"),)))

    made = Rule("TJK001", "test-changes-heat", Severity.ERROR, "x", check=check, fix="safe")
    rules.all_rules()
    rules.register(made)
    try:
        result = lint_bytes(RECORD.encode("utf-8"), "_news/2020-04-13-x.md", UPSTREAM)
        outcome = fix_result(result, UPSTREAM)
        assert outcome is not None and not outcome.changed
        assert [r.reason.split(":")[0] for r in outcome.rejected] == ["it is not safe"]
        unsafe = fix_result(result, UPSTREAM, unsafe=True)
        assert unsafe is not None and "heat: 38" in unsafe.text
    finally:
        rules.unregister(made.code)


def test_reading_change_names_the_loader() -> None:
    assert jekyll.reading_change("a: 010\n", "a: 8\n") is None
    assert jekyll.reading_change("a: 1:20\n", "a: 80.0\n") == (
        "Debian's Jekyll would read other values"
    )
    assert jekyll.reading_change("a: 1\n", "a: [1]\nb: !!set {x}\n") is not None


@pytest.mark.parametrize("config", [UPSTREAM, DEBIAN])
def test_a_quoted_value_tagged_bang_is_plain_to_jekyll(config: Config) -> None:
    """`! 'yes'`: libyaml reports a scalar with the non-specific tag `!` as plain, so both
    loaders read true (tests/data/jekyll: the `! 'yes'` rows); YAML 1.2 reads the text."""
    title = 'title: "Azure Machine Learning—New log streaming feature is now available"'
    text = RECORD.replace(title, "title: ! 'yes'", 1)
    found = [
        (d.line, d.code, d.severity)
        for d in lint_bytes(text.encode("utf-8"), "_news/2020-04-13-x.md", config).diagnostics
    ]
    assert found == [(3, "SL204", Severity.ERROR)]
    assert "reads true; the schema rejects what the site gets" in messages(text, "SL204", config)[0]
    fixed = fix_result(
        lint_bytes(
            RECORD.replace("quality: 37", "quality: ! '037'").encode(), "_news/x.md", config
        ),
        config,
    )
    assert fixed is not None and "\nquality: 31\n" in fixed.text  # the tag goes with the quotes


@pytest.mark.parametrize("value", ["2020-02-22", "!!timestamp 2020-02-22", "&a 2020-02-22"])
def test_a_date_in_a_title_is_an_error_that_names_the_ruby_class(value: str) -> None:
    title = 'title: "Azure Machine Learning—New log streaming feature is now available"'
    text = RECORD.replace(title, f"title: {value}", 1)
    assert lint(text) == [(3, "SL204", "error")]
    assert "(a Ruby Date), not the text the field takes" in messages(text, "SL204")[0]


def test_safe_yaml_keeps_one_pending_key_for_the_whole_document() -> None:
    """SafeYAML's handler has one `@current_key`: a nil key leaves a value pending, which
    takes the next value read, in whatever mapping (tests/data/jekyll: pending-key-*)."""
    reading = jekyll.read_front_matter("a: {~: 1}\nb: 2\n", "safe_yaml")
    assert reading.data == {"a": {}, 1: "b"}
    assert jekyll.read_front_matter("a: {~: 1}\nb: 2\n", "psych").data == {"a": {None: 1}, "b": 2}


@pytest.mark.parametrize("config", [UPSTREAM, DEBIAN])
def test_a_colon_inside_a_flow_collection_reads_as_in_jekyll(config: Config) -> None:
    """libyaml 0.2.5 (Jekyll's) reads `[a:b, c]` as two texts; the C parser's older libyaml
    refuses it, so the text is composed again in pure Python: no syntax error."""
    text = RECORD.replace("topics:\n  - Azure", "topics: [Azure:Functions, Azure]")
    result = lint_bytes(text.encode("utf-8"), "_news/2020-04-13-x.md", config)
    assert result.diagnostics == []
    assert result.document is not None
    assert result.document.data["topics"] == ["Azure:Functions", "Azure"]
    reading = jekyll.read_file(text.encode("utf-8"), config.jekyll_yaml)
    assert reading.data["topics"] == ["Azure:Functions", "Azure"]
