"""The cases that tools/jekyll/regenerate.py runs through the real Jekyll.

A scalar form is the text written after `key: ` (or after `- ` in a list); a form with more than
one line gives its further lines without indentation, and each field kind indents them.
A document case is a whole file, byte for byte.
"""

from __future__ import annotations

from typing import NamedTuple


class FieldKind(NamedTuple):
    kind: str
    field: str


FIELD_KINDS = [
    FieldKind("boolean", "published"),
    FieldKind("integer", "quality"),
    FieldKind("text", "title"),
    FieldKind("date-time", "publishedDateTime"),
    FieldKind("list item", "topics"),
]


def field_yaml(kind: FieldKind, form: str) -> str:
    """The front-matter lines that write `form` in a field of this kind."""
    first, *rest = form.split("\n")
    if kind.kind == "list item":
        head, indent = f"{kind.field}:\n  - {first}", "    "
    else:
        head, indent = f"{kind.field}: {first}", "  "
    lines = [head.rstrip(" ")] + [indent + line if line else "" for line in rest]
    return "\n".join(lines) + "\n"


def _cases(word: str) -> list[str]:
    """A word in lower case, Capitalised, UPPER case and two mixed cases."""
    mixed = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(word))
    mixed2 = "".join(c.lower() if i % 2 else c.upper() for i, c in enumerate(word))
    return list(dict.fromkeys([word, word.capitalize(), word.upper(), mixed, mixed2]))


_WORDS = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]


def _every_case(word: str) -> list[str]:
    """Every spelling of a word in upper and lower case letters (2 ** letters of them)."""
    spellings = [""]
    for char in word:
        spellings = [s + c for s in spellings for c in dict.fromkeys([char.lower(), char.upper()])]
    return spellings


# Every case spelling: SafeYAML and Psych each match these in their own way
EVERY_CASE = [
    form for word in _WORDS + [".inf", "-.inf", "+.inf", ".nan"] for form in _every_case(word)
]

BOOL_AND_NULL = [form for word in _WORDS for form in _cases(word)] + [
    "~",
    "",
    "''",
    '""',
    "yes please",
    "True.",
    "truee",
    "nil",
    "None",
    "NO!",
    "+",
    "-",
]

INTEGERS = [
    "0",
    "00",
    "000",
    "1",
    "-1",
    "+1",
    "-0",
    "+0",
    "7",
    "010",
    "0010",
    "08",
    "09",
    "019",
    "0o10",
    "0O10",
    "0o8",
    "-010",
    "+010",
    "-08",
    "0_10",
    "00_8",
    "0_8",
    "1_000",
    "1__0",
    "1_",
    "_1",
    "1,000",
    "1,0,0",
    ",1",
    "1,",
    "1,000,000",
    "-1,000",
    "0x1F",
    "0X1F",
    "0x1f",
    "0x_1F",
    "-0x1F",
    "+0x1F",
    "0x",
    "0x1G",
    "0b101",
    "0B101",
    "-0b101",
    "0b102",
    "0b1_0",
    "12345678901234567890",
    "-9223372036854775809",
    "1 000",
    "١٢",
    "１２",
]

FLOATS = [
    "1.5",
    "-1.5",
    "+1.5",
    "0.0",
    "-0.0",
    "1.",
    "1.0",
    ".5",
    "-.5",
    "+.5",
    "00.5",
    "08.5",
    "1_0.5",
    "1.5_0",
    "1_000.5",
    "1,000.5",
    ".",
    "1e3",
    "1E3",
    "1e+3",
    "1e-3",
    "-1e3",
    "1.5e3",
    "1.0e+3",
    "1.0e3",
    "1.0E-3",
    "1.e3",
    ".5e3",
    "1.5e+03",
    "6.8523015e+5",
    "685.230_15e+03",
    "1.2.3",
    ".inf",
    ".Inf",
    ".INF",
    "-.inf",
    "-.Inf",
    "+.inf",
    ".iNf",
    ".NaN",
    ".nan",
    ".NAN",
    ".nAn",
    "inf",
    "nan",
    "Infinity",
    "-Infinity",
    "NaN",
]

SEXAGESIMAL = [
    "1:20",
    "-1:20",
    "+1:20",
    "1:20:30",
    "1:20.5",
    "-1:20.5",
    "1:20:30.5",
    "190:20:30",
    "1:60",
    "1:2",
    "01:20",
    "0:0",
    "12:30",
    "12:30:45",
    "1_0:20",
    "1:20:30:40",
    "1:",
    ":20",
]

