"""YAML -> data + spans: resolution, positions, duplicate keys, tags, aliases, limits."""

from __future__ import annotations

import pytest

from seedlint.config import Limits
from seedlint.frontmatter import split
from seedlint.jekyll import resolve_plain
from seedlint.parse import Document, parse


def doc(yaml: str, limits: Limits | None = None) -> Document:
    return parse(split(f"---\n{yaml}---\n", False, "x.md"), "x.md", limits or Limits())


def found(d: Document) -> list[tuple[int, int, str]]:
    return [(x.line, x.column, x.code) for x in d.diagnostics]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("37", 37),
        ("-1", -1),
        ("0o17", 15),
        ("0x1F", 31),
        ("3.5", 3.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("yes", "yes"),
        ("2021-09-20T16:44:00Z", "2021-09-20T16:44:00Z"),
        ("1:20", "1:20"),
        ("017", 17),
        ("news", "news"),
        ("9" * 5000, "9" * 5000),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core_with_timestamps_as_text(
    text: str, value: object
) -> None:
    assert resolve_plain(text) == value


def test_quoted_and_block_scalars_are_text() -> None:
    d = doc("a: '37'\nb: \"true\"\nc: |\n  x\n")
    assert d.data == {"a": "37", "b": "true", "c": "x\n"}


def test_where_jekyll_reads_otherwise_is_noted() -> None:
    """(text, YAML 1.2, upstream Jekyll, Debian's Jekyll); `N` is text to all of them."""
    d = doc("published: yes\nq: 017\nt: 1:20\nok: true\nn: N\n")
    assert d.yaml11 == {
        "/published": ("yes", "yes", True, True),
        "/q": ("017", 17, 15, 15),
        "/t": ("1:20", "1:20", 80.0, 4800),
    }
    assert d.data == {"published": True, "q": 15, "t": 80.0, "ok": True, "n": "N"}


def test_spans_of_keys_values_and_items() -> None:
    d = doc("title: x\nrelated:\n  - webUrl: u\n    provider:\n      name: n\n")
    # value span: file line 3 is 'related:'; the item's mapping starts after '- '
    assert d.diagnostic(d.span("/related/0/provider/name"), "X", "").line == 6
    assert d.diagnostic(d.span("/related/0/provider/name"), "X", "").column == 13
    key = d.diagnostic(d.key_span("/related/0/webUrl"), "X", "")
    assert (key.line, key.column, key.end_column) == (4, 5, 11)
    item = d.diagnostic(d.item_span("/related/0"), "X", "")
    assert (item.line, item.column) == (4, 3)


def test_item_span_when_the_dash_stands_alone() -> None:
    d = doc("related:\n  -\n    title: t\n")
    item = d.diagnostic(d.item_span("/related/0"), "X", "")
    assert (item.line, item.column) == (3, 3)


def test_duplicate_key_reported_at_second_naming_first() -> None:
    d = doc("title: a\ntype: b\ntitle: c\n")
    assert found(d) == [(4, 1, "SL002")]
    assert "first defined on line 2" in d.diagnostics[0].message
    assert d.data["title"] == "c"


def test_duplicate_key_in_nested_mapping() -> None:
    d = doc("provider:\n  name: a\n  name: b\n")
    assert found(d) == [(4, 3, "SL002")]
    assert d.diagnostics[0].pointer == "/provider/name"


def test_syntax_error_at_parser_position() -> None:
    d = doc('title: "unclosed\ntype: x\n')
    assert [c for _, _, c in found(d)] == ["SL001"]
    assert d.data is None


def test_tab_indentation_is_a_syntax_error_at_the_tab() -> None:
    d = doc("provider:\n\tname: x\n")
    assert found(d) == [(3, 1, "SL001")]


def test_unsafe_tags_are_never_constructed() -> None:
    d = doc("a: !!python/object/apply:os.system ['touch /tmp/x']\nb: !custom v\nc: !!binary aGk=\n")
    # Jekyll ignores the first two tags (warnings) and decodes !!binary (noted for SL204)
    assert [(x.line, x.code, x.severity.value) for x in d.diagnostics] == [
        (2, "SL010", "warning"),
        (3, "SL010", "warning"),
    ]
    assert d.data == {"a": ["touch /tmp/x"], "b": "v", "c": "hi"}


def test_standard_tags_are_ignored_by_upstream_jekyll() -> None:
    d = doc("a: !!str 37\nb: !!int '5'\nc: !!float 1\n")
    assert d.data == {"a": 37, "b": 5, "c": 1}
    assert d.diagnostics == []
    assert d.yaml11["/a"] == ("37", "37", 37, "37")  # Debian's Jekyll keeps the tag
    assert d.yaml11["/c"] == ("1", 1.0, 1, 1.0)


def test_aliases_share_data_and_merge_keys_apply() -> None:
    d = doc("base: &b {name: n, domain: d.com}\nprovider:\n  <<: *b\n  name: own\n")
    assert d.data["provider"] == {"name": "own", "domain": "d.com"}
    assert d.diagnostics == []


def test_alias_bomb_is_bounded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    d = doc("\n".join(lines) + "\n", Limits(max_nodes=100_000))
    assert [c for _, _, c in found(d)] == ["SL009"]
    assert d.data is None


def test_too_many_aliases() -> None:
    d = doc("a: &a [1]\n" + "".join(f"k{i}: *a\n" for i in range(5)), Limits(max_aliases=3))
    assert found(d) == [(6, 1, "SL009")]


@pytest.mark.parametrize("style", ["block", "flow"])
def test_deep_nesting_is_a_diagnostic(style: str) -> None:
    depth = 5000
    if style == "flow":
        yaml = "a: " + "[" * depth + "]" * depth + "\n"
    else:
        yaml = "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "v\n"
    d = doc(yaml, Limits(max_depth=50))
    assert [c for _, _, c in found(d)] == ["SL009"]
    assert "max-depth" in d.diagnostics[0].message


def test_flow_nesting_far_beyond_the_c_stack_does_not_crash() -> None:
    d = doc("a: " + "[" * 200_000 + "\n")
    assert [c for _, _, c in found(d)] == ["SL009"]


def test_non_string_keys() -> None:
    d = doc("1: x\n? [a, b]\n: c\n")
    assert d.data == {"1": "x"}
    assert found(d) == [(2, 1, "SL015"), (3, 3, "SL011")]  # Jekyll reads the key 1 as a number


def test_top_level_not_a_mapping() -> None:
    d = doc("- a\n- b\n")
    assert found(d) == [(2, 1, "SL006")]


def test_empty_front_matter() -> None:
    d = doc("# only a comment\n")
    assert found(d) == [(1, 1, "SL005")]


def test_crlf_positions() -> None:
    text = "---\r\ntitle: x\r\ntitle: y\r\n---\r\n"
    d = parse(split(text, False, "x.md"), "x.md")
    assert found(d) == [(3, 1, "SL002")]


def test_parser_backend_is_c() -> None:
    from seedlint.parse import parser_backend

    assert parser_backend() in ("clib", "clibz")


def test_unclosed_quote_is_reported_where_the_quote_opens() -> None:
    d = doc('title: "abc\nexcerpt: "xyz"\ntype: article\n')
    assert found(d) == [(2, 8, "SL001")]
    assert "not closed on its line" in d.diagnostics[0].message


def test_unclosed_quote_on_the_last_value() -> None:
    d = doc('title: x\nsecured: "abc\n')
    assert found(d) == [(3, 10, "SL001")]
    assert "never closed" in d.diagnostics[0].message


def test_unclosed_bracket_is_reported_at_the_bracket() -> None:
    d = doc("title: x\ntopics: [a, b\ntype: article\n")
    assert found(d) == [(3, 9, "SL001")]
    assert "'[' that opens here is never closed" in d.diagnostics[0].message


def test_a_legitimate_multiline_flow_keeps_the_parser_position() -> None:
    d = doc('topics: [a,\n  "b" "c"]\n')
    assert [code for _, _, code in found(d)] == ["SL001"]
    assert "opens here" not in d.diagnostics[0].message


# Each read by the real Jekyll (SafeYAML and Psych alike): a U+FEFF inside a value is a
# character Jekyll keeps; one that starts a line before a key shifts that line, and Jekyll
# drops the fields after it.
@pytest.mark.parametrize(
    ("yaml", "value"),
    [
        ('{"a": "\ufeff", "b": 1}\n', "\ufeff"),  # JSON written as front matter
        ('a: "x\ufeffy"\nb: 1\n', "x\ufeffy"),
        ("a: 'x\ufeffy'\nb: 1\n", "x\ufeffy"),
        ("a: x\ufeffy\nb: 1\n", "x\ufeffy"),
        ("a: \ufeffx\nb: 1\n", "\ufeffx"),
    ],
)
def test_a_byte_order_mark_inside_a_value_is_a_character(yaml, value):
    d = doc(yaml)
    assert found(d) == []
    assert d.data == {"a": value, "b": 1}


def test_a_byte_order_mark_that_starts_a_line_drops_what_follows():
    d = doc("a: 1\n\ufeffb: 2\nc: 3\n")
    assert found(d)[0] == (3, 1, "SL001")
    assert "drops the fields after it" in d.diagnostics[0].message
