"""Rules about single values: secured-format (SL203), yaml11-value (SL204) and
title-whitespace (SL212), at the top level and inside ``related``."""

from __future__ import annotations

import pytest

from conftest import apply_fix, errors, line_with, lint, of, where
from seedlint.rules.secured import secured_problem

IV = "3f4wCheQWPEHAqR0QB2Clw=="  # 16 bytes
BLOCK = "VjXTcMA2gyMWsaQDuN24xA=="  # 16 bytes


# --- SL203 secured-format ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (f"{BLOCK}{IV}", "it must be two base64 parts separated by one ';', found 1 part"),
        (f"{BLOCK};{IV};{IV}", "it must be two base64 parts separated by one ';', found 3 parts"),
        (f"{BLOCK[:-4]}!!A=;{IV}", "the ciphertext part has '!', which is not a base64 character"),
        (
            f"{BLOCK};{IV[:-1]}",
            "the IV part is 23 characters long with wrong '=' padding; "
            "base64 comes in groups of 4 characters",
        ),
        (
            f"VjXTcMA2gyMWsaQDuN24;{IV}",
            "the ciphertext (before ';') decodes to 15 bytes, not a "
            "non-empty multiple of 16; it was cut or altered",
        ),
        (
            f";{IV}",
            "the ciphertext (before ';') decodes to 0 bytes, not a non-empty multiple of 16; "
            "it was cut or altered",
        ),
        (
            f"{BLOCK};3f4wCheQWPEHAqR0",
            "the IV (after ';') decodes to 12 bytes instead of 16; it was cut or altered",
        ),
        (
            f"{BLOCK} ;{IV}",
            "it contains white space (a line break inside the value?); base64 has none",
        ),
    ],
)
def test_secured_problems(value: str, problem: str) -> None:
    assert secured_problem(value) == problem


def test_real_secured_values_pass(small_record: str, related_record: str) -> None:
    for text in (small_record, related_record):
        assert of("SL203", lint(text)) == []


def test_a_cut_secured_value_is_an_error_on_its_line(small_record: str) -> None:
    text = small_record.replace(";FuppfTT0+p4X5jX5fJDwAQ==", ";FuppfTT0+p4X5jX5fJDw")
    found = of("SL203", lint(text))
    assert where(found) == [(line_with(text, "secured:"), 10, "SL203")]
    assert found[0].severity.value == "error"
    assert found[0].message == (
        "secured is not base64;base64: the IV (after ';') decodes to 15 "
        "bytes instead of 16; it was cut or altered"
    )


def test_secured_folded_over_two_lines() -> None:
    text = f"---\nsecured: {BLOCK}\n  ;{IV}\n---\n"
    found = of("SL203", lint(text))
    assert where(found) == [(2, 10, "SL203")]
    assert "white space" in found[0].message


# --- SL204 yaml11-value ------------------------------------------------------------------


def test_yes_where_the_schema_wants_a_boolean(small_record: str) -> None:
    text = small_record.replace("published: false", "published: yes")
    found = lint(text)
    assert where(of("SL204", found)) == [(line_with(text, "published:"), 12, "SL204")]
    assert of("SL103", found) == []  # the schema error is replaced, not repeated
    (diagnostic,) = of("SL204", found)
    assert diagnostic.severity.value == "error"
    assert diagnostic.message == (
        "published: yes is the text 'yes' in YAML 1.2 but Jekyll "
        "(YAML 1.1) reads it as true; write true"
    )
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert apply_fix(text, diagnostic) == small_record.replace(
        "published: false", "published: true"
    )


@pytest.mark.parametrize(
    ("written", "literal"), [("Off", "false"), ("N", "false"), ("ON", "true"), ("y", "true")]
)
def test_every_yaml11_boolean_spelling(small_record: str, written: str, literal: str) -> None:
    text = small_record.replace("published: false", f"published: {written}")
    (found,) = of("SL204", lint(text))
    assert found.message.endswith(f"reads it as {literal}; write {literal}")
    assert "published: " + literal in apply_fix(text, found)