DATES = [
    "2020-02-22",
    "2020-2-22",
    "2020-02-2",
    "2020-2-2",
    "20-02-22",
    "02020-02-22",
    "2020-13-01",
    "2020-02-30",
    "2020-00-10",
    "0000-01-01",
    "2020-02-22T10:00:00Z",
    "2020-02-22T10:00:00z",
    "2020-02-22t10:00:00Z",
    "2020-02-22t10:00:00z",
    "2020-02-22 10:00:00",
    "2020-02-22 10:00:00Z",
    "2020-02-22 10:00:00 Z",
    "2020-02-22  10:00:00Z",
    "2020-02-22\t10:00:00Z",
    "2020-02-22T10:00:00",
    "2020-02-22T10:00:00+00:00",
    "2020-02-22T10:00:00-00:00",
    "2020-02-22T10:00:00+01:00",
    "2020-02-22T10:00:00+01",
    "2020-02-22T10:00:00+0100",
    "2020-02-22T10:00:00+1",
    "2020-02-22T10:00:00-05:30",
    "2020-02-22T10:00:00 +01:00",
    "2020-02-22T10:00:00 -5",
    "2020-02-22T10:00:00+14:00",
    "2020-02-22T10:00:00+25:00",
    "2020-02-22T10:00:00-24:00",
    "1990-12-31T15:59:59-24:00",
    "2020-02-22T10:00:00+10:60",
    "2020-02-22T10:00:00+10:99",
    "2020-02-22T10:00:00.5Z",
    "2020-02-22T10:00:00.123456Z",
    "2020-02-22T10:00:00.123456789Z",
    "2020-02-22T10:00:00.1234567891Z",
    "2020-02-22T10:00:00.Z",
    "2020-02-22T10:00:00,5Z",
    "2020-02-22T10:00Z",
    "2020-02-22T1:00:00Z",
    "2020-02-22T10:0:0Z",
    "2020-02-22T24:00:00Z",
    "2020-02-22T23:60:00Z",
    "2020-02-22T23:59:60Z",
    "2020-02-30T10:00:00Z",
    "9999-12-31T23:59:59Z",
    "2020-02-22T10:00:00ZZ",
    "2020-02-22T10:00:00 UTC",
    "2020-02-22T10:00:00+01:00:00",
    "2020-W08",
    "20200222",
    "20200222T100000Z",
    "10:00:00",
]

SYMBOLS_AND_COLONS = [
    ":foo",
    ":sym:",
    ":Foo",
    ":foo bar",
    ":1",
    ":",
    "::foo",
    ':"foo"',
    ":'foo'",
    ":foo:bar",
    ":-)",
    "foo:",
    "a:b",
    "a: b",
    "a :b",
    "http://example.com/x",
    "Re: hello",
]

STRINGS = [
    "hello",
    "hello world",
    "  spaced",
    "trailing   ",
    "a #b",
    "a#b",
    "a # b",
    "#a",
    "it's",
    'say "hi"',
    "'it''s'",
    '"\\x41"',
    '"\\u00e9"',
    '"\\t"',
    '"a\\nb"',
    '"\\/"',
    '"\\_"',
    '"\\N"',
    "é",
    "日本語",
    "😀",
    "\u00a0x",
    "x\u2028y",
    "---",
    "...",
    "- a",
    "=",
    "<<",
    "!",
    "! 1",
    "!yes",
    "@foo",
    "`x",
    "%x",
    "|x",
    ">x",
    "?",
    "? x",
    "&a x",
    "&a 010",
    "*a",
    "&a [1]",
    "first\nsecond",
    "first\n\nsecond",
    "1\n2",
    "yes\nno",
    "null\nx",
]

FLOW = [
    "[a, b]",
    "[]",
    "{}",
    "{a: 1}",
    "[1, 2]",
    "[yes, 010]",
    "[a",
    "{a",
    "a, b",
    "a]",
    "[a, [b]]",
    "{a: [b]}",
    "[:foo]",
    "{:a: 1}",
]

