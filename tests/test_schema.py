"""Schema errors at exact positions, with contributor-readable messages (news schema)."""

from __future__ import annotations

import pytest

from conftest import errors, lint, where


def replace_line(text: str, number: int, new: str | None) -> str:
    """Replace (or with ``None`` delete) the 1-based line ``number``."""
    lines = text.split("\n")
    assert lines[number - 1] is not None
    if new is None:
        del lines[number - 1]
    else:
        lines[number - 1] = new
    return "\n".join(lines)


def single_error(text: str) -> tuple[int, int, str, str, str]:
    found = errors(lint(text))
    assert len(found) == 1, found
    d = found[0]
    return d.line, d.column, d.code, d.pointer, d.message


def test_real_record_is_clean(small_record: str) -> None:
    assert lint(small_record) == []


def test_missing_top_level_key_at_first_line_of_mapping(small_record: str) -> None:
    text = replace_line(small_record, 7, None)  # type: article
    line, column, code, pointer, message = single_error(text)
    assert (line, column, code, pointer) == (2, 1, "SL101", "/type")
    assert message.startswith("missing required field 'type'")


def test_missing_nested_key(small_record: str) -> None:
    text = replace_line(small_record, 13, None)  # provider.name
    line, column, code, pointer, message = single_error(text)
    assert (line, column, code, pointer) == (13, 3, "SL101", "/provider/name")
    assert message.startswith("provider: missing required field 'name'")


def test_missing_key_in_list_item_at_its_dash(small_record: str) -> None:
    text = replace_line(small_record, 17, None)  # provider.images[0].width
    line, column, code, pointer, message = single_error(text)
    assert (line, column, code, pointer) == (16, 5, "SL101", "/provider/images/0/width")
    assert message.startswith("provider.images[0]: missing required field 'width'")


def test_typo_is_one_error_at_the_key_with_a_suggestion(small_record: str) -> None:
    text = replace_line(small_record, 7, "typ: article")
    line, column, code, pointer, message = single_error(text)
    assert (line, column, code, pointer) == (7, 1, "SL102", "/typ")
    assert "did you mean 'type'?" in message


def test_unknown_key(small_record: str) -> None:
    text = replace_line(small_record, 11, "author: me")
    assert single_error(text)[:4] == (11, 1, "SL102", "/author")


@pytest.mark.parametrize(
    ("line", "new", "expected"),
    [
        (8, 'quality: "37"', (8, 10, "SL103", "/quality")),
        (8, "quality: 3.5", (8, 10, "SL103", "/quality")),
        (10, 'published: "false"', (10, 12, "SL103", "/published")),
        (17, '      width: "50"', (17, 14, "SL103", "/provider/images/0/width")),
        (27, "    isCached: 1", (27, 15, "SL103", "/images/0/isCached")),
    ],
)
def test_wrong_types(small_record: str, line: int, new: str, expected: tuple[object, ...]) -> None:
    assert single_error(replace_line(small_record, line, new))[:4] == expected


def test_wrong_type_message(small_record: str) -> None:
    message = single_error(replace_line(small_record, 8, 'quality: "37"'))[4]
    assert message == (
        "quality: expected a whole number, found the text '37'; "
        "remove the quotes to make it a number"
    )


def test_wrong_type_for_a_whole_mapping_at_its_start(small_record: str) -> None:
    text = small_record.replace("images:\n  - url", "images:\n    url")
    found = errors(lint(text))
    assert where(found) == [(24, 5, "SL103")]
    assert found[0].message == "images: expected a list, found a mapping"


@pytest.mark.parametrize(
    ("line", "new", "expected"),
    [
        (6, 'webUrl: "htps:/a.b"', (6, 9, "SL104", "/webUrl")),
        (6, 'webUrl: "https://my site.org/a"', (6, 9, "SL104", "/webUrl")),
        (6, "webUrl: azure.microsoft.com/en-us/updates/", (6, 9, "SL104", "/webUrl")),
        (5, "publishedDateTime: 2022-04-31T08:00:00Z", (5, 20, "SL104", "/publishedDateTime")),
        (5, "publishedDateTime: 2020-04-13", (5, 20, "SL104", "/publishedDateTime")),
        (14, "  domain: https://microsoft.com", (14, 11, "SL104", "/provider/domain")),
        (16, '    - url: "ftp://x.org/a.jpg"', (16, 12, "SL104", "/provider/images/0/url")),
    ],
)
def test_bad_formats(small_record: str, line: int, new: str, expected: tuple[object, ...]) -> None:
    assert single_error(replace_line(small_record, line, new))[:4] == expected


