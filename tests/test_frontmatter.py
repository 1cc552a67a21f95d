"""Front-matter delimiters, BOM, CRLF and decoding problems, with exact positions."""

from __future__ import annotations

import pytest

from seedlint.frontmatter import DecodeProblem, decode, split


def front(text: str):
    return split(text, False, "x.md")


def problem(data: bytes) -> tuple[int, int, str, str]:
    with pytest.raises(DecodeProblem) as caught:
        text, bom = decode(data, "x.md")
        split(text, bom, "x.md")
    d = caught.value.diagnostic
    return d.line, d.column, d.code, d.message


def test_yaml_and_body_offsets() -> None:
    fm = front("---\na: 1\n---\nbody\n")
    assert fm.yaml == "a: 1\n"
    assert fm.text[fm.body_start :] == "body\n"


def test_crlf_and_dots_closing() -> None:
    fm = front("---\r\na: 1\r\n...\r\nbody")
    assert fm.yaml == "a: 1\r\n"
    assert fm.text[fm.body_start :] == "body"
    assert fm.newline == "\r\n"


def test_trailing_blanks_on_delimiters_are_allowed() -> None:
    fm = front("---  \na: 1\n--- \n")
    assert fm.yaml == "a: 1\n"


def test_bom_is_stripped_and_remembered() -> None:
    text, bom = decode(b"\xef\xbb\xbf---\na: 1\n---\n", "x.md")
    assert bom and text.startswith("---")


def test_no_front_matter() -> None:
    assert problem(b"title: x\n")[:3] == (1, 1, "SL003")


def test_indented_opening_delimiter() -> None:
    line, column, code, message = problem(b" ---\na: 1\n---\n")
    assert (line, column, code) == (1, 1, "SL003")
    assert "first column" in message


def test_unclosed_front_matter_points_where_the_delimiter_belongs() -> None:
    line, _, code, message = problem(b"---\na: 1\nb:\n  - x\n\n")
    assert (line, code) == (5, "SL004")
    assert "line 5" in message


def test_unclosed_front_matter_before_a_body() -> None:
    line, _, code, _ = problem(b"---\na: 1\nb: 2\nThis is the body of the post.\n")
    assert (line, code) == (4, "SL004")


def test_invalid_utf8_position() -> None:
    line, column, code, message = problem(b"---\ntitle: caf" + b"\xe9 au lait\n---\n")
    assert (line, column, code) == (2, 11, "SL007")
    assert "0xE9" in message and "Windows-1252" in message


def test_utf16_with_bom() -> None:
    assert problem("---\na: 1\n---\n".encode("utf-16"))[2] == "SL007"


def test_utf16_without_bom() -> None:
    assert problem("---\na: 1\n---\n".encode("utf-16-le"))[2] == "SL008"


def test_binary_file() -> None:
    line, column, code, _ = problem(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert (line, column, code) == (3, 1, "SL008")