TAGS = [
    "!!str 1",
    "!!str yes",
    "!!str 010",
    "!!str 2020-02-22",
    "!!str ~",
    "!!str :foo",
    "!!str",
    '!!str "1"',
    "!!int 010",
    "!!int 08",
    "!!int 0x1F",
    "!!int 1.5",
    '!!int "10"',
    "!!int abc",
    "!!int 1_000",
    "!!int 1:20",
    "!!float 1",
    "!!float 1.5",
    "!!float abc",
    "!!float 1e3",
    "!!bool yes",
    "!!bool y",
    "!!bool true",
    "!!bool 1",
    '!!bool "yes"',
    "!!null x",
    "!!null ~",
    "!!null ''",
    "!!timestamp 2020-02-22",
    "!!timestamp 2020-02-22T10:00:00Z",
    "!!timestamp x",
    "!!binary aGVsbG8=",
    "!!binary /w==",
    "!!binary ???",
    "!!set {a, b}",
    "!!set {}",
    "!!omap [a: 1]",
    "!!pairs [a: 1]",
    "!!seq [a]",
    "!!map {a: 1}",
    "!!seq a",
    "!!map a",
    "!custom x",
    "!custom 1",
    "!custom yes",
    "!custom [a]",
    "!custom {a: 1}",
    "! x",
    "! 010",
    "!ruby/symbol foo",
    "!ruby/sym foo",
    "!ruby/object:Foo {}",
    "!ruby/object:Set {}",
    "!ruby/regexp /a/",
    "!ruby/range 1..2",
    "!ruby/string x",
    "!ruby/string:Foo x",
    "!ruby/hash {a: 1}",
    "!ruby/array [a]",
    "!ruby/class String",
    "!ruby/struct:Foo {a: 1}",
    "!ruby/exception x",
    "!<tag:yaml.org,2002:str> 1",
    "!<tag:yaml.org,2002:int> 010",
    "!<!foo> x",
    "!!python/str x",
    "!!merge x",
    "!!value x",
    "!!yaml x",
    "!!foo x",
    "!e!foo x",
]

QUOTED = [
    '"08"',
    "'08'",
    '"yes"',
    "'yes'",
    '"1e3"',
    '"2020-02-22"',
    "'2020-02-22T10:00:00Z'",
    '"true"',
    '":foo"',
    "':foo'",
    '"~"',
    '"null"',
    '"a\nb"',
    "'a\n\nb'",
    '"unterminated',
    "'a'b'",
]

BLOCKS = [
    "|\nline one\nline two",
    ">\nline one\nline two",
    "|-\nx",
    "|+\nx\n",
    ">-\nfolded\ntext",
    "|\nyes",
    ">\n010",
    "|\n  indented\nless",
    "|2\n   x",
    "|\n",
    ">\n",
    "|x\nbad",
]

# Text a contributor writes in a title or a topic, and what the YAML 1.1 resolvers make of it
REAL_TEXT = [
    "Azure: new feature",
    "Azure - new feature",
    "C# tips",
    "100% done",
    "#1 tip",
    "[Preview] Azure",
    "[Preview] Azure [x]",
    "{braces} text",
    "*bold* text",
    "&amp; more",
    "!important note",
    "%20 encoded",
    "a - b",
    "key=value",
    "a, b, c",
    "https://example.com/a?b=c#frag",
    "2020-02-22 update",
    "v1.2.3",
    "1.2.3",
    "3.14",
    "1/2",
    "1e",
    "e3",
    "5 stars",
    "1st",
    "Q1 2020",
    "$100",
    "~/path",
    "~foo",
    "foo~",
    "true story",
    "No. 5",
    "n/a",
    "N/A",
    "--",
    "\u2014",
    "\u2026",
    "&",
    "*",
    "|",
    ">",
    "%",
    "a: b: c",
    "a:b:c",
    "12:30 PM",
    "9:00",
    "09:00",
    "00:00",
    "24:00",
    "12:60",
    "yes # note",
    "true #",
    "on #x",
    "yes!",
    "y.",
    "Yes.",
    "' '",
    '" "',
    "'#x'",
    '"#x"',
]

MORE_NUMBERS = [
    "0.",
    "-0x0",
    "0x0",
    "0b0",
    "0b",
    "0_",
    "1_000_000",
    "1,000_000",
    "-1_0",
    "+1_0",
    ".1_0",
    "0.0e+0",
    "-0.0e+00",
    "1.0e+1000",
    "1.7976931348623157e+308",
    "4.9e-324",
    "4.9E-324",
    "123456789012345678901234567890.5",
    "9" * 40,
    "0x" + "F" * 20,
    "0" * 5 + "7",
    "07",
    "0777",
    "0778",
    "-0777",
    "1_2_3",
    "1_2.3_4",
    "1.2e+3_0",
    "1_0e+3",
    "1.5e+3",
    "-1.5e+3",
    "+1.5e+3",
    "1.5e-3",
    "1.5E+3",
    "1.5e3 ",
    "1:20e3",
    "-0:30",
    "1:-20",
    "60:00",
    "1:00:00",
    "0:00:01.5",
]