def test_sexagesimal_where_the_schema_wants_an_integer(small_record: str) -> None:
    text = small_record.replace("quality: 37", "quality: 1:20")
    (found,) = of("SL204", lint(text))
    assert (found.line, found.column, found.severity.value) == (8, 10, "error")
    assert found.message == (
        "quality: 1:20 is the text '1:20' in YAML 1.2 but Jekyll (YAML 1.1) "
        "reads it as the number 80; write 80"
    )
    assert "quality: 80\n" in apply_fix(text, found)
    assert of("SL103", lint(text)) == []


def test_yes_where_the_schema_wants_text_is_a_warning(small_record: str) -> None:
    text = small_record.replace("type: article", "type: yes")
    (found,) = of("SL204", lint(text))
    assert (found.line, found.column, found.severity.value) == (
        line_with(text, "type:"),
        7,
        "warning",
    )
    assert found.message == (
        "type: yes is the text 'yes' in YAML 1.2 but Jekyll (YAML 1.1) reads it as true; "
        "write 'yes' so that Jekyll reads the text 'yes' too"
    )
    assert found.fix is not None and not found.fix.safe
    assert "type: 'yes'\n" in apply_fix(text, found)


def test_leading_zero_octal_where_both_readings_are_integers(small_record: str) -> None:
    text = small_record.replace("heat: 37", "heat: 010")
    (found,) = of("SL204", lint(text))
    assert found.severity.value == "warning" and found.fix is None
    assert found.message == (
        "heat: 010 is the number 10 in YAML 1.2 but Jekyll (YAML 1.1) "
        "reads it as the number 8; write 8 for the number 8 or 10 for the "
        "number 10"
    )


def test_yaml11_value_inside_related(related_record: str) -> None:
    text = related_record.replace("    quality: 32", "    quality: 0b100000")
    (found,) = of("SL204", lint(text))
    assert where([found]) == [(line_with(text, "quality: 0b100000"), 14, "SL204")]
    assert found.message.startswith("related[0].quality: 0b100000 is the text '0b100000'")
    assert "    quality: 32\n" in apply_fix(text, found)
    assert errors(lint(apply_fix(text, found))) == []


def test_quoted_values_mean_the_same_in_both_versions(small_record: str) -> None:
    text = small_record.replace("type: article", "type: 'yes'")
    assert of("SL204", lint(text)) == []


# --- SL212 title-whitespace --------------------------------------------------------------


def test_trailing_space_in_a_title(small_record: str) -> None:
    text = small_record.replace('available"', 'available  "', 1)
    (found,) = of("SL212", lint(text))
    assert (found.line, found.column, found.severity.value) == (3, 8, "info")
    assert found.message == "title ends with white space; remove it"
    assert apply_fix(text, found) == small_record


def test_spaces_on_both_sides_of_a_related_title(related_record: str) -> None:
    text = related_record.replace('- title: "Ohio', '- title: "  Ohio').replace(
        'Yost says"', 'Yost says "'
    )
    assert of("SL212", lint(text)) == []  # a related title is left to SL218 (opt-in)
    (found,) = of("SL218", lint(text, extend_select=("SL218",)))
    assert (found.line, found.column) == (line_with(text, '"  Ohio'), 12)
    assert found.message == "related[0].title starts and ends with white space; remove it"
    assert found.fix is not None and not found.fix.safe
    assert apply_fix(text, found) == related_record


def test_single_quoted_title_keeps_its_quotes() -> None:
    text = "---\nimages:\n  - url: https://example.com/a.png\n    title: ' It''s here'\n---\n"
    (found,) = of("SL212", lint(text))
    assert found.message == "images[0].title starts with white space; remove it"
    assert apply_fix(text, found) == text.replace("' It''s", "'It''s")


def test_an_escaped_space_is_reported_without_a_fix() -> None:
    text = '---\ntitle: "Azure\\t"\n---\n'
    (found,) = of("SL212", lint(text))
    assert found.fix is None
