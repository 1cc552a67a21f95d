"""The related list: duplicate-related (SL207) and self-related (SL208)."""

from __future__ import annotations

from conftest import apply_fix, line_with, lint, of, where
from seedlint.rules.related import story_identity

RELATED = """---
webUrl: "https://example.com/story"
related:
  - title: "First"
    webUrl: "https://example.com/first"
    images:
      - url: "https://example.com/first.png"
        width: 50
        height: 50
  - title: "Second"  # a comment
    webUrl: "https://example.com/second"
  - title: "First again"
    webUrl: "https://EXAMPLE.com/first/"
    excerpt: |
      A block text

      ending here.
  - title: "Third"
    webUrl: "https://example.com/third"
---
body
"""


def test_a_repeated_story_is_reported_at_the_later_entry() -> None:
    found = of("SL207", lint(RELATED))
    assert where(found) == [(12, 3, "SL207")]
    assert found[0].severity.value == "warning"
    assert found[0].message == (
        "related[2] repeats the story of the entry on line 4 "
        "(example.com/first); remove one of them"
    )


def test_the_unsafe_fix_deletes_the_later_entry_whole() -> None:
    (found,) = of("SL207", lint(RELATED))
    assert found.fix is not None and not found.fix.safe
    fixed = apply_fix(RELATED, found)
    assert fixed == RELATED.replace(
        '  - title: "First again"\n    webUrl: "https://EXAMPLE.com/first/"\n'
        "    excerpt: |\n      A block text\n\n      ending here.\n",
        "",
    )
    assert of("SL207", lint(fixed)) == []


def test_the_last_entry_is_deleted_up_to_the_closing_line() -> None:
    text = RELATED.replace("https://example.com/third", "https://example.com/second")
    found = of("SL207", lint(text))[1]
    assert (found.line, found.column) == (18, 3)
    assert found.message.startswith("related[3] repeats the story of the entry on line 10 ")
    assert apply_fix(text, found).endswith(
        "    excerpt: |\n      A block text\n\n      ending here.\n---\nbody\n"
    )


def test_three_copies_are_two_diagnostics_naming_the_first(related_record: str) -> None:
    start = related_record.index("  - title: ")
    end = related_record.index("\nsecured:")
    entry = related_record[start:end].rstrip("\n") + "\n"
    text = related_record[:end].rstrip("\n") + "\n" + entry + entry + related_record[end:]
    found = of("SL207", lint(text))
    first = line_with(text, "  - title: ")
    assert [(d.line, d.column) for d in found] == [
        (line_with(text, "  - title: ", 2), 3),
        (line_with(text, "  - title: ", 3), 3),
    ]
    assert all(f"the entry on line {first} " in d.message for d in found)
    assert apply_fix(text, found[0]).count("  - title: ") == 2


def test_a_flow_list_is_reported_without_a_fix() -> None:
    text = '---\nrelated: [{webUrl: "https://a.example/x"}, {webUrl: "https://a.example/x"}]\n---\n'
    (found,) = of("SL207", lint(text))
    assert (found.line, found.fix) == (2, None)


def test_story_identity_ignores_scheme_host_case_slash_and_fragment() -> None:
    assert story_identity({"webUrl": "http://Example.com/a/?q=1#top"}) == "example.com/a?q=1"
    assert (
        story_identity({"originalUrl": "https://youtube.com/watch?v=x"}) == "youtube.com/watch?v=x"
    )
    assert story_identity({"webUrl": "https://example.com/a?q=1"}) != story_identity(
        {"webUrl": "https://example.com/a?q=2"}
    )
    assert story_identity({"title": "no URL"}) is None


def test_a_related_entry_that_is_the_record_itself(related_record: str) -> None:
    own = "https://www.rt.com/news/481441-eu-facial-recognition-database-surveillance/"
    text = related_record.replace(
        'webUrl: "https://www.cleveland.com/open/2020/02/ohios-controverisal-facial-recognition-'
        'database-to-get-214-million-update-ag-dave-yost-says.html"',
        f'webUrl: "{own}"',
    )
    found = of("SL208", lint(text))
    assert where(found) == [(line_with(text, f'    webUrl: "{own}"'), 13, "SL208")]
    assert found[0].message == (
        "related[0] is this record itself (its URL is the record's webUrl on line 6); remove it"
    )


def test_real_related_lists_are_clean(related_record: str) -> None:
    assert [d for d in lint(related_record) if d.code in ("SL207", "SL208")] == []