MORE_DATES = [
    "2020-02-22T10:00:00.000Z",
    "2020-02-22T10:00:00.000+00:00",
    "2020-02-22T10:00:00.5-05:00",
    "2020-1-1T1:1:1Z",
    "2020-02-22 10:00:00.5 +01",
    "2020-02-22T10:00:00 Z",
    "2020-02-22T10:00:00+5:30",
    "2020-02-22T10:00:00+05:3",
    "2020-02-22T10:00:00-00",
    "2020-02-22 10:00",
    "2020-02-22T10",
    "1999-12-31T23:59:59.999999999Z",
    "2020-02-29",
    "2019-02-29",
    "1900-02-29",
    "2000-02-29",
    "2019-02-29T10:00:00Z",
    "2020-04-31T10:00:00Z",
    "2020-02-22T10:00:00.+01:00",
    "12020-02-22",
    "2020-02-22T10:00:00Z # comment",
    "'2020-02-22'",
    "2020-02-22T10:00:00+24:00",
    "2020-02-22T10:00:00+23:59",
    "2020-02-22T10:00:00-12:00",
    "2020-02-22T10:00:00+00:60",
    "2020-02-22T10:00:00-10:60",
    "1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z",
    "2020-02-22T10:00:00.1Z",
    "2020-02-22T10:00:00.999999999999Z",
]

MORE_TAGS_AND_QUOTES = [
    "!!bool YES",
    "!!bool on",
    "!!bool off",
    "!!bool Y",
    "!!bool n",
    "!!bool 0",
    "!!bool false",
    "!!bool ~",
    '!!int "010"',
    "!!int '08'",
    "!!float '1.5'",
    "!!str '010'",
    "!!bool 'yes'",
    '!custom "x"',
    "!!null 'null'",
    "!!str [a]",
    "!!str {a: 1}",
    "!!int [1]",
    "&a yes",
    "&a ~",
    "&a",
    "&a !!str 1",
    "!!str &a 1",
    "'It''s 08'",
    '"\\0"',
    '"\\e"',
    '"\\a"',
    '"\\x85"',
    '"\\u2028"',
    '"\\U0001F600"',
    '"\\ud800"',
    '"\\q"',
    "\nkey: v",
    "\n- a\n- b",
    "\n  - a",
    "|-\nline\n\n",
    "|\n#not a comment",
    ">\n  more\nless",
    "a\n# comment\nb",
]

SCALAR_FORMS: list[str] = list(
    dict.fromkeys(
        BOOL_AND_NULL
        + INTEGERS
        + FLOATS
        + SEXAGESIMAL
        + DATES
        + SYMBOLS_AND_COLONS
        + STRINGS
        + FLOW
        + TAGS
        + QUOTED
        + BLOCKS
        + REAL_TEXT
        + MORE_NUMBERS
        + MORE_DATES
        + MORE_TAGS_AND_QUOTES
        + EVERY_CASE
    )
)


class DocumentCase(NamedTuple):
    id: str
    description: str
    text: str
    place: str = "news"  # a `_news` collection document, a `post` (in _posts) or a `page`


_FM = "published: true\nquality: 7\n"
_BODY = "Body text.\n"


def _doc(id: str, description: str, text: str) -> DocumentCase:
    return DocumentCase(id, description, text)


