"""Inline suppression comments: what they silence, and the reports about stale or wrong ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint, where
from seedlint.suppression import comment_column

# SL212 (title-whitespace) on lines 3 and 8, SL205 (http-url) on line 4
RECORD = """---
{top}
title: "Spaces around "{three}
webUrl: "http://example.com/a"{four}
excerpt: " also "
images:
  - url: "https://example.com/a.png"
    title: "padded "{eight}
---
"""
CODES = ("SL205", "SL212", "SL301", "SL302", "SL303")
NO_CODE = "'disable' names no code; write disable=SL201 (codes separated by commas)"


def run(
    top: str = "", three: str = "", four: str = "", eight: str = "", **config: object
) -> list[tuple[int, int, str]]:
    text = RECORD.format(top=top, three=three, four=four, eight=eight)
    return where([d for d in lint(text, **config) if d.code in CODES])


BASELINE = [(3, 8, "SL212"), (4, 9, "SL205"), (8, 12, "SL212")]


def test_without_comments() -> None:
    assert run() == BASELINE


def test_disable_at_the_end_of_a_line() -> None:
    assert run(three="  # seedlint: disable=SL212") == BASELINE[1:]
    assert run(four=" # seedlint: disable=SL205,SL212") == [
        (3, 8, "SL212"),
        (4, 58, "SL301"),
        (8, 12, "SL212"),
    ]


def test_rule_names_and_lower_case_codes_work_too() -> None:
    assert (
        run(three="  # seedlint: disable=title-whitespace", four=" #seedlint:disable=sl205")
        == BASELINE[2:]
    )


def test_disable_next_line_skips_blank_and_comment_lines() -> None:
    assert run(top="# seedlint: disable-next-line=SL212\n\n# why: a test") == [
        (6, 9, "SL205"),
        (10, 12, "SL212"),
    ]


def test_disable_next_line_inside_a_list() -> None:
    text = RECORD.format(top="", three="", four="", eight="").replace(
        "    title:", "    # seedlint: disable-next-line=SL212\n    title:"
    )
    assert where([d for d in lint(text) if d.code in CODES]) == BASELINE[:2]


def test_disable_file_at_the_top() -> None:
    assert run(top="# seedlint: disable-file=SL212") == [(4, 9, "SL205")]


def test_disable_file_after_a_field_is_invalid_and_ignored() -> None:
    found = run(four="\n# seedlint: disable-file=SL212")
    assert found == BASELINE[:2] + [(5, 1, "SL303"), (9, 12, "SL212")]


def test_disable_on_a_line_of_its_own_is_invalid() -> None:
    text = RECORD.format(top="# seedlint: disable=SL212", three="", four="", eight="")
    (found,) = [d for d in lint(text) if d.code == "SL303"]
    assert (found.line, found.column, found.end_column) == (2, 1, 26)
    assert found.severity.value == "warning"
    assert found.message == (
        "'disable' applies to the line it ends, and this line has no field; "
        "on a line of its own use disable-next-line"
    )


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            "# seedlint: ignore=SL212",
            "unknown seedlint comment 'ignore'; use disable=CODES, "
            "disable-next-line=CODES or disable-file=CODES",
        ),
        (
            "# seedlint:",
            "unknown seedlint comment with no directive; use disable=CODES, "
            "disable-next-line=CODES or disable-file=CODES",
        ),
        ("# seedlint: disable", NO_CODE),
        ("# seedlint: disable=", NO_CODE),
    ],
)
def test_malformed_comments(comment: str, message: str) -> None:
    found = [
        d
        for d in lint(RECORD.format(top="", three="  " + comment, four="", eight=""))
        if d.code == "SL303"
    ]
    assert [(d.line, d.column, d.message) for d in found] == [(3, 26, message)]


def test_unknown_codes_are_reported_at_the_code() -> None:
    text = RECORD.format(top="", three="  # seedlint: disable=SL2112, SL212", four="", eight="")
    found = [d for d in lint(text) if d.code in CODES]
    assert where(found) == [(3, 46, "SL302"), (4, 9, "SL205"), (8, 12, "SL212")]
    assert found[0].end_column == 52
    assert found[0].message == (
        "unknown rule 'SL2112' in a seedlint comment; `seedlint rules` lists the codes"
    )


def test_an_unused_suppression_names_the_line() -> None:
    text = RECORD.format(top="# seedlint: disable-next-line=SL205", three="", four="", eight="")
    (found,) = [d for d in lint(text) if d.code == "SL301"]
    assert (found.line, found.column, found.end_column) == (2, 31, 36)
    assert found.message == (
        "unused suppression: there is no SL205 on line 3; remove it from the comment"
    )
    text = RECORD.format(top="# seedlint: disable-file=SL204", three="", four="", eight="")
    (found,) = [d for d in lint(text) if d.code == "SL301"]
    assert found.message.startswith("unused suppression: there is no SL204 in this file;")


def test_codes_not_selected_are_not_reported_as_unused() -> None:
    assert run(three="  # seedlint: disable=SL212", ignore=("SL212",)) == [(4, 9, "SL205")]


def test_unused_reports_can_be_silenced_like_any_code() -> None:
    assert run(top="# seedlint: disable-file=SL301", four="  # seedlint: disable=SL212") == BASELINE
    assert run(four="  # seedlint: disable=SL212", ignore=("SL301",)) == BASELINE


def test_a_hash_inside_quotes_is_not_a_comment() -> None:
    text = RECORD.format(top="", three="", four="", eight="").replace(
        'excerpt: " also "', 'excerpt: "see # seedlint: disable=SL205"'
    )
    assert where([d for d in lint(text) if d.code in CODES]) == BASELINE


def test_a_hash_inside_a_block_or_multi_line_text_is_not_a_comment() -> None:
    text = RECORD.format(top="", three="", four="", eight="").replace(
        'excerpt: " also "',
        'excerpt: |\n  # seedlint: disable-file=SL212\nsummary: "two\n  # seedlint: disable=SL212"',
    )
    found = [d for d in lint(text) if d.code in CODES]
    assert where(found) == [(3, 8, "SL212"), (4, 9, "SL205"), (11, 12, "SL212")]


def test_a_comment_after_a_block_indicator_counts() -> None:
    text = RECORD.format(top="", three="", four="", eight="").replace(
        'excerpt: " also "', "excerpt: |  # seedlint: disable-next-line=SL212\n  text"
    )
    found = [d for d in lint(text) if d.code in CODES]
    assert where(found) == [(3, 8, "SL212"), (4, 9, "SL205"), (5, 43, "SL301"), (9, 12, "SL212")]


def test_a_hash_in_an_unclosed_quote_is_not_a_comment_when_parsing_failed() -> None:
    text = '---\ntitle: "broken  # seedlint: disable=SL001\nfoo: [\n---\n'
    codes = [d.code for d in lint(text)]
    assert "SL001" in codes and "SL301" not in codes


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("key: value # note", 11),
        ("key: 'it''s # not' # note", 19),
        ('key: "a \\" # not" # note', 18),
        ("key: it's # note", 10),
        ("- 'a' # note", 6),
        ("key: [a, '#b'] # c", 15),
        ("# top", 0),
        ("url: https://example.com/#frag", None),
        ("key: 'unclosed # inside", None),
    ],
)
def test_comment_column(line: str, column: int | None) -> None:
    assert comment_column(line) == column


def test_the_readme_example_silences_everything_it_names() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Suppressing a diagnostic", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert [d.code for d in lint(example) if d.code[:3] in ("SL2", "SL3")] == []
    unsuppressed = example.replace("seedlint:", "seedlint-off:")
    assert sorted(d.code for d in lint(unsuppressed) if d.code[:3] in ("SL2", "SL3")) == [
        "SL205",
        "SL206",
        "SL212",
    ]