def test_url_message(small_record: str) -> None:
    message = single_error(replace_line(small_record, 6, 'webUrl: "htps:/a.b"'))[4]
    assert message == "webUrl: 'htps:/a.b' is not an absolute http(s) URL"


def test_urls_with_spaces_in_the_path_are_valid(small_record: str) -> None:
    text = replace_line(
        small_record, 24, '  - url: "https://azurecomcdn.azureedge.net/media handler/a.jpg "'
    )
    assert errors(lint(text)) == []


@pytest.mark.parametrize(
    ("line", "new", "expected"),
    [
        (25, "    width: 0", (25, 12, "SL105", "/images/0/width")),
        (26, "    height: -3", (26, 13, "SL105", "/images/0/height")),
        (3, 'title: ""', (3, 8, "SL106", "/title")),
        (13, '  name: ""', (13, 9, "SL106", "/provider/name")),
    ],
)
def test_ranges_and_lengths(
    small_record: str, line: int, new: str, expected: tuple[object, ...]
) -> None:
    assert single_error(replace_line(small_record, line, new))[:4] == expected


def test_duplicate_topic_at_the_repeated_item(small_record: str) -> None:
    text = replace_line(small_record, 21, "  - Azure\n  - AI\n  - Azure")
    line, column, code, pointer, message = single_error(text)
    assert (line, column, code, pointer) == (23, 3, "SL107", "/topics/2")
    assert message == "topics[2]: 'Azure' is already listed on line 21"


def test_empty_topics(small_record: str) -> None:
    text = replace_line(replace_line(small_record, 21, None), 20, "topics: []")
    assert single_error(text)[:4] == (20, 9, "SL107", "/topics")


def test_empty_value_points_at_its_key(small_record: str) -> None:
    text = replace_line(small_record, 7, "type:")
    line, column, code, _, message = single_error(text)
    assert (line, column, code) == (7, 1, "SL103")
    assert message == "type: expected text, found an empty value"


def test_all_errors_reported_in_order(small_record: str) -> None:
    text = replace_line(small_record, 8, 'quality: "37"')
    text = replace_line(text, 25, "    width: 0")
    text = replace_line(text, 6, 'webUrl: "htps:/a.b"')
    assert where(errors(lint(text))) == [(6, 9, "SL104"), (8, 10, "SL103"), (25, 12, "SL105")]


# --- related entries (nested) ------------------------------------------------------------


def test_related_nested_errors(related_record: str) -> None:
    lines = related_record.split("\n")
    assert lines[41].strip() == "width: 960"
    lines[41] = '        width: "960"'
    assert lines[35].strip() == "provider:"
    del lines[36]  # related[0].provider.name
    found = errors(lint("\n".join(lines), path="_news/2020-02-22-x.md"))
    assert [(d.line, d.column, d.code, d.pointer) for d in found] == [
        (37, 7, "SL101", "/related/0/provider/name"),
        (41, 16, "SL103", "/related/0/images/0/width"),
    ]
    assert found[0].message.startswith("related[0].provider: missing required field 'name'")


def test_related_missing_key_at_dash(related_record: str) -> None:
    lines = related_record.split("\n")
    assert lines[34].strip() == "type: article"
    del lines[34]
    found = errors(lint("\n".join(lines), path="_news/2020-02-22-x.md"))
    assert [(d.line, d.column, d.code, d.pointer) for d in found] == [
        (29, 3, "SL101", "/related/0/type")
    ]


def test_related_bad_url_message(related_record: str) -> None:
    lines = related_record.split("\n")
    assert lines[31].strip().startswith("webUrl:")
    lines[31] = '    webUrl: "htps:/a.b"'
    found = errors(lint("\n".join(lines), path="_news/2020-02-22-x.md"))
    assert [(d.line, d.column, d.code) for d in found] == [(32, 13, "SL104")]
    assert found[0].message == "related[0].webUrl: 'htps:/a.b' is not an absolute http(s) URL"