DELIMITER_CASES = [
    _doc("plain", "an ordinary record", f"---\n{_FM}---\n{_BODY}"),
    _doc("bom", "a UTF-8 BOM before the opening ---", f"\ufeff---\n{_FM}---\n{_BODY}"),
    _doc("bom-twice", "two BOMs", f"\ufeff\ufeff---\n{_FM}---\n{_BODY}"),
    _doc("bom-mid", "a BOM at the start of the second line", f"---\n\ufeff{_FM}---\n{_BODY}"),
    _doc("open-formfeed", "---\\f as the opening line", f"---\f\n{_FM}---\n{_BODY}"),
    _doc("open-trailing-spaces", "--- and spaces", f"---   \n{_FM}---\n{_BODY}"),
    _doc("open-trailing-tab", "--- and a tab", f"---\t\n{_FM}---\n{_BODY}"),
    _doc("open-vtab", "--- and a vertical tab", f"---\v\n{_FM}---\n{_BODY}"),
    _doc(
        "open-crlf",
        "CRLF line ends",
        f"---\r\n{_FM.replace(chr(10), chr(13) + chr(10))}---\r\n{_BODY}",
    ),
    _doc("open-cr-only", "CR line ends only", f"---\r{_FM.replace(chr(10), chr(13))}---\r{_BODY}"),
    _doc("open-four-dashes", "---- as the opening line", f"----\n{_FM}---\n{_BODY}"),
    _doc("open-comment", "--- # comment", f"--- # fm\n{_FM}---\n{_BODY}"),
    _doc("open-leading-space", "a space before ---", f" ---\n{_FM}---\n{_BODY}"),
    _doc("open-leading-blank", "an empty line before ---", f"\n---\n{_FM}---\n{_BODY}"),
    _doc("open-with-value", "--- with a value on the line", f"--- title: x\n{_FM}---\n{_BODY}"),
    _doc("close-dots", "... as the closing line", f"---\n{_FM}...\n{_BODY}"),
    _doc("close-trailing-spaces", "closing --- with spaces", f"---\n{_FM}---   \n{_BODY}"),
    _doc("close-formfeed", "closing ---\\f", f"---\n{_FM}---\f\n{_BODY}"),
    _doc("close-four-dashes", "closing ----", f"---\n{_FM}----\n{_BODY}"),
    _doc("close-text-after", "closing --- with text", f"---\n{_FM}--- x\n{_BODY}"),
    _doc("close-crlf", "closing ---\\r\\n only", f"---\n{_FM}---\r\n{_BODY}"),
    _doc("close-at-eof", "closing --- with no newline at the end of file", f"---\n{_FM}---"),
    _doc("close-indented", "an indented closing line", f"---\n{_FM}  ---\n{_BODY}"),
    _doc("no-close", "no closing line", f"---\n{_FM}{_BODY}"),
    _doc("only-open", "only the opening line", "---\n"),
    _doc("only-open-no-newline", "--- and nothing else", "---"),
    _doc("empty-file", "an empty file", ""),
    _doc("empty-front-matter", "--- then ---", f"---\n---\n{_BODY}"),
    _doc("blank-front-matter", "only blank lines", f"---\n\n\n---\n{_BODY}"),
    _doc("comment-front-matter", "only a comment", f"---\n# nothing\n---\n{_BODY}"),
    _doc(
        "second-document",
        "a second document after the front matter",
        f"---\n{_FM}---\nquality: 9\n---\n{_BODY}",
    ),
    _doc(
        "dashes-in-block",
        "--- inside a block scalar",
        f"---\nsummary: |\n  a\n---\n  b\n{_FM}---\n{_BODY}",
    ),
    _doc("yaml-directive", "%YAML 1.1 before the keys", f"---\n%YAML 1.1\n---\n{_FM}---\n{_BODY}"),
    _doc(
        "yaml-directive-12", "%YAML 1.2 before the keys", f"---\n%YAML 1.2\n---\n{_FM}---\n{_BODY}"
    ),
    _doc(
        "yaml-directive-alone",
        "%YAML 1.1 as the first front-matter line",
        f"---\n%YAML 1.1\n{_FM}---\n{_BODY}",
    ),
    _doc(
        "latin1-in-front-matter",
        "a byte that is not UTF-8 in a value",
        f"---\n{_FM}summary: caf\udce9\n---\n{_BODY}",
    ),
    _doc("latin1-in-body", "a byte that is not UTF-8 in the body", f"---\n{_FM}---\ncaf\udce9\n"),
    _doc("utf16-bom", "a UTF-16 BOM", "\udcff\udcfe-\x00-\x00-\x00\n\x00"),
    _doc(
        "c1-control",
        "a C1 control character in a value",
        f"---\n{_FM}summary: a\x85b\n---\n{_BODY}",
    ),
    _doc("del-char", "a DEL character in a value", f"---\n{_FM}summary: a\x7fb\n---\n{_BODY}"),
    _doc("escape-char", "an ESC character in a value", f"---\n{_FM}summary: a\x1bb\n---\n{_BODY}"),
    _doc("zero-width-space", "a zero-width space before a key", f"---\n\u200b{_FM}---\n{_BODY}"),
    _doc(
        "trailing-tab-value",
        "a tab after a value",
        f"---\npublished: true\t\nquality: 7\n---\n{_BODY}",
    ),
    _doc(
        "key-trailing-space",
        "a space before the colon",
        f"---\npublished : false\nquality: 7\n---\n{_BODY}",
    ),
    _doc(
        "key-case", "Published with a capital", f"---\nPublished: false\nquality: 7\n---\n{_BODY}"
    ),
    _doc(
        "dashes-in-quoted",
        "a line --- inside a quoted text",
        f'---\nsummary: "a\n---\nb"\n{_FM}---\n{_BODY}',
    ),
    _doc(
        "dots-in-block",
        "a line ... inside a block scalar",
        f"---\nsummary: |\n  a\n...\n  b\n{_FM}---\n{_BODY}",
    ),
    _doc("close-glued-body", "closing --- with the body on the same line", f"---\n{_FM}---Body\n"),
    _doc("close-dots-text", "closing ... with text", f"---\n{_FM}... x\n{_BODY}"),
    _doc(
        "deep-nesting",
        "a list nested 100 deep",
        "---\ndeep: " + "[" * 100 + "]" * 100 + f"\n---\n{_BODY}",
    ),
    _doc(
        "long-key",
        "a key of 1,100 characters (libyaml's simple-key limit is 1024)",
        "---\n" + "k" * 1100 + f": x\n{_FM}---\n{_BODY}",
    ),
    _doc("open-nbsp", "--- and a no-break space", f"---\u00a0\n{_FM}---\n{_BODY}"),
    _doc("close-nbsp", "closing --- and a no-break space", f"---\n{_FM}---\u00a0\n{_BODY}"),
    _doc("open-crlf-rest-lf", "---\\r\\n, then LF line ends", f"---\r\n{_FM}---\n{_BODY}"),
    _doc("yaml-directive-20", "%YAML 2.0", f"---\n%YAML 2.0\n---\n{_FM}---\n{_BODY}"),
    _doc("empty-key", "a key that is empty", f"---\n{_FM}: x\n---\n{_BODY}"),
    _doc("on-key", "on: as a key", f"---\n{_FM}on: x\n---\n{_BODY}"),
    _doc(
        "indented-front-matter",
        "every line indented by two spaces",
        f"---\n  published: true\n  quality: 7\n---\n{_BODY}",
    ),
    _doc(
        "key-without-space",
        "published:false (no space after the colon)",
        f"---\npublished:false\n---\n{_BODY}",
    ),
    _doc(
        "keys-without-space",
        "two keys with no space after the colon",
        f"---\npublished:false\nquality:7\n---\n{_BODY}",
    ),
    _doc(
        "value-on-next-line",
        "a value on the line after its key",
        f"---\npublished:\n  false\nquality: 7\n---\n{_BODY}",
    ),
    _doc(
        "tag-directive",
        "%TAG directive",
        f"---\n%TAG !e! tag:example.com,2000:\n---\n{_FM}---\n{_BODY}",
    ),
    _doc("list-front-matter", "a list as front matter", f"---\n- a\n- b\n---\n{_BODY}"),
    _doc("scalar-front-matter", "a text as front matter", f"---\njust text\n---\n{_BODY}"),
    _doc("number-front-matter", "a number as front matter", f"---\n42\n---\n{_BODY}"),
    _doc("false-front-matter", "false as front matter", f"---\nfalse\n---\n{_BODY}"),
    _doc("null-front-matter", "~ as front matter", f"---\n~\n---\n{_BODY}"),
    _doc("nul-in-body", "a NUL byte in the body", f"---\n{_FM}---\nBody\x00text.\n"),
    _doc(
        "nul-in-front-matter", "a NUL byte in a value", f"---\n{_FM}summary: a\x00b\n---\n{_BODY}"
    ),
    _doc("tab-indent", "a tab as indentation", f"---\n{_FM}author:\n\tname: x\n---\n{_BODY}"),
    _doc("duplicate-key", "a key written twice", f"---\n{_FM}quality: 9\n---\n{_BODY}"),
    _doc("syntax-error", "a YAML syntax error", f"---\n{_FM}summary: [a\n---\n{_BODY}"),
    _doc("published-n", "published: n", f"---\npublished: n\nquality: 7\n---\n{_BODY}"),
    _doc("published-no", "published: no", f"---\npublished: no\nquality: 7\n---\n{_BODY}"),
    _doc(
        "published-false-string",
        "published: 'false'",
        f"---\npublished: 'false'\nquality: 7\n---\n{_BODY}",
    ),
    _doc("published-off-upper", "published: OFF", f"---\npublished: OFF\nquality: 7\n---\n{_BODY}"),
    _doc("published-fAlSe", "published: fAlSe", f"---\npublished: fAlSe\nquality: 7\n---\n{_BODY}"),
    _doc("published-null", "published: ~", f"---\npublished: ~\nquality: 7\n---\n{_BODY}"),
    _doc(
        "title-null",
        "title: ~ (Jekyll puts a title in its place)",
        f"---\ntitle: ~\n{_FM}---\n{_BODY}",
    ),
    _doc("title-no", "title: no", f"---\ntitle: no\n{_FM}---\n{_BODY}"),
    _doc("title-yes", "title: yes", f"---\ntitle: yes\n{_FM}---\n{_BODY}"),
    _doc(
        "symbol-value", "a value that starts with a colon", f"---\n{_FM}summary: :foo\n---\n{_BODY}"
    ),
    _doc("symbol-key", "a :sym: key", f"---\n{_FM}:sym: x\n---\n{_BODY}"),
    _doc("symbol-key-plain", "a :key", f"---\n{_FM}:key: x\n---\n{_BODY}"),
    _doc("ruby-symbol-tag", "!ruby/symbol", f"---\n{_FM}summary: !ruby/symbol foo\n---\n{_BODY}"),
    _doc("set-tag", "!!set", f"---\n{_FM}labels: !!set {{a, b}}\n---\n{_BODY}"),
    _doc("omap-tag", "!!omap", f"---\n{_FM}labels: !!omap [a: 1, b: 2]\n---\n{_BODY}"),
    _doc("custom-tag", "!custom on a value", f"---\n{_FM}summary: !custom x\n---\n{_BODY}"),
    _doc(
        "custom-tag-map",
        "!custom on a mapping",
        f"---\n{_FM}author: !custom {{name: x}}\n---\n{_BODY}",
    ),
    _doc(
        "object-tag",
        "!ruby/object",
        f"---\n{_FM}author: !ruby/object:Foo {{name: x}}\n---\n{_BODY}",
    ),
    _doc(
        "tagged-front-matter", "a tag on the whole front matter", f"---\n!custom\n{_FM}---\n{_BODY}"
    ),
    _doc("date-key", "a date as a key", f"---\n{_FM}2020-02-22: x\n---\n{_BODY}"),
    _doc("int-key", "a number as a key", f"---\n{_FM}1: x\n---\n{_BODY}"),
    _doc("bool-key", "yes as a key", f"---\n{_FM}yes: x\n---\n{_BODY}"),
    _doc("null-key", "~ as a key", f"---\n{_FM}~: x\n---\n{_BODY}"),
    _doc("complex-key", "a list as a key", f"---\n{_FM}? [a, b]\n: x\n---\n{_BODY}"),
]

