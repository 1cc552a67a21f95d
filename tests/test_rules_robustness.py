"""Every semantic rule on records of unexpected shapes: diagnostics from the schema, never
an internal error (SL000) from a rule."""

from __future__ import annotations

import pytest

from conftest import lint, of
from seedlint.config import Limits

SHAPES = {
    "scalars-where-mappings-are": "provider: microsoft.com\nrelated: none\nimages: logo.png\n",
    "lists-of-scalars": "related: [a, 1, null]\nimages: [1, [2]]\ntopics: [yes, 0o17]\n",
    "wrong-scalar-types": (
        "webUrl: 42\nampWebUrl: true\ncdnAmpWebUrl: [x]\nsecured: 12\n"
        "publishedDateTime: 2020-01-01\ntitle: [' a ']\n"
    ),
    "nulls-everywhere": (
        "webUrl:\nprovider:\n  domain:\nrelated:\n  -\n  - webUrl:\nimages:\n  - url:\n    width:\n"
    ),
    "keys-with-slashes-and-tildes": (
        '"a/b": {"c~d": " x "}\n"url/x": "http://a b"\n"title/": "2020-01-01 10:00:00Z"\n'
    ),
    "anchors-and-merges": (
        "base: &base {webUrl: 'http://x.example/a', title: ' t '}\n"
        "related:\n  - <<: *base\n  - <<: *base\n  - *base\n"
    ),
    "flow-record": (
        "{webUrl: 'https://a.example/', provider: {domain: b.example}, "
        "related: [{webUrl: 'https://a.example'}]}\n"
    ),
    "odd-urls": (
        "webUrl: 'https://[::1/a'\nampWebUrl: 'https://'\ncdnAmpWebUrl: 'https://x'\n"
        "provider: {domain: '..'}\noriginalUrl: 'http://'\n"
    ),
    "huge-numbers": (
        "images:\n  - url: /a.png\n    width: 1e400\n    height: 99999999999999999999999\n"
    ),
    "idn-without-punycode": "ampWebUrl: 'https://xn--.example/a'\ncdnAmpWebUrl: 'https://x'\n",
}


@pytest.mark.parametrize("body", SHAPES.values(), ids=SHAPES.keys())
def test_no_rule_fails_on_odd_shapes(body: str) -> None:
    found = lint(f"---\n{body}---\n", path="_news/2020-01-01-x.md")
    assert [d.message for d in found if d.code == "SL000"] == []


def test_rules_walk_a_record_deeper_than_pythons_recursion_limit() -> None:
    depth = 1500
    body = "x: " + "[" * depth + "{webUrl: 'http://example.com/a'}" + "]" * depth + "\n"
    found = lint(f"---\n{body}---\n", limits=Limits(max_depth=2000))
    assert of("SL000", found) == []
    assert [(d.line, d.column) for d in of("SL205", found)] == [(2, depth + 13)]


def test_a_format_checked_field_holding_a_list() -> None:
    # format checks get every value; a list cannot key their cache of verdicts
    found = lint("---\nprovider: {name: a, domain: [a.example]}\n---\n")
    assert [d.message for d in found if d.line == 2 and d.code != "SL101"] == [
        "provider.domain: expected text, found a list"
    ]