_BASE = "base: &b\n  published: false\n  quality: 1\n"
_BASE2 = "other: &o\n  quality: 2\n  summary: other\n"

MERGE_CASES = [
    _doc(
        "merge-before-own",
        "<< before own keys",
        f"---\n{_BASE}news:\n  <<: *b\n  quality: 9\n---\n{_BODY}",
    ),
    _doc(
        "merge-after-own",
        "<< after own keys",
        f"---\n{_BASE}news:\n  quality: 9\n  <<: *b\n---\n{_BODY}",
    ),
    _doc(
        "merge-top-after-own",
        "<< after own keys, at the top",
        f"---\n{_BASE}published: true\n<<: *b\n---\n{_BODY}",
    ),
    _doc(
        "merge-top-before-own",
        "<< before own keys, at the top",
        f"---\n{_BASE}<<: *b\npublished: true\n---\n{_BODY}",
    ),
    _doc(
        "merge-list-one", "<<: [*b]", f"---\n{_BASE}news:\n  <<: [*b]\n  quality: 9\n---\n{_BODY}"
    ),
    _doc(
        "merge-list-two", "<<: [*b, *o]", f"---\n{_BASE}{_BASE2}news:\n  <<: [*b, *o]\n---\n{_BODY}"
    ),
    _doc(
        "merge-list-two-reversed",
        "<<: [*o, *b]",
        f"---\n{_BASE}{_BASE2}news:\n  <<: [*o, *b]\n---\n{_BODY}",
    ),
    _doc(
        "merge-list-block",
        "<< with a block list",
        f"---\n{_BASE}{_BASE2}news:\n  <<:\n    - *b\n    - *o\n---\n{_BODY}",
    ),
    _doc(
        "merge-quoted",
        'a quoted "<<"',
        f'---\n{_BASE}news:\n  "<<": *b\n  quality: 9\n---\n{_BODY}',
    ),
    _doc("merge-single-quoted", "a quoted '<<'", f"---\n{_BASE}news:\n  '<<': *b\n---\n{_BODY}"),
    _doc(
        "merge-repeated",
        "<< written twice",
        f"---\n{_BASE}{_BASE2}news:\n  <<: *b\n  <<: *o\n---\n{_BODY}",
    ),
    _doc(
        "merge-inline-map",
        "<< with an inline mapping",
        f"---\nnews:\n  <<: {{quality: 3}}\n  summary: s\n---\n{_BODY}",
    ),
    _doc("merge-scalar", "<< with a scalar", f"---\nnews:\n  <<: 3\n  summary: s\n---\n{_BODY}"),
    _doc(
        "merge-list-after-own",
        "<<: [*b] after own keys",
        f"---\n{_BASE}news:\n  quality: 9\n  <<: [*b]\n---\n{_BODY}",
    ),
    _doc(
        "merge-alias-of-list",
        "<< of an alias to a list of mappings",
        f"---\nlist: &l\n  - quality: 3\nnews:\n  <<: *l\n  summary: s\n---\n{_BODY}",
    ),
    _doc(
        "merge-published",
        "published: false from a << at the top",
        f"---\n{_BASE}<<: *b\n---\n{_BODY}",
    ),
    _doc(
        "merge-empty-map",
        "<< with an empty mapping",
        f"---\nnews:\n  <<: {{}}\n  summary: s\n---\n{_BODY}",
    ),
    _doc("merge-null", "<< with ~", f"---\nnews:\n  <<: ~\n  summary: s\n---\n{_BODY}"),
    _doc("merge-tagged", "<< tagged !!merge", f"---\n{_BASE}news:\n  !!merge <<: *b\n---\n{_BODY}"),
    _doc(
        "merge-top-list", "<<: [*b] at the top", f"---\n{_BASE}<<: [*b]\nquality: 9\n---\n{_BODY}"
    ),
    _doc("merge-undefined", "<< of an undefined alias", f"---\nnews:\n  <<: *nope\n---\n{_BODY}"),
    _doc(
        "merge-nested",
        "a merged mapping that merges",
        f"---\n{_BASE}mid: &m\n  <<: *b\n  summary: m\nnews:\n  <<: *m\n---\n{_BODY}",
    ),
    _doc("alias-simple", "an alias to a mapping", f"---\n{_BASE}news: *b\n---\n{_BODY}"),
    _doc("alias-scalar", "an alias to a scalar", f"---\nfirst: &t yes\nsecond: *t\n---\n{_BODY}"),
    _doc("alias-undefined", "an undefined alias", f"---\n{_FM}summary: *nope\n---\n{_BODY}"),
    _doc(
        "alias-before-anchor",
        "an alias before its anchor",
        f"---\nsummary: *a\nother: &a x\n---\n{_BODY}",
    ),
    _doc(
        "alias-tagged-str",
        "an alias of a !!str node",
        f"---\nfirst: &t !!str 010\nsecond: *t\n---\n{_BODY}",
    ),
    _doc(
        "alias-tagged-custom",
        "an alias of a !custom node",
        f"---\nfirst: &t !custom x\nsecond: *t\n---\n{_BODY}",
    ),
    _doc(
        "alias-redefined", "an anchor defined twice", f"---\na: &x 1\nb: &x 2\nc: *x\n---\n{_BODY}"
    ),
    _doc("alias-recursive", "a list that contains itself", f"---\nloop: &l [*l]\n---\n{_BODY}"),
    _doc("alias-key", "an alias as a key", f"---\nk: &k name\n*k : x\n---\n{_BODY}"),
    _doc(
        "alias-bomb",
        "a small billion-laughs (125 leaves)",
        "---\na: &a [x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
        f"---\n{_BODY}",
    ),
]

DOCUMENT_CASES = DELIMITER_CASES + MERGE_CASES

# The same files as a post and as a page, which Jekyll reads by other paths: a post is a document
# whatever its first line; a page, like a collection document, only if its first line is ---.
_PLACED = [
    "plain",
    "bom",
    "no-close",
    "list-front-matter",
    "symbol-value",
    "merge-list-one",
    "latin1-in-body",
    "published-null",
    "open-formfeed",
    "empty-file",
]
PLACE_CASES = [
    DocumentCase(f"{place}-{case.id}", f"{case.description} (a {place})", case.text, place)
    for place in ("post", "page")
    for case in DOCUMENT_CASES
    if case.id in _PLACED
]
